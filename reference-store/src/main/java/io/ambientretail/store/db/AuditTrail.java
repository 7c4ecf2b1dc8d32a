package io.ambientretail.store.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The store's audit trail: who did what to which record, hash-chained (each entry's hash covers
 * the previous hash) so a changed or removed entry breaks the chain. Hashes are base64url so no
 * audit text looks like a card number. Append inside the transaction of the audited change.
 */
public final class AuditTrail {
  /** One audit entry. */
  public record Entry(long seq, long atMs, String actor, String action, String target,
      String detail, String prevHash, String hash) {}

  /** The hash before the first entry. */
  public static final String GENESIS = "genesis";

  /** Appends an entry and returns it. */
  public Entry append(Connection c, String actor, String action, String target, String detail,
      long nowMs) throws SQLException {
    long seq = 1;
    String prev = GENESIS;
    try (PreparedStatement q = c.prepareStatement(
        "SELECT seq, hash FROM store_audit ORDER BY seq DESC LIMIT 1");
        ResultSet r = q.executeQuery()) {
      if (r.next()) {
        seq = r.getLong(1) + 1;
        prev = r.getString(2);
      }
    }
    String d = detail.length() > 1000 ? detail.substring(0, 1000) : detail;
    String hash = hash(prev, seq, nowMs, actor, action, target, d);
    try (PreparedStatement p = c.prepareStatement("INSERT INTO store_audit (seq, at_ms, actor,"
        + " action, target, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?)")) {
      p.setLong(1, seq);
      p.setLong(2, nowMs);
      p.setString(3, actor);
      p.setString(4, action);
      p.setString(5, target);
      p.setString(6, d);
      p.setString(7, prev);
      p.setString(8, hash);
      p.executeUpdate();
    }
    return new Entry(seq, nowMs, actor, action, target, d, prev, hash);
  }

  /** Entries oldest first, starting after {@code afterSeq}, at most {@code limit}. */
  public List<Entry> list(Connection c, long afterSeq, int limit) throws SQLException {
    List<Entry> out = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement("SELECT seq, at_ms, actor, action, target,"
        + " detail, prev_hash, hash FROM store_audit WHERE seq > ? ORDER BY seq LIMIT ?")) {
      q.setLong(1, afterSeq);
      q.setInt(2, limit);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          out.add(new Entry(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4),
              r.getString(5), r.getString(6), r.getString(7), r.getString(8)));
        }
      }
    }
    return out;
  }

  /** The newest entries, newest first. */
  public List<Entry> recent(Connection c, int limit) throws SQLException {
    List<Entry> out = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement("SELECT seq, at_ms, actor, action, target,"
        + " detail, prev_hash, hash FROM store_audit ORDER BY seq DESC LIMIT ?")) {
      q.setInt(1, limit);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          out.add(new Entry(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4),
              r.getString(5), r.getString(6), r.getString(7), r.getString(8)));
        }
      }
    }
    return out;
  }

  /** Checks the whole chain; returns the seq of the first bad entry, or -1 when intact. */
  public long firstBroken(Connection c) throws SQLException {
    String prev = GENESIS;
    long after = 0;
    while (true) {
      List<Entry> page = list(c, after, 1000);
      if (page.isEmpty()) {
        return -1;
      }
      for (Entry e : page) {
        if (!e.prevHash().equals(prev) || !e.hash().equals(hash(e.prevHash(), e.seq(), e.atMs(),
            e.actor(), e.action(), e.target(), e.detail()))) {
          return e.seq();
        }
        prev = e.hash();
        after = e.seq();
      }
    }
  }

  static String hash(String prev, long seq, long atMs, String actor, String action,
      String target, String detail) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String s : new String[] {prev, Long.toString(seq), Long.toString(atMs), actor, action,
          target, detail}) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        md.update((byte) (b.length >>> 8));
        md.update((byte) b.length);
        md.update(b);
      }
      return Base64.getUrlEncoder().withoutPadding().encodeToString(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
