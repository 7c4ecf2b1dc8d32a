package io.ambientretail.privacy;

/**
 * A purpose for which personal data is used (GDPR Art. 5(1)(b) purpose limitation): consent, legal
 * bases and access checks are all per purpose.
 *
 * <p>An open set: define your own with {@link #of}; equal names are equal values. Immutable.
 */
public final class Purpose {
  /** Selling to the shopper: checkout, payment, receipts, refunds. */
  public static final Purpose ORDER_FULFILMENT = new Purpose("order-fulfilment");

  /** Running the loyalty programme the shopper joined. */
  public static final Purpose LOYALTY = new Purpose("loyalty");

  /** Offers and messages to the shopper. */
  public static final Purpose MARKETING = new Purpose("marketing");

  /** Aggregate statistics about sales and store use. */
  public static final Purpose ANALYTICS = new Purpose("analytics");

  /** Recommendations tailored to the shopper. */
  public static final Purpose PERSONALISATION = new Purpose("personalisation");

  /** Detecting theft, fraud and payment abuse. */
  public static final Purpose FRAUD_PREVENTION = new Purpose("fraud-prevention");

  /** Keeping the store and people in it safe (camera tracks, door access). */
  public static final Purpose SECURITY = new Purpose("security");

  /** Keeping records the law requires (tax, accounting). */
  public static final Purpose LEGAL_OBLIGATION = new Purpose("legal-obligation");

  private final String name;

  private Purpose(String name) {
    this.name = name;
  }

  /**
   * Returns the purpose with this name.
   *
   * @throws PrivacyException if the name is not lower-case words joined by '.', '_' or '-'
   */
  public static Purpose of(String name) {
    return new Purpose(Name.check("purpose", name));
  }

  /** The purpose's name, as written in policies, audit entries and exports. */
  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Purpose && (((Purpose) o).name).equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
