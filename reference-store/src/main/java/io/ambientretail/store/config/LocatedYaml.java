package io.ambientretail.store.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A YAML document read into a tree that remembers the line of every field path ({@code
 * planogram.shelves[1].lanes[0].gtin}), so that a validation error can name the line, and that
 * refuses a key given twice in one mapping (YAML says keys are unique; Jackson's tree would keep
 * the later value silently).
 *
 * <p>Not thread-safe; one per document.
 */
final class LocatedYaml {
  private final Map<String, Integer> lines = new HashMap<>();
  private final ObjectMapper mapper;
  private final String source;
  private JsonNode root;

  private LocatedYaml(ObjectMapper mapper, String source) {
    this.mapper = mapper;
    this.source = source;
  }

  /**
   * Reads {@code text} with {@code mapper}'s factory (and so its stream limits).
   *
   * @return the document, or one whose {@link #root()} is null for an empty document
   * @throws StoreConfigException for a key given twice in one mapping
   * @throws IOException for YAML that cannot be parsed (a {@code JsonProcessingException} with the
   *     location)
   */
  static LocatedYaml read(ObjectMapper mapper, String text, String source) throws IOException {
    LocatedYaml y = new LocatedYaml(mapper, source);
    try (JsonParser p = mapper.getFactory().createParser(text)) {
      y.root = p.nextToken() == null ? null : y.value(p, "");
    }
    return y;
  }

  /** The document's top node; null for an empty document. */
  JsonNode root() {
    return root;
  }

  /**
   * The line (1-based) where {@code path} or, when it is absent from the document, its nearest
   * enclosing path begins.
   */
  OptionalInt line(String path) {
    String p = path;
    while (true) {
      Integer l = lines.get(p);
      if (l != null) {
        return OptionalInt.of(l);
      }
      if (p.isEmpty()) {
        return OptionalInt.empty();
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? "" : p.substring(0, cut);
    }
  }

  private JsonNode value(JsonParser p, String path) throws IOException {
    JsonToken t = p.currentToken();
    lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
    if (t == JsonToken.START_OBJECT) {
      ObjectNode o = mapper.getNodeFactory().objectNode();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        int line = p.currentTokenLocation().getLineNr();
        String child = path.isEmpty() ? key : path + "." + key;
        if (o.has(key)) {
          throw new StoreConfigException(
              source
                  + ":"
                  + line
                  + ": "
                  + child
                  + ": duplicate key (first given at line "
                  + lines.get(child)
                  + ")");
        }
        lines.put(child, line);
        p.nextToken();
        o.set(key, value(p, child));
      }
      return o;
    }
    if (t == JsonToken.START_ARRAY) {
      ArrayNode a = mapper.getNodeFactory().arrayNode();
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        a.add(value(p, path + "[" + i + "]"));
        i++;
      }
      return a;
    }
    if (t == JsonToken.VALUE_NULL) {
      return NullNode.getInstance();
    }
    JsonNode scalar = mapper.readTree(p);
    return scalar == null ? NullNode.getInstance() : scalar;
  }
}
