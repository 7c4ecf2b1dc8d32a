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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A shopper's visits ({@code session-tracks}, location tracks): each session with when they came
 * and left and what they took from which lane. Deleting unlinks the sessions from the shopper
 * (their shopper reference becomes {@code erased}): the picks stay as anonymous movement for stock
 * and KPIs, the payment journal keeps its sessions.
 */
final class SessionTracks extends SqlPersonalData {
  SessionTracks(Database db, Region region) {
    super("session-tracks", DataCategory.LOCATION_TRACK, db, region);
  }

  @Override
  public List<PersonalRecord> find(SubjectId subject) throws IOException {
    return tx(
        c -> {
          List<PersonalRecord> out = new ArrayList<>();
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT s.session_id, s.kind, s.state,"
                      + " s.opened_ms, s.closed_ms, s.close_reason, (SELECT COUNT(*) FROM cart_events e"
                      + " WHERE e.session_id = s.session_id) FROM sessions s WHERE s.shopper_ref = ?"
                      + " ORDER BY s.opened_ms")) {
            q.setString(1, subject.value());
            try (ResultSet r = q.executeQuery()) {
              while (r.next()) {
                Map<String, String> f = new LinkedHashMap<>();
                f.put("session", r.getString(1));
                f.put("kind", r.getString(2));
                f.put("state", r.getString(3));
                f.put("entered", Instant.ofEpochMilli(r.getLong(4)).toString());
                long closed = r.getLong(5);
                f.put("left", r.wasNull() ? "" : Instant.ofEpochMilli(closed).toString());
                f.put("closeReason", text(r.getString(6)));
                f.put("shelfEvents", Long.toString(r.getLong(7)));
                out.add(record(r.getString(1), subject, r.getLong(4), f));
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
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE sessions SET shopper_ref = 'erased' WHERE shopper_ref = ?")) {
            p.setString(1, subject.value());
            return p.executeUpdate();
          }
        });
  }

  @Override
  public List<PersonalRecord> collectedBefore(Instant cutoff) throws IOException {
    return tx(
        c -> {
          List<PersonalRecord> out = new ArrayList<>();
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT session_id, shopper_ref, opened_ms"
                      + " FROM sessions WHERE opened_ms < ? AND closed_ms IS NOT NULL AND shopper_ref NOT IN"
                      + " ('erased', 'kiosk')")) {
            q.setLong(1, cutoff.toEpochMilli());
            try (ResultSet r = q.executeQuery()) {
              while (r.next()) {
                out.add(
                    record(
                        r.getString(1),
                        SubjectId.of(r.getString(2)),
                        r.getLong(3),
                        Map.of("session", r.getString(1))));
              }
            }
          }
          return out;
        });
  }

  @Override
  public boolean deleteRecord(String recordId) throws IOException {
    return tx(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE sessions SET shopper_ref = 'erased'"
                      + " WHERE session_id = ? AND shopper_ref <> 'erased'")) {
            p.setString(1, recordId);
            return p.executeUpdate() > 0;
          }
        });
  }
}
