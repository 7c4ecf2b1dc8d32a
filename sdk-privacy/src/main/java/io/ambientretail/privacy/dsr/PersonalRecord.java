package io.ambientretail.privacy.dsr;

import io.ambientretail.privacy.DataCategory;
import io.ambientretail.privacy.PersonalData;
import io.ambientretail.privacy.SubjectId;
import io.ambientretail.privacy.residency.Region;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record about a data subject as a {@link PersonalDataStore} reports it: where it lives, its
 * category, the region it was collected in, when, and its fields as text (what an access request
 * shows and a portable export contains).
 *
 * <p>Immutable; field order is kept.
 */
public final class PersonalRecord {
  private final String store;
  private final String id;

  @PersonalData(
      category = "pseudonym",
      purposes = {"legal-obligation"})
  private final SubjectId subject;

  private final DataCategory category;
  private final Region region;
  private final Instant collected;

  @PersonalData(
      category = "purchase-history",
      purposes = {"order-fulfilment"})
  private final Map<String, String> fields;

  /** Creates a record; {@code fields} is copied in its iteration order. */
  public PersonalRecord(
      String store,
      String id,
      SubjectId subject,
      DataCategory category,
      Region region,
      Instant collected,
      Map<String, String> fields) {
    this.store = Objects.requireNonNull(store, "store");
    this.id = Objects.requireNonNull(id, "id");
    this.subject = Objects.requireNonNull(subject, "subject");
    this.category = Objects.requireNonNull(category, "category");
    this.region = Objects.requireNonNull(region, "region");
    this.collected = Objects.requireNonNull(collected, "collected");
    this.fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The name of the store that holds it. */
  public String store() {
    return store;
  }

  /** Its id within that store. */
  public String id() {
    return id;
  }

  /** Whose data it is. */
  public SubjectId subject() {
    return subject;
  }

  /** What kind of data it is. */
  public DataCategory category() {
    return category;
  }

  /** Where it was collected (residency tag). */
  public Region region() {
    return region;
  }

  /** When it was collected (retention starts here). */
  public Instant collected() {
    return collected;
  }

  /** Its fields as text, in order. */
  public Map<String, String> fields() {
    return fields;
  }

  @Override
  public String toString() {
    return "PersonalRecord{" + store + "/" + id + " " + category + " " + region + "}";
  }
}
