package io.ambientretail.store;

import io.ambientretail.store.config.StoreConfig;

/** Copies of store configurations with another simulated-acquirer setting, for tests. */
public final class TestConfigs {
  private TestConfigs() {}

  /**
   * A copy of {@code config} whose simulated acquirer (gateway {@code simulated}) answers after
   * {@code latencyMs} and declines {@code declineRate} of authorisations and charges.
   */
  public static StoreConfig withAcquirer(StoreConfig config, int latencyMs, double declineRate) {
    StoreConfig.Payment p = config.payment();
    return new StoreConfig(
        config.storeId(),
        config.name(),
        config.kind(),
        config.region(),
        config.privacyRegime(),
        config.currency(),
        config.zone(),
        new StoreConfig.Payment(p.gateway(), p.holdMinor(), latencyMs, declineRate, p.offline()),
        config.devices(),
        config.shelves(),
        config.replenishment(),
        config.privacy(),
        config.tokens());
  }
}
