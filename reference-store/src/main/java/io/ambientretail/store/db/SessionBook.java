package io.ambientretail.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shopper sessions (a walk-out visit or a kiosk checkout) and their carts as the store sees them:
 * one row per pick or put-back. Stateless; thread-safe.
 */
public final class SessionBook {
  /** Session states. */
  public enum State {
    /** Waiting for the entry authorisation. */
    AUTHORIZING,
    /** In the store (walk-out) or scanning (kiosk). */
    OPEN,
    /** Exited or paying: capture in flight. */
    CHECKOUT,
    /**
     * Exited with a cart flagged for review: the entry hold stays, nothing is captured until staff
     * (or the review deadline) decide the basket ({@code reviews} table).
     */
    REVIEW,
    /** Paid, receipt issued. */
    CLOSED,
    /** Ended without a purchase (empty cart, walked away). */
    ABANDONED,
    /** The card was declined: no entry or no sale. */
    DECLINED
  }

  /** A session. */
  public record Session(
      String sessionId,
      String kind,
      String shopperRef,
      String cardToken,
      String cardFingerprint,
      String cardLabel,
      State state,
      long openedMs,
      Long closedMs,
      String closeReason,
      String authRef,
      boolean review) {}

  /** One cart line summed per lane. */
  public record CartLine(
      String laneId, int qty, long weightMg, long priceMinor, boolean ambiguous) {}

  /**
   * The total of {@code lines} in minor units, summed with checked arithmetic.
   *
   * @throws ArithmeticException if the total does not fit a {@code long}
   */
  public static long totalMinor(List<CartLine> lines) {
    long sum = 0;
    for (CartLine l : lines) {
      sum = Math.addExact(sum, l.priceMinor());
    }
    return sum;
  }

