package io.ambientretail.payments.emv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.payments.tlv.TlvException;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class EmvCardReaderTest {
  private static final String SELECT_VISA = "00A4040007A0000000031010";
  private static final String FCI = "6F098407A00000000310109000";
  private final EmvCardReader reader = EmvCardReader.create(EmvReaderConfig.builder().build());

  private static ScriptedCard visaWithRecord(String record) {
    return new ScriptedCard()
        .on(SELECT_VISA, FCI)
        .on("80A8", "800600000801010 09000".replace(" ", ""))
        .on("00B2010C", record);
  }

  @Test
  void noPpseNoPse_fallsBackToTheCandidateList_andGpoFormat1() throws Exception {
    ScriptedCard card = visaWithRecord("70145A0847617390010101195F24033112315F340101 9000");
    try (CardRead read = reader.read(card)) {
      assertThat(read.selection()).isEqualTo(CardRead.Selection.AID_LIST);
      assertThat(read.pan().masked()).isEqualTo("476173******0119");
      assertThat(read.expiry()).contains(YearMonth.of(2031, 12));
      assertThat(read.panSequence()).contains("01");
      assertThat(read.panSource()).isEqualTo(CardRead.PanSource.TAG_5A);
    }
    assertThat(card.seen)
        .startsWith(
            "00A404000E325041592E5359532E444446303100", "00A404000E315041592E5359532E444446303100");
  }

  @Test
  void responsesChainedWith61xx_areFollowedWithGetResponse() throws Exception {
    ScriptedCard card =
        new ScriptedCard()
            .on(SELECT_VISA, "6110")
            .on("00C0000010", FCI)
            .on("80A8", "8006000008010100 9000".replace(" ", ""))
            .on("00B2010C", "70145A0847617390010101195F24033112315F3401019000");
    try (CardRead read = reader.read(card)) {
      assertThat(read.aid()).isEqualTo("A0000000031010");
    }
  }

  @Test
  void hostileCard_hugeLength_failsNamingCommandAndOffset() {
    ScriptedCard card = visaWithRecord("70 84 7FFFFFFF 5A08 4761739001010119 9000");
    assertThatThrownBy(() -> reader.read(card))
        .isInstanceOfSatisfying(
            EmvException.class,
            e -> {
              assertThat(e.code()).isEqualTo(EmvException.EMV_RESPONSE);
              assertThat(e.getCause())
                  .isInstanceOfSatisfying(
                      TlvException.class,
                      t -> assertThat(t.code()).isEqualTo(TlvException.TLV_LENGTH_TOO_LARGE));
            })
        .hasMessageContaining("READ RECORD SFI 1 record 1")
        .hasMessageContaining("byte offset 1")
        .hasMessageNotContaining("476173");
  }

  @Test
  void hostileCard_deepNesting_fails() {
    StringBuilder rec = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      rec.append("70").append(String.format("%02X", 2 * (40 - i - 1)));
    }
    ScriptedCard card = visaWithRecord(rec + "9000");
    assertThatThrownBy(() -> reader.read(card))
        .isInstanceOf(EmvException.class)
        .hasMessageContaining("TLV_TOO_DEEP");
  }

  @Test
  void hostileCard_indefiniteLengthAndBadAfl_fail() {
    assertThatThrownBy(() -> reader.read(visaWithRecord("70 80 5A01 11 0000 9000")))
        .isInstanceOf(EmvException.class)
        .hasMessageContaining("TLV_INDEFINITE_LENGTH");
    ScriptedCard badAfl =
        new ScriptedCard()
            .on(SELECT_VISA, FCI)
            .on("80A8", "80060000F8010100 9000".replace(" ", ""));
    assertThatThrownBy(() -> reader.read(badAfl))
        .isInstanceOfSatisfying(
            EmvException.class, e -> assertThat(e.code()).isEqualTo(EmvException.EMV_AFL))
        .hasMessageContaining("F8010100");
    ScriptedCard tooMany =
        new ScriptedCard()
            .on(SELECT_VISA, FCI)
            .on("80A8", "80060000 08 01 FF 00 9000".replace(" ", ""));
    assertThatThrownBy(() -> reader.read(tooMany))
        .isInstanceOf(EmvException.class)
        .hasMessageContaining("more than 64 records");
  }

  @Test
  void cardWithoutPan_orWithBadPan_fails() {
    assertThatThrownBy(() -> reader.read(visaWithRecord("70055F280202769000")))
        .isInstanceOfSatisfying(
            EmvException.class, e -> assertThat(e.code()).isEqualTo(EmvException.EMV_NO_PAN));
    assertThatThrownBy(() -> reader.read(visaWithRecord("700A5A08476173900101A1199000")))
        .isInstanceOf(EmvException.class)
        .hasMessageContaining("bad nibble")
        .hasMessageNotContaining("4761");
  }

  @Test
  void noApplication_andErrorStatus_fail() {
    assertThatThrownBy(() -> reader.read(new ScriptedCard()))
        .isInstanceOfSatisfying(
            EmvException.class,
            e -> assertThat(e.code()).isEqualTo(EmvException.EMV_NO_APPLICATION));
    ScriptedCard refuses = new ScriptedCard().on(SELECT_VISA, FCI).on("80A8", "6985");
    assertThatThrownBy(() -> reader.read(refuses))
        .isInstanceOfSatisfying(
            EmvException.class, e -> assertThat(e.statusWord()).isEqualTo(0x6985))
        .hasMessageContaining("GET PROCESSING OPTIONS answered status 6985");
    ScriptedCard oneByte = new ScriptedCard().on("00A4", "90");
    assertThatThrownBy(() -> reader.read(oneByte))
        .isInstanceOf(EmvException.class)
        .hasMessageContaining("SELECT PPSE got a response of 1 bytes");
  }

  @Test
  void magstripeMode_track1_givesPanExpiryAndName() throws Exception {
    // 56: "B5413330089020011^MC TEST/CARD^3012..." in ASCII
    String track1 = "42353431333333303038393032303031315E4D4320544553542F434152445E33303132313031";
    String rec =
        "70"
            + String.format("%02X", 2 + track1.length() / 2)
            + "56"
            + String.format("%02X", track1.length() / 2)
            + track1
            + "9000";
    try (CardRead read = reader.read(visaWithRecord(rec))) {
      assertThat(read.panSource()).isEqualTo(CardRead.PanSource.TRACK1);
      assertThat(read.pan().masked()).isEqualTo("541333******0011");
      assertThat(read.expiry()).contains(YearMonth.of(2030, 12));
      assertThat(read.cardholderName()).contains("MC TEST/CARD");
    }
  }
}
