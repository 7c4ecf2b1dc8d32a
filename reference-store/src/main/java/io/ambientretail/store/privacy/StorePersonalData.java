package io.ambientretail.store.privacy;

import io.ambientretail.privacy.ConsentRegistry;
import io.ambientretail.privacy.SubjectId;
import io.ambientretail.privacy.dsr.PersonalDataStore;
import io.ambientretail.privacy.residency.Region;
import io.ambientretail.store.db.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The store's personal data as sdk-privacy {@link PersonalDataStore}s, in the order a request runs
 * them: {@code card-data} (card tokens, fingerprints and what was copied from them), {@code
 * session-tracks} (visits), {@code receipts} (purchase history), {@code audit-pseudonyms} (the
 * shopper's audit pseudonym and shopper tokens) and, with the store's consent registry, {@code
 * consents} (their consent decisions).
 */
public final class StorePersonalData {
  private StorePersonalData() {}

  private static final String NOTHING_GIVEN =
      "This store holds no name, e-mail, phone or"
          + " other detail you gave it, so there is nothing you provided to correct. ";
  private static final Map<String, String> NOT_RECTIFIABLE =
      Map.of(
          "card-data",
              NOTHING_GIVEN
                  + "card-data holds, for each visit, the payment token, the keyed"
                  + " card fingerprint and the card label (scheme and last four digits), all derived from"
                  + " the card you tapped: they are right by construction for that card, and changing"
                  + " them would break the link to your payments. To stop their use, ask for deletion"
                  + " or object.",
          "session-tracks",
              NOTHING_GIVEN
                  + "session-tracks holds when you entered and left and what"
                  + " the shelves recorded you took: observations by the store's devices, not details"
                  + " you gave. If a visit or a pick is wrong, ask staff to review the receipt.",
          "receipts",
              NOTHING_GIVEN
                  + "receipts are financial records of what was charged to your"
                  + " card; a wrong line is corrected by a refund or an adjustment (by staff, audited),"
                  + " which the receipt then shows, never by editing the record.",
          "consents",
              NOTHING_GIVEN
                  + "consents holds your decisions on the notices the store"
                  + " showed you (given, withdrawn, objected), with when and through which channel: the"
                  + " proof of each decision, which is not edited. To change a decision, give or"
                  + " withdraw consent, or object.",
          "audit-pseudonyms",
              NOTHING_GIVEN
                  + "audit-pseudonyms holds a random pseudonym the store"
                  + " made for its audit log and hashes of shopper API tokens it issued: nothing about"
                  + " you to correct. To remove them, ask for deletion.");

  /**
   * Why a rectify request for the store named {@code storeName} is refused: what that store holds
   * and why none of it is a detail the shopper provided. Empty for a store whose fields a shopper
   * may correct (the store has none today) or that is not one of the store's.
   */
  public static Optional<String> whyNotRectifiable(String storeName) {
    return Optional.ofNullable(NOT_RECTIFIABLE.get(storeName));
  }

  /**
   * Every store of personal data in the database, tagged with the store's region; nothing is kept
   * about a card outside the database.
   */
  public static List<PersonalDataStore> all(Database db, String regionCode) {
    return all(db, regionCode, fingerprint -> {}, null);
  }

  private static Region region(String regionCode) {
    try {
      return Region.of(regionCode);
    } catch (IllegalArgumentException e) {
      return Region.EU;
    }
  }

  /**
   * Every store of personal data in the database, tagged with the store's region, and the {@code
   * consents} the store's one registry keeps ({@code cardSubject}: a card fingerprint's consent
   * subject). A card's consent is erased with its last card data; that runs inside the deleting
   * transaction, so {@code consent} must keep its records in the store's database (or in memory).
   */
  public static List<PersonalDataStore> all(
      Database db,
      String regionCode,
      ConsentRegistry consent,
      Function<String, SubjectId> cardSubject) {
    return all(
        db,
        regionCode,
        fingerprint -> consent.erase(cardSubject.apply(fingerprint)),
        new ConsentData(db, region(regionCode), consent, cardSubject));
  }

  private static List<PersonalDataStore> all(
      Database db,
      String regionCode,
      Consumer<String> cardForgotten,
      @Nullable PersonalDataStore consents) {
    Region region = region(regionCode);
    List<PersonalDataStore> out =
        new ArrayList<>(
            List.of(
                new CardData(db, region, cardForgotten),
                new SessionTracks(db, region),
                new ReceiptData(db, region),
                new PseudonymData(db, region)));
    if (consents != null) {
      out.add(consents);
    }
    return List.copyOf(out);
  }
}
