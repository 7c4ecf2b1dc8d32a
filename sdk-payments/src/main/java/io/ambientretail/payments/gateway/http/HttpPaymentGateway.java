package io.ambientretail.payments.gateway.http;

import io.ambientretail.core.Money;
import io.ambientretail.payments.gateway.AuthorisationStatus;
import io.ambientretail.payments.gateway.GatewayOutcome;
import io.ambientretail.payments.gateway.GatewayProtocolException;
import io.ambientretail.payments.gateway.GatewayTimeoutException;
import io.ambientretail.payments.gateway.GatewayTlsException;
import io.ambientretail.payments.gateway.GatewayUnavailableException;
import io.ambientretail.payments.gateway.IdempotencyKey;
import io.ambientretail.payments.gateway.IdempotencyKeyReusedException;
import io.ambientretail.payments.gateway.PaymentGateway;
import io.ambientretail.payments.gateway.PaymentToken;
import io.ambientretail.payments.gateway.TransactionId;
import io.ambientretail.payments.gateway.TransactionNotFoundException;
import io.ambientretail.payments.internal.GatewayWire;
import io.ambientretail.payments.internal.JsonFormatException;
import io.ambientretail.payments.internal.JsonObject;
import io.ambientretail.payments.internal.JsonWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PaymentGateway} that speaks the SDK's JSON gateway protocol over HTTPS
 * (docs/payments-gateway.md), for an acquirer adapter or the simulated acquirer in sdk-testing.
 *
 * <p>Each request is sent with its {@code Idempotency-Key} header. When the connection fails, the
 * answer times out, or the gateway answers with a retryable error (5xx, 429), the request is sent
 * again with the same key and body after a jittered backoff ({@link RetryPolicy}); declines and
 * non-retryable errors are returned at once. When every attempt failed without an answer, the call
 * throws {@link GatewayTimeoutException} or {@link GatewayUnavailableException}. A gateway whose
 * TLS certificate is not trusted or does not name the host fails at once with {@link
 * GatewayTlsException} (never retried, never taken for an outage). {@link #status(TransactionId)}
 * maps 404 to {@link TransactionNotFoundException}, 5xx/429 (after retries) and 401/403 to {@link
 * GatewayUnavailableException}, and any other answer to {@link GatewayProtocolException}.
 *
 * <p><b>Security:</b> only {@code https} is accepted, except a loopback {@code http} address when
 * {@link Builder#allowCleartextLoopback()} was called (tests, a co-located simulator). Tokens
 * travel only in request bodies; URLs carry transaction ids; logs name the operation, key, status
 * and timing, never a body. Redirects are not followed.
 *
 * <p>Thread-safe. {@link #close()} releases the connection pool and threads.
 */
public final class HttpPaymentGateway implements PaymentGateway, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpPaymentGateway.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final int MAX_ANSWER_BYTES = JsonObject.MAX_DOCUMENT_BYTES;

  private final HttpUrl base;
  private final OkHttpClient client;
  private final @Nullable String apiKey;
  private final RetryPolicy retry;
  private final RandomGenerator random;

  private HttpPaymentGateway(Builder b, HttpUrl base) {
    this.base = base;
    this.apiKey = b.apiKey;
    this.retry = b.retry;
    this.random = b.random;
    OkHttpClient.Builder ok =
        new OkHttpClient.Builder()
            .connectTimeout(b.connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(b.readTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .writeTimeout(b.readTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .callTimeout(b.connectTimeout.plus(b.readTimeout).toMillis(), TimeUnit.MILLISECONDS)
            // we retry ourselves, counting attempts, always with the same key
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .followSslRedirects(false)
            .connectionSpecs(
                base.isHttps()
                    ? List.of(ConnectionSpec.RESTRICTED_TLS, ConnectionSpec.MODERN_TLS)
                    : List.of(ConnectionSpec.CLEARTEXT));
    if (b.sslSocketFactory != null && b.trustManager != null) {
      ok.sslSocketFactory(b.sslSocketFactory, b.trustManager);
    }
    this.client = ok.build();
  }

  /**
   * Starts a builder for the gateway at {@code baseUrl}, e.g. {@code https://psp.example/}; the
   * protocol's paths ({@code v1/...}) are appended to it.
   */
  public static Builder builder(URI baseUrl) {
    return new Builder(Objects.requireNonNull(baseUrl, "baseUrl"));
  }

  @Override
  public GatewayOutcome authorise(
      IdempotencyKey key, PaymentToken token, Money amount, String merchantReference)
      throws IOException {
    positive(amount);
    byte[] body =
        new JsonWriter()
            .put("token", token.reveal())
            .put("amount", amount)
            .put("reference", reference(merchantReference))
            .toBytes();
    return send("authorise", key, url("authorisations"), body);
  }

  @Override
  public GatewayOutcome increment(IdempotencyKey key, TransactionId authorisation, Money additional)
      throws IOException {
    positive(additional);
    byte[] body = new JsonWriter().put("amount", additional).toBytes();
    return send("increment", key, url("authorisations", authorisation.value(), "increments"), body);
  }

  @Override
  public GatewayOutcome capture(
      IdempotencyKey key, TransactionId authorisation, Money amount, boolean finalCapture)
      throws IOException {
    positive(amount);
    byte[] body = new JsonWriter().put("amount", amount).put("final", finalCapture).toBytes();
    return send("capture", key, url("authorisations", authorisation.value(), "captures"), body);
  }

  @Override
  public GatewayOutcome release(IdempotencyKey key, TransactionId authorisation)
      throws IOException {
    byte[] body = new JsonWriter().put("authorisation", authorisation.value()).toBytes();
    return send("release", key, url("authorisations", authorisation.value(), "release"), body);
  }

  @Override
  public GatewayOutcome charge(
      IdempotencyKey key, PaymentToken token, Money amount, String merchantReference)
      throws IOException {
    positive(amount);
    byte[] body =
        new JsonWriter()
            .put("token", token.reveal())
            .put("amount", amount)
            .put("reference", reference(merchantReference))
            .toBytes();
    return send("charge", key, url("charges"), body);
  }

  @Override
  public GatewayOutcome refund(IdempotencyKey key, TransactionId captureOrCharge, Money amount)
      throws IOException {
    positive(amount);
    byte[] body =
        new JsonWriter()
            .put("transaction", captureOrCharge.value())
            .put("amount", amount)
            .toBytes();
    return send("refund", key, url("refunds"), body);
  }

  @Override
  public AuthorisationStatus status(TransactionId authorisation) throws IOException {
    HttpUrl u = url("authorisations", authorisation.value());
    IOException last = null;
    for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
      if (attempt > 1) {
        pause(attempt - 1);
      }
      Request.Builder rb = new Request.Builder().url(u).get();
      headers(rb);
      try (Response r = client.newCall(rb.build()).execute()) {
        byte[] bytes = read(r.body());
        int code = r.code();
        if (code == 200) {
          try {
            return GatewayWire.status(bytes, "status answer");
          } catch (JsonFormatException e) {
            throw new GatewayProtocolException(e.getMessage());
          }
        }
        if (code == 404) {
          throw new TransactionNotFoundException(authorisation);
        }
        if (code >= 500 || code == 429) {
          last = new GatewayUnavailableException("status answered HTTP " + code, null);
          continue;
        }
        if (code == 401 || code == 403) {
          throw new GatewayUnavailableException(
              "status refused with HTTP " + code + ": check the API key", null);
        }
        throw new GatewayProtocolException(
            "status answered HTTP "
                + code
                + (errorCode(bytes) != null ? " " + errorCode(bytes) : ""));
      } catch (GatewayProtocolException
          | GatewayUnavailableException
          | TransactionNotFoundException e) {
        throw e;
      } catch (IOException e) {
        GatewayTlsException tls = tlsFailure("status", e);
        if (tls != null) {
          throw tls;
        }
        last = e;
      }
    }
    throw failed("status", last);
  }

  /** The typed error for a TLS identity failure, or null when {@code e} is something else. */
  private @Nullable GatewayTlsException tlsFailure(String op, IOException e) {
    if (!(e instanceof SSLHandshakeException) && !(e instanceof SSLPeerUnverifiedException)) {
      return null;
    }
    boolean identity = e instanceof SSLPeerUnverifiedException;
    for (Throwable t = e; t != null && !identity; t = t.getCause()) {
      identity =
          t instanceof CertificateException
              || t instanceof CertPathValidatorException
              || t instanceof CertPathBuilderException;
    }
    if (!identity) {
      return null; // a handshake cut short by the network: retried like any lost connection
    }
    LOG.warn("{} refused: the TLS identity of {} could not be verified", op, base.host());
    return new GatewayTlsException(
        op
            + ": the TLS identity of "
            + base.host()
            + ":"
            + base.port()
            + " could not be verified ("
            + e.getClass().getSimpleName()
            + ": "
            + clip(e.getMessage())
            + ")",
        e);
  }

  private static String clip(@Nullable String s) {
    if (s == null) {
      return "";
    }
    return s.length() > 160 ? s.substring(0, 160) + "..." : s;
  }

  private GatewayOutcome send(String op, IdempotencyKey key, HttpUrl url, byte[] body)
      throws IOException {
    IOException lastFailure = null;
    GatewayOutcome lastError = null;
    for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
      if (attempt > 1) {
        pause(attempt - 1);
      }
      Request.Builder rb =
          new Request.Builder()
              .url(url)
              .header("Idempotency-Key", key.value())
              .post(RequestBody.create(body, JSON));
      headers(rb);
      long started = System.nanoTime();
      try (Response r = client.newCall(rb.build()).execute()) {
        byte[] answer = read(r.body());
        boolean replayed = "true".equalsIgnoreCase(r.header("Idempotent-Replayed"));
        LOG.debug(
            "{} key={} attempt={} status={} replayed={} in {} ms",
            op,
            key,
            attempt,
            r.code(),
            replayed,
            (System.nanoTime() - started) / 1_000_000);
        GatewayOutcome outcome = decode(op, key, r.code(), answer, replayed);
        if (outcome instanceof GatewayOutcome.Error
            && ((GatewayOutcome.Error) outcome).retryable()) {
          lastError = outcome;
          lastFailure = null;
          continue;
        }
        return outcome;
      } catch (GatewayProtocolException e) {
        throw e;
      } catch (IOException e) {
        GatewayTlsException tls = tlsFailure(op, e);
        if (tls != null) {
          throw tls;
        }
        LOG.debug(
            "{} key={} attempt={} failed after {} ms: {}",
            op,
            key,
            attempt,
            (System.nanoTime() - started) / 1_000_000,
            e.getClass().getSimpleName());
        lastFailure = e;
        lastError = null;
      }
    }
    if (lastError != null) {
      LOG.warn(
          "{} key={} still failing after {} attempts: {}",
          op,
          key,
          retry.maxAttempts(),
          ((GatewayOutcome.Error) lastError).code());
      return lastError;
    }
    LOG.warn("{} key={} got no answer in {} attempts", op, key, retry.maxAttempts());
    throw failed(op, lastFailure);
  }

  private static IOException failed(String op, @Nullable IOException last) {
    if (last instanceof InterruptedIOException) {
      GatewayTimeoutException t = new GatewayTimeoutException(op + ": no answer in time");
      t.initCause(last);
      return t;
    }
    return new GatewayUnavailableException(
        op
            + ": gateway unreachable or answer lost ("
            + (last == null ? "no attempt" : last.getClass().getSimpleName())
            + ")",
        last);
  }

  private GatewayOutcome decode(
      String op, IdempotencyKey key, int code, byte[] answer, boolean replayed) throws IOException {
    if (code == 409 || code == 422) {
      String errorCode = errorCode(answer);
      if ("IDEMPOTENCY_KEY_REUSED".equals(errorCode)) {
        throw new IdempotencyKeyReusedException(
            key,
            op
                + ": idempotency key "
                + key.value()
                + " was used before with a different request body");
      }
    }
    if (code >= 300 && code < 400) {
      throw new GatewayProtocolException(op + ": unexpected redirect HTTP " + code);
    }
    GatewayOutcome outcome;
    try {
      outcome = GatewayWire.outcome(answer, replayed, op + " answer");
    } catch (JsonFormatException e) {
      if (code >= 500 || code == 429) {
        return new GatewayOutcome.Error(true, "HTTP_" + code, op + ": HTTP " + code);
      }
      if (code >= 400) {
        return new GatewayOutcome.Error(false, "HTTP_" + code, op + ": HTTP " + code);
      }
      throw new GatewayProtocolException(e.getMessage() + " (HTTP " + code + ")");
    }
    if (code >= 500 || code == 429) {
      if (outcome instanceof GatewayOutcome.Error) {
        return outcome;
      }
      return new GatewayOutcome.Error(true, "HTTP_" + code, op + ": HTTP " + code);
    }
    if (code >= 400 && !(outcome instanceof GatewayOutcome.Error)) {
      return new GatewayOutcome.Error(false, "HTTP_" + code, op + ": HTTP " + code);
    }
    return outcome;
  }

  private static @Nullable String errorCode(byte[] answer) {
    try {
      return JsonObject.parse(answer, "error answer").optString("code");
    } catch (JsonFormatException e) {
      return null;
    }
  }

  private static byte[] read(@Nullable ResponseBody body) throws IOException {
    if (body == null) {
      return new byte[0];
    }
    long declared = body.contentLength();
    if (declared > MAX_ANSWER_BYTES) {
      throw new GatewayProtocolException(
          "answer of " + declared + " bytes is over the limit of " + MAX_ANSWER_BYTES);
    }
    okio.BufferedSource src = body.source();
    if (!src.request(MAX_ANSWER_BYTES + 1L)) {
      return src.readByteArray();
    }
    throw new GatewayProtocolException(
        "answer is over the limit of " + MAX_ANSWER_BYTES + " bytes");
  }

  private void headers(Request.Builder rb) {
    rb.header("Accept", "application/json").header("User-Agent", "ambient-retail-sdk");
    if (apiKey != null) {
      rb.header("Authorization", "Bearer " + apiKey);
    }
  }

  private void pause(int retryNumber) throws InterruptedIOException {
    Duration d = retry.backoff(retryNumber, random.nextDouble());
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while backing off before a retry");
    }
  }

  private HttpUrl url(String... segments) {
    HttpUrl.Builder b = base.newBuilder().addPathSegment("v1");
    for (String s : segments) {
      b.addPathSegment(s);
    }
    return b.build();
  }

  private static void positive(Money amount) {
    Objects.requireNonNull(amount, "amount");
    if (amount.isNegative() || amount.isZero()) {
      throw new io.ambientretail.payments.gateway.PaymentValueException(
          io.ambientretail.payments.PaymentsErrors.PAYMENT_VALUE,
          "amount must be positive, was " + amount);
    }
  }

  private static String reference(String merchantReference) {
    Objects.requireNonNull(merchantReference, "merchantReference");
    if (merchantReference.length() > 128) {
      throw new io.ambientretail.payments.gateway.PaymentValueException(
          io.ambientretail.payments.PaymentsErrors.PAYMENT_VALUE,
          "merchant reference is longer than 128 characters");
    }
    return merchantReference;
  }

  /** Shuts down the connection pool and dispatcher threads; calls after this fail. */
  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  /** The base URL, for diagnostics. */
  @Override
  public String toString() {
    return "HttpPaymentGateway[" + base + "]";
  }

  /** Configures an {@link HttpPaymentGateway}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private final URI baseUrl;
    private @Nullable String apiKey;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(15);
    private RetryPolicy retry = RetryPolicy.defaults();
    private boolean cleartextLoopback;
    private RandomGenerator random = new java.security.SecureRandom();
    private @Nullable SSLSocketFactory sslSocketFactory;
    private @Nullable X509TrustManager trustManager;

    private Builder(URI baseUrl) {
      this.baseUrl = baseUrl;
    }

    /** The bearer key sent in the {@code Authorization} header; never logged. */
    public Builder apiKey(String apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
      return this;
    }

    /** How long to wait for a connection (default 5 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** How long to wait for the answer once sent, per attempt (default 15 s). */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    /** How to retry lost answers and retryable errors (default {@link RetryPolicy#defaults()}). */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retry = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The source of backoff jitter (default a {@link java.security.SecureRandom}). */
    public Builder jitter(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Accepts a plain {@code http} base URL whose host is a loopback address (127.0.0.1, ::1,
     * localhost): for tests and a simulator on the same machine. Any other {@code http} URL is
     * still refused.
     */
    public Builder allowCleartextLoopback() {
      this.cleartextLoopback = true;
      return this;
    }

    /** The TLS socket factory and trust manager, e.g. to pin the acquirer's CA. */
    public Builder tls(SSLSocketFactory socketFactory, X509TrustManager trustManager) {
      this.sslSocketFactory = Objects.requireNonNull(socketFactory, "socketFactory");
      this.trustManager = Objects.requireNonNull(trustManager, "trustManager");
      return this;
    }

    /**
     * Builds the gateway client.
     *
     * @throws IllegalArgumentException if the URL is not https (or a loopback http URL after {@link
     *     #allowCleartextLoopback()}), has a query, user info or fragment
     */
    public HttpPaymentGateway build() {
      HttpUrl url = HttpUrl.parse(baseUrl.toString());
      if (url == null) {
        throw new IllegalArgumentException("base URL must be an http(s) URL");
      }
      if (url.query() != null || url.fragment() != null || !url.username().isEmpty()) {
        throw new IllegalArgumentException(
            "base URL must not have user info, a query or a" + " fragment");
      }
      if (!url.isHttps()) {
        if (!cleartextLoopback) {
          throw new IllegalArgumentException(
              "base URL must be https; plain http is allowed only"
                  + " for a loopback address after allowCleartextLoopback()");
        }
        if (!isLoopback(url.host())) {
          throw new IllegalArgumentException(
              "plain http is allowed only for a loopback address," + " not " + url.host());
        }
      }
      HttpUrl.Builder b = url.newBuilder();
      List<String> segments = url.pathSegments();
      if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
        b.removePathSegment(segments.size() - 1);
      }
      return new HttpPaymentGateway(this, b.build());
    }

    private static boolean isLoopback(String host) {
      if (host.toLowerCase(Locale.ROOT).equals("localhost")) {
        return true;
      }
      if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
        return false;
      }
      try {
        return InetAddress.getByName(host).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
