package io.ambientretail.privacy.dsr;

import io.ambientretail.privacy.PersonalData;
import io.ambientretail.privacy.PrivacyException;
import io.ambientretail.privacy.Purpose;
import io.ambientretail.privacy.SubjectId;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A data-subject request as received: its id (the idempotency key: submitting the same id again
 * returns the same request), the subject, the kind, the regime that sets the deadline, when it
 * arrived, and for {@link DsrKind#RECTIFY} and {@link DsrKind#OBJECT} what to change.
 *
 * <p>Immutable; build with {@link #builder()}.
 */
public final class DsrRequest {
  private final String id;

  @PersonalData(
      category = "pseudonym",
      purposes = {"legal-obligation"})
  private final SubjectId subject;

  private final DsrKind kind;
  private final Regime regime;
  private final Instant received;
  private final @Nullable String store;
  private final @Nullable String recordId;
  private final @Nullable String field;

  @PersonalData(
      category = "identity",
      purposes = {"legal-obligation"})
  private final @Nullable String value;

  private final @Nullable Purpose purpose;

  private DsrRequest(Builder b) {
    this.id = b.id;
    this.subject = b.subject;
    this.kind = b.kind;
    this.regime = b.regime;
    this.received = b.received;
    this.store = b.store;
    this.recordId = b.recordId;
    this.field = b.field;
    this.value = b.value;
    this.purpose = b.purpose;
  }

  /** Starts a request. */
  public static Builder builder() {
    return new Builder();
  }

  /** The request id (idempotency key). */
  public String id() {
    return id;
  }

  /** Whose data. */
  public SubjectId subject() {
    return subject;
  }

  /** What is asked. */
  public DsrKind kind() {
    return kind;
  }

  /** The regime whose deadline applies. */
  public Regime regime() {
    return regime;
  }

  /** When it arrived. */
  public Instant received() {
    return received;
  }

  /** When the answer is due. */
  public Instant due() {
    return received.plus(regime.deadline());
  }

  /** For RECTIFY: the store holding the record; otherwise null. */
  public @Nullable String store() {
    return store;
  }

  /** For RECTIFY: the record; otherwise null. */
  public @Nullable String recordId() {
    return recordId;
  }

  /** For RECTIFY: the field; otherwise null. */
  public @Nullable String field() {
    return field;
  }

  /** For RECTIFY: the corrected value; otherwise null. */
  public @Nullable String value() {
    return value;
  }

  /** For OBJECT: the purpose objected to; otherwise null. */
  public @Nullable Purpose purpose() {
    return purpose;
  }

  boolean sameAs(DsrRequest o) {
    return id.equals(o.id)
        && subject.equals(o.subject)
        && kind == o.kind
        && regime.equals(o.regime)
        && Objects.equals(store, o.store)
        && Objects.equals(recordId, o.recordId)
        && Objects.equals(field, o.field)
        && Objects.equals(value, o.value)
        && Objects.equals(purpose, o.purpose);
  }

  @Override
  public String toString() {
    return "DsrRequest{" + id + " " + kind + " " + regime + "}";
  }

  /** Collects a {@link DsrRequest}; not thread-safe. */
  public static final class Builder {
    private String id;

    @PersonalData(
        category = "pseudonym",
        purposes = {"legal-obligation"})
    private SubjectId subject;

    private DsrKind kind;
    private Regime regime;
    private Instant received;
    private @Nullable String store;
    private @Nullable String recordId;
    private @Nullable String field;

    @PersonalData(
        category = "identity",
        purposes = {"legal-obligation"})
    private @Nullable String value;

    private @Nullable Purpose purpose;

    private Builder() {}

    /** Sets the id. */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** Sets the subject. */
    public Builder subject(SubjectId subject) {
      this.subject = subject;
      return this;
    }

    /** Sets the kind. */
    public Builder kind(DsrKind kind) {
      this.kind = kind;
      return this;
    }

    /** Sets the regime. */
    public Builder regime(Regime regime) {
      this.regime = regime;
      return this;
    }

    /** Sets when it arrived. */
    public Builder received(Instant received) {
      this.received = received;
      return this;
    }

    /** For RECTIFY: which field of which record in which store, and the corrected value. */
    public Builder rectify(String store, String recordId, String field, String value) {
      this.store = store;
      this.recordId = recordId;
      this.field = field;
      this.value = value;
      return this;
    }

    /** For OBJECT: the purpose. */
    public Builder purpose(Purpose purpose) {
      this.purpose = purpose;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws PrivacyException with {@link PrivacyException#DSR_INVALID} naming what is missing
     */
    public DsrRequest build() {
      if (id == null || id.isEmpty() || id.length() > 128) {
        throw invalid("a request id of 1 to 128 characters is required");
      }
      if (subject == null || kind == null || regime == null || received == null) {
        throw invalid("request " + id + " needs a subject, kind, regime and received time");
      }
      if (kind == DsrKind.RECTIFY
          && (store == null || recordId == null || field == null || value == null)) {
        throw invalid("request " + id + ": RECTIFY needs store, record, field and value");
      }
      if (kind == DsrKind.OBJECT && purpose == null) {
        throw invalid("request " + id + ": OBJECT needs a purpose");
      }
      return new DsrRequest(this);
    }

    private static PrivacyException invalid(String m) {
      return new PrivacyException(PrivacyException.DSR_INVALID, m);
    }
  }
}
