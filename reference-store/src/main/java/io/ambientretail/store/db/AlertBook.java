package io.ambientretail.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Alerts raised for staff: at most one open alert per kind and subject; raising an open one again
 * does nothing, clearing closes it. Stateless apart from ids.
 */
public final class AlertBook {
  /** One alert; {@code clearedMs} is null while open. */
  public record Alert(
      String alertId, String kind, String subject, String message, long raisedMs, Long clearedMs) {}

  private final RecordIds ids;

  /** An alert book making ids with {@code ids}. */
  public AlertBook(RecordIds ids) {
    this.ids = ids;
  }

  /** Raises an alert unless one of the kind is open on the subject; returns it when new. */
  public Optional<Alert> raise(
      Connection c, String kind, String subject, String message, long nowMs) throws SQLException {
    if (open(c, kind, subject).isPresent()) {
      return Optional.empty();
    }
    String id = ids.next("al");
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO alerts (alert_id, kind, subject,"
                + " message, raised_ms) VALUES (?,?,?,?,?)")) {
      p.setString(1, id);
      p.setString(2, kind);
      p.setString(3, subject);
      p.setString(4, message);
      p.setLong(5, nowMs);
      p.executeUpdate();
    }
    return Optional.of(new Alert(id, kind, subject, message, nowMs, null));
  }

  /** Clears the open alert of a kind on a subject; true when one was open. */
  public boolean clear(Connection c, String kind, String subject, long nowMs) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE alerts SET cleared_ms = ? WHERE kind = ?"
                + " AND subject = ? AND cleared_ms IS NULL")) {
      p.setLong(1, nowMs);
      p.setString(2, kind);
      p.setString(3, subject);
      return p.executeUpdate() > 0;
    }
  }

  /** The open alert of a kind on a subject. */
  public Optional<Alert> open(Connection c, String kind, String subject) throws SQLException {
    List<Alert> l =
        query(c, "WHERE kind = ? AND subject = ? AND cleared_ms IS NULL", kind, subject);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  /** Open alerts, newest first. */
  public List<Alert> openAlerts(Connection c) throws SQLException {
    return query(c, "WHERE cleared_ms IS NULL ORDER BY raised_ms DESC, alert_id");
  }

  /** The newest alerts, open or cleared. */
  public List<Alert> recent(Connection c, int limit) throws SQLException {
    return query(c, "ORDER BY raised_ms DESC, alert_id LIMIT " + Math.max(1, limit));
  }

  private List<Alert> query(Connection c, String where, Object... args) throws SQLException {
    List<Alert> out = new ArrayList<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT alert_id, kind, subject, message,"
                + " raised_ms, cleared_ms FROM alerts "
                + where)) {
      for (int i = 0; i < args.length; i++) {
        q.setObject(i + 1, args[i]);
      }
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          long cl = r.getLong(6);
          Long cleared = r.wasNull() ? null : cl;
          out.add(
              new Alert(
                  r.getString(1),
                  r.getString(2),
                  r.getString(3),
                  r.getString(4),
                  r.getLong(5),
                  cleared));
        }
      }
    }
    return out;
  }
}
