package io.ambientretail.payments.terminal;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A nexo event the terminal sends on its own: maintenance, a rejected message, a card removed...
 *
 * @param eventToNotify e.g. {@code "Reject"}, {@code "BeginMaintenance"}
 * @param eventDetails null when the terminal gave none
 */
public record EventNotification(
    Instant timeStamp,
    String eventToNotify,
    @Nullable String eventDetails,
    boolean maintenanceRequired)
    implements NexoRequest {
  /** Checks the fields are present. */
  public EventNotification {
    Objects.requireNonNull(timeStamp, "timeStamp");
    Objects.requireNonNull(eventToNotify, "eventToNotify");
  }

  @Override
  public MessageCategory category() {
    return MessageCategory.Event;
  }
}
