package io.ambientretail.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Receipts: one per paid session (unique), with the JSON body as issued. Stateless. */
public final class ReceiptBook {
  /** A stored receipt; {@code body} is its JSON. */
  public record Receipt(
      String receiptId,
      String sessionId,
      String shopperRef,
      long totalMinor,
      String currency,
      int itemCount,
      boolean review,
      long createdMs,
      String body) {}

  /** Inserts a receipt. */
  public void insert(Connection c, Receipt r) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO receipts (receipt_id, session_id,"
                + " shopper_ref, total_minor, currency, item_count, review, created_ms, body)"
                + " VALUES (?,?,?,?,?,?,?,?,?)")) {
      p.setString(1, r.receiptId());
      p.setString(2, r.sessionId());
      p.setString(3, r.shopperRef());
      p.setLong(4, r.totalMinor());
      p.setString(5, r.currency());
      p.setInt(6, r.itemCount());
      p.setInt(7, r.review() ? 1 : 0);
      p.setLong(8, r.createdMs());
      p.setString(9, r.body());
      p.executeUpdate();
    }
  }

  /** A receipt by id. */
  public Optional<Receipt> get(Connection c, String receiptId) throws SQLException {
    List<Receipt> l = query(c, "WHERE receipt_id = ?", receiptId);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  /** The receipt of a session. */
  public Optional<Receipt> ofSession(Connection c, String sessionId) throws SQLException {
    List<Receipt> l = query(c, "WHERE session_id = ?", sessionId);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  /** All receipts, oldest first. */
  public List<Receipt> all(Connection c) throws SQLException {
    return query(c, "ORDER BY created_ms, receipt_id");
  }

  /** The newest receipts, optionally of one shopper only, at most {@code limit}. */
  public List<Receipt> recent(Connection c, String shopperRefOrNull, int limit)
      throws SQLException {
    if (shopperRefOrNull != null) {
      return query(
          c,
          "WHERE shopper_ref = ? ORDER BY created_ms DESC, receipt_id LIMIT " + Math.max(1, limit),
          shopperRefOrNull);
    }
    return query(c, "ORDER BY created_ms DESC, receipt_id LIMIT " + Math.max(1, limit));
  }

  /** Deletes every receipt of a shopper (erasure request); returns how many. */
  public int eraseShopper(Connection c, String shopperRef) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("UPDATE receipts SET shopper_ref = 'erased' WHERE shopper_ref = ?")) {
      p.setString(1, shopperRef);
      return p.executeUpdate();
    }
  }

  private List<Receipt> query(Connection c, String where, Object... args) throws SQLException {
    List<Receipt> out = new ArrayList<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT receipt_id, session_id, shopper_ref,"
                + " total_minor, currency, item_count, review, created_ms, body FROM receipts "
                + where)) {
      for (int i = 0; i < args.length; i++) {
        q.setObject(i + 1, args[i]);
      }
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          out.add(
              new Receipt(
                  r.getString(1),
                  r.getString(2),
                  r.getString(3),
                  r.getLong(4),
                  r.getString(5),
                  r.getInt(6),
                  r.getInt(7) != 0,
                  r.getLong(8),
                  r.getString(9)));
        }
      }
    }
    return out;
  }
}
