package io.ambientretail.payments.emv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ambientretail.core.DeviceId;
import io.ambientretail.devices.DeviceStateException;
import io.ambientretail.devices.smartcard.CardReader;
import io.ambientretail.devices.smartcard.ReaderPattern;
import io.ambientretail.devices.smartcard.VpcdLock;
import java.io.InterruptedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The connector's own rules; the full read over pcscd + vpcd is in sdk-testing's EmvVpcdTest. */
class SmartcardConnectorTest {
  @Test
  void connect_readerNotEnabled_failsWithItsState() {
    try (CardReader reader =
        CardReader.builder(DeviceId.of("card-x"), ReaderPattern.of("*")).build()) {
      SmartcardConnector connector = SmartcardConnector.over(reader);
      assertThatThrownBy(() -> connector.connect(Duration.ZERO))
          .isInstanceOf(DeviceStateException.class)
          .hasMessageContaining("card-x");
    }
  }

  @Test
  void connect_negativeTimeout_refused() {
    try (CardReader reader =
        CardReader.builder(DeviceId.of("card-y"), ReaderPattern.of("*")).build()) {
      assertThatThrownBy(() -> SmartcardConnector.over(reader).connect(Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void connect_noCardInTheVirtualReader_timesOutNamingTheReader() throws Exception {
    assumeTrue(
        VpcdLock.vpcdListening(),
        "pcscd with vsmartcard-vpcd is not running (scripts/test starts it)");
    try (VpcdLock lock = VpcdLock.acquire(Duration.ofSeconds(120));
        CardReader reader =
            CardReader.builder(DeviceId.of("card-z"), ReaderPattern.of("Virtual PCD*")).build()) {
      reader.open();
      reader.claim(Duration.ofSeconds(10));
      reader.enable();
      SmartcardConnector connector = SmartcardConnector.over(reader);
      assertThatThrownBy(() -> connector.connect(Duration.ofMillis(300)))
          .isInstanceOf(InterruptedIOException.class)
          .hasMessageContaining("no card on 'Virtual PCD");
      assertThat(reader.readerName()).startsWith("Virtual PCD");
    }
  }
}
