package io.ambientretail.inventory.fusion;

/**
 * Receives cart changes and receipts from {@link CartFusion}, on the thread that fed the event that
 * caused them. Implementations must be quick: they run inside fusion's processing.
 */
public interface CartListener {
  /** A listener that ignores everything. */
  CartListener NONE =
      new CartListener() {
        @Override
        public void cartUpdated(CartUpdate update) {}

        @Override
        public void receipt(Receipt receipt) {}
      };

  /** A shopper's cart changed (including a revision of an earlier decision). */
  void cartUpdated(CartUpdate update);

  /** A shopper left (or the replay ended) and their receipt is final. */
  void receipt(Receipt receipt);
}
