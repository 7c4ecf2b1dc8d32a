package io.ambientretail.payments.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.ambientretail.core.Money;
import io.ambientretail.payments.gateway.AuthorisationStatus;
import io.ambientretail.payments.gateway.GatewayOutcome;
import io.ambientretail.payments.gateway.GatewayProtocolException;
import io.ambientretail.payments.gateway.GatewayTlsException;
import io.ambientretail.payments.gateway.GatewayUnavailableException;
import io.ambientretail.payments.gateway.IdempotencyKey;
import io.ambientretail.payments.gateway.PaymentToken;
import io.ambientretail.payments.gateway.TransactionId;
import io.ambientretail.payments.gateway.TransactionNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP gateway client against real loopback servers: the JDK's HttpsServer with certificates
 * made by the JDK's keytool (trusted, untrusted, wrong host) and a plain HttpServer.
 */
class HttpPaymentGatewayTlsTest {
  private static final char[] PASS = "changeit".toCharArray();
  private static final RetryPolicy QUICK =
      new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2));

  @TempDir static Path keys;
  private static KeyStore trusted;
  private static KeyStore untrusted;
  private static KeyStore otherHost;

  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private HttpServer server;

  private record Answer(int code, String body) {}

  @BeforeAll
  static void makeCertificates() throws Exception {
    trusted = keytool("trusted", "CN=127.0.0.1", "san=ip:127.0.0.1,dns:localhost");
    untrusted = keytool("untrusted", "CN=127.0.0.1", "san=ip:127.0.0.1,dns:localhost");
    otherHost = keytool("other", "CN=gateway.invalid", "san=dns:gateway.invalid");
  }

  private static KeyStore keytool(String name, String dname, String san) throws Exception {
    Path store = keys.resolve(name + ".p12");
    Path tool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p =
        new ProcessBuilder(
                tool.toString(),
                "-genkeypair",
                "-alias",
                "gw",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-sigalg",
                "SHA256withECDSA",
                "-dname",
                dname,
                "-ext",
                san,
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .redirectOutput(keys.resolve(name + ".log").toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
    assertThat(p.exitValue()).as(Files.readString(keys.resolve(name + ".log"))).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, PASS);
    }
    return ks;
  }

  /** A trust manager trusting exactly the certificate in {@code ks}. */
  private static X509TrustManager trusting(KeyStore ks) throws Exception {
    Certificate cert = ks.getCertificate("gw");
    KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
    anchors.load(null, null);
    anchors.setCertificateEntry("gateway", cert);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(anchors);
    return (X509TrustManager) tmf.getTrustManagers()[0];
  }

  private static SSLSocketFactory factory(X509TrustManager tm) throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new javax.net.ssl.TrustManager[] {tm}, null);
    return ctx.getSocketFactory();
  }

  private URI startHttps(KeyStore identity) throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(identity, PASS);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    HttpsServer s =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.setHttpsConfigurator(new HttpsConfigurator(ctx));
    return start(s, "https");
  }

  private URI startHttp() throws Exception {
    return start(
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), "http");
  }

  private URI start(HttpServer s, String scheme) {
    s.createContext("/", this::handle);
    s.start();
    server = s;
    return URI.create(scheme + "://127.0.0.1:" + s.getAddress().getPort() + "/");
  }

  private void handle(HttpExchange ex) throws IOException {
    String key = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
    ex.getRequestBody().readAllBytes();
    seen.add(key + " " + ex.getRequestHeaders().getFirst("Idempotency-Key"));
    Answer a =
        answers.getOrDefault(
            key,
            new Answer(404, "{\"result\":\"error\",\"retryable\":false,\"code\":\"NOT_FOUND\"}"));
    byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(a.code(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
    ex.close();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private void approveAuthorisations() {
    answers.put(
        "POST /v1/authorisations",
        new Answer(
            200,
            "{\"result\":\"approved\","
                + "\"id\":\"au_1\",\"amount\":{\"minor\":5000,\"currency\":\"EUR\"}}"));
  }

  private static GatewayOutcome authorise(HttpPaymentGateway g) throws IOException {
    return g.authorise(
        IdempotencyKey.of("k-1"),
        PaymentToken.of("tok_visa"),
        Money.ofMinor(5000, "EUR"),
        "visit-1");
  }

  @Test
  void trustedCertificate_authorisesOverTls() throws Exception {
    URI base = startHttps(trusted);
    approveAuthorisations();
    X509TrustManager tm = trusting(trusted);
    try (HttpPaymentGateway g = HttpPaymentGateway.builder(base).tls(factory(tm), tm).build()) {
      GatewayOutcome o = authorise(g);
      assertThat(o).isInstanceOf(GatewayOutcome.Approved.class);
      assertThat(((GatewayOutcome.Approved) o).transaction()).isEqualTo(TransactionId.of("au_1"));
    }
    assertThat(seen).containsExactly("POST /v1/authorisations k-1");
  }

  @Test
  void untrustedCertificate_refusedWithTlsError_onceAndNothingSent() throws Exception {
    URI base = startHttps(untrusted);
    approveAuthorisations();
    X509TrustManager tm = trusting(trusted);
    CountingFactory counting = new CountingFactory(factory(tm));
    try (HttpPaymentGateway g =
        HttpPaymentGateway.builder(base).tls(counting, tm).retryPolicy(QUICK).build()) {
      assertThatThrownBy(() -> authorise(g))
          .isInstanceOf(GatewayTlsException.class)
          .isNotInstanceOf(GatewayUnavailableException.class)
          .hasMessageContaining("authorise: the TLS identity of 127.0.0.1");
      assertThatThrownBy(() -> g.status(TransactionId.of("au_1")))
          .isInstanceOf(GatewayTlsException.class);
    }
    assertThat(counting.sockets.get()).as("TLS failures are not retried").isEqualTo(2);
    assertThat(seen).isEmpty();
  }

  @Test
  void selfSignedCertificate_refusedByDefaultTrust() throws Exception {
    URI base = startHttps(trusted);
    approveAuthorisations();
    try (HttpPaymentGateway g = HttpPaymentGateway.builder(base).retryPolicy(QUICK).build()) {
      assertThatThrownBy(() -> authorise(g)).isInstanceOf(GatewayTlsException.class);
    }
    assertThat(seen).isEmpty();
  }

  @Test
  void certificateForAnotherHost_refusedWithTlsError() throws Exception {
    URI base = startHttps(otherHost);
    approveAuthorisations();
    X509TrustManager tm = trusting(otherHost);
    try (HttpPaymentGateway g =
        HttpPaymentGateway.builder(base).tls(factory(tm), tm).retryPolicy(QUICK).build()) {
      assertThatThrownBy(() -> authorise(g))
          .isInstanceOf(GatewayTlsException.class)
          .hasMessageContaining("SSLPeerUnverifiedException");
    }
    assertThat(seen).isEmpty();
  }

  @Test
  void plaintextHttp_refusedUnlessExplicitlyAllowedForLoopback() throws Exception {
    URI base = startHttp();
    approveAuthorisations();
    assertThatThrownBy(() -> HttpPaymentGateway.builder(base).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be https");
    assertThatThrownBy(
            () ->
                HttpPaymentGateway.builder(URI.create("http://gateway.invalid/"))
                    .allowCleartextLoopback()
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loopback");
    assertThat(seen).isEmpty();
    try (HttpPaymentGateway g = HttpPaymentGateway.builder(base).allowCleartextLoopback().build()) {
      assertThat(authorise(g)).isInstanceOf(GatewayOutcome.Approved.class);
    }
    assertThat(seen).containsExactly("POST /v1/authorisations k-1");
  }

  @Test
  void status_ofUnknownTransaction_isNotFound_notUnavailable() throws Exception {
    URI base = startHttps(trusted);
    X509TrustManager tm = trusting(trusted);
    answers.put(
        "GET /v1/authorisations/au_known",
        new Answer(
            200,
            "{\"id\":\"au_known\","
                + "\"state\":\"authorised\",\"authorised\":{\"minor\":5000,\"currency\":\"EUR\"},"
                + "\"captured\":{\"minor\":0,\"currency\":\"EUR\"}}"));
    try (HttpPaymentGateway g =
        HttpPaymentGateway.builder(base).tls(factory(tm), tm).retryPolicy(QUICK).build()) {
      assertThatThrownBy(() -> g.status(TransactionId.of("au_gone")))
          .isInstanceOf(TransactionNotFoundException.class)
          .isNotInstanceOf(GatewayUnavailableException.class)
          .satisfies(
              e ->
                  assertThat(((TransactionNotFoundException) e).transaction())
                      .isEqualTo(TransactionId.of("au_gone")));
      assertThat(g.find(TransactionId.of("au_gone"))).isEmpty();
      assertThat(g.find(TransactionId.of("au_known")))
          .get()
          .extracting(AuthorisationStatus::state)
          .isEqualTo(AuthorisationStatus.State.AUTHORISED);
    }
    // a definite answer: asked once each time, never retried
    assertThat(seen)
        .containsExactly(
            "GET /v1/authorisations/au_gone null",
            "GET /v1/authorisations/au_gone null",
            "GET /v1/authorisations/au_known null");
  }

  @Test
  void status_errorsMapToTypedFailures() throws Exception {
    URI base = startHttps(trusted);
    X509TrustManager tm = trusting(trusted);
    answers.put("GET /v1/authorisations/au_5xx", new Answer(503, ""));
    answers.put(
        "GET /v1/authorisations/au_400",
        new Answer(400, "{\"result\":\"error\",\"retryable\":false,\"code\":\"BAD_REQUEST\"}"));
    answers.put("GET /v1/authorisations/au_401", new Answer(401, ""));
    try (HttpPaymentGateway g =
        HttpPaymentGateway.builder(base).tls(factory(tm), tm).retryPolicy(QUICK).build()) {
      assertThatThrownBy(() -> g.status(TransactionId.of("au_5xx")))
          .isInstanceOf(GatewayUnavailableException.class);
      assertThat(seen).hasSize(3); // retried: an outage may pass
      assertThatThrownBy(() -> g.status(TransactionId.of("au_400")))
          .isInstanceOf(GatewayProtocolException.class)
          .hasMessageContaining("BAD_REQUEST");
      assertThatThrownBy(() -> g.status(TransactionId.of("au_401")))
          .isInstanceOf(GatewayUnavailableException.class)
          .hasMessageContaining("API key");
    }
    assertThat(seen).hasSize(5);
  }

  /** Counts the TLS sockets the client made (each is one connection attempt). */
  private static final class CountingFactory extends SSLSocketFactory {
    private final SSLSocketFactory d;
    final AtomicInteger sockets = new AtomicInteger();

    CountingFactory(SSLSocketFactory d) {
      this.d = d;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return d.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return d.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose)
        throws IOException {
      sockets.incrementAndGet();
      return d.createSocket(s, host, port, autoClose);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      sockets.incrementAndGet();
      return d.createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort)
        throws IOException {
      sockets.incrementAndGet();
      return d.createSocket(host, port, local, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      sockets.incrementAndGet();
      return d.createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort)
        throws IOException {
      sockets.incrementAndGet();
      return d.createSocket(address, port, local, localPort);
    }
  }
}
