package io.ambientretail.store.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/**
 * Receipts as personal data ({@code receipts}, purchase history). Receipts are financial records
 * the store must keep, so deleting (by request or retention) removes the shopper from them: the
 * receipt's shopper reference and its shopper and card fields become {@code erased}; the lines and
 * totals stay for the books.
 */
final class ReceiptData extends SqlPersonalData {
  private final ObjectMapper json = new ObjectMapper();

  ReceiptData(Database db, Region region) {
    super("receipts", DataCategory.PURCHASE_HISTORY, db, region);
  }

  @Override
  public List<PersonalRecord> find(SubjectId subject) throws IOException {
    return tx(c -> select(c, "shopper_ref = ?", subject.value(), subject));
  }

  @Override
  public int delete(SubjectId subject) throws IOException {
    return tx(
        c -> {
          int n = 0;
          for (String id : ids(c, "shopper_ref = ?", subject.value())) {
            n += unlink(c, id);
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
                  "SELECT DISTINCT shopper_ref FROM receipts"
                      + " WHERE created_ms < ? AND shopper_ref NOT IN ('erased', 'kiosk')")) {
            q.setLong(1, cutoff.toEpochMilli());
            try (ResultSet r = q.executeQuery()) {
              while (r.next()) {
                SubjectId s = SubjectId.of(r.getString(1));
                for (PersonalRecord p : select(c, "shopper_ref = ?", s.value(), s)) {
                  if (p.collected().isBefore(cutoff)) {
                    out.add(p);
                  }
                }
              }
            }
          }
          return out;
        });
  }

  @Override
  public boolean deleteRecord(String recordId) throws IOException {
    return tx(c -> unlink(c, recordId) > 0);
  }

  private List<PersonalRecord> select(Connection c, String where, String arg, SubjectId subject)
      throws SQLException {
    List<PersonalRecord> out = new ArrayList<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT receipt_id, session_id, total_minor,"
                + " currency, item_count, created_ms, body FROM receipts WHERE "
                + where
                + " ORDER BY created_ms")) {
      q.setString(1, arg);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          Map<String, String> f = new LinkedHashMap<>();
          f.put("receipt", r.getString(1));
          f.put("session", r.getString(2));
          f.put("totalMinor", Long.toString(r.getLong(3)));
          f.put("currency", r.getString(4));
          f.put("items", Integer.toString(r.getInt(5)));
          f.put("body", r.getString(7));
          out.add(record(r.getString(1), subject, r.getLong(6), f));
        }
      }
    }
    return out;
  }

  private static List<String> ids(Connection c, String where, String arg) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement q =
        c.prepareStatement("SELECT receipt_id FROM receipts WHERE " + where)) {
      q.setString(1, arg);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
    }
    return out;
  }

  private int unlink(Connection c, String receiptId) throws SQLException, IOException {
    String body;
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT body FROM receipts WHERE receipt_id = ?" + " AND shopper_ref <> 'erased'")) {
      q.setString(1, receiptId);
      try (ResultSet r = q.executeQuery()) {
        if (!r.next()) {
          return 0;
        }
        body = r.getString(1);
      }
    }
    ObjectNode n = (ObjectNode) json.readTree(body);
    n.put("shopper", ERASED);
    n.put("card", ERASED);
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE receipts SET body = ?, shopper_ref = 'erased' WHERE receipt_id = ?")) {
      p.setString(1, json.writeValueAsString(n));
      p.setString(2, receiptId);
      return p.executeUpdate();
    }
  }
}
