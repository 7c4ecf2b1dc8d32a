package io.ambientretail.privacy.dsr;

import io.ambientretail.privacy.DataCategory;
import io.ambientretail.privacy.residency.Region;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How long each category of personal data is kept, per region: a default per category and overrides
 * for a category in a region (tax law keeps receipts 10 years in Germany, camera tracks a few days
 * everywhere). When the period ends a record is deleted, or, for a rule made with {@code
 * anonymize}, anonymised in place by its {@link Anonymization} (a purchase keeps its basket but
 * loses its shopper). A category without a rule is kept until a request deletes it, and the
 * retention job reports it as unmanaged.
 *
 * <p>Immutable; build with {@link #builder()}.
 */
public final class RetentionPolicy {
  private final Map<DataCategory, Duration> defaults;
  private final Map<DataCategory, Map<Region, Duration>> byRegion;
  private final Map<DataCategory, Anonymization> defaultAnonymization;
  private final Map<DataCategory, Map<Region, Anonymization>> regionalAnonymization;

  private RetentionPolicy(Builder b) {
    this.defaults = Map.copyOf(b.defaults);
    Map<DataCategory, Map<Region, Duration>> m = new HashMap<>();
    b.byRegion.forEach((k, v) -> m.put(k, Map.copyOf(v)));
    this.byRegion = Map.copyOf(m);
    this.defaultAnonymization = Map.copyOf(b.defaultAnonymization);
    Map<DataCategory, Map<Region, Anonymization>> a = new HashMap<>();
    b.regionalAnonymization.forEach((k, v) -> a.put(k, Map.copyOf(v)));
    this.regionalAnonymization = Map.copyOf(a);
  }

  /**
   * How {@code category} collected in {@code region} is anonymised when its period ends, or null
   * when it is deleted (or has no rule).
   */
  public @Nullable Anonymization anonymization(DataCategory category, Region region) {
    Map<Region, Duration> r = byRegion.get(category);
    if (r != null && r.containsKey(region)) {
      return regionalAnonymization.getOrDefault(category, Map.of()).get(region);
    }
    return defaultAnonymization.get(category);
  }

  /** Starts an empty policy. */
  public static Builder builder() {
    return new Builder();
  }

  /** How long {@code category} collected in {@code region} is kept, or null for no rule. */
  public @Nullable Duration period(DataCategory category, Region region) {
    Map<Region, Duration> r = byRegion.get(category);
    if (r != null && r.containsKey(region)) {
      return r.get(region);
    }
    return defaults.get(category);
  }

  /** The shortest period of any rule, the earliest a record can expire. */
  Duration shortest() {
    Duration min = null;
    for (Duration d : defaults.values()) {
      min = min == null || d.compareTo(min) < 0 ? d : min;
    }
    for (Map<Region, Duration> m : byRegion.values()) {
      for (Duration d : m.values()) {
        min = min == null || d.compareTo(min) < 0 ? d : min;
      }
    }
    return min == null ? Duration.ZERO : min;
  }

  @Override
  public String toString() {
    return "RetentionPolicy{"
        + defaults
        + " "
        + byRegion
        + ", anonymised: "
        + defaultAnonymization.keySet()
        + " "
        + regionalAnonymization.keySet()
        + "}";
  }

  /** Collects a {@link RetentionPolicy}; not thread-safe. */
  public static final class Builder {
    private final Map<DataCategory, Duration> defaults = new HashMap<>();
    private final Map<DataCategory, Map<Region, Duration>> byRegion = new HashMap<>();
    private final Map<DataCategory, Anonymization> defaultAnonymization = new HashMap<>();
    private final Map<DataCategory, Map<Region, Anonymization>> regionalAnonymization =
        new HashMap<>();

    private Builder() {}

    /**
     * Keeps {@code category} for {@code period} wherever no regional rule applies, then deletes it.
     */
    public Builder keep(DataCategory category, Duration period) {
      defaults.put(Objects.requireNonNull(category, "category"), positive(period));
      defaultAnonymization.remove(category);
      return this;
    }

    /** Keeps {@code category} collected in {@code region} for {@code period}, then deletes it. */
    public Builder keep(DataCategory category, Region region, Duration period) {
      byRegion
          .computeIfAbsent(category, k -> new HashMap<>())
          .put(Objects.requireNonNull(region, "region"), positive(period));
      regionalAnonymization.getOrDefault(category, new HashMap<>()).remove(region);
      return this;
    }

    /**
     * Keeps {@code category} as it is for {@code period} wherever no regional rule applies, then
     * anonymises it in place with {@code how}.
     */
    public Builder anonymize(DataCategory category, Duration period, Anonymization how) {
      keep(category, period);
      defaultAnonymization.put(category, Objects.requireNonNull(how, "how"));
      return this;
    }

    /**
     * Keeps {@code category} collected in {@code region} as it is for {@code period}, then
     * anonymises it in place with {@code how}.
     */
    public Builder anonymize(
        DataCategory category, Region region, Duration period, Anonymization how) {
      keep(category, region, period);
      regionalAnonymization
          .computeIfAbsent(category, k -> new HashMap<>())
          .put(region, Objects.requireNonNull(how, "how"));
      return this;
    }

    private static Duration positive(Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("retention period must be positive");
      }
      return d;
    }

    /** Builds the policy. */
    public RetentionPolicy build() {
      return new RetentionPolicy(this);
    }
  }
}
