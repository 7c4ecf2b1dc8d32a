package io.ambientretail.inventory.replenish;

import io.ambientretail.core.SkuId;
import io.ambientretail.core.StoreId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The stock of many store-SKU locations: units on hand and units on order, in the order they were
 * added. These are the locations a {@link ReplenishmentPlanner} plans.
 *
 * <p>Immutable and thread-safe once built; build with {@link #builder()}.
 */
public final class StockPositions {
  private final StoreId[] stores;
  private final SkuId[] skus;
  private final int[] onHand;
  private final int[] onOrder;

  private StockPositions(Builder b) {
    int n = b.size;
    stores = Arrays.copyOf(b.stores, n);
    skus = Arrays.copyOf(b.skus, n);
    onHand = Arrays.copyOf(b.onHand, n);
    onOrder = Arrays.copyOf(b.onOrder, n);
  }

  /** A builder with no locations. */
  public static Builder builder() {
    return new Builder();
  }

  /** The number of locations. */
  public int size() {
    return stores.length;
  }

  /** The store of location {@code i}. */
  public StoreId store(int i) {
    return stores[i];
  }

  /** The SKU of location {@code i}. */
  public SkuId sku(int i) {
    return skus[i];
  }

  /** Units on hand at location {@code i}; may be negative when the books are behind. */
  public int onHand(int i) {
    return onHand[i];
  }

  /** Units ordered and not yet received at location {@code i}. */
  public int onOrder(int i) {
    return onOrder[i];
  }

  /** Collects locations; a store-SKU pair may be added once. Not thread-safe. */
  public static final class Builder {
    private StoreId[] stores = new StoreId[16];
    private SkuId[] skus = new SkuId[16];
    private int[] onHand = new int[16];
    private int[] onOrder = new int[16];
    private int size;
    private final Map<StoreId, Map<SkuId, Boolean>> seen = new HashMap<>();

    private Builder() {}

    /**
     * Adds a location.
     *
     * @throws IllegalArgumentException if the pair was added before or on order is negative
     */
    public Builder add(StoreId store, SkuId sku, int unitsOnHand, int unitsOnOrder) {
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(sku, "sku");
      if (unitsOnOrder < 0) {
        throw new IllegalArgumentException("on_order must be >= 0, was " + unitsOnOrder);
      }
      if (seen.computeIfAbsent(store, s -> new HashMap<>()).put(sku, Boolean.TRUE) != null) {
        throw new IllegalArgumentException("store " + store + ", sku " + sku + " given twice");
      }
      if (size == stores.length) {
        int n = size * 2;
        stores = Arrays.copyOf(stores, n);
        skus = Arrays.copyOf(skus, n);
        onHand = Arrays.copyOf(onHand, n);
        onOrder = Arrays.copyOf(onOrder, n);
      }
      stores[size] = store;
      skus[size] = sku;
      onHand[size] = unitsOnHand;
      onOrder[size] = unitsOnOrder;
      size++;
      return this;
    }

    /** Builds the positions. */
    public StockPositions build() {
      return new StockPositions(this);
    }
  }
}
