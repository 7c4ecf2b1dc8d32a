package io.ambientretail.store.engine;

import io.ambientretail.core.Money;
import io.ambientretail.payments.session.WalkOutSession;
import io.ambientretail.store.pay.StorePayments;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a walk-out shopper's hold ahead of the basket: on each cart change it tells the SDK session
 * the basket's new total, which increments the authorisation (rounded to the policy's step) when
 * the basket outgrows it. A refused increment is recorded by the session, which then captures what
 * the hold covers at exit and charges the rest separately.
 *
 * <p>Runs the gateway calls on its own thread so the shelf thread that emitted the cart event is
 * never held up by the acquirer. Thread-safe.
 */
final class BasketHolds implements StoreListener {
  private static final Logger LOG = LoggerFactory.getLogger(BasketHolds.class);
  private final StorePayments payments;
  private final ToLongFunction<String> basketTotal;
  private final java.util.Currency currency;
  // one thread, in order; it ends when idle, so a store that is dropped leaves no thread behind
  private final ExecutorService executor =
      new ThreadPoolExecutor(
          0,
          1,
          5,
          TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(),
          r -> {
            Thread t = new Thread(r, "basket-holds");
            t.setDaemon(true);
            return t;
          });

  BasketHolds(
      StorePayments payments, ToLongFunction<String> basketTotal, java.util.Currency currency) {
    this.payments = payments;
    this.basketTotal = basketTotal;
    this.currency = currency;
  }

  @Override
  public void onEvent(String type, Map<String, Object> data) {
    if (!type.equals("cart")
        || !(data.get("session") instanceof String sid)
        || !sid.startsWith("se")) {
      return;
    }
    executor.execute(() -> update(sid));
  }

  private void update(String sid) {
    Optional<WalkOutSession> s = payments.walkOutSession(sid);
    if (s.isEmpty() || s.get().closed()) {
      return;
    }
    try {
      s.get().basketChanged(Money.ofMinor(basketTotal.applyAsLong(sid), currency));
    } catch (IOException | RuntimeException e) {
      // exited meanwhile, or the journal failed: the exit settles the basket in full anyway
      LOG.debug("session {} basket update skipped: {}", sid, e.getClass().getSimpleName());
    }
  }
}
