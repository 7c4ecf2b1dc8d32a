package io.ambientretail.benchmarks.privacy;

import io.ambientretail.privacy.AccessDecision;
import io.ambientretail.privacy.ConsentNotice;
import io.ambientretail.privacy.ConsentRegistry;
import io.ambientretail.privacy.DataCategory;
import io.ambientretail.privacy.Purpose;
import io.ambientretail.privacy.PurposeAccess;
import io.ambientretail.privacy.PurposePolicy;
import io.ambientretail.privacy.SubjectId;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
 * The purpose check runs on every access to personal data; goal: under 1 microsecond. Baseline in
 * the same run: one {@code HashMap} lookup of the subject (the least any per-subject check costs).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar privacy.PurposeCheckBenchmark -f 1 -wi
 * 2 -i 3 -w 1s -r 1s}
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PurposeCheckBenchmark {
  PurposeAccess access;
  SubjectId[] subjects;
  Map<SubjectId, Boolean> plain = new HashMap<>();
  int next;

  @Setup
  public void setUp() {
    ConsentRegistry consent = ConsentRegistry.create(Clock.systemUTC(), e -> {});
    consent.publish(
        ConsentNotice.of(
            "loyalty",
            1,
            Set.of(Purpose.LOYALTY, Purpose.MARKETING),
            "notice text",
            Instant.EPOCH));
    subjects = new SubjectId[100_000];
    for (int i = 0; i < subjects.length; i++) {
      subjects[i] = SubjectId.of("loyalty:" + i);
      if (i % 2 == 0) {
        consent.grant(subjects[i], "loyalty", 1, Set.of(Purpose.LOYALTY), "bench");
      }
      plain.put(subjects[i], i % 2 == 0);
    }
    access = PurposeAccess.create(PurposePolicy.retailDefaults(), consent, e -> {});
  }

  private SubjectId nextSubject() {
    next = (next + 7919) % subjects.length;
    return subjects[next];
  }

  @Benchmark
  public AccessDecision purposeCheckConsent() {
    return access.decide(nextSubject(), DataCategory.PURCHASE_HISTORY, Purpose.LOYALTY);
  }

  @Benchmark
  public AccessDecision purposeCheckContract() {
    return access.decide(nextSubject(), DataCategory.PURCHASE_HISTORY, Purpose.ORDER_FULFILMENT);
  }

  @Benchmark
  public Boolean baselineHashMapLookup() {
    return plain.get(nextSubject());
  }
}
