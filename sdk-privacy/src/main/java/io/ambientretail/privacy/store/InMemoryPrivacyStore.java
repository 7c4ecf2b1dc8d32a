package io.ambientretail.privacy.store;

import io.ambientretail.privacy.ConsentRecord;
import io.ambientretail.privacy.PersonalData;
import io.ambientretail.privacy.Role;
import io.ambientretail.privacy.SubjectId;
import io.ambientretail.privacy.dsr.DsrStatus;
import io.ambientretail.privacy.keys.WrappedKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@link PrivacyStore} in memory: for tests and demos, and the reference for what each SPI method
 * must do. Not durable. Thread-safe (every method is synchronised).
 */
public final class InMemoryPrivacyStore implements PrivacyStore {
  @PersonalData(
      category = "pseudonym",
      purposes = {"legal-obligation"})
  private final List<ConsentRecord> consent = new ArrayList<>();

  private final Map<String, DsrStatus> requests = new LinkedHashMap<>();

  @PersonalData(
      category = "pseudonym",
      purposes = {"legal-obligation"})
  private final Map<SubjectId, String> holds = new LinkedHashMap<>();

  @PersonalData(
      category = "pseudonym",
      purposes = {"legal-obligation"})
  private final Map<SubjectId, WrappedKey> keys = new LinkedHashMap<>();

  private final Map<String, Set<Role>> roles = new LinkedHashMap<>();

  /** Creates an empty store. */
  public InMemoryPrivacyStore() {}

  @Override
  public synchronized void appendConsent(ConsentRecord record) {
    consent.add(Objects.requireNonNull(record, "record"));
  }

  @Override
  public synchronized List<ConsentRecord> consentRecords() {
    return List.copyOf(consent);
  }

  @Override
  public synchronized int eraseConsent(SubjectId subject) {
    int before = consent.size();
    consent.removeIf(r -> r.subject().equals(subject));
    return before - consent.size();
  }

  @Override
  public synchronized void saveRequest(DsrStatus status) {
    DsrStatus s = status;
    requests.put(
        s.request().id(),
        DsrStatus.restore(
            s.request(),
            s.state(),
            s.steps(),
            s.refusal().orElse(null),
            s.completed().orElse(null),
            s.proof().orElse(null)));
  }

  @Override
  public synchronized List<DsrStatus> requests() {
    return List.copyOf(requests.values());
  }

  @Override
  public synchronized void placeHold(SubjectId subject, String reason) {
    holds.put(Objects.requireNonNull(subject, "subject"), Objects.requireNonNull(reason, "reason"));
  }

  @Override
  public synchronized void releaseHold(SubjectId subject) {
    holds.remove(subject);
  }

  @Override
  public synchronized Map<SubjectId, String> holds() {
    return Map.copyOf(holds);
  }

  @Override
  public synchronized WrappedKey putKeyIfAbsent(SubjectId subject, WrappedKey key) {
    WrappedKey kept =
        keys.putIfAbsent(
            Objects.requireNonNull(subject, "subject"), Objects.requireNonNull(key, "key"));
    return kept == null ? key : kept;
  }

  @Override
  public synchronized @Nullable WrappedKey key(SubjectId subject) {
    return keys.get(subject);
  }

  @Override
  public synchronized boolean removeKey(SubjectId subject) {
    return keys.remove(subject) != null;
  }

  @Override
  public synchronized void addRole(String actor, Role role) {
    Set<Role> s = new HashSet<>(roles.getOrDefault(actor, Set.of()));
    s.add(Objects.requireNonNull(role, "role"));
    roles.put(Objects.requireNonNull(actor, "actor"), Set.copyOf(s));
  }

  @Override
  public synchronized void removeRole(String actor, Role role) {
    Set<Role> s = new HashSet<>(roles.getOrDefault(actor, Set.of()));
    s.remove(role);
    if (s.isEmpty()) {
      roles.remove(actor);
    } else {
      roles.put(actor, Set.copyOf(s));
    }
  }

  @Override
  public synchronized Map<String, Set<Role>> assignments() {
    return Map.copyOf(roles);
  }

  @Override
  public synchronized String toString() {
    return "InMemoryPrivacyStore{"
        + consent.size()
        + " consent records, "
        + requests.size()
        + " requests, "
        + holds.size()
        + " holds, "
        + keys.size()
        + " keys, "
        + roles.size()
        + " actors}";
  }
}
