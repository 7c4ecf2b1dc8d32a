package io.ambientretail.devices.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory "cable" between a host and a device simulator, for demos and tests without system
 * packages: {@link #hostConnector()} is what a device connects through, {@link
 * #deviceEnd(Duration)} is what the simulator reads and writes. {@link #unplug()} breaks the
 * current connection (both ends see it gone) and refuses new ones until {@link #plug()}.
 *
 * <p>Each direction is a bounded buffer ({@code capacity} bytes; a writer waits for room). Thread
 * safe.
 */
public final class InMemoryLine {
  private final int capacity;
  private final Duration poll;
  private final String name;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private boolean plugged = true;
  private @Nullable Session session;

  private InMemoryLine(String name, int capacity, Duration poll) {
    this.name = name;
    this.capacity = capacity;
    this.poll = poll;
  }

  /** A plugged-in line with 64 KiB per direction and a 50 ms read poll interval. */
  public static InMemoryLine create(String name) {
    return create(name, 65_536, Duration.ofMillis(50));
  }

  /** A plugged-in line with {@code capacity} bytes per direction. */
  public static InMemoryLine create(String name, int capacity, Duration pollInterval) {
    Objects.requireNonNull(name, "name");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacity);
    }
    return new InMemoryLine(name, capacity, Objects.requireNonNull(pollInterval, "pollInterval"));
  }

  /** The connector a device uses; each connect starts a new session (while plugged in). */
  public Connector hostConnector() {
    return new Connector() {
      @Override
      public ByteLink connect() throws IOException {
        return newSession().host;
      }

      @Override
      public String describe() {
        return "memory " + name;
      }
    };
  }

  /**
   * The simulator's end of the current session, waiting up to {@code timeout} for the host to
   * connect.
   *
   * @throws InterruptedIOException if the host did not connect in time
   */
  public ByteLink deviceEnd(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (session == null || session.closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new InterruptedIOException("no host connected to line " + name);
        }
        changed.awaitNanos(left);
      }
      return session.device;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    } finally {
      lock.unlock();
    }
  }

  /** Breaks the current session and refuses connections until {@link #plug()}. */
  public void unplug() {
    lock.lock();
    try {
      plugged = false;
      if (session != null) {
        session.close();
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Accepts connections again. */
  public void plug() {
    lock.lock();
    try {
      plugged = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private Session newSession() throws IOException {
    lock.lock();
    try {
      if (!plugged) {
        throw new IOException("line " + name + " is unplugged");
      }
      if (session != null) {
        session.close();
      }
      session = new Session();
      changed.signalAll();
      return session;
    } finally {
      lock.unlock();
    }
  }

  /** One connection: two pipes and the ends that use them. */
  private final class Session {
    final Pipe toDevice = new Pipe();
    final Pipe toHost = new Pipe();
    volatile boolean closed;
    final ByteLink host = new End(toHost, toDevice, name + " (host)");
    final ByteLink device = new End(toDevice, toHost, name + " (device)");

    void close() {
      closed = true;
      toDevice.close();
      toHost.close();
    }

    private final class End implements ByteLink {
      private final Pipe in;
      private final Pipe out;
      private final String endName;

      End(Pipe in, Pipe out, String endName) {
        this.in = in;
        this.out = out;
        this.endName = endName;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        return in.read(buffer, offset, length, poll.toNanos());
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
      }

      @Override
      public String name() {
        return endName;
      }

      @Override
      public void close() {
        Session.this.close();
      }
    }
  }

  /** A bounded byte ring with blocking reads (with a poll timeout) and blocking writes. */
  private final class Pipe {
    private final byte[] ring = new byte[capacity];
    private final ReentrantLock pipeLock = new ReentrantLock();
    private final Condition notEmpty = pipeLock.newCondition();
    private final Condition notFull = pipeLock.newCondition();
    private int head;
    private int size;
    private boolean closed;

    int read(byte[] b, int off, int len, long waitNanos) throws IOException {
      pipeLock.lock();
      try {
        long left = waitNanos;
        while (size == 0) {
          if (closed) {
            throw new EOFException("line " + name + " disconnected");
          }
          if (left <= 0) {
            return 0;
          }
          left = notEmpty.awaitNanos(left);
        }
        int n = Math.min(len, size);
        for (int i = 0; i < n; i++) {
          b[off + i] = ring[(head + i) % capacity];
        }
        head = (head + n) % capacity;
        size -= n;
        notFull.signalAll();
        return n;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted");
      } finally {
        pipeLock.unlock();
      }
    }

    void write(byte[] b, int off, int len) throws IOException {
      pipeLock.lock();
      try {
        int done = 0;
        while (done < len) {
          if (closed) {
            throw new EOFException("line " + name + " disconnected");
          }
          if (size == capacity) {
            notFull.await(100, TimeUnit.MILLISECONDS);
            continue;
          }
          int n = Math.min(len - done, capacity - size);
          for (int i = 0; i < n; i++) {
            ring[(head + size + i) % capacity] = b[off + done + i];
          }
          size += n;
          done += n;
          notEmpty.signalAll();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted");
      } finally {
        pipeLock.unlock();
      }
    }

    void close() {
      pipeLock.lock();
      try {
        closed = true;
        notEmpty.signalAll();
        notFull.signalAll();
      } finally {
        pipeLock.unlock();
      }
    }
  }
}
