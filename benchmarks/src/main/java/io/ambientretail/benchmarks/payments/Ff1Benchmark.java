package io.ambientretail.benchmarks.payments;

import io.ambientretail.payments.tokenize.Ff1;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.fpe.FPEEngine;
import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * FF1 encryption of a 16-digit PAN (radix 10, 10-byte tweak) with our {@link Ff1} (JDK AES, long
 * arithmetic) beside Bouncy Castle's FPEFF1Engine, after checking both give the same answer. Goal:
 * ours at least 3x faster.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class Ff1Benchmark {
  private final byte[] key = new byte[16];
  private final byte[] tweak = {0x10, 0x06, 0x04, '4', '7', '6', '1', '7', '3', '0'};
  private final int[] pan = {4, 7, 6, 1, 7, 3, 9, 0, 0, 1, 0, 1, 0, 1, 1, 9};
  private final byte[] panBytes = new byte[16];
  private final byte[] out = new byte[16];
  private Ff1 ours;
  private FPEEngine bc;

  @Setup
  public void setUp() throws Exception {
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (i * 13 + 5);
    }
    for (int i = 0; i < pan.length; i++) {
      panBytes[i] = (byte) pan[i];
    }
    ours = Ff1.create(key, 10);
    bc = new FPEFF1Engine();
    bc.init(true, new FPEParameters(new KeyParameter(key), 10, tweak));
    int[] a = ours.encrypt(pan, tweak);
    bc.processBlock(panBytes, 0, 16, out, 0);
    for (int i = 0; i < 16; i++) {
      if (a[i] != out[i]) {
        throw new IllegalStateException("FF1 differs from Bouncy Castle: " + Arrays.toString(a));
      }
    }
  }

  /** Ours. */
  @Benchmark
  public int[] ambientFf1() {
    return ours.encrypt(pan, tweak);
  }

  /** Baseline: Bouncy Castle FPEFF1Engine. */
  @Benchmark
  public byte[] bouncyCastleFf1() {
    bc.processBlock(panBytes, 0, 16, out, 0);
    return out;
  }
}
