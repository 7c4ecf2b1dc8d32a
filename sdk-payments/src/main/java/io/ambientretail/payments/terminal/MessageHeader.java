package io.ambientretail.payments.terminal;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The header of every nexo message: protocol version, class, category, type, and the ids that tie a
 * request to its response ({@code ServiceID}) and a sale system to a terminal ({@code SaleID},
 * {@code POIID}).
 *
 * @param serviceId null only on event notifications, which belong to no service
 * @param deviceId null unless the message is a device request
 */
public record MessageHeader(
    String protocolVersion,
    MessageClass messageClass,
    MessageCategory messageCategory,
    MessageType messageType,
    @Nullable String serviceId,
    @Nullable String deviceId,
    String saleId,
    String poiId) {
  /** The protocol version this SDK writes. */
  public static final String PROTOCOL_VERSION = "3.0";

  /** Checks the fields are present. */
  public MessageHeader {
    Objects.requireNonNull(protocolVersion, "protocolVersion");
    Objects.requireNonNull(messageClass, "messageClass");
    Objects.requireNonNull(messageCategory, "messageCategory");
    Objects.requireNonNull(messageType, "messageType");
    Objects.requireNonNull(saleId, "saleId");
    Objects.requireNonNull(poiId, "poiId");
    if (serviceId == null && messageType != MessageType.Notification) {
      throw new IllegalArgumentException("serviceId is required on a " + messageType);
    }
  }

  /** A request header of protocol version 3.0. */
  public static MessageHeader request(
      MessageClass messageClass,
      MessageCategory category,
      String serviceId,
      String saleId,
      String poiId) {
    return new MessageHeader(
        PROTOCOL_VERSION,
        messageClass,
        category,
        MessageType.Request,
        Objects.requireNonNull(serviceId, "serviceId"),
        null,
        saleId,
        poiId);
  }
}
