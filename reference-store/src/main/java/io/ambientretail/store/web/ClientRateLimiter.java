package io.ambientretail.store.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A request rate limit per client: a token bucket for each client key (a token's actor, or a source
 * address), holding {@code burst} requests and refilled at {@code perMinute} a minute.
 *
 * <p>Memory is bounded: at most {@code maxClients} buckets are kept in a Caffeine cache (least
 * recently used evicted first) and a bucket idle long enough to be full again is dropped, so a
 * flood from many addresses costs a fixed amount of heap. A client whose bucket was evicted starts
 * again with a full bucket, which is the safe side for a legitimate client. Thread-safe.
 */
final class ClientRateLimiter {
  private static final long NANOS_PER_MINUTE = TimeUnit.MINUTES.toNanos(1);

  private final Cache<String, Bucket> buckets;
  private final int burst;
  private final int perMinute;
  private final LongSupplier nanoTime;

  /**
   * A limiter of {@code burst} requests at once and {@code perMinute} a minute per client.
   *
   * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime} in production)
   */
  ClientRateLimiter(int burst, int perMinute, int maxClients, LongSupplier nanoTime) {
    if (burst < 1 || perMinute < 1 || maxClients < 1) {
      throw new IllegalArgumentException("burst, perMinute and maxClients must be at least 1");
    }
    this.burst = burst;
    this.perMinute = perMinute;
    this.nanoTime = nanoTime;
    // idle long enough to refill completely: forgetting it changes nothing
    long refillNanos = (long) Math.ceil((double) burst * NANOS_PER_MINUTE / perMinute);
    Ticker ticker = nanoTime::getAsLong;
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(maxClients)
            .expireAfterAccess(refillNanos, TimeUnit.NANOSECONDS)
            .ticker(ticker)
            .executor(Runnable::run)
            .build();
  }

  /**
   * Takes one request from {@code client}'s bucket.
   *
   * @return 0 when the request may go ahead, else the whole seconds (at least 1) after which the
   *     client's next request will be allowed, for a {@code Retry-After} header
   */
  long acquire(String client) {
    return buckets.get(client, k -> new Bucket(burst, nanoTime.getAsLong())).take();
  }

  /** How many clients are remembered now (at most {@code maxClients}). */
  long trackedClients() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }

  /** One client's bucket; its level is kept in request-nanos to avoid rounding drift. */
  private final class Bucket {
    private long levelNanos;
    private long lastNanos;

    Bucket(int burst, long now) {
      this.levelNanos = burst * NANOS_PER_MINUTE;
      this.lastNanos = now;
    }

    synchronized long take() {
      long now = nanoTime.getAsLong();
      long elapsed = Math.max(0, now - lastNanos);
      lastNanos = now;
      long cap = burst * NANOS_PER_MINUTE;
      // each elapsed nanosecond adds perMinute request-nanos; saturate instead of overflowing
      long added = elapsed > cap / perMinute ? cap : elapsed * perMinute;
      levelNanos = Math.min(cap, levelNanos + added);
      if (levelNanos >= NANOS_PER_MINUTE) {
        levelNanos -= NANOS_PER_MINUTE;
        return 0;
      }
      long missing = NANOS_PER_MINUTE - levelNanos;
      long waitNanos = (missing + perMinute - 1) / perMinute;
      return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
    }
  }
}
