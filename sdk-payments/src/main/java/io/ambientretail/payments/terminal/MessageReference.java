package io.ambientretail.payments.terminal;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A reference to an earlier message, by category and {@code ServiceID}: what an abort cancels and
 * what a transaction status asks about.
 *
 * @param serviceId null only when a status request asks about the last transaction
 * @param deviceId null unless the earlier message was a device request
 * @param saleId null when it is this sale system
 * @param poiId null when it is this terminal
 */
public record MessageReference(
    MessageCategory messageCategory,
    @Nullable String serviceId,
    @Nullable String deviceId,
    @Nullable String saleId,
    @Nullable String poiId) {
  /** Checks the category is present. */
  public MessageReference {
    Objects.requireNonNull(messageCategory, "messageCategory");
  }

  /** A reference to service {@code serviceId} of {@code category} on this sale system. */
  public static MessageReference to(MessageCategory category, String serviceId) {
    return new MessageReference(
        category, Objects.requireNonNull(serviceId, "serviceId"), null, null, null);
  }
}
