package io.ambientretail.inventory.replenish;

/**
 * What a {@link ReplenishmentPlanner} run did, for logs and the command line's notes.
 *
 * @param locations store-SKU locations planned
 * @param orders orders proposed
 * @param units units ordered in total
 * @param notOrderDay locations skipped because the plan date is not one of their order days
 * @param withoutHistory locations with no sales history (planned as selling nothing)
 */
public record PlanSummary(
    long locations, long orders, long units, long notOrderDay, long withoutHistory) {}
