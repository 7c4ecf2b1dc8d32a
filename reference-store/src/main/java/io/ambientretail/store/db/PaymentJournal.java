package io.ambientretail.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The store database's record of every authorisation, capture, sale, void and refund, keyed by an
 * idempotency key that is unique in the table, for the API, the KPIs and the card-pattern alerts.
 * Walk-out money is driven by sdk-payments' file journal ({@code payments.journal}, written before
 * each gateway request); its settled movements are mirrored here in the same transaction as the
 * receipt. Kiosk sales and refunds are written PENDING (and committed) before the gateway is
 * called, then settled; a restart replays PENDING sales with the same keys, which the gateway
 * answers with its first result: no payment is taken twice. Thread-safe (stateless apart from ids).
 */
public final class PaymentJournal {
  /** Payment operations. */
  public enum Op {
    /** Pre-authorisation (walk-out entry hold). */
    AUTHORIZE,
    /** Capture of an authorisation (walk-out exit). */
    CAPTURE,
    /** Authorise and capture at once (kiosk). */
    SALE,
    /** Release of an authorisation. */
    VOID,
    /** Refund of (part of) a capture. */
    REFUND
  }

  /** States of a journal entry. */
  public enum State {
    /** Written, acquirer not yet answered. */
    PENDING,
    /** The acquirer approved. */
    APPROVED,
    /** The acquirer declined. */
    DECLINED,
    /** Given up (for example a void of an authorisation that never existed). */
    FAILED
  }

  /** One journal entry. */
  public record Entry(
      String entryId,
      String sessionId,
      Op op,
      String idemKey,
      State state,
      long amountMinor,
      String currency,
      String acquirerRef,
      String cardFingerprint,
      long createdMs,
      long updatedMs) {}

  private final RecordIds ids;

  /** A journal making ids with {@code ids}. */
  public PaymentJournal(RecordIds ids) {
    this.ids = ids;
  }

