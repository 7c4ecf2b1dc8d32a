/**
 * The running store: walk-out and kiosk flows, shelf monitoring, cart attribution, settlement,
 * receipts held for review ({@link io.ambientretail.store.engine.ReviewDesk}), reconciliation,
 * alerts and recovery after a crash.
 */
@NullMarked
package io.ambientretail.store.engine;

import org.jspecify.annotations.NullMarked;
