package io.ambientretail.privacy.dsr;

import java.time.Duration;
import java.util.Objects;

/**
 * A data-protection regime and how long it gives to answer a data-subject request.
 *
 * <p>The built-in deadlines are the statutory base periods (extensions the law allows are not
 * applied automatically): GDPR and UK GDPR one month (taken as 30 days), CCPA/CPRA 45 days, PIPL 15
 * working days (taken as 21 calendar days), Singapore PDPA 30 days, Brazil LGPD 15 days, Japan APPI
 * "without delay" (taken as 14 days; set your own with {@link #of}). An open set. Immutable.
 */
public final class Regime {
  /** EU General Data Protection Regulation: one month. */
  public static final Regime GDPR = new Regime("GDPR", Duration.ofDays(30));

  /** UK GDPR: one month. */
  public static final Regime UK_GDPR = new Regime("UK-GDPR", Duration.ofDays(30));

  /** California CCPA/CPRA: 45 days. */
  public static final Regime CCPA = new Regime("CCPA", Duration.ofDays(45));

  /** China PIPL: 15 working days, about 21 calendar days. */
  public static final Regime PIPL = new Regime("PIPL", Duration.ofDays(21));

  /** Singapore PDPA: 30 days. */
  public static final Regime PDPA = new Regime("PDPA", Duration.ofDays(30));

  /** Brazil LGPD: 15 days. */
  public static final Regime LGPD = new Regime("LGPD", Duration.ofDays(15));

  /** Japan APPI: without delay; 14 days here. */
  public static final Regime APPI = new Regime("APPI", Duration.ofDays(14));

  private final String name;
  private final Duration deadline;

  private Regime(String name, Duration deadline) {
    this.name = name;
    this.deadline = deadline;
  }

  /**
   * A regime of your own.
   *
   * @throws IllegalArgumentException if the deadline is not positive
   */
  public static Regime of(String name, Duration deadline) {
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be positive");
    }
    return new Regime(Objects.requireNonNull(name, "name"), deadline);
  }

  /** The regime's name. */
  public String name() {
    return name;
  }

  /** How long after receipt the answer is due. */
  public Duration deadline() {
    return deadline;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Regime
        && ((Regime) o).name.equals(name)
        && ((Regime) o).deadline.equals(deadline);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name + "(" + deadline.toDays() + " days)";
  }
}
