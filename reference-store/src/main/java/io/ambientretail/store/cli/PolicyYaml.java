package io.ambientretail.store.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ambientretail.core.AmbientException;
import io.ambientretail.core.SkuId;
import io.ambientretail.core.StoreId;
import io.ambientretail.inventory.InputLimits;
import io.ambientretail.inventory.InventoryInputException;
import io.ambientretail.inventory.replenish.PolicySettings;
import io.ambientretail.inventory.replenish.PolicyTable;
import io.ambientretail.inventory.replenish.ReplenishMethod;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads the replenishment policy YAML of the command-line contract ({@code defaults:}, {@code
 * stores:}, {@code skus:}) into a {@link PolicyTable}, with errors naming file, line and key.
 *
 * <p>Strict: an unknown key is an error (a typo would otherwise silently change orders). Limits
 * come from {@link InputLimits}: document size, number of overrides; YAML aliases and nesting are
 * capped by the loader. Stateless.
 */
final class PolicyYaml {
  private PolicyYaml() {}

  static PolicyTable read(Path file, InputLimits limits) throws IOException {
    long size = Files.size(file);
    String name = String.valueOf(file.getFileName());
    if (size > limits.maxPolicyChars() * 4L) {
      throw new InventoryInputException(
          InventoryInputException.INPUT_LIMIT,
          name,
          0,
          null,
          "policy file larger than " + limits.maxPolicyChars() + " characters");
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw InventoryInputException.notUtf8(file, name);
    }
    return read(text, name, limits);
  }

