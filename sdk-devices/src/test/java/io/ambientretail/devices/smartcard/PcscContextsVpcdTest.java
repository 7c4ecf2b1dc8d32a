package io.ambientretail.devices.smartcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ambientretail.core.DeviceId;
import io.ambientretail.devices.CardEvent;
import io.ambientretail.devices.transport.EventRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A long-running kiosk connects to cards thousands of times: the PC/SC contexts (each a unix-socket
 * connection to pcscd, which refuses clients past its limit) must not pile up. Counted for real in
 * this process's open file descriptors across 10,000 connects through pcscd and vpcd.
 */
class PcscContextsVpcdTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @BeforeAll
  static void requirePcscdWithVpcd() {
    boolean listening = VpcdLock.vpcdListening();
    if (!listening && "true".equals(System.getenv("CI"))) {
      fail("pcscd with vsmartcard-vpcd is not running under CI (scripts/test starts it)");
    }
    assumeTrue(listening, "pcscd with vsmartcard-vpcd is not running (scripts/test starts it)");
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux /proc to count sockets");
  }

  /** Unix-domain sockets this process holds open (pcsc-lite opens one per context). */
  private static int unixSockets() throws IOException {
    Set<String> unix = new HashSet<>();
    List<String> lines = Files.readAllLines(Path.of("/proc/net/unix"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 7) {
        unix.add(f[6]);
      }
    }
    int n = 0;
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")
              && unix.contains(target.substring(8, target.length() - 1))) {
            n++;
          }
        } catch (IOException gone) {
          // the descriptor closed while listing
        }
      }
    }
    return n;
  }

  @Test
  void tenThousandConnects_keepTheContextsFlat() throws Exception {
    try (VpcdLock lock = VpcdLock.acquire(Duration.ofSeconds(120));
        CardReader reader =
            CardReader.builder(DeviceId.of("card-1"), ReaderPattern.of("Virtual PCD*")).build()) {
      EventRecorder rec = new EventRecorder();
      reader.addListener(rec);
      reader.open();
      reader.claim(WAIT);
      reader.enable();
      try (VpcdCardEmulator emulator =
          VpcdCardEmulator.insert(
              new CardReaderVpcdTest.ChainingCard(), VpcdCardEmulator.DEFAULT_ADDRESS)) {
        rec.await(CardEvent.class, CardEvent::present, WAIT);
        try (CardSession first = reader.connect("*")) {
          assertThat(first.protocol()).startsWith("T=");
        }
        int baseline = unixSockets();
        int most = baseline;
        for (int i = 1; i <= 10_000; i++) {
          try (CardSession s = reader.connect("*")) {
            if (i % 1000 == 0) {
              assertThat(s.channel().transmit(new byte[] {0, (byte) 0xB2, 1, 0x0C, 0}))
                  .endsWith(0x90, 0x00);
            }
          }
          if (i % 250 == 0) {
            most = Math.max(most, unixSockets());
          }
        }
        assertThat(most - baseline)
            .as("unix sockets (PC/SC contexts) grew from %d to %d", baseline, most)
            .isLessThanOrEqualTo(1);
        List<String> readers;
        try (PcscService service = PcscService.create()) {
          readers = service.readers();
          assertThat(service.contextsEstablished()).isEqualTo(1);
        }
        assertThat(readers).contains(reader.readerName());
      }
      rec.await(CardEvent.class, e -> !e.present(), WAIT);
    }
  }
}
