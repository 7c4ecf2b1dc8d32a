package io.ambientretail.devices.scale;

import io.ambientretail.core.Weight;
import io.ambientretail.devices.internal.SimulatorLoop;
import io.ambientretail.devices.transport.ByteLink;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;

/**
 * A simulated NCI/Toledo "W" protocol scale on the far end of a link, reporting in kilograms with
 * three decimals: answers {@code W} with the weight and status bytes (status only while in motion
 * or out of range), {@code S} with the status, {@code Z} by zeroing, and {@code ?} to anything
 * else; every answer ends with ETX.
 *
 * <p>Thread-safe. Close it to end the simulation.
 */
public final class NciSimulator implements AutoCloseable {
  private final SimulatorLoop loop;
  private volatile long grossMg;
  private volatile long zeroMg;
  private volatile boolean motion;
  private volatile int range;

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

  /** Sets the over-capacity bit (and sends no weight) until the next {@link #setWeight}. */
  public void overCapacity() {
    this.range = 1;
  }

  private void answer(String cmd) throws IOException {
    switch (cmd.trim()) {
      case "W":
        if (motion || range != 0) {
          loop.write("\n" + status() + "\r\u0003");
        } else {
          long mg = grossMg - zeroMg;
          String w = String.format(Locale.ROOT, "%s%03d.%03d", mg < 0 ? "-" : "",
              Math.abs(mg) / 1_000_000, Math.abs(mg) / 1000 % 1000);
          loop.write("\n" + w + "KG\r\n" + status() + "\r\u0003");
        }
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

  private String status() {
    int s1 = (motion ? 1 : 0) | (grossMg == zeroMg ? 2 : 0);
    int s2 = range > 0 ? 2 : range < 0 ? 1 : 0;
    return "S" + (char) (0x30 | s1) + (char) (0x30 | s2);
  }

  @Override
  public void close() {
    loop.close();
  }
}
