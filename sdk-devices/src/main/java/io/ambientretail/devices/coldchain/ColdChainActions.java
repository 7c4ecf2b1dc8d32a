package io.ambientretail.devices.coldchain;

/**
 * What the store does when the cold-chain engine decides: lock a zone (its door, or its SKUs at the
 * kiosk and the exit) and release it after staff gave a disposition, writing off what was
 * discarded. Called on the thread that called the engine; implementations make each step durable
 * (an audit entry, a ledger write-off) before returning.
 */
public interface ColdChainActions {
  /** The zone breached its rule: lock its door or mark its SKUs unsellable, per the rule. */
  void breach(ColdChainRule rule, String reason);

  /** Staff released the zone with {@code disposition}: unlock, and write off what was discarded. */
  void released(ColdChainRule rule, Disposition disposition);
}
