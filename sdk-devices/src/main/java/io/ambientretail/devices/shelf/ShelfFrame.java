package io.ambientretail.devices.shelf;

import java.util.Arrays;
import java.util.Objects;

/**
 * One line from a shelf controller (see docs/shelf-protocol.md): readings of every channel ({@code
 * C} counts, {@code G} grams), a channel fault ({@code E}), an identity ({@code I}) or an
 * acknowledgement ({@code A}).
 *
 * @param type the frame type character: C, G, E, I or A
 * @param millis the controller's timestamp in milliseconds (C, G, E), else 0
 * @param values per-channel counts for C, per-channel milligrams for G, else empty; copied
 * @param channel the faulty channel for E, the channel count for I, else -1
 * @param text the fault code for E ({@code OVL}, {@code UNL}, {@code ADC}, {@code DIS}), the model
 *     and firmware for I, the acknowledged command for A, else empty
 */
public record ShelfFrame(char type, long millis, long[] values, int channel, String text) {
  /** Copies the values and checks for nulls. */
  public ShelfFrame {
    Objects.requireNonNull(text, "text");
    values = values.clone();
  }

  /** A copy of the values. */
  @Override
  public long[] values() {
    return values.clone();
  }

  /** The value of channel {@code i} without copying. */
  public long value(int i) {
    return values[i];
  }

  /** The number of channel values. */
  public int channels() {
    return values.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShelfFrame f
        && f.type == type
        && f.millis == millis
        && Arrays.equals(f.values, values)
        && f.channel == channel
        && f.text.equals(text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, millis, Arrays.hashCode(values), channel, text);
  }

  @Override
  public String toString() {
    return "ShelfFrame["
        + type
        + " t="
        + millis
        + " "
        + Arrays.toString(values)
        + " ch="
        + channel
        + " "
        + text
        + "]";
  }
}
