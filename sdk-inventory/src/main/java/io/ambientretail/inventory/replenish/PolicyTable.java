package io.ambientretail.inventory.replenish;

import io.ambientretail.core.SkuId;
import io.ambientretail.core.StoreId;
import io.ambientretail.inventory.InventoryInputException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Replenishment policies by store and SKU: defaults, then store overrides, then SKU overrides; a
 * SKU's setting beats its store's, which beats the default (the precedence of the policy YAML in
 * the command-line contract).
 *
 * <p>Immutable and thread-safe; resolved policies are cached per combination of overrides, so
 * resolving a million locations costs two hash lookups each.
 *
 * <pre>{@code
 * PolicyTable t = PolicyTable.builder()
 *     .defaults(PolicySettings.builder().method(ReplenishMethod.ROP).leadTimeDays(2).build())
 *     .sku(SkuId.of("05012345678900"), PolicySettings.builder().method(ReplenishMethod.MINMAX)
 *         .min(10).max(40).build())
 *     .build();
 * }</pre>
 */
public final class PolicyTable {
  private static final PolicySettings NONE = PolicySettings.empty();

  private final PolicySettings defaults;
  private final Map<StoreId, PolicySettings> stores;
  private final Map<SkuId, PolicySettings> skus;
  private final String source;
  private final Map<Pair, ReplenishmentPolicy> cache = new ConcurrentHashMap<>();

  private PolicyTable(Builder b) {
    defaults = b.defaults;
    stores = Map.copyOf(b.stores);
    skus = Map.copyOf(b.skus);
    source = b.source;
  }

  /** A builder with empty defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The policy for a store and SKU.
   *
   * @throws InventoryInputException with code {@code POLICY_INVALID} when the merged settings
   *     cannot be applied (for example min/max without a max), naming the store and SKU
   */
  public ReplenishmentPolicy resolve(StoreId store, SkuId sku) {
    PolicySettings st = stores.getOrDefault(store, NONE);
    PolicySettings sk = skus.getOrDefault(sku, NONE);
    Pair key = new Pair(st, sk);
    ReplenishmentPolicy p = cache.get(key);
    if (p == null) {
      try {
        p = ReplenishmentPolicy.resolve(sk.over(st.over(defaults)));
      } catch (IllegalArgumentException e) {
        throw new InventoryInputException(
            InventoryInputException.POLICY_INVALID,
            source,
            0,
            "skus." + sku,
            "for store " + store + ": " + e.getMessage());
      }
      cache.putIfAbsent(key, p);
    }
    return p;
  }

  /** Identity pair of override objects: two locations with the same overrides share a policy. */
  private static final class Pair {
    final PolicySettings store;
    final PolicySettings sku;

    Pair(PolicySettings store, PolicySettings sku) {
      this.store = store;
      this.sku = sku;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Pair && ((Pair) o).store == store && ((Pair) o).sku == sku;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(store) * 31 + System.identityHashCode(sku);
    }
  }

  /** Collects the levels of a {@link PolicyTable}; not thread-safe. */
  public static final class Builder {
    private PolicySettings defaults = NONE;
    private final Map<StoreId, PolicySettings> stores = new HashMap<>();
    private final Map<SkuId, PolicySettings> skus = new HashMap<>();
    private String source = "policy";

    private Builder() {}

    /** The settings every location starts from. */
    public Builder defaults(PolicySettings settings) {
      defaults = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Overrides for every SKU of one store. */
    public Builder store(StoreId store, PolicySettings settings) {
      stores.put(store, Objects.requireNonNull(settings, "settings"));
      return this;
    }

    /** Overrides for one SKU in every store; beats the store's overrides. */
    public Builder sku(SkuId sku, PolicySettings settings) {
      skus.put(sku, Objects.requireNonNull(settings, "settings"));
      return this;
    }

    /** The name of the document the policies came from, for error messages (default "policy"). */
    public Builder source(String name) {
      source = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Builds the table. */
    public PolicyTable build() {
      return new PolicyTable(this);
    }
  }
}
