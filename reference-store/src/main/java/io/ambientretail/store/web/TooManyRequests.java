package io.ambientretail.store.web;

/** A client over its rate limit: answered 429 with {@code Retry-After} (whole seconds). */
final class TooManyRequests extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long retryAfterSeconds;

  TooManyRequests(String message, long retryAfterSeconds) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Seconds until the client's next request will be allowed (at least 1). */
  long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
