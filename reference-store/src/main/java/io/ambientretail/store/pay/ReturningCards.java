package io.ambientretail.store.pay;

import io.ambientretail.privacy.ConsentNotice;
import io.ambientretail.privacy.ConsentRegistry;
import io.ambientretail.privacy.Purpose;
import io.ambientretail.privacy.SubjectId;
import io.ambientretail.store.privacy.ConsentAuditSink;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Recognising a returning card, only with the cardholder's consent for that purpose (sdk-privacy's
 * {@link ConsentRegistry}, purpose {@code returning-card}): a card whose holder consented gets the
 * same shopper pseudonym on every visit ({@code sh_} and its keyed fingerprint), any other card a
 * new pseudonym per visit ({@code sv_...}), so its visits cannot be linked through the shopper
 * reference. The fingerprint itself is kept on the session either way, for the fraud limits the
 * payment rules need (declines and entries per card, offline limits per card), on the store's
 * legitimate interest in preventing fraud (docs/store.md).
 *
 * <p>Consent lives in the store's one registry ({@link #share}): the one the privacy desk's
 * data-subject requests erase (delete) and tell of objections, kept durably by sdk-privacy's {@code
 * JdbcPrivacyStore} in the store's database (table {@code privacy_consent}). A card's consent
 * subject is the shopper reference consent gives it ({@link #subjectOf}), so a request about that
 * shopper reaches the same record. Until {@code share} is called (a store engine used without
 * {@code StoreApp}) the registry is in memory only. Thread-safe.
 */
public final class ReturningCards {
  /** The purpose a shopper consents to. */
  public static final Purpose PURPOSE = Purpose.of("returning-card");

  /** The id of the notice the shopper is shown. */
  public static final String NOTICE = "returning-card";

  private static final char[] LETTERS = "abcdefghjkmnpqrstuvwxyz".toCharArray();

  private final boolean offered;
  private final SecureRandom random = new SecureRandom();
  private volatile ConsentRegistry registry;
  private volatile @Nullable ConsentAuditSink audit;

  private ReturningCards(ConsentRegistry registry, boolean offered) {
    this.registry = registry;
    this.offered = offered;
  }

  /**
   * The store's returning-card recognition, with an in-memory registry until {@link #share}.
   *
   * @param offered false when the store's configuration does not offer recognition at all ({@code
   *     privacy.returningCardConsent: false}): every visit then gets its own pseudonym
   */
  public static ReturningCards create(boolean offered, Clock clock) {
    ConsentRegistry r = ConsentRegistry.create(clock, event -> {});
    publishNotice(r);
    return new ReturningCards(r, offered);
  }

  /**
   * Uses the store's one consent registry from now on, publishing the recognition notice in it;
   * {@code audit} is the registry's audit sink (the caller of {@link #record} audits grants and
   * withdrawals itself).
   */
  public void share(ConsentRegistry storeRegistry, ConsentAuditSink audit) {
    publishNotice(storeRegistry);
    this.audit = audit;
    this.registry = storeRegistry;
  }

  private static void publishNotice(ConsentRegistry r) {
    r.publish(
        ConsentNotice.of(
            NOTICE,
            1,
            Set.of(PURPOSE),
            "Recognise my card when I come"
                + " back, so my visits and receipts are kept together under one shopper reference. I"
                + " can withdraw this at any time.",
            Instant.EPOCH));
  }

  /**
   * The consent subject of the card with {@code fingerprint}: its shopper reference with consent.
   */
  public static SubjectId subjectOf(String fingerprint) {
    return SubjectId.of(
        "sh_" + (fingerprint.startsWith("fp_") ? fingerprint.substring(3) : fingerprint));
  }

  /** True when the store offers recognition (with consent). */
  public boolean offered() {
    return offered;
  }

  /** The registry the entry gate asks. */
  public ConsentRegistry registry() {
    return registry;
  }

  /**
   * True when the holder of the card with this fingerprint consented to be recognised (and has not
   * withdrawn, objected or been erased since).
   */
  public boolean recognises(String fingerprint) {
    return offered && registry.consents(subjectOf(fingerprint), PURPOSE);
  }

  /**
   * The shopper pseudonym for a visit with {@code card}: stable across visits only with consent.
   */
  public String shopperRef(CardTap card) {
    if (recognises(card.fingerprint())) {
      return card.shopperRef();
    }
    char[] p = new char[16];
    for (int i = 0; i < p.length; i++) {
      p[i] = LETTERS[random.nextInt(LETTERS.length)];
    }
    return "sv_" + new String(p);
  }

  /**
   * Records a grant or a withdrawal for the card with {@code fingerprint} in the registry, durably
   * and in the caller's database transaction when called inside one (a withdrawal is effective for
   * every entry that starts after this returns). The caller audits the change.
   *
   * @throws IllegalStateException when the store does not offer recognition and this is a grant
   * @throws java.io.UncheckedIOException when the record could not be stored (nothing changed)
   */
  public void record(String fingerprint, boolean granted, String channel) {
    if (granted && !offered) {
      throw new IllegalStateException("this store does not offer returning-card recognition");
    }
    SubjectId s = subjectOf(fingerprint);
    ConsentRegistry r = registry;
    Supplier<Object> change =
        () ->
            granted
                ? r.grant(s, NOTICE, 1, Set.of(PURPOSE), channel)
                : r.withdraw(s, PURPOSE, channel);
    ConsentAuditSink a = audit;
    if (a == null) {
      change.get();
    } else {
      a.auditedByCaller(change);
    }
  }
}
