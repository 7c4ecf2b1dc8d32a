package io.ambientretail.benchmarks.devices;

import io.ambientretail.core.DeviceId;
import io.ambientretail.devices.Temperature;
import io.ambientretail.devices.TemperatureEvent;
import io.ambientretail.devices.modbus.ModbusTemperatureSensors;
import io.ambientretail.devices.sim.ModbusTemperatureSimulator;
import io.ambientretail.devices.transport.ByteLink;
import io.ambientretail.devices.transport.Connector;
import io.ambientretail.devices.transport.SerialConnector;
import io.ambientretail.devices.transport.SerialSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What polling 32 fridge sensors once a second costs the host: a {@link ModbusTemperatureSensors}
 * line against the simulator, over a socat pseudo-terminal (jSerialComm, the real serial path);
 * after a warm-up it measures the CPU time of the SDK's own threads (the line's I/O thread and the
 * delivery thread) over the run, as a share of one core. Goal: under 1 %. Run: {@code java -cp
 * benchmarks.jar io.ambientretail.benchmarks.devices.ModbusPollCpuTime [seconds]}.
 */
public final class ModbusPollCpuTime {
  private ModbusPollCpuTime() {}

  /** Prints the CPU share; the optional argument is the measured run in seconds (default 30). */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int[] units = new int[32];
    for (int i = 0; i < 32; i++) {
      units[i] = i + 1;
    }
    Process socat = null;
    Connector host;
    ByteLink far;
    // the serial path only: an in-memory line would leave out the system calls that cost most
    Path dir = Files.createTempDirectory("modbus-bench");
    String path;
    if (Files.isExecutable(Path.of("/usr/bin/socat"))) {
      socat =
          new ProcessBuilder(
                  "socat",
                  "pty,raw,echo=0,link=" + dir.resolve("host"),
                  "pty,raw,echo=0,link=" + dir.resolve("dev"))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectErrorStream(true)
              .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!Files.exists(dir.resolve("dev")) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      host = SerialConnector.of(SerialSettings.builder(dir.resolve("host").toString()).build());
      far =
          SerialConnector.of(SerialSettings.builder(dir.resolve("dev").toString()).build())
              .connect();
      path = "socat pseudo-terminal (jSerialComm)";
    } else {
      throw new IllegalStateException("install socat: the benchmark measures the serial path");
    }
    ModbusTemperatureSensors.Builder b =
        ModbusTemperatureSensors.builder(DeviceId.of("fridges"), host)
            .pollInterval(Duration.ofSeconds(1))
            .responseTimeout(Duration.ofMillis(200));
    for (int u : units) {
      b.sensor("fridge-" + u, u, ModbusTemperatureSensors.Register.INPUT, 1, 10);
    }
    AtomicLong readings = new AtomicLong();
    try (ModbusTemperatureSensors line = b.build()) {
      line.addListener(
          e -> {
            if (e instanceof TemperatureEvent) {
              readings.incrementAndGet();
            }
          });
      line.open();
      ModbusTemperatureSimulator sim = ModbusTemperatureSimulator.start(far, units);
      line.claim(Duration.ofSeconds(5));
      line.enable();
      for (int u : units) {
        sim.temperature(u, Temperature.ofCentiCelsius(300 + u));
      }
      Thread.sleep(5_000); // warm-up: JIT and the first polls
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      long cpu0 = sdkCpu(mx);
      long r0 = readings.get();
      long wall0 = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      long cpu = sdkCpu(mx) - cpu0;
      long wall = System.nanoTime() - wall0;
      long polled = readings.get() - r0;
      System.out.printf(
          Locale.ROOT,
          "32 sensors at 1 Hz over %s: %d readings in %.1f s, SDK threads used %.1f ms CPU"
              + " = %.3f %% of one core (%.1f us per reading)%n",
          path,
          polled,
          wall / 1e9,
          cpu / 1e6,
          100.0 * cpu / wall,
          polled == 0 ? 0 : cpu / 1e3 / polled);
      sim.close();
    } finally {
      if (socat != null) {
        socat.destroyForcibly();
      }
    }
  }

  /** CPU time of the SDK's threads of the line: its I/O thread and its delivery thread. */
  private static long sdkCpu(ThreadMXBean mx) {
    long sum = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      String n = t.getName();
      if (n.startsWith("ambient-modbus-") || n.startsWith("ambient-device-")) {
        long c = mx.getThreadCpuTime(t.getId());
        if (c > 0) {
          sum += c;
        }
      }
    }
    return sum;
  }
}
