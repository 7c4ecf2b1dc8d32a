package io.ambientretail.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Real databases for tests: SQLite in a temporary directory, and PostgreSQL (the server
 * scripts/test starts) with a fresh schema per call. Outside CI a missing PostgreSQL skips the test
 * with a clear message; in CI (CI=true) it fails.
 */
public final class TestDatabases {
  /** Where scripts/test's PostgreSQL is, unless AMBIENT_TEST_PG_URL says otherwise. */
  public static final String DEFAULT_PG =
      "jdbc:postgresql://127.0.0.1:5432/ambient_test?user=ambient&password=ambient";

  private TestDatabases() {}

  /** The JDBC URL of a kind ("sqlite" or "postgresql") with fresh, empty storage. */
  public static String fresh(String kind, Path tmp) {
    if (kind.equals("sqlite")) {
      return "jdbc:sqlite:" + tmp.resolve("store.db");
    }
    return freshPostgres();
  }

  /** A PostgreSQL URL on a new schema, or the test is skipped (failed in CI) when unreachable. */
  public static String freshPostgres() {
    String base = System.getenv().getOrDefault("AMBIENT_TEST_PG_URL", DEFAULT_PG);
    String schema =
        "t"
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
}
