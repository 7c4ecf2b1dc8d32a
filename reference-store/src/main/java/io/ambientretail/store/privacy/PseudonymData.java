package io.ambientretail.store.privacy;

import io.ambientretail.privacy.DataCategory;
import io.ambientretail.privacy.SubjectId;
import io.ambientretail.privacy.dsr.PersonalRecord;
import io.ambientretail.privacy.residency.Region;
import io.ambientretail.store.db.Database;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shopper's audit pseudonym ({@code audit-pseudonyms}) and the shopper tokens issued to them
 * ({@code api_tokens}). Deleting removes both: the audit log's entries about the pseudonym stay, as
 * they must, but nothing leads from them to the shopper any more, and their tokens stop working.
 * Kept as long as the shopper is (no retention rule of its own).
 */
final class PseudonymData extends SqlPersonalData {
  PseudonymData(Database db, Region region) {
    super("audit-pseudonyms", DataCategory.PSEUDONYM, db, region);
  }

  @Override
  public List<PersonalRecord> find(SubjectId subject) throws IOException {
    return tx(
        c -> {
          List<PersonalRecord> out = new ArrayList<>();
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT pseudonym, created_ms FROM audit_pseudonyms WHERE shopper_ref = ?")) {
            q.setString(1, subject.value());
            try (ResultSet r = q.executeQuery()) {
              while (r.next()) {
                out.add(
                    record(
                        r.getString(1),
                        subject,
                        r.getLong(2),
                        Map.of("auditPseudonym", r.getString(1))));
              }
            }
          }
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT created_ms FROM api_tokens WHERE"
                      + " shopper_ref = ? ORDER BY created_ms")) {
            q.setString(1, subject.value());
            try (ResultSet r = q.executeQuery()) {
              int i = 0;
              while (r.next()) {
                out.add(
                    record(
                        "shopper-token-" + i++,
                        subject,
                        r.getLong(1),
                        Map.of("apiToken", "issued (kept only as a hash)")));
              }
            }
          }
          return out;
        });
  }

  @Override
  public int delete(SubjectId subject) throws IOException {
    return tx(
        c -> {
          int n = 0;
          for (String sql :
              new String[] {
                "DELETE FROM audit_pseudonyms WHERE shopper_ref = ?",
                "DELETE FROM api_tokens WHERE shopper_ref = ?"
              }) {
            try (PreparedStatement p = c.prepareStatement(sql)) {
              p.setString(1, subject.value());
              n += p.executeUpdate();
            }
          }
          return n;
        });
  }

  @Override
  public List<PersonalRecord> collectedBefore(Instant cutoff) {
    return none();
  }

  @Override
  public boolean deleteRecord(String recordId) {
    return false;
  }
}
