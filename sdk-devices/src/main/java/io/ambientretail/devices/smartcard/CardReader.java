package io.ambientretail.devices.smartcard;

import io.ambientretail.core.DeviceId;
import io.ambientretail.devices.CardEvent;
import io.ambientretail.devices.Device;
import io.ambientretail.devices.DeviceErrors;
import io.ambientretail.devices.DeviceHealth;
import io.ambientretail.devices.DeviceKind;
import io.ambientretail.devices.DeviceListener;
import io.ambientretail.devices.DeviceOptions;
import io.ambientretail.devices.DeviceState;
import io.ambientretail.devices.DeviceStateException;
import io.ambientretail.devices.DeviceStatistics;
import io.ambientretail.devices.HealthCheckLevel;
import io.ambientretail.devices.HealthReport;
import io.ambientretail.devices.StatusEvent;
import io.ambientretail.devices.internal.Attachment;
import io.ambientretail.devices.internal.DeviceCore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import org.jspecify.annotations.Nullable;

/**
 * A PC/SC card reader chosen by a name pattern: reports card insertion and removal (with the ATR)
 * as {@link CardEvent}s, and {@link #connect(String)}s to the card with T=0, T=1 or either.
 *
 * <p>Watching blocks in the PC/SC service's status-change call (one second at a time, so release is
 * prompt); there is no busy polling. When pcscd stops, the reader reports {@code DISCONNECTED},
 * re-establishes the PC/SC context with backoff and reports {@code CONNECTED} once pcscd and the
 * reader are back, without a JVM restart.
 *
 * <p>Thread-safe.
 */
public final class CardReader implements Device {
  private static final Set<String> PROTOCOLS = Set.of("T=0", "T=1", "*");

  private final DeviceCore core;
  private final ReaderPattern pattern;
  private final PcscService service;
  private final PcscService sessions = PcscService.create();
  private volatile @Nullable CardTerminal terminal;

  private CardReader(Builder b) {
    this.pattern = b.pattern;
    this.service = b.service;
    this.core = new DeviceCore(b.id, DeviceKind.CARD_READER, b.options, Watcher::new);
  }

  /** A builder for the first reader whose name matches {@code pattern}. */
  public static Builder builder(DeviceId id, ReaderPattern pattern) {
    return new Builder(id, pattern);
  }

  /** The PC/SC name of the reader in use, or null while none is attached. */
  public @Nullable String readerName() {
    CardTerminal t = terminal;
    return t == null ? null : t.getName();
  }

  /**
   * Connects to the card in the reader.
   *
   * @param protocol {@code "T=0"}, {@code "T=1"} or {@code "*"} for either
   * @throws IOException if no card is present or the connection fails
   */
  public CardSession connect(String protocol) throws IOException {
    if (!PROTOCOLS.contains(protocol)) {
      throw new IllegalArgumentException("protocol must be T=0, T=1 or *, was " + protocol);
    }
    DeviceState s = core.state();
    CardTerminal t = terminal;
    if (s == DeviceState.CLOSED || s == DeviceState.OPENED) {
      throw new DeviceStateException(core.id().value(), "connect", s, "claimed");
    }
    if (t == null) {
      throw new IOException(core.id() + ": no reader matching '" + pattern + "' is attached");
    }
    try {
      // A context of its own: pcsc-lite serialises calls per context, so APDUs on the watcher's
      // context would wait out its blocking status-change call (up to a second each).
      CardTerminal own = null;
      for (CardTerminal x : sessions.terminals()) {
        if (x.getName().equals(t.getName())) {
          own = x;
        }
      }
      if (own == null) {
        throw new IOException(core.id() + ": reader " + t.getName() + " went away");
      }
      return new CardSession(own.connect(protocol));
    } catch (CardException | RuntimeException e) {
      throw new IOException(
          core.id()
              + ": cannot connect to the card in "
              + t.getName()
              + ": "
              + PcscService.describe(e),
          e);
    }
  }

  /** The watcher thread: finds the reader, follows card presence, recovers from pcscd restarts. */
  private final class Watcher implements Attachment {
    private final DeviceCore c;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean stopping;
    private boolean found;
    private @Nullable String lastError;
    private @Nullable Thread thread;

    Watcher(DeviceCore c) {
      this.c = c;
    }

