package io.ambientretail.devices.internal;

import io.ambientretail.devices.transport.ByteLink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The far-end loop of a device simulator: reads command lines (ended by CR and/or LF) from a link
 * on a daemon thread, hands each to a handler, and calls an idle hook between reads.
 */
public final class SimulatorLoop implements AutoCloseable {
  /** What a simulator does with commands and idle time. */
  public interface Handler {
    /** Answers one command line (without its terminator). */
    void command(String line) throws IOException;

    /** Called after every read (also when nothing arrived), e.g. to stream readings. */
    default void idle(long nanoTime) throws IOException {}
  }

  private final ByteLink link;
  private final Handler handler;
  private final Thread thread;
  private volatile boolean closed;
  private volatile boolean ended;

  private SimulatorLoop(ByteLink link, Handler handler, String name) {
    this.link = link;
    this.handler = handler;
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  /**
   * A loop on {@code link}, not yet running. A simulator creates it in its constructor and calls
   * {@link #start()} only once it is fully built: commands may already be waiting on the link, and
   * the handler must not see a half-constructed simulator.
   */
  public static SimulatorLoop create(ByteLink link, Handler handler, String name) {
    return new SimulatorLoop(link, handler, name);
  }

  /** Starts reading commands; returns this loop. */
  public SimulatorLoop start() {
    thread.start();
    return this;
  }

  /** Writes bytes to the host; throws when the link is gone. */
  public void write(String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    synchronized (this) {
      link.write(b);
    }
  }

  /** True once the link was lost or the loop closed. */
  public boolean isEnded() {
    return ended;
  }

  private void run() {
    byte[] buf = new byte[512];
    StringBuilder line = new StringBuilder();
    try {
      while (!closed) {
        int n = link.read(buf, 0, buf.length);
        for (int i = 0; i < n; i++) {
          char c = (char) (buf[i] & 0xFF);
          if (c == '\r' || c == '\n') {
            if (line.length() > 0) {
              String cmd = line.toString();
              line.setLength(0);
              handler.command(cmd);
            }
          } else if (line.length() < 256) {
            line.append(c);
          }
        }
        handler.idle(System.nanoTime());
      }
    } catch (IOException e) {
      // the host went away; the simulator ends with its link
    } finally {
      ended = true;
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      link.close();
    } catch (IOException ignored) {
      // best effort
    }
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
