package io.ambientretail.payments.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Known answers from ANSI X9.24-3-2017 (Annex B and its published test vectors). */
class AesDukptTest {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private static final byte[] BDK = HEX.parseHex("FEDCBA9876543210F1F1F1F1F1F1F1F1");

  private static byte[] ksn(int counter) {
    return HEX.parseHex(String.format(java.util.Locale.ROOT, "1234567890123456%08X", counter));
  }

  @Test
  void initialKey_matchesTheStandardsExample() throws Exception {
    assertThat(
            HEX.formatHex(AesDukpt.initialKey(BDK, HEX.parseHex("1234567890123456")).getEncoded()))
        .isEqualTo("1273671EA26AC29AFA4D1084127652A1");
  }

  @Test
  void transactionKeys_counter1And2() throws Exception {
    assertThat(HEX.formatHex(AesDukpt.transactionKey(BDK, ksn(1)).getEncoded()))
        .isEqualTo("4F21B565BAD9835E112B6465635EAE44");
    assertThat(HEX.formatHex(AesDukpt.transactionKey(BDK, ksn(2)).getEncoded()))
        .isEqualTo("2F34D68DE10F68D38091A73B9E7C437C");
  }

  @Test
  void workingKeys_counter1And2() throws Exception {
    assertThat(
            HEX.formatHex(
                AesDukpt.workingKey(
                        BDK, ksn(1), AesDukpt.Usage.PIN_ENCRYPTION, AesDukpt.KeyType.AES128)
                    .getEncoded()))
        .isEqualTo("AF8CB133A78F8DC2D1359F18527593FB");
    assertThat(
            HEX.formatHex(
                AesDukpt.workingKey(
                        BDK, ksn(1), AesDukpt.Usage.MAC_GENERATION, AesDukpt.KeyType.AES128)
                    .getEncoded()))
        .isEqualTo("A2DC23DE6FDE0824A2BC321E08E4B8B7");
    assertThat(
            HEX.formatHex(
                AesDukpt.workingKey(
                        BDK, ksn(1), AesDukpt.Usage.DATA_ENCRYPT, AesDukpt.KeyType.AES128)
                    .getEncoded()))
        .isEqualTo("A35C412EFD41FDB98B69797C02DCD08F");
    assertThat(
            HEX.formatHex(
                AesDukpt.workingKey(
                        BDK, ksn(2), AesDukpt.Usage.PIN_ENCRYPTION, AesDukpt.KeyType.AES128)
                    .getEncoded()))
        .isEqualTo("D30BDC73EC9714B000BEC66BDB7B6D09");
  }

  @Test
  void invalidKsn_orKey_fails() {
    assertThatThrownBy(() -> AesDukpt.transactionKey(BDK, ksn(0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AesDukpt.transactionKey(BDK, ksn(0x0001FFFF)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16 bits");
    assertThatThrownBy(() -> AesDukpt.transactionKey(new byte[15], ksn(1)))
        .isInstanceOf(java.security.InvalidKeyException.class);
  }
}
