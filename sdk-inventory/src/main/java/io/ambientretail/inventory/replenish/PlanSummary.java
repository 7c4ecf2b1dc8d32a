package io.ambientretail.inventory.replenish;

import java.util.List;

/**
 * What a {@link ReplenishmentPlanner} run did, for logs and the command line's notes.
 *
 * @param locations store-SKU locations planned
 * @param orders orders proposed
 * @param units units ordered in total
 * @param notOrderDay locations skipped because the plan date is not one of their order days
 * @param withoutHistory locations whose policy needs a forecast but that have no sales history
 *     before the plan date (planned as selling nothing, so a reorder-point policy orders for them
 *     only when their position is below zero)
 * @param firstWithoutHistory the first of those locations, in the order of the stock positions (at
 *     most {@link #MAX_NAMED}), so that a note can name them
 */
public record PlanSummary(
    long locations,
    long orders,
    long units,
    long notOrderDay,
    long withoutHistory,
    List<StockLocation> firstWithoutHistory) {
  /** How many locations without history a summary names at most. */
  public static final int MAX_NAMED = 10;

  /** Creates a summary, copying the list. */
  public PlanSummary {
    firstWithoutHistory = List.copyOf(firstWithoutHistory);
  }
}
