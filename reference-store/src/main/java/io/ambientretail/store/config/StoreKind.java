package io.ambientretail.store.config;

/** The two kinds of automated store the reference store runs on one data model. */
public enum StoreKind {
  /** Smart store: tap at the entry gate, take items from instrumented shelves, walk out. */
  WALKOUT,
  /** Open shelves and a self-checkout kiosk: scan, tap, go; shelf weights reveal shrink. */
  MICROMARKET;

  /** Parses {@code walkout} or {@code micromarket} (case-insensitive). */
  public static StoreKind parse(String text) {
    for (StoreKind k : values()) {
      if (k.name().equalsIgnoreCase(text.strip())) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown store kind '" + text + "' (expected walkout or micromarket)");
  }

  /** The lowercase name used in configuration and JSON. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
