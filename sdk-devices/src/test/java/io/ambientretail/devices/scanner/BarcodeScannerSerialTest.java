package io.ambientretail.devices.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.core.DeviceId;
import io.ambientretail.core.Gtin;
import io.ambientretail.devices.DeviceErrors;
import io.ambientretail.devices.DeviceHealth;
import io.ambientretail.devices.DeviceOptions;
import io.ambientretail.devices.ErrorEvent;
import io.ambientretail.devices.ScanEvent;
import io.ambientretail.devices.StatusEvent;
import io.ambientretail.devices.transport.ByteLink;
import io.ambientretail.devices.transport.EventRecorder;
import io.ambientretail.devices.transport.FrameLimits;
import io.ambientretail.devices.transport.SerialConnector;
import io.ambientretail.devices.transport.SerialSettings;
import io.ambientretail.devices.transport.SocatPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jSerialComm against a socat pseudo-terminal pair, the simulator on the far end. */
class BarcodeScannerSerialTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  @TempDir Path dir;

  private static BarcodeScanner scanner(SocatPair pair) {
    return BarcodeScanner.builder(
            DeviceId.of("scanner-1"),
            SerialConnector.of(SerialSettings.builder(pair.hostPath()).baud(115_200).build()))
        .options(
            DeviceOptions.builder()
                .frameLimits(
                    FrameLimits.DEFAULTS
                        .withMaxFrameBytes(64)
                        .withFrameTimeout(Duration.ofMillis(300)))
                .backoff(Duration.ofMillis(50), Duration.ofMillis(400))
                .build())
        .build();
  }

  private static ByteLink far(SocatPair pair) throws Exception {
    return SerialConnector.of(SerialSettings.builder(pair.devicePath()).baud(115_200).build())
        .connect();
  }

  @Test
  void splitFramesGarbageAndOverlongLines_yieldScansAndErrors() throws Exception {
    try (SocatPair pair = SocatPair.start(dir);
        BarcodeScanner scanner = scanner(pair)) {
      EventRecorder rec = new EventRecorder();
      scanner.addListener(rec);
      scanner.open();
      scanner.claim(WAIT);
      scanner.enable();
      try (ByteLink far = far(pair)) {
        ScannerSimulator sim = ScannerSimulator.on(far);
        sim.sendRaw("]E0501234".getBytes(StandardCharsets.US_ASCII));
        sim.sendRaw("5678900\r".getBytes(StandardCharsets.US_ASCII));
        ScanEvent first = rec.await(ScanEvent.class, e -> true, WAIT);
        assertThat(first.gtin()).isEqualTo(Gtin.parse("5012345678900"));
        assertThat(first.symbology()).isEqualTo(Symbology.EAN_13);

        sim.sendRaw(new byte[] {(byte) 0xFF, 0x00, 0x07, '\n'});
        sim.send("]E05012345678901"); // wrong check digit
        sim.send("X".repeat(200));
        sim.scanGs1_128("0109506000134352", "17261231", "10LOT7");
        ScanEvent gs1 = rec.await(ScanEvent.class, e -> e.symbology() == Symbology.GS1_128, WAIT);
        assertThat(gs1.gtin()).isEqualTo(Gtin.parse("09506000134352"));
        assertThat(gs1.elements()).extracting(Gs1Element::ai).containsExactly("01", "17", "10");

        rec.await(ErrorEvent.class, e -> e.code().equals(DeviceErrors.SCAN_CHECK_DIGIT), WAIT);
        rec.await(ErrorEvent.class, e -> e.code().equals(DeviceErrors.FRAME_TOO_LONG), WAIT);
        ErrorEvent garbage =
            rec.await(ErrorEvent.class, e -> e.code().equals(DeviceErrors.SCAN_INVALID), WAIT);
        assertThat(garbage.raw()).contains("<FF>");
        assertThat(rec.events()).filteredOn(ScanEvent.class::isInstance).hasSize(2);

        sim.sendRaw("]E04006381333931".getBytes(StandardCharsets.US_ASCII)); // no terminator
        ErrorEvent incomplete =
            rec.await(ErrorEvent.class, e -> e.code().equals(DeviceErrors.FRAME_INCOMPLETE), WAIT);
        assertThat(incomplete.raw()).isEqualTo("]E04006381333931");
      }
      assertThat(rec.threads()).noneMatch(t -> t.startsWith("ambient-io-"));
    }
  }

  @Test
  void farEndClosesMidFrameAndComesBack_reconnectsAndReportsTheGap() throws Exception {
    try (SocatPair pair = SocatPair.start(dir);
        BarcodeScanner scanner = scanner(pair)) {
      EventRecorder rec = new EventRecorder();
      scanner.addListener(rec);
      scanner.open();
      scanner.claim(WAIT);
      scanner.enable();
      try (ByteLink far = far(pair)) {
        // a whole frame and the start of the next in one write: once the first is an event, the
        // partial one is in the decoder when the far end goes away
        ScannerSimulator.on(far)
            .sendRaw("]E04006381333931\r\n]E0501".getBytes(StandardCharsets.US_ASCII));
        rec.await(ScanEvent.class, e -> true, WAIT);
        pair.kill();
      }
      rec.await(StatusEvent.class, e -> e.status() == StatusEvent.Status.DISCONNECTED, WAIT);
      ErrorEvent truncated =
          rec.await(ErrorEvent.class, e -> e.code().equals(DeviceErrors.FRAME_TRUNCATED), WAIT);
      assertThat(truncated.raw()).isEqualTo("]E0501");
      pair.start();
      rec.await(
          StatusEvent.class,
          e -> e.status() == StatusEvent.Status.CONNECTED && rec.events().indexOf(e) > 0,
          WAIT);
      assertThat(scanner.health()).isEqualTo(DeviceHealth.ONLINE);
      try (ByteLink far = far(pair)) {
        ScannerSimulator.on(far).scanEan13("4006381333931");
        ScanEvent after =
            rec.await(
                ScanEvent.class,
                e -> rec.events().indexOf(e) > rec.events().indexOf(truncated),
                WAIT);
        assertThat(after.gtin()).isEqualTo(Gtin.parse("4006381333931"));
      }
      assertThat(rec.events()).filteredOn(ScanEvent.class::isInstance).hasSize(2);
    }
  }
}
