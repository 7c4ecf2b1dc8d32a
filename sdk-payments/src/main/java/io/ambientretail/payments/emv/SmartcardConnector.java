package io.ambientretail.payments.emv;

import io.ambientretail.devices.CardEvent;
import io.ambientretail.devices.DeviceListener;
import io.ambientretail.devices.DeviceState;
import io.ambientretail.devices.DeviceStateException;
import io.ambientretail.devices.smartcard.CardReader;
import io.ambientretail.devices.smartcard.CardSession;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link CardConnector} over an sdk-devices {@link CardReader}: waits for the reader's card
 * insertion event, connects with {@code "*"} (T=0 or T=1) and hands the {@link CardSession}'s
 * {@link io.ambientretail.devices.ApduChannel} (which handles {@code 61xx}/{@code 6Cxx}) to the EMV
 * reader, so the EMV flow runs over the same channel as every other smartcard use in the SDK.
 *
 * <p>The reader must be enabled ({@link CardReader#enable()}) before {@link #connect(Duration)};
 * the caller owns the reader and closes it. A card already in the reader when the connector is
 * created is found without waiting for an event. Thread-safe; one read at a time per reader.
 *
 * <pre>{@code
 * CardReader reader = CardReader.builder(DeviceId.of("card-1"), ReaderPattern.of("*")).build();
 * reader.open();
 * reader.claim(Duration.ofSeconds(5));
 * reader.enable();
 * PaymentTerminal terminal = ReaderPaymentTerminal.of(SmartcardConnector.over(reader), config);
 * }</pre>
 */
public final class SmartcardConnector implements CardConnector {
  private final CardReader reader;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition inserted = lock.newCondition();
  private long insertions;

  private SmartcardConnector(CardReader reader) {
    this.reader = reader;
  }

  /**
   * A connector over {@code reader}; it listens to the reader's card events from now on (the
   * listener stays registered for the reader's life).
   */
  public static SmartcardConnector over(CardReader reader) {
    SmartcardConnector c = new SmartcardConnector(Objects.requireNonNull(reader, "reader"));
    DeviceListener listener =
        e -> {
          if (e instanceof CardEvent ce && ce.present()) {
            c.signalInserted();
          }
        };
    reader.addListener(listener);
    return c;
  }

  private void signalInserted() {
    lock.lock();
    try {
      insertions++;
      inserted.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Connects to the card in the reader, waiting up to {@code timeout} for one to be presented (a
   * zero timeout tries once).
   *
   * @throws DeviceStateException if the reader is not enabled
   * @throws InterruptedIOException if no card came in time
   * @throws IOException if the reader failed
   */
  @Override
  public Connection connect(Duration timeout) throws IOException {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
    }
    DeviceState s = reader.state();
    if (s != DeviceState.ENABLED) {
      throw new DeviceStateException(reader.id().value(), "connect", s, "enabled");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    IOException last;
    while (true) {
      long seen;
      lock.lock();
      try {
        seen = insertions;
      } finally {
        lock.unlock();
      }
      try {
        return wrap(reader.connect("*"));
      } catch (IOException e) {
        last = e; // no card yet (or not answering): wait for the next insertion
      }
      lock.lock();
      try {
        while (insertions == seen) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            String name = reader.readerName();
            InterruptedIOException t =
                new InterruptedIOException(
                    "no card on '"
                        + (name != null ? name : reader.id().value())
                        + "' within "
                        + timeout.toMillis()
                        + " ms");
            t.initCause(last);
            throw t;
          }
          inserted.awaitNanos(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for a card");
      } finally {
        lock.unlock();
      }
    }
  }

  private static Connection wrap(CardSession session) {
    return new Connection() {
      @Override
      public byte[] transmit(byte[] command) throws IOException {
        return session.channel().transmit(command);
      }

      @Override
      public void close() throws IOException {
        session.close();
      }
    };
  }
}
