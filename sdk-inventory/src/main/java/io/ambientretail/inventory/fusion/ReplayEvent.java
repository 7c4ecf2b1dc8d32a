package io.ambientretail.inventory.fusion;

import io.ambientretail.core.LaneId;
import io.ambientretail.core.ShopperId;
import io.ambientretail.core.SkuId;
import java.util.List;
import java.util.Objects;

/**
 * One line of the fusion replay format (version 1): a lane definition or a sensor event, with its
 * time {@code t} in milliseconds since the start of the recording.
 *
 * <p>The same values travel live on the event bus (type {@link LiveCartFusion#INPUT}) and replayed
 * from a file, so both paths give the same receipts. All implementations are immutable records.
 */
public sealed interface ReplayEvent {
  /** Milliseconds since the start of the recording, zero or more. */
  long t();

  /**
   * A lane defined (or redefined, when the planogram changes during the day).
   *
   * @param t milliseconds since the start
   * @param lane the lane
   */
  record LaneDefined(long t, Lane lane) implements ReplayEvent {
    /** Validates. */
    public LaneDefined {
      checkTime(t);
      Objects.requireNonNull(lane, "lane");
    }
  }

  /**
   * A shopper entered the store.
   *
   * @param t milliseconds since the start
   * @param shopper the shopper
   */
  record Enter(long t, ShopperId shopper) implements ReplayEvent {
    /** Validates. */
    public Enter {
      checkTime(t);
      Objects.requireNonNull(shopper, "shopper");
    }
  }

  /**
   * A shopper left the store; their receipt is due.
   *
   * @param t milliseconds since the start
   * @param shopper the shopper
   */
  record Exit(long t, ShopperId shopper) implements ReplayEvent {
    /** Validates. */
    public Exit {
      checkTime(t);
      Objects.requireNonNull(shopper, "shopper");
    }
  }

  /**
   * A shopper's position on the store plan from the tracking system.
   *
   * @param t milliseconds since the start
   * @param shopper the shopper
   * @param x metres
   * @param y metres
   */
  record Track(long t, ShopperId shopper, double x, double y) implements ReplayEvent {
    /** Validates. */
    public Track {
      checkTime(t);
      Objects.requireNonNull(shopper, "shopper");
      if (!Double.isFinite(x) || !Double.isFinite(y)) {
        throw new IllegalArgumentException("x and y must be finite");
      }
    }
  }

  /**
   * A coarse presence: the shopper is within reach of a shelf, about {@code metres} from it.
   *
   * @param t milliseconds since the start
   * @param shopper the shopper
   * @param shelf the shelf
   * @param metres the distance from the shelf, zero or more
   */
  record Near(long t, ShopperId shopper, String shelf, double metres) implements ReplayEvent {
    /** Validates. */
    public Near {
      checkTime(t);
      Objects.requireNonNull(shopper, "shopper");
      Objects.requireNonNull(shelf, "shelf");
      if (!(metres >= 0) || Double.isInfinite(metres)) {
        throw new IllegalArgumentException("metres must be a finite number >= 0");
      }
    }
  }

  /**
   * A raw absolute reading of one lane's load cell, noise and all.
   *
   * @param t milliseconds since the start
   * @param lane the lane
   * @param grams the reading, grams
   */
  record Weight(long t, LaneId lane, double grams) implements ReplayEvent {
    /** Validates. */
    public Weight {
      checkTime(t);
      Objects.requireNonNull(lane, "lane");
      if (!Double.isFinite(grams)) {
        throw new IllegalArgumentException("grams must be finite");
      }
    }
  }

  /**
   * A vision hint: what a camera thinks a shopper did at a shelf. Possibly wrong, possibly about
   * the wrong shopper.
   *
   * @param t milliseconds since the start
   * @param shopper the shopper the hint is about
   * @param shelf the shelf
   * @param action pick or put
   * @param candidates the SKUs with their probabilities
   */
  record Vision(
      long t, ShopperId shopper, String shelf, Action action, List<VisionCandidate> candidates)
      implements ReplayEvent {
    /** Validates and copies the candidates. */
    public Vision {
      checkTime(t);
      Objects.requireNonNull(shopper, "shopper");
      Objects.requireNonNull(shelf, "shelf");
      Objects.requireNonNull(action, "action");
      candidates = List.copyOf(candidates);
    }

    /** The probability this hint gives {@code sku}, or 0 when it is not a candidate. */
    public double p(SkuId sku) {
      double p = 0;
      for (VisionCandidate c : candidates) {
        if (c.sku().equals(sku)) {
          p = Math.max(p, c.p());
        }
      }
      return p;
    }
  }

  /**
   * A scan of an item's barcode attributed to a shopper (a phone app, a handheld scanner).
   *
   * @param t milliseconds since the start
   * @param shopper the shopper
   * @param gtin the scanned GTIN, normalised to 14 digits
   */
  record Scan(long t, ShopperId shopper, String gtin) implements ReplayEvent {
    /** Validates. */
    public Scan {
      checkTime(t);
      Objects.requireNonNull(shopper, "shopper");
      Objects.requireNonNull(gtin, "gtin");
    }
  }

  private static void checkTime(long t) {
    if (t < 0) {
      throw new IllegalArgumentException("t must be >= 0, was " + t);
    }
  }
}
