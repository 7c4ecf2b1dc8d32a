package io.ambientretail.store.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes one compact JSON object per line, fields in the order they were put. Not thread-safe. */
final class JsonLines {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final PrintWriter out;

  JsonLines(PrintWriter out) {
    this.out = out;
  }

  /** Starts an object; call {@link Line#print} to write it. */
  Line line() {
    return new Line();
  }

  /** Rounds to {@code places} decimals; NaN and infinities become null. */
  static Double round(double v, int places) {
    if (!Double.isFinite(v)) {
      return null;
    }
    double f = Math.pow(10, places);
    return Math.round(v * f) / f;
  }

  /** One JSON object being built. */
  final class Line {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    Line put(String name, Object value) {
      fields.put(name, value);
      return this;
    }

    void print() {
      try {
        out.println(MAPPER.writeValueAsString(fields));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
