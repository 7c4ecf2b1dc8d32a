package io.ambientretail.store.privacy;

import io.ambientretail.privacy.DataCategory;
import io.ambientretail.privacy.SubjectId;
import io.ambientretail.privacy.dsr.PersonalRecord;
import io.ambientretail.privacy.residency.Region;
import io.ambientretail.store.db.Database;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Card data linked to a shopper ({@code card-data}, financial tokens): the card token, fingerprint
 * and label on each of their sessions, the fingerprint on the payment journal's rows and the card's
 * consent (in the store's consent registry, told through {@code cardForgotten} once no session
 * holds the fingerprint any more). One record per session that holds card data ({@code
 * card@<session>}). Deleting removes all of it, on every visit made with the same card; the
 * journal's amounts and acquirer references stay for the books. Must run before {@code
 * session-tracks}, which unlinks the sessions from the shopper.
 */
final class CardData extends SqlPersonalData {
  private final Consumer<String> cardForgotten;

  /**
   * Card data in {@code db}; {@code cardForgotten} gets each fingerprint no session holds any more,
   * inside the deleting transaction (on the same connection), to erase what is kept under it
   * elsewhere.
   */
  CardData(Database db, Region region, Consumer<String> cardForgotten) {
    super("card-data", DataCategory.FINANCIAL_TOKEN, db, region);
    this.cardForgotten = cardForgotten;
  }

  @Override
  public List<PersonalRecord> find(SubjectId subject) throws IOException {
    return tx(
        c -> {
          List<PersonalRecord> out = new ArrayList<>();
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT session_id, card_label,"
                      + " card_fingerprint, opened_ms FROM sessions WHERE shopper_ref = ? AND (card_token IS"
                      + " NOT NULL OR card_fingerprint IS NOT NULL) ORDER BY opened_ms")) {
            q.setString(1, subject.value());
            try (ResultSet r = q.executeQuery()) {
              while (r.next()) {
                Map<String, String> f = new LinkedHashMap<>();
                f.put("session", r.getString(1));
                f.put("card", text(r.getString(2)));
                f.put("fingerprint", text(r.getString(3)));
                out.add(record("card@" + r.getString(1), subject, r.getLong(4), f));
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
          // the subject's sessions, and every other visit with the same card: without consent each
          // visit has its own shopper reference, but the card (its fingerprint) is the same
          // person's
          java.util.Set<String> sessions = new java.util.LinkedHashSet<>();
          java.util.Set<String> fingerprints = new java.util.LinkedHashSet<>();
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT session_id, card_fingerprint FROM"
                      + " sessions WHERE shopper_ref = ? AND (card_token IS NOT NULL OR card_fingerprint IS"
                      + " NOT NULL)")) {
            q.setString(1, subject.value());
            try (ResultSet r = q.executeQuery()) {
              while (r.next()) {
                sessions.add(r.getString(1));
                if (r.getString(2) != null) {
                  fingerprints.add(r.getString(2));
                }
              }
            }
          }
          for (String fp : fingerprints) {
            try (PreparedStatement q =
                c.prepareStatement("SELECT session_id FROM sessions WHERE card_fingerprint = ?")) {
              q.setString(1, fp);
              try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                  sessions.add(r.getString(1));
                }
              }
            }
          }
          int n = 0;
          for (String s : sessions) {
            n += clear(c, s) ? 1 : 0;
          }
          return n;
        });
  }

  @Override
  public List<PersonalRecord> collectedBefore(Instant cutoff) throws IOException {
    return tx(
        c -> {
          List<PersonalRecord> out = new ArrayList<>();
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT session_id, shopper_ref, closed_ms"
                      + " FROM sessions WHERE closed_ms < ? AND (card_token IS NOT NULL OR"
                      + " card_fingerprint IS NOT NULL)")) {
            q.setLong(1, cutoff.toEpochMilli());
            try (ResultSet r = q.executeQuery()) {
              while (r.next()) {
                out.add(
                    record(
                        "card@" + r.getString(1),
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
    if (!recordId.startsWith("card@")) {
      return false;
    }
    return tx(c -> clear(c, recordId.substring(5)));
  }

  /** Removes the card data of one session wherever the store copied it. */
  private boolean clear(Connection c, String sessionId) throws SQLException {
    String fingerprint = null;
    try (PreparedStatement q =
        c.prepareStatement("SELECT card_fingerprint FROM sessions WHERE session_id = ?")) {
      q.setString(1, sessionId);
      try (ResultSet r = q.executeQuery()) {
        if (r.next()) {
          fingerprint = r.getString(1);
        }
      }
    }
    int n;
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE sessions SET card_token = NULL,"
                + " card_fingerprint = NULL, card_label = NULL WHERE session_id = ? AND (card_token IS"
                + " NOT NULL OR card_fingerprint IS NOT NULL)")) {
      p.setString(1, sessionId);
      n = p.executeUpdate();
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE payment_journal SET card_fingerprint = NULL WHERE session_id = ?")) {
      p.setString(1, sessionId);
      p.executeUpdate();
    }
    if (fingerprint != null && !stillUsed(c, fingerprint)) {
      for (String sql :
          new String[] {
            "UPDATE payment_journal SET card_fingerprint = NULL WHERE card_fingerprint = ?",
            "DELETE FROM alerts WHERE subject = ?"
          }) {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          p.setString(1, fingerprint);
          p.executeUpdate();
        }
      }
      // the audit log's pseudonym of the card (a fingerprint and its consented shopper
      // reference share one): the entries stay, but nothing leads from them to the card
      try (PreparedStatement p =
          c.prepareStatement("DELETE FROM audit_pseudonyms WHERE shopper_ref = ?")) {
        p.setString(1, "sh_" + fingerprint.substring(fingerprint.startsWith("fp_") ? 3 : 0));
        p.executeUpdate();
      }
      cardForgotten.accept(fingerprint);
    }
    return n > 0;
  }

  private static boolean stillUsed(Connection c, String fingerprint) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement("SELECT 1 FROM sessions WHERE card_fingerprint = ?")) {
      q.setString(1, fingerprint);
      try (ResultSet r = q.executeQuery()) {
        return r.next();
      }
    }
  }
}
