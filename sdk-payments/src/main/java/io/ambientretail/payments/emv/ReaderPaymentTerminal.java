package io.ambientretail.payments.emv;

import io.ambientretail.core.Money;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link PaymentTerminal} made of a card reader and this SDK's {@link EmvCardReader}: card
 * reading for tokenization, not a certified EMV kernel (no cardholder verification, no offline data
 * authentication, no cryptogram generation). Thread-safe if the connector is.
 */
public final class ReaderPaymentTerminal implements PaymentTerminal {
  private final CardConnector connector;
  private final EmvReaderConfig config;

  private ReaderPaymentTerminal(CardConnector connector, EmvReaderConfig config) {
    this.connector = connector;
    this.config = config;
  }

  /**
   * A terminal reading cards through {@code connector}; each read uses {@code config} with the
   * amount of that read.
   */
  public static ReaderPaymentTerminal of(CardConnector connector, EmvReaderConfig config) {
    return new ReaderPaymentTerminal(
        Objects.requireNonNull(connector, "connector"), Objects.requireNonNull(config, "config"));
  }

  @Override
  public CardRead readCard(Money amount, Duration timeout) throws IOException {
    EmvReaderConfig c =
        EmvReaderConfig.builder()
            .amount(amount)
            .countryCode(config.countryCode())
            .terminalType(config.terminalType())
            .ttq(config.ttq())
            .capabilities(config.capabilities())
            .brandPreference(config.brandPreference())
            .candidateAids(config.candidateAids())
            .clock(config.clock())
            .random(config.random())
            .limits(config.limits())
            .maxRecords(config.maxRecords())
            .build();
    try (CardConnector.Connection connection = connector.connect(timeout)) {
      return EmvCardReader.create(c).read(connection);
    }
  }
}
