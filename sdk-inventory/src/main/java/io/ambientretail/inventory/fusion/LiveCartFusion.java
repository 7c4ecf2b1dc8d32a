package io.ambientretail.inventory.fusion;

import io.ambientretail.core.EventBus;
import io.ambientretail.core.EventId;
import io.ambientretail.core.EventType;
import io.ambientretail.core.OverflowPolicy;
import io.ambientretail.core.StoreEvent;
import io.ambientretail.core.StoreId;
import io.ambientretail.core.SubscribeOptions;
import io.ambientretail.core.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Cart fusion on the event bus: takes {@link #INPUT} events (the replay format's events, as sensors
 * deliver them live), and publishes {@link #CART_UPDATED} each time a cart changes and {@link
 * #RECEIPT} when a shopper leaves.
 *
 * <p>Input is delivered one event at a time in publishing order, so a live day and its replay give
 * the same receipts. The input subscription blocks the publisher rather than drop a reading (a
 * dropped reading would change the carts). Thread-safe; {@link #close()} stops listening.
 */
public final class LiveCartFusion implements AutoCloseable {
  /** The events fusion takes: lanes, presence, weights, vision hints, scans. */
  public static final EventType<ReplayEvent> INPUT =
      EventType.of("fusion.input", ReplayEvent.class);

  /** A shopper's cart changed. */
  public static final EventType<CartUpdate> CART_UPDATED =
      EventType.of("cart.updated", CartUpdate.class);

  /** A shopper's receipt is final. */
  public static final EventType<Receipt> RECEIPT = EventType.of("cart.receipt", Receipt.class);

  private final Subscription subscription;
  private final List<Receipt> receipts = new CopyOnWriteArrayList<>();

  private LiveCartFusion(
      EventBus bus, StoreId store, Clock clock, FusionConfig config, Planogram planogram) {
    EventId.Generator ids = new EventId.Generator(clock);
    Instant start = clock.instant();
    CartListener publisher =
        new CartListener() {
          @Override
          public void cartUpdated(CartUpdate update) {
            bus.publish(
                StoreEvent.of(
                    ids, store, start.plusMillis(update.t()), CART_UPDATED, update, clock));
          }

          @Override
          public void receipt(Receipt receipt) {
            receipts.add(receipt);
            bus.publish(StoreEvent.of(ids, store, clock.instant(), RECEIPT, receipt, clock));
          }
        };
    CartFusion fusion =
        CartFusion.builder().config(config).planogram(planogram).listener(publisher).build();
    this.subscription =
        bus.subscribe(
            INPUT,
            e -> fusion.accept(e.payload()),
            SubscribeOptions.builder()
                .name("cart-fusion")
                .capacity(1 << 20)
                .overflow(OverflowPolicy.BLOCK_PUBLISHER)
                .blockTimeout(Duration.ofMinutes(1))
                .build());
  }

  /**
   * Starts fusion on {@code bus} for {@code store}; {@code clock} stamps the published events.
   *
   * @throws IllegalStateException if the bus is closed
   */
  public static LiveCartFusion start(
      EventBus bus, StoreId store, Clock clock, FusionConfig config, Planogram planogram) {
    return new LiveCartFusion(
        Objects.requireNonNull(bus, "bus"),
        Objects.requireNonNull(store, "store"),
        Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(config, "config"),
        Objects.requireNonNull(planogram, "planogram"));
  }

  /** The receipts given so far, in order. */
  public List<Receipt> receipts() {
    return List.copyOf(receipts);
  }

  /** Stops listening; what is still queued is discarded. */
  @Override
  public void close() {
    subscription.close();
  }
}
