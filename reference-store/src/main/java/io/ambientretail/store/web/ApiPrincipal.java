package io.ambientretail.store.web;

import io.ambientretail.store.config.Role;

/**
 * Who is calling the API: the role of the token and, for a shopper token, the shopper it belongs
 * to; {@code name} is a label for the audit trail (never the token).
 */
public record ApiPrincipal(String name, Role role, String shopperRef) {
  /** True when the role has the permission. */
  public boolean can(Role.Permission p) {
    return role.can(p);
  }
}
