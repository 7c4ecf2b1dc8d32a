package io.ambientretail.inventory.replenish;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Some or all settings of a replenishment policy: the defaults, a store's or a SKU's overrides in a
 * {@link PolicyTable}. An absent setting (null) is inherited from the level below.
 *
 * <p>Immutable; build with {@link #builder()}. Units: quantities in units of the SKU, times in
 * days.
 */
public final class PolicySettings {
  final @Nullable ReplenishMethod method;
  final @Nullable Integer min;
  final @Nullable Integer max;
  final @Nullable Double serviceLevel;
  final @Nullable Integer leadTimeDays;
  final @Nullable Integer reviewDays;
  final @Nullable Set<DayOfWeek> orderDays;
  final @Nullable Integer packSize;
  final @Nullable Integer moq;
  final @Nullable Integer capacity;
  final @Nullable Integer shelfLifeDays;
  final @Nullable String supplier;

  private PolicySettings(Builder b) {
    method = b.method;
    min = b.min;
    max = b.max;
    serviceLevel = b.serviceLevel;
    leadTimeDays = b.leadTimeDays;
    reviewDays = b.reviewDays;
    orderDays = b.orderDays == null ? null : Set.copyOf(b.orderDays);
    packSize = b.packSize;
    moq = b.moq;
    capacity = b.capacity;
    shelfLifeDays = b.shelfLifeDays;
    supplier = b.supplier;
  }

  /** A builder with no settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** Settings with nothing set. */
  public static PolicySettings empty() {
    return builder().build();
  }

  /** This level's settings over {@code base}: each setting here wins where it is present. */
  PolicySettings over(PolicySettings base) {
    Builder b = new Builder();
    b.method = method != null ? method : base.method;
    b.min = min != null ? min : base.min;
    b.max = max != null ? max : base.max;
    b.serviceLevel = serviceLevel != null ? serviceLevel : base.serviceLevel;
    b.leadTimeDays = leadTimeDays != null ? leadTimeDays : base.leadTimeDays;
    b.reviewDays = reviewDays != null ? reviewDays : base.reviewDays;
    b.orderDays = orderDays != null ? orderDays : base.orderDays;
    b.packSize = packSize != null ? packSize : base.packSize;
    b.moq = moq != null ? moq : base.moq;
    b.capacity = capacity != null ? capacity : base.capacity;
    b.shelfLifeDays = shelfLifeDays != null ? shelfLifeDays : base.shelfLifeDays;
    b.supplier = supplier != null ? supplier : base.supplier;
    return new PolicySettings(b);
  }

  /**
   * Collects settings; a setter checks its own range and throws {@link IllegalArgumentException}
   * naming the setting. Not thread-safe.
   */
  public static final class Builder {
    private @Nullable ReplenishMethod method;
    private @Nullable Integer min;
    private @Nullable Integer max;
    private @Nullable Double serviceLevel;
    private @Nullable Integer leadTimeDays;
    private @Nullable Integer reviewDays;
    private @Nullable Set<DayOfWeek> orderDays;
    private @Nullable Integer packSize;
    private @Nullable Integer moq;
    private @Nullable Integer capacity;
    private @Nullable Integer shelfLifeDays;
    private @Nullable String supplier;

    private Builder() {}

    /** The method ({@code method}). */
    public Builder method(ReplenishMethod v) {
      method = v;
      return this;
    }

    /** The order trigger of min/max and (s, S), in units, at least 0 ({@code min}). */
    public Builder min(int v) {
      min = range("min", v, 0, 10_000_000);
      return this;
    }

    /** The order-up-to level of min/max and (s, S), in units, at least 0 ({@code max}). */
    public Builder max(int v) {
      max = range("max", v, 0, 10_000_000);
      return this;
    }

    /** The probability of not running out in a cycle, in (0.5, 0.9999] ({@code service_level}). */
    public Builder serviceLevel(double v) {
      if (!(v > 0.5 && v <= 0.9999)) {
        throw new IllegalArgumentException("service_level must be in (0.5, 0.9999], was " + v);
      }
      serviceLevel = v;
      return this;
    }

    /** Days from placing an order to its arrival, 0 to 365 ({@code lead_time_days}). */
    public Builder leadTimeDays(int v) {
      leadTimeDays = range("lead_time_days", v, 0, 365);
      return this;
    }

    /** Days between reviews, 1 to 365 ({@code review_days}). */
    public Builder reviewDays(int v) {
      reviewDays = range("review_days", v, 1, 365);
      return this;
    }

    /** The weekdays on which orders may be placed; empty means every day ({@code order_days}). */
    public Builder orderDays(Set<DayOfWeek> v) {
      orderDays = v.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(v);
      return this;
    }

    /** Units per pack: orders are whole packs, 1 to 100,000 ({@code pack_size}). */
    public Builder packSize(int v) {
      packSize = range("pack_size", v, 1, 100_000);
      return this;
    }

    /** The minimum order quantity in units, 0 to 10,000,000 ({@code moq}). */
    public Builder moq(int v) {
      moq = range("moq", v, 0, 10_000_000);
      return this;
    }

    /** The most units the location holds, 1 to 10,000,000 ({@code capacity}). */
    public Builder capacity(int v) {
      capacity = range("capacity", v, 1, 10_000_000);
      return this;
    }

    /** Days an item stays sellable after arrival, 1 to 3,650 ({@code shelf_life_days}). */
    public Builder shelfLifeDays(int v) {
      shelfLifeDays = range("shelf_life_days", v, 1, 3650);
      return this;
    }

    /** The supplier orders go to, 1 to 128 characters ({@code supplier}). */
    public Builder supplier(String v) {
      if (v.isBlank() || v.length() > 128) {
        throw new IllegalArgumentException("supplier must be 1..128 characters");
      }
      supplier = v;
      return this;
    }

    /** Builds the settings. */
    public PolicySettings build() {
      return new PolicySettings(this);
    }

    private static int range(String name, int v, int lo, int hi) {
      if (v < lo || v > hi) {
        throw new IllegalArgumentException(name + " must be " + lo + ".." + hi + ", was " + v);
      }
      return v;
    }
  }
}