  /** Opens a session in state {@code state}. */
  public void open(
      Connection c,
      String sessionId,
      String kind,
      String shopperRef,
      String cardToken,
      String fingerprint,
      String label,
      State state,
      long nowMs)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO sessions (session_id, kind,"
                + " shopper_ref, card_token, card_fingerprint, card_label, state, opened_ms, review)"
                + " VALUES (?,?,?,?,?,?,?,?,0)")) {
      p.setString(1, sessionId);
      p.setString(2, kind);
      p.setString(3, shopperRef);
      p.setString(4, cardToken);
      p.setString(5, fingerprint);
      p.setString(6, label);
      p.setString(7, state.name());
      p.setLong(8, nowMs);
      p.executeUpdate();
    }
  }

  /** Sets the card of a kiosk session when the shopper taps. */
  public void setCard(
      Connection c,
      String sessionId,
      String token,
      String fingerprint,
      String label,
      String shopperRef)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE sessions SET card_token = ?,"
                + " card_fingerprint = ?, card_label = ?, shopper_ref = ? WHERE session_id = ?")) {
      p.setString(1, token);
      p.setString(2, fingerprint);
      p.setString(3, label);
      p.setString(4, shopperRef);
      p.setString(5, sessionId);
      p.executeUpdate();
    }
  }

  /** Moves a session to {@code state}; closing states set the close time and reason. */
  public void setState(Connection c, String sessionId, State state, String reason, long nowMs)
      throws SQLException {
    boolean closing = state == State.CLOSED || state == State.ABANDONED || state == State.DECLINED;
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE sessions SET state = ?, closed_ms = "
                + (closing ? "?" : "closed_ms + 0 * ?")
                + ", close_reason = COALESCE(?, close_reason)"
                + " WHERE session_id = ?")) {
      p.setString(1, state.name());
      p.setLong(2, nowMs);
      p.setString(3, reason);
      p.setString(4, sessionId);
      p.executeUpdate();
    }
  }

  /** Records the acquirer's authorisation reference. */
  public void setAuth(Connection c, String sessionId, String authRef) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("UPDATE sessions SET auth_ref = ? WHERE session_id = ?")) {
      p.setString(1, authRef);
      p.setString(2, sessionId);
      p.executeUpdate();
    }
  }

  /** Flags a session's receipt for human review (ambiguous attribution). */
  public void markReview(Connection c, String sessionId) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("UPDATE sessions SET review = 1 WHERE session_id = ?")) {
      p.setString(1, sessionId);
      p.executeUpdate();
    }
  }

  /** Appends a cart event (qty positive for a pick, negative for a put-back). */
  public void addCartEvent(
      Connection c,
      String sessionId,
      String laneId,
      int qty,
      long weightMg,
      long priceMinor,
      boolean ambiguous,
      long nowMs)
      throws SQLException {
    int seq;
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM cart_events WHERE session_id = ?")) {
      q.setString(1, sessionId);
      try (ResultSet r = q.executeQuery()) {
        r.next();
        seq = r.getInt(1);
      }
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO cart_events (session_id, seq,"
                + " lane_id, qty, weight_mg, price_minor, ambiguous, at_ms) VALUES (?,?,?,?,?,?,?,?)")) {
      p.setString(1, sessionId);
      p.setInt(2, seq);
      p.setString(3, laneId);
      p.setInt(4, qty);
      p.setLong(5, weightMg);
      p.setLong(6, priceMinor);
      p.setInt(7, ambiguous ? 1 : 0);
      p.setLong(8, nowMs);
      p.executeUpdate();
    }
  }

  /** The cart of a session: lines summed per lane, lanes with a positive quantity only. */
  public List<CartLine> cart(Connection c, String sessionId) throws SQLException {
    Map<String, long[]> sums = new LinkedHashMap<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT lane_id, qty, weight_mg, price_minor,"
                + " ambiguous FROM cart_events WHERE session_id = ? ORDER BY seq")) {
      q.setString(1, sessionId);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          long[] s = sums.computeIfAbsent(r.getString(1), k -> new long[4]);
          s[0] += r.getInt(2);
          s[1] += r.getLong(3);
          s[2] += r.getLong(4);
          s[3] |= r.getInt(5);
        }
      }
    }
    List<CartLine> out = new ArrayList<>();
    sums.forEach(
        (lane, s) -> {
          if (s[0] > 0) {
            out.add(new CartLine(lane, (int) s[0], s[1], s[2], s[3] != 0));
          }
        });
    return out;
  }

  /** A session by id. */
  public Optional<Session> get(Connection c, String sessionId) throws SQLException {
    List<Session> l = query(c, "WHERE session_id = ?", sessionId);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  /** Sessions in any of the given states, oldest first. */
  public List<Session> inStates(Connection c, State... states) throws SQLException {
    StringBuilder in = new StringBuilder();
    for (State s : states) {
      in.append(in.length() == 0 ? "'" : ",'").append(s.name()).append('\'');
    }
    return query(c, "WHERE state IN (" + in + ") ORDER BY opened_ms, session_id");
  }

  /** The newest sessions, at most {@code limit}. */
  public List<Session> recent(Connection c, int limit) throws SQLException {
    return query(c, "ORDER BY opened_ms DESC, session_id LIMIT " + Math.max(1, limit));
  }

  /** Session counts per state. */
  public Map<String, Long> countByState(Connection c) throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    try (PreparedStatement q =
            c.prepareStatement(
                "SELECT state, COUNT(*) FROM sessions GROUP BY state ORDER BY state");
        ResultSet r = q.executeQuery()) {
      while (r.next()) {
        out.put(r.getString(1), r.getLong(2));
      }
    }
    return out;
  }

  private List<Session> query(Connection c, String where, Object... args) throws SQLException {
    List<Session> out = new ArrayList<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT session_id, kind, shopper_ref,"
                + " card_token, card_fingerprint, card_label, state, opened_ms, closed_ms, close_reason,"
                + " auth_ref, review FROM sessions "
                + where)) {
      for (int i = 0; i < args.length; i++) {
        q.setObject(i + 1, args[i]);
      }
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          long closed = r.getLong(9);
          Long closedMs = r.wasNull() ? null : closed;
          out.add(
              new Session(
                  r.getString(1),
                  r.getString(2),
                  r.getString(3),
                  r.getString(4),
                  r.getString(5),
                  r.getString(6),
                  State.valueOf(r.getString(7)),
                  r.getLong(8),
                  closedMs,
                  r.getString(10),
                  r.getString(11),
                  r.getInt(12) != 0));
        }
      }
    }
    return out;
  }
}
