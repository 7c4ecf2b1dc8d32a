package io.ambientretail.payments.emv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.devices.ApduChannel;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * A reader link that garbles an answer now and then: a status word ISO 7816-4 does not define (SW1
 * outside 61-6F and 90-9F, such as 0000) is a transmission error, retried once, then a typed
 * failure naming the command.
 */
class EmvGarbledAnswerTest {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private static final String SELECT_VISA = "00A4040007A0000000031010";
  private static final String FCI = "6F098407A00000000310109000";
  private static final String RECORD = "70145A0847617390010101195F24033112315F3401019000";
  private final EmvCardReader reader = EmvCardReader.create(EmvReaderConfig.builder().build());

  /** Answers the first {@code garbled} READ RECORD 1/SFI 1 with {@code noise}, then the record. */
  private static ApduChannel cardGarbling(int garbled, String noise, ScriptedCard inner) {
    return new ApduChannel() {
      int left = garbled;

      @Override
      public byte[] transmit(byte[] command) {
        byte[] answer = inner.transmit(command);
        if (HEX.formatHex(command).startsWith("00B2010C") && left > 0) {
          left--;
          return HEX.parseHex(noise);
        }
        return answer;
      }
    };
  }

  private static ScriptedCard visa() {
    return new ScriptedCard()
        .on(SELECT_VISA, FCI)
        .on("80A8", "8006000008010100 9000".replace(" ", ""))
        .on("00B2010C", RECORD);
  }

  @Test
  void undefinedStatusWordOnce_isRetriedAndTheReadSucceeds() throws Exception {
    ScriptedCard card = visa();
    try (CardRead read = reader.read(cardGarbling(1, "00000000", card))) {
      assertThat(read.pan().masked()).isEqualTo("476173******0119");
    }
    assertThat(card.seen.stream().filter(c -> c.startsWith("00B2010C")).count()).isEqualTo(2);
  }

  @Test
  void everyUndefinedFirstByte_isATransmissionError() throws Exception {
    for (String sw : new String[] {"0000", "6000", "4F00", "A000", "FF6C", "7000"}) {
      try (CardRead read = reader.read(cardGarbling(1, sw, visa()))) {
        assertThat(read.pan().masked()).as(sw).isEqualTo("476173******0119");
      }
    }
  }

  @Test
  void undefinedStatusWordTwice_failsTypedNamingTheCommand() {
    assertThatThrownBy(() -> reader.read(cardGarbling(2, "00000000", visa())))
        .isInstanceOfSatisfying(
            EmvException.class,
            e -> {
              assertThat(e.code()).isEqualTo(EmvException.EMV_TRANSMISSION);
              assertThat(e.statusWord()).isEqualTo(0x0000);
              assertThat(e.getMessage()).contains("READ RECORD SFI 1 record 1").contains("0000");
            });
  }

  @Test
  void definedErrorStatus_isNotRetried() {
    ScriptedCard card = visa().on("00B2010C", "6A82"); // file not found is an answer
    ScriptedCard noRecord =
        new ScriptedCard()
            .on(SELECT_VISA, FCI)
            .on("80A8", "80060000080101009000")
            .on("00B2010C", "6985");
    assertThatThrownBy(() -> reader.read(noRecord))
        .isInstanceOfSatisfying(
            EmvException.class, e -> assertThat(e.code()).isEqualTo(EmvException.EMV_STATUS));
    assertThat(noRecord.seen.stream().filter(c -> c.startsWith("00B2010C")).count()).isEqualTo(1);
  }
}
