package io.ambientretail.payments.terminal;

import java.util.Objects;

/** A {@code SaleToPOIResponse}: a header and the one response body. */
public record SaleToPoiResponse(MessageHeader header, NexoResponse body) implements NexoMessage {
  /** Checks the fields are present. */
  public SaleToPoiResponse {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(body, "body");
  }
}
