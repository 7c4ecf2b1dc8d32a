package io.ambientretail.privacy.store;

import io.ambientretail.privacy.ConsentRecord;
import io.ambientretail.privacy.Purpose;
import io.ambientretail.privacy.Role;
import io.ambientretail.privacy.SubjectId;
import io.ambientretail.privacy.dsr.DsrKind;
import io.ambientretail.privacy.dsr.DsrRequest;
import io.ambientretail.privacy.dsr.DsrStatus;
import io.ambientretail.privacy.dsr.Regime;
import io.ambientretail.privacy.keys.WrappedKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@link PrivacyStore} in a SQL database through plain JDBC, tested with SQLite and PostgreSQL.
 *
 * <p>Each table's DDL is a classpath resource in {@code io/ambientretail/privacy/store/} (named in
 * {@link #DDL_RESOURCES}), one idempotent {@code CREATE TABLE IF NOT EXISTS} statement each, so a
 * Flyway migration can create the same tables; {@link #create} runs them. Every write is one
 * transaction, durable when it returns with the database's durable settings (SQLite: {@code
 * synchronous=FULL}, or {@code NORMAL} in WAL mode; PostgreSQL: {@code synchronous_commit=on}).
 * Wrapped keys are stored as base64url text.
 *
 * <p>The store uses the connection it is given exclusively and does not close it; it switches the
 * connection to manual commit. One writer per database: sequence numbers are assigned by this
 * object. Thread-safe (methods are synchronised on the store).
 */
public final class JdbcPrivacyStore implements PrivacyStore {
  /** The DDL resources, relative to this class, in the order {@link #create} runs them. */
  public static final List<String> DDL_RESOURCES =
      List.of(
          "privacy_consent.sql",
          "privacy_dsr_request.sql",
          "privacy_dsr_step.sql",
          "privacy_legal_hold.sql",
          "privacy_subject_key.sql",
          "privacy_role.sql");

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final Connection connection;

  private JdbcPrivacyStore(Connection connection) {
    this.connection = connection;
  }

  /**
   * Uses {@code connection}, creating the tables that are not there yet.
   *
   * @throws IOException if a table cannot be created
   */
  public static JdbcPrivacyStore create(Connection connection) throws IOException {
    JdbcPrivacyStore store = new JdbcPrivacyStore(Objects.requireNonNull(connection, "connection"));
    try (Statement s = connection.createStatement()) {
      connection.setAutoCommit(false);
      for (String r : DDL_RESOURCES) {
        s.execute(ddl(r));
      }
      connection.commit();
    } catch (SQLException e) {
      store.rollback(e);
      throw new IOException("cannot create the privacy tables: " + e.getMessage(), e);
    }
    return store;
  }

  /**
   * The text of one DDL resource.
   *
   * @throws IllegalArgumentException if there is no such resource
   */
  public static String ddl(String resource) {
    try (InputStream in = JdbcPrivacyStore.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no DDL resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read DDL resource " + resource, e);
    }
  }

  /** Runs one transaction. */
  private <T> T tx(String what, Work<T> work) throws IOException {
    try {
      T t = work.run();
      connection.commit();
      return t;
    } catch (SQLException e) {
      rollback(e);
      throw new IOException(what + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      rollback(new SQLException(e));
      throw new IOException(what + ": a stored row is malformed: " + e.getMessage(), e);
    }
  }

  private interface Work<T> {
    T run() throws SQLException;
  }

  private void rollback(SQLException cause) {
    try {
      connection.rollback();
    } catch (SQLException r) {
      cause.addSuppressed(r);
    }
  }

  private int update(String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(sql, args)) {
      return ps.executeUpdate();
    }
  }

