package io.ambientretail.benchmarks.devices;

import io.ambientretail.core.DeviceId;
import io.ambientretail.core.LaneId;
import io.ambientretail.core.Weight;
import io.ambientretail.devices.Device;
import io.ambientretail.devices.DeviceEvent;
import io.ambientretail.devices.lock.DoorLock;
import io.ambientretail.devices.lock.LockSimulator;
import io.ambientretail.devices.scale.MtSicsScale;
import io.ambientretail.devices.scale.MtSicsSimulator;
import io.ambientretail.devices.scanner.BarcodeScanner;
import io.ambientretail.devices.scanner.ScannerSimulator;
import io.ambientretail.devices.shelf.LaneCalibration;
import io.ambientretail.devices.shelf.ShelfController;
import io.ambientretail.devices.shelf.ShelfSimulator;
import io.ambientretail.devices.smartcard.CardReader;
import io.ambientretail.devices.smartcard.ReaderPattern;
import io.ambientretail.devices.transport.InMemoryLine;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A store's worth of devices in {@code -Xmx32m}: 1 scanner, 2 MT-SICS scales streaming at 10 Hz, 4
 * shelf controllers of 8 lanes at 20 Hz, 1 door lock with heartbeat, and 1 card reader when pcscd
 * with vpcd runs; all simulators on in-memory lines, all events delivered to a listener. Reports
 * events delivered per second, and as auxiliary counters the heap used after a GC (MB) and the
 * events seen; run with {@code -prof gc} for the allocation rate. Baseline in the same run: the
 * same JVM idle (heap used with no devices).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx32m", "-Xms32m"})
public class StoreFootprintBenchmark {
  /** The running store. */
  @State(Scope.Benchmark)
  public static class Store {
    final List<Device> devices = new ArrayList<>();
    final List<AutoCloseable> simulators = new ArrayList<>();
    final AtomicLong events = new AtomicLong();
    ScannerSimulator scanner;

    @Setup(Level.Trial)
    public void start() throws Exception {
      Duration wait = Duration.ofSeconds(5);
      InMemoryLine scanLine = InMemoryLine.create("scanner");
      add(BarcodeScanner.builder(DeviceId.of("scanner-1"), scanLine.hostConnector()).build());
      scanner = ScannerSimulator.on(scanLine.deviceEnd(wait));
      for (int i = 1; i <= 2; i++) {
        InMemoryLine l = InMemoryLine.create("scale-" + i, 4096, Duration.ofMillis(10));
        add(MtSicsScale.builder(DeviceId.of("scale-" + i), l.hostConnector()).build());
        MtSicsSimulator s = MtSicsSimulator.start(l.deviceEnd(wait), Duration.ofMillis(100));
        s.setWeight(Weight.ofGrams(100L * i), true);
        simulators.add(s);
      }
      LaneCalibration cal = LaneCalibration.of(8_400, 108_400, Weight.ofGrams(1000));
      LaneCalibration[] cals = new LaneCalibration[8];
      java.util.Arrays.fill(cals, cal);
      for (int i = 1; i <= 4; i++) {
        InMemoryLine l = InMemoryLine.create("shelf-" + i, 8192, Duration.ofMillis(10));
        ShelfController.Builder b =
            ShelfController.builder(DeviceId.of("shelf-" + i), l.hostConnector(), 8);
        for (int ch = 0; ch < 8; ch++) {
          b.lane(ch, LaneId.of("S" + i + "L" + ch), cal);
        }
        add(b.build());
        ShelfSimulator s = ShelfSimulator.start(l.deviceEnd(wait), 20, cals);
        for (int ch = 0; ch < 8; ch++) {
          s.setLoad(ch, Weight.ofGrams(50L * ch));
        }
        simulators.add(s);
      }
      InMemoryLine lockLine = InMemoryLine.create("lock", 4096, Duration.ofMillis(10));
      add(DoorLock.builder(DeviceId.of("gate-1"), lockLine.hostConnector()).build());
      simulators.add(LockSimulator.start(lockLine.deviceEnd(wait)));
      if (new java.io.File("/run/pcscd/pcscd.comm").exists()) {
        add(CardReader.builder(DeviceId.of("card-1"), ReaderPattern.of("Virtual PCD*")).build());
      } else {
        System.out.println("# pcscd not running: store without the card reader");
      }
    }

    /** Opens, claims and enables {@code d}: its host end connects before the simulator starts. */
    private void add(Device d) throws Exception {
      d.addListener(this::count);
      d.open();
      d.claim(Duration.ofSeconds(10));
      d.enable();
      devices.add(d);
    }

    void count(DeviceEvent e) {
      events.incrementAndGet();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      System.gc();
      MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      System.out.printf(
          java.util.Locale.ROOT,
          "%n# store of %d devices: heap used after GC %.1f MB of max %.1f MB, %d events%n",
          devices.size(),
          heap.getUsed() / 1048576.0,
          heap.getMax() / 1048576.0,
          events.get());
      for (Device d : devices) {
        d.close();
      }
      for (AutoCloseable s : simulators) {
        s.close();
      }
    }
  }

  /** Auxiliary counters JMH prints with the result. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Heap {
    /** Heap used (MB) sampled after each iteration's GC. */
    public double heapUsedMb;

    @TearDown(Level.Iteration)
    public void sample() {
      System.gc();
      heapUsedMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }
  }

  /** One operation = one event delivered by the running store (scans interleaved). */
  @Benchmark
  public long storeRunning(Store store, Heap heap) throws Exception {
    long before = store.events.get();
    store.scanner.scanEan13("4006381333931");
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
    while (store.events.get() == before && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(100_000);
    }
    return store.events.get();
  }

  /** Baseline: the same JVM heap with no devices running. */
  @Benchmark
  public long idleJvm(Heap heap) {
    return System.nanoTime();
  }
}
