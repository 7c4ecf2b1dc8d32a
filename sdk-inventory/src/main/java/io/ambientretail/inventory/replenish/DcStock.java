package io.ambientretail.inventory.replenish;

import io.ambientretail.core.SkuId;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The units of each SKU a distribution centre can ship for one plan, as {@link DcStockCsv} reads
 * them; a SKU the DC does not list is not limited by it. Immutable and thread-safe.
 */
public final class DcStock {
  private final Map<SkuId, Long> available;

  private DcStock(Map<SkuId, Long> available) {
    this.available = Collections.unmodifiableMap(new TreeMap<>(available));
  }

  /** A builder with no SKUs. */
  public static Builder builder() {
    return new Builder();
  }

  /** The units the DC can ship of {@code sku}, or empty when the DC does not limit it. */
  public OptionalLong available(SkuId sku) {
    Long v = available.get(Objects.requireNonNull(sku, "sku"));
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  /** The SKUs the DC lists, in order, with their available units. */
  public Map<SkuId, Long> all() {
    return available;
  }

  /** Builds a {@link DcStock}; not thread-safe. */
  public static final class Builder {
    private final Map<SkuId, Long> available = new TreeMap<>();

    private Builder() {}

    /**
     * Sets the available units of a SKU.
     *
     * @throws IllegalArgumentException if {@code units} is negative or the SKU is already set
     */
    public Builder add(SkuId sku, long units) {
      Objects.requireNonNull(sku, "sku");
      if (units < 0) {
        throw new IllegalArgumentException("available units must be >= 0, was " + units);
      }
      if (available.putIfAbsent(sku, units) != null) {
        throw new IllegalArgumentException("SKU " + sku.value() + " listed twice");
      }
      return this;
    }

    /** Builds the immutable value. */
    public DcStock build() {
      return new DcStock(available);
    }
  }
}
