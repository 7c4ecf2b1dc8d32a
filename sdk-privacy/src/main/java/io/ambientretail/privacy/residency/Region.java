package io.ambientretail.privacy.residency;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The region where personal data was collected, which decides the law it falls under and where it
 * may be sent: {@code EU}, {@code UK}, {@code CN}, or an ISO 3166 code with an optional subdivision
 * such as {@code US-CA}. An open set; immutable.
 */
public final class Region {
  /** The European Union and EEA (GDPR). */
  public static final Region EU = new Region("EU");

  /** The United Kingdom (UK GDPR). */
  public static final Region UK = new Region("UK");

  /** Mainland China (PIPL). */
  public static final Region CN = new Region("CN");

  /** California (CCPA/CPRA). */
  public static final Region US_CA = new Region("US-CA");

  /** The United States outside states with their own rules here. */
  public static final Region US = new Region("US");

  /** Singapore (PDPA). */
  public static final Region SG = new Region("SG");

  /** Japan (APPI). */
  public static final Region JP = new Region("JP");

  /** Switzerland (FADP). */
  public static final Region CH = new Region("CH");

  private static final Pattern VALID = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");

  private final String code;

  private Region(String code) {
    this.code = code;
  }

  /**
   * The region with this code.
   *
   * @throws IllegalArgumentException unless the code is two capitals with an optional subdivision
   */
  public static Region of(String code) {
    Objects.requireNonNull(code, "code");
    if (!VALID.matcher(code).matches()) {
      throw new IllegalArgumentException(
          "region code must look like 'EU', 'CN' or 'US-CA', was '" + code + "'");
    }
    return new Region(code);
  }

  /** The code. */
  public String code() {
    return code;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Region && ((Region) o).code.equals(code);
  }

  @Override
  public int hashCode() {
    return code.hashCode();
  }

  @Override
  public String toString() {
    return code;
  }
}
