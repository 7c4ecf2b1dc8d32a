package io.ambientretail.payments.terminal;

/** One nexo message as read from the wire: a request, a response, or an encrypted envelope. */
public sealed interface NexoMessage permits SaleToPoiRequest, SaleToPoiResponse, SecuredMessage {
  /** The message header (in clear text even on an encrypted message). */
  MessageHeader header();
}
