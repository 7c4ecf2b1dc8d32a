package io.ambientretail.inventory.ledger;

import io.ambientretail.core.SkuId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The event-sourced stock ledger of a store (or chain): every movement (receipt, sale, return,
 * adjustment, transfer, shrink, waste) becomes immutable {@link LedgerEntry entries} with a reason
 * and a source event; on-hand stock is derived from them, never edited.
 *
 * <p><b>Durability and idempotence.</b> {@link #post} writes a movement's entries to the {@link
 * LedgerStore} (all or nothing, durable) before it returns or changes any balance. A source event
 * id is recorded once: posting it again with the same movement returns the original entries marked
 * duplicate; with a different movement it throws {@link LedgerConflictException}.
 *
 * <p><b>Lots.</b> Units received with a {@link Lot} are tracked per lot; sales, shrink, waste and
 * transfers without a lot take them first-expiry-first-out, then from untracked units (which may go
 * negative when the books run behind the shelf).
 *
 * <p>Thread-safe: posts are serialised; queries see a consistent state.
 *
 * <pre>{@code
 * InventoryLedger ledger = InventoryLedger.open(new InMemoryLedgerStore());
 * ledger.post(StockMovement.receipt("dn-1001", lane, sku, 12, lot, "delivery note 1001", now));
 * ledger.post(StockMovement.sale("rcpt-77", lane, sku, 2, "receipt 77", now));
 * long onHand = ledger.onHand(lane, sku); // 10
 * }</pre>
 */
public final class InventoryLedger {
  private final LedgerStore store;
  private final Map<Key, Balance> balances = new HashMap<>();
  private long lastSequence;

  private InventoryLedger(LedgerStore store) {
    this.store = store;
  }

  /** Opens a ledger on a store, rebuilding balances by replaying its entries. */
  public static InventoryLedger open(LedgerStore store) {
    InventoryLedger l = new InventoryLedger(Objects.requireNonNull(store, "store"));
    store.replay(
        e -> {
          l.apply(e);
          l.lastSequence = e.sequence();
        });
    return l;
  }

  /**
   * Records a movement, durably and at most once per source event.
   *
   * @throws LedgerConflictException if the source event was recorded with a different movement
   */
  public synchronized PostResult post(StockMovement m) {
    List<LedgerEntry> existing = store.findBySource(m.sourceEventId());
    if (!existing.isEmpty()) {
      if (!sameMovement(existing, m)) {
        throw new LedgerConflictException(
            "source event "
                + m.sourceEventId()
                + " was recorded as "
                + describe(existing)
                + "; now posted as "
                + m);
      }
      return new PostResult(existing, true);
    }
    List<LedgerEntry> entries = new ArrayList<>();
    long seq = lastSequence;
    switch (m.type()) {
      case RECEIPT, RETURN, ADJUSTMENT ->
          entries.add(entry(++seq, m, m.type(), m.location(), m.lot(), m.quantity()));
      case SALE, SHRINK, WASTE -> {
        if (m.lot() != null) {
          entries.add(entry(++seq, m, m.type(), m.location(), m.lot(), -m.quantity()));
        } else {
          for (LotBalance part : fefo(m.location(), m.sku(), m.quantity())) {
            entries.add(entry(++seq, m, m.type(), m.location(), part.lot(), -part.units()));
          }
        }
      }
      case TRANSFER_OUT -> {
        List<LotBalance> parts = fefo(m.location(), m.sku(), m.quantity());
        for (LotBalance part : parts) {
          entries.add(
              entry(++seq, m, EntryType.TRANSFER_OUT, m.location(), part.lot(), -part.units()));
        }
        for (LotBalance part : parts) {
          entries.add(
              entry(
                  ++seq,
                  m,
                  EntryType.TRANSFER_IN,
                  Objects.requireNonNull(m.destination()),
                  part.lot(),
                  part.units()));
        }
      }
      default -> throw new IllegalArgumentException("cannot post a movement of type " + m.type());
    }
    store.append(entries);
    entries.forEach(this::apply);
    lastSequence = seq;
    return new PostResult(entries, false);
  }

