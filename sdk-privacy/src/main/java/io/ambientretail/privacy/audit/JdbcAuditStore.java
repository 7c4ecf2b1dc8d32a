package io.ambientretail.privacy.audit;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An {@link AuditStore} in a SQL database through plain JDBC (tested with SQLite; the DDL and
 * statements are standard SQL that PostgreSQL also runs).
 *
 * <p>The table is {@link #DDL}, also shipped as the resource
 * {@code io/ambientretail/privacy/audit/audit_log.sql} so a Flyway migration can create the same
 * table. Each {@link #append} is one transaction, so a batch is atomic and, with the database's
 * durable settings (SQLite: {@code synchronous=FULL}, or {@code NORMAL} in WAL mode; PostgreSQL:
 * {@code synchronous_commit=on}), durable when it returns.
 *
 * <p>The store uses the connection it is given exclusively and does not close it; it switches the
 * connection to manual commit. Thread-safe (methods are synchronised on the store).
 */
public final class JdbcAuditStore implements AuditStore {
  /** The table's name. */
  public static final String TABLE = "audit_log";

  /** The table's DDL: one {@code CREATE TABLE IF NOT EXISTS} statement. */
  public static final String DDL = "CREATE TABLE IF NOT EXISTS audit_log (\n"
      + "  seq BIGINT NOT NULL PRIMARY KEY,\n"
      + "  at_micros BIGINT NOT NULL,\n"
      + "  actor VARCHAR(256) NOT NULL,\n"
      + "  action VARCHAR(128) NOT NULL,\n"
      + "  outcome VARCHAR(8) NOT NULL,\n"
      + "  origin VARCHAR(256) NOT NULL,\n"
      + "  resource VARCHAR(512) NOT NULL,\n"
      + "  detail VARCHAR(4096) NOT NULL,\n"
      + "  prev_hash CHAR(64) NOT NULL,\n"
      + "  entry_hash CHAR(64) NOT NULL\n"
      + ")\n";

  private static final String INSERT = "INSERT INTO audit_log (seq, at_micros, actor, action,"
      + " outcome, origin, resource, detail, prev_hash, entry_hash)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String SELECT = "SELECT seq, at_micros, actor, action, outcome, origin,"
      + " resource, detail, prev_hash, entry_hash FROM audit_log WHERE seq >= ? ORDER BY seq"
      + " LIMIT ?";

  private final Connection connection;

  private JdbcAuditStore(Connection connection) {
    this.connection = connection;
  }

  /**
   * Uses {@code connection} for the audit log, creating the table if it is not there.
   *
   * @throws IOException if the table cannot be created
   */
  public static JdbcAuditStore create(Connection connection) throws IOException {
    JdbcAuditStore store = new JdbcAuditStore(Objects.requireNonNull(connection, "connection"));
    try (Statement s = connection.createStatement()) {
      connection.setAutoCommit(false);
      s.execute(DDL);
      connection.commit();
    } catch (SQLException e) {
      throw new IOException("cannot create table audit_log: " + e.getMessage(), e);
    }
    return store;
  }

  /**
   * Uses {@code connection} for an audit log whose table must already exist (for reading an
   * existing store's log without creating anything).
   *
   * @throws IOException if the database has no {@code audit_log} table
   */
  public static JdbcAuditStore open(Connection connection) throws IOException {
    JdbcAuditStore store = new JdbcAuditStore(Objects.requireNonNull(connection, "connection"));
    try (Statement s = connection.createStatement()) {
      connection.setAutoCommit(false);
      s.executeQuery("SELECT seq FROM audit_log WHERE seq < 0").close();
      connection.rollback();
    } catch (SQLException e) {
      throw new IOException("the database has no readable audit_log table: " + e.getMessage(), e);
    }
    return store;
  }

  /** Rows per multi-row INSERT: fewer statements per batch, far below any bind-variable limit. */
  private static final int ROWS_PER_INSERT = 64;

  private static String insert(int rows) {
    StringBuilder sb = new StringBuilder(INSERT);
    for (int i = 1; i < rows; i++) {
      sb.append(", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }
    return sb.toString();
  }

  @Override
  public synchronized void append(List<AuditEntry> batch) throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    try {
      int full = batch.size() / ROWS_PER_INSERT * ROWS_PER_INSERT;
      if (full > 0) {
        try (PreparedStatement ps = connection.prepareStatement(insert(ROWS_PER_INSERT))) {
          for (int start = 0; start < full; start += ROWS_PER_INSERT) {
            for (int r = 0; r < ROWS_PER_INSERT; r++) {
              bind(ps, r * 10, batch.get(start + r));
            }
            ps.executeUpdate();
          }
        }
      }
      if (full < batch.size()) {
        try (PreparedStatement ps = connection.prepareStatement(insert(batch.size() - full))) {
          for (int r = full; r < batch.size(); r++) {
            bind(ps, (r - full) * 10, batch.get(r));
          }
          ps.executeUpdate();
        }
      }
      connection.commit();
    } catch (SQLException e) {
      rollbackQuietly(e);
      throw new IOException("audit batch of " + batch.size() + " entries from sequence "
          + batch.get(0).sequence() + " was not stored: " + e.getMessage(), e);
    }
  }

  private static void bind(PreparedStatement ps, int base, AuditEntry e) throws SQLException {
    AuditEvent ev = e.event();
    ps.setLong(base + 1, e.sequence());
    ps.setLong(base + 2, e.timeMicros());
    ps.setString(base + 3, ev.actor());
    ps.setString(base + 4, ev.action());
    ps.setString(base + 5, ev.outcome().name());
    ps.setString(base + 6, ev.origin());
    ps.setString(base + 7, ev.resource());
    ps.setString(base + 8, ev.detail());
    ps.setString(base + 9, e.previousHash().hex());
    ps.setString(base + 10, e.hash().hex());
  }

  private void rollbackQuietly(SQLException cause) {
    try {
      connection.rollback();
    } catch (SQLException r) {
      cause.addSuppressed(r);
    }
  }

  @Override
  public synchronized long size() throws IOException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT MAX(seq) FROM audit_log")) {
      rs.next();
      long max = rs.getLong(1);
      boolean empty = rs.wasNull();
      connection.commit();
      return empty ? 0 : max + 1;
    } catch (SQLException e) {
      rollbackQuietly(e);
      throw new IOException("cannot read the size of audit_log: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized List<AuditEntry> read(long from, int max) throws IOException {
    if (from < 0 || max < 0) {
      throw new IllegalArgumentException("from and max must not be negative");
    }
    List<AuditEntry> out = new ArrayList<>(Math.min(max, 10_000));
    try (PreparedStatement ps = connection.prepareStatement(SELECT)) {
      ps.setLong(1, from);
      ps.setInt(2, max);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs));
        }
      }
      connection.commit();
    } catch (SQLException e) {
      rollbackQuietly(e);
      throw new IOException("cannot read audit_log from sequence " + from + ": "
          + e.getMessage(), e);
    }
    return out;
  }

  private static AuditEntry row(ResultSet rs) throws SQLException, IOException {
    long seq = rs.getLong(1);
    try {
      long micros = rs.getLong(2);
      AuditEvent event = AuditEvent.builder()
          .actor(rs.getString(3))
          .action(rs.getString(4))
          .outcome(AuditOutcome.valueOf(Objects.requireNonNullElse(rs.getString(5), "")))
          .origin(rs.getString(6))
          .resource(rs.getString(7))
          .detail(rs.getString(8))
          .build();
      Instant time = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
          Math.floorMod(micros, 1_000_000L) * 1000L);
      return AuditEntry.of(seq, time, event, Sha256Hash.parseHex(rs.getString(9)),
          Sha256Hash.parseHex(rs.getString(10)));
    } catch (RuntimeException e) {
      throw new IOException("audit_log row " + seq + " is malformed: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "JdbcAuditStore{audit_log}";
  }
}
