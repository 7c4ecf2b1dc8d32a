package io.ambientretail.devices.lock;

import io.ambientretail.devices.internal.SimulatorLoop;
import io.ambientretail.devices.transport.ByteLink;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * A simulated door-lock relay on the far end of a link, fail-secure like the real one: {@code
 * U,<s>} releases the bolt for s seconds (acknowledged {@code A,U,<s>}), {@code L} throws it
 * ({@code A,L}), {@code H} is the host's heartbeat (acknowledged {@code A,H}); the bolt is thrown
 * when the timer runs out, when no heartbeat or command came for the fail-secure timeout, and when
 * the link is lost. The egress (fire release) input ({@link #egress(boolean)}) releases the bolt
 * and keeps it released, whatever the host says, until it is normal again.
 *
 * <p>Thread-safe. Close it to end the simulation.
 */
public final class LockSimulator implements AutoCloseable {
  private final SimulatorLoop loop;
  private final long failSecureNanos;
  private volatile boolean locked = true;
  private volatile boolean doorOpen;
  private volatile boolean silent;
  private volatile boolean egress;
  private volatile long lockAt;
  private volatile long lastHeard = System.nanoTime();

  private LockSimulator(ByteLink link, Duration failSecure) {
    this.failSecureNanos = failSecure.toNanos();
    this.loop =
        SimulatorLoop.create(
            link,
            new SimulatorLoop.Handler() {
              @Override
              public void command(String line) throws IOException {
                answer(line);
              }

              @Override
              public void idle(long now) throws IOException {
                if (!locked
                    && !egress
                    && (now - lockAt >= 0 || now - lastHeard > failSecureNanos)) {
                  locked = true;
                  loop().write("B,L\r\n");
                }
              }
            },
            "lock-simulator");
  }

  /** Starts a relay on {@code link} that fails secure after 3 s without a heartbeat. */
  public static LockSimulator start(ByteLink link) {
    return start(link, Duration.ofSeconds(3));
  }

  /** Starts a relay on {@code link} with the given fail-secure timeout. */
  public static LockSimulator start(ByteLink link, Duration failSecure) {
    LockSimulator sim = new LockSimulator(Objects.requireNonNull(link, "link"), failSecure);
    sim.loop.start();
    return sim;
  }

  private SimulatorLoop loop() {
    return loop;
  }

  /** True while the bolt is thrown; always true once the link is lost (fail-secure). */
  public boolean isLocked() {
    return locked || loop.isEnded();
  }

  /** Makes the relay ignore commands (no acknowledgements), as a hung controller would. */
  public void silent(boolean isSilent) {
    this.silent = isSilent;
  }

  /**
   * Simulates the egress (fire release) input: active releases the bolt ({@code E,A}, {@code B,U})
   * and keeps it released; normal again throws it ({@code E,N}, {@code B,L}).
   */
  public synchronized void egress(boolean active) throws IOException {
    egress = active;
    if (active) {
      locked = false;
      loop.write("E,A\r\nB,U\r\n");
    } else {
      locked = true;
      loop.write("E,N\r\nB,L\r\n");
    }
  }

  /** Simulates the door sensor: sends {@code D,O} or {@code D,C}. */
  public void door(boolean open) throws IOException {
    doorOpen = open;
    loop.write(open ? "D,O\r\n" : "D,C\r\n");
  }

  private void answer(String cmd) throws IOException {
    lastHeard = System.nanoTime();
    if (silent) {
      return;
    }
    if (cmd.equals("H")) {
      loop.write("A,H\r\n");
    } else if (cmd.equals("L") && egress) {
      loop.write("N,egress active\r\n");
    } else if (cmd.equals("L")) {
      locked = true;
      loop.write("A,L\r\nB,L\r\n");
    } else if (cmd.equals("S")) {
      loop.write("S," + (locked ? 'L' : 'U') + "," + (doorOpen ? 'O' : 'C') + "\r\n");
    } else if (cmd.startsWith("U,")) {
      int s;
      try {
        s = Integer.parseInt(cmd.substring(2));
      } catch (NumberFormatException e) {
        loop.write("N,bad seconds\r\n");
        return;
      }
      if (s < 1 || s > 60) {
        loop.write("N,seconds out of range\r\n");
        return;
      }
      lockAt = System.nanoTime() + s * 1_000_000_000L;
      locked = false;
      loop.write("A,U," + s + "\r\nB,U\r\n");
    } else {
      loop.write("N,unknown command\r\n");
    }
  }

  @Override
  public void close() {
    loop.close();
  }
}
