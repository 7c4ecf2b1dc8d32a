package io.ambientretail.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.Money;
import io.ambientretail.payments.gateway.DeclineReason;
import io.ambientretail.payments.gateway.GatewayOutcome;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonObjectTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void outcome_approved_readsEveryField() throws Exception {
    GatewayOutcome o =
        GatewayWire.outcome(
            b(
                "{\"result\":\"approved\",\"id\":\"auth_1\","
                    + "\"amount\":{\"minor\":1234,\"currency\":\"EUR\"},"
                    + "\"captureBefore\":\"2026-11-28T10:00:00Z\"}"),
            true,
            "answer");
    GatewayOutcome.Approved a = (GatewayOutcome.Approved) o;
    assertThat(a.amount()).isEqualTo(Money.ofMinor(1234, "EUR"));
    assertThat(a.replayed()).isTrue();
    assertThat(a.captureBefore()).hasToString("2026-11-28T10:00:00Z");
  }

  @Test
  void outcome_declined_readsReason() throws Exception {
    GatewayOutcome o =
        GatewayWire.outcome(
            b("{\"result\":\"declined\",\"reason\":\"EXPIRED_CARD\"}"), false, "answer");
    assertThat(((GatewayOutcome.Declined) o).reason()).isEqualTo(DeclineReason.EXPIRED_CARD);
  }

  @Test
  void outcome_missingAmount_namesTheField() {
    assertThatThrownBy(
            () ->
                GatewayWire.outcome(
                    b("{\"result\":\"approved\",\"id\":\"a\"}"), false, "capture answer"))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("capture answer")
        .hasMessageContaining("'amount'");
  }

  @Test
  void outcome_badInstant_namesTheField() {
    assertThatThrownBy(
            () ->
                GatewayWire.outcome(
                    b(
                        "{\"result\":\"approved\",\"id\":\"a\","
                            + "\"amount\":{\"minor\":1,\"currency\":\"EUR\"},\"captureBefore\":\"tomorrow\"}"),
                    false,
                    "answer"))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("'captureBefore'");
  }

  @Test
  void parse_malformed_namesTheOffset() {
    assertThatThrownBy(() -> JsonObject.parse(b("{\"a\":1,,}"), "answer"))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("offset 7");
  }

  @Test
  void parse_deepNesting_failsWithoutStackOverflow() {
    String deep = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
    assertThatThrownBy(() -> JsonObject.parse(b(deep), "answer"))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("nesting");
  }

  @Test
  void parse_hugeString_fails() {
    String big = "{\"a\":\"" + "x".repeat(10_000) + "\"}";
    assertThatThrownBy(() -> JsonObject.parse(b(big), "answer"))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("length");
  }

  @Test
  void parse_overLimitDocument_failsBeforeParsing() {
    assertThatThrownBy(() -> JsonObject.parse(new byte[JsonObject.MAX_DOCUMENT_BYTES + 1], "a"))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("over the limit");
  }

  @Test
  void parse_duplicateField_fails() {
    assertThatThrownBy(() -> JsonObject.parse(b("{\"a\":1,\"a\":2}"), "answer"))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("twice");
  }

  @Test
  void parse_trailingData_fails() {
    assertThatThrownBy(() -> JsonObject.parse(b("{} {}"), "answer"))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("trailing");
  }

  @Test
  void parse_integerBeyondLong_fails() {
    assertThatThrownBy(() -> JsonObject.parse(b("{\"a\":99999999999999999999999}"), "answer"))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("'a'");
  }
}
