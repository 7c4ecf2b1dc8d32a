package io.ambientretail.inventory;

/**
 * Limits a reader of planning input (CSV, YAML) enforces, so hostile or broken files fail with a
 * clear {@link InventoryInputException} instead of exhausting memory.
 *
 * <p>Defaults ({@link #defaults()}): lines up to 4,096 characters, 50,000,000 rows, 5,000,000
 * distinct store-SKU series, quantities from 0 (or -1,000,000 for stock) to 1,000,000 units, sales
 * dates spanning at most 3,660 days, policy files up to 1 MiB with 100,000 overrides.
 *
 * @param maxLineChars the longest line accepted, in characters
 * @param maxRows the most data rows accepted
 * @param maxSeries the most distinct store-SKU pairs accepted
 * @param maxQuantity the largest absolute quantity accepted, in units
 * @param maxDays the longest span of sales dates accepted, in days
 * @param maxPolicyChars the largest policy document accepted, in characters
 * @param maxOverrides the most store and SKU overrides accepted in a policy document
 */
public record InputLimits(
    int maxLineChars,
    long maxRows,
    int maxSeries,
    int maxQuantity,
    int maxDays,
    int maxPolicyChars,
    int maxOverrides) {
  /** Checks every limit is positive. */
  public InputLimits {
    if (maxLineChars < 16
        || maxRows < 1
        || maxSeries < 1
        || maxQuantity < 1
        || maxDays < 1
        || maxPolicyChars < 16
        || maxOverrides < 0) {
      throw new IllegalArgumentException("limits must be positive (line length at least 16)");
    }
  }

  /** The documented defaults. */
  public static InputLimits defaults() {
    return new InputLimits(4096, 50_000_000L, 5_000_000, 1_000_000, 3660, 1 << 20, 100_000);
  }
}
