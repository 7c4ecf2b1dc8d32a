package io.ambientretail.inventory.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.core.EventBus;
import io.ambientretail.core.EventId;
import io.ambientretail.core.LaneId;
import io.ambientretail.core.ShopperId;
import io.ambientretail.core.SkuId;
import io.ambientretail.core.StoreEvent;
import io.ambientretail.core.StoreId;
import io.ambientretail.core.SubscribeOptions;
import io.ambientretail.inventory.fusion.internal.LaneSegmenter;
import io.ambientretail.testing.fusion.FusionMix;
import io.ambientretail.testing.fusion.Situation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CartFusionTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void replay_twice_givesTheSameReceipts() {
    Days.Parsed d = Days.of(FusionMix.HARD, 300, 11, true);
    assertThat(Days.run(d.events(), FusionConfig.defaults()))
        .isEqualTo(Days.run(d.events(), FusionConfig.defaults()));
  }

  @Test
  void live_onTheEventBus_givesTheSameReceiptsAsReplay() throws Exception {
    Days.Parsed d = Days.of(FusionMix.BUSY, 40, 5, true);
    List<Receipt> replayed = Days.run(d.events(), FusionConfig.defaults());
    AtomicInteger updates = new AtomicInteger();
    CountDownLatch receipts = new CountDownLatch(40);
    try (EventBus bus = EventBus.builder().build();
        LiveCartFusion live =
            LiveCartFusion.start(
                bus, StoreId.of("S001"), CLOCK, FusionConfig.defaults(), Planogram.empty())) {
      bus.subscribe(
          LiveCartFusion.CART_UPDATED,
          e -> updates.incrementAndGet(),
          SubscribeOptions.builder().capacity(1 << 16).build());
      bus.subscribe(LiveCartFusion.RECEIPT, e -> receipts.countDown());
      EventId.Generator ids = new EventId.Generator(CLOCK);
      for (ReplayEvent e : d.events()) {
        bus.publish(
            StoreEvent.of(
                ids, StoreId.of("S001"), CLOCK.instant(), LiveCartFusion.INPUT, e, CLOCK));
      }
      assertThat(receipts.await(60, TimeUnit.SECONDS)).isTrue();
      assertThat(live.receipts()).isEqualTo(replayed);
    }
    assertThat(updates.get()).isGreaterThan(40);
  }

  @Test
  void cart_updatesAtTheSettlingReading_beforeTheShopperLeaves() {
    List<CartUpdate> seen = new ArrayList<>();
    CartFusion f =
        CartFusion.builder()
            .listener(
                new CartListener() {
                  @Override
                  public void cartUpdated(CartUpdate update) {
                    seen.add(update);
                  }

                  @Override
                  public void receipt(Receipt receipt) {}
                })
            .build();
    LaneId lane = LaneId.of("S1-L1");
    SkuId sku = SkuId.of("05012345678900");
    f.accept(new ReplayEvent.LaneDefined(0, new Lane(lane, "S1", sku, 330, 2.5, 0, 0)));
    ShopperId p1 = ShopperId.of("p1");
    f.accept(new ReplayEvent.Enter(0, p1));
    Random rnd = new Random(1);
    long settledAt = -1;
    for (long t = 0; t < 6000; t += 50) {
      if (t % 200 == 0) {
        f.accept(new ReplayEvent.Track(t, p1, 0.02, 0.45));
      }
      double g = 5000 + rnd.nextGaussian() - (t >= 3000 ? 660 : 0);
      f.weight(lane, t, g);
      if (settledAt < 0 && !seen.isEmpty()) {
        settledAt = t;
      }
    }
    assertThat(settledAt).isBetween(3000L, 4000L);
    assertThat(seen.get(0).counts()).isEqualTo(Map.of(sku, 2));
    f.accept(new ReplayEvent.Exit(7000, p1));
    assertThat(f.receipts())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.counts()).isEqualTo(Map.of(sku, 2));
              assertThat(r.review()).isFalse();
            });
  }

  @Test
  void unsettledLanes_fromFirstMoveUntilTheChangeSettles() {
    CartFusion f = CartFusion.builder().build();
    LaneId lane = LaneId.of("S1-L1");
    LaneId other = LaneId.of("S1-L2");
    f.accept(
        new ReplayEvent.LaneDefined(
            0, new Lane(lane, "S1", SkuId.of("05012345678900"), 330, 2.5, 0, 0)));
    f.accept(
        new ReplayEvent.LaneDefined(
            0, new Lane(other, "S1", SkuId.of("05012345678917"), 500, 2.5, 0.5, 0)));
    assertThat(f.unsettledLanes()).containsOnlyKeys(lane, other).containsValue(Long.MIN_VALUE);
    long movedAt = -1;
    long settledAgainAt = -1;
    for (long t = 0; t < 4000; t += 50) {
      f.weight(lane, t, t >= 2000 ? 4670 : 5000);
      f.weight(other, t, 8000);
      boolean unsettled = f.unsettledLanes().containsKey(lane);
      if (t >= 2000 && unsettled && movedAt < 0) {
        movedAt = t;
        assertThat(f.unsettledLanes()).containsEntry(lane, 2000L);
      }
      if (movedAt >= 0 && !unsettled && settledAgainAt < 0) {
        settledAgainAt = t;
      }
      if (t == 1950) {
        assertThat(f.unsettledLanes()).isEmpty();
      }
    }
    assertThat(movedAt).isEqualTo(2000L);
    assertThat(settledAgainAt).isBetween(2300L, 3000L);
    assertThat(f.changes()).isEqualTo(1);
  }

  @Test
  void assumeWeight_pickBeforeTheFirstSettle_isStillSeen() {
    for (boolean assume : new boolean[] {false, true}) {
      CartFusion f = CartFusion.builder().build();
      LaneId lane = LaneId.of("S1-L1");
      SkuId sku = SkuId.of("05012345678900");
      f.accept(new ReplayEvent.LaneDefined(0, new Lane(lane, "S1", sku, 330, 2.5, 0, 0)));
      if (assume) {
        f.assumeWeight(lane, 5000);
      }
      ShopperId p1 = ShopperId.of("p1");
      f.accept(new ReplayEvent.Enter(0, p1));
      f.accept(new ReplayEvent.Track(0, p1, 0.02, 0.45));
      for (long t = 0; t < 3000; t += 50) {
        // the shopper takes one in the first 100 ms, before the lane could settle on its own
        f.weight(lane, t, t >= 100 ? 4670 : 5000);
      }
      f.accept(new ReplayEvent.Exit(3000, p1));
      assertThat(f.receipts().get(0).counts())
          .as("assumed " + assume)
          .isEqualTo(assume ? Map.of(sku, 1) : Map.of());
    }
  }

  @Test
  void doubtful_namesTheSkuTwoShoppersAtOneLaneCouldHaveTaken_andNotAClearPick() {
    CartFusion f = CartFusion.builder().build();
    LaneId shared = LaneId.of("S1-L1");
    LaneId alone = LaneId.of("S2-L1");
    SkuId water = SkuId.of("05012345678900");
    SkuId cola = SkuId.of("05012345678917");
    f.accept(new ReplayEvent.LaneDefined(0, new Lane(shared, "S1", water, 330, 2.5, 0, 0)));
    f.accept(new ReplayEvent.LaneDefined(0, new Lane(alone, "S2", cola, 500, 2.5, 0, 5)));
    ShopperId p1 = ShopperId.of("p1");
    ShopperId p2 = ShopperId.of("p2");
    f.accept(new ReplayEvent.Enter(0, p1));
    f.accept(new ReplayEvent.Enter(0, p2));
    for (long t = 0; t < 12_000; t += 50) {
      if (t % 200 == 0) {
        boolean atShared = t < 6000;
        f.accept(new ReplayEvent.Track(t, p1, 0.0, atShared ? 0.45 : 5.45));
        f.accept(new ReplayEvent.Track(t, p2, 0.1, 0.45));
      }
      // a unit of water leaves while both stand there; later p1 alone takes a cola
      f.weight(shared, t, 5000 - (t >= 3000 ? 330 : 0));
      f.weight(alone, t, 8000 - (t >= 9000 ? 500 : 0));
    }
    f.accept(new ReplayEvent.Exit(12_000, p1));
    f.accept(new ReplayEvent.Exit(12_000, p2));
    assertThat(f.doubtful(p1)).containsExactly(water);
    assertThat(f.doubtful(p2)).containsExactly(water);
    assertThat(f.doubtful(ShopperId.of("nobody"))).isEmpty();
  }

  @Test
  void liveStore_forgetsShoppersAMinuteAfterTheyLeft_andNeedNotKeepReceipts() {
    List<Receipt> heard = new ArrayList<>();
    CartFusion f =
        CartFusion.builder()
            .retainReceipts(false)
            .listener(
                new CartListener() {
                  @Override
                  public void cartUpdated(CartUpdate update) {}

                  @Override
                  public void receipt(Receipt receipt) {
                    heard.add(receipt);
                  }
                })
            .build();
    ShopperId early = ShopperId.of("early");
    ShopperId late = ShopperId.of("late");
    f.accept(new ReplayEvent.Enter(0, early));
    f.accept(new ReplayEvent.Exit(1_000, early));
    f.accept(new ReplayEvent.Enter(30_000, late));
    f.accept(new ReplayEvent.Exit(40_000, late));
    assertThat(f.cart(early)).as("left 39 s before the latest exit").isPresent();
    ShopperId last = ShopperId.of("last");
    f.accept(new ReplayEvent.Enter(70_000, last));
    f.accept(new ReplayEvent.Exit(70_000, last));
    assertThat(f.cart(early)).as("left 69 s before the latest exit").isEmpty();
    assertThat(f.cart(late)).isPresent();
    assertThat(heard).extracting(Receipt::shopper).containsExactly(early, late, last);
    assertThat(f.receipts()).isEmpty();
  }

  @Test
  void relevel_staffRestock_isNoPutBackForTheShopperAtTheShelf() {
    List<CartUpdate> seen = new ArrayList<>();
    CartFusion f =
        CartFusion.builder()
            .listener(
                new CartListener() {
                  @Override
                  public void cartUpdated(CartUpdate update) {
                    seen.add(update);
                  }

                  @Override
                  public void receipt(Receipt receipt) {}
                })
            .build();
    LaneId lane = LaneId.of("S1-L1");
    SkuId sku = SkuId.of("05012345678900");
    f.accept(new ReplayEvent.LaneDefined(0, new Lane(lane, "S1", sku, 330, 2.5, 0, 0)));
    ShopperId p1 = ShopperId.of("p1");
    f.accept(new ReplayEvent.Enter(0, p1));
    for (long t = 0; t < 8000; t += 50) {
      if (t % 200 == 0) {
        f.accept(new ReplayEvent.Track(t, p1, 0.02, 0.45));
      }
      if (t == 4000) {
        f.relevel(lane);
      }
      // p1 takes one at 2 s; staff add six at 4 s while p1 still stands there
      f.weight(lane, t, 5000 - (t >= 2000 ? 330 : 0) + (t >= 4000 ? 6 * 330 : 0));
    }
    f.accept(new ReplayEvent.Exit(8000, p1));
    assertThat(f.receipts())
        .singleElement()
        .satisfies(r -> assertThat(r.counts()).isEqualTo(Map.of(sku, 1)));
    assertThat(f.changes()).isEqualTo(1);
    assertThat(f.unsettledLanes()).isEmpty();
  }

  @Test
  void pick_whileAnotherShopperWalksPastTheLane_goesToTheOneStandingStill() {
    CartFusion f = CartFusion.builder().build();
    LaneId lane = LaneId.of("S1-L1");
    SkuId sku = SkuId.of("05012345678900");
    f.accept(new ReplayEvent.LaneDefined(0, new Lane(lane, "S1", sku, 330, 2.5, 0, 0)));
    f.accept(
        new ReplayEvent.LaneDefined(
            0, new Lane(LaneId.of("S1-L8"), "S1", SkuId.of("05012345678917"), 500, 2.5, 2.45, 0)));
    ShopperId still = ShopperId.of("p1");
    ShopperId walker = ShopperId.of("p2");
    f.accept(new ReplayEvent.Enter(0, still));
    f.accept(new ReplayEvent.Enter(0, walker));
    Random rnd = new Random(4);
    for (long t = 0; t < 7000; t += 50) {
      if (t % 200 == 0) {
        f.accept(
            new ReplayEvent.Track(
                t, still, rnd.nextGaussian() * 0.05, 0.45 + rnd.nextGaussian() * 0.05));
        // Walking along the shelf at 1.3 m/s, passing the lane's front as the item leaves it:
        // its mean position over the pick is as close to the lane as the picker's.
        double x = -1.9 + 1.3 * t / 1000.0 - 1.3 * 1.5;
        f.accept(
            new ReplayEvent.Track(
                t, walker, x + rnd.nextGaussian() * 0.05, 0.45 + rnd.nextGaussian() * 0.05));
      }
      f.weight(lane, t, 5000 + rnd.nextGaussian() - (t >= 3000 ? 330 : 0));
    }
    f.accept(new ReplayEvent.Exit(7500, still));
    f.accept(new ReplayEvent.Exit(7500, walker));
    assertThat(f.receipts()).hasSize(2);
    assertThat(f.receipts())
        .filteredOn(r -> r.shopper().equals(still))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.counts()).isEqualTo(Map.of(sku, 1));
              assertThat(r.review()).isFalse();
            });
    assertThat(f.receipts())
        .filteredOn(r -> r.shopper().equals(walker))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.counts()).isEmpty();
              assertThat(r.review()).isFalse();
            });
  }

  @Test
  void segmenter_noiseAndDrift_makeNoChange() {
    LaneSegmenter s = new LaneSegmenter(500, 5);
    Random rnd = new Random(2);
    int changes = 0;
    for (long t = 0; t < 600_000; t += 100) {
      if (s.accept(t, 3000 + t * 3.0 / 60_000 + rnd.nextGaussian() * 2.0)) {
        changes++;
      }
    }
    assertThat(changes).isZero();
  }

  @Test
  void segmenter_pickWithBounceAndResting_hand_isOneChange() {
    LaneSegmenter s = new LaneSegmenter(500, 5);
    Random rnd = new Random(3);
    List<Double> deltas = new ArrayList<>();
    for (long t = 0; t < 10_000; t += 50) {
      double g = 3000 + rnd.nextGaussian() * 1.5;
      if (t >= 4000 && t < 5200) {
        g += 200 + rnd.nextGaussian() * 20;
      }
      if (t >= 4600) {
        g -= 330;
      }
      if (t >= 5200 && t < 6000) {
        double dt = (t - 5200) / 1000.0;
        g += 80 * Math.exp(-dt / 0.15) * Math.sin(2 * Math.PI * 4 * dt);
      }
      if (s.accept(t, g)) {
        deltas.add(s.changeDelta());
      }
    }
    assertThat(deltas).hasSize(1);
    assertThat(deltas.get(0)).isCloseTo(-330, org.assertj.core.data.Offset.offset(3.0));
  }

  @Test
  void generator_hardMix_coversEverySituation() {
    Map<Situation, Integer> s = Days.of(FusionMix.HARD, 300, 11, true).day().situations();
    assertThat(s).allSatisfy((k, v) -> assertThat(v).as(k.name()).isPositive());
  }
}
