package io.ambientretail.store.engine;

import io.ambientretail.store.config.StoreConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Device health: a device in sdk-devices' registry (see {@link #attach}) is online when the
 * registry reports it online; any other device when heard within the timeout. Uptime is the share
 * of periodic samples in which it was online. Thread-safe.
 */
public final class DeviceHealth {
  /** One device's health. */
  public record Status(
      String id, String type, String driver, boolean online, long lastSeenMs, double uptime) {}

  private static final class State {
    final StoreConfig.Device device;
    long lastSeen = -1;
    long samples;
    long onlineSamples;

    State(StoreConfig.Device device) {
      this.device = device;
    }
  }

  private final Map<String, State> devices = new LinkedHashMap<>();
  private java.util.function.Supplier<Map<String, Boolean>> registry = Map::of;
  private final Clock clock;
  private final long timeoutMs;

  /** Health of the configured devices; offline after {@code timeoutMs} without a heartbeat. */
  public DeviceHealth(List<StoreConfig.Device> config, Clock clock, long timeoutMs) {
    this.clock = clock;
    this.timeoutMs = timeoutMs;
    long now = clock.millis();
    for (StoreConfig.Device d : config) {
      State s = new State(d);
      s.lastSeen = now;
      devices.put(d.id(), s);
    }
  }

  /**
   * Takes the health of the devices {@code online} reports (device id to online now) from it, for
   * example sdk-devices' registry; their heartbeats are then ignored.
   */
  public synchronized void attach(java.util.function.Supplier<Map<String, Boolean>> online) {
    this.registry = online;
  }

  /** A heartbeat or any data from a device (ignored for devices the registry reports on). */
  public synchronized void seen(String deviceId) {
    State s = devices.get(deviceId);
    if (s != null && !registry.get().containsKey(deviceId)) {
      s.lastSeen = clock.millis();
    }
  }

  /** Takes one uptime sample of every device; returns the ids now offline. */
  public synchronized List<String> sample() {
    long now = clock.millis();
    Map<String, Boolean> reported = registry.get();
    List<String> offline = new ArrayList<>();
    for (State s : devices.values()) {
      Boolean r = reported.get(s.device.id());
      if (Boolean.TRUE.equals(r)) {
        s.lastSeen = now;
      }
      boolean on = r != null ? r : now - s.lastSeen <= timeoutMs;
      s.samples++;
      if (on) {
        s.onlineSamples++;
      } else {
        offline.add(s.device.id());
      }
    }
    return offline;
  }

  /** The health of every device. */
  public synchronized List<Status> statuses() {
    long now = clock.millis();
    Map<String, Boolean> reported = registry.get();
    List<Status> out = new ArrayList<>();
    for (State s : devices.values()) {
      Boolean r = reported.get(s.device.id());
      out.add(
          new Status(
              s.device.id(),
              s.device.type(),
              s.device.driver(),
              r != null ? r : now - s.lastSeen <= timeoutMs,
              s.lastSeen,
              s.samples == 0 ? 1.0 : (double) s.onlineSamples / s.samples));
    }
    return out;
  }

  /** Mean uptime over all devices, 0 to 1. */
  public synchronized double meanUptime() {
    return statuses().stream().mapToDouble(Status::uptime).average().orElse(1.0);
  }
}
