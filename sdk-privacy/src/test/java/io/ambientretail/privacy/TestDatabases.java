package io.ambientretail.privacy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Real databases for the JDBC stores' tests: SQLite in a temporary directory, and PostgreSQL
 * (AMBIENT_TEST_PG_URL, which scripts/test exports and starts) on a fresh schema per call. A
 * PostgreSQL that cannot be reached skips the test with a clear message, and fails it in CI.
 */
public final class TestDatabases {
  /** Where scripts/test's PostgreSQL is, unless AMBIENT_TEST_PG_URL says otherwise. */
  public static final String DEFAULT_PG =
      "jdbc:postgresql://127.0.0.1:5432/ambient_test?user=ambient&password=ambient";

  /** The kinds a parameterised test runs against. */
  public static final String SQLITE = "sqlite";

  /** PostgreSQL. */
  public static final String POSTGRESQL = "postgresql";

  private TestDatabases() {}

  /** A JDBC URL of {@code kind} with fresh, empty storage. */
  public static String fresh(String kind, Path tmp) {
    if (kind.equals(SQLITE)) {
      return "jdbc:sqlite:" + tmp.resolve("privacy.db");
    }
    String base = System.getenv().getOrDefault("AMBIENT_TEST_PG_URL", DEFAULT_PG);
    String schema =
        "p"
            + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[0-9]", "x");
    try (Connection c = DriverManager.getConnection(base);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(
            "PostgreSQL is required in CI (scripts/test starts it): " + e.getMessage(), e);
      }
      assumeTrue(
          false,
          "PostgreSQL unreachable at "
              + base.replaceAll("password=[^&]*", "password=***")
              + " ("
              + e.getMessage()
              + "); run scripts/test as root to start it");
    }
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** Opens {@code url}, with durable settings for SQLite. */
  public static Connection connect(String url) throws SQLException {
    Connection c = DriverManager.getConnection(url);
    if (url.startsWith("jdbc:sqlite:")) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
      }
    }
    return c;
  }
}
