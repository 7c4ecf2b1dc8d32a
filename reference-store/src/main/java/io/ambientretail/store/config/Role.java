package io.ambientretail.store.config;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A role an API token carries, with its permissions. Mirrors the roles of sdk-privacy's role-based
 * access (admin, operator, auditor, viewer, shopper) until the store wires that module.
 */
public enum Role {
  /** Everything. */
  ADMIN(EnumSet.allOf(Permission.class)),
  /** Runs the store: reads everything operational, refunds, adjusts stock, handles DSRs. */
  OPERATOR(EnumSet.of(Permission.READ_STORE, Permission.READ_PAYMENTS, Permission.REFUND,
      Permission.ADJUST_STOCK, Permission.HANDLE_DSR, Permission.READ_RECEIPTS)),
  /** Reads the audit trail and the payment journal, changes nothing. */
  AUDITOR(EnumSet.of(Permission.READ_STORE, Permission.READ_PAYMENTS, Permission.READ_AUDIT,
      Permission.READ_RECEIPTS)),
  /** Reads non-personal operational data: devices, stock, KPIs, alerts. */
  VIEWER(EnumSet.of(Permission.READ_STORE)),
  /** A shopper: sees only their own receipts. */
  SHOPPER(EnumSet.of(Permission.READ_OWN_RECEIPTS));

  private final Set<Permission> permissions;

  Role(Set<Permission> permissions) {
    this.permissions = permissions;
  }

  /** True when this role has {@code p}. */
  public boolean can(Permission p) {
    return permissions.contains(p);
  }

  /** Parses a role name (case-insensitive). */
  public static Role parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown role '" + text
          + "' (expected admin, operator, auditor, viewer or shopper)", e);
    }
  }

  /** What a request may do. */
  public enum Permission {
    /** Status, devices, stock, KPIs, alerts, replenishment. */
    READ_STORE,
    /** Payment journal and sessions with card tokens. */
    READ_PAYMENTS,
    /** Every receipt. */
    READ_RECEIPTS,
    /** Receipts of the token's own shopper. */
    READ_OWN_RECEIPTS,
    /** Refunds and payment adjustments. */
    REFUND,
    /** Stock adjustments and restocking. */
    ADJUST_STOCK,
    /** Data-subject requests. */
    HANDLE_DSR,
    /** The audit trail. */
    READ_AUDIT
  }
}
