package io.ambientretail.store.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ambientretail.core.AmbientException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Hostile request bodies through the strict body reader: every value read is of its type and in
 * range, and every refusal is a {@link JsonBody#INVALID} error naming the field or the body, never
 * another exception.
 */
class JsonBodyFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void parse_anyBody_valuesOrTypedError(byte[] data) {
    JsonBody b;
    try {
      b = JsonBody.parse(new String(data, StandardCharsets.UTF_8));
    } catch (AmbientException e) {
      assertThat(e.code()).isEqualTo(JsonBody.INVALID);
      assertThat(e.getMessage()).startsWith("request body: ");
      return;
    }
    for (String field : new String[] {"amountMinor", "qty"}) {
      try {
        assertThat(b.integer(field, 1, 10_000)).isBetween(1L, 10_000L);
      } catch (AmbientException e) {
        assertThat(e.code()).isEqualTo(JsonBody.INVALID);
        assertThat(e.getMessage()).startsWith(field + ": ");
      }
    }
    try {
      String s = b.text("reason");
      assertThat(s.length()).isBetween(1, JsonBody.MAX_TEXT);
      assertThat(s.chars().noneMatch(Character::isISOControl)).isTrue();
    } catch (AmbientException e) {
      assertThat(e.getMessage()).startsWith("reason: ");
    }
  }

  @Test
  void integer_refusesWhatAsLongWouldCoerce() {
    for (String v : new String[] {"18446744073709551617", "1.9", "\"3\"", "1e0", "-0.0"}) {
      JsonBody b = JsonBody.parse("{\"n\":" + v + "}");
      assertThatThrownBy(() -> b.integer("n", 0, Long.MAX_VALUE))
          .as(v)
          .isInstanceOf(AmbientException.class)
          .hasMessageStartingWith("n: ");
    }
    assertThat(JsonBody.parse("{\"n\":9223372036854775807}").integer("n", 1, Long.MAX_VALUE))
        .isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void isJson_acceptsJsonWithParameters_only() {
    assertThat(JsonBody.isJson("application/json")).isTrue();
    assertThat(JsonBody.isJson("Application/JSON; charset=utf-8")).isTrue();
    assertThat(JsonBody.isJson("application/problem+json")).isTrue();
    assertThat(JsonBody.isJson("text/plain")).isFalse();
    assertThat(JsonBody.isJson("application/jsonx")).isFalse();
    assertThat(JsonBody.isJson(null)).isFalse();
  }
}
