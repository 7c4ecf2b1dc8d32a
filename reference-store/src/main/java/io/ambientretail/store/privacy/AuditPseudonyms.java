package io.ambientretail.store.privacy;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;

/**
 * The pseudonyms the audit log uses for shoppers: one random {@code ps_...} per shopper (table
 * {@code audit_pseudonyms}), so no audit entry holds a shopper reference, card data or a name.
 * Erasing a shopper deletes the row: the audit entries, which must not change, stay but no longer
 * lead to anyone. Thread-safe; call inside the caller's transaction.
 */
public final class AuditPseudonyms {
  private final SecureRandom random = new SecureRandom();

  /** The shopper's pseudonym, created on first use. */
  public String of(Connection c, String shopperRef, long nowMs) throws SQLException {
    Optional<String> known = find(c, shopperRef);
    if (known.isPresent()) {
      return known.get();
    }
    byte[] b = new byte[12];
    random.nextBytes(b);
    String p = "ps_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO audit_pseudonyms (pseudonym,"
                + " shopper_ref, created_ms) VALUES (?,?,?)")) {
      s.setString(1, p);
      s.setString(2, shopperRef);
      s.setLong(3, nowMs);
      s.executeUpdate();
    }
    return p;
  }

  /** The shopper's pseudonym, if one was made. */
  public Optional<String> find(Connection c, String shopperRef) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement("SELECT pseudonym FROM audit_pseudonyms WHERE shopper_ref = ?")) {
      q.setString(1, shopperRef);
      try (ResultSet r = q.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }
}
