package io.ambientretail.store.privacy;

import io.ambientretail.privacy.ConsentRecord;
import io.ambientretail.privacy.ConsentRegistry;
import io.ambientretail.privacy.DataCategory;
import io.ambientretail.privacy.SubjectId;
import io.ambientretail.privacy.dsr.PersonalRecord;
import io.ambientretail.privacy.residency.Region;
import io.ambientretail.store.db.Database;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The shopper's consent decisions ({@code consents}): every record the store's one {@link
 * ConsentRegistry} keeps about them, under their shopper reference (objections made by a request)
 * and under the consent subject of each card they paid with (returning-card consent given at a
 * receipt), each with its purpose, action, notice version, channel and time: the proof an access
 * request returns. Deleting erases those records in the registry (and so in {@code
 * privacy_consent}). The records live as long as the card data they belong to (retention of {@code
 * card-data} erases a card's consent with its last card data), so there is no retention rule of
 * their own.
 */
final class ConsentData extends SqlPersonalData {
  /** The category of a consent decision. */
  static final DataCategory CONSENT = DataCategory.of("consent");

  private final ConsentRegistry registry;
  private final Function<String, SubjectId> cardSubject;

  ConsentData(
      Database db,
      Region region,
      ConsentRegistry registry,
      Function<String, SubjectId> cardSubject) {
    super("consents", CONSENT, db, region);
    this.registry = registry;
    this.cardSubject = cardSubject;
  }

  @Override
  public List<PersonalRecord> find(SubjectId subject) throws IOException {
    return tx(
        c -> {
          List<PersonalRecord> out = new ArrayList<>();
          for (SubjectId s : subjects(c, subject)) {
            int i = 0;
            for (ConsentRecord r : registry.history(s)) {
              Map<String, String> f = new LinkedHashMap<>();
              f.put("purpose", r.purpose().name());
              f.put("action", r.action().name().toLowerCase(Locale.ROOT));
              f.put(
                  "notice", r.noticeId().isEmpty() ? "" : r.noticeId() + " v" + r.noticeVersion());
              f.put("channel", r.channel());
              f.put("at", r.time().toString());
              out.add(
                  new PersonalRecord(
                      name(),
                      "consent@" + s.value() + "#" + i++,
                      subject,
                      category,
                      region,
                      r.time(),
                      f));
            }
          }
          return out;
        });
  }

  @Override
  public int delete(SubjectId subject) throws IOException {
    return tx(
        c -> {
          int n = 0;
          for (SubjectId s : subjects(c, subject)) {
            n += registry.erase(s);
          }
          return n;
        });
  }

  /** The subject itself and the consent subject of every card on its sessions. */
  private Set<SubjectId> subjects(Connection c, SubjectId subject) throws SQLException {
    Set<SubjectId> out = new LinkedHashSet<>();
    out.add(subject);
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT DISTINCT card_fingerprint FROM"
                + " sessions WHERE shopper_ref = ? AND card_fingerprint IS NOT NULL")) {
      q.setString(1, subject.value());
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          out.add(cardSubject.apply(r.getString(1)));
        }
      }
    }
    return out;
  }

  @Override
  public List<PersonalRecord> collectedBefore(Instant cutoff) {
    return none();
  }

  @Override
  public boolean deleteRecord(String recordId) {
    return false;
  }
}
