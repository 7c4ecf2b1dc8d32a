package io.ambientretail.examples.privacy;

import io.ambientretail.privacy.anonymity.AnonymizedTable;
import io.ambientretail.privacy.anonymity.Generalization;
import io.ambientretail.privacy.anonymity.KAnonymizer;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Exports a week of sales with shopper age bands as a 5-anonymous table. */
public final class ExportKAnonymousSales {
  private ExportKAnonymousSales() {}

  /** Builds, anonymises and prints the sales; returns the table. */
  public static AnonymizedTable run(PrintStream out, int sales) {
    Random rnd = new Random(7);
    String[] stores = {"EU/DE/Berlin/S001", "EU/DE/Berlin/S002", "EU/DE/Munich/S003"};
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 0; i < sales; i++) {
      rows.add(
          Map.of(
              "time",
                  Instant.parse("2026-11-23T06:00:00Z")
                      .plusSeconds(rnd.nextInt(7 * 86400))
                      .toString(),
              "place", stores[rnd.nextInt(stores.length)],
              "age", Integer.toString(18 + rnd.nextInt(62)),
              "gtin", "0501234567890" + rnd.nextInt(10),
              "amountMinor", Integer.toString(99 + rnd.nextInt(1900))));
    }
    KAnonymizer anonymizer =
        KAnonymizer.builder()
            .k(5)
            .maxSuppressed(0.02)
            .quasiIdentifier("time", Generalization.timeOfDay(ZoneId.of("Europe/Berlin")))
            .quasiIdentifier("place", Generalization.placePath(4))
            .quasiIdentifier("age", Generalization.ageBands())
            .insensitive("gtin")
            .insensitive("amountMinor")
            .build();
    AnonymizedTable table = anonymizer.apply(rows); // refuses (K_ANONYMITY) if k cannot be met
    out.println("levels " + table.levels() + ", suppressed " + table.suppressed());
    table.rows().stream().limit(3).forEach(out::println);
    return table;
  }

  /** Runs the example. */
  public static void main(String[] args) {
    run(System.out, 1000);
  }
}
