package io.ambientretail.store.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ambientretail.core.AmbientException;
import io.ambientretail.store.db.ReviewBook;
import io.ambientretail.store.engine.ReviewDesk;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Hostile review decision bodies give a valid request or a {@link ReviewDesk#INVALID} error naming
 * the field, never another exception.
 */
class ReviewBodyFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @FuzzTest(maxDuration = "10s")
  void parse_anyBody_requestOrTypedError(byte[] data) {
    JsonNode body;
    try {
      body = JSON.readTree(new String(data, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      return; // the server answers 400 with the line and column
    }
    if (body == null || !body.isObject()) {
      return; // the server answers 400: expected a JSON object
    }
    try {
      ReviewDesk.Request r = ReviewBody.parse(body);
      assertThat(r.lines().size()).isLessThanOrEqualTo(ReviewDesk.MAX_LINES);
      assertThat(r.lines()).allSatisfy(l -> assertThat(l.qty()).isBetween(1, ReviewDesk.MAX_QTY));
      if (r.decision() != ReviewBook.Decision.ADJUST) {
        assertThat(r.lines()).isEmpty();
      }
    } catch (AmbientException e) {
      assertThat(e.code()).isEqualTo(ReviewDesk.INVALID);
      assertThat(e.getMessage()).containsPattern("(decision|lines|note|[^:]+): ");
    }
  }

  @Test
  void parse_adjust_keepsTheNonZeroLines() throws Exception {
    ReviewDesk.Request r =
        ReviewBody.parse(
            JSON.readTree(
                "{\"decision\":\"ADJUST\",\"lines\":"
                    + "[{\"lane\":\"A1\",\"qty\":0},{\"lane\":\"B2\",\"qty\":3}]}"));
    assertThat(r.decision()).isEqualTo(ReviewBook.Decision.ADJUST);
    assertThat(r.lines()).containsExactly(new ReviewBook.Line("B2", 3));
  }

  @Test
  void parse_noteWithAControlCharacter_isRefusedNamingTheNote() throws Exception {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                ReviewBody.parse(
                    JSON.readTree("{\"decision\":\"void\",\"note\":\"ok\\u001b[2J\"}")))
        .isInstanceOf(AmbientException.class)
        .hasMessageStartingWith("note: control character U+001B at position 3");
  }

  @Test
  void parse_hugeQuantity_namesTheField() throws Exception {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                ReviewBody.parse(
                    JSON.readTree(
                        "{\"decision\":\"adjust\",\"lines\":[{\"lane\":\"A1\",\"qty\":99999999999}]}")))
        .hasMessageContaining("lines[0].qty");
  }
}
