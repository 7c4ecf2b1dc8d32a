package io.ambientretail.payments.terminal;

import io.ambientretail.core.Money;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * A {@link PaymentTerminal} that speaks nexo JSON to one terminal over HTTP ({@code POST
 * <terminal>/nexo}), checking that every answer is the answer to the request sent: same {@code
 * ServiceID}, same category, from the expected {@code POIID}.
 *
 * <p>Created with {@link #builder(URI, String, String)}; thread-safe. The JDK HTTP client it uses
 * runs on the executor given to the builder (the client's default otherwise). With {@link
 * Builder#encryptWith(NexoKey)} every request is encrypted and every answer must be encrypted and
 * verify; a failing answer is a {@link TerminalSecurityException}, never an approval.
 */
public final class NexoPaymentTerminal implements PaymentTerminal {
  private static final Set<String> DECLINES =
      Set.of(
          "Refusal",
          "Aborted",
          "Cancel",
          "InvalidCard",
          "WrongPIN",
          "PaymentRestriction",
          "NotAllowed",
          "NotFound");

  private final HttpClient http;
  private final URI uri;
  private final String saleId;
  private final String poiId;
  private final Duration readTimeout;
  private final Clock clock;
  private final NexoLimits limits;
  private final @Nullable NexoKey key;
  private final SecureRandom random;

  private NexoPaymentTerminal(Builder b) {
    HttpClient.Builder hb = HttpClient.newBuilder().connectTimeout(b.connectTimeout);
    if (b.executor != null) {
      hb.executor(b.executor);
    }
    this.http = hb.build();
    this.uri = b.uri;
    this.saleId = b.saleId;
    this.poiId = b.poiId;
    this.readTimeout = b.readTimeout;
    this.clock = b.clock;
    this.limits = b.limits;
    this.key = b.key;
    this.random = b.random;
  }

  /**
   * A builder for the terminal at {@code uri} (e.g. {@code http://10.0.0.7:8443/nexo}).
   *
   * @param saleId this sale system's id, as configured on the terminal
   * @param poiId the terminal's id; answers from any other terminal are refused
   */
  public static Builder builder(URI uri, String saleId, String poiId) {
    return new Builder(uri, saleId, poiId);
  }

  @Override
  public TerminalOutcome preAuthorise(ServiceId serviceId, String saleTransactionId, Money amount)
      throws IOException {
    return payment(
        serviceId,
        new PaymentRequest(
            new TransactionReference(saleTransactionId, clock.instant()),
            PaymentType.FirstReservation,
            amount,
            null));
  }

  @Override
  public TerminalOutcome adjust(
      ServiceId serviceId, TransactionReference preAuthorisation, Money newTotal)
      throws IOException {
    return payment(
        serviceId,
        new PaymentRequest(
            new TransactionReference(serviceId.value(), clock.instant()),
            PaymentType.UpdateReservation,
            newTotal,
            preAuthorisation));
  }

  @Override
  public TerminalOutcome capture(
      ServiceId serviceId, TransactionReference preAuthorisation, Money amount) throws IOException {
    return payment(
        serviceId,
        new PaymentRequest(
            new TransactionReference(serviceId.value(), clock.instant()),
            PaymentType.Completion,
            amount,
            preAuthorisation));
  }

  @Override
  public TerminalOutcome reverse(ServiceId serviceId, TransactionReference transaction)
      throws IOException {
    SaleToPoiResponse r =
        exchange(serviceId, new ReversalRequest(transaction, ReversalReason.MerchantCancel));
    if (!(r.body() instanceof ReversalResponse rr)) {
      throw new NexoFormatException("$.SaleToPOIResponse", "expected a ReversalResponse");
    }
    if (rr.status().result() == NexoResult.Success) {
      return new TerminalOutcome.Reversed(rr.poiTransaction());
    }
    return failure(rr.status());
  }

  @Override
  public TerminalOutcome status(ServiceId serviceId, ServiceId earlier) throws IOException {
    SaleToPoiResponse r =
        exchange(
            serviceId,
            new TransactionStatusRequest(
                MessageReference.to(MessageCategory.Payment, earlier.value())));
    if (!(r.body() instanceof TransactionStatusResponse s)) {
      throw new NexoFormatException("$.SaleToPOIResponse", "expected a TransactionStatusResponse");
    }
    if (s.status().result() == NexoResult.Success) {
      if (s.repeatedPayment() == null) {
        throw new NexoFormatException(
            "$.SaleToPOIResponse.TransactionStatusResponse.RepeatedMessageResponse",
            "required field is missing");
      }
      return outcome(s.repeatedPayment());
    }
    if ("InProgress".equals(s.status().errorCondition())) {
      return new TerminalOutcome.InProgress();
    }
    return failure(s.status());
  }

  @Override
  public void abort(ServiceId serviceId, ServiceId earlier, String reason) throws IOException {
    SaleToPoiRequest abort =
        request(
            serviceId,
            new AbortRequest(
                MessageReference.to(MessageCategory.Payment, earlier.value()), reason, null));
    send(serviceId, encode(abort));
  }

  private TerminalOutcome payment(ServiceId serviceId, PaymentRequest request) throws IOException {
    SaleToPoiResponse r = exchange(serviceId, request);
    if (!(r.body() instanceof PaymentResponse p)) {
      throw new NexoFormatException("$.SaleToPOIResponse", "expected a PaymentResponse");
    }
    return outcome(p);
  }

  private static TerminalOutcome outcome(PaymentResponse p) throws NexoFormatException {
    if (p.status().result() == NexoResult.Failure) {
      return failure(p.status());
    }
    String at = "$.SaleToPOIResponse.PaymentResponse";
    if (p.poiTransaction() == null) {
      throw new NexoFormatException(at + ".POIData", "an approval needs the POITransactionID");
    }
    if (p.authorisedAmount() == null) {
      throw new NexoFormatException(
          at + ".PaymentResult.AmountsResp", "an approval needs the AuthorizedAmount");
    }
    return new TerminalOutcome.Approved(
        p.poiTransaction(), p.authorisedAmount(), p.cardAlias(), p.maskedPan());
  }

  private static TerminalOutcome failure(ResponseStatus s) {
    String condition = Objects.requireNonNullElse(s.errorCondition(), "Unknown");
    return DECLINES.contains(condition)
        ? new TerminalOutcome.Declined(condition)
        : new TerminalOutcome.NeedsAttention(condition);
  }

  private SaleToPoiRequest request(ServiceId serviceId, NexoRequest body) {
    return new SaleToPoiRequest(
        MessageHeader.request(
            MessageClass.Service, body.category(), serviceId.value(), saleId, poiId),
        body);
  }

  private SaleToPoiResponse exchange(ServiceId serviceId, NexoRequest body) throws IOException {
    byte[] answer = send(serviceId, encode(request(serviceId, body)));
    NexoMessage m = NexoCodec.read(answer, limits);
    if (key != null) {
      if (!(m instanceof SecuredMessage secured)) {
        throw new NexoFormatException(
            "$.SaleToPOIResponse.SecurityTrailer", "answer not encrypted");
      }
      try {
        m = NexoCodec.read(NexoCrypto.decrypt(secured, key), limits);
      } catch (GeneralSecurityException e) {
        throw new TerminalSecurityException(
            "encrypted answer to " + serviceId + " failed its checks; outcome unknown", e);
      }
      if (!m.header().equals(secured.header())) {
        throw new NexoFormatException(
            "$.SaleToPOIResponse.MessageHeader", "clear header differs from the encrypted one");
      }
    }
    if (m instanceof SecuredMessage) {
      throw new NexoFormatException(
          "$.SaleToPOIResponse.NexoBlob", "encrypted answer but no key configured");
    }
    if (!(m instanceof SaleToPoiResponse r)) {
      throw new NexoFormatException("$", "expected a SaleToPOIResponse");
    }
    MessageHeader h = r.header();
    String at = "$.SaleToPOIResponse.MessageHeader";
    if (!serviceId.value().equals(h.serviceId())) {
      throw new NexoFormatException(at + ".ServiceID", "answer to another request");
    }
    if (!poiId.equals(h.poiId())) {
      throw new NexoFormatException(at + ".POIID", "answer from another terminal");
    }
    if (h.messageCategory() != body.category() || h.messageType() != MessageType.Response) {
      throw new NexoFormatException(at + ".MessageCategory", "not a response to this request");
    }
    return r;
  }

  private byte[] encode(SaleToPoiRequest request) throws IOException {
    byte[] plain = NexoCodec.write(request);
    if (key == null) {
      return plain;
    }
    try {
      return NexoCodec.write(NexoCrypto.encrypt(true, request.header(), plain, key, random));
    } catch (GeneralSecurityException e) {
      throw new TerminalSecurityException("could not encrypt the request", e);
    }
  }

  private byte[] send(ServiceId serviceId, byte[] body) throws IOException {
    HttpRequest req =
        HttpRequest.newBuilder(uri)
            .timeout(readTimeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<InputStream> resp;
    try {
      resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw new TerminalUnavailableException(
          serviceId, "terminal at " + uri + " could not be reached", e);
    } catch (HttpTimeoutException e) {
      throw new TerminalTimeoutException(
          serviceId,
          "no answer from the terminal within " + readTimeout.toMillis() + " ms; outcome unknown");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TerminalTimeoutException(serviceId, "interrupted waiting; outcome unknown");
    } catch (IOException e) {
      throw new TerminalConnectionLostException(
          serviceId, "connection to the terminal lost; outcome unknown", e);
    }
    try (InputStream in = resp.body()) {
      byte[] bytes = in.readNBytes(limits.maxMessageBytes() + 1);
      if (resp.statusCode() != 200) {
        throw new TerminalConnectionLostException(
            serviceId,
            "terminal answered HTTP " + resp.statusCode() + "; outcome unknown",
            new IOException("HTTP " + resp.statusCode()));
      }
      if (bytes.length > limits.maxMessageBytes()) {
        throw new NexoFormatException("$", "answer over the limit of " + limits.maxMessageBytes());
      }
      return bytes;
    } catch (HttpTimeoutException e) {
      throw new TerminalTimeoutException(serviceId, "answer not complete in time; outcome unknown");
    } catch (NexoFormatException | TerminalConnectionLostException e) {
      throw e;
    } catch (IOException e) {
      throw new TerminalConnectionLostException(
          serviceId, "connection lost while reading the answer; outcome unknown", e);
    }
  }

  /** Configures a {@link NexoPaymentTerminal}; not thread-safe. */
  public static final class Builder {
    private final URI uri;
    private final String saleId;
    private final String poiId;
    private Duration connectTimeout = Duration.ofSeconds(3);
    private Duration readTimeout = Duration.ofSeconds(150);
    private Clock clock = Clock.systemUTC();
    private NexoLimits limits = NexoLimits.defaults();
    private @Nullable Executor executor;
    private @Nullable NexoKey key;
    private SecureRandom random = new SecureRandom();

    private Builder(URI uri, String saleId, String poiId) {
      this.uri = Objects.requireNonNull(uri, "uri");
      this.saleId = Objects.requireNonNull(saleId, "saleId");
      this.poiId = Objects.requireNonNull(poiId, "poiId");
    }

    /** Time to open the connection; default 3 s. */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = positive(d, "connectTimeout");
      return this;
    }

    /**
     * Time to wait for an answer; default 150 s, since a payment waits for the shopper to present a
     * card and enter a PIN.
     */
    public Builder readTimeout(Duration d) {
      this.readTimeout = positive(d, "readTimeout");
      return this;
    }

    /** The clock for sale timestamps; default the UTC system clock. */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** Limits on answers; default {@link NexoLimits#defaults()}. */
    public Builder limits(NexoLimits l) {
      this.limits = Objects.requireNonNull(l, "limits");
      return this;
    }

    /** The executor the HTTP client runs on; default the JDK client's own. */
    public Builder executor(Executor e) {
      this.executor = Objects.requireNonNull(e, "executor");
      return this;
    }

    /**
     * Encrypts every request and requires every answer encrypted under {@code key} (the
     * local-terminal encryption, see {@link NexoCrypto}); default: clear messages.
     */
    public Builder encryptWith(NexoKey key) {
      this.key = Objects.requireNonNull(key, "key");
      return this;
    }

    /** The source of nonces; default a new {@link SecureRandom}. */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    private static Duration positive(Duration d, String name) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }

    /** The terminal client. */
    public NexoPaymentTerminal build() {
      if (saleId.isBlank() || poiId.isBlank()) {
        throw new IllegalArgumentException("saleId and poiId must not be blank");
      }
      return new NexoPaymentTerminal(this);
    }
  }
}
