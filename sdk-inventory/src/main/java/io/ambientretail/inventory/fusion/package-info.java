/**
 * Cart fusion: turns a walk-out store's raw shelf weights, shopper positions, vision hints and
 * scans into one cart per shopper, and a receipt with a confidence and a review flag when the
 * shopper leaves.
 *
 * <p>The input is the fusion replay format (JSON lines, version 1): read it with {@link
 * io.ambientretail.inventory.fusion.ReplayReader}, feed it to {@link
 * io.ambientretail.inventory.fusion.CartFusion}, or let {@link
 * io.ambientretail.inventory.fusion.LiveCartFusion} take it from the event bus.
 *
 * <pre>{@code
 * try (ReplayReader in = ReplayReader.open(reader, ReplayLimits.defaults())) {
 *   List<Receipt> receipts = FusionReplay.run(in, FusionConfig.defaults()).receipts();
 * }
 * }</pre>
 */
@NullMarked
package io.ambientretail.inventory.fusion;

import org.jspecify.annotations.NullMarked;
