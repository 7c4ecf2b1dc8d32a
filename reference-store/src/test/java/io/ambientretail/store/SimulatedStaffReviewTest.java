package io.ambientretail.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import io.ambientretail.store.db.ReviewBook;
import io.ambientretail.store.db.SessionBook;
import io.ambientretail.store.pay.GatewaySetting;
import io.ambientretail.store.sim.ShopperSimulation;
import io.ambientretail.testing.acquirer.AcquirerOperation;
import io.ambientretail.testing.acquirer.SimulatedAcquirer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's staff decide a held receipt from what the shopper really took (the simulator's truth,
 * their "footage"): a cart the footage contradicts is adjusted to it and captured once, and a
 * summary over the data directory counts the receipt as exact.
 */
class SimulatedStaffReviewTest {
  @TempDir Path tmp;

  @Test
  void heldReceipt_footageShowsAnotherBasket_staffAdjustToIt() throws Exception {
    Path data = tmp.resolve("data");
    try (SimulatedAcquirer acquirer = SimulatedAcquirer.start()) {
      StoreConfig config =
          GatewaySetting.withGateway(
              StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT), acquirer.uri().toString());
      String sid;
      try (StoreApp store =
          StoreApp.start(
              new StoreApp.Options(
                  config, data, null, 0, false, false, ShopperSimulation.Pace.FAST, 1, 1))) {
        sid = ReviewFixture.holdOne(store);
      }
      StoreConfig.Lane seen = config.lanes().get(0);
      StoreConfig.Lane took = config.lanes().get(5);
      assertThat(took.id()).isNotEqualTo(seen.id());
      // what the footage shows: two units of another lane, not the unit the store saw
      Files.writeString(
          data.resolve("truth.jsonl"),
          "{\"session\":\"" + sid + "\",\"items\":{\"" + took.id() + "\":2}}\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      assertThat(acquirer.performed(AcquirerOperation.CAPTURE)).isZero();

      try (StoreApp demo =
          StoreApp.start(StoreApp.Options.demo(config, data, 0, 3).withServe(false))) {
        var engine = demo.engine();
        RunSummary s = demo.summary();
        assertThat(engine.database().read(c -> engine.sessions().get(c, sid)).orElseThrow().state())
            .isEqualTo(SessionBook.State.CLOSED);
        ReviewBook.Review r =
            engine.database().read(c -> engine.reviews().book().get(c, sid)).orElseThrow();
        assertThat(r.decision()).isEqualTo(ReviewBook.Decision.ADJUST);
        assertThat(r.decidedBy()).isEqualTo("staff");
        assertThat(r.state()).isEqualTo(ReviewBook.State.DONE);
        long corrected = 2 * took.priceMinor();
        assertThat(acquirer.captures()).containsExactly(config.money(corrected));
        JsonNode receipt =
            new ObjectMapper()
                .readTree(
                    engine
                        .database()
                        .read(c -> engine.receipts().ofSession(c, sid))
                        .orElseThrow()
                        .body());
        Map<String, Integer> lines = new java.util.LinkedHashMap<>();
        receipt
            .path("lines")
            .forEach(l -> lines.put(l.path("lane").asText(), l.path("qty").asInt()));
        assertThat(lines).containsExactly(Map.entry(took.id(), 2));
        // this run's summary counts this run's shoppers only; the whole data directory's counts
        // the earlier run's receipt, exact after the staff's adjustment
        assertThat(s.receipts()).isZero();
        RunSummary all =
            RunSummary.compute(engine, demo.payments(), 0, demo.dataDir(), demo.truthFile());
        assertThat(all.receipts()).isEqualTo(1);
        assertThat(all.exactReceipts()).isEqualTo(1);
        assertThat(all.capturedMinor()).isEqualTo(corrected);
        assertThat(all.doubleCaptures()).isZero();
      }
    }
  }
}
