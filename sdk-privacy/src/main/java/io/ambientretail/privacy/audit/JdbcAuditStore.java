package io.ambientretail.privacy.audit;

import io.ambientretail.privacy.PrivacyException;
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
 * An {@link AuditStore} and {@link CheckpointStore} in a SQL database through plain JDBC (tested
 * with SQLite and PostgreSQL; the DDL and statements are standard SQL).
 *
 * <p>The table is {@link #DDL}, also shipped as the resource {@code
 * io/ambientretail/privacy/audit/audit_log.sql} so a Flyway migration can create the same table;
 * signed checkpoints go to {@link #CHECKPOINT_DDL} (resource {@code audit_checkpoint.sql} next to
 * it). Both statements are idempotent ({@code CREATE TABLE IF NOT EXISTS}).
 *
 * <p>Hashes are stored as 43 characters of base64url ({@link Sha256Hash#base64Url()}), not hex:
 * about 0.4% of SHA-256 hex strings hold a Luhn-valid run of 13 to 19 digits, which a PAN scan of a
 * database dump would flag. Rows written as 64 hex digits by the first version are still read (a
 * {@code CHAR(64)} column's blank padding included), so old and new rows mix freely. Each {@link
 * #append} is one transaction, so a batch is atomic and, with the database's durable settings
 * (SQLite: {@code synchronous=FULL}, or {@code NORMAL} in WAL mode; PostgreSQL: {@code
 * synchronous_commit=on}), durable when it returns.
 *
 * <p>The store uses the connection it is given exclusively and does not close it; it switches the
 * connection to manual commit. Thread-safe (methods are synchronised on the store).
 */
public final class JdbcAuditStore implements AuditStore, CheckpointStore {
  /** The table's name. */
  public static final String TABLE = "audit_log";

  /** The table's DDL: one {@code CREATE TABLE IF NOT EXISTS} statement. */
  public static final String DDL =
      "CREATE TABLE IF NOT EXISTS audit_log (\n"
          + "  seq BIGINT NOT NULL PRIMARY KEY,\n"
          + "  at_micros BIGINT NOT NULL,\n"
          + "  actor VARCHAR(256) NOT NULL,\n"
          + "  action VARCHAR(128) NOT NULL,\n"
          + "  outcome VARCHAR(8) NOT NULL,\n"
          + "  origin VARCHAR(256) NOT NULL,\n"
          + "  resource VARCHAR(512) NOT NULL,\n"
          + "  detail VARCHAR(4096) NOT NULL,\n"
          + "  prev_hash VARCHAR(64) NOT NULL,\n"
          + "  entry_hash VARCHAR(64) NOT NULL\n"
          + ")\n";

  /** The checkpoint table's name. */
  public static final String CHECKPOINT_TABLE = "audit_checkpoint";

  /**
   * The checkpoint table's DDL: one {@code CREATE TABLE IF NOT EXISTS} statement; {@code note} is
   * the C2SP signed note ({@link SignedCheckpoint#text()}).
   */
  public static final String CHECKPOINT_DDL =
      "CREATE TABLE IF NOT EXISTS audit_checkpoint (\n"
          + "  tree_size BIGINT NOT NULL,\n"
          + "  key_name VARCHAR(128) NOT NULL,\n"
          + "  note VARCHAR(4096) NOT NULL,\n"
          + "  PRIMARY KEY (tree_size, key_name)\n"
          + ")\n";

  private static final String INSERT =
      "INSERT INTO audit_log (seq, at_micros, actor, action,"
          + " outcome, origin, resource, detail, prev_hash, entry_hash)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String SELECT =
      "SELECT seq, at_micros, actor, action, outcome, origin,"
          + " resource, detail, prev_hash, entry_hash FROM audit_log WHERE seq >= ? ORDER BY seq"
          + " LIMIT ?";

  private final Connection connection;
  private boolean checkpointTable;

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
      s.execute(CHECKPOINT_DDL);
      connection.commit();
    } catch (SQLException e) {
      store.rollbackQuietly(e);
      throw new IOException(
          "cannot create tables audit_log and audit_checkpoint: " + e.getMessage(), e);
    }
    store.checkpointTable = true;
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
      store.rollbackQuietly(e);
      throw new IOException("the database has no readable audit_log table: " + e.getMessage(), e);
    }
    // A database from the first version has no checkpoint table: then there are no checkpoints.
    // Asked through the metadata, not by a failing query: on PostgreSQL a failed statement
    // aborts the whole transaction, which may be the caller's.
    try {
      store.checkpointTable = hasTable(connection, CHECKPOINT_TABLE);
    } catch (SQLException e) {
      store.checkpointTable = false;
    }
    try {
      connection.rollback();
    } catch (SQLException e) {
      throw new IOException("cannot use the database: " + e.getMessage(), e);
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
      throw new IOException(
          "audit batch of "
              + batch.size()
              + " entries from sequence "
              + batch.get(0).sequence()
              + " was not stored: "
              + e.getMessage(),
          e);
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
    ps.setString(base + 9, e.previousHash().base64Url());
    ps.setString(base + 10, e.hash().base64Url());
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
      throw new IOException(
          "cannot read audit_log from sequence " + from + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static AuditEntry row(ResultSet rs) throws SQLException, IOException {
    long seq = rs.getLong(1);
    try {
      long micros = rs.getLong(2);
      AuditEvent event =
          AuditEvent.builder()
              .actor(rs.getString(3))
              .action(rs.getString(4))
              .outcome(AuditOutcome.valueOf(Objects.requireNonNullElse(rs.getString(5), "")))
              .origin(rs.getString(6))
              .resource(rs.getString(7))
              .detail(rs.getString(8))
              .build();
      Instant time =
          Instant.ofEpochSecond(
              Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
      return AuditEntry.of(
          seq, time, event, storedHash(rs.getString(9)), storedHash(rs.getString(10)));
    } catch (RuntimeException e) {
      throw new IOException("audit_log row " + seq + " is malformed: " + e.getMessage(), e);
    }
  }

  /** Reads a hash column: base64url, or hex from the first version; CHAR padding stripped. */
  private static Sha256Hash storedHash(String text) {
    return Sha256Hash.parse(Objects.requireNonNull(text, "hash column is NULL").strip());
  }

  @Override
  public synchronized void saveCheckpoint(SignedCheckpoint checkpoint) throws IOException {
    Checkpoint c = checkpoint.checkpoint();
    String note = checkpoint.text();
    if (!checkpointTable) {
      throw new IOException(
          "the database has no audit_checkpoint table; open the store with"
              + " JdbcAuditStore.create to add it");
    }
    try {
      String kept = null;
      try (PreparedStatement ps =
          connection.prepareStatement(
              "SELECT note FROM audit_checkpoint WHERE tree_size = ? AND key_name = ?")) {
        ps.setLong(1, c.size());
        ps.setString(2, checkpoint.keyName());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            kept = rs.getString(1);
          }
        }
      }
      if (kept == null) {
        try (PreparedStatement ps =
            connection.prepareStatement(
                "INSERT INTO audit_checkpoint (tree_size, key_name, note) VALUES (?, ?, ?)")) {
          ps.setLong(1, c.size());
          ps.setString(2, checkpoint.keyName());
          ps.setString(3, note);
          ps.executeUpdate();
        }
      }
      connection.commit();
      if (kept != null && !kept.equals(note)) {
        throw forked(c.size(), checkpoint.keyName());
      }
    } catch (SQLException e) {
      rollbackQuietly(e);
      throw new IOException(
          "checkpoint at size " + c.size() + " was not stored: " + e.getMessage(), e);
    }
  }

  static PrivacyException forked(long size, String keyName) {
    return new PrivacyException(
        PrivacyException.AUDIT_CHAIN_BROKEN,
        "a different checkpoint at"
            + " size "
            + size
            + " signed by "
            + keyName
            + " is already kept: the log forked");
  }

  @Override
  public synchronized List<SignedCheckpoint> checkpoints() throws IOException {
    if (!checkpointTable) {
      return List.of();
    }
    List<SignedCheckpoint> out = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT tree_size, note FROM audit_checkpoint" + " ORDER BY tree_size, key_name")) {
      while (rs.next()) {
        long size = rs.getLong(1);
        try {
          out.add(SignedCheckpoint.parse(rs.getString(2)));
        } catch (RuntimeException e) {
          throw new IOException(
              "audit_checkpoint row at size " + size + " is malformed: " + e.getMessage(), e);
        }
      }
      connection.commit();
    } catch (SQLException e) {
      rollbackQuietly(e);
      throw new IOException("cannot read audit_checkpoint: " + e.getMessage(), e);
    }
    return out;
  }

  @Override
  public String toString() {
    return "JdbcAuditStore{audit_log}";
  }

  private static boolean hasTable(Connection connection, String table) throws SQLException {
    java.sql.DatabaseMetaData md = connection.getMetaData();
    for (String name : new String[] {table, table.toUpperCase(java.util.Locale.ROOT)}) {
      try (java.sql.ResultSet r = md.getTables(null, connection.getSchema(), name, null)) {
        if (r.next()) {
          return true;
        }
      }
    }
    return false;
  }
}
