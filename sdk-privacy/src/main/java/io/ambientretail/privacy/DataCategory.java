package io.ambientretail.privacy;

/**
 * A category of personal data, declared on every personal field so retention, access and requests
 * can treat it by kind.
 *
 * <p>An open set: define your own with {@link #of}; equal names are equal values. Immutable.
 */
public final class DataCategory {
  /** E-mail address, phone number, postal address. */
  public static final DataCategory CONTACT = new DataCategory("contact");

  /** Name, date of birth, age band, government ids. */
  public static final DataCategory IDENTITY = new DataCategory("identity");

  /** A token or keyed fingerprint standing for a payment card (never the PAN itself). */
  public static final DataCategory FINANCIAL_TOKEN = new DataCategory("financial-token");

  /** A phone, app or browser identifier. */
  public static final DataCategory DEVICE_ID = new DataCategory("device-id");

  /** Positions of a person over time in a store (camera or sensor tracks). */
  public static final DataCategory LOCATION_TRACK = new DataCategory("location-track");

  /** A face or body template that can recognise a person (special category). */
  public static final DataCategory BIOMETRIC_TEMPLATE = new DataCategory("biometric-template");

  /** Receipts, baskets and loyalty transactions. */
  public static final DataCategory PURCHASE_HISTORY = new DataCategory("purchase-history");

  /** A keyed pseudonym that is still personal data for whoever holds the key. */
  public static final DataCategory PSEUDONYM = new DataCategory("pseudonym");

  private final String name;

  private DataCategory(String name) {
    this.name = name;
  }

  /**
   * Returns the category with this name.
   *
   * @throws PrivacyException if the name is not lower-case words joined by '.', '_' or '-'
   */
  public static DataCategory of(String name) {
    return new DataCategory(Name.check("category", name));
  }

  /** The category's name, as written in policies, audit entries and exports. */
  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataCategory && (((DataCategory) o).name).equals(name);
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
