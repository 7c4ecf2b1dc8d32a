package io.ambientretail.store.privacy;

import io.ambientretail.privacy.DataCategory;
import io.ambientretail.privacy.PrivacyException;
import io.ambientretail.privacy.SubjectId;
import io.ambientretail.privacy.dsr.PersonalDataStore;
import io.ambientretail.privacy.dsr.PersonalRecord;
import io.ambientretail.privacy.residency.Region;
import io.ambientretail.store.db.Database;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the store's {@link PersonalDataStore}s share: the database, the store's region, and the
 * translation of database failures into the {@link IOException} the SPI asks for (a request then
 * reports a partial result and can be resumed). Subclasses work in one transaction per call.
 */
abstract class SqlPersonalData implements PersonalDataStore {
  /** The shopper reference a record is left with once its shopper is erased. */
  static final String ERASED = ReservedSubjects.ERASED;

  final Database db;
  final Region region;
  private final String name;
  final DataCategory category;

  SqlPersonalData(String name, DataCategory category, Database db, Region region) {
    this.name = name;
    this.category = category;
    this.db = db;
    this.region = region;
  }

  @FunctionalInterface
  interface Sql<T> {
    T run(Connection c) throws SQLException, IOException;
  }

  @Override
  public final String name() {
    return name;
  }

  final <T> T tx(Sql<T> work) throws IOException {
    try {
      return db.tx(
          c -> {
            try {
              return work.run(c);
            } catch (IOException e) {
              throw new SQLException(e.getMessage(), e);
            }
          });
    } catch (PrivacyException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IOException(name + ": " + e.getMessage(), e);
    }
  }

  final PersonalRecord record(
      String id, SubjectId subject, long collectedMs, Map<String, String> fields) {
    return new PersonalRecord(
        name, id, subject, category, region, Instant.ofEpochMilli(collectedMs), fields);
  }

  /** Refuses: nothing the store holds was provided by the shopper (see the message). */
  @Override
  public void rectify(SubjectId subject, String recordId, String field, String value)
      throws IOException {
    throw new PrivacyException(
        PrivacyException.DSR_INVALID,
        "cannot correct '"
            + field
            + "' in "
            + recordId
            + ": "
            + StorePersonalData.whyNotRectifiable(name)
                .orElse(name + " keeps its records as written"));
  }

  static String text(Object o) {
    return o == null ? "" : o.toString();
  }

  static List<PersonalRecord> none() {
    return List.of();
  }
}
