package io.ambientretail.devices.coldchain;

import io.ambientretail.devices.DeviceEvent;
import io.ambientretail.devices.Temperature;
import io.ambientretail.devices.TemperatureEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The cold-chain rules of a store's zones, as a small engine the store drives: feed it the
 * temperature readings ({@link #accept(DeviceEvent)} or {@link #reading}), tell it of door openings
 * ({@link #doorOpened}), and call {@link #tick(Instant)} every few seconds so that allowances and
 * silent sensors are judged even when no reading comes. A breach calls {@link
 * ColdChainActions#breach} once; the zone stays locked until {@link #release} with a {@link
 * Disposition}. Every reading also goes into a HACCP log: per zone and interval, the lowest and
 * highest temperature and the number of readings ({@link #haccpCsv}).
 *
 * <p>Time comes only from the callers' instants (the devices' clock), so a replay gives the same
 * decisions. Thread-safe (one lock).
 */
public final class ColdChainEngine {
  /** Where a zone stands. */
  public enum State {
    /** Within its rule (or above the limit for less than its allowance). */
    OK,
    /** Above the limit, allowance running. */
    WARM,
    /** Breached: locked (door or SKUs) until released with a disposition. */
    LOCKED
  }

  /**
   * A zone's state for a dashboard.
   *
   * @param zone the zone
   * @param state where it stands
   * @param last the last temperature read (the warmest sensor's), or null before any
   * @param lastAt when it was read, or null
   * @param warmSince since when it is above the limit, or null
   * @param reason why it is locked, else empty
   */
  public record ZoneStatus(
      String zone,
      State state,
      @Nullable Temperature last,
      @Nullable Instant lastAt,
      @Nullable Instant warmSince,
      String reason) {}

  /**
   * One HACCP log row: a zone's readings in one interval.
   *
   * @param zone the zone
   * @param from the interval's start
   * @param min the lowest temperature read
   * @param max the highest temperature read
   * @param readings how many readings
   */
  public record HaccpRow(
      String zone, Instant from, Temperature min, Temperature max, long readings) {}

  private final class Zone {
    final ColdChainRule rule;
    final Map<String, Temperature> bySensor = new LinkedHashMap<>();
    State state = State.OK;
    @Nullable Temperature last;
    @Nullable Instant lastAt;
    @Nullable Instant warmSince;
    @Nullable Instant restockAt;
    String reason = "";
    final TreeMap<Instant, long[]> log = new TreeMap<>(); // from -> {min, max, count}

    Zone(ColdChainRule rule) {
      this.rule = rule;
    }
  }

  private final Map<String, Zone> zones = new LinkedHashMap<>();
  private final Map<String, Zone> bySensor = new LinkedHashMap<>();
  private final ColdChainActions actions;
  private final Duration logInterval;
  private final Instant started;

  /**
   * An engine for {@code rules}, logging per {@code logInterval} (e.g. 15 min), from {@code now}.
   *
   * @throws IllegalArgumentException if two zones share an id or a sensor
   */
  public ColdChainEngine(
      List<ColdChainRule> rules, ColdChainActions actions, Duration logInterval, Instant now) {
    this.actions = Objects.requireNonNull(actions, "actions");
    if (logInterval.toSeconds() < 1) {
      throw new IllegalArgumentException("log interval must be at least 1 s, was " + logInterval);
    }
    this.logInterval = logInterval;
    this.started = Objects.requireNonNull(now, "now");
    for (ColdChainRule r : rules) {
      Zone z = new Zone(r);
      if (zones.put(r.zone(), z) != null) {
        throw new IllegalArgumentException("zone " + r.zone() + " is given twice");
      }
      for (String s : r.sensors()) {
        if (bySensor.put(s, z) != null) {
          throw new IllegalArgumentException("sensor " + s + " is in two zones");
        }
      }
    }
  }

  /** Feeds a device event: temperature readings are used, everything else is ignored. */
  public void accept(DeviceEvent event) {
    if (event instanceof TemperatureEvent t) {
      reading(t.sensor(), t.temperature(), t.at());
    }
  }

  /** A reading of {@code sensor}; a sensor of no zone is ignored. */
  public synchronized void reading(String sensor, Temperature t, Instant at) {
    Zone z = bySensor.get(sensor);
    if (z == null) {
      return;
    }
    z.bySensor.put(sensor, t);
    Temperature warmest = t;
    for (Temperature x : z.bySensor.values()) {
      if (x.isAbove(warmest)) {
        warmest = x;
      }
    }
    z.last = warmest;
    z.lastAt = at;
    log(z, t, at);
    if (z.state != State.LOCKED) {
      if (warmest.isAbove(z.rule.limit())) {
        if (z.warmSince == null) {
          z.warmSince = at;
          z.state = State.WARM;
        }
      } else {
        z.warmSince = null;
        z.state = State.OK;
      }
    }
    judge(z, at);
  }

  /**
   * The zone's door was opened; {@code restock} when staff opened it to restock (longer allowance).
   */
  public synchronized void doorOpened(String zone, boolean restock, Instant at) {
    Zone z = zone(zone);
    if (restock) {
      z.restockAt = at;
    }
  }

  /** Judges allowances and silent sensors at {@code now}; call it every few seconds. */
  public synchronized void tick(Instant now) {
    for (Zone z : zones.values()) {
      judge(z, now);
    }
  }

  private void judge(Zone z, Instant now) {
    if (z.state == State.LOCKED) {
      return;
    }
    Instant heard = z.lastAt != null ? z.lastAt : started;
    if (Duration.between(heard, now).compareTo(z.rule.sensorSilence()) > 0) {
      lock(
          z,
          "no reading for more than " + z.rule.sensorSilence().toSeconds() + " s (sensor silent)");
      return;
    }
    if (z.warmSince == null) {
      return;
    }
    // a warm spell that began within the restock window after a restock door-open (the warm air
    // let in, the warm stock put in) gets the longer allowance for its whole length
    boolean restocking =
        z.restockAt != null
            && !z.warmSince.isBefore(z.restockAt)
            && Duration.between(z.restockAt, z.warmSince).compareTo(z.rule.restockWindow()) <= 0;
    Duration allowed = restocking ? z.rule.restockAllowance() : z.rule.allowance();
    Duration warm = Duration.between(z.warmSince, now);
    if (warm.compareTo(allowed) > 0) {
      lock(
          z,
          "above "
              + z.rule.limit()
              + " for "
              + warm.toSeconds()
              + " s, allowance "
              + allowed.toSeconds()
              + " s"
              + (restocking ? " (restock)" : "")
              + "; last "
              + z.last);
    }
  }

  private void lock(Zone z, String reason) {
    z.state = State.LOCKED;
    z.reason = reason;
    actions.breach(z.rule, reason);
  }

  /**
   * Staff release a locked zone with their disposition (kept, or discarded with the write-offs).
   *
   * @throws IllegalStateException if the zone is not locked
   * @throws IllegalArgumentException if a write-off names a SKU that is not in the zone
   */
  public synchronized void release(String zone, Disposition disposition) {
    Zone z = zone(zone);
    Objects.requireNonNull(disposition, "disposition");
    if (z.state != State.LOCKED) {
      throw new IllegalStateException("zone " + zone + " is not locked (" + z.state + ")");
    }
    for (String sku : disposition.writeOffs().keySet()) {
      if (!z.rule.skus().contains(sku)) {
        throw new IllegalArgumentException("SKU " + sku + " is not kept in zone " + zone);
      }
    }
    actions.released(z.rule, disposition);
    z.state = State.OK;
    z.reason = "";
    z.warmSince = null;
    z.restockAt = null;
    if (z.last != null && z.last.isAbove(z.rule.limit()) && z.lastAt != null) {
      z.warmSince = z.lastAt; // still warm: the allowance starts again from the last reading
      z.state = State.WARM;
    }
  }

  /** Every zone's status, in the order of the rules. */
  public synchronized List<ZoneStatus> status() {
    List<ZoneStatus> out = new ArrayList<>();
    for (Zone z : zones.values()) {
      out.add(new ZoneStatus(z.rule.zone(), z.state, z.last, z.lastAt, z.warmSince, z.reason));
    }
    return out;
  }

  /** True while {@code sku} is in a locked zone (the kiosk refuses it, a walk-out pick is held). */
  public synchronized boolean isLocked(String sku) {
    for (Zone z : zones.values()) {
      if (z.state == State.LOCKED && z.rule.skus().contains(sku)) {
        return true;
      }
    }
    return false;
  }

  private Zone zone(String zone) {
    Zone z = zones.get(zone);
    if (z == null) {
      throw new IllegalArgumentException("no zone " + zone + " (have " + zones.keySet() + ")");
    }
    return z;
  }

  private void log(Zone z, Temperature t, Instant at) {
    long step = logInterval.toSeconds();
    Instant from = Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), step) * step);
    long[] row = z.log.computeIfAbsent(from, f -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0});
    row[0] = Math.min(row[0], t.centiCelsius());
    row[1] = Math.max(row[1], t.centiCelsius());
    row[2]++;
    while (z.log.size() > 100_000) {
      z.log.pollFirstEntry(); // bounded: about 3 years of 15-minute rows per zone
    }
  }

  /** The HACCP log rows, zone by zone, oldest first. */
  public synchronized List<HaccpRow> haccpLog() {
    List<HaccpRow> out = new ArrayList<>();
    for (Zone z : zones.values()) {
      z.log.forEach(
          (from, r) ->
              out.add(
                  new HaccpRow(
                      z.rule.zone(),
                      from,
                      Temperature.ofCentiCelsius(r[0]),
                      Temperature.ofCentiCelsius(r[1]),
                      r[2])));
    }
    return out;
  }

  /**
   * The HACCP log as CSV: {@code zone,from,to,min_c,max_c,readings,limit_c} with times in ISO 8601
   * UTC and temperatures in degrees Celsius with two decimals; one row per zone and interval.
   */
  public synchronized String haccpCsv() {
    StringBuilder sb = new StringBuilder("zone,from,to,min_c,max_c,readings,limit_c\n");
    DateTimeFormatter iso = DateTimeFormatter.ISO_INSTANT.withZone(ZoneOffset.UTC);
    for (HaccpRow r : haccpLog()) {
      sb.append(csv(r.zone()))
          .append(',')
          .append(iso.format(r.from()))
          .append(',')
          .append(iso.format(r.from().plus(logInterval)))
          .append(',')
          .append(r.min().celsius().toPlainString())
          .append(',')
          .append(r.max().celsius().toPlainString())
          .append(',')
          .append(r.readings())
          .append(',')
          .append(zones.get(r.zone()).rule.limit().celsius().toPlainString())
          .append('\n');
    }
    return sb.toString();
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n")
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }
}
