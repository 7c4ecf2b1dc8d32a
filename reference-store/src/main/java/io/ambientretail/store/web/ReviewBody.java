package io.ambientretail.store.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.ambientretail.core.AmbientException;
import io.ambientretail.store.db.ReviewBook;
import io.ambientretail.store.engine.ReviewDesk;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the body of {@code POST /api/reviews/{sessionId}}: {@code {"decision":"approve"}}, {@code
 * {"decision":"void"}} or {@code {"decision":"adjust","lines":[{"lane":"...","qty":N}]}}. Hostile
 * input gets a {@link ReviewDesk#INVALID} error naming the field ({@code decision}, {@code
 * lines[3].qty}); limits: {@link ReviewDesk#MAX_LINES} lines, quantities 0 to {@link
 * ReviewDesk#MAX_QTY}, lane ids of 1 to 64 characters, a note of at most 200 characters without
 * control characters, no unknown fields.
 */
final class ReviewBody {
  private ReviewBody() {}

  static ReviewDesk.Request parse(JsonNode b) {
    known(b, "", Set.of("decision", "lines", "note"));
    JsonNode d = b.path("decision");
    if (!d.isTextual()) {
      throw invalid("decision: required, one of approve, adjust, void");
    }
    ReviewBook.Decision decision;
    try {
      decision = ReviewBook.Decision.valueOf(d.asText().strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      String shown = d.asText().length() > 20 ? d.asText().substring(0, 20) + "..." : d.asText();
      throw invalid("decision: expected approve, adjust or void, was '" + shown + "'");
    }
    JsonNode n = b.path("note");
    if (!n.isMissingNode() && (!n.isTextual() || n.asText().length() > 200)) {
      throw invalid("note: expected text of at most 200 characters");
    }
    if (n.isTextual() && JsonBody.controlCharacterAt(n.asText()) >= 0) {
      throw invalid(
          "note: "
              + JsonBody.controlCharacterMessage(
                  n.asText(), JsonBody.controlCharacterAt(n.asText())));
    }
    JsonNode ls = b.path("lines");
    if (ls.isMissingNode() || ls.isNull()) {
      return new ReviewDesk.Request(decision, null);
    }
    if (!ls.isArray()) {
      throw invalid("lines: expected an array of {\"lane\":..., \"qty\":...}");
    }
    if (ls.size() > ReviewDesk.MAX_LINES) {
      throw invalid("lines: at most " + ReviewDesk.MAX_LINES + " lines, was " + ls.size());
    }
    List<ReviewBook.Line> lines = new ArrayList<>();
    for (int i = 0; i < ls.size(); i++) {
      JsonNode l = ls.get(i);
      String at = "lines[" + i + "]";
      if (!l.isObject()) {
        throw invalid(at + ": expected an object {\"lane\":..., \"qty\":...}");
      }
      known(l, at + ".", Set.of("lane", "qty"));
      JsonNode lane = l.path("lane");
      if (!lane.isTextual() || lane.asText().isBlank() || lane.asText().length() > 64) {
        throw invalid(at + ".lane: required text of 1 to 64 characters");
      }
      JsonNode qty = l.path("qty");
      if (!qty.isIntegralNumber()
          || !qty.canConvertToInt()
          || qty.asInt() < 0
          || qty.asInt() > ReviewDesk.MAX_QTY) {
        throw invalid(at + ".qty: expected a whole number 0 to " + ReviewDesk.MAX_QTY);
      }
      lines.add(new ReviewBook.Line(lane.asText(), qty.asInt()));
    }
    return new ReviewDesk.Request(decision, lines);
  }

  /** The optional free-text note staff add to a decision (audited), or null. */
  static String note(JsonNode b) {
    JsonNode n = b.path("note");
    return n.isTextual() && !n.asText().isBlank() ? n.asText().strip() : null;
  }

  private static void known(JsonNode n, String prefix, Set<String> fields) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!fields.contains(f)) {
        String shown = f.length() > 40 ? f.substring(0, 40) + "..." : f;
        throw invalid(
            prefix
                + shown
                + ": unknown field (expected "
                + String.join(", ", fields.stream().sorted().toList())
                + ")");
      }
    }
  }

  private static AmbientException invalid(String message) {
    return new AmbientException(ReviewDesk.INVALID, message);
  }
}
