package io.ambientretail.devices.coldchain;

import java.util.Map;
import java.util.Objects;

/**
 * What staff decided about the food of a breached zone before unlocking it: kept (the food was
 * checked and is safe) or discarded, with the quantity of each SKU to write off.
 *
 * @param kind kept or discarded
 * @param staff who decided (a staff id or badge)
 * @param note why, in a few words
 * @param writeOffs units written off per SKU; empty when kept
 */
public record Disposition(Kind kind, String staff, String note, Map<String, Long> writeOffs) {
  /** What staff did with the food. */
  public enum Kind {
    /** The food was checked and kept. */
    KEPT,
    /** The food was discarded; {@link #writeOffs()} says how much. */
    DISCARDED
  }

  /** Checks the values: a staff id is required, write-offs only when discarded, each positive. */
  public Disposition {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(staff, "staff");
    Objects.requireNonNull(note, "note");
    writeOffs = Map.copyOf(writeOffs);
    if (staff.isBlank()) {
      throw new IllegalArgumentException("a disposition needs the staff member who made it");
    }
    if (kind == Kind.KEPT && !writeOffs.isEmpty()) {
      throw new IllegalArgumentException("kept food has no write-offs");
    }
    if (kind == Kind.DISCARDED && writeOffs.isEmpty()) {
      throw new IllegalArgumentException("discarded food needs the quantities written off");
    }
    writeOffs.forEach(
        (sku, q) -> {
          if (q == null || q <= 0) {
            throw new IllegalArgumentException(
                "write-off of " + sku + " must be positive, was " + q);
          }
        });
  }

  /** Food kept after a check. */
  public static Disposition kept(String staff, String note) {
    return new Disposition(Kind.KEPT, staff, note, Map.of());
  }

  /** Food discarded, with the units written off per SKU. */
  public static Disposition discarded(String staff, String note, Map<String, Long> writeOffs) {
    return new Disposition(Kind.DISCARDED, staff, note, writeOffs);
  }
}
