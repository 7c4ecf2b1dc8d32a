package io.ambientretail.devices.scale;

import io.ambientretail.core.Weight;
import io.ambientretail.devices.internal.SimulatorLoop;
import io.ambientretail.devices.transport.ByteLink;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;

/**
 * A simulated NCI/Toledo "W" protocol scale on the far end of a link, reporting in kilograms with
 * three decimals: answers {@code W} with what its display shows (the weight, also while in motion
 * with the motion bit set; carets when over capacity, underscores when under) and the status bytes,
 * {@code S} with the status, {@code Z} by zeroing, and {@code ?} to anything else; every answer
 * ends with ETX. Status bytes are sent as the NCI documents lay them out (see {@link NciResponse}),
 * two of them, or three when {@link #setThirdStatusByte} set one.
 *
 * <p>Thread-safe. Close it to end the simulation.
 */
public final class NciSimulator implements AutoCloseable {
  private final SimulatorLoop loop;
  private volatile long grossMg;
  private volatile long zeroMg;
  private volatile boolean motion;
  private volatile int range;
  private volatile int faults1;
  private volatile int faults2;
  private volatile int status3 = -1;
  private volatile boolean silent;

  private NciSimulator(ByteLink link) {
    this.loop = SimulatorLoop.create(link, this::answer, "nci-simulator");
  }

  /** Starts a simulator on {@code link}. */
  public static NciSimulator start(ByteLink link) {
    NciSimulator sim = new NciSimulator(Objects.requireNonNull(link, "link"));
    sim.loop.start();
    return sim;
  }

  /** Puts {@code weight} on the platter; {@code inMotion} sets the motion bit. */
  public void setWeight(Weight weight, boolean inMotion) {
    this.grossMg = weight.milligrams();
    this.motion = inMotion;
    this.range = 0;
  }

  /** Sets the over-capacity bit (and shows carets) until the next {@link #setWeight}. */
  public void overCapacity() {
    this.range = 1;
  }

  /** Sets the under-capacity bit (and shows underscores) until the next {@link #setWeight}. */
  public void underCapacity() {
    this.range = -1;
  }

  /**
   * Sets fault bits: {@code byte1Bits} in status byte 1 (4 RAM, 8 EEPROM), {@code byte2Bits} in
   * byte 2 (4 ROM, 8 faulty calibration); 0 and 0 clear them.
   */
  public void setFaults(int byte1Bits, int byte2Bits) {
    if ((byte1Bits & ~0b1100) != 0 || (byte2Bits & ~0b1100) != 0) {
      throw new IllegalArgumentException("fault bits are 4 and 8 only");
    }
    this.faults1 = byte1Bits;
    this.faults2 = byte2Bits;
  }

  /** Sends a third status byte with these bits (0..15: range, net, initial zero error), -1 none. */
  public void setThirdStatusByte(int bits) {
    if (bits < -1 || bits > 15) {
      throw new IllegalArgumentException("status byte 3 bits must be 0..15 or -1, was " + bits);
    }
    this.status3 = bits;
  }

  /** Makes the scale stay connected but ignore every command (true), or answer again (false). */
  public void silent(boolean isSilent) {
    this.silent = isSilent;
  }

  private void answer(String cmd) throws IOException {
    if (silent) {
      return;
    }
    switch (cmd.trim()) {
      case "W":
        loop.write("\n" + display() + "\r\n" + status() + "\r\u0003");
        break;
      case "S":
        loop.write("\n" + status() + "\r\u0003");
        break;
      case "Z":
        zeroMg = grossMg;
        loop.write("\n" + status() + "\r\u0003");
        break;
      default:
        loop.write("\n?\r\u0003");
        break;
    }
  }

  private String display() {
    if (range > 0) {
      return "^^^^^^^";
    }
    if (range < 0) {
      return "_______";
    }
    long mg = grossMg - zeroMg;
    return String.format(
        Locale.ROOT,
        "%s%03d.%03dkg",
        mg < 0 ? "-" : "",
        Math.abs(mg) / 1_000_000,
        Math.abs(mg) / 1000 % 1000);
  }

  private String status() {
    int s1 = (motion ? 1 : 0) | (grossMg == zeroMg ? 2 : 0) | faults1;
    int s2 = (range > 0 ? 2 : range < 0 ? 1 : 0) | faults2;
    int s3 = status3;
    StringBuilder sb = new StringBuilder(3);
    sb.append((char) (0x30 | s1));
    sb.append((char) (0x30 | s2 | (s3 >= 0 ? 0x40 : 0))); // bit 6: another byte follows
    if (s3 >= 0) {
      sb.append((char) (0x30 | s3));
    }
    return sb.toString();
  }

  @Override
  public void close() {
    loop.close();
  }
}
