package io.ambientretail.store.pay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ambientretail.core.Money;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * A {@link PaymentGateway} over HTTP JSON to an acquirer such as {@link SimulatedAcquirer}. Retries
 * a transport failure up to twice with the same idempotency key. Thread-safe.
 */
public final class HttpAcquirerClient implements PaymentGateway {
  private static final int MAX_REPLY = 16 * 1024;
  private final HttpClient http;
  private final URI base;
  private final Duration timeout;
  private final ObjectMapper json = new ObjectMapper();

  /** A client of the acquirer at {@code baseUrl}, each call bounded by {@code timeout}. */
  public HttpAcquirerClient(String baseUrl, Duration timeout) {
    this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public GatewayResult authorize(String idemKey, String cardToken, Money amount)
      throws IOException {
    return call("authorize", idemKey, cardToken, null, amount);
  }

  @Override
  public GatewayResult capture(String idemKey, String authRef, Money amount) throws IOException {
    return call("capture", idemKey, null, authRef, amount);
  }

  @Override
  public GatewayResult sale(String idemKey, String cardToken, Money amount) throws IOException {
    return call("sale", idemKey, cardToken, null, amount);
  }

  @Override
  public GatewayResult voidAuthorization(String idemKey, String authRef) throws IOException {
    return call("void", idemKey, null, authRef, null);
  }

  @Override
  public GatewayResult refund(String idemKey, String captureRef, Money amount) throws IOException {
    return call("refund", idemKey, null, captureRef, amount);
  }

  private GatewayResult call(String op, String key, String token, String parent, Money amount)
      throws IOException {
    ObjectNode body = json.createObjectNode();
    body.put("idempotencyKey", key);
    if (token != null) {
      body.put("cardToken", token);
    }
    if (parent != null) {
      body.put("parentRef", parent);
    }
    if (amount != null) {
      body.put("amountMinor", amount.minor());
      body.put("currency", amount.currency().getCurrencyCode());
    }
    HttpRequest req = HttpRequest.newBuilder(base.resolve("v1/" + op))
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
        .build();
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        if (resp.body().length > MAX_REPLY) {
          throw new IOException("acquirer " + op + ": reply larger than " + MAX_REPLY + " bytes");
        }
        if (resp.statusCode() >= 500) {
          last = new IOException("acquirer " + op + ": HTTP " + resp.statusCode());
          continue;
        }
        JsonNode n = json.readTree(resp.body());
        if (resp.statusCode() != 200) {
          throw new IOException("acquirer " + op + ": HTTP " + resp.statusCode() + " "
              + n.path("error").asText(""));
        }
        return n.path("approved").asBoolean(false)
            ? GatewayResult.approved(n.path("reference").asText())
            : GatewayResult.declined(n.path("reason").asText("declined"));
      } catch (HttpTimeoutException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("acquirer " + op + ": interrupted");
      } catch (IOException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("acquirer ")) {
          throw e;
        }
        last = e;
      }
    }
    throw new IOException("acquirer " + op + ": unreachable after 3 tries", last);
  }
}
