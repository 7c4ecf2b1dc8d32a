package io.ambientretail.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ambientretail.core.Gtin;
import io.ambientretail.payments.session.Receipt;
import io.ambientretail.payments.session.ReceiptLine;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.db.PaymentJournal;
import io.ambientretail.store.db.ReceiptBook;
import io.ambientretail.store.db.StockBook;
import io.ambientretail.store.engine.StoreEngine;
import io.ambientretail.store.pay.StorePayments;
import io.ambientretail.testing.PanLeakScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The demo's closing summary, computed from the store's own records: shoppers from the sessions
 * (walk-out) or the door counter (micromarket), receipts of this run's shoppers (not those recovery
 * issued for an earlier run's) and the captured amount from the receipts and the SDK payment
 * journal (a walk-out receipt's money is what the SDK session captured and charged for it; a kiosk
 * receipt's is its approved sale), exact receipts by comparing receipts with the simulator's truth
 * file, double captures as receipts whose session took more than the receipt's total, or captured
 * more than once, stock mismatches from the ledger and the shelves, PAN leaks from a scan of every
 * file the run wrote. Sums of money use checked arithmetic: an overflow fails the summary ({@link
 * ArithmeticException}) instead of printing a wrapped figure.
 */
public record RunSummary(
    long shoppers,
    long receipts,
    long exactReceipts,
    String currency,
    long capturedMinor,
    long doubleCaptures,
    long stockMismatches,
    long panLeaks) {
  /** How long a lane's shelf may take to report a count the ledger already holds. */
  private static final long SHELF_SETTLE_MS = 2_000;

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunSummary.class);

  /** The contract's summary line (docs/cli.md). */
  public String toJsonLine() {
    return "{\"summary\":{\"shoppers\":"
        + shoppers
        + ",\"receipts\":"
        + receipts
        + ",\"exactReceipts\":"
        + exactReceipts
        + ",\"captured\":{\"currency\":\""
        + currency
        + "\",\"minor\":"
        + capturedMinor
        + "},\"doubleCaptures\":"
        + doubleCaptures
        + ",\"stockMismatches\":"
        + stockMismatches
        + ",\"panLeaks\":"
        + panLeaks
        + "}}";
  }

  /** True when nothing is wrong: no double capture, no stock mismatch, no PAN leak. */
  public boolean clean() {
    return doubleCaptures == 0 && stockMismatches == 0 && panLeaks == 0;
  }

  /**
   * Computes the summary of the records since {@code sinceMs}.
   *
   * @param payments the store's payments, whose SDK journal holds each walk-out's money
   * @param dataDir everything the run wrote (database, payment journal, truth, logs, receipts)
   */
  public static RunSummary compute(
      StoreEngine store, StorePayments payments, long sinceMs, Path dataDir, Path truthFile) {
    StoreConfig config = store.config();
    var db = store.database();
    long shoppers =
        db.read(
            c -> {
              if (config.kind() == io.ambientretail.store.config.StoreKind.WALKOUT) {
                return count(
                    c,
                    "SELECT COUNT(*) FROM sessions WHERE kind = 'walkout' AND opened_ms >= ?",
                    sinceMs);
              }
              return doorEntriesSince(c, sinceMs);
            });
    // this run's shoppers only: receipts that recovery issued at start-up for shoppers of an
    // earlier run on the same data are theirs, not this run's
    Set<String> earlier =
        db.read(c -> stringsOf(c, "SELECT session_id FROM sessions WHERE opened_ms < ?", sinceMs));
    List<ReceiptBook.Receipt> receipts =
        db.read(c -> store.receipts().all(c)).stream()
            .filter(r -> r.createdMs() >= sinceMs && !earlier.contains(r.sessionId()))
            .toList();
    long captured = 0;
    long doubles = 0;
    for (ReceiptBook.Receipt r : receipts) {
      Optional<Receipt> sdk = payments.walkOutReceipt(r.sessionId());
      long taken;
      if (sdk.isPresent()) {
        long caps =
            sdk.get().lines().stream().filter(l -> l.kind() == ReceiptLine.Kind.CAPTURE).count();
        taken =
            sdk.get().lines().stream()
                .filter(l -> l.kind() != ReceiptLine.Kind.REFUND)
                .mapToLong(l -> l.amount().minor())
                .reduce(0L, Math::addExact);
        captured = Math.addExact(captured, sdk.get().charged().minor());
        if (caps > 1 || taken > r.totalMinor()) {
          doubles++;
        }
      } else {
        List<PaymentJournal.Entry> sales =
            db.read(c -> store.journal().ofSession(c, r.sessionId())).stream()
                .filter(
                    e ->
                        e.op() == PaymentJournal.Op.SALE
                            && e.state() == PaymentJournal.State.APPROVED)
                .toList();
        taken =
            sales.stream().mapToLong(PaymentJournal.Entry::amountMinor).reduce(0L, Math::addExact);
        long refunded =
            db.read(c -> store.journal().ofSession(c, r.sessionId())).stream()
                .filter(
                    e ->
                        e.op() == PaymentJournal.Op.REFUND
                            && e.state() == PaymentJournal.State.APPROVED)
                .mapToLong(PaymentJournal.Entry::amountMinor)
                .reduce(0L, Math::addExact);
        captured = Math.addExact(captured, Math.subtractExact(taken, refunded));
        if (sales.size() > 1 || taken > r.totalMinor()) {
          doubles++;
        }
      }
    }
    long mismatches = 0;
    for (StockBook.LaneStock l : db.read(c -> store.stock().lanes(c))) {
      // shelf controllers report at their sampling rate: a restock booked just before the end
      // reaches the load cells' count within a few readings, so give the shelf a moment to agree
      boolean shelfAgrees =
          store.shelves().units(l.laneId()) == l.onHand()
              || store.shelves().awaitPublished(l.laneId(), l.onHand(), SHELF_SETTLE_MS);
      if (l.onHand() != l.ledgerSum() || !shelfAgrees) {
        mismatches++;
        LOG.warn(
            "stock mismatch on lane {}: shelf counts {}, on hand {}, ledger {}",
            l.laneId(),
            store.shelves().units(l.laneId()),
            l.onHand(),
            l.ledgerSum());
      }
    }
    long exact = exact(receipts, truthFile);
    Set<String> fixtures = new HashSet<>();
    for (StoreConfig.Lane l : config.lanes()) {
      Gtin g = l.gtin();
      fixtures.add(g.digits14());
      fixtures.add(g.shortest());
    }
    long leaks = PanLeakScanner.allowing(fixtures).scan(dataDir).size();
    return new RunSummary(
        shoppers,
        receipts.size(),
        exact,
        config.currency().getCurrencyCode(),
        captured,
        doubles,
        mismatches,
        leaks);
  }

  private static long exact(List<ReceiptBook.Receipt> receipts, Path truthFile) {
    if (truthFile == null || !Files.exists(truthFile)) {
      return 0;
    }
    ObjectMapper json = new ObjectMapper();
    Map<String, Map<String, Integer>> truth = new HashMap<>();
    try {
      for (String line : Files.readAllLines(truthFile, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = json.readTree(line);
        Map<String, Integer> items = new LinkedHashMap<>();
        n.path("items").fields().forEachRemaining(e -> items.put(e.getKey(), e.getValue().asInt()));
        truth.put(n.path("session").asText(), items);
      }
      long exact = 0;
      for (ReceiptBook.Receipt r : receipts) {
        Map<String, Integer> t = truth.get(r.sessionId());
        if (t == null) {
          continue;
        }
        Map<String, Integer> got = new LinkedHashMap<>();
        for (JsonNode l : json.readTree(r.body()).path("lines")) {
          got.merge(l.path("lane").asText(), l.path("qty").asInt(), Integer::sum);
        }
        if (got.equals(t)) {
          exact++;
        }
      }
      return exact;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long count(java.sql.Connection c, String sql, long arg) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(sql)) {
      q.setLong(1, arg);
      try (ResultSet r = q.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static Set<String> stringsOf(java.sql.Connection c, String sql, long arg)
      throws SQLException {
    Set<String> out = new HashSet<>();
    try (PreparedStatement q = c.prepareStatement(sql)) {
      q.setLong(1, arg);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
    }
    return out;
  }

  private static long doorEntriesSince(java.sql.Connection c, long sinceMs) throws SQLException {
    return count(c, "SELECT COUNT(*) FROM door_entries WHERE at_ms >= ?", sinceMs);
  }
}
