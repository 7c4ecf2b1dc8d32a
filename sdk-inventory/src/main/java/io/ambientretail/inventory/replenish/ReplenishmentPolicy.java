package io.ambientretail.inventory.replenish;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The complete, checked policy for one store-SKU location, as a {@link PolicyTable} resolves it.
 *
 * <p>Defaults for settings nobody gave: method {@code rop}, service level 0.95, lead time 1 day,
 * review every day, orders on any weekday, packs of 1, no minimum order, no capacity or shelf-life
 * limit, no supplier named. Immutable.
 *
 * @param method the method
 * @param min the trigger of min/max and (s, S), in units (0 for rop)
 * @param max the order-up-to level of min/max and (s, S), in units (0 for rop)
 * @param serviceLevel the cycle service level rop aims for
 * @param leadTimeDays days from order to arrival
 * @param reviewDays days between reviews
 * @param orderDays weekdays on which orders may be placed
 * @param packSize units per pack
 * @param moq minimum order quantity, in units
 * @param capacity the most units the location holds ({@link Integer#MAX_VALUE} when unlimited)
 * @param shelfLifeDays days an item stays sellable after arrival (0 when it does not spoil)
 * @param supplier the supplier, or null
 */
public record ReplenishmentPolicy(
    ReplenishMethod method,
    int min,
    int max,
    double serviceLevel,
    int leadTimeDays,
    int reviewDays,
    Set<DayOfWeek> orderDays,
    int packSize,
    int moq,
    int capacity,
    int shelfLifeDays,
    @Nullable String supplier) {
  /** Copies the order days. */
  public ReplenishmentPolicy {
    orderDays = Set.copyOf(orderDays);
  }

  static ReplenishmentPolicy resolve(PolicySettings s) {
    ReplenishMethod method = s.method != null ? s.method : ReplenishMethod.ROP;
    if (method != ReplenishMethod.ROP) {
      if (s.min == null || s.max == null) {
        throw new IllegalArgumentException(method.id() + " needs both min and max");
      }
      if (s.max < s.min) {
        throw new IllegalArgumentException("max " + s.max + " is below min " + s.min);
      }
    }
    return new ReplenishmentPolicy(
        method,
        s.min == null ? 0 : s.min,
        s.max == null ? 0 : s.max,
        s.serviceLevel == null ? 0.95 : s.serviceLevel,
        s.leadTimeDays == null ? 1 : s.leadTimeDays,
        s.reviewDays == null ? 1 : s.reviewDays,
        s.orderDays == null ? EnumSet.allOf(DayOfWeek.class) : s.orderDays,
        s.packSize == null ? 1 : s.packSize,
        s.moq == null ? 0 : s.moq,
        s.capacity == null ? Integer.MAX_VALUE : s.capacity,
        s.shelfLifeDays == null ? 0 : s.shelfLifeDays,
        s.supplier);
  }
}
