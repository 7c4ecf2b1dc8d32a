package io.ambientretail.devices.internal;

import io.ambientretail.core.ErrorCode;
import io.ambientretail.devices.DeviceErrors;
import io.ambientretail.devices.DeviceHealth;
import io.ambientretail.devices.DeviceTimeoutException;
import io.ambientretail.devices.StatusEvent;
import io.ambientretail.devices.transport.ByteLink;
import io.ambientretail.devices.transport.Connector;
import io.ambientretail.devices.transport.FrameDecoder;
import io.ambientretail.devices.transport.FrameSink;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The I/O thread of a serial-style device: connects (again after each loss, with backoff), reads,
 * cuts frames, hands them to the protocol and to waiting requests. Never delivers events itself: it
 * queues them on the {@link DeviceCore}.
 */
public final class LinkPump implements Attachment, FrameSink {
  /** Matches a reply frame to a request. */
  public interface ReplyMatcher {
    /** True if the frame answers the request. */
    boolean matches(byte[] buffer, int offset, int length);
  }

  private static final class Pending {
    final ReplyMatcher matcher;
    final CompletableFuture<byte[]> reply = new CompletableFuture<>();

    Pending(ReplyMatcher matcher) {
      this.matcher = matcher;
    }
  }

  private final DeviceCore core;
  private final Connector connector;
  private final Protocol protocol;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
  private final Object writeLock = new Object();
  private final byte[] buffer = new byte[4096];
  private volatile @Nullable ByteLink link;
  private volatile boolean stopping;
  private boolean everConnected;
  private @Nullable IOException lastConnectError;
  private @Nullable Thread thread;
  private volatile long lastByteNanos;
  private volatile long lastFrameNanos;

  public LinkPump(DeviceCore core, Connector connector, Protocol protocol) {
    this.core = core;
    this.connector = connector;
    this.protocol = protocol;
  }

