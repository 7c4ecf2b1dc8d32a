package io.ambientretail.store.pay;

import io.ambientretail.privacy.ConsentNotice;
import io.ambientretail.privacy.ConsentRegistry;
import io.ambientretail.privacy.Purpose;
import io.ambientretail.privacy.SubjectId;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * Recognising a returning card, only with the cardholder's consent for that purpose (sdk-privacy's
 * {@link ConsentRegistry}, purpose {@code returning-card}): a card whose holder consented gets the
 * same shopper pseudonym on every visit ({@code sh_} and its keyed fingerprint), any other card a
 * new pseudonym per visit ({@code sv_...}), so its visits cannot be linked through the shopper
 * reference. The fingerprint itself is kept on the session either way, for the fraud limits the
 * payment rules need (declines and entries per card, offline limits per card), on the store's
 * legitimate interest in preventing fraud (docs/store.md).
 *
 * <p>Grants and withdrawals are kept in the store database's {@code consents} table (so they
 * survive a restart, {@link #load}) and in the registry, which the entry gate asks; the store's
 * audit trail records each change in the same transaction. Thread-safe.
 */
public final class ReturningCards {
  /** The purpose a shopper consents to. */
  public static final Purpose PURPOSE = Purpose.of("returning-card");
  /** The id of the notice the shopper is shown. */
  public static final String NOTICE = "returning-card";
  private static final char[] LETTERS = "abcdefghjkmnpqrstuvwxyz".toCharArray();

  private final ConsentRegistry registry;
  private final boolean offered;
  private final SecureRandom random = new SecureRandom();

  private ReturningCards(ConsentRegistry registry, boolean offered) {
    this.registry = registry;
    this.offered = offered;
  }

  /**
   * The store's returning-card recognition.
   *
   * @param offered false when the store's configuration does not offer recognition at all
   *     ({@code privacy.returningCardConsent: false}): every visit then gets its own pseudonym
   */
  public static ReturningCards create(boolean offered, Clock clock) {
    // the store's audit trail records each change, in the transaction that stores it
    ConsentRegistry r = ConsentRegistry.create(clock, event -> { });
    r.publish(ConsentNotice.of(NOTICE, 1, Set.of(PURPOSE), "Recognise my card when I come"
        + " back, so my visits and receipts are kept together under one shopper reference. I"
        + " can withdraw this at any time.", Instant.EPOCH));
    return new ReturningCards(r, offered);
  }

  /** True when the store offers recognition (with consent). */
  public boolean offered() {
    return offered;
  }

  /** The registry the entry gate asks. */
  public ConsentRegistry registry() {
    return registry;
  }

  /** Loads the grants kept in the database into the registry (on start). */
  public void load(Connection c) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT card_fingerprint FROM consents WHERE"
        + " purpose = ? AND granted = 1")) {
      q.setString(1, PURPOSE.name());
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          registry.grant(SubjectId.of(r.getString(1)), NOTICE, 1, Set.of(PURPOSE), "restart");
        }
      }
    }
  }

  /** True when the holder of the card with this fingerprint consented to be recognised. */
  public boolean recognises(String fingerprint) {
    return offered && registry.consents(SubjectId.of(fingerprint), PURPOSE);
  }

  /**
   * The shopper pseudonym for a visit with {@code card}: stable across visits only with consent.
   * The grant must also still be in the database: a data-subject erasure that deleted it there
   * is honoured here too (the registry forgets the subject).
   */
  public String shopperRef(Connection c, CardTap card) throws SQLException {
    if (recognises(card.fingerprint())) {
      if (grantedInDatabase(c, card.fingerprint())) {
        return card.shopperRef();
      }
      registry.erase(SubjectId.of(card.fingerprint()));
    }
    char[] p = new char[16];
    for (int i = 0; i < p.length; i++) {
      p[i] = LETTERS[random.nextInt(LETTERS.length)];
    }
    return "sv_" + new String(p);
  }

  private static boolean grantedInDatabase(Connection c, String fingerprint) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT granted FROM consents WHERE"
        + " card_fingerprint = ? AND purpose = ?")) {
      q.setString(1, fingerprint);
      q.setString(2, PURPOSE.name());
      try (ResultSet r = q.executeQuery()) {
        return r.next() && r.getInt(1) == 1;
      }
    }
  }

  /**
   * Records a grant or a withdrawal for the card with {@code fingerprint}, durably in {@code c}'s
   * transaction and then in the registry (a withdrawal is effective for every entry that starts
   * after this returns).
   *
   * @throws IllegalStateException when the store does not offer recognition and this is a grant
   */
  public void record(Connection c, String fingerprint, boolean granted, String channel,
      long nowMs) throws SQLException {
    if (granted && !offered) {
      throw new IllegalStateException("this store does not offer returning-card recognition");
    }
    try (PreparedStatement d = c.prepareStatement("DELETE FROM consents WHERE card_fingerprint = ?"
        + " AND purpose = ?")) {
      d.setString(1, fingerprint);
      d.setString(2, PURPOSE.name());
      d.executeUpdate();
    }
    try (PreparedStatement p = c.prepareStatement("INSERT INTO consents (card_fingerprint,"
        + " purpose, granted, at_ms) VALUES (?,?,?,?)")) {
      p.setString(1, fingerprint);
      p.setString(2, PURPOSE.name());
      p.setInt(3, granted ? 1 : 0);
      p.setLong(4, nowMs);
      p.executeUpdate();
    }
    SubjectId s = SubjectId.of(fingerprint);
    if (granted) {
      registry.grant(s, NOTICE, 1, Set.of(PURPOSE), channel);
    } else {
      registry.withdraw(s, PURPOSE, channel);
    }
  }
}
