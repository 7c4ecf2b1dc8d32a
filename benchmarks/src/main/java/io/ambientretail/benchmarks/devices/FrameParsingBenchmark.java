package io.ambientretail.benchmarks.devices;

import io.ambientretail.core.ErrorCode;
import io.ambientretail.devices.scale.MtSicsParser;
import io.ambientretail.devices.scale.MtSicsResponse;
import io.ambientretail.devices.scanner.Scan;
import io.ambientretail.devices.scanner.ScanParser;
import io.ambientretail.devices.transport.FrameDecoder;
import io.ambientretail.devices.transport.FrameLimits;
import io.ambientretail.devices.transport.FrameSink;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Frame parsing throughput, one operation = one line, single thread: a stream of scanner lines
 * (EAN-13 and GS1-128) and of MT-SICS weight responses cut by the FrameDecoder and parsed, against
 * the baseline a driver would write without care (String lines, split, BigDecimal). Goal: at least
 * 5 million lines per second per core.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class FrameParsingBenchmark {
  static final int LINES = 1000;

  private byte[] scannerStream;
  private byte[] sicsStream;
  private String[] scannerLines;
  private String[] sicsLines;
  private final ScanParser scanParser = ScanParser.create();
  private final MtSicsParser sicsParser = MtSicsParser.create();
  private FrameDecoder decoder;

  @Setup(Level.Trial)
  public void setUp() {
    StringBuilder scans = new StringBuilder();
    StringBuilder sics = new StringBuilder();
    scannerLines = new String[LINES];
    sicsLines = new String[LINES];
    for (int i = 0; i < LINES; i++) {
      String scan = i % 4 == 3 ? "]C10109506000134352\u001D17261231" : "]E04006381333931";
      scannerLines[i] = scan;
      scans.append(scan).append("\r\n");
      String w =
          String.format(
              java.util.Locale.ROOT, "S %s %9d.%02d g", i % 5 == 0 ? "D" : "S", i, i % 100);
      sicsLines[i] = w;
      sics.append(w).append("\r\n");
    }
    scannerStream = scans.toString().getBytes(StandardCharsets.ISO_8859_1);
    sicsStream = sics.toString().getBytes(StandardCharsets.ISO_8859_1);
    decoder = FrameDecoder.delimited(FrameLimits.DEFAULTS, (byte) '\r', (byte) '\n');
  }

  /** A sink that parses each frame and sinks the result. */
  static final class ParseSink implements FrameSink {
    final Blackhole bh;
    final ScanParser scans;
    final MtSicsParser sics;
    final boolean scanner;

    ParseSink(Blackhole bh, ScanParser scans, MtSicsParser sics, boolean scanner) {
      this.bh = bh;
      this.scans = scans;
      this.sics = sics;
      this.scanner = scanner;
    }

    @Override
    public void frame(byte[] b, int off, int len) {
      if (scanner) {
        Scan s = scans.parse(b, off, len);
        bh.consume(s.gtin());
      } else {
        MtSicsResponse r = sics.parse(b, off, len);
        bh.consume(r.weight());
      }
    }

    @Override
    public void error(ErrorCode code, String message, byte[] b, int off, int len) {
      bh.consume(code);
    }
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public void scannerLines_sdk(Blackhole bh) {
    decoder.feed(
        scannerStream, 0, scannerStream.length, new ParseSink(bh, scanParser, sicsParser, true));
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public void mtSicsResponses_sdk(Blackhole bh) {
    decoder.feed(
        sicsStream, 0, sicsStream.length, new ParseSink(bh, scanParser, sicsParser, false));
  }

  /** Baseline: String lines, regex split and BigDecimal, as a quick driver would do. */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public void mtSicsResponses_baselineSplitBigDecimal(Blackhole bh) {
    String all = new String(sicsStream, StandardCharsets.ISO_8859_1);
    for (String line : all.split("\r\n")) {
      String[] f = line.trim().split("\\s+");
      BigDecimal grams = new BigDecimal(f[2]);
      bh.consume(grams.movePointRight(3).longValueExact());
      bh.consume(f[1].equals("S"));
    }
  }

  /** Baseline: String lines, substring and a check digit over chars. */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public void scannerLines_baselineStrings(Blackhole bh) {
    String all = new String(scannerStream, StandardCharsets.ISO_8859_1);
    for (String line : all.split("\r\n")) {
      String data = line.substring(3);
      String[] parts = data.split("\u001D");
      String gtin =
          parts[0].startsWith("01") && line.startsWith("]C1") ? parts[0].substring(2, 16) : data;
      bh.consume(io.ambientretail.core.Gtin.isValid(gtin));
    }
  }
}
