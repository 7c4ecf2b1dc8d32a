/**
 * Cart fusion (weights, positions, vision hints and scans to per-shopper carts), the inventory ledger, forecasting, replenishment and allocation.
 *
 * <p>This package is being built; see the project's CHANGELOG for what is available.
 */
@NullMarked
package io.ambientretail.inventory;

import org.jspecify.annotations.NullMarked;
