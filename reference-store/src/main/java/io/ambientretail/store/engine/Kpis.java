package io.ambientretail.store.engine;

import io.ambientretail.store.config.StoreKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operators' KPIs, computed from the store's records: basket size, conversion (entries or kiosk
 * sessions ending in a purchase), checkout time (entry or kiosk start to receipt), stock-out rate,
 * shrink rate, device uptime and review rate of walk-out receipts (receipts that went through
 * review over all receipts; {@code reviewsPending} are held receipts still waiting for staff,
 * {@code reviewDecisions} counts reviews by decision), plus a per-minute series of receipts and
 * revenue for charts. Money sums are checked: {@code capturedMinor} is null (with {@code
 * capturedMinorProblem}) rather than a wrong figure or a failed request when the journal's sum does
 * not fit a {@code long}. Stateless.
 */
public final class Kpis {
  private Kpis() {}

  /** The KPIs now. */
  public static Map<String, Object> compute(StoreEngine store, DeviceHealth health, long nowMs) {
    return store
        .database()
        .read(
            c -> {
              Map<String, Object> m = new LinkedHashMap<>();
              long receipts = one(c, "SELECT COUNT(*) FROM receipts");
              long items = one(c, "SELECT COALESCE(SUM(item_count), 0) FROM receipts");
              long review = one(c, "SELECT COUNT(*) FROM receipts WHERE review = 1");
              long ended =
                  store.config().kind() == StoreKind.WALKOUT
                      ? one(
                          c,
                          "SELECT COUNT(*) FROM sessions WHERE kind = 'walkout' AND state IN"
                              + " ('CLOSED','ABANDONED','DECLINED')")
                      : one(c, "SELECT COUNT(*) FROM door_entries");
              long checkoutMs =
                  one(
                      c,
                      "SELECT CAST(COALESCE(AVG(r.created_ms - s.opened_ms), 0) AS BIGINT) FROM receipts"
                          + " r JOIN sessions s ON s.session_id = r.session_id");
              long lanes = one(c, "SELECT COUNT(*) FROM lanes");
              long empty = one(c, "SELECT COUNT(*) FROM lanes WHERE on_hand <= 0");
              long sold =
                  -one(
                      c,
                      "SELECT COALESCE(SUM(quantity), 0) FROM inventory_ledger WHERE entry_type = 'SALE'");
              long shrink =
                  -one(
                      c,
                      "SELECT COALESCE(SUM(quantity), 0) FROM inventory_ledger WHERE entry_type = 'SHRINK'");
              m.put("receipts", receipts);
              m.put("basketSize", ratio(items, receipts));
              m.put("conversion", ratio(Math.min(receipts, ended), ended));
              m.put("checkoutSeconds", checkoutMs / 1000.0);
              m.put("stockOutRate", ratio(empty, lanes));
              m.put("shrinkRate", ratio(shrink, sold + shrink));
              m.put("deviceUptime", Math.round(health.meanUptime() * 10000) / 10000.0);
              m.put("reviewRate", ratio(review, receipts));
              Map<String, Long> decisions = store.reviews().book().countByDecision(c);
              m.put("reviewsPending", decisions.getOrDefault("pending", 0L));
              Map<String, Long> decided = new LinkedHashMap<>(decisions);
              decided.remove("pending");
              m.put("reviewDecisions", decided);
              try {
                m.put("capturedMinor", store.journal().capturedNetMinor(c));
              } catch (ArithmeticException e) {
                // a figure that cannot be right is withheld and said so, never a failed answer
                m.put("capturedMinor", null);
                m.put("capturedMinorProblem", "the journal's sum does not fit 64-bit minor units");
              }
              m.put("currency", store.config().currency().getCurrencyCode());
              m.put("perMinute", perMinute(c, nowMs));
              return m;
            });
  }

  private static List<Map<String, Object>> perMinute(Connection c, long nowMs) throws SQLException {
    long fromMinute = nowMs / 60_000 - 29;
    Map<Long, long[]> buckets = new LinkedHashMap<>();
    for (long k = fromMinute; k <= nowMs / 60_000; k++) {
      buckets.put(k, new long[2]);
    }
    try (PreparedStatement q =
        c.prepareStatement("SELECT created_ms, total_minor FROM receipts WHERE created_ms >= ?")) {
      q.setLong(1, fromMinute * 60_000);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          long[] b = buckets.get(r.getLong(1) / 60_000);
          if (b != null) {
            b[0]++;
            try {
              b[1] = Math.addExact(b[1], r.getLong(2));
            } catch (ArithmeticException e) {
              // saturate rather than fail: one absurd receipt must not take the chart down
              b[1] = r.getLong(2) < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
          }
        }
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    buckets.forEach(
        (k, v) -> {
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("minute", java.time.Instant.ofEpochMilli(k * 60_000).toString());
          e.put("receipts", v[0]);
          e.put("revenueMinor", v[1]);
          out.add(e);
        });
    return out;
  }

  private static double ratio(long a, long b) {
    return b == 0 ? 0.0 : Math.round(10000.0 * a / b) / 10000.0;
  }

  private static long one(Connection c, String sql) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(sql);
        ResultSet r = q.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }
}
