package io.ambientretail.benchmarks.devices;

import io.ambientretail.core.ErrorCode;
import io.ambientretail.devices.scale.MtSicsParser;
import io.ambientretail.devices.scanner.ScanParser;
import io.ambientretail.devices.transport.FrameDecoder;
import io.ambientretail.devices.transport.FrameLimits;
import io.ambientretail.devices.transport.FrameSink;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Companion to {@link FrameParsingBenchmark} for a shared, overloaded machine: measures lines per
 * second of this thread's CPU time (ThreadMXBean), i.e. per core, which wall-clock throughput
 * cannot show when other processes hold the cores. Run: {@code java -cp benchmarks.jar
 * io.ambientretail.benchmarks.devices.FrameParsingCpuTime}.
 */
public final class FrameParsingCpuTime {
  private static long sink;

  private FrameParsingCpuTime() {}

  /** Prints scanner lines and MT-SICS responses per CPU-second, after warm-up. */
  public static void main(String[] args) {
    StringBuilder scans = new StringBuilder();
    StringBuilder sics = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      scans
          .append(i % 4 == 3 ? "]C10109506000134352\u001D17261231" : "]E04006381333931")
          .append("\r\n");
      sics.append(
          String.format(Locale.ROOT, "S %s %9d.%02d g\r\n", i % 5 == 0 ? "D" : "S", i, i % 100));
    }
    byte[] scanBytes = scans.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] sicsBytes = sics.toString().getBytes(StandardCharsets.ISO_8859_1);
    ScanParser sp = ScanParser.create();
    MtSicsParser mp = MtSicsParser.create();
    FrameSink scanSink = sink((b, o, l) -> sink += sp.parse(b, o, l).data().length());
    FrameSink sicsSink = sink((b, o, l) -> sink += mp.parse(b, o, l).weight().milligrams());
    FrameDecoder d = FrameDecoder.delimited(FrameLimits.DEFAULTS, (byte) '\r', (byte) '\n');
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < 3; round++) {
      for (String kind : new String[] {"scanner lines", "MT-SICS responses"}) {
        boolean scan = kind.startsWith("scanner");
        int reps = 2000;
        long cpu0 = mx.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        for (int r = 0; r < reps; r++) {
          if (scan) {
            d.feed(scanBytes, 0, scanBytes.length, scanSink);
          } else {
            d.feed(sicsBytes, 0, sicsBytes.length, sicsSink);
          }
        }
        double cpuS = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double wallS = (System.nanoTime() - wall0) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "round %d %-18s %,12.0f lines/CPU-second  (%,.0f per" + " wall-second)%n",
            round,
            kind,
            reps * 1000 / cpuS,
            reps * 1000 / wallS);
      }
    }
    System.out.println("checksum " + sink);
  }

  private interface Frame {
    void on(byte[] b, int o, int l);
  }

  private static FrameSink sink(Frame f) {
    return new FrameSink() {
      @Override
      public void frame(byte[] b, int o, int l) {
        f.on(b, o, l);
      }

      @Override
      public void error(ErrorCode code, String message, byte[] b, int o, int l) {
        throw new IllegalStateException(message);
      }
    };
  }
}
