package io.ambientretail.store.engine;

import java.util.Map;

/**
 * Hears what happens in the store (receipts, alerts, cart changes, stock), after it is durable: the
 * dashboard's live feed and the simulator listen. Called on the thread that made the change;
 * implementations must be quick and must not throw.
 */
@FunctionalInterface
public interface StoreListener {
  /** One store event: a type such as {@code receipt} and its JSON-ready data. */
  void onEvent(String type, Map<String, Object> data);
}
