package io.ambientretail.payments.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

/**
 * The reader side of AES DUKPT against the host side and the ANSI X9.24-3-2017 example (BDK
 * FEDCBA9876543210F1F1F1F1F1F1F1F1, initial key ID 1234567890123456).
 */
class AesDukptReaderTest {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private static final byte[] BDK = HEX.parseHex("FEDCBA9876543210F1F1F1F1F1F1F1F1");
  private static final byte[] IKID = HEX.parseHex("1234567890123456");

  private static byte[] ksn(long counter) {
    return HEX.parseHex(String.format(Locale.ROOT, "1234567890123456%08X", counter));
  }

  private static AesDukptReader loaded() throws Exception {
    SecretKey ik = AesDukpt.initialKey(BDK, IKID);
    assertThat(HEX.formatHex(ik.getEncoded())).isEqualTo("1273671EA26AC29AFA4D1084127652A1");
    return AesDukptReader.loadInitialKey(ik, IKID);
  }

  private static String hostKey(long counter) throws Exception {
    return HEX.formatHex(AesDukpt.transactionKey(BDK, ksn(counter)).getEncoded());
  }

  @Test
  void firstCounters_giveTheStandardsTransactionAndWorkingKeys() throws Exception {
    try (AesDukptReader reader = loaded()) {
      try (AesDukptReader.Transaction t1 = reader.nextTransaction()) {
        assertThat(HEX.formatHex(t1.ksn())).isEqualTo("123456789012345600000001");
        assertThat(HEX.formatHex(t1.transactionKey().getEncoded()))
            .isEqualTo("4F21B565BAD9835E112B6465635EAE44");
        assertThat(
                HEX.formatHex(
                    t1.workingKey(AesDukpt.Usage.PIN_ENCRYPTION, AesDukpt.KeyType.AES128)
                        .getEncoded()))
            .isEqualTo("AF8CB133A78F8DC2D1359F18527593FB");
        assertThat(
                HEX.formatHex(
                    t1.workingKey(AesDukpt.Usage.DATA_ENCRYPT, AesDukpt.KeyType.AES128)
                        .getEncoded()))
            .isEqualTo("A35C412EFD41FDB98B69797C02DCD08F");
      }
      try (AesDukptReader.Transaction t2 = reader.nextTransaction()) {
        assertThat(HEX.formatHex(t2.transactionKey().getEncoded()))
            .isEqualTo("2F34D68DE10F68D38091A73B9E7C437C");
        assertThat(
                HEX.formatHex(
                    t2.workingKey(AesDukpt.Usage.PIN_ENCRYPTION, AesDukpt.KeyType.AES128)
                        .getEncoded()))
            .isEqualTo("D30BDC73EC9714B000BEC66BDB7B6D09");
      }
    }
  }

  @Test
  void readerAndHost_deriveTheSameKeys_forTheFirst600Counters() throws Exception {
    try (AesDukptReader reader = loaded()) {
      for (long c = 1; c <= 600; c++) {
        assertThat(reader.counter()).isEqualTo(c);
        try (AesDukptReader.Transaction t = reader.nextTransaction()) {
          assertThat(t.counter()).isEqualTo(c);
          assertThat(HEX.formatHex(t.transactionKey().getEncoded()))
              .as("counter %d", c)
              .isEqualTo(hostKey(c));
          if (c % 97 == 0) {
            assertThat(
                    t.workingKey(AesDukpt.Usage.MAC_GENERATION, AesDukpt.KeyType.AES256)
                        .getEncoded())
                .isEqualTo(
                    AesDukpt.workingKey(
                            BDK, ksn(c), AesDukpt.Usage.MAC_GENERATION, AesDukpt.KeyType.AES256)
                        .getEncoded());
          }
        }
      }
    }
  }

  @Test
  void counterWith16OneBits_isFollowedByAJumpPastEvery17BitValue() throws Exception {
    // walk the device for real from counter 1 up to the first jump: 1FFFE (16 one-bits) -> 20000
    try (AesDukptReader reader = loaded()) {
      long previous = 0;
      long used = 0;
      while (reader.counter() <= 0x20000) {
        long c = reader.counter();
        // plain checks in the hot loop; a failure names the counter
        if (Long.bitCount(c) > 16
            || c <= previous
            || (previous == 0x1FFFE ? c != 0x20000 : previous != 0 && c != previous + 1)) {
          throw new AssertionError(String.format(Locale.ROOT, "counter %X after %X", c, previous));
        }
        try (AesDukptReader.Transaction t = reader.nextTransaction()) {
          if (c == 0xFFFF || c == 0x1FFFE || c == 0x20000) {
            assertThat(HEX.formatHex(t.transactionKey().getEncoded()))
                .as("counter %x", c)
                .isEqualTo(hostKey(c));
          }
        }
        previous = c;
        used++;
      }
      assertThat(used).as("0x1FFFF is the only value skipped").isEqualTo(0x20000 - 1);
      assertThat(previous).isEqualTo(0x20000);
      try (AesDukptReader.Transaction t = reader.nextTransaction()) {
        assertThat(t.counter()).isEqualTo(0x20001);
        assertThat(HEX.formatHex(t.transactionKey().getEncoded())).isEqualTo(hostKey(0x20001));
      }
    }
    // the host refuses the skipped value too
    assertThatThrownBy(() -> AesDukpt.transactionKey(BDK, ksn(0x1FFFF)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16 bits");
  }

  @Test
  void lastCounterFFFF0000_isUsed_thenTheReaderIsExhausted() throws Exception {
    // the device as it stands at FFFE8000 (16 one-bits): registers 15 and 16 in use
    byte[][] registers = new byte[32][];
    registers[15] = AesDukpt.transactionKey(BDK, ksn(0xFFFE8000L)).getEncoded();
    registers[16] = AesDukpt.transactionKey(BDK, ksn(AesDukptReader.MAX_COUNTER)).getEncoded();
    try (AesDukptReader reader =
        AesDukptReader.resume(IKID, AesDukpt.KeyType.AES128, 0xFFFE8000L, registers)) {
      try (AesDukptReader.Transaction t = reader.nextTransaction()) {
        assertThat(HEX.formatHex(t.transactionKey().getEncoded())).isEqualTo(hostKey(0xFFFE8000L));
      }
      assertThat(reader.counter()).isEqualTo(AesDukptReader.MAX_COUNTER);
      try (AesDukptReader.Transaction t = reader.nextTransaction()) {
        assertThat(HEX.formatHex(t.ksn())).isEqualTo("1234567890123456FFFF0000");
        assertThat(HEX.formatHex(t.transactionKey().getEncoded()))
            .isEqualTo(hostKey(AesDukptReader.MAX_COUNTER));
      }
      assertThat(reader.isExhausted()).isTrue();
      assertThatThrownBy(reader::nextTransaction)
          .isInstanceOf(DukptExhaustedException.class)
          .hasMessageContaining("FFFF0000");
    }
  }

  @Test
  void closedReader_refusesAndToStringShowsNoKey() throws Exception {
    AesDukptReader reader = loaded();
    assertThat(reader.toString()).isEqualTo("AesDukptReader[1234567890123456 counter 1]");
    reader.close();
    assertThatThrownBy(reader::nextTransaction).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void loadInitialKey_badLengths_fail() {
    assertThatThrownBy(() -> AesDukptReader.loadInitialKey(new byte[15], IKID))
        .isInstanceOf(java.security.InvalidKeyException.class);
    assertThatThrownBy(() -> AesDukptReader.loadInitialKey(new byte[16], new byte[7]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
