package io.ambientretail.privacy.dsr;

import io.ambientretail.privacy.DataCategory;
import io.ambientretail.privacy.residency.Region;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How long each category of personal data is kept, per region: a default per category and
 * overrides for a category in a region (tax law keeps receipts 10 years in Germany, camera
 * tracks a few days everywhere). A category without a rule is kept until a request deletes it,
 * and the retention job reports it as unmanaged.
 *
 * <p>Immutable; build with {@link #builder()}.
 */
public final class RetentionPolicy {
  private final Map<DataCategory, Duration> defaults;
  private final Map<DataCategory, Map<Region, Duration>> byRegion;

  private RetentionPolicy(Builder b) {
    this.defaults = Map.copyOf(b.defaults);
    Map<DataCategory, Map<Region, Duration>> m = new HashMap<>();
    b.byRegion.forEach((k, v) -> m.put(k, Map.copyOf(v)));
    this.byRegion = Map.copyOf(m);
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
    return "RetentionPolicy{" + defaults + " " + byRegion + "}";
  }

  /** Collects a {@link RetentionPolicy}; not thread-safe. */
  public static final class Builder {
    private final Map<DataCategory, Duration> defaults = new HashMap<>();
    private final Map<DataCategory, Map<Region, Duration>> byRegion = new HashMap<>();

    private Builder() {}

    /** Keeps {@code category} for {@code period} wherever no regional rule applies. */
    public Builder keep(DataCategory category, Duration period) {
      defaults.put(Objects.requireNonNull(category, "category"), positive(period));
      return this;
    }

    /** Keeps {@code category} collected in {@code region} for {@code period}. */
    public Builder keep(DataCategory category, Region region, Duration period) {
      byRegion.computeIfAbsent(category, k -> new HashMap<>())
          .put(Objects.requireNonNull(region, "region"), positive(period));
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
