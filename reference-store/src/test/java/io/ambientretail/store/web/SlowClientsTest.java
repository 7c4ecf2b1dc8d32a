package io.ambientretail.store.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ambientretail.store.StoreApp;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slow and lying clients over raw loopback sockets: each gets a problem-details answer within the
 * idle timeout, and a crowd of stalled bodies does not stop {@code /health} from answering.
 */
class SlowClientsTest {
  private static final int IDLE_MS = 1000;
  private static final int READERS = 8;
  private static StoreApp app;
  private static final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void startStore() throws Exception {
    StoreConfig cfg =
        StoreConfigReader.withDefaults()
            .demo(StoreKind.MICROMARKET)
            .withWeb(
                new StoreConfig.WebLimits(
                    100_000, 100_000, 100_000, 100_000, 1000, 10, IDLE_MS, READERS));
    app =
        StoreApp.start(
            StoreApp.Options.demo(cfg, Files.createTempDirectory("store-slow-clients"), 0, 5));
  }

  @AfterAll
  static void stopStore() {
    app.close();
  }

  private static Socket connect() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), app.port());
    s.setSoTimeout(15_000);
    return s;
  }

  private static String head(String contentLength) {
    return "POST /api/refunds HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Authorization: Bearer demo-operator\r\nContent-Type: application/json\r\n"
        + "Content-Length: "
        + contentLength
        + "\r\n\r\n";
  }

  /** A response read from the socket: status, headers (lower-case names) and body. */
  private record Answer(int status, String headers, String body, long millis) {}

  private static Answer answer(Socket s, long startNanos) throws IOException {
    InputStream in = s.getInputStream();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int headEnd = -1;
    while (headEnd < 0) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before an answer: " + buf);
      }
      buf.write(b);
      String t = buf.toString(StandardCharsets.ISO_8859_1);
      if (t.endsWith("\r\n\r\n")) {
        headEnd = t.length();
      }
    }
    String headers = buf.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    int status = Integer.parseInt(headers.substring(9, 12));
    int length = 0;
    for (String line : headers.split("\r\n")) {
      if (line.startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    byte[] body = in.readNBytes(length);
    return new Answer(
        status,
        headers,
        new String(body, StandardCharsets.UTF_8),
        (System.nanoTime() - startNanos) / 1_000_000);
  }

  private static void assertProblem(Answer a, int status) throws IOException {
    assertThat(a.status()).as(a.headers() + a.body()).isEqualTo(status);
    assertThat(a.headers()).contains("content-type: application/problem+json");
    JsonNode p = json.readTree(a.body());
    assertThat(p.path("status").asInt()).isEqualTo(status);
    assertThat(p.path("detail").asText()).isNotBlank();
  }

  @Test
  void hugeContentLength_isRefusedAtOnce_with413() throws Exception {
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      OutputStream out = s.getOutputStream();
      out.write((head("99999999999") + "{}").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Answer a = answer(s, t0);
      assertProblem(a, 413);
      assertThat(a.millis()).isLessThan(IDLE_MS);
    }
  }

  @Test
  void bodyShorterThanItsContentLength_stalled_is408AfterTheIdleTimeout() throws Exception {
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      OutputStream out = s.getOutputStream();
      out.write((head("100") + "{}").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Answer a = answer(s, t0);
      assertProblem(a, 408);
      assertThat(a.millis()).isBetween((long) IDLE_MS / 2, 5L * IDLE_MS);
    }
  }

  @Test
  void bodyEndingBeforeItsContentLength_is400() throws Exception {
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      OutputStream out = s.getOutputStream();
      out.write((head("100") + "{}").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      s.shutdownOutput();
      Answer a = answer(s, t0);
      assertProblem(a, 400);
      assertThat(a.millis()).isLessThan(IDLE_MS);
    }
  }

  @Test
  void contentLengthNotANumber_is400() throws Exception {
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      s.getOutputStream().write((head("12x") + "{}").getBytes(StandardCharsets.US_ASCII));
      Answer a = answer(s, t0);
      assertThat(a.status()).isEqualTo(400);
    }
  }

  @Test
  void quietEventStream_staysOpenPastTheIdleTimeout() throws Exception {
    try (Socket s = connect()) {
      s.getOutputStream()
          .write(
              ("GET /api/events?access_token=demo-viewer HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      + "Accept: text/event-stream\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      long t0 = System.nanoTime();
      var in =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      int beats = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.contains("keep-alive")) {
          beats++;
        }
        if ((System.nanoTime() - t0) / 1_000_000 > 3L * IDLE_MS) {
          break;
        }
      }
      assertThat(beats).isGreaterThanOrEqualTo(4);
    }
  }

  @Test
  void manyStalledBodies_healthKeepsAnswering_andTheOverflowIsRefusedWith503() throws Exception {
    List<Socket> stalled = new ArrayList<>();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
      byte[] part = new byte[1000];
      java.util.Arrays.fill(part, (byte) ' ');
      for (int i = 0; i < 260; i++) {
        Socket s = connect();
        stalled.add(s);
        OutputStream out = s.getOutputStream();
        out.write(head("60000").getBytes(StandardCharsets.US_ASCII));
        out.write(part);
        out.flush();
      }
      long t0 = System.nanoTime();
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/health"))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3000);
      int refused = 0;
      int timedOut = 0;
      for (Socket s : stalled) {
        Answer a = answer(s, t0);
        if (a.status() == 503) {
          assertThat(a.headers()).contains("retry-after: 1");
          refused++;
        } else {
          assertProblem(a, 408);
          timedOut++;
        }
      }
      // the gate admits READERS bodies at a time; the rest are refused at once
      assertThat(timedOut).isBetween(1, 260 - refused);
      assertThat(refused).isGreaterThanOrEqualTo(260 - 4 * READERS);
    } finally {
      for (Socket s : stalled) {
        s.close();
      }
    }
  }
}
