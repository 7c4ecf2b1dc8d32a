package io.ambientretail.store.pay;

import io.ambientretail.store.config.StoreConfig;
import java.net.URI;

/** Points a store configuration at another payment gateway (the demo's {@code --gateway}). */
public final class GatewaySetting {
  private GatewaySetting() {}

  /**
   * A copy of {@code config} whose payments go to the gateway at {@code url}.
   *
   * @throws IllegalArgumentException if the URL is not an absolute http(s) URL
   */
  public static StoreConfig withGateway(StoreConfig config, String url) {
    URI u;
    try {
      u = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--gateway: not a URL: " + e.getMessage());
    }
    if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
      throw new IllegalArgumentException("--gateway: must be an absolute http(s) URL, was " + url);
    }
    StoreConfig.Payment p = config.payment();
    return new StoreConfig(
        config.storeId(),
        config.name(),
        config.kind(),
        config.region(),
        config.privacyRegime(),
        config.currency(),
        config.zone(),
        new StoreConfig.Payment(
            url, p.holdMinor(), p.acquirerLatencyMs(), p.declineRate(), p.offline()),
        config.devices(),
        config.shelves(),
        config.replenishment(),
        config.privacy(),
        config.tokens(),
        config.review(),
        config.web(),
        config.audit());
  }
}
