package io.ambientretail.store.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ambientretail.core.AmbientException;
import io.ambientretail.store.db.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Data-subject requests (access: everything the store holds on a shopper; erasure: the shopper's
 * card tokens, fingerprints and name on receipts are removed, the financial records stay, as law
 * requires) and scheduled retention (card data of sessions older than the configured days is
 * removed). Every request and job is audited. The store's own desk until sdk-privacy's DSR and
 * retention services are wired. Thread-safe.
 */
public final class PrivacyDesk {
  private final StoreEngine store;
  private final Database db;
  private final ObjectMapper json = new ObjectMapper();

  /** A desk over the store's records. */
  public PrivacyDesk(StoreEngine store) {
    this.store = store;
    this.db = store.database();
  }

  /** Handles a request of {@code kind} access or erasure for a shopper, now. */
  public Map<String, Object> handle(String shopperRef, String kind, String operator) {
    String k = kind.toLowerCase(Locale.ROOT);
    if (!k.equals("access") && !k.equals("erasure")) {
      throw new IllegalArgumentException("kind: expected access or erasure, was '" + kind + "'");
    }
    if (shopperRef.equals("erased") || shopperRef.equals("kiosk")) {
      throw new IllegalArgumentException("shopper: not a shopper reference");
    }
    String id = store.ids().next("ds");
    long now = System.currentTimeMillis();
    return db.tx(c -> {
      Map<String, Object> result = k.equals("access") ? access(c, shopperRef)
          : erase(c, shopperRef);
      String text;
      try {
        text = json.writeValueAsString(result);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO dsr_requests (dsr_id,"
          + " shopper_ref, kind, state, created_ms, completed_ms, result) VALUES"
          + " (?,?,?,'COMPLETED',?,?,?)")) {
        p.setString(1, id);
        p.setString(2, shopperRef);
        p.setString(3, k);
        p.setLong(4, now);
        p.setLong(5, now);
        p.setString(6, text);
        p.executeUpdate();
      }
      store.audit().append(c, operator, "dsr." + k, shopperRef, "dsr=" + id, now);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("dsr", id);
      out.put("shopper", shopperRef);
      out.put("kind", k);
      out.put("state", "COMPLETED");
      out.put("result", result);
      return out;
    });
  }

  /** Requests handled, newest first. */
  public List<Map<String, Object>> list() {
    return db.read(c -> {
      List<Map<String, Object>> out = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement("SELECT dsr_id, shopper_ref, kind, state,"
          + " created_ms FROM dsr_requests ORDER BY created_ms DESC LIMIT 200");
          ResultSet r = q.executeQuery()) {
        while (r.next()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("dsr", r.getString(1));
          m.put("shopper", r.getString(2));
          m.put("kind", r.getString(3));
          m.put("state", r.getString(4));
          m.put("createdMs", r.getLong(5));
          out.add(m);
        }
      }
      return out;
    });
  }

  /** Removes card data from sessions closed more than {@code days} ago; returns how many. */
  public int applyRetention(int days, long nowMs) {
    long before = nowMs - days * 86_400_000L;
    return db.tx(c -> {
      int n;
      try (PreparedStatement p = c.prepareStatement("UPDATE sessions SET card_token = NULL,"
          + " card_fingerprint = NULL WHERE closed_ms < ? AND card_token IS NOT NULL")) {
        p.setLong(1, before);
        n = p.executeUpdate();
      }
      if (n > 0) {
        store.audit().append(c, "retention", "retention.sessions", "sessions",
            "card data removed from " + n + " sessions older than " + days + " days", nowMs);
      }
      return n;
    });
  }

  private Map<String, Object> access(Connection c, String shopper) throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Map<String, Object>> sessions = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement("SELECT session_id, kind, card_label, state,"
        + " opened_ms, closed_ms FROM sessions WHERE shopper_ref = ? ORDER BY opened_ms")) {
      q.setString(1, shopper);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          Map<String, Object> s = new LinkedHashMap<>();
          s.put("session", r.getString(1));
          s.put("kind", r.getString(2));
          s.put("card", r.getString(3));
          s.put("state", r.getString(4));
          s.put("openedMs", r.getLong(5));
          sessions.add(s);
        }
      }
    }
    List<Object> receipts = new ArrayList<>();
    for (var rc : store.receipts().recent(c, shopper, 1000)) {
      try {
        receipts.add(json.readTree(rc.body()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (sessions.isEmpty() && receipts.isEmpty()) {
      throw new AmbientException(StoreEngine.NOT_FOUND, "no records of shopper " + shopper);
    }
    m.put("sessions", sessions);
    m.put("receipts", receipts);
    return m;
  }

  private Map<String, Object> erase(Connection c, String shopper) throws SQLException {
    List<String> fingerprints = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement("SELECT DISTINCT card_fingerprint FROM sessions"
        + " WHERE shopper_ref = ? AND card_fingerprint IS NOT NULL")) {
      q.setString(1, shopper);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          fingerprints.add(r.getString(1));
        }
      }
    }
    int receipts = 0;
    for (var rc : store.receipts().recent(c, shopper, 100_000)) {
      try {
        ObjectNode body = (ObjectNode) json.readTree(rc.body());
        body.put("shopper", "erased");
        body.put("card", "erased");
        try (PreparedStatement p = c.prepareStatement(
            "UPDATE receipts SET body = ?, shopper_ref = 'erased' WHERE receipt_id = ?")) {
          p.setString(1, json.writeValueAsString(body));
          p.setString(2, rc.receiptId());
          receipts += p.executeUpdate();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    int sessions;
    try (PreparedStatement p = c.prepareStatement("UPDATE sessions SET card_token = NULL,"
        + " card_fingerprint = NULL, card_label = NULL, shopper_ref = 'erased'"
        + " WHERE shopper_ref = ?")) {
      p.setString(1, shopper);
      sessions = p.executeUpdate();
    }
    for (String fp : fingerprints) {
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE payment_journal SET card_fingerprint = NULL WHERE card_fingerprint = ?")) {
        p.setString(1, fp);
        p.executeUpdate();
      }
      try (PreparedStatement p = c.prepareStatement(
          "DELETE FROM consents WHERE card_fingerprint = ?")) {
        p.setString(1, fp);
        p.executeUpdate();
      }
    }
    if (sessions == 0 && receipts == 0) {
      throw new AmbientException(StoreEngine.NOT_FOUND, "no records of shopper " + shopper);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sessionsErased", sessions);
    m.put("receiptsPseudonymised", receipts);
    return m;
  }
}
