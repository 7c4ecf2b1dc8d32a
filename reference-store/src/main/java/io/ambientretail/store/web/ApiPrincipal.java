package io.ambientretail.store.web;

import io.ambientretail.store.config.Role;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling the API: the role of the token and, for a shopper token, the shopper it belongs
 * to. {@code name} is the actor sdk-privacy's access controller and the audit trail know the token
 * by: a label such as {@code operator-token-1}, or {@code shopper:ps_...} (the shopper's audit
 * pseudonym); never the token, never the shopper reference.
 */
public record ApiPrincipal(String name, Role role, @Nullable String shopperRef) {}
