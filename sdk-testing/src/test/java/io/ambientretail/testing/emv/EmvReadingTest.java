package io.ambientretail.testing.emv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ambientretail.core.Money;
import io.ambientretail.payments.CardBrand;
import io.ambientretail.payments.emv.CardRead;
import io.ambientretail.payments.emv.EmvCardReader;
import io.ambientretail.payments.emv.EmvException;
import io.ambientretail.payments.emv.EmvReaderConfig;
import io.ambientretail.payments.tokenize.CardToken;
import io.ambientretail.payments.tokenize.Pan;
import io.ambientretail.payments.tokenize.Tokenizer;
import io.ambientretail.testing.PanLeakScanner;
import io.ambientretail.testing.emv.VirtualEmvCards.Interface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The EMV reader against every virtual card profile and every recorded trace, in process. */
class EmvReadingTest {
  private static final EmvReaderConfig CONFIG =
      EmvReaderConfig.builder()
          .amount(Money.parse("1.00 EUR"))
          .clock(Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC))
          .build();

  @TempDir Path tmp;

  @Test
  void everyProfile_readsBrandPanExpiryAndSelection_andNoPanReachesLogsOrFiles() throws Exception {
    Tokenizer tokenizer =
        Tokenizer.builder()
            .key(1, new byte[16])
            .detokenizePolicy((who, why) -> who.equals("test"))
            .build();
    List<String> lines = new ArrayList<>();
    try (LogCapture logs = new LogCapture(tmp.resolve("logs"))) {
      for (Interface iface : Interface.values()) {
        check(
            VirtualEmvCards.visa(iface),
            CardBrand.VISA,
            "476173******0119",
            YearMonth.of(2031, 12),
            iface,
            lines,
            tokenizer);
        check(
            VirtualEmvCards.mastercard(iface),
            CardBrand.MASTERCARD,
            "541333******0011",
            YearMonth.of(2030, 12),
            iface,
            lines,
            tokenizer);
        check(
            VirtualEmvCards.amex(iface),
            CardBrand.AMEX,
            "374245*****1006",
            YearMonth.of(2029, 3),
            iface,
            lines,
            tokenizer);
      }
    }
    Files.write(tmp.resolve("out.jsonl"), lines);
    assertThat(Files.readString(tmp.resolve("out.jsonl"))).contains("476173******0119");
    assertThat(PanLeakScanner.allowing(VirtualEmvCards.AID_DIGIT_RUNS).scan(tmp)).isEmpty();
  }

  private void check(
      VirtualEmvCard card,
      CardBrand brand,
      String masked,
      YearMonth expiry,
      Interface iface,
      List<String> out,
      Tokenizer tokenizer)
      throws Exception {
    try (CardRead read = EmvCardReader.create(CONFIG).read(card::process)) {
      assertThat(read.brand()).as(card.name()).isEqualTo(brand);
      assertThat(read.pan().masked()).as(card.name()).isEqualTo(masked);
      assertThat(read.expiry()).as(card.name()).contains(expiry);
      assertThat(read.selection())
          .as(card.name())
          .isEqualTo(iface == Interface.CONTACT ? CardRead.Selection.PSE : CardRead.Selection.PPSE);
      assertThat(read.toString()).doesNotContain(read.pan().revealDigits("test assertion"));
      CardToken token = tokenizer.tokenize(read.pan());
      try (Pan back = tokenizer.detokenize(token, "test", "round trip")) {
        assertThat(back).isEqualTo(read.pan());
      }
      out.add(
          "{\"aid\":\""
              + read.aid()
              + "\",\"maskedPan\":\""
              + read.pan().masked()
              + "\",\"token\":\""
              + token.text()
              + "\",\"read\":\""
              + read
              + "\"}");
    }
    // the PDOL of the Visa profile asked for 9F37: the card must have got 4 fresh bytes
    assertThat(card.commands()).anyMatch(c -> c.startsWith("80A8"));
  }

  @Test
  void contactlessVisa_panFromTrack2Equivalent_whenNo5A() throws Exception {
    try (CardRead read =
        EmvCardReader.create(CONFIG).read(VirtualEmvCards.visa(Interface.CONTACTLESS)::process)) {
      assertThat(read.panSource()).isEqualTo(CardRead.PanSource.TRACK2_EQUIVALENT);
      assertThat(read.panSequence()).contains("01");
      assertThat(read.label()).contains("VISA CREDIT");
      assertThat(read.cardholderName()).contains("CARDHOLDER/VISA");
    }
  }

  @Test
  void mastercard_priorityPicksMastercard_preferencePicksMaestro() throws Exception {
    VirtualEmvCard card = VirtualEmvCards.mastercard(Interface.CONTACTLESS);
    try (CardRead read = EmvCardReader.create(CONFIG).read(card::process)) {
      assertThat(read.aid()).isEqualTo("A0000000041010");
    }
    EmvReaderConfig preferMaestro =
        EmvReaderConfig.builder().brandPreference(List.of(CardBrand.MAESTRO)).build();
    // the profile's Maestro application has no GPO answer: preferring it must reach it and fail
    assertThatThrownBy(() -> EmvCardReader.create(preferMaestro).read(card::process))
        .isInstanceOfSatisfying(
            EmvException.class,
            e -> {
              assertThat(e.code()).isEqualTo(EmvException.EMV_STATUS);
              assertThat(e.statusWord()).isEqualTo(0x6985);
            })
        .hasMessageContaining("GET PROCESSING OPTIONS");
  }

  @Test
  void pdol_carriesAFreshUnpredictableNumberEachRead() throws Exception {
    VirtualEmvCard a = VirtualEmvCards.visa(Interface.CONTACTLESS);
    VirtualEmvCard b = VirtualEmvCards.visa(Interface.CONTACTLESS);
    EmvCardReader reader = EmvCardReader.create(CONFIG);
    reader.read(a::process).close();
    reader.read(b::process).close();
    String gpoA = a.commands().stream().filter(c -> c.startsWith("80A8")).findFirst().get();
    String gpoB = b.commands().stream().filter(c -> c.startsWith("80A8")).findFirst().get();
    // 83 len | 9F66(4) 9F02(6) 9F37(4) 5F2A(2) 9A(3): the amount is 000000000100, EUR 0978
    assertThat(gpoA).startsWith("80A8000015831336008000000000000100").contains("0978261127");
    assertThat(gpoA.substring(34, 42)).isNotEqualTo(gpoB.substring(34, 42));
  }

  @Test
  void everyRecordedTrace_readsAPan() throws Exception {
    Optional<Path> dir = EmvTraceCard.corpusDirectory();
    assumeTrue(dir.isPresent(), "../shared/corpus/emv-traces is absent (outside CI): skipped");
    List<Path> traces = EmvTraceCard.corpusTraces(dir.get());
    assertThat(traces).hasSizeGreaterThanOrEqualTo(7);
    List<String> lines = new ArrayList<>();
    try (LogCapture logs = new LogCapture(tmp.resolve("logs"))) {
      for (Path trace : traces) {
        VirtualEmvCard card = EmvTraceCard.load(trace);
        try (CardRead read = EmvCardReader.create(CONFIG).read(card::process)) {
          assertThat(read.pan().length()).as(trace.toString()).isBetween(15, 19);
          assertThat(read.pan().isLuhnValid()).as(trace.toString()).isTrue();
          assertThat(read.brand()).as(trace.toString()).isNotEqualTo(CardBrand.UNKNOWN);
          lines.add(trace.getFileName() + " " + read);
        }
      }
    }
    Files.write(tmp.resolve("traces.txt"), lines);
    assertThat(lines)
        .anyMatch(
            l ->
                l.startsWith("contact-upi-in.txt")
                    && l.contains("A000000333010102")
                    && l.contains("UNIONPAY"));
    assertThat(lines)
        .anyMatch(l -> l.startsWith("contactless-msd-in.txt") && l.contains("MASTERCARD"));
    assertThat(PanLeakScanner.allowing(VirtualEmvCards.AID_DIGIT_RUNS).scan(tmp)).isEmpty();
  }
}
