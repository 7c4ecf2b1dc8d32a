package io.ambientretail.devices.scale;

import io.ambientretail.core.Weight;
import io.ambientretail.devices.internal.SimulatorLoop;
import io.ambientretail.devices.transport.ByteLink;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A simulated MT-SICS scale on the far end of a link: answers {@code S} (a stable weight, else
 * {@code S I}), {@code SI} ({@code S S} or {@code S D}), {@code SIR} (the same, repeated until
 * {@code S}, {@code SI}, {@code SR} or {@code @} ends the stream; {@code Z} and {@code T} do not),
 * {@code Z}, {@code T}, {@code @}, {@code I2}, {@code I4}, and {@code ES} to anything else, with
 * the weight a test or demo sets. Weights are sent in grams with as many decimals as the milligrams
 * need (2 or 3).
 *
 * <p>Thread-safe. Close it to end the simulation.
 */
public final class MtSicsSimulator implements AutoCloseable {
  private final SimulatorLoop loop;
  private final long streamNanos;
  private volatile long grossMg;
  private volatile long tareMg;
  private volatile boolean stable = true;
  private volatile char range = 'S';
  private volatile boolean busy;
  private volatile boolean streaming;
  private volatile boolean silent;
  private long nextStream;

  private MtSicsSimulator(ByteLink link, Duration streamInterval) {
    this.streamNanos = streamInterval.toNanos();
    this.loop =
        SimulatorLoop.create(
            link,
            new SimulatorLoop.Handler() {
              @Override
              public void command(String line) throws IOException {
                if (!silent) {
                  answer(line.trim());
                }
              }

              @Override
              public void idle(long now) throws IOException {
                if (streaming && !silent && now - nextStream >= 0) {
                  nextStream = now + streamNanos;
                  loop().write(weightLine("S"));
                }
              }
            },
            "mt-sics-simulator");
  }

  /** Starts a simulator on {@code link} that streams every 100 ms after {@code SIR}. */
  public static MtSicsSimulator start(ByteLink link) {
    return start(link, Duration.ofMillis(100));
  }

  /** Starts a simulator on {@code link} that streams every {@code streamInterval} after SIR. */
  public static MtSicsSimulator start(ByteLink link, Duration streamInterval) {
    MtSicsSimulator sim = new MtSicsSimulator(Objects.requireNonNull(link, "link"), streamInterval);
    sim.loop.start();
    return sim;
  }

  private SimulatorLoop loop() {
    return loop;
  }

  /**
   * Makes the balance stay connected but stop answering and streaming (true), as a hung balance
   * does, or answer again (false; a stream that was running resumes).
   */
  public void silent(boolean isSilent) {
    this.silent = isSilent;
  }

  /** Puts {@code weight} on the pan; {@code isStable} false makes it answer {@code S D}. */
  public void setWeight(Weight weight, boolean isStable) {
    this.grossMg = weight.milligrams();
    this.stable = isStable;
    this.range = 'S';
  }

  /** Makes the scale report overload ({@code S +}). */
  public void overload() {
    this.range = '+';
  }

  /** Makes the scale report underload ({@code S -}). */
  public void underload() {
    this.range = '-';
  }

  /** Makes weighing commands answer {@code S I} (busy) while {@code isBusy}. */
  public void busy(boolean isBusy) {
    this.busy = isBusy;
  }

  /** Sends {@code text} + CR LF unprompted (for garbage and odd-firmware tests). */
  public void sendLine(String text) throws IOException {
    loop.write(text + "\r\n");
  }

  private void answer(String cmd) throws IOException {
    if (cmd.equals("S") || cmd.equals("SI") || cmd.equals("SR") || cmd.equals("@")) {
      streaming = false; // as on a real balance, these end an SIR stream; Z and T do not
    }
    switch (cmd) {
      case "S":
        // S answers only a stable weight; a balance that does not settle in time says S I (this
        // one says it at once instead of waiting for its stability timeout)
        loop.write(stable || busy || range != 'S' ? weightLine("S") : "S I\r\n");
        break;
      case "SI":
        loop.write(weightLine("S"));
        break;
      case "SIR":
        streaming = true;
        nextStream = System.nanoTime();
        loop.write(weightLine("S"));
        break;
      case "Z":
        if (!stable) {
          loop.write("Z I\r\n");
        } else if (range != 'S') {
          loop.write("Z " + range + "\r\n");
        } else {
          tareMg = 0;
          grossMg = 0;
          loop.write("Z A\r\n");
        }
        break;
      case "T":
        tareMg = grossMg;
        loop.write("T S " + pad(format(tareMg)) + " g\r\n");
        break;
      case "@":
        tareMg = 0;
        loop.write("I4 A \"B021002593\"\r\n");
        break;
      case "I4":
        loop.write("I4 A \"B021002593\"\r\n");
        break;
      case "I2":
        loop.write("I2 A \"AMBIENT-SIM\" \"6200.00 g\"\r\n");
        break;
      default:
        loop.write("ES\r\n");
        break;
    }
  }

  private String weightLine(String id) {
    if (busy) {
      return id + " I\r\n";
    }
    if (range != 'S') {
      return id + " " + range + "\r\n";
    }
    return id + " " + (stable ? 'S' : 'D') + " " + pad(format(grossMg - tareMg)) + " g\r\n";
  }

  private static String pad(String s) {
    return s.length() >= 10 ? s : " ".repeat(10 - s.length()) + s;
  }

  static String format(long mg) {
    String sign = mg < 0 ? "-" : "";
    long a = Math.abs(mg);
    if (a % 10 == 0) {
      return String.format(Locale.ROOT, "%s%d.%02d", sign, a / 1000, (a % 1000) / 10);
    }
    return String.format(Locale.ROOT, "%s%d.%03d", sign, a / 1000, a % 1000);
  }

  /** True once the link was lost or the simulator closed. */
  public boolean isEnded() {
    return loop.isEnded();
  }

  @Override
  public void close() {
    loop.close();
  }
}
