package io.ambientretail.devices.modbus;

import io.ambientretail.core.DeviceId;
import io.ambientretail.devices.Device;
import io.ambientretail.devices.DeviceErrors;
import io.ambientretail.devices.DeviceHealth;
import io.ambientretail.devices.DeviceKind;
import io.ambientretail.devices.DeviceListener;
import io.ambientretail.devices.DeviceOptions;
import io.ambientretail.devices.DeviceState;
import io.ambientretail.devices.DeviceStateException;
import io.ambientretail.devices.DeviceStatistics;
import io.ambientretail.devices.DeviceTimeoutException;
import io.ambientretail.devices.HealthCheckLevel;
import io.ambientretail.devices.HealthReport;
import io.ambientretail.devices.StatusEvent;
import io.ambientretail.devices.Temperature;
import io.ambientretail.devices.TemperatureEvent;
import io.ambientretail.devices.internal.Attachment;
import io.ambientretail.devices.internal.Backoff;
import io.ambientretail.devices.internal.DeviceCore;
import io.ambientretail.devices.internal.ModbusRtu;
import io.ambientretail.devices.internal.Raw;
import io.ambientretail.devices.transport.ByteLink;
import io.ambientretail.devices.transport.Connector;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The temperature sensors of fridge and freezer controllers on one Modbus RTU serial line (RS-485,
 * one master, up to 247 units): the SDK is the master and polls each configured sensor's register
 * at a fixed interval, one request at a time as the bus needs, and reports each reading as a {@link
 * TemperatureEvent}.
 *
 * <pre>{@code
 * ModbusTemperatureSensors fridges =
 *     ModbusTemperatureSensors.builder(DeviceId.of("fridges"),
 *             SerialConnector.of(SerialSettings.builder("/dev/ttyUSB2").baud(9600)
 *                 .parity(Parity.EVEN).build()))
 *         .sensor("fridge-1", 1, Register.INPUT, 1, 10)     // unit 1, input register 1, tenths °C
 *         .sensor("freezer-1", 2, Register.HOLDING, 256, 10)
 *         .pollInterval(Duration.ofSeconds(1))
 *         .build();
 * }</pre>
 *
 * <p>A register holds a signed 16-bit value in {@code 1/scale} degrees (scale 1, 10 or 100),
 * Celsius unless {@link Builder#fahrenheit()}; {@code 0x7FFF} and {@code 0x8000}, which controllers
 * send for a broken or missing probe, are reported as {@code SENSOR_FAULT} errors, not
 * temperatures. A bad CRC, a wrong length, an exception response or no answer within the response
 * timeout is an error event naming the unit and the sensor; when no sensor has answered for {@link
 * Builder#silenceLimit(Duration)} the line is {@code UNRESPONSIVE}. The line reconnects by itself
 * like every serial device.
 *
 * <p>Thread-safe.
 */
public final class ModbusTemperatureSensors implements Device {
  /** Which register table a sensor's value is in. */
  public enum Register {
    /** Input registers, read with function 04. */
    INPUT,
    /** Holding registers, read with function 03. */
    HOLDING
  }

  /**
   * One sensor on the line.
   *
   * @param name the name events carry (e.g. {@code fridge-1})
   * @param unit the Modbus unit (slave) address, 1..247
   * @param register which register table
   * @param address the register address, 0..65535 (the address on the wire, not a 3xxxx number)
   * @param scale register units per degree: 1, 10 or 100
   */
  public record Sensor(String name, int unit, Register register, int address, int scale) {
    /** Checks the values. */
    public Sensor {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(register, "register");
      if (name.isEmpty() || name.length() > 64) {
        throw new IllegalArgumentException(
            "sensor name must be 1..64 characters, was '" + name + "'");
      }
      if (unit < 1 || unit > 247) {
        throw new IllegalArgumentException(name + ": unit must be 1..247, was " + unit);
      }
      if (address < 0 || address > 0xFFFF) {
        throw new IllegalArgumentException(name + ": address must be 0..65535, was " + address);
      }
      if (scale != 1 && scale != 10 && scale != 100) {
        throw new IllegalArgumentException(name + ": scale must be 1, 10 or 100, was " + scale);
      }
    }
  }

  private final DeviceCore core;
  private final List<Sensor> sensors;
  private final Map<String, Sensor> byName = new LinkedHashMap<>();
  private final Duration pollInterval;
  private final Duration responseTimeout;
  private final Duration silenceLimit;
  private final boolean fahrenheit;
  private volatile @Nullable Poller poller;

  private ModbusTemperatureSensors(Builder b) {
    this.sensors = List.copyOf(b.sensors);
    for (Sensor s : sensors) {
      byName.put(s.name(), s);
    }
    this.pollInterval = b.pollInterval;
    this.responseTimeout = b.responseTimeout;
    this.silenceLimit =
        b.silenceLimit != null
            ? b.silenceLimit
            : max(pollInterval.multipliedBy(5), Duration.ofSeconds(3));
    this.fahrenheit = b.fahrenheit;
    Connector connector = b.connector;
    this.core =
        new DeviceCore(
            b.id,
            DeviceKind.TEMPERATURE,
            b.options,
            c -> {
              Poller p = new Poller(c, connector);
              poller = p;
              return p;
            });
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** A builder for a line reached through {@code connector}. */
  public static Builder builder(DeviceId id, Connector connector) {
    return new Builder(id, connector);
  }

  /** The sensors, in polling order. */
  public List<Sensor> sensors() {
    return sensors;
  }

  /**
   * Reads {@code sensor} now (between polls, on the line's own thread) and returns its temperature;
   * the reading is also reported as an event.
   *
   * @throws IllegalArgumentException if there is no such sensor
   * @throws DeviceTimeoutException if the controller did not answer within the response timeout (or
   *     {@code timeout}, when shorter)
   * @throws ModbusException for a bad frame or an exception response
   * @throws IOException if the line is down or the sensor reports a fault
   */
  public Temperature read(String sensor, Duration timeout) throws IOException {
    Sensor s = byName.get(sensor);
    if (s == null) {
      throw new IllegalArgumentException(
          "no sensor '" + sensor + "' (have " + byName.keySet() + ")");
    }
    Poller p = poller;
    DeviceState st = core.state();
    if (p == null || st == DeviceState.OPENED || st == DeviceState.CLOSED) {
      throw new DeviceStateException(core.id().value(), "read", st, "claimed");
    }
    return p.ask(s, timeout);
  }

  /** Converts a register value (two's complement) to a temperature, or null for a probe fault. */
  private @Nullable Temperature convert(Sensor s, int raw) {
    if (raw == 0x7FFF || raw == 0x8000) {
      return null;
    }
    int signed = (short) raw;
    int decimals = s.scale() == 1 ? 0 : s.scale() == 10 ? 1 : 2;
    if (fahrenheit) {
      return Temperature.ofFahrenheit(BigDecimal.valueOf(signed, decimals));
    }
    return Temperature.ofCentiCelsius((long) signed * (100 / s.scale()));
  }

  /** The line's I/O thread: connects, polls every sensor each interval, answers {@link #read}. */
  private final class Poller implements Attachment {
    private final DeviceCore c;
    private final Connector connector;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ConcurrentLinkedQueue<Ask> asks = new ConcurrentLinkedQueue<>();
    private final byte[] buf = new byte[ModbusRtu.MAX_FRAME];
    private volatile boolean stopping;
    private volatile @Nullable ByteLink link;
    private boolean everConnected;
    private @Nullable IOException lastConnectError;
    private @Nullable Thread thread;
    private long lastAnswerNanos;

    private record Ask(Sensor sensor, CompletableFuture<Temperature> result) {}

    Poller(DeviceCore c, Connector connector) {
      this.c = c;
      this.connector = connector;
    }

    @Override
    public void start(Duration timeout) throws IOException {
      Thread t = new Thread(this::run, "ambient-modbus-" + c.id());
      t.setDaemon(true);
      thread = t;
      t.start();
      long deadline = System.nanoTime() + timeout.toNanos();
      lock.lock();
      try {
        while (!everConnected) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            IOException last = lastConnectError;
            throw new IOException(
                c.id()
                    + ": could not connect to "
                    + connector.describe()
                    + " within "
                    + timeout.toMillis()
                    + " ms"
                    + (last != null ? ": " + last.getMessage() : ""),
                last);
          }
          changed.awaitNanos(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while claiming " + c.id());
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void stop() {
      stopping = true;
      ByteLink l = link;
      if (l != null) {
        try {
          l.close();
        } catch (IOException ignored) {
          // best effort
        }
      }
      signal();
      Thread t = thread;
      if (t != null && t != Thread.currentThread()) {
        try {
          t.join(5_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      failAsks(new IOException(c.id() + " released"));
    }

    Temperature ask(Sensor s, Duration timeout) throws IOException {
      Ask a = new Ask(s, new CompletableFuture<>());
      asks.add(a);
      signal();
      long wait = Math.min(timeout.toNanos(), responseTimeout.toNanos() * 2 + 1_000_000_000L);
      try {
        return a.result.get(wait, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        asks.remove(a);
        throw new DeviceTimeoutException(
            c.id() + ": no reading of " + s.name() + " within " + timeout.toMillis() + " ms");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted reading " + s.name());
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        throw cause instanceof IOException io ? io : new IOException(cause);
      }
    }

    private void failAsks(IOException why) {
      Ask a;
      while ((a = asks.poll()) != null) {
        a.result.completeExceptionally(why);
      }
    }

    private void signal() {
      lock.lock();
      try {
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    private void run() {
      Backoff backoff =
          new Backoff(
              c.options().initialBackoff(),
              c.options().maxBackoff(),
              c.options().backoffJitter(),
              ThreadLocalRandom.current());
      boolean reported = false;
      @Nullable Instant lostAt = null;
      while (!stopping) {
        ByteLink l;
        try {
          l = connector.connect();
        } catch (IOException e) {
          lock.lock();
          try {
            lastConnectError = e;
          } finally {
            lock.unlock();
          }
          if (everConnected && !reported) {
            c.status(
                StatusEvent.Status.RECONNECTING,
                DeviceHealth.RECONNECTING,
                "retrying " + connector.describe() + " with backoff: " + e.getMessage());
            reported = true;
          }
          waitNanos(backoff.nextNanos());
          continue;
        }
        backoff.reset();
        reported = false;
        link = l;
        c.status(StatusEvent.Status.CONNECTED, DeviceHealth.ONLINE, l.name(), lostAt);
        lostAt = null;
        lock.lock();
        try {
          everConnected = true;
          changed.signalAll();
        } finally {
          lock.unlock();
        }
        try {
          poll(l);
        } catch (IOException e) {
          // the line is gone: reconnect below
        }
        link = null;
        try {
          l.close();
        } catch (IOException ignored) {
          // already gone
        }
        failAsks(new IOException(c.id() + " disconnected"));
        if (!stopping) {
          lostAt = c.status(StatusEvent.Status.DISCONNECTED, DeviceHealth.RECONNECTING, l.name());
          waitNanos(c.options().initialBackoff().toNanos());
        }
      }
    }

    /** Polls until the link fails; answers asks between sensors. */
    private void poll(ByteLink l) throws IOException {
      lastAnswerNanos = System.nanoTime();
      long next = System.nanoTime();
      while (!stopping) {
        if (System.nanoTime() - next >= 0) {
          next += pollInterval.toNanos();
          if (System.nanoTime() - next > 0) {
            next = System.nanoTime() + pollInterval.toNanos(); // fell behind: do not burst
          }
          for (Sensor s : sensors) {
            serveAsks(l);
            if (stopping) {
              return;
            }
            readAndReport(l, s, null);
          }
          if (System.nanoTime() - lastAnswerNanos > silenceLimit.toNanos()) {
            c.unresponsive(
                "no sensor on "
                    + l.name()
                    + " answered for more than "
                    + silenceLimit.toMillis()
                    + " ms");
          }
        }
        serveAsks(l);
        lock.lock();
        try {
          long left = next - System.nanoTime();
          if (left > 0 && asks.isEmpty() && !stopping) {
            changed.awaitNanos(left);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopping = true;
        } finally {
          lock.unlock();
        }
      }
    }

    private void serveAsks(ByteLink l) throws IOException {
      Ask a;
      while ((a = asks.poll()) != null) {
        readAndReport(l, a.sensor, a.result);
      }
    }

    /** One request and its answer; errors become events (and fail the ask), link loss throws. */
    private void readAndReport(
        ByteLink l, Sensor s, @Nullable CompletableFuture<Temperature> result) throws IOException {
      int function = s.register() == Register.INPUT ? ModbusRtu.READ_INPUT : ModbusRtu.READ_HOLDING;
      try {
        int n = exchange(l, ModbusRtu.readRequest(s.unit(), function, s.address(), 1), function, s);
        int[] regs = ModbusRtu.parseReadResponse(buf, 0, n, s.unit(), function, 1);
        c.read();
        lastAnswerNanos = System.nanoTime();
        Temperature t = convert(s, regs[0]);
        if (t == null) {
          IOException fault =
              new IOException(
                  s.name()
                      + " (unit "
                      + s.unit()
                      + ") reports a probe fault ("
                      + String.format(java.util.Locale.ROOT, "%04X", regs[0])
                      + ")");
          c.error(DeviceErrors.SENSOR_FAULT, fault.getMessage(), buf, 0, n, true);
          if (result != null) {
            result.completeExceptionally(fault);
          }
          return;
        }
        c.emit(new TemperatureEvent(c.id(), c.options().clock().instant(), s.name(), t));
        if (result != null) {
          result.complete(t);
        }
      } catch (ModbusException e) {
        if (e.code() != DeviceErrors.FRAME_CHECKSUM && e.code() != DeviceErrors.FRAME_SYNTAX) {
          lastAnswerNanos = System.nanoTime(); // an exception response is an answer
        }
        c.error(e.code(), s.name() + ": " + e.getMessage(), buf, 0, Math.min(buf.length, 8), true);
        if (result != null) {
          result.completeExceptionally(e);
        }
      } catch (DeviceTimeoutException e) {
        c.error(DeviceErrors.MODBUS_TIMEOUT, e.getMessage(), new byte[0], 0, 0, true);
        if (result != null) {
          result.completeExceptionally(e);
        }
      }
    }

    /**
     * Writes a request and reads one response frame into {@link #buf}, framed by its function's
     * length (the master knows what it asked); returns its length.
     */
    private int exchange(ByteLink l, byte[] request, int function, Sensor s) throws IOException {
      l.write(request);
      long deadline = System.nanoTime() + responseTimeout.toNanos();
      int have = 0;
      int need = 0;
      while (true) {
        if (need > 0 && have >= need) {
          return need;
        }
        if (System.nanoTime() - deadline > 0) {
          if (have > 0) {
            throw new ModbusException(
                DeviceErrors.FRAME_SYNTAX,
                "unit "
                    + s.unit()
                    + " sent "
                    + have
                    + " bytes of a "
                    + (need > 0 ? need + "-byte" : "")
                    + " response, then nothing within "
                    + responseTimeout.toMillis()
                    + " ms: "
                    + Raw.show(buf, 0, have, 16),
                have);
          }
          throw new DeviceTimeoutException(
              c.id()
                  + ": "
                  + s.name()
                  + " (unit "
                  + s.unit()
                  + ") did not answer within "
                  + responseTimeout.toMillis()
                  + " ms");
        }
        int room = (need > 0 ? need : buf.length) - have;
        int n = l.read(buf, have, Math.max(1, Math.min(room, buf.length - have)));
        if (n > 0) {
          have += n;
          need = ModbusRtu.responseLength(buf, 0, have, function);
        }
      }
    }

    private void waitNanos(long nanos) {
      lock.lock();
      try {
        long left = nanos;
        while (left > 0 && !stopping) {
          left = changed.awaitNanos(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopping = true;
      } finally {
        lock.unlock();
      }
    }
  }

  @Override
  public DeviceId id() {
    return core.id();
  }

  @Override
  public io.ambientretail.devices.DeviceKind kind() {
    return core.kind();
  }

  @Override
  public DeviceState state() {
    return core.state();
  }

  @Override
  public DeviceHealth health() {
    return core.health();
  }

  @Override
  public void open() {
    core.open();
  }

  @Override
  public void claim(Duration timeout) throws IOException {
    core.claim(timeout);
  }

  @Override
  public void enable() {
    core.enable();
  }

  @Override
  public void disable() {
    core.disable();
  }

  @Override
  public void release() {
    core.release();
  }

  @Override
  public void close() {
    core.close();
  }

  @Override
  public void addListener(DeviceListener listener) {
    core.addListener(listener);
  }

  @Override
  public void removeListener(DeviceListener listener) {
    core.removeListener(listener);
  }

  @Override
  public DeviceStatistics statistics() {
    return core.statistics();
  }

  /** EXTERNAL reads the first sensor now and waits for its answer. */
  @Override
  public HealthReport checkHealth(HealthCheckLevel level, Duration timeout) {
    return core.checkHealth(
        level,
        timeout,
        t -> {
          Sensor s = sensors.get(0);
          return s.name() + " reads " + read(s.name(), t);
        });
  }

  @Override
  public String toString() {
    return "ModbusTemperatureSensors["
        + core.id()
        + " "
        + sensors.size()
        + " sensors "
        + core.state()
        + " "
        + core.health()
        + "]";
  }

  /** Builds a {@link ModbusTemperatureSensors}; not thread-safe. */
  public static final class Builder {
    private final DeviceId id;
    private final Connector connector;
    private final List<Sensor> sensors = new ArrayList<>();
    private DeviceOptions options = DeviceOptions.defaults();
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration responseTimeout = Duration.ofMillis(200);
    private @Nullable Duration silenceLimit;
    private boolean fahrenheit;

    private Builder(DeviceId id, Connector connector) {
      this.id = Objects.requireNonNull(id, "id");
      this.connector = Objects.requireNonNull(connector, "connector");
    }

    /** Shared device options. */
    public Builder options(DeviceOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Adds a sensor (see {@link Sensor}); names must be unique. */
    public Builder sensor(String name, int unit, Register register, int address, int scale) {
      Sensor s = new Sensor(name, unit, register, address, scale);
      for (Sensor o : sensors) {
        if (o.name().equals(name)) {
          throw new IllegalArgumentException("sensor '" + name + "' is given twice");
        }
      }
      if (sensors.size() == 247) {
        throw new IllegalArgumentException("at most 247 sensors on one line");
      }
      sensors.add(s);
      return this;
    }

    /** How often every sensor is read, 50 ms to 1 h (default 1 s). */
    public Builder pollInterval(Duration interval) {
      if (interval.toMillis() < 50 || interval.toHours() > 1) {
        throw new IllegalArgumentException("pollInterval must be 50 ms..1 h, was " + interval);
      }
      this.pollInterval = interval;
      return this;
    }

    /** How long to wait for each answer, 10 ms to 10 s (default 200 ms). */
    public Builder responseTimeout(Duration timeout) {
      if (timeout.toMillis() < 10 || timeout.toSeconds() > 10) {
        throw new IllegalArgumentException("responseTimeout must be 10 ms..10 s, was " + timeout);
      }
      this.responseTimeout = timeout;
      return this;
    }

    /**
     * How long the whole line may go without an answer before it is {@code UNRESPONSIVE} (default 5
     * poll intervals, at least 3 s).
     */
    public Builder silenceLimit(Duration limit) {
      if (limit.toMillis() < 100) {
        throw new IllegalArgumentException("silenceLimit must be at least 100 ms, was " + limit);
      }
      this.silenceLimit = limit;
      return this;
    }

    /** The registers hold degrees Fahrenheit (default Celsius). */
    public Builder fahrenheit() {
      this.fahrenheit = true;
      return this;
    }

    /**
     * Builds the line, closed.
     *
     * @throws IllegalStateException if no sensor was added
     */
    public ModbusTemperatureSensors build() {
      if (sensors.isEmpty()) {
        throw new IllegalStateException("add at least one sensor");
      }
      return new ModbusTemperatureSensors(this);
    }
  }
}