    @Override
    public void start(Duration timeout) throws IOException {
      Thread t = new Thread(this::run, "ambient-pcsc-" + c.id());
      t.setDaemon(true);
      thread = t;
      t.start();
      long deadline = System.nanoTime() + timeout.toNanos();
      lock.lock();
      try {
        while (!found) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new IOException(
                c.id()
                    + ": no PC/SC reader matching '"
                    + pattern
                    + "' within "
                    + timeout.toMillis()
                    + " ms"
                    + (lastError != null ? ": " + lastError : ""));
          }
          changed.awaitNanos(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while claiming " + c.id());
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void stop() {
      stopping = true;
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
      terminal = null;
      // release the PC/SC contexts now rather than when the garbage collector finalizes them
      service.reset();
      sessions.reset();
    }

    private void run() {
      io.ambientretail.devices.internal.Backoff backoff =
          new io.ambientretail.devices.internal.Backoff(
              c.options().initialBackoff(),
              c.options().maxBackoff(),
              c.options().backoffJitter(),
              java.util.concurrent.ThreadLocalRandom.current());
      boolean online = false;
      boolean present = false;
      java.time.@Nullable Instant lostAt = null;
      while (!stopping) {
        try {
          CardTerminal t = terminal;
          if (t == null) {
            t = service.find(pattern);
            if (t == null) {
              throw new IOException("no reader matching '" + pattern + "'");
            }
            terminal = t;
          }
          if (!online) {
            online = true;
            backoff.reset();
            c.status(StatusEvent.Status.CONNECTED, DeviceHealth.ONLINE, t.getName(), lostAt);
            lostAt = null;
            signalFound();
          }
          boolean now = t.isCardPresent();
          if (now != present) {
            present = now;
            c.read();
            c.emit(
                new CardEvent(
                    c.id(),
                    c.options().clock().instant(),
                    t.getName(),
                    now,
                    now ? atr(t) : new byte[0]));
          }
          if (present) {
            t.waitForCardAbsent(1_000);
          } else {
            t.waitForCardPresent(1_000);
          }
        } catch (CardException | IOException | RuntimeException e) {
          if (stopping) {
            break;
          }
          String why = PcscService.describe(e);
          terminal = null;
          service.reset();
          if (online) {
            online = false;
            if (present) {
              present = false;
              c.emit(new CardEvent(c.id(), c.options().clock().instant(), "", false, new byte[0]));
            }
            lostAt = c.status(StatusEvent.Status.DISCONNECTED, DeviceHealth.RECONNECTING, why);
            c.error(DeviceErrors.CARD_READER, "PC/SC reader lost: " + why, new byte[0], 0, 0, true);
          }
          lock.lock();
          try {
            lastError = why;
            long left = backoff.nextNanos();
            while (left > 0 && !stopping) {
              left = changed.awaitNanos(left);
            }
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return;
          } finally {
            lock.unlock();
          }
        }
      }
    }

    private byte[] atr(CardTerminal t) {
      try {
        Card card = t.connect("*");
        try {
          return card.getATR().getBytes();
        } finally {
          card.disconnect(false);
        }
      } catch (CardException | RuntimeException e) {
        return new byte[0]; // present but not answering yet; the ATR is optional in the event
      }
    }

    private void signalFound() {
      lock.lock();
      try {
        found = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  @Override
  public DeviceId id() {
    return core.id();
  }

  @Override
  public DeviceKind kind() {
    return core.kind();
  }

  @Override
  public DeviceState state() {
    return core.state();
  }

  @Override
  public DeviceHealth health() {
    return core.health();
  }

  @Override
  public void open() {
    core.open();
  }

  @Override
  public void claim(Duration timeout) throws IOException {
    core.claim(timeout);
  }

  @Override
  public void enable() {
    core.enable();
  }

  @Override
  public void disable() {
    core.disable();
  }

  @Override
  public void release() {
    core.release();
  }

  @Override
  public void close() {
    core.close();
  }

  @Override
  public void addListener(DeviceListener listener) {
    core.addListener(listener);
  }

  @Override
  public void removeListener(DeviceListener listener) {
    core.removeListener(listener);
  }

  @Override
  public DeviceStatistics statistics() {
    return core.statistics();
  }

  /**
   * EXTERNAL asks pcscd for the reader list and the reader's card state, which fails when pcscd or
   * the reader is gone. (Card presence is not a fault: an empty reader is healthy.)
   */
  @Override
  public HealthReport checkHealth(HealthCheckLevel level, Duration timeout) {
    return core.checkHealth(
        level,
        timeout,
        t -> {
          CardTerminal own = null;
          String name = readerName();
          for (CardTerminal x : sessions.terminals()) {
            if (x.getName().equals(name)) {
              own = x;
            }
          }
          if (own == null) {
            throw new IOException("reader " + name + " is not listed by pcscd");
          }
          try {
            return own.getName() + (own.isCardPresent() ? ": card present" : ": no card");
          } catch (CardException e) {
            throw new IOException("reader " + name + ": " + PcscService.describe(e), e);
          }
        });
  }

  @Override
  public String toString() {
    return "CardReader["
        + core.id()
        + " '"
        + pattern
        + "' "
        + core.state()
        + " "
        + core.health()
        + "]";
  }

  /** Builds a {@link CardReader}; not thread-safe. */
  public static final class Builder {
    private final DeviceId id;
    private final ReaderPattern pattern;
    private DeviceOptions options = DeviceOptions.defaults();
    private PcscService service = PcscService.create();

    private Builder(DeviceId id, ReaderPattern pattern) {
      this.id = Objects.requireNonNull(id, "id");
      this.pattern = Objects.requireNonNull(pattern, "pattern");
    }

    /** Shared device options. */
    public Builder options(DeviceOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** The PC/SC service to use (default: a new one). */
    public Builder service(PcscService service) {
      this.service = Objects.requireNonNull(service, "service");
      return this;
    }

    /** Builds the reader, closed. */
    public CardReader build() {
      return new CardReader(this);
    }
  }
}