  static PolicyTable read(String text, String source, InputLimits limits) throws IOException {
    if (text.length() > limits.maxPolicyChars()) {
      throw new InventoryInputException(
          InventoryInputException.INPUT_LIMIT,
          source,
          0,
          null,
          "policy document longer than " + limits.maxPolicyChars() + " characters");
    }
    LoaderOptions loader = new LoaderOptions();
    loader.setMaxAliasesForCollections(20);
    loader.setNestingDepthLimit(20);
    loader.setCodePointLimit(limits.maxPolicyChars());
    loader.setAllowDuplicateKeys(false);
    YAMLFactory factory =
        YAMLFactory.builder()
            .loaderOptions(loader)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(20)
                    .maxStringLength(4096)
                    .maxNumberLength(32)
                    .build())
            .build();
    PolicyTable.Builder table = PolicyTable.builder().source(source);
    try (Reader r = new java.io.StringReader(text);
        JsonParser p = factory.createParser(r)) {
      Ctx c = new Ctx(p, source);
      JsonToken t = p.nextToken();
      if (t == null) {
        throw c.error(null, "empty policy document (expected defaults:, stores:, skus:)");
      }
      if (t != JsonToken.START_OBJECT) {
        throw c.error(null, "the document must be a mapping with defaults:, stores:, skus:");
      }
      int overrides = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        p.nextToken();
        switch (key) {
          case "defaults" -> table.defaults(settings(c, "defaults"));
          case "stores", "skus" -> {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
              continue;
            }
            c.expect(JsonToken.START_OBJECT, key, "a mapping of ids to settings");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String id = p.currentName();
              int line = c.line();
              if (++overrides > limits.maxOverrides()) {
                throw new InventoryInputException(
                    InventoryInputException.INPUT_LIMIT,
                    source,
                    line,
                    key + "." + id,
                    "more than " + limits.maxOverrides() + " overrides");
              }
              p.nextToken();
              PolicySettings s = settings(c, key + "." + id);
              try {
                if (key.equals("stores")) {
                  table.store(StoreId.of(id), s);
                } else {
                  table.sku(SkuId.of(id), s);
                }
              } catch (AmbientException | IllegalArgumentException e) {
                throw c.error(line, key + "." + id, e.getMessage());
              }
            }
          }
          default -> throw c.error(key, "unknown key (expected defaults, stores or skus)");
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw c.error(null, "unexpected content after the policy mapping");
      }
      return table.build();
    } catch (InventoryInputException e) {
      throw e;
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String msg = e.getOriginalMessage() == null ? "malformed YAML" : e.getOriginalMessage();
      throw new InventoryInputException(
          InventoryInputException.INPUT_FORMAT,
          source,
          loc == null ? 0 : Math.max(0, loc.getLineNr()),
          null,
          msg.replace('\n', ' ').replaceAll("\\s+", " "));
    } catch (RuntimeException e) {
      // SnakeYAML reports some problems (limits, bad characters) as its own unchecked exceptions.
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new InventoryInputException(
          InventoryInputException.INPUT_FORMAT,
          source,
          0,
          null,
          msg.replace('\n', ' ').replaceAll("\\s+", " "));
    }
  }

  private static PolicySettings settings(Ctx c, String path) throws IOException {
    JsonParser p = c.p;
    PolicySettings.Builder b = PolicySettings.builder();
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return b.build();
    }
    c.expect(JsonToken.START_OBJECT, path, "a mapping of settings");
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      String field = path + "." + key;
      p.nextToken();
      int line = c.line();
      try {
        switch (key) {
          case "method" -> b.method(ReplenishMethod.ofId(c.text(field)));
          case "min" -> b.min(c.integer(field));
          case "max" -> b.max(c.integer(field));
          case "service_level" -> b.serviceLevel(c.number(field));
          case "lead_time_days" -> b.leadTimeDays(c.integer(field));
          case "review_days" -> b.reviewDays(c.integer(field));
          case "order_days" -> b.orderDays(c.days(field));
          case "pack_size" -> b.packSize(c.integer(field));
          case "moq" -> b.moq(c.integer(field));
          case "capacity" -> b.capacity(c.integer(field));
          case "shelf_life_days" -> b.shelfLifeDays(c.integer(field));
          case "supplier" -> b.supplier(c.text(field));
          default ->
              throw c.error(
                  field,
                  "unknown setting (method, min, max, service_level, "
                      + "lead_time_days, review_days, order_days, pack_size, moq, capacity, "
                      + "shelf_life_days, supplier)");
        }
      } catch (IllegalArgumentException e) {
        throw c.error(line, field, e.getMessage());
      }
    }
    return b.build();
  }

  /** The parser with the document's name, for errors. */
  private static final class Ctx {
    final JsonParser p;
    final String source;

    Ctx(JsonParser p, String source) {
      this.p = p;
      this.source = source;
    }

    int line() {
      JsonLocation l = p.currentTokenLocation();
      return l == null ? 0 : Math.max(0, l.getLineNr());
    }

    InventoryInputException error(String field, String problem) {
      return error(line(), field, problem);
    }

    InventoryInputException error(int line, String field, String problem) {
      return new InventoryInputException(
          InventoryInputException.INPUT_FORMAT, source, line, field, problem);
    }

    void expect(JsonToken t, String field, String what) {
      if (p.currentToken() != t) {
        throw error(field, "expected " + what);
      }
    }

    String text(String field) throws IOException {
      JsonToken t = p.currentToken();
      if (t == null || !t.isScalarValue() || t == JsonToken.VALUE_NULL) {
        throw error(field, "expected a single value");
      }
      return p.getText();
    }

    int integer(String field) throws IOException {
      String v = text(field).trim();
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw error(field, "not an integer: '" + shorten(v) + "'");
      }
    }

    double number(String field) throws IOException {
      String v = text(field).trim();
      try {
        double d = Double.parseDouble(v);
        if (!Double.isFinite(d)) {
          throw new NumberFormatException();
        }
        return d;
      } catch (NumberFormatException e) {
        throw error(field, "not a number: '" + shorten(v) + "'");
      }
    }

    Set<DayOfWeek> days(String field) throws IOException {
      Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
      if (p.currentToken() == JsonToken.START_ARRAY) {
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (++n > 7) {
            throw error(field, "more than 7 days");
          }
          out.add(day(field, text(field)));
        }
      } else {
        for (String d : text(field).split(",", 8)) {
          out.add(day(field, d));
        }
      }
      return out;
    }

    DayOfWeek day(String field, String text) {
      String t = text.trim().toUpperCase(Locale.ROOT);
      for (DayOfWeek d : DayOfWeek.values()) {
        if (t.length() >= 3 && d.name().startsWith(t)) {
          return d;
        }
      }
      throw error(field, "not a weekday: '" + shorten(text) + "' (mon, tue, ... sun)");
    }

    static String shorten(String v) {
      return v.length() <= 40 ? v : v.substring(0, 40) + "...";
    }
  }
}
