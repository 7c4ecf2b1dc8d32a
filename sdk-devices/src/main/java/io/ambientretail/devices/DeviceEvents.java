package io.ambientretail.devices;

import io.ambientretail.core.EventType;

/**
 * The sdk-core event bus types under which devices publish their events, one per event class, so
 * subscribers get typed payloads: {@code bus.subscribe(DeviceEvents.WEIGHT, e -> ...)}.
 */
public final class DeviceEvents {
  /** Barcode scans: {@code device.scan}. */
  public static final EventType<ScanEvent> SCAN = EventType.of("device.scan", ScanEvent.class);

  /** Scale weights: {@code device.weight}. */
  public static final EventType<WeightEvent> WEIGHT =
      EventType.of("device.weight", WeightEvent.class);

  /** Shelf lane readings: {@code device.lane}. */
  public static final EventType<LaneEvent> LANE = EventType.of("device.lane", LaneEvent.class);

  /** Card present/removed: {@code device.card}. */
  public static final EventType<CardEvent> CARD = EventType.of("device.card", CardEvent.class);

  /** Door lock and sensor changes: {@code device.door}. */
  public static final EventType<DoorEvent> DOOR = EventType.of("device.door", DoorEvent.class);

  /** Temperature readings: {@code device.temperature}. */
  public static final EventType<TemperatureEvent> TEMPERATURE =
      EventType.of("device.temperature", TemperatureEvent.class);

  /** Device errors: {@code device.error}. */
  public static final EventType<ErrorEvent> ERROR = EventType.of("device.error", ErrorEvent.class);

  /** Device status changes: {@code device.status}. */
  public static final EventType<StatusEvent> STATUS =
      EventType.of("device.status", StatusEvent.class);

  private DeviceEvents() {}

  /** The bus type for {@code event}'s class. */
  public static EventType<? extends DeviceEvent> typeOf(DeviceEvent event) {
    if (event instanceof ScanEvent) {
      return SCAN;
    } else if (event instanceof WeightEvent) {
      return WEIGHT;
    } else if (event instanceof LaneEvent) {
      return LANE;
    } else if (event instanceof CardEvent) {
      return CARD;
    } else if (event instanceof DoorEvent) {
      return DOOR;
    } else if (event instanceof TemperatureEvent) {
      return TEMPERATURE;
    } else if (event instanceof ErrorEvent) {
      return ERROR;
    }
    return STATUS;
  }
}
