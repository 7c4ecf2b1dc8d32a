package io.ambientretail.core;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The envelope of everything that happens in a store: a time-ordered id, the store, when it
 * happened, when the SDK recorded it, its type and a typed payload.
 *
 * <p>{@code occurredAt} is the time at the source (a device's timestamp, a gateway's answer);
 * {@code recordedAt} is when it entered the SDK. Payloads should be immutable.
 *
 * @param id the time-ordered event id
 * @param store the store the event belongs to
 * @param occurredAt when it happened at its source
 * @param recordedAt when the SDK recorded it
 * @param type the event type
 * @param payload the payload, an instance of {@code type.payloadType()}
 * @param <P> the payload type
 */
public record StoreEvent<P>(
    EventId id,
    StoreId store,
    Instant occurredAt,
    Instant recordedAt,
    EventType<P> type,
    P payload) {
  private static final EventId.Generator DEFAULT_IDS = new EventId.Generator(Clock.systemUTC());

  /** Checks that no field is null and that the payload matches the type. */
  public StoreEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(recordedAt, "recordedAt");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
    if (!type.payloadType().isInstance(payload)) {
      throw new IllegalArgumentException(
          "payload of "
              + type
              + " must be a "
              + type.payloadType().getName()
              + ", was a "
              + payload.getClass().getName());
    }
  }

  /**
   * An event that occurred and was recorded now, by {@code clock}, with an id from a shared
   * generator. Use {@link #of(EventId.Generator, StoreId, Instant, EventType, Object, Clock)} to
   * control ids, for example in replay.
   */
  public static <P> StoreEvent<P> of(StoreId store, EventType<P> type, P payload, Clock clock) {
    Instant now = clock.instant();
    return new StoreEvent<>(DEFAULT_IDS.next(), store, now, now, type, payload);
  }

  /** An event with ids from {@code ids}, that occurred at {@code occurredAt}, recorded now. */
  public static <P> StoreEvent<P> of(
      EventId.Generator ids,
      StoreId store,
      Instant occurredAt,
      EventType<P> type,
      P payload,
      Clock clock) {
    return new StoreEvent<>(ids.next(), store, occurredAt, clock.instant(), type, payload);
  }
}
