package io.ambientretail.privacy.audit;

import io.ambientretail.privacy.PrivacyException;
import java.util.Objects;

/**
 * What happened, as a caller reports it to the {@link AuditLog}: who did what to which resource,
 * from where, and whether it succeeded (the PCI DSS 10.2.2 fields; the log adds when).
 *
 * <p>Immutable. Every field is validated by {@link Builder#build()}: present (only {@code detail}
 * may be empty), within its length limit, and free of control characters, so an entry can never
 * forge a line of a log file. Put pseudonyms, not names, card numbers or e-mail addresses, in
 * {@code actor} and {@code resource}: the audit log is kept longer than the data it describes.
 */
public final class AuditEvent {
  /** Longest {@code actor}, in characters. */
  public static final int MAX_ACTOR = 256;

  /** Longest {@code action}, in characters. */
  public static final int MAX_ACTION = 128;

  /** Longest {@code origin}, in characters. */
  public static final int MAX_ORIGIN = 256;

  /** Longest {@code resource}, in characters. */
  public static final int MAX_RESOURCE = 512;

  /** Longest {@code detail}, in characters. */
  public static final int MAX_DETAIL = 4096;

  private final String actor;
  private final String action;
  private final AuditOutcome outcome;
  private final String origin;
  private final String resource;
  private final String detail;

  private AuditEvent(Builder b) {
    this.actor = check("actor", b.actor, MAX_ACTOR, false);
    this.action = check("action", b.action, MAX_ACTION, false);
    this.outcome = Objects.requireNonNull(b.outcome, "outcome");
    this.origin = check("origin", b.origin, MAX_ORIGIN, false);
    this.resource = check("resource", b.resource, MAX_RESOURCE, false);
    this.detail = check("detail", b.detail, MAX_DETAIL, true);
  }

  /** Starts an event; every field but {@code detail} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  static String check(String field, String value, int max, boolean mayBeEmpty) {
    if (value == null) {
      throw new PrivacyException(PrivacyException.AUDIT_FIELD, field + " is missing");
    }
    if (value.isEmpty() && !mayBeEmpty) {
      throw new PrivacyException(PrivacyException.AUDIT_FIELD, field + " is empty");
    }
    if (value.length() > max) {
      throw new PrivacyException(
          PrivacyException.AUDIT_FIELD,
          field + " is " + value.length() + " characters, at most " + max + " allowed");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f || (Character.isSurrogate(c) && !validSurrogate(value, i))) {
        throw new PrivacyException(
            PrivacyException.AUDIT_FIELD,
            field + " has a control character or broken surrogate at position " + i);
      }
      if (Character.isHighSurrogate(c)) {
        i++;
      }
    }
    return value;
  }

  private static boolean validSurrogate(String s, int i) {
    return Character.isHighSurrogate(s.charAt(i))
        && i + 1 < s.length()
        && Character.isLowSurrogate(s.charAt(i + 1));
  }

  /** Who acted: a user, service or device id (a pseudonym for shoppers). */
  public String actor() {
    return actor;
  }

  /** What was done, as a dotted verb such as {@code personal-data.read} or {@code role.grant}. */
  public String action() {
    return action;
  }

  /** Whether it succeeded. */
  public AuditOutcome outcome() {
    return outcome;
  }

  /** Where the request came from: a host, terminal, IP address or component name. */
  public String origin() {
    return origin;
  }

  /** The affected data, component or resource, such as {@code receipt/R-1001}. */
  public String resource() {
    return resource;
  }

  /** Free text for a reviewer; may be empty, never personal data. */
  public String detail() {
    return detail;
  }

  @Override
  public String toString() {
    return "AuditEvent{" + actor + " " + action + " " + resource + " " + outcome + "}";
  }

  /** Collects the fields of an {@link AuditEvent}; not thread-safe. */
  public static final class Builder {
    private String actor;
    private String action;
    private AuditOutcome outcome;
    private String origin;
    private String resource;
    private String detail = "";

    private Builder() {}

    /** Sets who acted. */
    public Builder actor(String actor) {
      this.actor = actor;
      return this;
    }

    /** Sets what was done. */
    public Builder action(String action) {
      this.action = action;
      return this;
    }

    /** Sets whether it succeeded. */
    public Builder outcome(AuditOutcome outcome) {
      this.outcome = outcome;
      return this;
    }

    /** Sets where the request came from. */
    public Builder origin(String origin) {
      this.origin = origin;
      return this;
    }

    /** Sets the affected resource. */
    public Builder resource(String resource) {
      this.resource = resource;
      return this;
    }

    /** Sets free text for a reviewer (default empty). */
    public Builder detail(String detail) {
      this.detail = detail;
      return this;
    }

    /**
     * Validates and builds the event.
     *
     * @throws PrivacyException with {@link PrivacyException#AUDIT_FIELD} naming the bad field
     */
    public AuditEvent build() {
      if (outcome == null) {
        throw new PrivacyException(PrivacyException.AUDIT_FIELD, "outcome is missing");
      }
      return new AuditEvent(this);
    }
  }
}
