package io.ambientretail.devices;

import io.ambientretail.core.DeviceId;
import io.ambientretail.devices.internal.Backoff;
import io.ambientretail.devices.internal.BuiltInDrivers;
import io.ambientretail.devices.transport.Connector;
import io.ambientretail.devices.transport.FrameLimits;
import io.ambientretail.devices.transport.SerialConnector;
import io.ambientretail.devices.transport.SerialSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The devices of one store, built from {@link DeviceConfig}s (read from YAML or JSON), started
 * together and asked for their health. Not a global registry: a store makes one and closes it.
 *
 * <pre>{@code
 * try (DeviceRegistry devices = DeviceRegistry.builder().options(options).build()) {
 *   devices.addAll(DeviceConfig.parseYaml(Files.readString(path)));
 *   devices.startAll();            // open, claim, enable; failures reported per device
 *   devices.health();              // {scale-1=ONLINE, shelf-1=RECONNECTING, ...}
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class DeviceRegistry implements AutoCloseable {
  private final DeviceOptions options;
  private final @Nullable Function<String, Connector> memoryLines;
  private final Map<DeviceId, Device> devices = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<DeviceId, DeviceConfig> configs =
      Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<DeviceId, String> failures = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<DeviceId, String> retrying = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<DeviceId, Backoff> retryBackoff =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, DeviceDriver> drivers;
  private final Duration retryInitial;
  private final Duration retryMax;
  private @Nullable ScheduledExecutorService retries;
  private volatile boolean closed;

  private DeviceRegistry(Builder b) {
    this.options = b.options;
    this.memoryLines = b.memoryLines;
    this.retryInitial = b.retryInitial;
    this.retryMax = b.retryMax;
    Map<String, DeviceDriver> all = new LinkedHashMap<>();
    Map<String, String> from = new LinkedHashMap<>();
    for (DeviceDriver d : BuiltInDrivers.all()) {
      all.put(d.name(), d);
      from.put(d.name(), "the SDK");
    }
    List<DeviceDriver> plugged = new ArrayList<>();
    if (b.serviceLoader != null) {
      for (DeviceDriver d : ServiceLoader.load(DeviceDriver.class, b.serviceLoader)) {
        plugged.add(d);
      }
    }
    plugged.addAll(b.drivers);
    for (DeviceDriver d : plugged) {
      String name = d.name();
      if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,63}")) {
        throw new IllegalStateException(
            d.getClass().getName() + " has an invalid driver name '" + name + "'");
      }
      if (all.containsKey(name)) {
        throw new IllegalStateException(
            "driver '"
                + name
                + "' of "
                + d.getClass().getName()
                + " is already provided by "
                + from.get(name));
      }
      all.put(name, d);
      from.put(name, d.getClass().getName());
    }
    this.drivers = Map.copyOf(all);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a device from {@code config} and adds it (closed).
   *
   * @throws DeviceConfigException if the id is taken or the transport cannot be made
   */
  public Device add(DeviceConfig config) {
    Objects.requireNonNull(config, "config");
    if (devices.containsKey(config.id())) {
      throw new DeviceConfigException(
          config.line(), "device id '" + config.id() + "' is used twice");
    }
    Device d = build(config);
    devices.put(config.id(), d);
    configs.put(config.id(), config);
    return d;
  }

  /** Adds every configuration in order. */
  public List<Device> addAll(List<DeviceConfig> all) {
    List<Device> out = new ArrayList<>();
    for (DeviceConfig c : all) {
      out.add(add(c));
    }
    return out;
  }

  private Device build(DeviceConfig c) {
    DeviceOptions.Builder ob =
        DeviceOptions.builder()
            .clock(options.clock())
            .backoff(options.initialBackoff(), options.maxBackoff())
            .backoffJitter(options.backoffJitter())
            .eventQueueCapacity(options.eventQueueCapacity())
            .frameLimits(new FrameLimits(c.maxFrameBytes(), c.frameTimeout()));
    if (options.bus() != null && options.store() != null) {
      ob.bus(options.bus(), options.store());
    }
    if (options.executor() != null) {
      ob.executor(options.executor());
    }
    DeviceOptions o = ob.build();
    DeviceDriver driver = drivers.get(c.driver());
    if (driver == null) {
      throw new DeviceConfigException(
          c.line(),
          c.id()
              + ": unknown driver '"
              + c.driver()
              + "' (known: "
              + new java.util.TreeSet<>(drivers.keySet())
              + "; plug one in with a DeviceDriver listed in META-INF/services)");
    }
    Device d =
        driver.create(
            c,
            new DeviceDriver.Context() {
              @Override
              public DeviceOptions options() {
                return o;
              }

              @Override
              public Connector connector() {
                return DeviceRegistry.this.connector(c);
              }
            });
    if (d == null || !d.id().equals(c.id())) {
      throw new DeviceConfigException(
          c.line(), c.id() + ": driver " + driver + " built " + d + ", not device " + c.id());
    }
    return d;
  }

  /** The driver names this registry can build, built-in and plugged in. */
  public java.util.Set<String> drivers() {
    return java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(drivers.keySet()));
  }

  private Connector connector(DeviceConfig c) {
    if (c.transport().equals("memory")) {
      if (memoryLines == null) {
        throw new DeviceConfigException(
            c.line(), c.id() + ": transport memory needs DeviceRegistry.Builder.memoryLines(...)");
      }
      return memoryLines.apply(c.port());
    }
    return SerialConnector.of(
        SerialSettings.builder(c.port())
            .baud(c.baud())
            .dataBits(c.dataBits())
            .parity(c.parity())
            .stopBits(c.stopBits())
            .flowControl(c.flowControl())
            .build());
  }

  /** The device with {@code id}, or null. */
  public @Nullable Device device(DeviceId id) {
    return devices.get(id);
  }

  /** Every device, in the order added. */
  public List<Device> devices() {
    synchronized (devices) {
      return List.copyOf(devices.values());
    }
  }

  /**
   * Opens, claims (with each device's claim timeout) and enables every closed device, the others
   * starting regardless of one that fails. A device whose claim failed for a transport reason (the
   * port is not there yet, the reader is unplugged, the cable is loose) is retried in the
   * background with backoff (the builder's {@link Builder#claimRetry}, with jitter) until it
   * starts, reporting {@link DeviceHealth#RECONNECTING} meanwhile; a device whose start failed in a
   * way retrying cannot fix (a configuration the driver refuses) reports {@link
   * DeviceHealth#FAILED}.
   *
   * @return the devices that failed to start on this first attempt, with the reason; empty when all
   *     started
   */
  public Map<DeviceId, String> startAll() {
    Map<DeviceId, String> failed = new LinkedHashMap<>();
    for (Device d : devices()) {
      String why = tryStart(d);
      if (why != null) {
        failed.put(d.id(), why);
      }
    }
    return failed;
  }

  /** Starts {@code d}; null when it started, else the reason (and a retry is scheduled). */
  private @Nullable String tryStart(Device d) {
    DeviceConfig c = configs.get(d.id());
    try {
      if (d.state() == DeviceState.CLOSED) {
        d.open();
      }
      if (d.state() == DeviceState.OPENED) {
        d.claim(c.claimTimeout());
      }
      if (d.state() == DeviceState.CLAIMED) {
        d.enable();
      }
      failures.remove(d.id());
      retrying.remove(d.id());
      retryBackoff.remove(d.id());
      return null;
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      retrying.put(d.id(), why);
      scheduleRetry(d);
      return why;
    } catch (RuntimeException e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      failures.put(d.id(), why);
      retrying.remove(d.id());
      return why;
    }
  }

  private synchronized void scheduleRetry(Device d) {
    if (closed) {
      return;
    }
    if (retries == null) {
      retries =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "ambient-device-retry");
                t.setDaemon(true);
                return t;
              });
    }
    Backoff b =
        retryBackoff.computeIfAbsent(
            d.id(),
            id ->
                new Backoff(
                    retryInitial,
                    retryMax,
                    options.backoffJitter(),
                    java.util.concurrent.ThreadLocalRandom.current()));
    long delay;
    synchronized (b) {
      delay = b.nextNanos();
    }
    retries.schedule(
        () -> {
          if (!closed && retrying.containsKey(d.id())) {
            tryStart(d);
          }
        },
        delay,
        TimeUnit.NANOSECONDS);
  }

  /**
   * Each device's health; a device waiting for its next start attempt reports {@link
   * DeviceHealth#RECONNECTING}, one whose start cannot succeed {@link DeviceHealth#FAILED}.
   */
  public Map<DeviceId, DeviceHealth> health() {
    Map<DeviceId, DeviceHealth> out = new LinkedHashMap<>();
    for (Device d : devices()) {
      out.put(
          d.id(),
          failures.containsKey(d.id())
              ? DeviceHealth.FAILED
              : retrying.containsKey(d.id()) ? DeviceHealth.RECONNECTING : d.health());
    }
    return out;
  }

  /**
   * Why devices are not running now: the last start failure of each device that failed for good or
   * is being retried; empty when every device started.
   */
  public Map<DeviceId, String> problems() {
    Map<DeviceId, String> out = new LinkedHashMap<>();
    synchronized (retrying) {
      out.putAll(retrying);
    }
    synchronized (failures) {
      out.putAll(failures);
    }
    return out;
  }

  /** Closes every device (releasing ports and readers). */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (retries != null) {
        retries.shutdownNow();
        retries = null;
      }
    }
    for (Device d : devices()) {
      d.close();
    }
  }

  /** Builds a {@link DeviceRegistry}; not thread-safe. */
  public static final class Builder {
    private DeviceOptions options = DeviceOptions.defaults();
    private @Nullable Function<String, Connector> memoryLines;
    private final List<DeviceDriver> drivers = new ArrayList<>();
    private @Nullable ClassLoader serviceLoader = DeviceRegistry.class.getClassLoader();
    private Duration retryInitial = Duration.ofSeconds(1);
    private Duration retryMax = Duration.ofMinutes(1);

    private Builder() {}

    /** Adds a driver besides the built-in ones and those found by {@link ServiceLoader}. */
    public Builder driver(DeviceDriver driver) {
      drivers.add(Objects.requireNonNull(driver, "driver"));
      return this;
    }

    /**
     * Where {@link ServiceLoader} looks for {@link DeviceDriver}s (default: the SDK's class loader,
     * i.e. the class path), or null to load none.
     */
    public Builder driverClassLoader(@Nullable ClassLoader loader) {
      this.serviceLoader = loader;
      return this;
    }

    /**
     * How long to wait before trying again to start a device that failed to claim: {@code initial}
     * doubling up to {@code max}, with the options' jitter (default 1 s doubling to 1 min).
     */
    public Builder claimRetry(Duration initial, Duration max) {
      if (initial.isNegative() || initial.isZero() || initial.compareTo(max) > 0) {
        throw new IllegalArgumentException(
            "claim retry must be 0 < initial <= max, was " + initial + " and " + max);
      }
      this.retryInitial = initial;
      this.retryMax = max;
      return this;
    }

    /**
     * Options every device shares (clock, bus, executor, backoff); framing limits come from each
     * device's configuration.
     */
    public Builder options(DeviceOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Resolves {@code transport: memory} ports (line names) to connectors, e.g. for a demo. */
    public Builder memoryLines(Function<String, Connector> lines) {
      this.memoryLines = Objects.requireNonNull(lines, "lines");
      return this;
    }

    /** Builds the registry, empty. */
    public DeviceRegistry build() {
      return new DeviceRegistry(this);
    }
  }
}
