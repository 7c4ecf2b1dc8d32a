package io.ambientretail.payments.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.Money;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NexoCodecTest {
  private static final Instant T = Instant.parse("2026-12-07T10:15:30Z");

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String paymentResponse(String cardData, String extra) {
    return "{\"SaleToPOIResponse\":{\"MessageHeader\":{\"ProtocolVersion\":\"3.0\","
        + "\"MessageClass\":\"Service\",\"MessageCategory\":\"Payment\",\"MessageType\":\"Response\","
        + "\"ServiceID\":\"1\",\"SaleID\":\"s\",\"POIID\":\"p\"},\"PaymentResponse\":{"
        + "\"Response\":{\"Result\":\"Success\""
        + extra
        + "},\"PaymentResult\":{\"PaymentInstrumentData\":{\"CardData\":"
        + cardData
        + "}}}}}";
  }

  private static NexoFormatException failure(byte[] json) {
    try {
      NexoCodec.read(json);
    } catch (NexoFormatException e) {
      return e;
    }
    throw new AssertionError("read succeeded");
  }

  @Test
  void read_fullPanInMaskedPan_refusedWithoutEchoingIt() {
    NexoFormatException e =
        failure(utf8(paymentResponse("{\"MaskedPan\":\"4111111111111111\"}", "")));
    assertThat(e.path())
        .isEqualTo(
            "$.SaleToPOIResponse.PaymentResponse.PaymentResult.PaymentInstrumentData"
                + ".CardData.MaskedPan");
    assertThat(e.getMessage()).doesNotContain("4111");
  }

  @Test
  void read_panInAdditionalResponse_pairDropped() throws Exception {
    SaleToPoiResponse r =
        (SaleToPoiResponse)
            NexoCodec.read(
                utf8(
                    paymentResponse(
                        "{\"MaskedPan\":\"411111 **** 1111\"}",
                        ",\"AdditionalResponse\":\"a=1&pan=4111%201111%201111%201111&alias=X9\"")));
    PaymentResponse p = (PaymentResponse) r.body();
    assertThat(p.status().additionalResponse()).isEqualTo("a=1&alias=X9");
    assertThat(p.cardAlias()).isEqualTo("X9");
  }

  @Test
  void read_duplicateField_refused() {
    NexoFormatException e = failure(utf8("{\"SaleToPOIRequest\":{},\"SaleToPOIRequest\":{}}"));
    assertThat(e.getMessage()).contains("malformed JSON");
  }

  @Test
  void read_bothEnvelopes_refused() {
    assertThat(failure(utf8("{\"SaleToPOIRequest\":{},\"SaleToPOIResponse\":{}}")).path())
        .isEqualTo("$");
  }

  @Test
  void read_overSize_refusedBeforeParsing() {
    byte[] big = utf8("{\"a\":\"" + "x".repeat(300_000) + "\"}");
    assertThat(failure(big).getMessage()).contains("over the limit");
  }

  @Test
  void read_tooDeep_refused() {
    String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
    assertThat(failure(utf8(deep)).getMessage()).contains("over a limit");
  }

  @Test
  void read_longArray_refusedNamingIt() {
    NexoLimits l = NexoLimits.of(1 << 16, 8, 100, 3);
    byte[] json = utf8("{\"SaleToPOIRequest\":{\"x\":[1,2,3,4]}}");
    assertThatThrownBy(() -> NexoCodec.read(json, l))
        .isInstanceOfSatisfying(
            NexoFormatException.class, e -> assertThat(e.path()).isEqualTo("$.SaleToPOIRequest.x"));
  }

  @Test
  void read_wrongTypeOrUnknownEnum_namesTheField() {
    String header =
        "{\"SaleToPOIRequest\":{\"MessageHeader\":{\"ProtocolVersion\":\"3.0\","
            + "\"MessageClass\":\"Service\",\"MessageCategory\":\"%s\",\"MessageType\":\"Request\","
            + "\"ServiceID\":%s,\"SaleID\":\"s\",\"POIID\":\"p\"},\"AbortRequest\":{}}}";
    assertThat(failure(utf8(String.format(header, "Nonsense", "\"1\""))).path())
        .isEqualTo("$.SaleToPOIRequest.MessageHeader.MessageCategory");
    assertThat(failure(utf8(String.format(header, "Abort", "7"))).path())
        .isEqualTo("$.SaleToPOIRequest.MessageHeader.ServiceID");
    assertThat(failure(utf8(String.format(header, "Abort", "\"1\""))).path())
        .isEqualTo("$.SaleToPOIRequest.AbortRequest.MessageReference");
  }

  @Test
  void read_amountWithTooManyDecimals_refused() {
    String json =
        "{\"SaleToPOIResponse\":{\"MessageHeader\":{\"ProtocolVersion\":\"3.0\","
            + "\"MessageClass\":\"Service\",\"MessageCategory\":\"Payment\",\"MessageType\":\"Response\","
            + "\"ServiceID\":\"1\",\"SaleID\":\"s\",\"POIID\":\"p\"},\"PaymentResponse\":{"
            + "\"Response\":{\"Result\":\"Success\"},\"PaymentResult\":{\"AmountsResp\":"
            + "{\"Currency\":\"EUR\",\"AuthorizedAmount\":1.001}}}}}";
    assertThat(failure(utf8(json)).path()).endsWith("AmountsResp.AuthorizedAmount");
  }

  @Test
  void failureWithoutErrorCondition_refused() {
    String json =
        "{\"SaleToPOIResponse\":{\"MessageHeader\":{\"ProtocolVersion\":\"3.0\","
            + "\"MessageClass\":\"Service\",\"MessageCategory\":\"Payment\",\"MessageType\":\"Response\","
            + "\"ServiceID\":\"1\",\"SaleID\":\"s\",\"POIID\":\"p\"},\"PaymentResponse\":{"
            + "\"Response\":{\"Result\":\"Failure\"}}}}";
    assertThat(failure(utf8(json)).path()).endsWith("Response.ErrorCondition");
  }

  @Test
  void everyRequestKind_roundTrips() throws Exception {
    TransactionReference poi = new TransactionReference("poi-9", T);
    List<NexoRequest> bodies =
        List.of(
            new LoginRequest(
                T,
                "acme",
                "till",
                "1.0",
                null,
                List.of("CustomerDisplay"),
                "Unattended",
                false,
                "op",
                null),
            new PaymentRequest(
                new TransactionReference("v-1", T),
                PaymentType.FirstReservation,
                Money.ofMinor(5000, "EUR"),
                null),
            new PaymentRequest(
                new TransactionReference("v-1", T),
                PaymentType.UpdateReservation,
                Money.ofMinor(1234, "EUR"),
                poi),
            new PaymentRequest(
                new TransactionReference("v-1", T),
                PaymentType.Completion,
                Money.ofMinor(1234, "EUR"),
                poi),
            new ReversalRequest(poi, ReversalReason.MerchantCancel),
            new AbortRequest(MessageReference.to(MessageCategory.Payment, "7"), "shopper", "Bye"),
            new TransactionStatusRequest(MessageReference.to(MessageCategory.Payment, "7")),
            new TransactionStatusRequest(null),
            new DisplayRequest(
                List.of(new DisplayOutput("CustomerDisplay", "Display", List.of("Hi"), true, 3))));
    for (NexoRequest b : bodies) {
      MessageClass mc = b instanceof DisplayRequest ? MessageClass.Device : MessageClass.Service;
      SaleToPoiRequest r =
          new SaleToPoiRequest(MessageHeader.request(mc, b.category(), "8", "till-1", "P-1"), b);
      assertThat(NexoCodec.read(NexoCodec.write(r))).as(b.getClass().getSimpleName()).isEqualTo(r);
    }
  }

  @Test
  void write_panInAnySaleField_refusedNamingTheField() {
    SaleToPoiRequest r =
        new SaleToPoiRequest(
            MessageHeader.request(MessageClass.Service, MessageCategory.Payment, "1", "s", "p"),
            new PaymentRequest(
                new TransactionReference("5555-5555-5555-4444", T),
                PaymentType.Normal,
                Money.ofMinor(1, "EUR"),
                null));
    assertThatThrownBy(() -> NexoCodec.write(r))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SaleTransactionID.TransactionID")
        .hasMessageNotContaining("5555");
  }

  private static final Pattern RUN = Pattern.compile("[0-9](?:[ -]?[0-9])*");

  /** Independent of the writer's own check: maximal digit runs of 13 to 19 that pass Luhn. */
  private static List<String> luhnRuns(String s) {
    List<String> out = new ArrayList<>();
    Matcher m = RUN.matcher(s);
    while (m.find()) {
      String d = m.group().replace(" ", "").replace("-", "");
      if (d.length() >= 13 && d.length() <= 19) {
        int sum = 0;
        for (int i = 0; i < d.length(); i++) {
          int x = d.charAt(d.length() - 1 - i) - '0';
          if (i % 2 == 1) {
            x = x * 2 > 9 ? x * 2 - 9 : x * 2;
          }
          sum += x;
        }
        if (sum % 10 == 0) {
          out.add(d);
        }
      }
    }
    return out;
  }

  private static String digits(Random rnd) {
    int n = 1 + rnd.nextInt(19);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append((char) ('0' + rnd.nextInt(10)));
      if (rnd.nextInt(8) == 0) {
        b.append(rnd.nextBoolean() ? ' ' : '-');
      }
    }
    return b.toString();
  }

  /**
   * 5,000 seeded requests whose sale-side fields are random digit strings (about one in ten of the
   * 13-19 digit ones a valid card number): whatever the writer accepts holds no Luhn-valid run
   * outside the terminal's own transaction id, and it refuses the rest.
   */
  @Test
  void write_randomDigitFields_nothingWrittenHoldsACardNumber() {
    Random rnd = new Random(13);
    int refused = 0;
    int written = 0;
    for (int i = 0; i < 5000; i++) {
      String poiId = "poi-" + i;
      SaleToPoiRequest r =
          new SaleToPoiRequest(
              new MessageHeader(
                  "3.0",
                  MessageClass.Service,
                  MessageCategory.Payment,
                  MessageType.Request,
                  digits(rnd),
                  null,
                  digits(rnd),
                  digits(rnd)),
              new PaymentRequest(
                  new TransactionReference(digits(rnd), T),
                  PaymentType.Completion,
                  Money.ofMinor(1 + rnd.nextInt(1_000_000), "EUR"),
                  new TransactionReference(poiId, T)));
      try {
        String json = new String(NexoCodec.write(r), StandardCharsets.UTF_8);
        assertThat(luhnRuns(json)).as(json).isEmpty();
        written++;
      } catch (IllegalArgumentException e) {
        assertThat(e.getMessage()).doesNotContainPattern("[0-9]{6}");
        refused++;
      }
    }
    assertThat(refused).isGreaterThan(50);
    assertThat(written).isGreaterThan(3000);
  }
}
