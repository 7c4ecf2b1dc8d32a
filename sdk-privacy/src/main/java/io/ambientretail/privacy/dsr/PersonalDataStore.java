package io.ambientretail.privacy.dsr;

import io.ambientretail.privacy.SubjectId;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The SPI every component that keeps personal data implements (receipts, loyalty profiles, card
 * fingerprints, camera tracks, audit pseudonyms), so data-subject requests and retention reach all
 * of it. Register each with the {@link DsrOrchestrator} and the retention job.
 *
 * <p>Every method must be idempotent: a request may be re-run after a crash. A store that cannot
 * answer throws {@link IOException}; the request then reports a partial result and can be resumed.
 */
public interface PersonalDataStore {
  /** A short unique name such as {@code receipts} or {@code camera-tracks}. */
  String name();

  /**
   * Every record about {@code subject} (empty when there is none).
   *
   * @throws IOException if the store cannot answer now
   */
  List<PersonalRecord> find(SubjectId subject) throws IOException;

  /**
   * Deletes every record about {@code subject}, leaving no copy, index entry or cache behind;
   * returns how many were deleted (0 when run again).
   *
   * @throws IOException if the store cannot delete now
   */
  int delete(SubjectId subject) throws IOException;

  /**
   * Corrects one field of one record about {@code subject}.
   *
   * @throws IOException if the store cannot change it now
   * @throws io.ambientretail.privacy.PrivacyException if the record or field does not exist
   */
  void rectify(SubjectId subject, String recordId, String field, String value) throws IOException;

  /**
   * Records collected before {@code cutoff}, for the retention job.
   *
   * @throws IOException if the store cannot answer now
   */
  List<PersonalRecord> collectedBefore(Instant cutoff) throws IOException;

  /**
   * Deletes one record (retention); returns whether it was there.
   *
   * @throws IOException if the store cannot delete now
   */
  boolean deleteRecord(String recordId) throws IOException;

  /**
   * Anonymises one record in place (retention with an {@link Anonymization}): keeps {@code fields}
   * as the record's only content and removes every link to its subject, so that afterwards no
   * method of this store returns it as the subject's record, and neither {@link #delete} nor {@link
   * #collectedBefore} sees it. Returns whether the record was there.
   *
   * <p>The default refuses: a store that keeps nothing worth anonymising need not implement it, and
   * the retention job then reports the record as a failure and leaves it in place.
   *
   * @throws IOException if the store cannot change it now
   * @throws UnsupportedOperationException if the store cannot anonymise in place
   */
  default boolean anonymizeRecord(String recordId, Map<String, String> fields) throws IOException {
    throw new UnsupportedOperationException(
        "store " + name() + " cannot anonymise records in place");
  }
}
