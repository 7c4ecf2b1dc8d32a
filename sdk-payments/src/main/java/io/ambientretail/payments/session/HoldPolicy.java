package io.ambientretail.payments.session;

import io.ambientretail.core.Money;
import java.time.Duration;
import java.util.Objects;

/**
 * How much a walk-out session holds on the card and how it keeps the hold ahead of the basket.
 *
 * <p>{@code hold} is authorised at entry. When the basket total passes what is authorised, the
 * session increments by the shortfall rounded up to a multiple of {@code incrementStep}, so a
 * shopper adding items one by one does not cost one increment each. The session captures or
 * releases {@code settleMargin} before the capture deadline the gateway gave; when the gateway gave
 * none, it assumes {@code fallbackCaptureWindow} from the authorisation. Immutable.
 */
public final class HoldPolicy {
  private final Money hold;
  private final Money incrementStep;
  private final Duration settleMargin;
  private final Duration fallbackCaptureWindow;

  private HoldPolicy(Builder b) {
    this.hold = b.hold;
    this.incrementStep = b.incrementStep == null ? b.hold : b.incrementStep;
    this.settleMargin = b.settleMargin;
    this.fallbackCaptureWindow = b.fallbackCaptureWindow;
  }

  /** Starts a policy that holds {@code hold} at entry. */
  public static Builder builder(Money hold) {
    return new Builder(hold);
  }

  /** The amount authorised at entry. */
  public Money hold() {
    return hold;
  }

  /** Increments are rounded up to a multiple of this. */
  public Money incrementStep() {
    return incrementStep;
  }

  /** How long before the capture deadline the session settles. */
  public Duration settleMargin() {
    return settleMargin;
  }

  /** The capture window assumed when the gateway states no deadline. */
  public Duration fallbackCaptureWindow() {
    return fallbackCaptureWindow;
  }

  /** Configures a {@link HoldPolicy}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private final Money hold;
    private Money incrementStep;
    private Duration settleMargin = Duration.ofHours(1);
    private Duration fallbackCaptureWindow = Duration.ofDays(1);

    private Builder(Money hold) {
      this.hold = Objects.requireNonNull(hold, "hold");
    }

    /** Increments are rounded up to a multiple of {@code step} (default: the hold). */
    public Builder incrementStep(Money step) {
      this.incrementStep = Objects.requireNonNull(step, "step");
      return this;
    }

    /** Settle this long before the deadline (default 1 hour). */
    public Builder settleMargin(Duration margin) {
      this.settleMargin = Objects.requireNonNull(margin, "margin");
      return this;
    }

    /** The window assumed when the gateway gives no deadline (default 1 day). */
    public Builder fallbackCaptureWindow(Duration window) {
      this.fallbackCaptureWindow = Objects.requireNonNull(window, "window");
      return this;
    }

    /**
     * Builds the policy.
     *
     * @throws IllegalArgumentException if an amount is not positive, the currencies differ, or a
     *     duration is negative
     */
    public HoldPolicy build() {
      if (hold.isNegative() || hold.isZero()) {
        throw new IllegalArgumentException("hold must be positive, was " + hold);
      }
      if (incrementStep != null
          && (!incrementStep.currency().equals(hold.currency())
              || incrementStep.isNegative()
              || incrementStep.isZero())) {
        throw new IllegalArgumentException(
            "increment step must be positive, in the hold's" + " currency");
      }
      if (settleMargin.isNegative()
          || fallbackCaptureWindow.isNegative()
          || fallbackCaptureWindow.isZero()) {
        throw new IllegalArgumentException("durations must not be negative");
      }
      return new HoldPolicy(this);
    }
  }
}
