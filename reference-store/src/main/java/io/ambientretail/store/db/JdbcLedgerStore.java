package io.ambientretail.store.db;

import io.ambientretail.core.SkuId;
import io.ambientretail.core.StoreId;
import io.ambientretail.inventory.ledger.EntryType;
import io.ambientretail.inventory.ledger.LedgerEntry;
import io.ambientretail.inventory.ledger.LedgerStore;
import io.ambientretail.inventory.ledger.LocationKind;
import io.ambientretail.inventory.ledger.Lot;
import io.ambientretail.inventory.ledger.StockLocation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * sdk-inventory's {@link LedgerStore} on the store's database (table {@code inventory_ledger},
 * SQLite or PostgreSQL).
 *
 * <p>It writes through the connection of the transaction the caller is in: {@link #bind} hands it
 * the connection for the duration of a ledger call, so a ledger entry commits (or rolls back)
 * together with the sale, receipt or count that caused it. That is why {@link #append} is durable
 * only once the caller's transaction commits, which the store's {@link Database#tx} does before it
 * acknowledges anything. Calls without a bound connection fail with {@link IllegalStateException}.
 *
 * <p>Thread-safe: the binding is per thread, and the store's database serialises transactions.
 */
public final class JdbcLedgerStore implements LedgerStore {
  /** A connection bound to the calling thread; close it to unbind. */
  public interface Binding extends AutoCloseable {
    @Override
    void close();
  }

  private final ThreadLocal<Connection> bound = new ThreadLocal<>();

  /** A store with no connection bound yet. */
  public JdbcLedgerStore() {}

  /** Binds {@code c} to the calling thread until the returned binding is closed. */
  public Binding bind(Connection c) {
    Connection previous = bound.get();
    bound.set(c);
    return () -> {
      if (previous == null) {
        bound.remove();
      } else {
        bound.set(previous);
      }
    };
  }

  private Connection connection() {
    Connection c = bound.get();
    if (c == null) {
      throw new IllegalStateException("no database connection bound to this thread");
    }
    return c;
  }

  @Override
  public void append(List<LedgerEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    Connection c = connection();
    try {
      long last = lastSequence(c);
      long next = last + 1;
      for (LedgerEntry e : entries) {
        if (e.sequence() != next++) {
          throw new IllegalStateException(
              "entry sequence " + e.sequence() + " does not continue " + last);
        }
      }
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO inventory_ledger (seq,"
                  + " source_event, entry_type, store_id, location_kind, location, sku, lot_code,"
                  + " lot_expiry, quantity, reason, occurred_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
        for (LedgerEntry e : entries) {
          p.setLong(1, e.sequence());
          p.setString(2, e.sourceEventId());
          p.setString(3, e.type().name());
          p.setString(4, e.location().store().value());
          p.setString(5, e.location().kind().name());
          p.setString(6, e.location().name());
          p.setString(7, e.sku().value());
          if (e.lot() == null) {
            p.setNull(8, Types.VARCHAR);
            p.setNull(9, Types.VARCHAR);
          } else {
            p.setString(8, e.lot().code());
            p.setString(9, e.lot().expiry().toString());
          }
          p.setLong(10, e.quantity());
          p.setString(11, e.reason());
          p.setLong(12, e.occurredAt().toEpochMilli());
          p.addBatch();
        }
        p.executeBatch();
      }
    } catch (SQLException e) {
      throw new StoreDataException("inventory ledger append: " + e.getMessage(), e);
    }
  }

  @Override
  public List<LedgerEntry> findBySource(String sourceEventId) {
    try (PreparedStatement q =
        connection().prepareStatement(SELECT + " WHERE source_event = ? ORDER BY seq")) {
      q.setString(1, sourceEventId);
      List<LedgerEntry> out = new ArrayList<>();
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          out.add(entry(r));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreDataException("inventory ledger read: " + e.getMessage(), e);
    }
  }

  @Override
  public void replay(Consumer<LedgerEntry> sink) {
    try (PreparedStatement q = connection().prepareStatement(SELECT + " ORDER BY seq")) {
      q.setFetchSize(1000);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          sink.accept(entry(r));
        }
      }
    } catch (SQLException e) {
      throw new StoreDataException("inventory ledger replay: " + e.getMessage(), e);
    }
  }

  @Override
  public long lastSequence() {
    try {
      return lastSequence(connection());
    } catch (SQLException e) {
      throw new StoreDataException("inventory ledger read: " + e.getMessage(), e);
    }
  }

  static long lastSequence(Connection c) throws SQLException {
    try (PreparedStatement q =
            c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM inventory_ledger");
        ResultSet r = q.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  private static final String SELECT =
      "SELECT seq, source_event, entry_type, store_id,"
          + " location_kind, location, sku, lot_code, lot_expiry, quantity, reason, occurred_ms"
          + " FROM inventory_ledger";

  private static LedgerEntry entry(ResultSet r) throws SQLException {
    String lotCode = r.getString(8);
    Lot lot = lotCode == null ? null : new Lot(lotCode, LocalDate.parse(r.getString(9)));
    return new LedgerEntry(
        r.getLong(1),
        r.getString(2),
        EntryType.valueOf(r.getString(3)),
        new StockLocation(
            StoreId.of(r.getString(4)), LocationKind.valueOf(r.getString(5)), r.getString(6)),
        SkuId.of(r.getString(7)),
        lot,
        r.getLong(10),
        r.getString(11),
        Instant.ofEpochMilli(r.getLong(12)));
  }
}
