package io.ambientretail.inventory.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@link LedgerStore} in memory: for tests and for embedding where the ledger is rebuilt from
 * another durable journal. "Durable" here lasts as long as the object. Thread-safe.
 */
public final class InMemoryLedgerStore implements LedgerStore {
  private final List<LedgerEntry> entries = new ArrayList<>();
  private final Map<String, List<LedgerEntry>> bySource = new HashMap<>();

  /** An empty store. */
  public InMemoryLedgerStore() {}

  @Override
  public synchronized void append(List<LedgerEntry> batch) {
    long next = entries.size() + 1L;
    for (LedgerEntry e : batch) {
      if (e.sequence() != next++) {
        throw new IllegalStateException(
            "entry sequence " + e.sequence() + " does not continue " + entries.size());
      }
    }
    entries.addAll(batch);
    for (LedgerEntry e : batch) {
      bySource.computeIfAbsent(e.sourceEventId(), k -> new ArrayList<>()).add(e);
    }
  }

  @Override
  public synchronized List<LedgerEntry> findBySource(String sourceEventId) {
    return List.copyOf(bySource.getOrDefault(sourceEventId, List.of()));
  }

  @Override
  public void replay(Consumer<LedgerEntry> sink) {
    List<LedgerEntry> copy;
    synchronized (this) {
      copy = List.copyOf(entries);
    }
    copy.forEach(sink);
  }

  @Override
  public synchronized long lastSequence() {
    return entries.size();
  }
}
