package io.ambientretail.benchmarks.payments;

import io.ambientretail.devices.ApduChannel;
import io.ambientretail.devices.smartcard.VpcdCardEmulator;
import io.ambientretail.devices.smartcard.VpcdLock;
import io.ambientretail.payments.emv.CardRead;
import io.ambientretail.payments.emv.EmvCardReader;
import io.ambientretail.payments.emv.EmvReaderConfig;
import io.ambientretail.testing.emv.VirtualEmvCard;
import io.ambientretail.testing.emv.VirtualEmvCards;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.TerminalFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole card read, SELECT PPSE to the last record, of the contact Mastercard profile (PSE,
 * directory record, 3 records: 9 APDUs) and the contactless Visa (5 APDUs): through
 * javax.smartcardio, pcscd and the vpcd virtual reader, and in process for comparison. Sample mode
 * gives p50 and p99. Needs pcscd with vsmartcard-vpcd (scripts/test starts it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class CardReadBenchmark {
  private final EmvCardReader reader = EmvCardReader.create(EmvReaderConfig.builder().build());
  private final VirtualEmvCard inProcess =
      VirtualEmvCards.mastercard(VirtualEmvCards.Interface.CONTACT);
  private VpcdLock lock;
  private VpcdCardEmulator emulator;
  private Card card;
  private ApduChannel pcsc;

  @Setup(Level.Trial)
  public void insert() throws Exception {
    for (String lib :
        new String[] {
          "/usr/lib/x86_64-linux-gnu/libpcsclite.so.1",
          "/usr/lib/aarch64-linux-gnu/libpcsclite.so.1"
        }) {
      if (Files.exists(Path.of(lib))) {
        System.setProperty("sun.security.smartcardio.library", lib);
      }
    }
    lock = VpcdLock.acquire(Duration.ofSeconds(120));
    emulator =
        VpcdCardEmulator.insert(
            VirtualEmvCards.mastercard(VirtualEmvCards.Interface.CONTACT),
            VpcdCardEmulator.DEFAULT_ADDRESS);
    CardTerminal t =
        TerminalFactory.getDefault().terminals().list().stream()
            .filter(x -> x.getName().startsWith("Virtual PCD"))
            .findFirst()
            .orElseThrow(() -> new IOException("no vpcd reader: is pcscd with vpcd running?"));
    if (!t.waitForCardPresent(10_000)) {
      throw new IOException("the virtual card did not appear in " + t.getName());
    }
    card = t.connect("*");
    CardChannel ch = card.getBasicChannel();
    pcsc =
        command -> {
          try {
            return ch.transmit(new CommandAPDU(command)).getBytes();
          } catch (CardException e) {
            throw new IOException(e);
          }
        };
  }

  @TearDown(Level.Trial)
  public void remove() throws Exception {
    card.disconnect(false);
    emulator.close();
    lock.close();
  }

  /** PPSE (absent) to the last record through pcscd and vpcd. */
  @Benchmark
  public int readThroughPcscd() throws IOException {
    try (CardRead read = reader.read(pcsc)) {
      return read.pan().length();
    }
  }

  /** The same read in process: the reader's own cost without PC/SC. */
  @Benchmark
  public int readInProcess() throws IOException {
    try (CardRead read = reader.read(inProcess::process)) {
      return read.pan().length();
    }
  }
}