  /**
   * Writes a PENDING entry for {@code idemKey} unless one exists, and returns the entry for the key
   * (the existing one when retried).
   */
  public Entry begin(
      Connection c,
      String sessionId,
      Op op,
      String idemKey,
      long amountMinor,
      String currency,
      String cardFingerprint,
      long nowMs)
      throws SQLException {
    Optional<Entry> existing = byKey(c, idemKey);
    if (existing.isPresent()) {
      return existing.get();
    }
    String id = ids.next("pj");
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO payment_journal (entry_id,"
                + " session_id, op, idem_key, state, amount_minor, currency, card_fingerprint, created_ms,"
                + " updated_ms) VALUES (?,?,?,?,'PENDING',?,?,?,?,?)")) {
      p.setString(1, id);
      p.setString(2, sessionId);
      p.setString(3, op.name());
      p.setString(4, idemKey);
      p.setLong(5, amountMinor);
      p.setString(6, currency);
      p.setString(7, cardFingerprint);
      p.setLong(8, nowMs);
      p.setLong(9, nowMs);
      p.executeUpdate();
    }
    return byKey(c, idemKey).orElseThrow();
  }

  /** Settles a PENDING entry; an entry already settled keeps its first result. */
  public void settle(Connection c, String idemKey, State state, String acquirerRef, long nowMs)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE payment_journal SET state = ?,"
                + " acquirer_ref = ?, updated_ms = ? WHERE idem_key = ? AND state = 'PENDING'")) {
      p.setString(1, state.name());
      p.setString(2, acquirerRef);
      p.setLong(3, nowMs);
      p.setString(4, idemKey);
      p.executeUpdate();
    }
  }

  /**
   * Settles a PENDING entry at another amount than it was begun with: a refund the acquirer made
   * only in part is booked at what it moved.
   */
  public void settle(
      Connection c, String idemKey, State state, String acquirerRef, long amountMinor, long nowMs)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE payment_journal SET state = ?, acquirer_ref = ?, amount_minor = ?,"
                + " updated_ms = ? WHERE idem_key = ? AND state = 'PENDING'")) {
      p.setString(1, state.name());
      p.setString(2, acquirerRef);
      p.setLong(3, amountMinor);
      p.setLong(4, nowMs);
      p.setString(5, idemKey);
      p.executeUpdate();
    }
  }

  /** The entry of an idempotency key. */
  public Optional<Entry> byKey(Connection c, String idemKey) throws SQLException {
    List<Entry> l = query(c, "WHERE idem_key = ?", idemKey);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  /** Entries of a session, oldest first. */
  public List<Entry> ofSession(Connection c, String sessionId) throws SQLException {
    return query(c, "WHERE session_id = ? ORDER BY created_ms, entry_id", sessionId);
  }

  /** Entries still PENDING, oldest first. */
  public List<Entry> pending(Connection c) throws SQLException {
    return query(c, "WHERE state = 'PENDING' ORDER BY created_ms, entry_id");
  }

  /** The newest entries, at most {@code limit}. */
  public List<Entry> recent(Connection c, int limit) throws SQLException {
    return query(c, "ORDER BY created_ms DESC, entry_id LIMIT " + Math.max(1, limit));
  }

  /** Entries on a card fingerprint since {@code sinceMs} (for unusual-pattern alerts). */
  public List<Entry> ofCardSince(Connection c, String fingerprint, long sinceMs)
      throws SQLException {
    return query(
        c,
        "WHERE card_fingerprint = ? AND created_ms >= ? ORDER BY created_ms",
        fingerprint,
        sinceMs);
  }

  /**
   * Approved captures and sales minus approved refunds, in minor units, summed with checked
   * arithmetic (the database's own {@code SUM} fails on overflow with a driver-specific error).
   *
   * @throws ArithmeticException if the sum does not fit a {@code long} of minor units
   */
  public long capturedNetMinor(Connection c) throws SQLException {
    try (PreparedStatement q =
            c.prepareStatement(
                "SELECT op, amount_minor FROM payment_journal WHERE state = 'APPROVED' AND op IN"
                    + " ('CAPTURE','SALE','REFUND')");
        ResultSet r = q.executeQuery()) {
      long sum = 0;
      while (r.next()) {
        long amount = r.getLong(2);
        sum =
            r.getString(1).equals("REFUND")
                ? Math.subtractExact(sum, amount)
                : Math.addExact(sum, amount);
      }
      return sum;
    }
  }

  /**
   * Approved captures and sales, in minor units (refunds not deducted), summed with checked
   * arithmetic.
   *
   * @throws ArithmeticException if the sum does not fit a {@code long} of minor units
   */
  public long capturedGrossMinor(Connection c) throws SQLException {
    try (PreparedStatement q =
            c.prepareStatement(
                "SELECT amount_minor FROM"
                    + " payment_journal WHERE state = 'APPROVED' AND op IN ('CAPTURE','SALE')");
        ResultSet r = q.executeQuery()) {
      long sum = 0;
      while (r.next()) {
        sum = Math.addExact(sum, r.getLong(1));
      }
      return sum;
    }
  }

  /**
   * Sessions with more than one approved capture, or more than one approved sale (a walk-out
   * session's capture plus its recovery charge for a refused increment is not a double capture).
   */
  public long sessionsCapturedTwice(Connection c) throws SQLException {
    try (PreparedStatement q =
            c.prepareStatement(
                "SELECT COUNT(*) FROM (SELECT session_id FROM"
                    + " payment_journal WHERE state = 'APPROVED' AND op IN ('CAPTURE','SALE')"
                    + " GROUP BY session_id, op HAVING COUNT(*) > 1) t");
        ResultSet r = q.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  private List<Entry> query(Connection c, String where, Object... args) throws SQLException {
    List<Entry> out = new ArrayList<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT entry_id, session_id, op, idem_key,"
                + " state, amount_minor, currency, acquirer_ref, card_fingerprint, created_ms, updated_ms"
                + " FROM payment_journal "
                + where)) {
      for (int i = 0; i < args.length; i++) {
        q.setObject(i + 1, args[i]);
      }
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          out.add(
              new Entry(
                  r.getString(1),
                  r.getString(2),
                  Op.valueOf(r.getString(3)),
                  r.getString(4),
                  State.valueOf(r.getString(5)),
                  r.getLong(6),
                  r.getString(7),
                  r.getString(8),
                  r.getString(9),
                  r.getLong(10),
                  r.getLong(11)));
        }
      }
    }
    return out;
  }
}
