package db.migration;

import io.ambientretail.privacy.store.JdbcPrivacyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Creates sdk-privacy's {@code privacy_*} tables (consent records, data-subject request progress,
 * legal holds, subject keys, role assignments) from the DDL the library ships ({@link
 * JdbcPrivacyStore#DDL_RESOURCES}), so the store's schema and {@code JdbcPrivacyStore} can never
 * disagree, and moves the store's own {@code consents} table into {@code privacy_consent}.
 *
 * <p>Each {@code consents} row (one per card fingerprint and purpose: the latest decision) becomes
 * one consent record under the subject the store's one consent registry uses for a card: the
 * shopper reference consent gives it ({@code sh_} and the fingerprint's core, see {@code
 * ReturningCards.subjectOf}). A grant is a {@code GRANT} after notice {@code returning-card} v1
 * (the only notice the store ever published), a withdrawal a {@code WITHDRAW}; the channel says the
 * record was migrated. The table is then dropped, so no fingerprint is left behind in it for an
 * erasure to miss.
 */
public final class V32__PrivacyStore extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    try (Statement s = c.createStatement()) {
      for (String r : JdbcPrivacyStore.DDL_RESOURCES) {
        s.execute(JdbcPrivacyStore.ddl(r));
      }
    }
    long seq = 0;
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT MAX(seq) FROM privacy_consent")) {
      if (r.next()) {
        long max = r.getLong(1);
        seq = r.wasNull() ? 0 : max + 1;
      }
    }
    try (PreparedStatement q =
            c.prepareStatement(
                "SELECT card_fingerprint, purpose, granted,"
                    + " at_ms FROM consents ORDER BY at_ms, card_fingerprint, purpose");
        ResultSet r = q.executeQuery();
        PreparedStatement p =
            c.prepareStatement(
                "INSERT INTO privacy_consent (seq, subject,"
                    + " purpose, action, notice_id, notice_version, channel, at_micros)"
                    + " VALUES (?,?,?,?,?,?,?,?)")) {
      while (r.next()) {
        String fingerprint = r.getString(1);
        boolean granted = r.getInt(3) == 1;
        p.setLong(1, seq++);
        p.setString(
            2, "sh_" + (fingerprint.startsWith("fp_") ? fingerprint.substring(3) : fingerprint));
        p.setString(3, r.getString(2));
        p.setString(4, granted ? "GRANT" : "WITHDRAW");
        p.setString(5, granted ? "returning-card" : "");
        p.setInt(6, granted ? 1 : 0);
        p.setString(7, "migrated from consents (V32)");
        p.setLong(8, Math.multiplyExact(r.getLong(4), 1000L));
        p.executeUpdate();
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE consents");
    }
  }
}
