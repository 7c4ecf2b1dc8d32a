package io.ambientretail.inventory.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.LaneId;
import io.ambientretail.core.ShopperId;
import io.ambientretail.core.SkuId;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayReaderTest {
  private static final String LANE =
      "{\"v\":1,\"t\":0,\"type\":\"lane\",\"lane\":\"S1-L1\","
          + "\"shelf\":\"S1\",\"sku\":\"05012345678900\",\"unitGrams\":330.0,\"gramsStd\":2.5,"
          + "\"x\":0.0,\"y\":0.0}";

  private static List<ReplayEvent> read(String text) throws IOException {
    try (ReplayReader r = ReplayReader.open(new StringReader(text), ReplayLimits.defaults())) {
      return r.readAll();
    }
  }

  private static ReplayFormatException failure(String text) {
    try {
      read(text);
    } catch (ReplayFormatException e) {
      return e;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no error for " + text);
  }

  @Test
  void read_everyTypeOfTheSpec_givesTypedEvents() throws IOException {
    String text =
        String.join(
            "\n",
            LANE,
            "{\"v\":1,\"t\":1200,\"type\":\"enter\",\"shopper\":\"p1\"}",
            "{\"v\":1,\"t\":1400,\"type\":\"track\",\"shopper\":\"p1\",\"x\":0.45,\"y\":1.22}",
            "{\"v\":1,\"t\":1900,\"type\":\"near\",\"shopper\":\"p1\",\"shelf\":\"S1\",\"metres\":0.4}",
            "{\"v\":1,\"t\":2000,\"type\":\"weight\",\"lane\":\"S1-L1\",\"grams\":6601.5}",
            "{\"v\":1,\"t\":2050,\"type\":\"vision\",\"shopper\":\"p1\",\"shelf\":\"S1\","
                + "\"action\":\"pick\",\"candidates\":[{\"sku\":\"05012345678900\",\"p\":0.81},"
                + "{\"sku\":\"05012345678917\",\"p\":0.12}]}",
            "{\"v\":1,\"t\":2100,\"type\":\"scan\",\"shopper\":\"p1\",\"gtin\":\"5012345678900\"}",
            "{\"v\":1,\"t\":9000,\"type\":\"exit\",\"shopper\":\"p1\"}");
    List<ReplayEvent> events = read(text);
    assertThat(events).hasSize(8);
    assertThat(events.get(0))
        .isEqualTo(
            new ReplayEvent.LaneDefined(
                0,
                new Lane(
                    LaneId.of("S1-L1"), "S1", SkuId.of("05012345678900"), 330.0, 2.5, 0.0, 0.0)));
    assertThat(events.get(2))
        .isEqualTo(new ReplayEvent.Track(1400, ShopperId.of("p1"), 0.45, 1.22));
    assertThat(events.get(4)).isEqualTo(new ReplayEvent.Weight(2000, LaneId.of("S1-L1"), 6601.5));
    ReplayEvent.Vision v = (ReplayEvent.Vision) events.get(5);
    assertThat(v.action()).isEqualTo(Action.PICK);
    assertThat(v.p(SkuId.of("05012345678900"))).isEqualTo(0.81);
    assertThat(((ReplayEvent.Scan) events.get(6)).gtin()).isEqualTo("05012345678900");
  }

  @Test
  void writeThenRead_givesTheSameEvents() throws IOException {
    List<ReplayEvent> events =
        read(
            LANE
                + "\n"
                + "{\"v\":1,\"t\":2050,\"type\":\"vision\",\"shopper\":\"p1\",\"shelf\":\"S1\","
                + "\"action\":\"put\",\"candidates\":[{\"sku\":\"05012345678900\",\"p\":0.5}]}\n"
                + "{\"v\":1,\"t\":2060,\"type\":\"near\",\"shopper\":\"p1\",\"shelf\":\"S1\",\"metres\":0}");
    StringWriter w = new StringWriter();
    try (ReplayWriter out = ReplayWriter.to(w)) {
      for (ReplayEvent e : events) {
        out.event(e);
      }
    }
    assertThat(w.toString()).doesNotStartWith(" ").endsWith("\n");
    assertThat(read(w.toString())).isEqualTo(events);
  }

  @Test
  void read_unknownTypeAndFields_areSkippedAndCounted() throws IOException {
    try (ReplayReader r =
        ReplayReader.open(
            new StringReader(
                LANE.replace("\"x\"", "\"colour\":\"red\",\"x\"")
                    + "\n{\"v\":1,\"t\":5,\"type\":\"door\",\"open\":true}\n\n"
                    + "{\"v\":1,\"t\":6,\"type\":\"door\"}"),
            ReplayLimits.defaults())) {
      assertThat(r.readAll()).hasSize(1);
      assertThat(r.unknownTypes()).containsEntry("door", 2L);
    }
  }

  @Test
  void read_wrongFieldType_namesLineAndField() {
    ReplayFormatException e =
        failure(
            LANE
                + "\n"
                + "{\"v\":1,\"t\":1,\"type\":\"weight\",\"lane\":\"S1-L1\",\"grams\":\"x\"}");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.field()).isEqualTo("grams");
    assertThat(e.code()).isEqualTo(ReplayFormatException.FIELD);
    assertThat(e.getMessage()).isEqualTo("line 2, field 'grams': expected a number");
  }

  @Test
  void read_missingField_namesIt() {
    assertThat(failure("{\"v\":1,\"t\":1,\"type\":\"track\",\"shopper\":\"p1\",\"x\":1}").field())
        .isEqualTo("y");
  }

  @Test
  void read_timeGoingBackwards_fails() {
    ReplayFormatException e =
        failure(
            "{\"v\":1,\"t\":5,\"type\":\"enter\",\"shopper\":\"p1\"}\n"
                + "{\"v\":1,\"t\":4,\"type\":\"exit\",\"shopper\":\"p1\"}");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.field()).isEqualTo("t");
  }

  @Test
  void read_otherVersion_fails() {
    assertThat(failure("{\"v\":2,\"t\":5,\"type\":\"enter\",\"shopper\":\"p1\"}").field())
        .isEqualTo("v");
  }

  @Test
  void read_badCandidate_namesItsIndex() {
    ReplayFormatException e =
        failure(
            "{\"v\":1,\"t\":1,\"type\":\"vision\",\"shopper\":\"p1\","
                + "\"shelf\":\"S1\",\"action\":\"pick\",\"candidates\":[{\"sku\":\"a\",\"p\":0.5},"
                + "{\"sku\":\"b\",\"p\":1.5}]}");
    assertThat(e.field()).isEqualTo("candidates[1].p");
  }

  @Test
  void read_badGtin_namesTheField() {
    assertThat(
            failure(
                    "{\"v\":1,\"t\":1,\"type\":\"scan\",\"shopper\":\"p1\",\"gtin\":"
                        + "\"5012345678901\"}")
                .field())
        .isEqualTo("gtin");
  }

  @Test
  void read_notJson_isASyntaxErrorWithItsLine() {
    ReplayFormatException e = failure(LANE + "\n{\"v\":1,\"t\":");
    assertThat(e.code()).isEqualTo(ReplayFormatException.SYNTAX);
    assertThat(e.line()).isEqualTo(2);
  }

  @Test
  void read_lineOverLimit_failsWithoutReadingItAll() {
    ReplayLimits limits = ReplayLimits.builder().maxLineChars(100).build();
    String huge = "{\"v\":1,\"t\":1,\"type\":\"x\",\"pad\":\"" + "a".repeat(10_000) + "\"}";
    assertThatThrownBy(() -> ReplayReader.open(new StringReader(huge), limits).readAll())
        .isInstanceOfSatisfying(
            ReplayFormatException.class,
            e -> assertThat(e.code()).isEqualTo(ReplayFormatException.LIMIT));
  }

  @Test
  void read_deepNesting_failsAsALimit() {
    String deep = "{\"v\":1,\"t\":1,\"type\":\"x\",\"a\":" + "[".repeat(50) + "]".repeat(50) + "}";
    assertThat(failure(deep).code()).isEqualTo(ReplayFormatException.LIMIT);
  }

  @Test
  void read_tooManyShoppers_failsAsALimit() {
    ReplayLimits limits = ReplayLimits.builder().maxShoppers(2).build();
    String text =
        "{\"v\":1,\"t\":1,\"type\":\"enter\",\"shopper\":\"a\"}\n"
            + "{\"v\":1,\"t\":1,\"type\":\"enter\",\"shopper\":\"b\"}\n"
            + "{\"v\":1,\"t\":1,\"type\":\"enter\",\"shopper\":\"c\"}";
    assertThatThrownBy(() -> ReplayReader.open(new StringReader(text), limits).readAll())
        .isInstanceOfSatisfying(
            ReplayFormatException.class,
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.field()).isEqualTo("shopper");
            });
  }

  @Test
  void read_manyUnknownTypes_countsTheRestTogetherSoTheCountStaysSmall() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      text.append("{\"v\":1,\"t\":1,\"type\":\"x").append(i).append("\"}\n");
    }
    try (ReplayReader r =
        ReplayReader.open(new StringReader(text.toString()), ReplayLimits.defaults())) {
      assertThat(r.readAll()).isEmpty();
      assertThat(r.unknownTypes()).hasSize(65).containsEntry(ReplayReader.OTHER_TYPES, 936L);
    }
  }

  @Test
  void read_tooManySkusInLaneLines_failsAsALimitNamingTheLine() {
    ReplayLimits limits = ReplayLimits.builder().maxSkus(2).build();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      text.append(LANE.replace("05012345678900", "sku-" + i)).append('\n');
    }
    assertThatThrownBy(() -> ReplayReader.open(new StringReader(text.toString()), limits).readAll())
        .isInstanceOfSatisfying(
            ReplayFormatException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ReplayFormatException.LIMIT);
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.field()).isEqualTo("sku");
            });
  }

  @Test
  void tally_oneReceiptAtATime_givesWhatCompareGives() {
    ShopperId a = ShopperId.of("a");
    ShopperId b = ShopperId.of("b");
    ShopperId c = ShopperId.of("c");
    SkuId x = SkuId.of("05012345678900");
    List<Receipt> truth =
        List.of(
            Receipt.of(a, java.util.Map.of(x, 1), 1, false),
            Receipt.of(b, java.util.Map.of(x, 2), 1, false),
            Receipt.of(c, java.util.Map.of(x, 1), 1, false));
    List<Receipt> ours =
        List.of(
            Receipt.of(b, java.util.Map.of(x, 1), 0.5, true),
            Receipt.of(a, java.util.Map.of(x, 1), 0.99, false));
    ReplayMetrics.Tally tally = ReplayMetrics.Tally.against(truth);
    ours.forEach(tally::add);
    ReplayMetrics m = tally.result();
    assertThat(m).isEqualTo(ReplayMetrics.compare(ours, truth));
    assertThat(m.receipts()).isEqualTo(3);
    assertThat(m.exactReceipts()).isEqualTo(1);
    assertThat(m.review()).isEqualTo(1);
    assertThat(m.wrongWithoutReview()).isEqualTo(1);
    assertThat(m.itemRecall()).isEqualTo(0.5);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void read_invalidUtf8FarIntoTheFile_failsAsEncodingNamingItsLine() {
    StringBuilder head = new StringBuilder(LANE).append('\n');
    // Enough lines that the bad byte lies beyond the first 8 KB decoded in one chunk.
    for (int i = 0; i < 400; i++) {
      head.append("{\"v\":1,\"t\":1,\"type\":\"enter\",\"shopper\":\"p").append(i).append("\"}\n");
    }
    byte[] bytes =
        concat(
            utf8(head.toString()),
            utf8("{\"v\":1,\"t\":2,\"type\":\"enter\",\"shopper\":\"p"),
            new byte[] {(byte) 0xff},
            utf8("\"}\n"));
    assertThatThrownBy(
            () ->
                ReplayReader.open(new java.io.ByteArrayInputStream(bytes), ReplayLimits.defaults())
                    .readAll())
        .isInstanceOfSatisfying(
            ReplayFormatException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ReplayFormatException.ENCODING);
              assertThat(e.line()).isEqualTo(402);
              assertThat(e.detail()).contains("not valid UTF-8").contains("ff");
            });
  }

  @Test
  void read_multibyteCharactersAcrossChunks_decodeUnchanged() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      text.append("{\"v\":1,\"t\":1,\"type\":\"note-\u00e9\u20ac\"}\n");
    }
    try (ReplayReader r =
        ReplayReader.open(
            new java.io.ByteArrayInputStream(utf8(text.toString())), ReplayLimits.defaults())) {
      assertThat(r.readAll()).isEmpty();
      assertThat(r.unknownTypes()).containsExactly(java.util.Map.entry("note-\u00e9\u20ac", 3000L));
    }
  }

  @Test
  void receipts_theStoreDemosShopperLog_isRefusedNamingLineAndReason() {
    String text =
        "{\"type\":\"receipt\",\"shopper\":\"p1\",\"items\":[]}\n"
            + "{\"session\":\"ws_1\",\"items\":{\"05012345678900\":2}}\n";
    assertThatThrownBy(() -> ReceiptReader.readAll(new StringReader(text), ReplayLimits.defaults()))
        .isInstanceOfSatisfying(
            ReplayFormatException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ReplayFormatException.NOT_RECEIPTS);
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.detail()).contains("store demo's shopper log");
            });
  }

  @Test
  void receipts_aReplayEventLog_isRefusedAsNotReceipts() {
    assertThatThrownBy(() -> ReceiptReader.readAll(new StringReader(LANE), ReplayLimits.defaults()))
        .isInstanceOfSatisfying(
            ReplayFormatException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ReplayFormatException.NOT_RECEIPTS);
              assertThat(e.line()).isEqualTo(1);
              assertThat(e.field()).isEqualTo("type");
              assertThat(e.detail()).contains("'lane'").contains("replay event log");
            });
  }

  @Test
  void receipts_invalidUtf8_failsAsEncodingNamingItsLine() {
    byte[] bytes =
        concat(
            utf8("{\"type\":\"receipt\",\"shopper\":\"p1\",\"items\":[]}\n"),
            utf8("{\"type\":\"receipt\",\"shopper\":\"p"),
            new byte[] {(byte) 0xc3, (byte) 0x28},
            utf8("\",\"items\":[]}\n"));
    assertThatThrownBy(
            () ->
                ReceiptReader.readAll(
                    new java.io.ByteArrayInputStream(bytes), ReplayLimits.defaults()))
        .isInstanceOfSatisfying(
            ReplayFormatException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ReplayFormatException.ENCODING);
              assertThat(e.line()).isEqualTo(2);
            });
  }

  @Test
  void receipts_readBackWhatTheWriterWrote() throws IOException {
    Receipt r =
        Receipt.of(
            ShopperId.of("p1"), java.util.Map.of(SkuId.of("a"), 2, SkuId.of("b"), 1), 0.75, true);
    StringWriter w = new StringWriter();
    ReplayWriter out = ReplayWriter.to(w);
    out.receipt(r);
    out.metrics(ReplayMetrics.compare(List.of(r), List.of(r)));
    out.flush();
    assertThat(ReceiptReader.readAll(new StringReader(w.toString()), ReplayLimits.defaults()))
        .containsExactly(r);
  }

  @Test
  void receipts_duplicateShopper_fails() {
    String line = "{\"type\":\"receipt\",\"shopper\":\"p1\",\"items\":[]}";
    assertThatThrownBy(
            () ->
                ReceiptReader.readAll(
                    new StringReader(line + "\n" + line), ReplayLimits.defaults()))
        .isInstanceOfSatisfying(
            ReplayFormatException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.field()).isEqualTo("shopper");
            });
  }

  @Test
  void receipts_badQty_namesItemAndField() {
    String line =
        "{\"type\":\"receipt\",\"shopper\":\"p1\",\"items\":[{\"sku\":\"a\"," + "\"qty\":0}]}";
    assertThatThrownBy(() -> ReceiptReader.readAll(new StringReader(line), ReplayLimits.defaults()))
        .isInstanceOfSatisfying(
            ReplayFormatException.class, e -> assertThat(e.field()).isEqualTo("items[0].qty"));
  }
}
