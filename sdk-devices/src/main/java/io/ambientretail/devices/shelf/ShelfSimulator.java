package io.ambientretail.devices.shelf;

import io.ambientretail.core.Weight;
import io.ambientretail.devices.internal.SimulatorLoop;
import io.ambientretail.devices.transport.ByteLink;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A simulated shelf controller on the far end of a link: streams {@code C} frames (raw counts of
 * every channel, from the loads a test or demo sets and each channel's calibration) at a rate
 * (default 20 Hz), answers {@code ?} with its identity and {@code R,<hz>} by changing the rate, and
 * can report channel faults. See docs/shelf-protocol.md.
 *
 * <p>Thread-safe. Close it to end the simulation.
 */
public final class ShelfSimulator implements AutoCloseable {
  private final SimulatorLoop loop;
  private final LaneCalibration[] calibrations;
  private final AtomicLongArray loadMg;
  private final long startNanos = System.nanoTime();
  private final StringBuilder line = new StringBuilder(128);
  private volatile long periodNanos;
  private long next;

  private ShelfSimulator(ByteLink link, LaneCalibration[] calibrations, int hz) {
    this.calibrations = calibrations;
    this.loadMg = new AtomicLongArray(calibrations.length);
    this.periodNanos = 1_000_000_000L / hz;
    this.loop =
        SimulatorLoop.create(
            link,
            new SimulatorLoop.Handler() {
              @Override
              public void command(String cmd) throws IOException {
                answer(cmd);
              }

              @Override
              public void idle(long now) throws IOException {
                if (now - next >= 0) {
                  next = now + periodNanos;
                  sendReadings(now);
                }
              }
            },
            "shelf-simulator");
  }

  /**
   * Starts a simulator with one channel per calibration, streaming at {@code hz} (1..100). Use a
   * link with a poll interval at most the frame period.
   */
  public static ShelfSimulator start(ByteLink link, int hz, LaneCalibration... calibrations) {
    Objects.requireNonNull(link, "link");
    if (calibrations.length == 0 || hz < 1 || hz > 100) {
      throw new IllegalArgumentException("need 1+ channels and 1..100 Hz");
    }
    ShelfSimulator sim = new ShelfSimulator(link, calibrations.clone(), hz);
    sim.loop.start();
    return sim;
  }

  /** Sets the load on {@code channel}. */
  public void setLoad(int channel, Weight load) {
    loadMg.set(channel, load.milligrams());
  }

  /** Sends a channel fault line now ({@code OVL}, {@code UNL}, {@code ADC}, {@code DIS}). */
  public void fault(int channel, String code) throws IOException {
    loop.write(frame("E," + millis(System.nanoTime()) + "," + channel + "," + code));
  }

  /** Sends a raw line + CR LF (for hostile-input tests). */
  public void sendLine(String text) throws IOException {
    loop.write(text + "\r\n");
  }

  private long millis(long now) {
    return ((now - startNanos) / 1_000_000L) & 0xFFFF_FFFFL;
  }

  private void sendReadings(long now) throws IOException {
    line.setLength(0);
    line.append("C,").append(millis(now));
    for (int ch = 0; ch < calibrations.length; ch++) {
      line.append(',').append(calibrations[ch].countsOf(Weight.ofMilligrams(loadMg.get(ch))));
    }
    loop.write(frame(line.toString()));
  }

  private void answer(String cmd) throws IOException {
    if (cmd.equals("?")) {
      loop.write(frame("I,AMBIENT-SHELF-SIM,1.0," + calibrations.length));
    } else if (cmd.startsWith("R,")) {
      try {
        int hz = Integer.parseInt(cmd.substring(2));
        if (hz >= 1 && hz <= 100) {
          periodNanos = 1_000_000_000L / hz;
          loop.write(frame("A," + cmd));
          return;
        }
      } catch (NumberFormatException e) {
        // answered below
      }
      loop.write(frame("A,NAK"));
    }
  }

  static String frame(String body) {
    return body + "*" + ShelfFrameParser.checksum(body) + "\r\n";
  }

  @Override
  public void close() {
    loop.close();
  }
}
