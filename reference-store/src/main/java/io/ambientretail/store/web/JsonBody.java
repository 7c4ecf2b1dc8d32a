package io.ambientretail.store.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ambientretail.core.AmbientException;
import io.ambientretail.core.ErrorCode;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * The one strict reader of API request bodies: a JSON object sent as {@code application/json}, with
 * typed accessors that refuse instead of coercing. Numbers must be JSON integers (no {@code 1.9},
 * no {@code 1e3}, no {@code "3"}) within the field's range, read without overflow; text must be a
 * string of 1 to 200 characters without control characters; booleans must be {@code true} or {@code
 * false}. Duplicate keys are refused. Every refusal is an {@link AmbientException} with {@link
 * #INVALID} (HTTP 400) naming the field, or {@link #MEDIA_TYPE} (HTTP 415) for a body that is not
 * declared as JSON.
 */
final class JsonBody {
  /** A request body that is not JSON, not an object, or has a field that cannot be used. */
  static final ErrorCode INVALID = ErrorCode.of("STORE_BODY_INVALID");

  /** A request body sent with another {@code Content-Type} than {@code application/json}. */
  static final ErrorCode MEDIA_TYPE = ErrorCode.of("STORE_BODY_MEDIA_TYPE");

  /** The longest text field, in characters. */
  static final int MAX_TEXT = 200;

  private static final ObjectMapper STRICT =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private final JsonNode node;

  private JsonBody(JsonNode node) {
    this.node = node;
  }

  /** Reads the request's body: declared JSON, a JSON object. */
  static JsonBody of(Context ctx) {
    String type = ctx.header("Content-Type");
    if (!isJson(type)) {
      throw new AmbientException(
          MEDIA_TYPE,
          "request body: expected Content-Type application/json, was "
              + (type == null ? "none" : "'" + shown(type, 60) + "'"));
    }
    return parse(ctx.body());
  }

  /** Parses {@code text} as a request body (a JSON object). */
  static JsonBody parse(String text) {
    if (text.isBlank()) {
      throw invalid("request body: expected a JSON object");
    }
    JsonNode n;
    try {
      n = STRICT.readTree(text);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      String what =
          e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
              ? "a field appears twice"
              : "not valid JSON";
      throw invalid(
          "request body: "
              + what
              + (loc == null
                  ? ""
                  : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr()));
    }
    if (n == null || !n.isObject()) {
      throw invalid("request body: expected a JSON object");
    }
    return new JsonBody(n);
  }

  /** The parsed object, for readers of nested structures ({@link ReviewBody}). */
  JsonNode tree() {
    return node;
  }

  /** True when the body has {@code name} with a non-null value. */
  boolean has(String name) {
    return node.hasNonNull(name);
  }

  /** A required text field: 1 to 200 characters, no control characters. */
  String text(String name) {
    JsonNode n = node.path(name);
    if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > MAX_TEXT) {
      throw invalid(name + ": required text of 1 to " + MAX_TEXT + " characters");
    }
    String s = n.asText();
    int at = controlCharacterAt(s);
    if (at >= 0) {
      throw invalid(name + ": " + controlCharacterMessage(s, at));
    }
    return s;
  }

  /** A required whole number from {@code min} to {@code max} inclusive. */
  long integer(String name, long min, long max) {
    JsonNode n = node.path(name);
    if (n.isMissingNode() || n.isNull()) {
      throw invalid(name + ": required, a whole number " + min + " to " + max);
    }
    if (!n.isIntegralNumber()) {
      throw invalid(
          name
              + ": expected a whole number "
              + min
              + " to "
              + max
              + ", was "
              + (n.isNumber() ? "a fraction or exponent" : kind(n)));
    }
    if (!n.canConvertToLong() || n.longValue() < min || n.longValue() > max) {
      throw invalid(
          name + ": " + shown(n.asText(), 40) + " is out of range (" + min + " to " + max + ")");
    }
    return n.longValue();
  }

  /** A required boolean. */
  boolean bool(String name) {
    JsonNode n = node.path(name);
    if (!n.isBoolean()) {
      throw invalid(name + ": expected true or false");
    }
    return n.booleanValue();
  }

  /** A request body sent with {@code Content-Type} {@code application/json} or {@code +json}. */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String t = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return t.equals("application/json") || (t.startsWith("application/") && t.endsWith("+json"));
  }

  /**
   * The index of the first control character in {@code s} (C0, DEL, C1, line and paragraph
   * separators, bidirectional embedding and isolate controls), or -1.
   */
  static int controlCharacterAt(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (Character.getType(ch) == Character.CONTROL
          || ch == '\u2028'
          || ch == '\u2029'
          || isBidiControl(ch)) {
        return i;
      }
    }
    return -1;
  }

  /** Says which control character is at {@code at} (1-based position) and that it was refused. */
  static String controlCharacterMessage(String s, int at) {
    return "control character U+"
        + String.format(Locale.ROOT, "%04X", (int) s.charAt(at))
        + " at position "
        + (at + 1)
        + " (refused, not stored)";
  }

  private static boolean isBidiControl(char ch) {
    return (ch >= '\u202A' && ch <= '\u202E') || (ch >= '\u2066' && ch <= '\u2069');
  }

  private static String kind(JsonNode n) {
    return n.isTextual()
        ? "a string"
        : n.isBoolean() ? "a boolean" : n.isArray() ? "an array" : "an object";
  }

  private static String shown(String s, int max) {
    return s.length() > max ? s.substring(0, max) + "..." : s;
  }

  private static AmbientException invalid(String message) {
    return new AmbientException(INVALID, message);
  }
}
