package io.ambientretail.benchmarks.privacy;

import io.ambientretail.privacy.audit.AuditEntry;
import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.audit.AuditLog;
import io.ambientretail.privacy.audit.AuditOutcome;
import io.ambientretail.privacy.audit.AuditVerification;
import io.ambientretail.privacy.audit.AuditVerifier;
import io.ambientretail.privacy.audit.InMemoryAuditStore;
import io.ambientretail.privacy.audit.JdbcAuditStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Audit log speed goals: durable batched append (goal: at least 100,000 entries/s) and verification
 * of 1 million entries (goal: under 5 s).
 *
 * <p>Baselines in the same run: {@code insertOnly} writes the same rows to the same SQLite database
 * with no hashing (what durability alone costs), {@code appendInMemory} hashes and builds the tree
 * with no database; {@code hashOnly} is one plain SHA-256 per entry over the same bytes (the floor
 * for any verification).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar privacy.AuditLogBenchmark -f 1 -wi 2 -i
 * 3 -w 1s -r 1s}
 */
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class AuditLogBenchmark {
  static final int BATCH = 10_000;

  static List<AuditEvent> events(int n) {
    List<AuditEvent> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(
          AuditEvent.builder()
              .actor("operator-" + (i % 17))
              .action("personal-data.read")
              .outcome(i % 9 == 0 ? AuditOutcome.FAILURE : AuditOutcome.SUCCESS)
              .origin("kiosk-" + (i % 4))
              .resource("receipt/R-" + (100_000 + i))
              .detail("purpose=order-fulfilment")
              .build());
    }
    return out;
  }

  /** A fresh SQLite database in WAL mode with synchronous=FULL: every commit is fsynced. */
  @State(Scope.Thread)
  public static class Db {
    Path dir;
    Connection connection;
    AuditLog log;
    AuditLog memoryLog;
    List<AuditEvent> batch;
    long nextSeq;

    @Setup(Level.Trial)
    public void open() throws Exception {
      dir = Files.createTempDirectory("audit-bench");
      connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("store.db"));
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute(
            "CREATE TABLE plain (seq BIGINT PRIMARY KEY, at_micros BIGINT, actor TEXT,"
                + " action TEXT, outcome TEXT, origin TEXT, resource TEXT, detail TEXT,"
                + " prev_hash TEXT, entry_hash TEXT)");
      }
      log =
          AuditLog.builder()
              .name("bench")
              .store(JdbcAuditStore.create(connection))
              .clock(Clock.systemUTC())
              .build();
      memoryLog =
          AuditLog.builder()
              .name("bench")
              .store(new InMemoryAuditStore())
              .clock(Clock.systemUTC())
              .build();
      batch = events(BATCH);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
      connection.close();
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(BATCH)
  public List<AuditEntry> appendDurableSqlite(Db db) throws Exception {
    return db.log.appendAll(db.batch);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(BATCH)
  public List<AuditEntry> appendInMemory(Db db) throws Exception {
    return db.memoryLog.appendAll(db.batch);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(BATCH)
  public int insertOnly(Db db) throws Exception {
    String hex = "A".repeat(43);
    db.connection.setAutoCommit(false);
    try (PreparedStatement ps =
        db.connection.prepareStatement("INSERT INTO plain VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (AuditEvent e : db.batch) {
        ps.setLong(1, db.nextSeq++);
        ps.setLong(2, System.currentTimeMillis() * 1000);
        ps.setString(3, e.actor());
        ps.setString(4, e.action());
        ps.setString(5, e.outcome().name());
        ps.setString(6, e.origin());
        ps.setString(7, e.resource());
        ps.setString(8, e.detail());
        ps.setString(9, hex);
        ps.setString(10, hex);
        ps.addBatch();
      }
      int n = ps.executeBatch().length;
      db.connection.commit();
      return n;
    }
  }

  /** One million entries of a real log, in memory. */
  @State(Scope.Benchmark)
  public static class Million {
    List<AuditEntry> entries;
    byte[][] canonical;

    @Setup(Level.Trial)
    public void build() throws Exception {
      AuditLog log =
          AuditLog.builder()
              .name("bench")
              .store(new InMemoryAuditStore())
              .clock(Clock.systemUTC())
              .build();
      entries = new ArrayList<>(1_000_000);
      List<AuditEvent> batch = events(BATCH);
      for (int i = 0; i < 100; i++) {
        entries.addAll(log.appendAll(batch));
      }
      canonical = new byte[entries.size()][];
      for (int i = 0; i < canonical.length; i++) {
        AuditEvent e = entries.get(i).event();
        canonical[i] =
            (e.actor()
                    + e.action()
                    + e.origin()
                    + e.resource()
                    + e.detail()
                    + entries.get(i).previousHash().hex())
                .getBytes(StandardCharsets.UTF_8);
      }
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  public AuditVerification verifyMillion(Million m) {
    AuditVerification v = AuditVerifier.verify(m.entries);
    if (!v.ok() || v.entries() != 1_000_000) {
      throw new IllegalStateException("verification failed: " + v);
    }
    return v;
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  public byte[] hashOnlyMillion(Million m) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] last = null;
    for (byte[] c : m.canonical) {
      last = sha.digest(c);
    }
    return last;
  }
}
