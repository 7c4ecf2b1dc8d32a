package io.ambientretail.store.pay;

import io.ambientretail.core.DeviceId;
import io.ambientretail.devices.SmartCard;
import io.ambientretail.devices.smartcard.CardReader;
import io.ambientretail.devices.smartcard.CardSession;
import io.ambientretail.devices.smartcard.ReaderPattern;
import io.ambientretail.devices.smartcard.VpcdCardEmulator;
import io.ambientretail.devices.smartcard.VpcdLock;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The entry gate's card reader over real transports: each shopper's virtual card is put into the
 * vsmartcard {@code vpcd} virtual reader by sdk-devices' {@link VpcdCardEmulator}, and the store
 * reads it back through pcscd with sdk-devices' {@link CardReader} (javax.smartcardio) and the
 * SDK's EMV flow, as it would read a physical contactless reader.
 *
 * <p>One card at a time, as at a real gate: reads are serialised here and across processes by
 * {@link VpcdLock}. Thread-safe. {@link #close()} releases the reader.
 */
public final class VpcdTaps implements AutoCloseable {
  /** The name pcscd gives vpcd's first reader. */
  public static final String READER = "Virtual PCD*";

  private final CardReader reader;

  private VpcdTaps(CardReader reader) {
    this.reader = reader;
  }

  /**
   * Claims the vpcd reader, or returns empty when vpcd does not answer on 127.0.0.1:35963.
   *
   * @throws IOException if vpcd answers but pcscd shows no matching reader within the timeout
   */
  public static Optional<VpcdTaps> open(Duration timeout) throws IOException {
    if (!VpcdLock.vpcdListening()) {
      return Optional.empty();
    }
    useSystemPcscLite();
    CardReader r =
        CardReader.builder(DeviceId.of("entry-reader"), ReaderPattern.of(READER)).build();
    try {
      r.open();
      r.claim(timeout);
      r.enable();
    } catch (IOException | RuntimeException e) {
      r.close();
      throw e;
    }
    return Optional.of(new VpcdTaps(r));
  }

  /**
   * Presents {@code card} at the reader and reads it with {@code taps}.
   *
   * @throws IOException if the card cannot be inserted, powered or read
   */
  public synchronized CardTap read(SmartCard card, CardTaps taps) throws IOException {
    try (VpcdLock lock = VpcdLock.acquire(Duration.ofSeconds(30));
        VpcdCardEmulator inserted =
            VpcdCardEmulator.insert(card, VpcdCardEmulator.DEFAULT_ADDRESS)) {
      if (!inserted.awaitPowerOn(Duration.ofSeconds(10))) {
        throw new IOException("the vpcd reader did not power the card on within 10 s");
      }
      try (CardSession s = connect(Duration.ofSeconds(5))) {
        return taps.read(s.channel());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading a card");
    }
  }

  private CardSession connect(Duration within) throws IOException {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      try {
        return reader.connect("*");
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        // pcscd has powered the card but not yet reported it present to this context
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
    }
  }

  /** The reader's PC/SC name, for the start-up note. */
  public String readerName() {
    String n = reader.readerName();
    return n == null ? READER : n;
  }

  @Override
  public void close() {
    reader.close();
  }

  private static void useSystemPcscLite() {
    if (System.getProperty("sun.security.smartcardio.library") != null) {
      return;
    }
    for (String lib :
        new String[] {
          "/usr/lib/x86_64-linux-gnu/libpcsclite.so.1",
          "/usr/lib/aarch64-linux-gnu/libpcsclite.so.1",
          "/usr/lib/libpcsclite.so.1"
        }) {
      if (Files.exists(Path.of(lib))) {
        System.setProperty("sun.security.smartcardio.library", lib);
        return;
      }
    }
  }
}
