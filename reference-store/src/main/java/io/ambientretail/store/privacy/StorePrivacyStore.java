package io.ambientretail.store.privacy;

import io.ambientretail.privacy.ConsentRecord;
import io.ambientretail.privacy.Role;
import io.ambientretail.privacy.SubjectId;
import io.ambientretail.privacy.dsr.DsrKind;
import io.ambientretail.privacy.dsr.DsrStatus;
import io.ambientretail.privacy.keys.WrappedKey;
import io.ambientretail.privacy.store.JdbcPrivacyStore;
import io.ambientretail.privacy.store.PrivacyStore;
import io.ambientretail.store.db.Database;
import io.ambientretail.store.db.StoreDataException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * sdk-privacy's {@link JdbcPrivacyStore} in the store's own database (tables {@code privacy_*},
 * created by migration V32 from the library's DDL), inside the store's transactions: each call runs
 * in {@code Database.tx} (joining the caller's transaction when there is one, so a consent change
 * commits atomically with the store's audit entry for it) and in its own savepoint, so a failed
 * call leaves nothing half-written in a transaction that goes on.
 *
 * <p>Data-subject requests: while a request is in flight (received or partial) its row keeps the
 * shopper reference, which a restart needs to resume it; once it is completed or rejected the row's
 * subject becomes the request's audit pseudonym (the one {@code dsr_requests} files it under) and a
 * rectification's new value is dropped. A completed delete request does the same to every other
 * request about the erased shopper, so no identifier of theirs stays here. Thread-safe.
 */
public final class StorePrivacyStore implements PrivacyStore {
  /** Work on the library's store inside the store's transaction. */
  @FunctionalInterface
  private interface Call<T> {
    T run(JdbcPrivacyStore store, Connection c) throws IOException, SQLException;
  }

  private final Database db;
  private final JdbcPrivacyStore store;

  private StorePrivacyStore(Database db, JdbcPrivacyStore store) {
    this.db = db;
    this.store = store;
  }

  /**
   * The privacy store in {@code db}, whose migrations created its tables.
   *
   * @throws IOException if the tables are not there and cannot be created
   */
  public static StorePrivacyStore open(Database db) throws IOException {
    try {
      return new StorePrivacyStore(
          db,
          db.tx(
              c -> {
                try {
                  return JdbcPrivacyStore.create(AuditConnections.joined(c));
                } catch (IOException e) {
                  throw new SQLException(e.getMessage(), e);
                }
              }));
    } catch (StoreDataException e) {
      throw new IOException("privacy store: " + e.getMessage(), e);
    }
  }

  private <T> T call(String what, Call<T> work) throws IOException {
    try {
      return db.tx(
          c -> {
            Savepoint sp = c.setSavepoint();
            try {
              T t = work.run(store, c);
              c.releaseSavepoint(sp);
              return t;
            } catch (IOException | SQLException | RuntimeException e) {
              try {
                c.rollback(sp);
              } catch (SQLException r) {
                e.addSuppressed(r);
              }
              throw e instanceof SQLException s ? s : new SQLException(e.getMessage(), e);
            }
          });
    } catch (StoreDataException e) {
      throw new IOException(what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void appendConsent(ConsentRecord record) throws IOException {
    call(
        "consent record was not stored",
        (s, c) -> {
          s.appendConsent(record);
          return null;
        });
  }

  @Override
  public List<ConsentRecord> consentRecords() throws IOException {
    return call("cannot read consent records", (s, c) -> s.consentRecords());
  }

  @Override
  public int eraseConsent(SubjectId subject) throws IOException {
    return call("consent records were not erased", (s, c) -> s.eraseConsent(subject));
  }

  @Override
  public void saveRequest(DsrStatus status) throws IOException {
    call(
        "progress of request " + status.request().id() + " was not saved",
        (s, c) -> {
          s.saveRequest(status);
          DsrStatus.State state = status.state();
          if (state == DsrStatus.State.COMPLETED || state == DsrStatus.State.REJECTED) {
            // the request is answered: keep it under its pseudonym, never the shopper's reference
            pseudonymise(c, "id = ?", status.request().id());
            if (status.request().kind() == DsrKind.RECTIFY) {
              try (PreparedStatement p =
                  c.prepareStatement(
                      "UPDATE privacy_dsr_request SET new_value = '' WHERE id = ?")) {
                p.setString(1, status.request().id());
                p.executeUpdate();
              }
            }
            if (state == DsrStatus.State.COMPLETED && status.request().kind() == DsrKind.DELETE) {
              pseudonymise(c, "subject = ?", status.request().subject().value());
            }
          }
          return null;
        });
  }

  private static void pseudonymise(Connection c, String where, String arg) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE privacy_dsr_request SET subject ="
                + " COALESCE((SELECT d.shopper_ref FROM dsr_requests d WHERE d.dsr_id ="
                + " privacy_dsr_request.id), 'erased') WHERE "
                + where)) {
      p.setString(1, arg);
      p.executeUpdate();
    }
  }

  @Override
  public List<DsrStatus> requests() throws IOException {
    return call("cannot read data-subject requests", (s, c) -> s.requests());
  }

  @Override
  public void placeHold(SubjectId subject, String reason) throws IOException {
    call(
        "legal hold was not stored",
        (s, c) -> {
          s.placeHold(subject, reason);
          return null;
        });
  }

  @Override
  public void releaseHold(SubjectId subject) throws IOException {
    call(
        "legal hold release was not stored",
        (s, c) -> {
          s.releaseHold(subject);
          return null;
        });
  }

  @Override
  public Map<SubjectId, String> holds() throws IOException {
    return call("cannot read legal holds", (s, c) -> s.holds());
  }

  @Override
  public WrappedKey putKeyIfAbsent(SubjectId subject, WrappedKey key) throws IOException {
    return call("the subject's key was not stored", (s, c) -> s.putKeyIfAbsent(subject, key));
  }

  @Override
  public @Nullable WrappedKey key(SubjectId subject) throws IOException {
    return call("cannot read the subject's key", (s, c) -> s.key(subject));
  }

  @Override
  public boolean removeKey(SubjectId subject) throws IOException {
    return call("the subject's key was not deleted", (s, c) -> s.removeKey(subject));
  }

  @Override
  public void addRole(String actor, Role role) throws IOException {
    call(
        "role assignment was not stored",
        (s, c) -> {
          s.addRole(actor, role);
          return null;
        });
  }

  @Override
  public void removeRole(String actor, Role role) throws IOException {
    call(
        "role removal was not stored",
        (s, c) -> {
          s.removeRole(actor, role);
          return null;
        });
  }

  @Override
  public Map<String, Set<Role>> assignments() throws IOException {
    return call("cannot read role assignments", (s, c) -> s.assignments());
  }

  @Override
  public String toString() {
    return "StorePrivacyStore{privacy_* tables in " + db.describe() + "}";
  }
}
