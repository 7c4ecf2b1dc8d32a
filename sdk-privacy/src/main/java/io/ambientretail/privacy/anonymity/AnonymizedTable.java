package io.ambientretail.privacy.anonymity;

import java.util.List;
import java.util.Map;

/**
 * The result of {@link KAnonymizer#apply}: the generalised rows, the level chosen for each
 * quasi-identifier, how many rows were suppressed, and the k it satisfies. Immutable.
 */
public final class AnonymizedTable {
  private final List<Map<String, String>> rows;
  private final Map<String, Integer> levels;
  private final int suppressed;
  private final int k;

  AnonymizedTable(
      List<Map<String, String>> rows, Map<String, Integer> levels, int suppressed, int k) {
    this.rows = List.copyOf(rows);
    this.levels = Map.copyOf(levels);
    this.suppressed = suppressed;
    this.k = k;
  }

  /** The generalised rows, each at least k-fold indistinguishable on its quasi-identifiers. */
  public List<Map<String, String>> rows() {
    return rows;
  }

  /** The generalisation level chosen per quasi-identifier (0 = exact). */
  public Map<String, Integer> levels() {
    return levels;
  }

  /** How many input rows were left out because their class stayed below k. */
  public int suppressed() {
    return suppressed;
  }

  /** The k every class satisfies. */
  public int k() {
    return k;
  }

  @Override
  public String toString() {
    return "AnonymizedTable{"
        + rows.size()
        + " rows, k="
        + k
        + ", levels="
        + levels
        + ", suppressed="
        + suppressed
        + "}";
  }
}
