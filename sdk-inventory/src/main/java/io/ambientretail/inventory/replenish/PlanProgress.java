package io.ambientretail.inventory.replenish;

/**
 * Receives a {@link ReplenishmentPlanner}'s progress, for a progress bar. Called from the planner's
 * worker threads, possibly concurrently, so implementations must be thread-safe and quick.
 */
@FunctionalInterface
public interface PlanProgress {
  /** A listener that ignores progress. */
  PlanProgress NONE = (done, total) -> {};

  /** Reports that {@code done} of {@code total} locations are planned. */
  void planned(long done, long total);
}
