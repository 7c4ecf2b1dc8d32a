package io.ambientretail.store.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which shopper a shelf change belongs to from recent reaches into that shelf (presence
 * and hand sensing): the latest reach within the window wins; when more than one shopper reached in
 * the window the result is ambiguous and its receipt goes to review. The store's own small fusion
 * until sdk-inventory's cart fusion is wired. Thread-safe.
 */
public final class CartAttribution {
  /** Who took from a shelf, and whether another shopper could have. */
  public record Attribution(String sessionId, boolean ambiguous) {}

  private record Reach(String sessionId, long atMs) {}

  private final long windowMs;
  private final long ambiguityMs;
  private final Map<String, Deque<Reach>> reaches = new HashMap<>();

  /**
   * Attribution over reaches at most {@code windowMs} old; another shopper's reach within
   * {@code ambiguityMs} of the change makes it ambiguous.
   */
  public CartAttribution(long windowMs, long ambiguityMs) {
    this.windowMs = windowMs;
    this.ambiguityMs = ambiguityMs;
  }

  /** A shopper reached into a shelf. */
  public synchronized void reach(String shelfId, String sessionId, long nowMs) {
    Deque<Reach> d = reaches.computeIfAbsent(shelfId, k -> new ArrayDeque<>());
    d.addLast(new Reach(sessionId, nowMs));
    while (d.size() > 64) {
      d.removeFirst();
    }
  }

  /** Forgets a shopper (left the store). */
  public synchronized void forget(String sessionId) {
    reaches.values().forEach(d -> d.removeIf(r -> r.sessionId().equals(sessionId)));
  }

  /** Who changed the shelf at {@code nowMs}, if anyone reached recently. */
  public synchronized Optional<Attribution> attribute(String shelfId, long nowMs) {
    Deque<Reach> d = reaches.get(shelfId);
    if (d == null) {
      return Optional.empty();
    }
    d.removeIf(r -> nowMs - r.atMs() > windowMs);
    if (d.isEmpty()) {
      return Optional.empty();
    }
    Set<String> who = new LinkedHashSet<>();
    d.forEach(r -> {
      if (nowMs - r.atMs() <= ambiguityMs) {
        who.add(r.sessionId());
      }
    });
    who.add(d.peekLast().sessionId());
    return Optional.of(new Attribution(d.peekLast().sessionId(), who.size() > 1));
  }
}
