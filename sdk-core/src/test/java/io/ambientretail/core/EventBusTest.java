package io.ambientretail.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventBusTest {
  /** A payload naming its publisher and its sequence number within that publisher. */
  record Tick(int publisher, int seq) {}

  private static final EventType<Tick> TICK = EventType.of("test.tick", Tick.class);
  private static final StoreId STORE = StoreId.of("S001");
  private static final Clock CLOCK = Clock.systemUTC();

  @Test
  void concurrentPublishers_orderKeptPerPublisher_andEveryEventDelivered() throws Exception {
    int publishers = 6;
    int perPublisher = 5_000;
    Map<Integer, List<Integer>> seen = new ConcurrentHashMap<>();
    CountDownLatch all = new CountDownLatch(publishers * perPublisher);
    try (EventBus bus = EventBus.builder().build()) {
      bus.subscribe(
          TICK,
          e -> {
            seen.computeIfAbsent(e.payload().publisher(), k -> new ArrayList<>())
                .add(e.payload().seq());
            all.countDown();
          },
          SubscribeOptions.builder()
              .capacity(publishers * perPublisher)
              .overflow(OverflowPolicy.BLOCK_PUBLISHER)
              .build());
      List<Thread> threads = new ArrayList<>();
      CountDownLatch start = new CountDownLatch(1);
      for (int p = 0; p < publishers; p++) {
        int id = p;
        Thread t =
            new Thread(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  for (int s = 0; s < perPublisher; s++) {
                    bus.publish(StoreEvent.of(STORE, TICK, new Tick(id, s), CLOCK));
                  }
                });
        t.start();
        threads.add(t);
      }
      start.countDown();
      for (Thread t : threads) {
        t.join();
      }
      assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(seen).hasSize(publishers);
    for (List<Integer> seqs : seen.values()) {
      assertThat(seqs).hasSize(perPublisher);
      for (int i = 0; i < seqs.size(); i++) {
        assertThat(seqs.get(i)).isEqualTo(i);
      }
    }
  }

  @Test
  void slowSubscriber_neverBlocksTheOthers_andItsOverflowIsCounted() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch slowStarted = new CountDownLatch(1);
    AtomicInteger fast = new AtomicInteger();
    CountDownLatch fastDone = new CountDownLatch(100);
    EventBus bus = EventBus.builder().build();
    Subscription slow =
        bus.subscribe(
            TICK,
            e -> {
              slowStarted.countDown();
              try {
                release.await();
              } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
              }
            },
            SubscribeOptions.builder().name("slow").capacity(10).build());
    bus.subscribe(
        TICK,
        e -> {
          fast.incrementAndGet();
          fastDone.countDown();
        },
        SubscribeOptions.builder().name("fast").capacity(1000).build());

    bus.publish(StoreEvent.of(STORE, TICK, new Tick(0, 0), CLOCK));
    assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 1; i < 100; i++) {
      bus.publish(StoreEvent.of(STORE, TICK, new Tick(0, i), CLOCK));
    }
    // the fast subscriber gets everything while the slow one is stuck on its first event
    assertThat(fastDone.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(fast.get()).isEqualTo(100);
    SubscriptionStats s = slow.stats();
    assertThat(s.queued()).isEqualTo(10);
    assertThat(s.dropped()).isEqualTo(89); // 99 published while busy, 10 fit in the queue

    release.countDown();
    CloseReport report = bus.close(Duration.ofSeconds(10));
    assertThat(report.drained()).isTrue();
    assertThat(report.undelivered()).isZero();
    SubscriptionStats finalSlow =
        report.subscriptions().stream()
            .filter(x -> x.name().equals("slow"))
            .findFirst()
            .orElseThrow();
    assertThat(finalSlow.delivered()).isEqualTo(11);
    assertThat(finalSlow.dropped()).isEqualTo(89);
  }

  @Test
  void dropOldest_keepsTheLatestEvents() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch busy = new CountDownLatch(1);
    List<Integer> got = new ArrayList<>();
    EventBus bus = EventBus.builder().build();
    bus.subscribe(
        TICK,
        e -> {
          busy.countDown();
          try {
            release.await();
          } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
          }
          synchronized (got) {
            got.add(e.payload().seq());
          }
        },
        SubscribeOptions.builder().capacity(3).overflow(OverflowPolicy.DROP_OLDEST).build());
    bus.publish(StoreEvent.of(STORE, TICK, new Tick(0, 0), CLOCK));
    assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 1; i <= 20; i++) {
      bus.publish(StoreEvent.of(STORE, TICK, new Tick(0, i), CLOCK));
    }
    release.countDown();
    assertThat(bus.close(Duration.ofSeconds(10)).drained()).isTrue();
    synchronized (got) {
      assertThat(got).containsExactly(0, 18, 19, 20);
    }
  }

  @Test
  void close_reportsWhatItCouldNotDeliver() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch busy = new CountDownLatch(1);
    EventBus bus = EventBus.builder().build();
    bus.subscribe(
        TICK,
        e -> {
          busy.countDown();
          try {
            release.await();
          } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
          }
        });
    for (int i = 0; i < 5; i++) {
      bus.publish(StoreEvent.of(STORE, TICK, new Tick(0, i), CLOCK));
    }
    assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
    CloseReport report = bus.close(Duration.ofMillis(100));
    release.countDown();
    assertThat(report.drained()).isFalse();
    assertThat(report.undelivered()).isEqualTo(4);
    assertThatThrownBy(() -> bus.publish(StoreEvent.of(STORE, TICK, new Tick(0, 9), CLOCK)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void failingSubscriber_isCountedAndDoesNotStopDelivery() throws Exception {
    CountDownLatch done = new CountDownLatch(10);
    EventBus bus = EventBus.builder().build();
    Subscription sub =
        bus.subscribe(
            TICK,
            e -> {
              done.countDown();
              if (e.payload().seq() % 2 == 0) {
                throw new IllegalStateException("boom");
              }
            });
    for (int i = 0; i < 10; i++) {
      bus.publish(StoreEvent.of(STORE, TICK, new Tick(0, i), CLOCK));
    }
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    bus.close(Duration.ofSeconds(5));
    assertThat(sub.stats().failed()).isEqualTo(5);
    assertThat(sub.stats().delivered()).isEqualTo(5);
  }

  @Test
  void sameTypeName_withAnotherPayload_isRejected() {
    try (EventBus bus = EventBus.builder().build()) {
      bus.subscribe(TICK, e -> {});
      assertThatThrownBy(() -> bus.subscribe(EventType.of("test.tick", String.class), e -> {}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("test.tick");
    }
  }
}
