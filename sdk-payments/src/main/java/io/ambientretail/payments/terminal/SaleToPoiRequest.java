package io.ambientretail.payments.terminal;

import java.util.Objects;

/** A {@code SaleToPOIRequest}: a header and the one request body. */
public record SaleToPoiRequest(MessageHeader header, NexoRequest body) implements NexoMessage {
  /** Checks the header's category matches the body. */
  public SaleToPoiRequest {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(body, "body");
    if (header.messageCategory() != body.category()) {
      throw new IllegalArgumentException(
          "header category " + header.messageCategory() + " does not match " + body.category());
    }
  }
}
