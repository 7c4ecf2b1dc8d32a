package io.ambientretail.privacy.dsr;

import io.ambientretail.privacy.NotPersonalData;
import io.ambientretail.privacy.PersonalData;
import io.ambientretail.privacy.PrivacyException;
import io.ambientretail.privacy.SubjectId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link PersonalDataStore} in memory: for tests, demos and examples, and as the reference for
 * what the SPI's methods must do. Thread-safe.
 */
public final class InMemoryPersonalDataStore implements PersonalDataStore {
  private final String name;

  @PersonalData(
      category = "purchase-history",
      purposes = {"order-fulfilment"})
  private final Map<String, PersonalRecord> records = new LinkedHashMap<>();

  @NotPersonalData("anonymised: no subject link, identifiers dropped by the policy")
  private final Map<String, Map<String, String>> anonymized = new LinkedHashMap<>();

  private InMemoryPersonalDataStore(String name) {
    this.name = name;
  }

  /** Creates an empty store called {@code name}. */
  public static InMemoryPersonalDataStore create(String name) {
    return new InMemoryPersonalDataStore(Objects.requireNonNull(name, "name"));
  }

  /** Adds or replaces a record (its store name must be this store's). */
  public synchronized void put(PersonalRecord record) {
    if (!record.store().equals(name)) {
      throw new IllegalArgumentException("record belongs to store " + record.store());
    }
    records.put(record.id(), record);
  }

  /** Every record held, for tests that look for residue. */
  public synchronized List<PersonalRecord> all() {
    return List.copyOf(records.values());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized List<PersonalRecord> find(SubjectId subject) {
    List<PersonalRecord> out = new ArrayList<>();
    for (PersonalRecord r : records.values()) {
      if (r.subject().equals(subject)) {
        out.add(r);
      }
    }
    return out;
  }

  @Override
  public synchronized int delete(SubjectId subject) {
    int before = records.size();
    records.values().removeIf(r -> r.subject().equals(subject));
    return before - records.size();
  }

  @Override
  public synchronized void rectify(SubjectId subject, String recordId, String field, String value) {
    PersonalRecord r = records.get(recordId);
    if (r == null || !r.subject().equals(subject) || !r.fields().containsKey(field)) {
      throw new PrivacyException(
          PrivacyException.DSR_INVALID,
          "store "
              + name
              + " has no field '"
              + field
              + "' in record "
              + recordId
              + " of this subject");
    }
    Map<String, String> f = new LinkedHashMap<>(r.fields());
    f.put(field, value);
    records.put(
        recordId,
        new PersonalRecord(name, recordId, subject, r.category(), r.region(), r.collected(), f));
  }

  @Override
  public synchronized List<PersonalRecord> collectedBefore(Instant cutoff) {
    List<PersonalRecord> out = new ArrayList<>();
    for (PersonalRecord r : records.values()) {
      if (r.collected().isBefore(cutoff)) {
        out.add(r);
      }
    }
    return out;
  }

  @Override
  public synchronized boolean deleteRecord(String recordId) {
    return records.remove(recordId) != null;
  }

  @Override
  public synchronized boolean anonymizeRecord(String recordId, Map<String, String> fields) {
    if (records.remove(recordId) == null) {
      return false;
    }
    anonymized.put(recordId, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields)));
    return true;
  }

  /** The records anonymised in place, by id: what remains after retention, for tests. */
  public synchronized Map<String, Map<String, String>> anonymized() {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(anonymized));
  }

  @Override
  public synchronized String toString() {
    return "InMemoryPersonalDataStore{" + name + ", " + records.size() + " records}";
  }
}
