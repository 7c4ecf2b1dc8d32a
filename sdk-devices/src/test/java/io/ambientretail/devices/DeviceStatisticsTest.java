package io.ambientretail.devices;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.core.DeviceId;
import io.ambientretail.devices.scanner.BarcodeScanner;
import io.ambientretail.devices.scanner.ScannerSimulator;
import io.ambientretail.devices.transport.Conditions;
import io.ambientretail.devices.transport.EventRecorder;
import io.ambientretail.devices.transport.InMemoryLine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Statistics count what happened, and the bounded delivery queue follows its overflow policy. */
class DeviceStatisticsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void listenerThatThrows_isCountedAndOthersStillGetEveryEvent() throws Exception {
    InMemoryLine line = InMemoryLine.create("scan", 4096, Duration.ofMillis(10));
    try (BarcodeScanner scanner =
        BarcodeScanner.builder(DeviceId.of("scanner-1"), line.hostConnector()).build()) {
      EventRecorder rec = new EventRecorder();
      scanner.addListener(
          e -> {
            if (e instanceof ScanEvent) {
              throw new IllegalStateException("listener bug");
            }
          });
      scanner.addListener(rec);
      scanner.open();
      scanner.claim(WAIT);
      scanner.enable();
      ScannerSimulator sim = ScannerSimulator.on(line.deviceEnd(WAIT));
      sim.scanEan13("4006381333931");
      sim.scanEan13("4006381333931");
      sim.send("]E04006381333932"); // bad check digit: an error, not a scan
      sim.scanEan13("5012345678900");
      rec.awaitCount(ScanEvent.class, 3, WAIT);
      assertThat(Conditions.await(() -> scanner.statistics().listenerFailures() == 3, WAIT))
          .as("%s", scanner.statistics())
          .isTrue();
      DeviceStatistics s = scanner.statistics();
      assertThat(s.reads()).isEqualTo(4);
      assertThat(s.errors()).isGreaterThanOrEqualTo(4); // the bad scan and three listener failures
      assertThat(s.lastError()).contains("listener").contains("listener bug");
      assertThat(s.lastHeard()).isNotNull();
      assertThat(s.reconnects()).isZero();
    }
  }

  @Test
  void reconnect_isCounted() throws Exception {
    InMemoryLine line = InMemoryLine.create("scan", 4096, Duration.ofMillis(10));
    try (BarcodeScanner scanner =
        BarcodeScanner.builder(DeviceId.of("scanner-1"), line.hostConnector())
            .options(
                DeviceOptions.builder()
                    .backoff(Duration.ofMillis(10), Duration.ofMillis(50))
                    .build())
            .build()) {
      EventRecorder rec = new EventRecorder();
      scanner.addListener(rec);
      scanner.open();
      scanner.claim(WAIT);
      line.unplug();
      rec.await(StatusEvent.class, e -> e.status() == StatusEvent.Status.DISCONNECTED, WAIT);
      line.plug();
      rec.await(StatusEvent.class, e -> e.gap() != null, WAIT);
      assertThat(scanner.statistics().reconnects()).isEqualTo(1);
    }
  }

  @Test
  void fullQueue_dropsOldestReadingsKeepsScansAndReportsTheDrop() throws Exception {
    InMemoryLine line = InMemoryLine.create("scan", 1 << 16, Duration.ofMillis(10));
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch blocked = new CountDownLatch(1);
    try (BarcodeScanner scanner =
        BarcodeScanner.builder(DeviceId.of("scanner-1"), line.hostConnector())
            .options(DeviceOptions.builder().eventQueueCapacity(16).build())
            .build()) {
      EventRecorder rec = new EventRecorder();
      scanner.addListener(
          e -> {
            blocked.countDown();
            try {
              release.await(30, TimeUnit.SECONDS); // a listener stuck on a slow database
            } catch (InterruptedException ie) {
              Thread.currentThread().interrupt();
            }
          });
      scanner.addListener(rec);
      scanner.open();
      scanner.claim(WAIT);
      scanner.enable();
      ScannerSimulator sim = ScannerSimulator.on(line.deviceEnd(WAIT));
      assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue(); // the CONNECTED status holds it
      for (int i = 0; i < 40; i++) {
        sim.scanEan13("4006381333931");
      }
      assertThat(Conditions.await(() -> scanner.statistics().reads() == 40, WAIT)).isTrue();
      assertThat(scanner.statistics().dropped()).isEqualTo(40 - 16); // no reading to evict
      release.countDown();
      ErrorEvent overflow =
          rec.await(
              ErrorEvent.class, e -> e.code().equals(DeviceErrors.EVENT_QUEUE_OVERFLOW), WAIT);
      assertThat(overflow.message()).contains("24 event(s) dropped");
      List<ScanEvent> scans = rec.awaitCount(ScanEvent.class, 16, WAIT);
      assertThat(scans).hasSize(16);
    }
  }
}
