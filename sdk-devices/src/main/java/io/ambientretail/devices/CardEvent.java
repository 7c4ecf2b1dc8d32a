package io.ambientretail.devices;

import io.ambientretail.core.DeviceId;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A card was inserted into (or tapped on) a PC/SC reader, or removed from it.
 *
 * @param device the card reader
 * @param at when it was seen
 * @param reader the PC/SC reader name
 * @param present true on insert, false on removal
 * @param atr the card's Answer To Reset (empty on removal); copied on the way in and out
 */
public record CardEvent(DeviceId device, Instant at, String reader, boolean present, byte[] atr)
    implements DeviceEvent {
  /** Copies the ATR and checks for nulls. */
  public CardEvent {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(reader, "reader");
    atr = atr.clone();
  }

  /** A copy of the ATR. */
  @Override
  public byte[] atr() {
    return atr.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CardEvent c
        && c.device.equals(device)
        && c.at.equals(at)
        && c.reader.equals(reader)
        && c.present == present
        && java.util.Arrays.equals(c.atr, atr);
  }

  @Override
  public int hashCode() {
    return Objects.hash(device, at, reader, present, java.util.Arrays.hashCode(atr));
  }

  @Override
  public String toString() {
    return "CardEvent["
        + device
        + " "
        + reader
        + (present ? " present ATR " + HexFormat.of().withUpperCase().formatHex(atr) : " removed")
        + "]";
  }
}
