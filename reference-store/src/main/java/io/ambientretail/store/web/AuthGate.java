package io.ambientretail.store.web;

import io.ambientretail.privacy.audit.AuditSink;
import io.ambientretail.store.config.StoreConfig;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The API's front door: finds the principal of a presented token, limits the request rate per
 * client and audits failures as summaries.
 *
 * <p>A request with a valid token counts against that token's bucket ({@code
 * security.rateLimit.requestsPerMinute}, {@code burst}); one without counts against its source
 * address ({@code failedAuthPerMinute}, {@code failedAuthBurst}). So a flood of bad tokens from one
 * address is soon answered 429 at the cost of a hash and a bucket lookup, while a valid token from
 * the same address (on loopback, every client's) still gets in. Both limits answer 429 with {@code
 * Retry-After}. Failures are audited by {@link FailedAuthAuditor}. Nothing is kept per request: per
 * client only a bucket in a bounded cache.
 *
 * <p>Thread-safe.
 */
final class AuthGate implements AutoCloseable {
  private final ApiTokens tokens;
  private final ClientRateLimiter perToken;
  private final ClientRateLimiter perSource;
  private final FailedAuthAuditor auditor;

  AuthGate(
      ApiTokens tokens,
      AuditSink sink,
      StoreConfig.WebLimits limits,
      LongSupplier nanoTime,
      LongSupplier millis) {
    this.tokens = tokens;
    this.perToken =
        new ClientRateLimiter(
            limits.burst(), limits.requestsPerMinute(), limits.trackedClients(), nanoTime);
    this.perSource =
        new ClientRateLimiter(
            limits.failedAuthBurst(),
            limits.failedAuthPerMinute(),
            limits.trackedClients(),
            nanoTime);
    this.auditor = new FailedAuthAuditor(sink, limits.auditSourcesPerMinute(), millis);
  }

  /**
   * The principal of {@code token}, presented from {@code origin} (such as {@code api 127.0.0.1})
   * for {@code path}.
   *
   * @throws StoreServer.Unauthorized without a valid token
   * @throws TooManyRequests when the token, or the source of a request without a valid token, is
   *     over its rate limit
   */
  ApiPrincipal admit(@Nullable String token, String origin, String path) {
    var found = tokens.resolve(token);
    if (found.isPresent()) {
      ApiPrincipal p = found.get();
      long wait = perToken.acquire(p.name());
      if (wait > 0) {
        throw new TooManyRequests(
            "too many requests for this token: try again in " + wait + " s", wait);
      }
      return p;
    }
    long wait = perSource.acquire(origin);
    if (wait > 0) {
      auditor.failed(origin, path, FailedAuthAuditor.Reason.RATE_LIMITED);
      throw new TooManyRequests(
          "too many requests without a valid token from this address: try again in " + wait + " s",
          wait);
    }
    auditor.failed(
        origin,
        path,
        token == null || token.isEmpty()
            ? FailedAuthAuditor.Reason.NO_TOKEN
            : FailedAuthAuditor.Reason.UNKNOWN_TOKEN);
    throw new StoreServer.Unauthorized(
        token == null || token.isEmpty()
            ? "an API token is required (Authorization: Bearer TOKEN)"
            : "the API token is not valid");
  }

  /** Audits the summaries of minutes that are over. */
  void flush() {
    auditor.flush();
  }

  /** The limiters' and the auditor's tracked clients, to check the memory bound. */
  long trackedClients() {
    return perToken.trackedClients() + perSource.trackedClients() + auditor.trackedSources();
  }

  /** Audits the current minute's counts. */
  @Override
  public void close() {
    auditor.close();
  }
}
