package io.ambientretail.inventory.ledger;

import io.ambientretail.core.SkuId;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request to record a movement of stock in an {@link InventoryLedger}: what happened, to which
 * SKU, where, how many units, why and which source event it came from. Made by the static
 * factories; immutable.
 *
 * <p>Sales, shrink, waste and transfers without a lot take units first-expiry-first-out from the
 * location's lots; receipts and returns without a lot add untracked units.
 */
public final class StockMovement {
  private final String sourceEventId;
  private final EntryType type;
  private final StockLocation location;
  private final @Nullable StockLocation destination;
  private final SkuId sku;
  private final @Nullable Lot lot;
  private final long quantity;
  private final String reason;
  private final Instant occurredAt;

  private StockMovement(
      String sourceEventId,
      EntryType type,
      StockLocation location,
      @Nullable StockLocation destination,
      SkuId sku,
      @Nullable Lot lot,
      long quantity,
      String reason,
      Instant occurredAt) {
    if (sourceEventId.isBlank() || sourceEventId.length() > 128) {
      throw new IllegalArgumentException("source event id must be 1..128 characters");
    }
    if (reason.isBlank() || reason.length() > 500) {
      throw new IllegalArgumentException("reason must be 1..500 characters");
    }
    if (type == EntryType.ADJUSTMENT ? quantity == 0 : quantity <= 0) {
      throw new IllegalArgumentException(
          type
              + " quantity must be "
              + (type == EntryType.ADJUSTMENT ? "non-zero" : "positive")
              + ", was "
              + quantity);
    }
    if (Math.abs(quantity) > 1_000_000_000L) {
      throw new IllegalArgumentException("quantity beyond 1e9 units: " + quantity);
    }
    this.sourceEventId = sourceEventId;
    this.type = type;
    this.location = Objects.requireNonNull(location, "location");
    this.destination = destination;
    this.sku = Objects.requireNonNull(sku, "sku");
    this.lot = lot;
    this.quantity = quantity;
    this.reason = reason;
    this.occurredAt = Objects.requireNonNull(occurredAt, "occurredAt");
  }

  /** Units received at a location, optionally of a lot. */
  public static StockMovement receipt(
      String sourceEventId,
      StockLocation at,
      SkuId sku,
      long units,
      @Nullable Lot lot,
      String reason,
      Instant when) {
    return new StockMovement(
        sourceEventId, EntryType.RECEIPT, at, null, sku, lot, units, reason, when);
  }

  /** Units sold from a location (first expiry first out). */
  public static StockMovement sale(
      String sourceEventId, StockLocation at, SkuId sku, long units, String reason, Instant when) {
    return new StockMovement(
        sourceEventId, EntryType.SALE, at, null, sku, null, units, reason, when);
  }

  /** Units a shopper returned to stock, optionally of a lot. */
  public static StockMovement returned(
      String sourceEventId,
      StockLocation at,
      SkuId sku,
      long units,
      @Nullable Lot lot,
      String reason,
      Instant when) {
    return new StockMovement(
        sourceEventId, EntryType.RETURN, at, null, sku, lot, units, reason, when);
  }

  /** A signed correction after a count, optionally of a lot (non-zero). */
  public static StockMovement adjustment(
      String sourceEventId,
      StockLocation at,
      SkuId sku,
      long signedUnits,
      @Nullable Lot lot,
      String reason,
      Instant when) {
    return new StockMovement(
        sourceEventId, EntryType.ADJUSTMENT, at, null, sku, lot, signedUnits, reason, when);
  }

  /** Units moved between two locations (first expiry first out); one entry out, one in. */
  public static StockMovement transfer(
      String sourceEventId,
      StockLocation from,
      StockLocation to,
      SkuId sku,
      long units,
      String reason,
      Instant when) {
    if (from.equals(to)) {
      throw new IllegalArgumentException("a transfer needs two different locations");
    }
    return new StockMovement(
        sourceEventId,
        EntryType.TRANSFER_OUT,
        from,
        Objects.requireNonNull(to, "to"),
        sku,
        null,
        units,
        reason,
        when);
  }

  /** Units lost (theft, damage, unknown), first expiry first out. */
  public static StockMovement shrink(
      String sourceEventId, StockLocation at, SkuId sku, long units, String reason, Instant when) {
    return new StockMovement(
        sourceEventId, EntryType.SHRINK, at, null, sku, null, units, reason, when);
  }

  /** Units thrown away, of a given lot or first expiry first out when the lot is null. */
  public static StockMovement waste(
      String sourceEventId,
      StockLocation at,
      SkuId sku,
      long units,
      @Nullable Lot lot,
      String reason,
      Instant when) {
    return new StockMovement(
        sourceEventId, EntryType.WASTE, at, null, sku, lot, units, reason, when);
  }

  /** The source event id. */
  public String sourceEventId() {
    return sourceEventId;
  }

  /** The type ({@link EntryType#TRANSFER_OUT} for a transfer). */
  public EntryType type() {
    return type;
  }

  /** The location (the origin of a transfer). */
  public StockLocation location() {
    return location;
  }

  /** The destination of a transfer, or null. */
  public @Nullable StockLocation destination() {
    return destination;
  }

  /** The SKU. */
  public SkuId sku() {
    return sku;
  }

  /** The lot given, or null. */
  public @Nullable Lot lot() {
    return lot;
  }

  /** Units (signed for an adjustment, positive otherwise). */
  public long quantity() {
    return quantity;
  }

  /** The reason. */
  public String reason() {
    return reason;
  }

  /** When it happened. */
  public Instant occurredAt() {
    return occurredAt;
  }

  @Override
  public String toString() {
    return type
        + " "
        + quantity
        + " x "
        + sku
        + " at "
        + location
        + (destination == null ? "" : " to " + destination)
        + " ("
        + sourceEventId
        + ")";
  }
}
