package io.ambientretail.devices.shelf;

import io.ambientretail.core.Weight;
import java.util.Objects;

/**
 * The two-point calibration of one load-cell channel: the ADC counts with the lane empty (zero) and
 * with a known reference weight on it (span). Converts counts to exact milligrams with integer
 * arithmetic, rounding half up to the milligram.
 *
 * <p>Immutable.
 *
 * @param zeroCounts counts with the lane empty
 * @param spanCounts counts with {@code spanWeight} on the lane; differs from zeroCounts
 * @param spanWeight the reference weight, positive, at most 1,000 kg
 */
public record LaneCalibration(long zeroCounts, long spanCounts, Weight spanWeight) {
  /** The identity calibration for controllers that already report grams: 1000 counts per gram. */
  public static final LaneCalibration GRAMS = new LaneCalibration(0, 1000, Weight.ofGrams(1));

  /** Validates the calibration. */
  public LaneCalibration {
    Objects.requireNonNull(spanWeight, "spanWeight");
    if (spanCounts == zeroCounts) {
      throw new IllegalArgumentException(
          "span counts must differ from zero counts (" + zeroCounts + ")");
    }
    if (spanWeight.milligrams() <= 0 || spanWeight.milligrams() > 1_000_000_000L) {
      throw new IllegalArgumentException("span weight must be 1 mg..1000 kg, was " + spanWeight);
    }
    if (Math.abs(zeroCounts) > 1L << 31 || Math.abs(spanCounts) > 1L << 31) {
      throw new IllegalArgumentException("counts must fit 32 bits");
    }
  }

  /** A calibration from zero and span counts and the span's reference weight. */
  public static LaneCalibration of(long zeroCounts, long spanCounts, Weight spanWeight) {
    return new LaneCalibration(zeroCounts, spanCounts, spanWeight);
  }

  /** This calibration with a new zero (a re-tare of the empty lane), keeping the slope. */
  public LaneCalibration withZero(long newZero) {
    return new LaneCalibration(newZero, newZero + (spanCounts - zeroCounts), spanWeight);
  }

  /** The weight {@code counts} stand for, to the nearest milligram. */
  public Weight weightOf(long counts) {
    long diff = counts - zeroCounts;
    long den = spanCounts - zeroCounts;
    long num = Math.multiplyExact(diff, spanWeight.milligrams());
    if (den < 0) {
      num = -num;
      den = -den;
    }
    long q = Math.floorDiv(num, den);
    long r = Math.floorMod(num, den);
    if (r * 2 >= den) {
      q++;
    }
    return Weight.ofMilligrams(q);
  }

  /** The counts that {@code weight} produces (inverse of {@link #weightOf}, for simulators). */
  public long countsOf(Weight weight) {
    long den = spanWeight.milligrams();
    long num = Math.multiplyExact(weight.milligrams(), spanCounts - zeroCounts);
    return zeroCounts + Math.round((double) num / den);
  }
}