  /** Units of a SKU on hand at a location: the sum of its entries. */
  public synchronized long onHand(StockLocation location, SkuId sku) {
    Balance b = balances.get(new Key(location, sku));
    return b == null ? 0 : b.total();
  }

  /**
   * The non-zero balances of a SKU at a location by lot, first expiry first, untracked units last.
   */
  public synchronized List<LotBalance> lots(StockLocation location, SkuId sku) {
    Balance b = balances.get(new Key(location, sku));
    List<LotBalance> out = new ArrayList<>();
    if (b != null) {
      b.lots.forEach(
          (lot, units) -> {
            if (units != 0) {
              out.add(new LotBalance(lot, units));
            }
          });
      if (b.untracked != 0) {
        out.add(new LotBalance(null, b.untracked));
      }
    }
    return out;
  }

  /** Units of a SKU at a location in lots whose expiry is before {@code today}. */
  public synchronized long expiredUnits(StockLocation location, SkuId sku, LocalDate today) {
    long n = 0;
    for (LotBalance lb : lots(location, sku)) {
      if (lb.lot() != null && lb.lot().expiry().isBefore(today) && lb.units() > 0) {
        n += lb.units();
      }
    }
    return n;
  }

  /** Every entry in sequence order, read from the store. */
  public List<LedgerEntry> entries() {
    List<LedgerEntry> out = new ArrayList<>();
    store.replay(out::add);
    return out;
  }

  private List<LotBalance> fefo(StockLocation at, SkuId sku, long units) {
    Balance b = balances.get(new Key(at, sku));
    List<LotBalance> parts = new ArrayList<>();
    long left = units;
    if (b != null) {
      for (Map.Entry<Lot, Long> e : b.lots.entrySet()) {
        if (left == 0) {
          break;
        }
        long take = Math.min(left, Math.max(0, e.getValue()));
        if (take > 0) {
          parts.add(new LotBalance(e.getKey(), take));
          left -= take;
        }
      }
    }
    if (left > 0) {
      parts.add(new LotBalance(null, left));
    }
    return parts;
  }

  private static LedgerEntry entry(
      long seq, StockMovement m, EntryType type, StockLocation at, @Nullable Lot lot, long qty) {
    return new LedgerEntry(
        seq, m.sourceEventId(), type, at, m.sku(), lot, qty, m.reason(), m.occurredAt());
  }

  private void apply(LedgerEntry e) {
    Balance b = balances.computeIfAbsent(new Key(e.location(), e.sku()), k -> new Balance());
    if (e.lot() == null) {
      b.untracked += e.quantity();
    } else {
      b.lots.merge(e.lot(), e.quantity(), Long::sum);
    }
  }

  private static boolean sameMovement(List<LedgerEntry> entries, StockMovement m) {
    LedgerEntry first = entries.get(0);
    if (first.type() != m.type()
        || !first.location().equals(m.location())
        || !first.sku().equals(m.sku())) {
      return false;
    }
    long origin = 0;
    for (LedgerEntry e : entries) {
      if (e.location().equals(m.location())) {
        origin += e.quantity();
        if (m.lot() != null && !m.lot().equals(e.lot())) {
          return false;
        }
      } else if (m.destination() == null || !m.destination().equals(e.location())) {
        return false;
      }
    }
    long expected =
        switch (m.type()) {
          case RECEIPT, RETURN, ADJUSTMENT -> m.quantity();
          default -> -m.quantity();
        };
    return origin == expected;
  }

  private static String describe(List<LedgerEntry> entries) {
    LedgerEntry f = entries.get(0);
    long sum =
        entries.stream()
            .filter(e -> e.location().equals(f.location()))
            .mapToLong(LedgerEntry::quantity)
            .sum();
    return f.type() + " " + sum + " x " + f.sku() + " at " + f.location();
  }

  private record Key(StockLocation location, SkuId sku) {}

  private static final class Balance {
    final TreeMap<Lot, Long> lots = new TreeMap<>();
    long untracked;

    long total() {
      long t = untracked;
      for (long v : lots.values()) {
        t += v;
      }
      return t;
    }
  }
}
