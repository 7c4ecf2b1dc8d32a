package io.ambientretail.store.db;

import io.ambientretail.core.LaneId;
import io.ambientretail.core.SkuId;
import io.ambientretail.core.StoreId;
import io.ambientretail.core.Weight;
import io.ambientretail.inventory.ledger.Discrepancy;
import io.ambientretail.inventory.ledger.InventoryLedger;
import io.ambientretail.inventory.ledger.LedgerConflictException;
import io.ambientretail.inventory.ledger.PostResult;
import io.ambientretail.inventory.ledger.ShelfReconciler;
import io.ambientretail.inventory.ledger.StockLocation;
import io.ambientretail.inventory.ledger.StockMovement;
import io.ambientretail.store.config.StoreConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lanes and their stock: a thin adapter from the store's records to sdk-inventory's {@link
 * InventoryLedger} over a {@link JdbcLedgerStore}. Every change of stock is a ledger entry whose
 * source event is {@code ref@lane} (so a retry posts once), written in the caller's transaction
 * together with the lane's on-hand count, so on-hand always equals the sum of the lane's ledger and
 * a sale's entries commit with its receipt.
 *
 * <p>The ledger's balances live in memory and are rebuilt from the database when the connection
 * changes or a rolled-back transaction took entries with it. Thread-safe.
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
  public record LaneStock(
      String laneId,
      String shelfId,
      String gtin,
      String name,
      long priceMinor,
      long unitMg,
      int capacity,
      int onHand,
      long ledgerSum) {}

  /** One ledger entry. */
  public record Entry(
      String entryId,
      String laneId,
      int delta,
      String reason,
      String ref,
      long atMs,
      String actor) {}

  private static final String PRE_V20_STORE = "pre-v20";

  private final RecordIds ids;
  private final JdbcLedgerStore store = new JdbcLedgerStore();
  private final Map<String, String> skuOfLane = new ConcurrentHashMap<>();
  private volatile StoreId storeId;
  private InventoryLedger ledger;
  private Connection ledgerConnection;
  private long ledgerLast = -1;

  /** A stock book making ids with {@code ids}. */
  public StockBook(RecordIds ids) {
    this.ids = ids;
  }

  /** Adds the planogram's lanes not yet known, each with its INITIAL ledger entry. */
  public void loadPlanogram(Connection c, StoreConfig config, long nowMs) throws SQLException {
    storeId = StoreId.of(config.storeId());
    try (PreparedStatement u =
        c.prepareStatement("UPDATE inventory_ledger SET store_id = ? WHERE store_id = ?")) {
      u.setString(1, storeId.value());
      u.setString(2, PRE_V20_STORE);
      if (u.executeUpdate() > 0) {
        ledgerLast = -1;
      }
    }
    for (StoreConfig.Lane l : config.lanes()) {
      skuOfLane.put(l.id(), skuOf(l.gtin().digits14()));
      try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM lanes WHERE lane_id = ?")) {
        q.setString(1, l.id());
        try (ResultSet r = q.executeQuery()) {
          if (r.next()) {
            continue;
          }
        }
      }
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO lanes (lane_id, shelf_id, gtin,"
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
   * Posts a stock change to sdk-inventory's ledger in the caller's transaction; a second post with
   * the same {@code ref} for the lane is ignored. A zero change posts nothing.
   *
   * @return true when posted now, false when it was already there (or was zero)
   * @throws IllegalArgumentException if the sign does not fit the reason (a SALE or SHRINK must be
   *     negative; INITIAL, RESTOCK and RETURN positive)
   * @throws StoreDataException for an unknown lane
   */
  public boolean post(
      Connection c, String laneId, int delta, Reason reason, String ref, String actor, long nowMs)
      throws SQLException {
    if (delta == 0) {
      return false;
    }
    String sku = sku(c, laneId);
    StockLocation at = location(laneId);
    String source = sourceEvent(ref, laneId);
    String why = reason.name() + " by " + actor;
    Instant when = Instant.ofEpochMilli(nowMs);
    boolean out = reason == Reason.SALE || reason == Reason.SHRINK;
    if (reason != Reason.ADJUST && (delta < 0) != out) {
      throw new IllegalArgumentException(
          reason + " must be " + (out ? "negative" : "positive") + ", was " + delta);
    }
    StockMovement m =
        switch (reason) {
          case INITIAL, RESTOCK ->
              StockMovement.receipt(source, at, SkuId.of(sku), delta, null, why, when);
          case RETURN -> StockMovement.returned(source, at, SkuId.of(sku), delta, null, why, when);
          case SALE -> StockMovement.sale(source, at, SkuId.of(sku), -delta, why, when);
          case SHRINK -> StockMovement.shrink(source, at, SkuId.of(sku), -delta, why, when);
          case ADJUST ->
              StockMovement.adjustment(source, at, SkuId.of(sku), delta, null, why, when);
        };
    PostResult r;
    synchronized (this) {
      try (JdbcLedgerStore.Binding b = store.bind(c)) {
        InventoryLedger l = ledger(c);
        try {
          r = l.post(m);
        } catch (LedgerConflictException e) {
          // the same (ref, lane) was posted with other figures: the first one stands
          return false;
        }
        if (!r.duplicate()) {
          ledgerLast = r.entries().get(r.entries().size() - 1).sequence();
        }
      }
    }
    if (r.duplicate()) {
      return false;
    }
    try (PreparedStatement u =
        c.prepareStatement("UPDATE lanes SET on_hand = on_hand + ? WHERE lane_id = ?")) {
      u.setInt(1, delta);
      u.setString(2, laneId);
      if (u.executeUpdate() != 1) {
        throw new StoreDataException("unknown lane " + laneId);
      }
    }
    return true;
  }

  /**
   * Compares a lane's settled shelf weight with the ledger through sdk-inventory's {@link
   * ShelfReconciler}.
   *
   * @param measuredMg the lane's settled net weight in milligrams
   * @return the discrepancy, or empty when shelf and ledger agree
   */
  public Optional<Discrepancy> reconcile(Connection c, String laneId, long measuredMg)
      throws SQLException {
    String sku = sku(c, laneId);
    long unitMg;
    try (PreparedStatement q = c.prepareStatement("SELECT unit_mg FROM lanes WHERE lane_id = ?")) {
      q.setString(1, laneId);
      try (ResultSet r = q.executeQuery()) {
        if (!r.next()) {
          throw new StoreDataException("unknown lane " + laneId);
        }
        unitMg = r.getLong(1);
      }
    }
    synchronized (this) {
      try (JdbcLedgerStore.Binding b = store.bind(c)) {
        return new ShelfReconciler(ledger(c))
            .reconcile(
                location(laneId),
                SkuId.of(sku),
                Weight.ofMilligrams(Math.max(0, measuredMg)),
                Weight.ofMilligrams(unitMg),
                Weight.ZERO);
      }
    }
  }

  /** The ledger's on-hand units of a lane (sdk-inventory's view, for checks). */
  public long ledgerOnHand(Connection c, String laneId) throws SQLException {
    String sku = sku(c, laneId);
    synchronized (this) {
      try (JdbcLedgerStore.Binding b = store.bind(c)) {
        return ledger(c).onHand(location(laneId), SkuId.of(sku));
      }
    }
  }

  /** The ledger over this connection, rebuilt when a transaction rolled back entries it holds. */
  private InventoryLedger ledger(Connection c) throws SQLException {
    long last = JdbcLedgerStore.lastSequence(c);
    if (ledger == null || ledgerConnection != c || last != ledgerLast) {
      ledger = InventoryLedger.open(store);
      ledgerConnection = c;
      ledgerLast = last;
    }
    return ledger;
  }

  private StockLocation location(String laneId) {
    StoreId s = storeId;
    if (s == null) {
      throw new IllegalStateException("load the planogram before posting stock");
    }
    return StockLocation.lane(s, LaneId.of(laneId));
  }

  private String sku(Connection c, String laneId) throws SQLException {
    String sku = skuOfLane.get(laneId);
    if (sku != null) {
      return sku;
    }
    try (PreparedStatement q = c.prepareStatement("SELECT gtin FROM lanes WHERE lane_id = ?")) {
      q.setString(1, laneId);
      try (ResultSet r = q.executeQuery()) {
        if (!r.next()) {
          throw new StoreDataException("unknown lane " + laneId);
        }
        skuOfLane.put(laneId, skuOf(r.getString(1)));
        return skuOf(r.getString(1));
      }
    }
  }

  /**
   * The ledger's SKU id of a lane's GTIN-14: {@code gtin:} and the digits, so that no digit run in
   * the database joins a lane id and a GTIN into something that reads like a card number.
   */
  public static String skuOf(String gtin14) {
    return "gtin:" + gtin14;
  }

  /** The ledger's source event id of a (ref, lane) pair: at most 128 characters. */
  static String sourceEvent(String ref, String laneId) {
    String s = ref + "@" + laneId;
    if (s.length() <= 128) {
      return s;
    }
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String storeReason(String reasonText) {
    int i = reasonText.indexOf(" by ");
    return i < 0 ? reasonText : reasonText.substring(0, i);
  }

  private static String actor(String reasonText) {
    int i = reasonText.indexOf(" by ");
    return i < 0 ? "" : reasonText.substring(i + 4);
  }

  private static String ref(String sourceEvent) {
    int i = sourceEvent.lastIndexOf('@');
    return i < 0 ? sourceEvent : sourceEvent.substring(0, i);
  }

  /** Every lane with its on-hand count and ledger sum, in lane order. */
  public List<LaneStock> lanes(Connection c) throws SQLException {
    List<LaneStock> out = new ArrayList<>();
    try (PreparedStatement q =
            c.prepareStatement(
                "SELECT l.lane_id, l.shelf_id, l.gtin, l.name,"
                    + " l.price_minor, l.unit_mg, l.capacity, l.on_hand,"
                    + " (SELECT COALESCE(SUM(e.quantity), 0) FROM inventory_ledger e WHERE e.location ="
                    + " l.lane_id AND e.location_kind = 'SHELF_LANE')"
                    + " FROM lanes l ORDER BY l.lane_id");
        ResultSet r = q.executeQuery()) {
      while (r.next()) {
        out.add(
            new LaneStock(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getLong(5),
                r.getLong(6),
                r.getInt(7),
                r.getInt(8),
                r.getLong(9)));
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
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT seq, location, quantity, reason,"
                + " source_event, occurred_ms FROM inventory_ledger ORDER BY seq DESC LIMIT ?")) {
      q.setInt(1, limit);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          out.add(
              new Entry(
                  "le_" + r.getLong(1),
                  r.getString(2),
                  r.getInt(3),
                  storeReason(r.getString(4)),
                  ref(r.getString(5)),
                  r.getLong(6),
                  actor(r.getString(4))));
        }
      }
    }
    return out;
  }

  /** Units per reason over all time (for KPIs). */
  public Map<String, Long> unitsByReason(Connection c) throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    try (PreparedStatement q =
            c.prepareStatement(
                "SELECT reason, SUM(quantity) FROM inventory_ledger GROUP BY reason ORDER BY reason");
        ResultSet r = q.executeQuery()) {
      while (r.next()) {
        out.merge(storeReason(r.getString(1)), r.getLong(2), Long::sum);
      }
    }
    return out;
  }

  /** Shrink units per lane and hour bucket (epoch hour), for the micromarket report. */
  public List<Map<String, Object>> shrinkByLaneHour(Connection c) throws SQLException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (PreparedStatement q =
            c.prepareStatement(
                "SELECT location, occurred_ms / 3600000,"
                    + " -SUM(quantity) FROM inventory_ledger WHERE entry_type = 'SHRINK'"
                    + " GROUP BY location, occurred_ms / 3600000 ORDER BY 2, 1");
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
