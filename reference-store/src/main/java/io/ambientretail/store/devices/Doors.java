package io.ambientretail.store.devices;

import io.ambientretail.core.DeviceId;
import io.ambientretail.devices.Device;
import io.ambientretail.devices.DeviceRegistry;
import io.ambientretail.devices.lock.DoorLock;
import io.ambientretail.store.config.StoreConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The walk-out store's entry door and exit gate: the first {@code door-lock} device of {@code
 * store.yaml} is the entry door, the first {@code gate} the exit gate, both {@link DoorLock}s in
 * the device registry. A door is released for {@link #OPEN} and only counts as open once its relay
 * acknowledged within {@link #ACK}; anything else is {@link Outcome#FAILED} and the relay stays
 * locked (it is fail-secure). Thread-safe.
 */
public final class Doors {
  /** How long a door stays released after an acknowledged unlock. */
  public static final Duration OPEN = Duration.ofSeconds(5);

  /** How long to wait for a relay's acknowledgement. */
  public static final Duration ACK = Duration.ofSeconds(1);

  /** What happened when a door was asked to open. */
  public enum Outcome {
    /** The relay acknowledged the unlock. */
    OPENED,
    /** No such door is configured: nothing to command. */
    NO_DOOR,
    /** The relay refused, did not acknowledge, or is not connected: the door stays locked. */
    FAILED
  }

  /** The outcome of one door command; {@code deviceId} and {@code reason} are empty when unused. */
  public record Result(Outcome outcome, String deviceId, String reason) {
    /** Checks the parts. */
    public Result {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(deviceId, "deviceId");
      Objects.requireNonNull(reason, "reason");
    }

    /** True unless a configured door failed to open. */
    public boolean ok() {
      return outcome != Outcome.FAILED;
    }
  }

  private final DeviceRegistry registry;
  private final @Nullable String entry;
  private final @Nullable String exit;

  private Doors(DeviceRegistry registry, @Nullable String entry, @Nullable String exit) {
    this.registry = registry;
    this.entry = entry;
    this.exit = exit;
  }

  /** The doors of {@code config}, commanded through the devices' registry. */
  public static Doors of(StoreConfig config, StoreDevices devices) {
    return new Doors(
        devices.registry(), firstOfType(config, "door-lock"), firstOfType(config, "gate"));
  }

  private static @Nullable String firstOfType(StoreConfig config, String type) {
    return config.devices().stream()
        .filter(d -> d.type().toLowerCase(Locale.ROOT).equals(type))
        .map(StoreConfig.Device::id)
        .findFirst()
        .orElse(null);
  }

  /** Releases the entry door for an admitted shopper; blocks up to {@link #ACK}. */
  public Result unlockEntry() {
    return unlock(entry);
  }

  /** Opens the exit gate, when one is configured; blocks up to {@link #ACK}. */
  public Result openExit() {
    return unlock(exit);
  }

  /** True when an exit gate is configured. */
  public boolean hasExitGate() {
    return exit != null;
  }

  private Result unlock(@Nullable String id) {
    if (id == null) {
      return new Result(Outcome.NO_DOOR, "", "");
    }
    Device d = registry.device(DeviceId.of(id));
    if (!(d instanceof DoorLock lock)) {
      return new Result(Outcome.FAILED, id, "not a door lock in the device registry");
    }
    try {
      lock.unlock(OPEN, ACK);
      return new Result(Outcome.OPENED, id, "");
    } catch (IOException | RuntimeException e) {
      return new Result(
          Outcome.FAILED,
          id,
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }
}