  private PreparedStatement prepare(String sql, Object... args) throws SQLException {
    PreparedStatement ps = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < args.length; i++) {
        Object a = args[i];
        if (a == null) {
          ps.setNull(i + 1, Types.NULL);
        } else if (a instanceof Long) {
          ps.setLong(i + 1, (Long) a);
        } else if (a instanceof Integer) {
          ps.setInt(i + 1, (Integer) a);
        } else {
          ps.setString(i + 1, (String) a);
        }
      }
      return ps;
    } catch (SQLException | RuntimeException e) {
      ps.close();
      throw e;
    }
  }

  private long nextSeq(String table) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT MAX(seq) FROM " + table)) {
      rs.next();
      long max = rs.getLong(1);
      return rs.wasNull() ? 0 : max + 1;
    }
  }

  private static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  // --- consent -------------------------------------------------------------------------------

  @Override
  public synchronized void appendConsent(ConsentRecord r) throws IOException {
    tx(
        "consent record was not stored",
        () ->
            update(
                "INSERT INTO privacy_consent (seq, subject,"
                    + " purpose, action, notice_id, notice_version, channel, at_micros)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                nextSeq("privacy_consent"),
                r.subject().value(),
                r.purpose().name(),
                r.action().name(),
                r.noticeId(),
                r.noticeVersion(),
                r.channel(),
                micros(r.time())));
  }

  @Override
  public synchronized List<ConsentRecord> consentRecords() throws IOException {
    return tx(
        "cannot read privacy_consent",
        () -> {
          List<ConsentRecord> out = new ArrayList<>();
          try (PreparedStatement ps =
                  prepare(
                      "SELECT subject, purpose, action, notice_id,"
                          + " notice_version, channel, at_micros FROM privacy_consent ORDER BY seq");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(
                  ConsentRecord.of(
                      SubjectId.of(rs.getString(1)),
                      Purpose.of(rs.getString(2)),
                      ConsentRecord.Action.valueOf(rs.getString(3)),
                      rs.getString(4),
                      rs.getInt(5),
                      rs.getString(6),
                      instant(rs.getLong(7))));
            }
          }
          return out;
        });
  }

  @Override
  public synchronized int eraseConsent(SubjectId subject) throws IOException {
    return tx(
        "consent records were not erased",
        () -> update("DELETE FROM privacy_consent WHERE subject = ?", subject.value()));
  }

  // --- data-subject requests -----------------------------------------------------------------

  @Override
  public synchronized void saveRequest(DsrStatus status) throws IOException {
    DsrRequest q = status.request();
    tx(
        "progress of request " + q.id() + " was not saved",
        () -> {
          Object[] state = {
            status.state().name(),
            status.refusal().orElse(null),
            status.completed().map(JdbcPrivacyStore::micros).orElse(null),
            status.proof().orElse(null),
            q.id()
          };
          int n =
              update(
                  "UPDATE privacy_dsr_request SET state = ?, refusal = ?,"
                      + " completed_micros = ?, proof = ? WHERE id = ?",
                  state);
          if (n == 0) {
            update(
                "INSERT INTO privacy_dsr_request (id, seq, subject, kind, regime,"
                    + " regime_deadline_seconds, received_micros, target_store, record_id, field,"
                    + " new_value, purpose, state, refusal, completed_micros, proof)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                q.id(),
                nextSeq("privacy_dsr_request"),
                q.subject().value(),
                q.kind().name(),
                q.regime().name(),
                q.regime().deadline().getSeconds(),
                micros(q.received()),
                q.store(),
                q.recordId(),
                q.field(),
                q.value(),
                q.purpose() == null ? null : q.purpose().name(),
                state[0],
                state[1],
                state[2],
                state[3]);
          }
          update("DELETE FROM privacy_dsr_step WHERE request_id = ?", q.id());
          int i = 0;
          for (DsrStatus.Step s : status.steps()) {
            update(
                "INSERT INTO privacy_dsr_step (request_id, step_no, store, done, records, error)"
                    + " VALUES (?, ?, ?, ?, ?, ?)",
                q.id(),
                i++,
                s.store(),
                s.done() ? 1 : 0,
                s.records(),
                s.error().orElse(null));
          }
          return null;
        });
  }

  @Override
  public synchronized List<DsrStatus> requests() throws IOException {
    return tx(
        "cannot read privacy_dsr_request",
        () -> {
          Map<String, List<DsrStatus.Step>> steps = new HashMap<>();
          try (PreparedStatement ps =
                  prepare(
                      "SELECT request_id, store, done, records, error"
                          + " FROM privacy_dsr_step ORDER BY request_id, step_no");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              steps
                  .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                  .add(
                      DsrStatus.Step.of(
                          rs.getString(2), rs.getInt(3) != 0, rs.getInt(4), rs.getString(5)));
            }
          }
          List<DsrStatus> out = new ArrayList<>();
          try (PreparedStatement ps =
                  prepare(
                      "SELECT id, subject, kind, regime,"
                          + " regime_deadline_seconds, received_micros, target_store, record_id, field,"
                          + " new_value, purpose, state, refusal, completed_micros, proof"
                          + " FROM privacy_dsr_request ORDER BY seq");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              String id = rs.getString(1);
              DsrKind kind = DsrKind.valueOf(rs.getString(3));
              DsrRequest.Builder b =
                  DsrRequest.builder()
                      .id(id)
                      .subject(SubjectId.of(rs.getString(2)))
                      .kind(kind)
                      .regime(Regime.of(rs.getString(4), Duration.ofSeconds(rs.getLong(5))))
                      .received(instant(rs.getLong(6)));
              if (kind == DsrKind.RECTIFY) {
                b.rectify(rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
              }
              String purpose = rs.getString(11);
              if (purpose != null) {
                b.purpose(Purpose.of(purpose));
              }
              long completed = rs.getLong(14);
              Instant done = rs.wasNull() ? null : instant(completed);
              out.add(
                  DsrStatus.restore(
                      b.build(),
                      DsrStatus.State.valueOf(rs.getString(12)),
                      steps.getOrDefault(id, List.of()),
                      rs.getString(13),
                      done,
                      rs.getString(15)));
            }
          }
          return out;
        });
  }

  // --- legal holds ---------------------------------------------------------------------------

  @Override
  public synchronized void placeHold(SubjectId subject, String reason) throws IOException {
    Objects.requireNonNull(reason, "reason");
    tx(
        "legal hold was not stored",
        () -> {
          if (update(
                  "UPDATE privacy_legal_hold SET reason = ? WHERE subject = ?",
                  reason,
                  subject.value())
              == 0) {
            update(
                "INSERT INTO privacy_legal_hold (subject, reason) VALUES (?, ?)",
                subject.value(),
                reason);
          }
          return null;
        });
  }

  @Override
  public synchronized void releaseHold(SubjectId subject) throws IOException {
    tx(
        "legal hold release was not stored",
        () -> update("DELETE FROM privacy_legal_hold WHERE subject = ?", subject.value()));
  }

  @Override
  public synchronized Map<SubjectId, String> holds() throws IOException {
    return tx(
        "cannot read privacy_legal_hold",
        () -> {
          Map<SubjectId, String> out = new LinkedHashMap<>();
          try (PreparedStatement ps =
                  prepare("SELECT subject, reason FROM privacy_legal_hold" + " ORDER BY subject");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(SubjectId.of(rs.getString(1)), rs.getString(2));
            }
          }
          return out;
        });
  }

  // --- subject keys --------------------------------------------------------------------------

  @Override
  public synchronized WrappedKey putKeyIfAbsent(SubjectId subject, WrappedKey key)
      throws IOException {
    Objects.requireNonNull(key, "key");
    return tx(
        "the subject's key was not stored",
        () -> {
          WrappedKey kept = readKey(subject);
          if (kept != null) {
            return kept;
          }
          update(
              "INSERT INTO privacy_subject_key (subject, facility, kek_version, wrapped)"
                  + " VALUES (?, ?, ?, ?)",
              subject.value(),
              key.facility(),
              key.kekVersion(),
              B64.encodeToString(key.bytes()));
          return key;
        });
  }

  private @Nullable WrappedKey readKey(SubjectId subject) throws SQLException {
    try (PreparedStatement ps =
            prepare(
                "SELECT facility, kek_version, wrapped"
                    + " FROM privacy_subject_key WHERE subject = ?",
                subject.value());
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      return new WrappedKey(
          rs.getString(1), rs.getInt(2), Base64.getUrlDecoder().decode(rs.getString(3)));
    }
  }

  @Override
  public synchronized @Nullable WrappedKey key(SubjectId subject) throws IOException {
    return tx("cannot read the subject's key", () -> readKey(subject));
  }

  @Override
  public synchronized boolean removeKey(SubjectId subject) throws IOException {
    return tx(
        "the subject's key was not deleted",
        () -> update("DELETE FROM privacy_subject_key WHERE subject = ?", subject.value()) > 0);
  }

  // --- roles ---------------------------------------------------------------------------------

  @Override
  public synchronized void addRole(String actor, Role role) throws IOException {
    tx(
        "role assignment was not stored",
        () -> {
          try (PreparedStatement ps =
                  prepare(
                      "SELECT 1 FROM privacy_role WHERE actor = ? AND role = ?",
                      actor,
                      role.name());
              ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              return null;
            }
          }
          update("INSERT INTO privacy_role (actor, role) VALUES (?, ?)", actor, role.name());
          return null;
        });
  }

  @Override
  public synchronized void removeRole(String actor, Role role) throws IOException {
    tx(
        "role removal was not stored",
        () -> update("DELETE FROM privacy_role WHERE actor = ? AND role = ?", actor, role.name()));
  }

  @Override
  public synchronized Map<String, Set<Role>> assignments() throws IOException {
    return tx(
        "cannot read privacy_role",
        () -> {
          Map<String, Set<Role>> out = new LinkedHashMap<>();
          try (PreparedStatement ps =
                  prepare("SELECT actor, role FROM privacy_role" + " ORDER BY actor, role");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                  .add(Role.of(rs.getString(2)));
            }
          }
          out.replaceAll((k, v) -> Set.copyOf(v));
          return out;
        });
  }

  @Override
  public String toString() {
    return "JdbcPrivacyStore{privacy_* tables}";
  }
}
