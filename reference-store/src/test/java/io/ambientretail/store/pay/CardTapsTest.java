package io.ambientretail.store.pay;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.testing.emv.VirtualEmvCards;
import org.junit.jupiter.api.Test;

class CardTapsTest {
  private static final byte[] SECRET = new byte[32];

  @Test
  void read_makesVersion2Tokens_thatEncryptAtLeastSixDigits() throws Exception {
    CardTaps taps = CardTaps.create(SECRET);
    CardTap tap = taps.read(VirtualEmvCards.visa(VirtualEmvCards.Interface.CONTACT)::process);
    assertThat(tap.token()).startsWith("v2:").endsWith("0119").hasSize(3 + 16);
    // BIN 6 and last 4 of a 16-digit card would leave FF1 only 10^5 values: the BIN is not kept
    assertThat(tap.token().substring(3)).doesNotStartWith("476173");
    CardTap again = taps.read(VirtualEmvCards.visa(VirtualEmvCards.Interface.CONTACT)::process);
    assertThat(again.token()).isEqualTo(tap.token());
  }
}
