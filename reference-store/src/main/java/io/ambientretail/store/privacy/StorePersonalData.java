package io.ambientretail.store.privacy;

import io.ambientretail.privacy.dsr.PersonalDataStore;
import io.ambientretail.privacy.residency.Region;
import io.ambientretail.store.db.Database;
import java.util.List;

/**
 * The store's personal data as sdk-privacy {@link PersonalDataStore}s, in the order a request
 * runs them: {@code card-data} (card tokens, fingerprints and what was copied from them),
 * {@code session-tracks} (visits), {@code receipts} (purchase history) and
 * {@code audit-pseudonyms} (the shopper's audit pseudonym and shopper tokens).
 */
public final class StorePersonalData {
  private StorePersonalData() {}

  /** Every store of personal data in the database, tagged with the store's region. */
  public static List<PersonalDataStore> all(Database db, String regionCode) {
    Region region;
    try {
      region = Region.of(regionCode);
    } catch (IllegalArgumentException e) {
      region = Region.EU;
    }
    return List.of(new CardData(db, region), new SessionTracks(db, region),
        new ReceiptData(db, region), new PseudonymData(db, region));
  }
}
