package io.ambientretail.inventory.fusion.internal;

/**
 * Turns one lane's raw load-cell readings into settled weight changes.
 *
 * <p>A sliding time window of readings keeps a running mean and variance. The lane is stable when
 * the window spans most of its length and its standard deviation is within a few times the lane's
 * own noise, which is learned from quiet periods (so a noisier cell is judged by its own noise).
 * While stable and unmoved the settled level follows slow drift. A reading further than the change
 * threshold from the settled level starts a movement (a hand, a bounce, an item leaving); when the
 * window is stable again at a level that differs by more than the threshold, a change from the
 * start of the movement to this settling reading is reported. Hands resting on the shelf and
 * bounces are unstable, so they delay a change rather than make one. Not thread-safe; allocation
 * free per reading.
 */
public final class LaneSegmenter {
  private static final int CAP = 512;
  private static final int MASK = CAP - 1;

  private final long windowMs;
  private final double minChange;
  private final long[] ts = new long[CAP];
  private final double[] gs = new double[CAP];
  private int head;
  private int size;
  private double ref;
  private double sum;
  private double sumSq;
  private double level = Double.NaN;
  private boolean moving;
  private long moveStart;
  private double noiseVar = 4.0;
  private long lastT = Long.MIN_VALUE;

  private long changeStart;
  private long changeEnd;
  private double changeDelta;

  /**
   * A segmenter.
   *
   * @param windowMs the stability window, milliseconds
   * @param minChangeGrams the smallest change reported, grams
   */
  public LaneSegmenter(long windowMs, double minChangeGrams) {
    this.windowMs = windowMs;
    this.minChange = minChangeGrams;
  }

  /** Forgets the settled level, for a lane redefined or restocked: the next stable level is new. */
  public void reset() {
    level = Double.NaN;
    moving = false;
  }

  /**
   * Takes one reading; returns true when it settles a change, then {@link #changeStart()}, {@link
   * #changeEnd()} and {@link #changeDelta()} describe it.
   */
  public boolean accept(long t, double grams) {
    if (t < lastT) {
      t = lastT;
    }
    lastT = t;
    long from = t - windowMs;
    while (size > 0 && (ts[head] < from || size == CAP)) {
      double d = gs[head] - ref;
      sum -= d;
      sumSq -= d * d;
      head = (head + 1) & MASK;
      size--;
    }
    if (size == 0) {
      ref = grams;
      sum = 0;
      sumSq = 0;
    }
    int tail = (head + size) & MASK;
    ts[tail] = t;
    gs[tail] = grams;
    size++;
    double d = grams - ref;
    sum += d;
    sumSq += d * d;

    if (Double.isNaN(level)) {
      if (stable(t)) {
        level = mean();
        rebase();
      }
      return false;
    }
    double threshold = threshold();
    if (!moving) {
      if (Math.abs(grams - level) > threshold) {
        moving = true;
        moveStart = t;
        return false;
      }
      if (stable(t)) {
        double m = mean();
        level += 0.05 * (m - level);
        double v = variance();
        noiseVar += 0.01 * (v - noiseVar);
        noiseVar = Math.max(0.04, Math.min(100, noiseVar));
      }
      return false;
    }
    if (!stable(t)) {
      return false;
    }
    double m = mean();
    double delta = m - level;
    moving = false;
    level = m;
    rebase();
    if (Math.abs(delta) > threshold) {
      changeStart = moveStart;
      changeEnd = t;
      changeDelta = delta;
      return true;
    }
    return false;
  }

  private double threshold() {
    return Math.max(minChange, 5 * Math.sqrt(noiseVar));
  }

  private boolean stable(long t) {
    if (size < 3 || t - ts[head] < windowMs * 7 / 10) {
      return false;
    }
    double limit = Math.max(3.0, 2.5 * Math.sqrt(noiseVar));
    return variance() <= limit * limit;
  }

  private double mean() {
    return ref + sum / size;
  }

  private double variance() {
    double m = sum / size;
    return Math.max(0, sumSq / size - m * m) * size / (size - 1.0);
  }

  private void rebase() {
    ref = level;
    sum = 0;
    sumSq = 0;
    for (int i = 0; i < size; i++) {
      double d = gs[(head + i) & MASK] - ref;
      sum += d;
      sumSq += d * d;
    }
  }

  /**
   * Whether the lane's readings have moved away from the settled level, or it has not settled since
   * it was defined or reset, so a change may still be reported.
   */
  public boolean unsettled() {
    return moving || Double.isNaN(level);
  }

  /**
   * When the lane's readings began to move away from the settled level, milliseconds; {@link
   * Long#MIN_VALUE} when it has not settled since it was defined or reset. Meaningful only while
   * {@link #unsettled()}.
   */
  public long unsettledSince() {
    return Double.isNaN(level) ? Long.MIN_VALUE : moveStart;
  }

  /**
   * Takes {@code grams} as the settled level when the lane has not settled yet (a known weight
   * before the first readings), so a change in the first window is still reported.
   */
  public void assumeLevel(double grams) {
    if (Double.isNaN(level) && !moving) {
      level = grams;
    }
  }

  /** The settled level, grams, or NaN before the lane first settles. */
  public double level() {
    return level;
  }

  /** The learned noise of the settled lane, grams (one standard deviation). */
  public double noise() {
    return Math.sqrt(noiseVar);
  }

  /** When the movement that made the last change began, milliseconds. */
  public long changeStart() {
    return changeStart;
  }

  /** When the last change settled, milliseconds. */
  public long changeEnd() {
    return changeEnd;
  }

  /** The last change, grams: negative when items left the lane. */
  public double changeDelta() {
    return changeDelta;
  }
}
