package io.ambientretail.payments.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.ambientretail.core.Money;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A parsed JSON object of the small documents the payments code reads (gateway answers, journal and
 * queue records): string, number, boolean and null values and nested objects, with bounded size and
 * depth. Typed getters name the field that is missing or malformed.
 */
public final class JsonObject {
  /** Largest document read, in bytes. */
  public static final int MAX_DOCUMENT_BYTES = 64 * 1024;

  /** Deepest nesting read. */
  public static final int MAX_DEPTH = 8;

  /** Longest string value read, in characters. */
  public static final int MAX_STRING = 4096;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxStringLength(MAX_STRING)
                  .maxNumberLength(40)
                  .maxDocumentLength(MAX_DOCUMENT_BYTES)
                  .build())
          .build();

  private final Map<String, Object> fields;
  private final String where;

  private JsonObject(Map<String, Object> fields, String where) {
    this.fields = fields;
    this.where = where;
  }

  /** The shared factory, for writers. */
  public static JsonFactory factory() {
    return FACTORY;
  }

  /**
   * Parses one JSON object.
   *
   * @param where names the document in error messages, e.g. {@code "capture answer"}
   * @throws JsonFormatException naming the offset or field where it went wrong
   */
  public static JsonObject parse(byte[] json, String where) throws JsonFormatException {
    if (json.length > MAX_DOCUMENT_BYTES) {
      throw new JsonFormatException(
          where
              + ": document of "
              + json.length
              + " bytes is over the limit of "
              + MAX_DOCUMENT_BYTES);
    }
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonFormatException(where + ": expected a JSON object at offset 0");
      }
      Map<String, Object> m = readObject(p, where, 1);
      if (p.nextToken() != null) {
        throw new JsonFormatException(
            where + ": trailing data at offset " + p.currentTokenLocation().getByteOffset());
      }
      return new JsonObject(m, where);
    } catch (StreamConstraintsException e) {
      throw new JsonFormatException(where + ": " + firstLine(e.getOriginalMessage()));
    } catch (JsonFormatException e) {
      throw e;
    } catch (IOException e) {
      String msg =
          e instanceof com.fasterxml.jackson.core.JsonProcessingException
              ? ((com.fasterxml.jackson.core.JsonProcessingException) e).getOriginalMessage()
              : e.getMessage();
      long offset =
          e instanceof com.fasterxml.jackson.core.JsonProcessingException
                  && ((com.fasterxml.jackson.core.JsonProcessingException) e).getLocation() != null
              ? ((com.fasterxml.jackson.core.JsonProcessingException) e)
                  .getLocation()
                  .getByteOffset()
              : -1;
      throw new JsonFormatException(
          where + ": malformed JSON at offset " + offset + ": " + firstLine(String.valueOf(msg)));
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) : line;
  }

  private static Map<String, Object> readObject(JsonParser p, String where, int depth)
      throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      Object value;
      switch (v) {
        case VALUE_STRING:
          value = p.getText();
          break;
        case VALUE_NUMBER_INT:
          if (p.getNumberType() != JsonParser.NumberType.INT
              && p.getNumberType() != JsonParser.NumberType.LONG) {
            throw new JsonFormatException(
                where + ": field '" + name + "' is an integer outside the range of a long");
          }
          value = p.getLongValue();
          break;
        case VALUE_TRUE:
          value = Boolean.TRUE;
          break;
        case VALUE_FALSE:
          value = Boolean.FALSE;
          break;
        case VALUE_NULL:
          value = NULL;
          break;
        case START_OBJECT:
          value = new JsonObject(readObject(p, where + "." + name, depth + 1), where + "." + name);
          break;
        default:
          throw new JsonFormatException(
              where
                  + ": field '"
                  + name
                  + "' has unsupported value "
                  + v
                  + " at offset "
                  + p.currentTokenLocation().getByteOffset());
      }
      if (m.put(name, value) != null) {
        throw new JsonFormatException(where + ": field '" + name + "' appears twice");
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw new JsonFormatException(where + ": unexpected " + t);
    }
    return m;
  }

  private static final Object NULL = new Object();

  /** The field names, in document order. */
  public Map<String, Object> raw() {
    return Collections.unmodifiableMap(fields);
  }

  /** True when the field is present and not null. */
  public boolean has(String name) {
    Object v = fields.get(name);
    return v != null && v != NULL;
  }

  /** A required string field. */
  public String string(String name) throws JsonFormatException {
    Object v = fields.get(name);
    if (!(v instanceof String)) {
      throw missing(name, "a string");
    }
    return (String) v;
  }

  /** An optional string field, null when absent or null. */
  public @Nullable String optString(String name) throws JsonFormatException {
    return has(name) ? string(name) : null;
  }

  /** A required integer field. */
  public long longValue(String name) throws JsonFormatException {
    Object v = fields.get(name);
    if (!(v instanceof Long)) {
      throw missing(name, "an integer");
    }
    return (Long) v;
  }

  /** A required boolean field. */
  public boolean bool(String name) throws JsonFormatException {
    Object v = fields.get(name);
    if (!(v instanceof Boolean)) {
      throw missing(name, "true or false");
    }
    return (Boolean) v;
  }

  /** An optional boolean field with a default. */
  public boolean bool(String name, boolean absent) throws JsonFormatException {
    return has(name) ? bool(name) : absent;
  }

  /** A required nested object. */
  public JsonObject object(String name) throws JsonFormatException {
    Object v = fields.get(name);
    if (!(v instanceof JsonObject)) {
      throw missing(name, "an object");
    }
    return (JsonObject) v;
  }

  /** A required money field: {@code {"minor": 1234, "currency": "EUR"}}. */
  public Money money(String name) throws JsonFormatException {
    JsonObject o = object(name);
    long minor = o.longValue("minor");
    String currency = o.string("currency");
    try {
      return Money.ofMinor(minor, currency);
    } catch (RuntimeException e) {
      throw new JsonFormatException(
          where
              + ": field '"
              + name
              + ".currency' is not an ISO 4217"
              + " currency with minor units");
    }
  }

  /** An optional ISO-8601 instant field, null when absent or null. */
  public @Nullable Instant optInstant(String name) throws JsonFormatException {
    String s = optString(name);
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new JsonFormatException(
          where + ": field '" + name + "' is not an ISO-8601 instant such as 2026-11-27T10:00:00Z");
    }
  }

  private JsonFormatException missing(String name, String what) {
    return new JsonFormatException(
        where
            + ": field '"
            + name
            + "' must be "
            + what
            + (fields.containsKey(name) ? "" : " and is missing"));
  }
}
