package io.ambientretail.benchmarks.core;

import io.ambientretail.core.Gtin;
import io.ambientretail.core.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing money and GTINs on the hot path of a kiosk scan, beside the obvious baselines ({@code new
 * BigDecimal} for money text, a regex-free but allocation-heavy check for GTINs).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class CoreValuesBenchmark {
  private final String money = "1234.56 EUR";
  private final String gtin = "5012345678900";
  private final Money total = Money.parse("100.00 EUR");

  /** Our parser. */
  @Benchmark
  public Money moneyParse() {
    return Money.parse(money);
  }

  /** Baseline: BigDecimal then conversion to minor units. */
  @Benchmark
  public long moneyParseBigDecimalBaseline() {
    int space = money.indexOf(' ');
    return new BigDecimal(money.substring(0, space)).movePointRight(2).longValueExact();
  }

  /** GTIN validation and normalisation. */
  @Benchmark
  public Gtin gtinParse() {
    return Gtin.parse(gtin);
  }

  /** Splitting a total three ways. */
  @Benchmark
  public List<Money> allocateThreeWays() {
    return total.allocate(1, 1, 1);
  }
}
