package io.ambientretail.store.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ambientretail.store.db.ReviewBook;
import io.ambientretail.store.engine.ReviewDesk;
import io.ambientretail.store.engine.StoreEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's staff at the review desk: they decide the receipts the store held for review as a
 * person watching the footage would. The footage is what each simulated shopper really left with
 * (the truth file, by session id): staff approve the cart when it matches and adjust it to what was
 * taken otherwise; a shopper the footage does not cover (left inside by a stop or crash of an
 * earlier run) is approved as the store saw the cart.
 *
 * <p>At start-up, after crash recovery and before the simulated shelves are rebuilt from the stock
 * on hand, the demo lets staff decide what recovery held, so the shelves start from stock that
 * already counts those shoppers' sales. Thread-safe.
 */
public final class SimulatedStaffReviews {
  private final StoreEngine store;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Map<String, Integer>> footage = new ConcurrentHashMap<>();
  private final AtomicLong decided = new AtomicLong();

  /** Staff at {@code store}'s review desk who have seen the footage in {@code truthFile}. */
  public SimulatedStaffReviews(StoreEngine store, Path truthFile) {
    this.store = store;
    if (Files.exists(truthFile)) {
      try {
        // shoppers of an earlier run on the same data, whose receipts may still wait for review
        for (String line : Files.readAllLines(truthFile, StandardCharsets.UTF_8)) {
          readFootage(line);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void readFootage(String line) {
    try {
      var n = json.readTree(line);
      Map<String, Integer> items = new LinkedHashMap<>();
      n.path("items").fields().forEachRemaining(e -> items.put(e.getKey(), e.getValue().asInt()));
      footage.put(n.path("session").asText(), items);
    } catch (IOException | RuntimeException e) {
      // a line torn by a crash: that shopper's review falls back to the cart as seen
    }
  }

  /** Records what the shopper of {@code session} really left with. */
  void saw(String session, Map<String, Integer> items) {
    footage.put(session, Map.copyOf(items));
  }

  /**
   * Decides every receipt now held for review.
   *
   * @return how many this call decided
   */
  public int decidePending() {
    List<Map<String, Object>> pending;
    try {
      pending = store.reviews().pending();
    } catch (RuntimeException e) {
      return 0;
    }
    int n = 0;
    for (Map<String, Object> r : pending) {
      String sid = (String) r.get("session");
      Map<String, Integer> seen = new LinkedHashMap<>();
      for (Object o : (List<?>) r.get("lines")) {
        Map<?, ?> l = (Map<?, ?>) o;
        seen.merge((String) l.get("lane"), ((Number) l.get("qty")).intValue(), Integer::sum);
      }
      Map<String, Integer> took = footage.get(sid);
      ReviewDesk.Request decision;
      String note;
      if (took == null || took.equals(seen)) {
        decision = ReviewDesk.Request.approve();
        note = took == null ? "no footage of this shopper: cart as seen" : "footage matches";
      } else {
        List<ReviewBook.Line> lines = new ArrayList<>();
        took.forEach((lane, q) -> lines.add(new ReviewBook.Line(lane, q)));
        seen.keySet().stream()
            .filter(lane -> !took.containsKey(lane))
            .forEach(lane -> lines.add(new ReviewBook.Line(lane, 0)));
        decision = ReviewDesk.Request.adjust(lines);
        note = "footage shows another basket";
      }
      try {
        store.reviews().decide(sid, decision, "staff", note);
        decided.incrementAndGet();
        n++;
      } catch (RuntimeException e) {
        // decided meanwhile (the deadline, or another desk): nothing to do
      }
    }
    return n;
  }

  /** Reviews these staff decided. */
  public long decided() {
    return decided.get();
  }
}
