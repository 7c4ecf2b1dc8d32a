package io.ambientretail.privacy.anonymity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.privacy.PrivacyException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KAnonymizerTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static KAnonymizer.Builder sales(int k) {
    return KAnonymizer.builder()
        .k(k)
        .quasiIdentifier("time", Generalization.timeOfDay(BERLIN))
        .quasiIdentifier("place", Generalization.placePath(4))
        .quasiIdentifier("age", Generalization.ageBands())
        .insensitive("gtin")
        .insensitive("amountMinor");
  }

  private static List<Map<String, String>> rows(int n, long seed) {
    Random rnd = new Random(seed);
    String[] stores = {
      "EU/DE/Berlin/S001", "EU/DE/Berlin/S002", "EU/DE/Hamburg/S003", "EU/FR/Paris/S004"
    };
    List<Map<String, String>> out = new ArrayList<>();
    Instant start = Instant.parse("2026-11-02T06:00:00Z");
    for (int i = 0; i < n; i++) {
      Map<String, String> r = new HashMap<>();
      r.put("time", start.plusSeconds(rnd.nextInt(14 * 24 * 3600)).toString());
      r.put("place", stores[rnd.nextInt(stores.length)]);
      r.put("age", Integer.toString(18 + rnd.nextInt(60)));
      r.put("gtin", "0501234567890" + (i % 10));
      r.put("amountMinor", Integer.toString(100 + rnd.nextInt(900)));
      out.add(r);
    }
    return out;
  }

  @Test
  void generalizations_produceTheDocumentedLevels() {
    Generalization t = Generalization.timeOfDay(BERLIN);
    String v = "2026-11-27T22:30:00Z"; // 23:30 in Berlin
    assertThat(
            List.of(
                t.apply(v, 0),
                t.apply(v, 1),
                t.apply(v, 2),
                t.apply(v, 3),
                t.apply(v, 4),
                t.apply(v, 5)))
        .containsExactly(
            "2026-11-27T23", "2026-11-27T20-24", "2026-11-27", "2026-W48", "2026-11", "*");
    Generalization a = Generalization.ageBands();
    assertThat(
            List.of(
                a.apply("37", 0),
                a.apply("37", 1),
                a.apply("37", 2),
                a.apply("37", 3),
                a.apply("37", 4)))
        .containsExactly("37", "35-39", "30-39", "20-39", "*");
    Generalization p = Generalization.placePath(4);
    assertThat(p.apply("EU/DE/Berlin/S001", 2)).isEqualTo("EU/DE");
    assertThat(p.apply("EU/DE/Berlin/S001", 4)).isEqualTo("*");
    assertThatThrownBy(() -> a.apply("-3", 0)).hasMessageContaining("-3");
    assertThatThrownBy(() -> p.apply("EU/DE", 0)).hasMessageContaining("2 parts");
    assertThatThrownBy(() -> t.apply("yesterday", 0)).hasMessageContaining("yesterday");
  }

  @Test
  void apply_result_isKAnonymousAndLocallyMinimal() {
    KAnonymizer anon = sales(5).build();
    List<Map<String, String>> in = rows(800, 42);
    AnonymizedTable t = anon.apply(in);
    assertThat(t.rows()).hasSize(800);
    KAnonymizer.check(t.rows(), List.of("time", "place", "age"), 5);
    assertThat(t.rows().get(0)).containsKeys("time", "place", "age", "gtin", "amountMinor");
    // Lowering any one level would break k (there is no suppression allowance).
    for (String column : t.levels().keySet()) {
      int level = t.levels().get(column);
      if (level == 0) {
        continue;
      }
      Map<String, Integer> lower = new HashMap<>(t.levels());
      lower.put(column, level - 1);
      List<Map<String, String>> regen = regeneralize(in, lower);
      assertThatThrownBy(() -> KAnonymizer.check(regen, List.of("time", "place", "age"), 5))
          .as("lower %s", column)
          .isInstanceOf(PrivacyException.class);
    }
  }

  private static List<Map<String, String>> regeneralize(
      List<Map<String, String>> in, Map<String, Integer> levels) {
    Map<String, Generalization> g =
        Map.of(
            "time",
            Generalization.timeOfDay(BERLIN),
            "place",
            Generalization.placePath(4),
            "age",
            Generalization.ageBands());
    List<Map<String, String>> out = new ArrayList<>();
    for (Map<String, String> r : in) {
      Map<String, String> row = new HashMap<>();
      levels.forEach((c, l) -> row.put(c, g.get(c).apply(r.get(c), l)));
      out.add(row);
    }
    return out;
  }

  @Test
  void apply_outlierWithinSuppressionLimit_isLeftOut() {
    List<Map<String, String>> in = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      in.add(
          new HashMap<>(
              Map.of(
                  "time",
                  "2026-11-27T10:15:00Z",
                  "place",
                  "EU/DE/Berlin/S001",
                  "age",
                  "34",
                  "gtin",
                  "1")));
    }
    in.add(
        new HashMap<>(
            Map.of(
                "time",
                "2026-11-27T03:00:00Z",
                "place",
                "EU/FR/Paris/S004",
                "age",
                "91",
                "gtin",
                "1")));
    AnonymizedTable t = sales(5).maxSuppressed(0.05).build().apply(in);
    assertThat(t.suppressed()).isEqualTo(1);
    assertThat(t.rows()).hasSize(20);
    assertThat(t.levels()).containsEntry("time", 0).containsEntry("age", 0);
  }

  @Test
  void apply_tooFewRows_refusesTheExport() {
    assertThatThrownBy(() -> sales(5).build().apply(rows(4, 1)))
        .isInstanceOf(PrivacyException.class)
        .extracting(e -> ((PrivacyException) e).code())
        .isEqualTo(PrivacyException.K_ANONYMITY);
  }

  @Test
  void apply_undeclaredColumn_isRefused() {
    List<Map<String, String>> in = rows(50, 3);
    in.get(7).put("email", "someone@example.com");
    assertThatThrownBy(() -> sales(5).build().apply(in))
        .hasMessageContaining("row 7")
        .hasMessageContaining("'email'")
        .hasMessageNotContaining("someone@");
  }

  @Test
  void check_classBelowK_refuses() {
    List<Map<String, String>> rows =
        List.of(Map.of("age", "30-39"), Map.of("age", "30-39"), Map.of("age", "40-49"));
    assertThatThrownBy(() -> KAnonymizer.check(rows, List.of("age"), 2))
        .hasMessageContaining("only 1 row");
    KAnonymizer.check(rows.subList(0, 2), List.of("age"), 2);
  }

  @Test
  void builder_badSettings_areRefused() {
    assertThatThrownBy(() -> sales(1).build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> sales(5).maxSuppressed(0.9).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> KAnonymizer.builder().build())
        .isInstanceOf(IllegalStateException.class);
  }
}
