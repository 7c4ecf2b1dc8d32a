package io.ambientretail.privacy.anonymity;

import io.ambientretail.privacy.PrivacyException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Makes a table k-anonymous by full-domain generalisation with a suppression limit, the model ARX
 * implements: every combination of quasi-identifier values that remains must be shared by at least
 * k rows. It searches all generalisation levels (the lattice) for the least generalised one that
 * works, removing at most {@code maxSuppressed} rows that sit in classes below k.
 *
 * <p>Only declared columns may appear in the input: quasi-identifiers (generalised) and attributes
 * that cannot identify anyone (copied, such as a GTIN or an amount). Any other column is refused,
 * so a direct identifier cannot slip into an export. When no level reaches k the export is refused
 * with {@link PrivacyException#K_ANONYMITY}; nothing is returned.
 *
 * <p>Immutable and thread-safe.
 */
public final class KAnonymizer {
  private static final int MAX_LATTICE = 100_000;

  private final int k;
  private final double maxSuppressed;
  private final Map<String, Generalization> quasi;
  private final Set<String> insensitive;

  private KAnonymizer(Builder b) {
    this.k = b.k;
    this.maxSuppressed = b.maxSuppressed;
    this.quasi = new LinkedHashMap<>(b.quasi);
    this.insensitive = Set.copyOf(b.insensitive);
  }

  /** Starts configuring; k defaults to 5 and the suppression limit to 0. */
  public static Builder builder() {
    return new Builder();
  }

  /** The k this anonymiser guarantees. */
  public int k() {
    return k;
  }

  /**
   * Generalises {@code rows} (column name to value) to the least generalised k-anonymous form.
   *
   * @throws PrivacyException with {@link PrivacyException#K_ANONYMITY} if a row has an undeclared
   *     or missing column, a value cannot be generalised, or no level reaches k within the
   *     suppression limit
   */
  public AnonymizedTable apply(List<Map<String, String>> rows) {
    List<String> columns = new ArrayList<>(quasi.keySet());
    for (int r = 0; r < rows.size(); r++) {
      Map<String, String> row = rows.get(r);
      for (String c : row.keySet()) {
        if (!quasi.containsKey(c) && !insensitive.contains(c)) {
          throw new PrivacyException(
              PrivacyException.K_ANONYMITY,
              "row "
                  + r
                  + ": column '"
                  + c
                  + "' is neither a quasi-identifier nor declared insensitive; refusing to export it");
        }
      }
      for (String c : columns) {
        if (row.get(c) == null) {
          throw new PrivacyException(
              PrivacyException.K_ANONYMITY,
              "row " + r + ": quasi-identifier '" + c + "' is missing");
        }
      }
    }
    int[] max = new int[columns.size()];
    long nodes = 1;
    for (int i = 0; i < max.length; i++) {
      max[i] = quasi.get(columns.get(i)).levels() - 1;
      nodes *= max[i] + 1;
    }
    if (nodes > MAX_LATTICE) {
      throw new PrivacyException(
          PrivacyException.K_ANONYMITY,
          "too many generalisation combinations (" + nodes + "); use fewer quasi-identifiers");
    }
    // Pre-generalise each value once per level.
    String[][][] gen = new String[columns.size()][][];
    for (int c = 0; c < columns.size(); c++) {
      Generalization g = quasi.get(columns.get(c));
      gen[c] = new String[rows.size()][g.levels()];
      for (int r = 0; r < rows.size(); r++) {
        String v = rows.get(r).get(columns.get(c));
        for (int l = 0; l < g.levels(); l++) {
          gen[c][r][l] = g.apply(v, l);
        }
      }
    }
    long allowed = (long) Math.floor(maxSuppressed * rows.size());
    int[] best = null;
    long bestSuppressed = Long.MAX_VALUE;
    int bestHeight = Integer.MAX_VALUE;
    int[] node = new int[columns.size()];
    for (long n = 0; n < nodes; n++) {
      long rest = n;
      int height = 0;
      for (int c = 0; c < node.length; c++) {
        node[c] = (int) (rest % (max[c] + 1));
        rest /= max[c] + 1;
        height += node[c];
      }
      if (height > bestHeight) {
        continue;
      }
      long suppressed = suppressedAt(gen, node, rows.size());
      if (suppressed <= allowed
          && (height < bestHeight || (height == bestHeight && suppressed < bestSuppressed))) {
        best = node.clone();
        bestHeight = height;
        bestSuppressed = suppressed;
      }
    }
    if (best == null) {
      throw new PrivacyException(
          PrivacyException.K_ANONYMITY,
          "no generalisation makes these "
              + rows.size()
              + " rows "
              + k
              + "-anonymous within the suppression limit; not exported");
    }
    return build(rows, columns, gen, best);
  }

  private long suppressedAt(String[][][] gen, int[] node, int rowCount) {
    Map<List<String>, Integer> classes = new HashMap<>();
    for (int r = 0; r < rowCount; r++) {
      classes.merge(key(gen, node, r), 1, Integer::sum);
    }
    long suppressed = 0;
    for (int size : classes.values()) {
      if (size < k) {
        suppressed += size;
      }
    }
    return suppressed;
  }

  private static List<String> key(String[][][] gen, int[] node, int r) {
    String[] key = new String[node.length];
    for (int c = 0; c < node.length; c++) {
      key[c] = gen[c][r][node[c]];
    }
    return List.of(key);
  }

  private AnonymizedTable build(
      List<Map<String, String>> rows, List<String> columns, String[][][] gen, int[] node) {
    Map<List<String>, Integer> classes = new HashMap<>();
    for (int r = 0; r < rows.size(); r++) {
      classes.merge(key(gen, node, r), 1, Integer::sum);
    }
    List<Map<String, String>> out = new ArrayList<>();
    int suppressed = 0;
    for (int r = 0; r < rows.size(); r++) {
      List<String> key = key(gen, node, r);
      if (classes.get(key) < k) {
        suppressed++;
        continue;
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        row.put(columns.get(c), key.get(c));
      }
      for (Map.Entry<String, String> e : rows.get(r).entrySet()) {
        if (insensitive.contains(e.getKey())) {
          row.put(e.getKey(), e.getValue());
        }
      }
      out.add(Map.copyOf(row));
    }
    Map<String, Integer> levels = new LinkedHashMap<>();
    for (int c = 0; c < columns.size(); c++) {
      levels.put(columns.get(c), node[c]);
    }
    AnonymizedTable t = new AnonymizedTable(out, levels, suppressed, k);
    check(t.rows(), columns, k);
    return t;
  }

  /**
   * Refuses a table in which some combination of {@code quasiIdentifiers} is shared by fewer than
   * {@code k} rows: the last check before anything leaves the store.
   *
   * @throws PrivacyException with {@link PrivacyException#K_ANONYMITY} naming the smallest class
   */
  public static void check(List<Map<String, String>> rows, List<String> quasiIdentifiers, int k) {
    Map<List<String>, Integer> classes = new HashMap<>();
    for (Map<String, String> row : rows) {
      List<String> key = new ArrayList<>(quasiIdentifiers.size());
      for (String c : quasiIdentifiers) {
        key.add(Objects.requireNonNullElse(row.get(c), "\u0000missing"));
      }
      classes.merge(key, 1, Integer::sum);
    }
    for (Map.Entry<List<String>, Integer> e : classes.entrySet()) {
      if (e.getValue() < k) {
        throw new PrivacyException(
            PrivacyException.K_ANONYMITY,
            "only "
                + e.getValue()
                + " row(s) share their quasi-identifiers, fewer than k="
                + k
                + "; not exported");
      }
    }
  }

  @Override
  public String toString() {
    return "KAnonymizer{k=" + k + ", quasi=" + quasi.keySet() + "}";
  }

  /** Configures a {@link KAnonymizer}; not thread-safe. */
  public static final class Builder {
    private int k = 5;
    private double maxSuppressed;
    private final Map<String, Generalization> quasi = new LinkedHashMap<>();
    private final java.util.HashSet<String> insensitive = new java.util.HashSet<>();

    private Builder() {}

    /** Sets k, at least 2. */
    public Builder k(int k) {
      this.k = k;
      return this;
    }

    /** Sets the largest fraction of rows (0 to 0.5) that may be left out to reach k. */
    public Builder maxSuppressed(double fraction) {
      this.maxSuppressed = fraction;
      return this;
    }

    /** Declares a quasi-identifier column and how to generalise it. */
    public Builder quasiIdentifier(String column, Generalization generalization) {
      quasi.put(
          Objects.requireNonNull(column, "column"),
          Objects.requireNonNull(generalization, "generalization"));
      return this;
    }

    /** Declares a column that cannot identify anyone and is copied unchanged. */
    public Builder insensitive(String column) {
      insensitive.add(Objects.requireNonNull(column, "column"));
      return this;
    }

    /**
     * Builds the anonymiser.
     *
     * @throws IllegalStateException if k is below 2, the suppression limit is outside 0..0.5, no
     *     quasi-identifier is declared, or a column is declared both ways
     */
    public KAnonymizer build() {
      if (k < 2) {
        throw new IllegalStateException("k must be at least 2, was " + k);
      }
      if (!(maxSuppressed >= 0 && maxSuppressed <= 0.5)) {
        throw new IllegalStateException("suppression limit must be 0 to 0.5");
      }
      if (quasi.isEmpty()) {
        throw new IllegalStateException("declare at least one quasi-identifier");
      }
      for (String c : insensitive) {
        if (quasi.containsKey(c)) {
          throw new IllegalStateException("column '" + c + "' is declared both ways");
        }
      }
      return new KAnonymizer(this);
    }
  }
}
