package io.ambientretail.store.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;

/**
 * The store's database: embedded SQLite (WAL, synchronous=FULL) by default or PostgreSQL by JDBC
 * URL, one schema managed by Flyway migrations under {@code db/migration}.
 *
 * <p>All work runs on one connection under a lock, in a transaction committed before the call
 * returns: a change reported done is on disk. That is the store's rule "durable before
 * acknowledged". Work arriving while a commit is under way is grouped into the next commit, each in
 * its own savepoint. Thread-safe. Close it to release the connection.
 */
public final class Database implements AutoCloseable {
  /** Work done inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    /** Does the work on the connection; the caller commits or rolls back. */
    T run(Connection c) throws SQLException;
  }

  private final String url;
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private final GroupCommit group;
  private final boolean sqlite;

  private Database(String url, Connection connection, boolean sqlite) {
    this.url = url;
    this.connection = connection;
    this.sqlite = sqlite;
    this.group = new GroupCommit(connection, lock);
  }

  /** The default SQLite URL of a data directory: {@code dataDir/store.db}. */
  public static String sqliteUrl(Path dataDir) {
    return "jdbc:sqlite:" + dataDir.resolve("store.db").toAbsolutePath();
  }

  /**
   * Opens (creating if needed) the database at a JDBC URL and migrates it to the current schema.
   *
   * @throws IllegalArgumentException for a URL that is neither SQLite nor PostgreSQL
   * @throws UncheckedIOException when the database cannot be reached
   */
  public static Database open(String jdbcUrl) {
    boolean sqlite = jdbcUrl.startsWith("jdbc:sqlite:");
    if (!sqlite && !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "--db: expected jdbc:sqlite:FILE or jdbc:postgresql://..."
              + " (was '"
              + redact(jdbcUrl)
              + "')");
    }
    try {
      if (sqlite) {
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
        Path parent = Path.of(file).toAbsolutePath().getParent();
        if (parent != null) {
          try {
            Files.createDirectories(parent);
          } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new IOException(
                "cannot open database "
                    + redact(jdbcUrl)
                    + ": "
                    + e.getFile()
                    + " is not a directory",
                e);
          }
        }
      }
      Connection c = DriverManager.getConnection(jdbcUrl);
      if (sqlite) {
        try (Statement s = c.createStatement()) {
          s.execute("PRAGMA journal_mode=WAL");
          s.execute("PRAGMA synchronous=FULL");
          s.execute("PRAGMA busy_timeout=10000");
        }
      }
      Flyway.configure()
          .dataSource(new SingleConnectionDataSource(c))
          .locations("classpath:db/migration")
          .loggers("slf4j")
          .load()
          .migrate();
      c.setAutoCommit(false);
      return new Database(jdbcUrl, c, sqlite);
    } catch (SQLException e) {
      throw new UncheckedIOException(
          new IOException("cannot open database " + redact(jdbcUrl) + ": " + e.getMessage(), e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JDBC URL with any password removed, for messages. */
  public static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  /** True for the embedded SQLite database. */
  public boolean isSqlite() {
    return sqlite;
  }

  /** The JDBC URL (password redacted). */
  public String describe() {
    return redact(url);
  }

  /**
   * Runs {@code work} in a transaction and commits it before returning; rolls back on failure.
   * Transactions that arrive while another commits share one commit ({@link GroupCommit}).
   */
  public <T> T tx(Work<T> work) {
    return group.run(work);
  }

  /** True when the calling thread is inside {@link #tx} (or {@link #read}). */
  public boolean inTransaction() {
    return lock.isHeldByCurrentThread();
  }

  /** Runs read-only work (in a transaction, so it sees one consistent state). */
  public <T> T read(Work<T> work) {
    return tx(work);
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (sqlite) {
        try (Statement s = connection.createStatement()) {
          s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException ignored) {
          // closing anyway
        }
      }
      connection.close();
    } catch (SQLException e) {
      throw new StoreDataException("database close: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }
}
