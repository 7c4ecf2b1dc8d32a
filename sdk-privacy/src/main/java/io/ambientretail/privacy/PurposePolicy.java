package io.ambientretail.privacy;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which category of personal data may be used for which purpose, and on which {@link LegalBasis}.
 * Anything not declared is refused: purpose limitation by default.
 *
 * <p>Immutable; build with {@link #builder()}.
 */
public final class PurposePolicy {
  private final Map<DataCategory, Map<Purpose, LegalBasis>> rules;

  private PurposePolicy(Map<DataCategory, Map<Purpose, LegalBasis>> rules) {
    Map<DataCategory, Map<Purpose, LegalBasis>> copy = new HashMap<>();
    rules.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
    this.rules = Map.copyOf(copy);
  }

  /** Starts an empty policy. */
  public static Builder builder() {
    return new Builder();
  }

  /** A typical store: contract for selling, consent for loyalty, marketing and camera analytics. */
  public static PurposePolicy retailDefaults() {
    return builder()
        .allow(DataCategory.PURCHASE_HISTORY, Purpose.ORDER_FULFILMENT, LegalBasis.CONTRACT)
        .allow(DataCategory.PURCHASE_HISTORY, Purpose.LEGAL_OBLIGATION, LegalBasis.LEGAL_OBLIGATION)
        .allow(DataCategory.PURCHASE_HISTORY, Purpose.LOYALTY, LegalBasis.CONSENT)
        .allow(DataCategory.PURCHASE_HISTORY, Purpose.PERSONALISATION, LegalBasis.CONSENT)
        .allow(DataCategory.PURCHASE_HISTORY, Purpose.ANALYTICS, LegalBasis.LEGITIMATE_INTEREST)
        .allow(DataCategory.FINANCIAL_TOKEN, Purpose.ORDER_FULFILMENT, LegalBasis.CONTRACT)
        .allow(
            DataCategory.FINANCIAL_TOKEN, Purpose.FRAUD_PREVENTION, LegalBasis.LEGITIMATE_INTEREST)
        .allow(DataCategory.CONTACT, Purpose.ORDER_FULFILMENT, LegalBasis.CONTRACT)
        .allow(DataCategory.CONTACT, Purpose.MARKETING, LegalBasis.CONSENT)
        .allow(DataCategory.CONTACT, Purpose.LOYALTY, LegalBasis.CONSENT)
        .allow(DataCategory.LOCATION_TRACK, Purpose.ORDER_FULFILMENT, LegalBasis.CONTRACT)
        .allow(DataCategory.LOCATION_TRACK, Purpose.SECURITY, LegalBasis.LEGITIMATE_INTEREST)
        .allow(DataCategory.LOCATION_TRACK, Purpose.ANALYTICS, LegalBasis.CONSENT)
        .allow(DataCategory.BIOMETRIC_TEMPLATE, Purpose.SECURITY, LegalBasis.CONSENT)
        .allow(DataCategory.DEVICE_ID, Purpose.LOYALTY, LegalBasis.CONSENT)
        .allow(DataCategory.PSEUDONYM, Purpose.LEGAL_OBLIGATION, LegalBasis.LEGAL_OBLIGATION)
        .build();
  }

  /** The basis for using {@code category} for {@code purpose}, or null when not allowed at all. */
  public @Nullable LegalBasis basis(DataCategory category, Purpose purpose) {
    Map<Purpose, LegalBasis> m = rules.get(category);
    return m == null ? null : m.get(purpose);
  }

  @Override
  public String toString() {
    return "PurposePolicy" + rules;
  }

  /** Collects the rules of a {@link PurposePolicy}; not thread-safe. */
  public static final class Builder {
    private final Map<DataCategory, Map<Purpose, LegalBasis>> rules = new HashMap<>();

    private Builder() {}

    /** Allows {@code category} for {@code purpose} on {@code basis}. */
    public Builder allow(DataCategory category, Purpose purpose, LegalBasis basis) {
      rules
          .computeIfAbsent(Objects.requireNonNull(category, "category"), k -> new HashMap<>())
          .put(Objects.requireNonNull(purpose, "purpose"), Objects.requireNonNull(basis, "basis"));
      return this;
    }

    /** Builds the policy. */
    public PurposePolicy build() {
      return new PurposePolicy(rules);
    }
  }
}
