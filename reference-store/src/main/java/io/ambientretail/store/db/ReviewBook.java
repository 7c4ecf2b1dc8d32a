package io.ambientretail.store.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Walk-out receipts held for a person ({@code reviews} table): the cart as the store saw it when
 * the shopper left, the deadline, and once staff (or the deadline) decided, the decision, who made
 * it and the basket to capture. Stateless; thread-safe.
 */
public final class ReviewBook {
  /** Where a review stands. */
  public enum State {
    /** Waiting for staff; the entry hold is in place. */
    PENDING,
    /** Decided and durable; the capture or release is in flight (finished exactly once). */
    DECIDED,
    /** Captured, released or otherwise settled; {@link Review#outcome()} says which. */
    DONE
  }

  /** What staff decided about a held basket. */
  public enum Decision {
    /** Capture the cart as the store saw it. */
    APPROVE,
    /** Capture a corrected basket. */
    ADJUST,
    /** Release the hold, charge nothing. */
    VOID;

    /** The decision's name in the API ({@code approve}, {@code adjust}, {@code void}). */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One lane of a basket: {@code qty} units (positive). */
  public record Line(String laneId, int qty) {}

  /**
   * A held receipt. {@code decision}, {@code decidedBy}, {@code lines}... are null until decided.
   */
  public record Review(
      String sessionId,
      State state,
      long heldMs,
      long dueMs,
      long seenMinor,
      List<Line> seenLines,
      @Nullable Decision decision,
      @Nullable String decidedBy,
      @Nullable Long decidedMs,
      @Nullable List<Line> lines,
      @Nullable Long totalMinor,
      @Nullable String outcome) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Holds a session's receipt for review (idempotent: a session already held keeps its row).
   *
   * @return true when the row was added now
   */
  public boolean hold(
      Connection c, String sessionId, long nowMs, long dueMs, long seenMinor, List<Line> seen)
      throws SQLException {
    if (get(c, sessionId).isPresent()) {
      return false;
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO reviews (session_id, state,"
                + " held_ms, due_ms, seen_minor, seen_lines) VALUES (?,?,?,?,?,?)")) {
      p.setString(1, sessionId);
      p.setString(2, State.PENDING.name());
      p.setLong(3, nowMs);
      p.setLong(4, dueMs);
      p.setLong(5, seenMinor);
      p.setString(6, write(seen));
      p.executeUpdate();
    }
    return true;
  }

  /**
   * Records a decision on a PENDING review.
   *
   * @return false when the review was not PENDING (someone decided first)
   */
  public boolean decide(
      Connection c,
      String sessionId,
      Decision d,
      String by,
      long nowMs,
      List<Line> lines,
      long totalMinor)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE reviews SET state = ?, decision = ?,"
                + " decided_by = ?, decided_ms = ?, lines = ?, total_minor = ? WHERE session_id = ? AND"
                + " state = ?")) {
      p.setString(1, State.DECIDED.name());
      p.setString(2, d.name());
      p.setString(3, by);
      p.setLong(4, nowMs);
      p.setString(5, write(lines));
      p.setLong(6, totalMinor);
      p.setString(7, sessionId);
      p.setString(8, State.PENDING.name());
      return p.executeUpdate() == 1;
    }
  }

  /** Marks a review settled with {@code outcome} (at most 128 characters kept). */
  public void done(Connection c, String sessionId, String outcome) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("UPDATE reviews SET state = ?, outcome = ? WHERE session_id = ?")) {
      p.setString(1, State.DONE.name());
      p.setString(2, outcome.length() > 128 ? outcome.substring(0, 128) : outcome);
      p.setString(3, sessionId);
      p.executeUpdate();
    }
  }

  /** A review by session id. */
  public Optional<Review> get(Connection c, String sessionId) throws SQLException {
    List<Review> l = query(c, "WHERE session_id = ?", sessionId);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  /** Reviews in a state, oldest first. */
  public List<Review> inState(Connection c, State state) throws SQLException {
    return query(c, "WHERE state = ? ORDER BY held_ms, session_id", state.name());
  }

  /** Reviews per decision (undecided ones under {@code pending}). */
  public java.util.Map<String, Long> countByDecision(Connection c) throws SQLException {
    java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
    try (PreparedStatement q =
            c.prepareStatement(
                "SELECT COALESCE(decision, 'PENDING'), COUNT(*)"
                    + " FROM reviews GROUP BY COALESCE(decision, 'PENDING') ORDER BY 1");
        ResultSet r = q.executeQuery()) {
      while (r.next()) {
        out.put(r.getString(1).toLowerCase(Locale.ROOT), r.getLong(2));
      }
    }
    return out;
  }

  private List<Review> query(Connection c, String where, Object... args) throws SQLException {
    List<Review> out = new ArrayList<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT session_id, state, held_ms, due_ms,"
                + " seen_minor, seen_lines, decision, decided_by, decided_ms, lines, total_minor, outcome"
                + " FROM reviews "
                + where)) {
      for (int i = 0; i < args.length; i++) {
        q.setObject(i + 1, args[i]);
      }
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          long decided = r.getLong(9);
          Long decidedMs = r.wasNull() ? null : decided;
          long total = r.getLong(11);
          Long totalMinor = r.wasNull() ? null : total;
          String d = r.getString(7);
          out.add(
              new Review(
                  r.getString(1),
                  State.valueOf(r.getString(2)),
                  r.getLong(3),
                  r.getLong(4),
                  r.getLong(5),
                  read(r.getString(6)),
                  d == null ? null : Decision.valueOf(d),
                  r.getString(8),
                  decidedMs,
                  r.getString(10) == null ? null : read(r.getString(10)),
                  totalMinor,
                  r.getString(12)));
        }
      }
    }
    return out;
  }

  private static String write(List<Line> lines) {
    ArrayNode a = JSON.createArrayNode();
    for (Line l : lines) {
      a.addObject().put("lane", l.laneId()).put("qty", l.qty());
    }
    return a.toString();
  }

  private static List<Line> read(String text) throws SQLException {
    try {
      List<Line> out = new ArrayList<>();
      for (JsonNode n : JSON.readTree(text)) {
        out.add(new Line(n.path("lane").asText(), n.path("qty").asInt()));
      }
      return out;
    } catch (JsonProcessingException e) {
      throw new SQLException("reviews: unreadable basket: " + e.getOriginalMessage(), e);
    }
  }
}
