package io.ambientretail.store.config;

import io.ambientretail.privacy.RolePolicy;
import java.util.Locale;

/**
 * The role names a store configuration gives its API tokens, each standing for one of sdk-privacy's
 * {@link io.ambientretail.privacy.Role}s; what a role may do is the store's {@link RolePolicy}
 * ({@link #POLICY}) over sdk-privacy {@link io.ambientretail.privacy.Permission}s ({@link
 * Permission}), checked and audited by sdk-privacy's {@link
 * io.ambientretail.privacy.AccessController}.
 */
public enum Role {
  /** Everything, including issuing shopper tokens ({@code admin}). */
  ADMIN(io.ambientretail.privacy.Role.ADMIN),
  /** Runs the store: operations, payments, refunds, stock, receipts, DSRs (store-operator). */
  OPERATOR(io.ambientretail.privacy.Role.STORE_OPERATOR),
  /** Reads and verifies the audit trail and payment journal, changes nothing ({@code auditor}). */
  AUDITOR(io.ambientretail.privacy.Role.AUDITOR),
  /** Reads non-personal operational data: devices, stock, KPIs, alerts ({@code viewer}). */
  VIEWER(io.ambientretail.privacy.Role.of("viewer")),
  /** A shopper: sees only their own receipts ({@code shopper}). */
  SHOPPER(io.ambientretail.privacy.Role.SHOPPER);

  private final io.ambientretail.privacy.Role role;

  Role(io.ambientretail.privacy.Role role) {
    this.role = role;
  }

  /** The sdk-privacy role this configuration name stands for. */
  public io.ambientretail.privacy.Role privacyRole() {
    return role;
  }

  /** Parses a role name (case-insensitive). */
  public static Role parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown role '" + text + "' (expected admin, operator, auditor, viewer or shopper)", e);
    }
  }

  /**
   * The sdk-privacy permissions the store's API checks: sdk-privacy's own where one fits, and the
   * store's operational ones ({@code store.read}, {@code payments.read}, {@code payments.refund}).
   */
  public static final class Permission {
    /** Status, devices, stock, carts, KPIs, alerts, replenishment, live events. */
    public static final io.ambientretail.privacy.Permission READ_STORE =
        io.ambientretail.privacy.Permission.of("store.read");

    /** The payment journal, refunds and sessions with card labels. */
    public static final io.ambientretail.privacy.Permission READ_PAYMENTS =
        io.ambientretail.privacy.Permission.of("payments.read");

    /** Every shopper's receipts: personal data read in the course of work. */
    public static final io.ambientretail.privacy.Permission READ_RECEIPTS =
        io.ambientretail.privacy.Permission.PERSONAL_DATA_READ;

    /** The receipts of the token's own shopper. */
    public static final io.ambientretail.privacy.Permission READ_OWN_RECEIPTS =
        io.ambientretail.privacy.Permission.OWN_DATA_READ;

    /** Refunds and payment adjustments. */
    public static final io.ambientretail.privacy.Permission REFUND =
        io.ambientretail.privacy.Permission.of("payments.refund");

    /**
     * Deciding walk-out receipts held for review: approve, adjust or void the basket before the
     * money is captured ({@code receipts.review}).
     */
    public static final io.ambientretail.privacy.Permission REVIEW_RECEIPTS =
        io.ambientretail.privacy.Permission.of("receipts.review");

    /** Stock adjustments and restocking. */
    public static final io.ambientretail.privacy.Permission ADJUST_STOCK =
        io.ambientretail.privacy.Permission.STORE_OPERATE;

    /** Data-subject requests and the retention report. */
    public static final io.ambientretail.privacy.Permission HANDLE_DSR =
        io.ambientretail.privacy.Permission.DSR_HANDLE;

    /** The audit trail. */
    public static final io.ambientretail.privacy.Permission READ_AUDIT =
        io.ambientretail.privacy.Permission.AUDIT_READ;

    /** Verifying the audit trail and fetching its signed checkpoints. */
    public static final io.ambientretail.privacy.Permission VERIFY_AUDIT =
        io.ambientretail.privacy.Permission.AUDIT_VERIFY;

    /**
     * Re-commanding the walk-out exit gate for a settled exit (the remote override when the gate
     * did not open); never the entry door.
     */
    public static final io.ambientretail.privacy.Permission OPERATE_EXIT_GATE =
        io.ambientretail.privacy.Permission.of("doors.exit-override");

    /** Issuing shopper tokens (granting the shopper role). */
    public static final io.ambientretail.privacy.Permission ISSUE_TOKENS =
        io.ambientretail.privacy.Permission.ROLE_ASSIGN;

    private Permission() {}
  }

  /** What each role may do in the store (same grants as before the store used sdk-privacy). */
  public static final RolePolicy POLICY =
      RolePolicy.builder()
          .allow(
              ADMIN.role,
              Permission.READ_STORE,
              Permission.READ_PAYMENTS,
              Permission.READ_RECEIPTS,
              Permission.REFUND,
              Permission.ADJUST_STOCK,
              Permission.HANDLE_DSR,
              Permission.READ_AUDIT,
              Permission.VERIFY_AUDIT,
              Permission.ISSUE_TOKENS,
              io.ambientretail.privacy.Permission.PERSONAL_DATA_RECTIFY,
              Permission.OPERATE_EXIT_GATE)
          .allow(
              OPERATOR.role,
              Permission.READ_STORE,
              Permission.READ_PAYMENTS,
              Permission.REFUND,
              Permission.ADJUST_STOCK,
              Permission.HANDLE_DSR,
              Permission.READ_RECEIPTS,
              io.ambientretail.privacy.Permission.PERSONAL_DATA_RECTIFY,
              Permission.OPERATE_EXIT_GATE)
          .allow(ADMIN.role, Permission.REVIEW_RECEIPTS)
          .allow(OPERATOR.role, Permission.REVIEW_RECEIPTS)
          .allow(
              AUDITOR.role,
              Permission.READ_STORE,
              Permission.READ_PAYMENTS,
              Permission.READ_AUDIT,
              Permission.VERIFY_AUDIT,
              Permission.READ_RECEIPTS)
          .allow(VIEWER.role, Permission.READ_STORE)
          .allow(
              SHOPPER.role,
              Permission.READ_OWN_RECEIPTS,
              io.ambientretail.privacy.Permission.OWN_CONSENT_MANAGE)
          .build();
}
