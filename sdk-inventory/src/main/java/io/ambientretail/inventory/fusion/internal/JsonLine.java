package io.ambientretail.inventory.fusion.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.ambientretail.inventory.fusion.ReplayFormatException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One JSON object per line, parsed with jackson-core into plain Java values (String, Long,
 * BigInteger, Double, Boolean, List, Map, or {@link #NULL}), with typed accessors that name the
 * line and the field when a value is missing or of the wrong kind. Not thread-safe.
 */
public final class JsonLine {
  /** Stands for a JSON null. */
  public static final Object NULL = new Object();

  private final JsonFactory factory;
  private final int maxArray;
  private Map<String, Object> fields = Map.of();
  private long line;

  public JsonLine(int maxDepth, int maxChars, int maxArray) {
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(maxDepth)
                    .maxStringLength(maxChars)
                    .maxNumberLength(64)
                    .maxNameLength(Math.min(maxChars, 1024))
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    this.maxArray = maxArray;
  }

  /** Parses {@code text} (line {@code lineNumber}) as one JSON object. */
  public void parse(String text, long lineNumber) {
    this.line = lineNumber;
    try (JsonParser p = factory.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new ReplayFormatException(
            ReplayFormatException.SYNTAX, line, null, "expected one JSON object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) value(p, first);
      if (p.nextToken() != null) {
        throw new ReplayFormatException(
            ReplayFormatException.SYNTAX, line, null, "content after the JSON object");
      }
      fields = m;
    } catch (JsonProcessingException e) {
      String msg = e.getOriginalMessage();
      boolean limit = e instanceof StreamConstraintsException;
      String column = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
      throw new ReplayFormatException(
          limit ? ReplayFormatException.LIMIT : ReplayFormatException.SYNTAX,
          line,
          null,
          (limit ? "over a limit: " : "not valid JSON: ") + firstLine(msg) + column);
    } catch (IOException e) {
      throw new ReplayFormatException(
          ReplayFormatException.SYNTAX, line, null, "not valid JSON: " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(@Nullable String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    String one = nl < 0 ? s : s.substring(0, nl);
    return one.length() > 200 ? one.substring(0, 200) + "..." : one;
  }

  private Object value(JsonParser p, JsonToken tok) throws IOException {
    switch (tok) {
      case START_OBJECT:
        {
          Map<String, Object> m = new HashMap<>();
          JsonToken t;
          while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (m.size() >= maxArray) {
              throw new ReplayFormatException(
                  ReplayFormatException.LIMIT,
                  line,
                  name,
                  "more than " + maxArray + " fields in one object");
            }
            m.put(name, value(p, p.nextToken()));
          }
          if (t != JsonToken.END_OBJECT) {
            throw new ReplayFormatException(
                ReplayFormatException.SYNTAX, line, null, "unterminated object");
          }
          return m;
        }
      case START_ARRAY:
        {
          List<Object> l = new ArrayList<>();
          JsonToken t;
          while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
              throw new ReplayFormatException(
                  ReplayFormatException.SYNTAX, line, null, "unterminated array");
            }
            if (l.size() >= maxArray) {
              throw new ReplayFormatException(
                  ReplayFormatException.LIMIT,
                  line,
                  p.currentName(),
                  "more than " + maxArray + " array elements");
            }
            l.add(value(p, t));
          }
          return l;
        }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          return p.getBigIntegerValue();
        }
        return p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return NULL;
      default:
        throw new ReplayFormatException(
            ReplayFormatException.SYNTAX, line, null, "unexpected token " + tok);
    }
  }

  /** The line number of the object parsed last. */
  public long line() {
    return line;
  }

  /** True when the object has {@code name}, with any value. */
  public boolean has(String name) {
    return fields.containsKey(name);
  }

  /** The raw fields, for nested objects. */
  public Map<String, Object> fields() {
    return fields;
  }

  /** Switches to a nested object's fields (for arrays of objects); returns the previous ones. */
  public Map<String, Object> enter(Map<String, Object> nested) {
    Map<String, Object> old = fields;
    fields = nested;
    return old;
  }

  public ReplayFormatException error(@Nullable String field, String detail) {
    return new ReplayFormatException(ReplayFormatException.FIELD, line, field, detail);
  }

  private Object required(String name) {
    Object v = fields.get(name);
    if (v == null) {
      throw error(name, "missing");
    }
    return v;
  }

  public String string(String name) {
    Object v = required(name);
    if (!(v instanceof String)) {
      throw error(name, "expected a string");
    }
    return (String) v;
  }

  public @Nullable String optString(String name) {
    return fields.containsKey(name) ? string(name) : null;
  }

  public long integer(String name) {
    Object v = required(name);
    if (v instanceof BigInteger) {
      throw error(name, "integer out of range");
    }
    if (!(v instanceof Long)) {
      throw error(name, "expected an integer");
    }
    return (Long) v;
  }

  public double number(String name) {
    Object v = required(name);
    if (v instanceof Long) {
      return (Long) v;
    }
    if (v instanceof BigInteger) {
      return ((BigInteger) v).doubleValue();
    }
    if (v instanceof Double) {
      double d = (Double) v;
      if (!Double.isFinite(d)) {
        throw error(name, "expected a finite number");
      }
      return d;
    }
    throw error(name, "expected a number");
  }

  public double optNumber(String name, double absent) {
    return fields.containsKey(name) ? number(name) : absent;
  }

  public boolean optBool(String name, boolean absent) {
    if (!fields.containsKey(name)) {
      return absent;
    }
    Object v = fields.get(name);
    if (!(v instanceof Boolean)) {
      throw error(name, "expected true or false");
    }
    return (Boolean) v;
  }

  public List<Object> array(String name) {
    Object v = required(name);
    if (!(v instanceof List)) {
      throw error(name, "expected an array");
    }
    @SuppressWarnings("unchecked")
    List<Object> l = (List<Object>) v;
    return l;
  }
}