  @Override
  public void start(Duration timeout) throws IOException {
    Thread t = new Thread(this::run, "ambient-io-" + core.id());
    t.setDaemon(true);
    thread = t;
    t.start();
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (!everConnected) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          IOException last = lastConnectError;
          throw new IOException(
              core.id()
                  + ": could not connect to "
                  + connector.describe()
                  + " within "
                  + timeout.toMillis()
                  + " ms"
                  + (last != null ? ": " + last.getMessage() : ""),
              last);
        }
        changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while claiming " + core.id());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void stop() {
    stopping = true;
    ByteLink l = link;
    if (l != null) {
      try {
        l.close();
      } catch (IOException ignored) {
        // closing is best effort
      }
    }
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    failPending(new IOException(core.id() + " released"));
  }

  /** True while a link is connected. */
  public boolean isConnected() {
    return link != null;
  }

  /** Writes {@code bytes} to the current link. */
  public void write(byte[] bytes) throws IOException {
    ByteLink l = link;
    if (l == null) {
      throw new IOException(core.id() + " is not connected (" + connector.describe() + ")");
    }
    synchronized (writeLock) {
      l.write(bytes, 0, bytes.length);
    }
  }

  /**
   * Writes {@code command} and waits for the first frame {@code matcher} accepts.
   *
   * @throws DeviceTimeoutException if no such frame came within {@code timeout}
   */
  public byte[] request(byte[] command, ReplyMatcher matcher, Duration timeout) throws IOException {
    Pending p = new Pending(matcher);
    pending.add(p);
    try {
      write(command);
      return p.reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new DeviceTimeoutException(
          core.id()
              + ": no answer to "
              + Raw.show(command, 0, command.length, 32)
              + " within "
              + timeout.toMillis()
              + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for " + core.id());
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw c instanceof IOException ? (IOException) c : new IOException(c);
    } finally {
      pending.remove(p);
    }
  }

  private void failPending(IOException why) {
    for (Pending p : pending) {
      p.reply.completeExceptionally(why);
    }
  }

  private void run() {
    Backoff backoff =
        new Backoff(
            core.options().initialBackoff(),
            core.options().maxBackoff(),
            core.options().backoffJitter(),
            java.util.concurrent.ThreadLocalRandom.current());
    boolean reported = false;
    @Nullable Instant lostAt = null;
    while (!stopping) {
      ByteLink l;
      try {
        l = connector.connect();
      } catch (IOException e) {
        lock.lock();
        try {
          lastConnectError = e;
        } finally {
          lock.unlock();
        }
        if (everConnected && !reported) {
          core.status(
              StatusEvent.Status.RECONNECTING,
              DeviceHealth.RECONNECTING,
              "retrying " + connector.describe() + " with backoff: " + e.getMessage());
          reported = true;
        }
        waitNanos(backoff.nextNanos());
        continue;
      }
      backoff.reset();
      reported = false;
      link = l;
      core.status(StatusEvent.Status.CONNECTED, DeviceHealth.ONLINE, l.name(), lostAt);
      lostAt = null;
      lock.lock();
      try {
        everConnected = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
      pump(l);
      link = null;
      try {
        l.close();
      } catch (IOException ignored) {
        // already gone
      }
      failPending(new IOException(core.id() + " disconnected"));
      protocol.onDisconnected(core);
      if (!stopping) {
        lostAt = core.status(StatusEvent.Status.DISCONNECTED, DeviceHealth.RECONNECTING, l.name());
        waitNanos(core.options().initialBackoff().toNanos());
      }
    }
  }

  private void pump(ByteLink l) {
    FrameDecoder decoder = protocol.newDecoder(core.options().frameLimits());
    long frameTimeout = core.options().frameLimits().frameTimeout().toNanos();
    Duration silence = protocol.silenceLimit();
    long silenceNanos = silence == null ? Long.MAX_VALUE : silence.toNanos();
    lastFrameNanos = System.nanoTime();
    try {
      protocol.onConnected(core);
      while (!stopping) {
        int n = l.read(buffer, 0, buffer.length);
        long now = System.nanoTime();
        if (now - lastFrameNanos > silenceNanos) {
          core.unresponsive(
              "connected but silent for more than "
                  + silence.toMillis()
                  + " ms ("
                  + l.name()
                  + ")");
        }
        if (n > 0) {
          lastByteNanos = now;
          decoder.feed(buffer, 0, n, this);
        } else if (decoder.pendingBytes() > 0 && now - lastByteNanos > frameTimeout) {
          decoder.flush(
              DeviceErrors.FRAME_INCOMPLETE,
              "no terminator within "
                  + core.options().frameLimits().frameTimeout().toMillis()
                  + " ms",
              this);
        }
      }
    } catch (IOException e) {
      if (!stopping) {
        decoder.flush(DeviceErrors.FRAME_TRUNCATED, "link lost mid-frame", this);
      }
    } catch (RuntimeException e) {
      core.error(
          DeviceErrors.FRAME_SYNTAX, "driver failed on input: " + e, new byte[0], 0, 0, false);
    }
  }

  private void waitNanos(long nanos) {
    lock.lock();
    try {
      long left = nanos;
      while (left > 0 && !stopping) {
        left = changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void frame(byte[] b, int off, int len) {
    lastFrameNanos = System.nanoTime();
    core.read();
    if (!pending.isEmpty()) {
      for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
        Pending p = it.next();
        if (!p.reply.isDone() && p.matcher.matches(b, off, len)) {
          p.reply.complete(Arrays.copyOfRange(b, off, off + len));
          break;
        }
      }
    }
    try {
      protocol.onFrame(b, off, len, core);
    } catch (RuntimeException e) {
      core.error(DeviceErrors.FRAME_SYNTAX, "driver failed on a frame: " + e, b, off, len, true);
    }
  }

  @Override
  public void error(ErrorCode code, String message, byte[] b, int off, int len) {
    core.error(code, message, b, off, len, true);
  }
}
