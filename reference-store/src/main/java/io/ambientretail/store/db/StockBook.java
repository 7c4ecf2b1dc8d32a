package io.ambientretail.store.db;

import io.ambientretail.store.config.StoreConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lanes and the inventory ledger. Every change of stock is a ledger entry, idempotent by
 * {@code (ref, lane)}, posted in the same transaction as the lane's on-hand count, so on-hand always
 * equals the sum of the lane's ledger. Stateless apart from its ids; thread-safe.
 */
public final class StockBook {
  /** Why stock changed. */
  public enum Reason {
    /** Stock loaded from the planogram the first time the store ran. */
    INITIAL,
    /** Sold on a receipt. */
    SALE,
    /** Back on the shelf after a refund. */
    RETURN,
    /** Restocked by staff. */
    RESTOCK,
    /** Left the shelf unpaid (micromarket reconciliation). */
    SHRINK,
    /** Corrected by an operator after a count. */
    ADJUST
  }

  /** One lane's stock and its ledger sum. */
  public record LaneStock(String laneId, String shelfId, String gtin, String name, long priceMinor,
      long unitMg, int capacity, int onHand, long ledgerSum) {}

  /** One ledger entry. */
  public record Entry(String entryId, String laneId, int delta, String reason, String ref,
      long atMs, String actor) {}

  private final RecordIds ids;

  /** A stock book making ids with {@code ids}. */
  public StockBook(RecordIds ids) {
    this.ids = ids;
  }

  /** Adds the planogram's lanes not yet known, each with its INITIAL ledger entry. */
  public void loadPlanogram(Connection c, StoreConfig config, long nowMs) throws SQLException {
    for (StoreConfig.Lane l : config.lanes()) {
      try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM lanes WHERE lane_id = ?")) {
        q.setString(1, l.id());
        try (ResultSet r = q.executeQuery()) {
          if (r.next()) {
            continue;
          }
        }
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO lanes (lane_id, shelf_id, gtin,"
          + " name, price_minor, unit_mg, capacity, on_hand) VALUES (?,?,?,?,?,?,?,0)")) {
        p.setString(1, l.id());
        p.setString(2, l.shelfId());
        p.setString(3, l.gtin().digits14());
        p.setString(4, l.name());
        p.setLong(5, l.priceMinor());
        p.setLong(6, l.unitGrams() * 1000L);
        p.setInt(7, l.capacity());
        p.executeUpdate();
      }
      post(c, l.id(), l.initial(), Reason.INITIAL, "initial", "system", nowMs);
    }
  }

  /**
   * Posts a stock change; a second post with the same {@code ref} for the lane is ignored.
   *
   * @return true when posted now, false when it was already there
   */
  public boolean post(Connection c, String laneId, int delta, Reason reason, String ref,
      String actor, long nowMs) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(
        "SELECT 1 FROM stock_ledger WHERE ref = ? AND lane_id = ?")) {
      q.setString(1, ref);
      q.setString(2, laneId);
      try (ResultSet r = q.executeQuery()) {
        if (r.next()) {
          return false;
        }
      }
    }
    try (PreparedStatement p = c.prepareStatement("INSERT INTO stock_ledger (entry_id, lane_id,"
        + " delta, reason, ref, at_ms, actor) VALUES (?,?,?,?,?,?,?)")) {
      p.setString(1, ids.next("le"));
      p.setString(2, laneId);
      p.setInt(3, delta);
      p.setString(4, reason.name());
      p.setString(5, ref);
      p.setLong(6, nowMs);
      p.setString(7, actor);
      p.executeUpdate();
    }
    try (PreparedStatement u = c.prepareStatement(
        "UPDATE lanes SET on_hand = on_hand + ? WHERE lane_id = ?")) {
      u.setInt(1, delta);
      u.setString(2, laneId);
      if (u.executeUpdate() != 1) {
        throw new StoreDataException("unknown lane " + laneId);
      }
    }
    return true;
  }

  /** Every lane with its on-hand count and ledger sum, in lane order. */
  public List<LaneStock> lanes(Connection c) throws SQLException {
    List<LaneStock> out = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement("SELECT l.lane_id, l.shelf_id, l.gtin, l.name,"
        + " l.price_minor, l.unit_mg, l.capacity, l.on_hand,"
        + " (SELECT COALESCE(SUM(e.delta), 0) FROM stock_ledger e WHERE e.lane_id = l.lane_id)"
        + " FROM lanes l ORDER BY l.lane_id");
        ResultSet r = q.executeQuery()) {
      while (r.next()) {
        out.add(new LaneStock(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
            r.getLong(5), r.getLong(6), r.getInt(7), r.getInt(8), r.getLong(9)));
      }
    }
    return out;
  }

  /** On-hand per lane id. */
  public Map<String, Integer> onHand(Connection c) throws SQLException {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (LaneStock l : lanes(c)) {
      out.put(l.laneId(), l.onHand());
    }
    return out;
  }

  /** Ledger entries, newest first, at most {@code limit}. */
  public List<Entry> recent(Connection c, int limit) throws SQLException {
    List<Entry> out = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement("SELECT entry_id, lane_id, delta, reason, ref,"
        + " at_ms, actor FROM stock_ledger ORDER BY at_ms DESC, entry_id LIMIT ?")) {
      q.setInt(1, limit);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          out.add(new Entry(r.getString(1), r.getString(2), r.getInt(3), r.getString(4),
              r.getString(5), r.getLong(6), r.getString(7)));
        }
      }
    }
    return out;
  }

  /** Units per reason over all time (for KPIs). */
  public Map<String, Long> unitsByReason(Connection c) throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    try (PreparedStatement q = c.prepareStatement(
        "SELECT reason, SUM(delta) FROM stock_ledger GROUP BY reason");
        ResultSet r = q.executeQuery()) {
      while (r.next()) {
        out.put(r.getString(1), r.getLong(2));
      }
    }
    return out;
  }

  /** Shrink units per lane and hour bucket (epoch hour), for the micromarket report. */
  public List<Map<String, Object>> shrinkByLaneHour(Connection c) throws SQLException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement("SELECT lane_id, at_ms / 3600000, -SUM(delta)"
        + " FROM stock_ledger WHERE reason = 'SHRINK' GROUP BY lane_id, at_ms / 3600000"
        + " ORDER BY 2, 1");
        ResultSet r = q.executeQuery()) {
      while (r.next()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lane", r.getString(1));
        m.put("hourStart", java.time.Instant.ofEpochMilli(r.getLong(2) * 3_600_000L).toString());
        m.put("units", r.getLong(3));
        out.add(m);
      }
    }
    return out;
  }
}
