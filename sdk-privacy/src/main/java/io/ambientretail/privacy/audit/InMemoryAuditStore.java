package io.ambientretail.privacy.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@link AuditStore} in memory: for tests, demos and as the fastest baseline. Not durable.
 *
 * <p>Thread-safe.
 */
public final class InMemoryAuditStore implements AuditStore, CheckpointStore {
  private final List<AuditEntry> entries = new ArrayList<>();
  private final java.util.TreeMap<String, SignedCheckpoint> checkpoints = new java.util.TreeMap<>();

  /** Creates an empty store. */
  public InMemoryAuditStore() {}

  @Override
  public synchronized void append(List<AuditEntry> batch) {
    for (int i = 0; i < batch.size(); i++) {
      if (batch.get(i).sequence() != entries.size() + i) {
        throw new IllegalArgumentException(
            "batch entry "
                + i
                + " has sequence "
                + batch.get(i).sequence()
                + ", expected "
                + (entries.size() + i));
      }
    }
    entries.addAll(batch);
  }

  @Override
  public synchronized long size() {
    return entries.size();
  }

  @Override
  public synchronized List<AuditEntry> read(long from, int max) {
    if (from < 0 || max < 0) {
      throw new IllegalArgumentException("from and max must not be negative");
    }
    int start = (int) Math.min(from, entries.size());
    int end = (int) Math.min((long) start + max, entries.size());
    return List.copyOf(entries.subList(start, end));
  }

  @Override
  public synchronized void saveCheckpoint(SignedCheckpoint checkpoint) {
    Checkpoint c = checkpoint.checkpoint();
    String key = String.format(java.util.Locale.ROOT, "%020d %s", c.size(), checkpoint.keyName());
    SignedCheckpoint kept = checkpoints.putIfAbsent(key, checkpoint);
    if (kept != null && !kept.text().equals(checkpoint.text())) {
      throw JdbcAuditStore.forked(c.size(), checkpoint.keyName());
    }
  }

  @Override
  public synchronized List<SignedCheckpoint> checkpoints() {
    return List.copyOf(checkpoints.values());
  }

  @Override
  public String toString() {
    return "InMemoryAuditStore{" + size() + " entries}";
  }
}
