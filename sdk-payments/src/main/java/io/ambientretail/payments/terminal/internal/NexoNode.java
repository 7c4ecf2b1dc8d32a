package io.ambientretail.payments.terminal.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.ambientretail.payments.terminal.NexoFormatException;
import io.ambientretail.payments.terminal.NexoLimits;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One JSON value of a nexo message with the path it was found at, so that every typed getter can
 * name the field that is missing or wrong. Objects keep document order; duplicate names, numbers
 * past a long's precision and anything past the {@link NexoLimits} are refused at read time.
 * Unknown fields are kept and ignored by the mappings (nexo lets terminals add attributes).
 */
public final class NexoNode {
  private static final Object NULL = new Object();

  private final Object value;
  private final String path;

  private NexoNode(Object value, String path) {
    this.value = value;
    this.path = path;
  }

  /**
   * Reads one JSON object.
   *
   * @throws NexoFormatException naming the path or byte offset where the document went wrong
   */
  public static NexoNode parse(byte[] json, NexoLimits limits) throws NexoFormatException {
    if (json.length > limits.maxMessageBytes()) {
      throw new NexoFormatException(
          "$",
          "message of " + json.length + " bytes is over the limit of " + limits.maxMessageBytes());
    }
    JsonFactory factory =
        JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxDepth())
                    .maxStringLength(limits.maxStringLength())
                    .maxNumberLength(40)
                    .maxDocumentLength(limits.maxMessageBytes())
                    .build())
            .build();
    try (JsonParser p = factory.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new NexoFormatException("$", "expected a JSON object at offset 0");
      }
      Object root = readValue(p, "$", limits);
      if (p.nextToken() != null) {
        throw new NexoFormatException(
            "$", "trailing data at offset " + p.currentTokenLocation().getByteOffset());
      }
      return new NexoNode(root, "$");
    } catch (NexoFormatException e) {
      throw e;
    } catch (StreamConstraintsException e) {
      throw new NexoFormatException("$", "over a limit: " + firstLine(e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      long offset = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
      throw new NexoFormatException(
          "$", "malformed JSON at offset " + offset + ": " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new NexoFormatException("$", "unreadable: " + e.getClass().getSimpleName());
    }
  }

  private static String firstLine(@Nullable String s) {
    if (s == null) {
      return "";
    }
    // Jackson quotes the offending token; strip anything after the first quote so no wire value
    // (which could be card data) reaches the message.
    int cut = s.length();
    for (char c : new char[] {'\n', '\'', '"', '('}) {
      int i = s.indexOf(c);
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    return s.substring(0, Math.min(cut, 120)).trim();
  }

  private static Object readValue(JsonParser p, String path, NexoLimits limits) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        {
          Map<String, NexoNode> m = new LinkedHashMap<>();
          JsonToken n;
          while ((n = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            String child = path + "." + name;
            m.put(name, new NexoNode(readValue(p, child, limits), child));
          }
          if (n != JsonToken.END_OBJECT) {
            throw new NexoFormatException(path, "unexpected " + n);
          }
          return Collections.unmodifiableMap(m);
        }
      case START_ARRAY:
        {
          List<NexoNode> l = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            if (l.size() == limits.maxArrayLength()) {
              throw new NexoFormatException(
                  path, "array longer than the limit of " + limits.maxArrayLength());
            }
            String child = path + "[" + l.size() + "]";
            l.add(new NexoNode(readValue(p, child, limits), child));
          }
          return Collections.unmodifiableList(l);
        }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return p.getDecimalValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return NULL;
      default:
        throw new NexoFormatException(path, "unexpected " + t);
    }
  }

  /** Where this value was found, e.g. {@code $.SaleToPOIRequest.MessageHeader}. */
  public String path() {
    return path;
  }

  /** True when this value is a JSON object. */
  public boolean isObject() {
    return value instanceof Map;
  }

  @SuppressWarnings("unchecked")
  private Map<String, NexoNode> map() throws NexoFormatException {
    if (!(value instanceof Map)) {
      throw new NexoFormatException(path, "expected an object");
    }
    return (Map<String, NexoNode>) value;
  }

  /** The field names of this object, in document order. */
  public List<String> names() throws NexoFormatException {
    return List.copyOf(map().keySet());
  }

  /** True when this object has the field and it is not null. */
  public boolean has(String name) throws NexoFormatException {
    NexoNode n = map().get(name);
    return n != null && n.value != NULL;
  }

  /** A required field of this object. */
  public NexoNode get(String name) throws NexoFormatException {
    NexoNode n = map().get(name);
    if (n == null || n.value == NULL) {
      throw new NexoFormatException(path + "." + name, "required field is missing");
    }
    return n;
  }

  /** An optional field, null when absent or JSON null. */
  public @Nullable NexoNode opt(String name) throws NexoFormatException {
    NexoNode n = map().get(name);
    return n == null || n.value == NULL ? null : n;
  }

  /** A required object field. */
  public NexoNode object(String name) throws NexoFormatException {
    NexoNode n = get(name);
    n.map();
    return n;
  }

  /** This value as a string. */
  public String asString() throws NexoFormatException {
    if (!(value instanceof String)) {
      throw new NexoFormatException(path, "expected a string");
    }
    return (String) value;
  }

  /** A required, non-blank string field. */
  public String string(String name) throws NexoFormatException {
    String s = get(name).asString();
    if (s.isBlank()) {
      throw new NexoFormatException(path + "." + name, "must not be blank");
    }
    return s;
  }

  /** An optional string field (may be empty), null when absent. */
  public @Nullable String optString(String name) throws NexoFormatException {
    NexoNode n = opt(name);
    return n == null ? null : n.asString();
  }

  /** A required number field, exactly as written. */
  public BigDecimal decimal(String name) throws NexoFormatException {
    NexoNode n = get(name);
    if (!(n.value instanceof BigDecimal)) {
      throw new NexoFormatException(n.path, "expected a number");
    }
    return (BigDecimal) n.value;
  }

  /** A required integer field that fits an int. */
  public int integer(String name) throws NexoFormatException {
    BigDecimal d = decimal(name);
    try {
      return d.intValueExact();
    } catch (ArithmeticException e) {
      throw new NexoFormatException(path + "." + name, "expected an integer");
    }
  }

  /** An optional boolean field, {@code dflt} when absent. */
  public boolean bool(String name, boolean dflt) throws NexoFormatException {
    NexoNode n = opt(name);
    if (n == null) {
      return dflt;
    }
    if (!(n.value instanceof Boolean)) {
      throw new NexoFormatException(n.path, "expected true or false");
    }
    return (Boolean) n.value;
  }

  /** A required ISO 8601 timestamp field. */
  public Instant instant(String name) throws NexoFormatException {
    String s = string(name);
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new NexoFormatException(path + "." + name, "expected an ISO 8601 UTC timestamp");
    }
  }

  /** This value as an array. */
  @SuppressWarnings("unchecked")
  public List<NexoNode> asArray() throws NexoFormatException {
    if (!(value instanceof List)) {
      throw new NexoFormatException(path, "expected an array");
    }
    return (List<NexoNode>) value;
  }

  /**
   * A field that nexo allows as one object or an array of them (DisplayOutput, OutputResult):
   * always a list; empty when absent.
   */
  public List<NexoNode> objects(String name) throws NexoFormatException {
    NexoNode n = opt(name);
    if (n == null) {
      return List.of();
    }
    List<NexoNode> l = n.value instanceof List ? n.asArray() : List.of(n);
    for (NexoNode e : l) {
      e.map();
    }
    return l;
  }

  /** An optional array of strings, empty when absent. */
  public List<String> strings(String name) throws NexoFormatException {
    NexoNode n = opt(name);
    if (n == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (NexoNode e : n.asArray()) {
      out.add(e.asString());
    }
    return List.copyOf(out);
  }
}
