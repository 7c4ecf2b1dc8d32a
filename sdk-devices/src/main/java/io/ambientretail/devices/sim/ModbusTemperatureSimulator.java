package io.ambientretail.devices.sim;

import io.ambientretail.devices.Temperature;
import io.ambientretail.devices.internal.ModbusRtu;
import io.ambientretail.devices.modbus.ModbusException;
import io.ambientretail.devices.transport.ByteLink;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Fridge and freezer controllers on the far end of a Modbus RTU line, for tests and demos: each
 * unit answers reads of its input and holding registers (functions 04 and 03) with its temperature
 * in tenths of a degree Celsius at every address, and can be told to follow a temperature profile
 * over time (a fridge warming up), to fall silent, to answer with an exception, to garble its CRC
 * or to report a broken probe. Runs on any {@link ByteLink}: an {@code InMemoryLine} device end or
 * the far side of a socat pseudo-terminal.
 *
 * <p>Thread-safe; close it to stop.
 */
public final class ModbusTemperatureSimulator implements AutoCloseable {
  private final ByteLink link;
  private final Thread thread;
  private final Map<Integer, Unit> units = new ConcurrentHashMap<>();
  private final long startNanos = System.nanoTime();
  private volatile boolean closed;
  private volatile long requests;

  private static final class Unit {
    volatile Temperature temperature = Temperature.ofCelsius(3);
    volatile Function<Duration, Temperature> profile;
    volatile boolean silent;
    volatile int exception;
    volatile boolean badCrc;
    volatile boolean probeFault;
  }

  private ModbusTemperatureSimulator(ByteLink link) {
    this.link = link;
    this.thread = new Thread(this::run, "modbus-temperature-simulator");
    this.thread.setDaemon(true);
  }

  /** Starts controllers with {@code units} (addresses 1..247) at 3 °C on {@code link}. */
  public static ModbusTemperatureSimulator start(ByteLink link, int... units) {
    ModbusTemperatureSimulator sim = new ModbusTemperatureSimulator(Objects.requireNonNull(link));
    for (int u : units) {
      if (u < 1 || u > 247) {
        throw new IllegalArgumentException("unit must be 1..247, was " + u);
      }
      sim.units.put(u, new Unit());
    }
    sim.thread.start();
    return sim;
  }

  private Unit unit(int u) {
    Unit x = units.get(u);
    if (x == null) {
      throw new IllegalArgumentException("no unit " + u);
    }
    return x;
  }

  /** Sets a unit's temperature (and ends its profile). */
  public void temperature(int unit, Temperature t) {
    Unit x = unit(unit);
    x.profile = null;
    x.temperature = Objects.requireNonNull(t);
  }

  /**
   * Makes a unit's temperature a function of the time since the simulator started (e.g. a seeded
   * warm-up schedule for a demo).
   */
  public void profile(int unit, Function<Duration, Temperature> profile) {
    unit(unit).profile = Objects.requireNonNull(profile);
  }

  /** Makes a unit stop answering (true) or answer again (false). */
  public void silent(int unit, boolean silent) {
    unit(unit).silent = silent;
  }

  /** Makes a unit answer every read with Modbus exception {@code code} (0: answer normally). */
  public void exception(int unit, int code) {
    unit(unit).exception = code;
  }

  /** Makes a unit send answers whose CRC is wrong. */
  public void badCrc(int unit, boolean bad) {
    unit(unit).badCrc = bad;
  }

  /** Makes a unit report a broken probe ({@code 0x7FFF}). */
  public void probeFault(int unit, boolean fault) {
    unit(unit).probeFault = fault;
  }

  /** Requests received so far (for every unit, answered or not). */
  public long requests() {
    return requests;
  }

  /** Sends raw bytes to the master (garbage, a frame cut short). */
  public synchronized void sendRaw(byte[] bytes) throws IOException {
    link.write(bytes);
  }

  private void run() {
    byte[] buf = new byte[512];
    byte[] frame = new byte[8];
    int have = 0;
    try {
      while (!closed) {
        int n = link.read(buf, 0, buf.length);
        if (n == 0) {
          have = 0; // silence ends a frame: a partial request is dropped, as on a real line
          continue;
        }
        for (int i = 0; i < n; i++) {
          frame[have++] = buf[i];
          if (have == 8) {
            have = 0;
            answer(frame);
          }
        }
      }
    } catch (IOException e) {
      // the master went away; the simulator ends with its link
    }
  }

  private void answer(byte[] f) throws IOException {
    requests++;
    ModbusRtu.Request r;
    try {
      r = ModbusRtu.parseRequest(f, 0, 8);
    } catch (ModbusException e) {
      return; // a slave ignores a frame with a bad CRC
    }
    Unit u = units.get(r.unit());
    if (u == null || u.silent) {
      return;
    }
    byte[] out;
    if (r.function() != ModbusRtu.READ_INPUT && r.function() != ModbusRtu.READ_HOLDING) {
      out = ModbusRtu.exceptionResponse(r.unit(), r.function(), 1);
    } else if (u.exception != 0) {
      out = ModbusRtu.exceptionResponse(r.unit(), r.function(), u.exception);
    } else if (r.value() < 1 || r.value() > ModbusRtu.MAX_READ) {
      out = ModbusRtu.exceptionResponse(r.unit(), r.function(), 3);
    } else {
      Function<Duration, Temperature> p = u.profile;
      Temperature t =
          p != null ? p.apply(Duration.ofNanos(System.nanoTime() - startNanos)) : u.temperature;
      int tenths = (int) Math.max(-32767, Math.min(32766, Math.round(t.centiCelsius() / 10.0)));
      int[] regs = new int[r.value()];
      java.util.Arrays.fill(regs, u.probeFault ? 0x7FFF : tenths & 0xFFFF);
      out = ModbusRtu.readResponse(r.unit(), r.function(), regs);
    }
    if (u.badCrc) {
      out[out.length - 1] ^= 0x55;
    }
    synchronized (this) {
      link.write(out);
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      link.close();
    } catch (IOException ignored) {
      // best effort
    }
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
