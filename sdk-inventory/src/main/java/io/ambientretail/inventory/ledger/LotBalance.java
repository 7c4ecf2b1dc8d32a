package io.ambientretail.inventory.ledger;

import org.jspecify.annotations.Nullable;

/**
 * Units of one lot (or of untracked stock, when {@code lot} is null) on hand at a location.
 *
 * @param lot the lot, or null for stock not tracked by lot
 * @param units units on hand (may be negative when sales ran ahead of receipts)
 */
public record LotBalance(@Nullable Lot lot, long units) {}
