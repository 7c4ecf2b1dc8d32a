package io.ambientretail.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.DeviceId;
import io.ambientretail.core.EventBus;
import io.ambientretail.core.StoreEvent;
import io.ambientretail.core.StoreId;
import io.ambientretail.devices.scanner.BarcodeScanner;
import io.ambientretail.devices.scanner.ScannerSimulator;
import io.ambientretail.devices.transport.EventRecorder;
import io.ambientretail.devices.transport.InMemoryLine;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeviceLifecycleTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @Test
  void callsOutOfOrder_failWithStateNamed() throws Exception {
    InMemoryLine line = InMemoryLine.create("scanner");
    try (BarcodeScanner s =
        BarcodeScanner.builder(DeviceId.of("scanner-1"), line.hostConnector()).build()) {
      assertThatThrownBy(() -> s.claim(WAIT))
          .isInstanceOfSatisfying(
              DeviceStateException.class,
              e -> {
                assertThat(e.state()).isEqualTo(DeviceState.CLOSED);
                assertThat(e.code()).isEqualTo(DeviceStateException.DEVICE_STATE);
                assertThat(e.getMessage()).contains("claim()", "opened", "closed");
              });
      assertThatThrownBy(s::enable).isInstanceOf(DeviceStateException.class);
      s.open();
      assertThatThrownBy(s::open).isInstanceOf(DeviceStateException.class);
      assertThatThrownBy(s::enable).hasMessageContaining("needs the device claimed");
      assertThatThrownBy(s::release).isInstanceOf(DeviceStateException.class);
      s.claim(WAIT);
      assertThat(s.state()).isEqualTo(DeviceState.CLAIMED);
      assertThat(s.health()).isEqualTo(DeviceHealth.ONLINE);
      assertThatThrownBy(s::disable).isInstanceOf(DeviceStateException.class);
      s.enable();
      assertThat(s.state()).isEqualTo(DeviceState.ENABLED);
      s.release(); // implicitly disables, as in UnifiedPOS
      assertThat(s.state()).isEqualTo(DeviceState.OPENED);
      assertThat(s.health()).isEqualTo(DeviceHealth.IDLE);
      s.close();
      assertThat(s.state()).isEqualTo(DeviceState.CLOSED);
      s.close();
    }
  }

  @Test
  void claim_deviceAbsent_failsAfterTimeoutAndStaysOpened() {
    InMemoryLine line = InMemoryLine.create("scanner");
    line.unplug();
    try (BarcodeScanner s =
        BarcodeScanner.builder(DeviceId.of("scanner-1"), line.hostConnector()).build()) {
      s.open();
      assertThatThrownBy(() -> s.claim(Duration.ofMillis(300)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("unplugged");
      assertThat(s.state()).isEqualTo(DeviceState.OPENED);
    }
  }

  @Test
  void events_reachBusAndListeners_dataOnlyWhileEnabled_neverOnIoThread() throws Exception {
    InMemoryLine line = InMemoryLine.create("scanner");
    EventBus bus = EventBus.builder().build();
    CompletableFuture<StoreEvent<ScanEvent>> onBus = new CompletableFuture<>();
    bus.subscribe(DeviceEvents.SCAN, onBus::complete);
    try (BarcodeScanner s =
        BarcodeScanner.builder(DeviceId.of("scanner-1"), line.hostConnector())
            .options(DeviceOptions.builder().bus(bus, StoreId.of("S001")).build())
            .build()) {
      EventRecorder rec = new EventRecorder();
      s.addListener(rec);
      s.open();
      s.claim(WAIT);
      ScannerSimulator sim = ScannerSimulator.on(line.deviceEnd(WAIT));
      sim.scanEan13("4006381333931"); // claimed, not enabled: dropped
      sim.send("]E04006381333932"); // an error event flows while claimed
      rec.await(ErrorEvent.class, e -> true, WAIT);
      s.enable();
      sim.scanEan13("5012345678900");
      ScanEvent scan = rec.await(ScanEvent.class, e -> true, WAIT);
      assertThat(scan.data()).isEqualTo("5012345678900");
      assertThat(rec.events()).filteredOn(ScanEvent.class::isInstance).hasSize(1);
      StoreEvent<ScanEvent> published = onBus.get(5, TimeUnit.SECONDS);
      assertThat(published.payload()).isEqualTo(scan);
      assertThat(published.store()).isEqualTo(StoreId.of("S001"));
      assertThat(rec.threads()).allMatch(t -> t.startsWith("ambient-device-"));
    } finally {
      bus.close();
    }
  }

  @Test
  void unplugAndReplug_reportsGapAndComesBack() throws Exception {
    InMemoryLine line = InMemoryLine.create("scanner");
    try (BarcodeScanner s =
        BarcodeScanner.builder(DeviceId.of("scanner-1"), line.hostConnector())
            .options(
                DeviceOptions.builder()
                    .backoff(Duration.ofMillis(20), Duration.ofMillis(200))
                    .build())
            .build()) {
      EventRecorder rec = new EventRecorder();
      s.addListener(rec);
      s.open();
      s.claim(WAIT);
      s.enable();
      line.unplug();
      rec.await(StatusEvent.class, e -> e.status() == StatusEvent.Status.RECONNECTING, WAIT);
      assertThat(s.health()).isEqualTo(DeviceHealth.RECONNECTING);
      line.plug();
      rec.awaitCount(
          StatusEvent.class, 4, WAIT); // connected, disconnected, reconnecting, connected
      ScannerSimulator.on(line.deviceEnd(WAIT)).scanEan13("4006381333931");
      rec.await(ScanEvent.class, e -> true, WAIT);
      assertThat(s.health()).isEqualTo(DeviceHealth.ONLINE);
    }
  }
}
