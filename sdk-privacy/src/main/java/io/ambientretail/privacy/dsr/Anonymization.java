package io.ambientretail.privacy.dsr;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the retention job anonymises a record in place instead of deleting it: the record always
 * loses its link to the data subject, named fields are dropped, and others are coarsened (numbers
 * rounded, as for the coordinates of a location track; times truncated). Fields not named are kept
 * as they are, so a purchase keeps its basket for sales analytics.
 *
 * <p>What stays must not identify anyone on its own: drop every identifier (loyalty number, card
 * fingerprint, e-mail) and coarsen quasi-identifiers. Immutable and thread-safe; build with {@link
 * #builder()}.
 *
 * <pre>{@code
 * Anonymization tracks = Anonymization.builder().roundNumbers("path", 3)
 *     .truncateTime("entered", ChronoUnit.HOURS).drop("device").build();
 * }</pre>
 */
public final class Anonymization {
  private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");

  private final Map<String, UnaryOperator<String>> rules;
  private final String description;

  private Anonymization(Map<String, UnaryOperator<String>> rules, String description) {
    this.rules = rules;
    this.description = description;
  }

  /** Starts an anonymisation that only removes the subject link. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The fields the anonymised record keeps: {@code fields} with dropped fields removed and
   * coarsened ones changed, in their original order.
   */
  public Map<String, String> apply(Map<String, String> fields) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : fields.entrySet()) {
      UnaryOperator<String> rule = rules.get(e.getKey());
      String v = rule == null ? e.getValue() : rule.apply(e.getValue());
      if (v != null) {
        out.put(e.getKey(), v);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "Anonymization{unlink subject" + description + "}";
  }

  /** Collects an {@link Anonymization}; not thread-safe. */
  public static final class Builder {
    private final Map<String, UnaryOperator<String>> rules = new LinkedHashMap<>();
    private final StringBuilder description = new StringBuilder();

    private Builder() {}

    private Builder rule(String field, UnaryOperator<String> rule, String what) {
      Objects.requireNonNull(field, "field");
      if (rules.putIfAbsent(field, rule) != null) {
        throw new IllegalArgumentException("field '" + field + "' already has a rule");
      }
      description.append(", ").append(what).append(' ').append(field);
      return this;
    }

    /** Removes these fields. */
    public Builder drop(String... fields) {
      for (String f : List.of(fields)) {
        rule(f, v -> null, "drop");
      }
      return this;
    }

    /**
     * Rounds every decimal number in the field's text to {@code places} decimal places (half up): 3
     * places keeps a coordinate to about 100 m, 2 to about 1 km.
     *
     * @throws IllegalArgumentException if places is negative or above 15
     */
    public Builder roundNumbers(String field, int places) {
      if (places < 0 || places > 15) {
        throw new IllegalArgumentException("places must be 0 to 15");
      }
      return rule(
          field,
          v -> {
            Matcher m = DECIMAL.matcher(v);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
              m.appendReplacement(
                  b,
                  new BigDecimal(m.group()).setScale(places, RoundingMode.HALF_UP).toPlainString());
            }
            return m.appendTail(b).toString();
          },
          "round(" + places + ")");
    }

    /**
     * Truncates an ISO-8601 instant in the field to {@code unit} (hours, days); a value that is not
     * an instant is dropped, since it cannot be coarsened safely.
     */
    public Builder truncateTime(String field, ChronoUnit unit) {
      Objects.requireNonNull(unit, "unit");
      return rule(
          field,
          v -> {
            try {
              return Instant.parse(v).truncatedTo(unit).toString();
            } catch (DateTimeParseException
                | java.time.temporal.UnsupportedTemporalTypeException e) {
              return null;
            }
          },
          "truncate(" + unit.name().toLowerCase(Locale.ROOT) + ")");
    }

    /**
     * Replaces the field with what {@code coarsen} returns (null drops it): for generalisations of
     * your own, such as a postcode cut to its district.
     */
    public Builder coarsen(String field, UnaryOperator<String> coarsen) {
      return rule(field, Objects.requireNonNull(coarsen, "coarsen"), "coarsen");
    }

    /** Builds the anonymisation. */
    public Anonymization build() {
      return new Anonymization(Map.copyOf(rules), description.toString());
    }
  }
}
