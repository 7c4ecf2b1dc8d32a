package io.ambientretail.testing.terminal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ambientretail.core.Money;
import io.ambientretail.payments.terminal.AbortRequest;
import io.ambientretail.payments.terminal.MessageHeader;
import io.ambientretail.payments.terminal.MessageType;
import io.ambientretail.payments.terminal.NexoCodec;
import io.ambientretail.payments.terminal.NexoCrypto;
import io.ambientretail.payments.terminal.NexoFormatException;
import io.ambientretail.payments.terminal.NexoKey;
import io.ambientretail.payments.terminal.NexoMessage;
import io.ambientretail.payments.terminal.NexoResponse;
import io.ambientretail.payments.terminal.PaymentRequest;
import io.ambientretail.payments.terminal.PaymentResponse;
import io.ambientretail.payments.terminal.PaymentType;
import io.ambientretail.payments.terminal.ResponseStatus;
import io.ambientretail.payments.terminal.ReversalRequest;
import io.ambientretail.payments.terminal.ReversalResponse;
import io.ambientretail.payments.terminal.SaleToPoiRequest;
import io.ambientretail.payments.terminal.SaleToPoiResponse;
import io.ambientretail.payments.terminal.SecuredMessage;
import io.ambientretail.payments.terminal.SecurityTrailer;
import io.ambientretail.payments.terminal.TransactionReference;
import io.ambientretail.payments.terminal.TransactionStatusRequest;
import io.ambientretail.payments.terminal.TransactionStatusResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A certified payment terminal, simulated: it answers nexo JSON requests on {@code
 * http://127.0.0.1:<port>/nexo} the way a semi-integrated terminal does, keeps the acquirer's books
 * (what is authorised, captured and released per reservation) so tests can compare them with their
 * receipts, and plays scripted {@link TerminalFault}s. {@link #unplug()} closes the port, as
 * pulling the cable does.
 *
 * <p>It never sees a PAN either: its card is an alias and a masked number. Thread-safe; handles
 * requests on its own thread pool, stopped by {@link #close()}.
 */
public final class SimulatedTerminal implements AutoCloseable {
  /** The alias of the simulated card. */
  public static final String CARD_ALIAS = "SIMALIAS7Q";

  /** The masked number of the simulated card. */
  public static final String MASKED_PAN = "541333 **** 0019";

  /** One reservation in the simulated acquirer's books. */
  public record Reservation(
      TransactionReference transaction, Money authorised, Money captured, boolean released) {}

  private final String poiId;
  private final Clock clock;
  private final HttpServer server;
  private final ExecutorService pool;
  private final CountDownLatch closed = new CountDownLatch(1);

  private final Object lock = new Object();
  private final Deque<TerminalFault> faults = new ArrayDeque<>();
  private final Map<String, Reservation> books = new HashMap<>();
  private final Map<String, PaymentResponse> answered = new HashMap<>();
  private final List<String> inProgress = new ArrayList<>();
  private final List<byte[]> received = new ArrayList<>();
  private @Nullable CountDownLatch cardPresented;
  private @Nullable String waitingService;
  private boolean aborted;
  private long nextId = 1;

  private final @Nullable NexoKey key;
  private final SecureRandom random = new SecureRandom();

  private SimulatedTerminal(String poiId, Clock clock, @Nullable NexoKey key) throws IOException {
    this.poiId = poiId;
    this.clock = clock;
    this.key = key;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.pool = Executors.newCachedThreadPool();
    server.setExecutor(pool);
    server.createContext("/nexo", this::handle);
    server.start();
  }

  /**
   * Starts a terminal with POI id {@code poiId} on a free loopback port.
   *
   * @throws IOException if no port could be bound
   */
  public static SimulatedTerminal start(String poiId, Clock clock) throws IOException {
    return new SimulatedTerminal(poiId, clock, null);
  }

  /**
   * Starts a terminal that speaks only the local-terminal encryption under {@code key}: requests
   * that are clear or fail to decrypt and verify are answered HTTP 400, answers are encrypted.
   *
   * @throws IOException if no port could be bound
   */
  public static SimulatedTerminal startEncrypted(String poiId, Clock clock, NexoKey key)
      throws IOException {
    return new SimulatedTerminal(poiId, clock, java.util.Objects.requireNonNull(key, "key"));
  }

  /** The URL to post nexo requests to. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/nexo");
  }

  /** The POI id the terminal answers with. */
  public String poiId() {
    return poiId;
  }

  /** Queues faults, played in order on the requests they apply to. */
  public void script(TerminalFault... next) {
    synchronized (lock) {
      faults.addAll(List.of(next));
    }
  }

  /**
   * Presents the card to a pre-authorisation waiting for one ({@link TerminalFault#WAIT_FOR_CARD}).
   */
  public void presentCard() {
    synchronized (lock) {
      if (cardPresented != null) {
        cardPresented.countDown();
      }
    }
  }

  /** True while a pre-authorisation waits for a card. */
  public boolean waitingForCard() {
    synchronized (lock) {
      return cardPresented != null && cardPresented.getCount() > 0;
    }
  }

  /** Stops listening, as an unplugged terminal does; requests then fail to connect. */
  public void unplug() {
    server.stop(0);
  }

  /** The reservations in the books, by the terminal's transaction id. */
  public Map<String, Reservation> books() {
    synchronized (lock) {
      return Map.copyOf(books);
    }
  }

  /** Copies of every request body received, in order (for leak scans). */
  public List<byte[]> received() {
    synchronized (lock) {
      return received.stream().map(byte[]::clone).toList();
    }
  }

  @Override
  public void close() {
    closed.countDown();
    presentCard();
    server.stop(0);
    pool.shutdownNow();
  }

  private @Nullable TerminalFault take(TerminalFault... kinds) {
    TerminalFault f = faults.peekFirst();
    if (f != null && List.of(kinds).contains(f)) {
      return faults.pollFirst();
    }
    return null;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readNBytes(256 * 1024);
      }
      synchronized (lock) {
        received.add(body);
      }
      NexoMessage m;
      try {
        m = NexoCodec.read(body);
        if (key != null) {
          if (!(m instanceof SecuredMessage secured)) {
            send(ex, 400, "encryption required".getBytes(StandardCharsets.UTF_8));
            return;
          }
          m = NexoCodec.read(NexoCrypto.decrypt(secured, key));
        }
      } catch (NexoFormatException e) {
        send(ex, 400, e.getMessage().getBytes(StandardCharsets.UTF_8));
        return;
      } catch (GeneralSecurityException e) {
        send(ex, 400, "request failed its security checks".getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (!(m instanceof SaleToPoiRequest req)) {
        send(ex, 400, "expected a SaleToPOIRequest".getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (req.body() instanceof AbortRequest a) {
        abort(a);
        send(ex, 200, "ok".getBytes(StandardCharsets.UTF_8));
        return;
      }
      TerminalFault answerFault;
      synchronized (lock) {
        answerFault =
            take(
                TerminalFault.WRONG_POI_ID,
                TerminalFault.MALFORMED_ANSWER,
                TerminalFault.WRONG_KEY,
                TerminalFault.BAD_HMAC);
      }
      NexoResponse answer = answer(req);
      if (answer == null) {
        return; // fault: no answer (timeout or drop), the exchange is closed unanswered
      }
      if (answerFault == TerminalFault.MALFORMED_ANSWER) {
        send(ex, 200, "{\"SaleToPOIResponse\":".getBytes(StandardCharsets.UTF_8));
        return;
      }
      MessageHeader h = req.header();
      MessageHeader rh =
          new MessageHeader(
              MessageHeader.PROTOCOL_VERSION,
              h.messageClass(),
              h.messageCategory(),
              MessageType.Response,
              h.serviceId(),
              h.deviceId(),
              h.saleId(),
              answerFault == TerminalFault.WRONG_POI_ID ? poiId + "X" : poiId);
      byte[] plain = NexoCodec.write(new SaleToPoiResponse(rh, answer));
      send(ex, 200, key == null ? plain : encrypt(rh, plain, answerFault));
    }
  }

  private byte[] encrypt(MessageHeader rh, byte[] plain, @Nullable TerminalFault fault)
      throws IOException {
    try {
      NexoKey k = key;
      if (fault == TerminalFault.WRONG_KEY) {
        k = NexoKey.derive(key.keyIdentifier(), key.keyVersion(), "not-the-key".toCharArray());
      }
      SecuredMessage m = NexoCrypto.encrypt(false, rh, plain, k, random);
      if (fault == TerminalFault.BAD_HMAC) {
        byte[] mac = m.trailer().hmac();
        mac[mac.length - 1] ^= 1;
        SecurityTrailer t = m.trailer();
        m =
            new SecuredMessage(
                false,
                rh,
                new SecurityTrailer(
                    t.keyIdentifier(), t.keyVersion(), t.cryptoVersion(), t.nonce(), mac),
                m.blob());
      }
      return NexoCodec.write(m);
    } catch (GeneralSecurityException e) {
      throw new IOException("simulator could not encrypt its answer", e);
    }
  }

  private static void send(HttpExchange ex, int status, byte[] bytes) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void abort(AbortRequest a) {
    synchronized (lock) {
      if (a.reference().serviceId() != null
          && a.reference().serviceId().equals(waitingService)
          && cardPresented != null) {
        aborted = true;
        cardPresented.countDown();
      }
    }
  }

  private @Nullable NexoResponse answer(SaleToPoiRequest req) {
    String service = req.header().serviceId();
    if (req.body() instanceof PaymentRequest p) {
      return payment(service, p);
    }
    if (req.body() instanceof ReversalRequest r) {
      return reversal(r);
    }
    if (req.body() instanceof TransactionStatusRequest s) {
      return status(s);
    }
    return new io.ambientretail.payments.terminal.OtherResponse(
        req.body().getClass().getSimpleName().replace("Request", "Response"),
        ResponseStatus.failure("NotAllowed"));
  }

  private @Nullable PaymentResponse payment(String service, PaymentRequest p) {
    CountDownLatch wait = null;
    TerminalFault fault;
    synchronized (lock) {
      if (waitingService != null || !inProgress.isEmpty()) {
        return refused(p, "Busy");
      }
      fault =
          p.paymentType() == PaymentType.UpdateReservation
              ? take(
                  TerminalFault.DECLINE,
                  TerminalFault.REFUSE_ADJUSTMENT,
                  TerminalFault.TIMEOUT_AFTER_APPROVAL,
                  TerminalFault.DROP_AFTER_APPROVAL)
              : p.paymentType() == PaymentType.Completion
                  ? take(TerminalFault.TIMEOUT_AFTER_APPROVAL, TerminalFault.DROP_AFTER_APPROVAL)
                  : take(
                      TerminalFault.DECLINE,
                      TerminalFault.TIMEOUT_AFTER_APPROVAL,
                      TerminalFault.DROP_AFTER_APPROVAL,
                      TerminalFault.WAIT_FOR_CARD);
      if (fault == TerminalFault.WAIT_FOR_CARD) {
        wait = new CountDownLatch(1);
        cardPresented = wait;
        waitingService = service;
        aborted = false;
      }
      inProgress.add(service);
    }
    try {
      if (wait != null) {
        awaitQuietly(wait);
        synchronized (lock) {
          cardPresented = null;
          waitingService = null;
          if (aborted) {
            return remember(service, refused(p, "Aborted"));
          }
        }
      }
      PaymentResponse r;
      synchronized (lock) {
        r = book(p, fault);
        answered.put(service, r);
      }
      if (fault == TerminalFault.TIMEOUT_AFTER_APPROVAL) {
        synchronized (lock) {
          inProgress.remove(service);
        }
        awaitQuietly(closed);
        return null;
      }
      if (fault == TerminalFault.DROP_AFTER_APPROVAL) {
        return null;
      }
      return r;
    } finally {
      synchronized (lock) {
        inProgress.remove(service);
      }
    }
  }

  private PaymentResponse remember(String service, PaymentResponse r) {
    synchronized (lock) {
      answered.put(service, r);
    }
    return r;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private PaymentResponse book(PaymentRequest p, @Nullable TerminalFault fault) {
    switch (p.paymentType()) {
      case FirstReservation:
      case Normal:
        {
          if (fault == TerminalFault.DECLINE) {
            return refused(p, "Refusal");
          }
          TransactionReference tx =
              new TransactionReference("SIMTX" + nextId++ + "R", clock.instant());
          Money captured =
              p.paymentType() == PaymentType.Normal
                  ? p.requestedAmount()
                  : Money.zero(p.requestedAmount().currency());
          books.put(tx.transactionId(), new Reservation(tx, p.requestedAmount(), captured, false));
          return approved(p, tx, p.requestedAmount());
        }
      case UpdateReservation:
        {
          Reservation r = books.get(p.original().transactionId());
          if (r == null || r.released() || !r.captured().isZero()) {
            return refused(p, "NotAllowed");
          }
          if (fault == TerminalFault.REFUSE_ADJUSTMENT || fault == TerminalFault.DECLINE) {
            return refused(p, "Refusal");
          }
          books.put(
              r.transaction().transactionId(),
              new Reservation(r.transaction(), p.requestedAmount(), r.captured(), false));
          return approved(p, r.transaction(), p.requestedAmount());
        }
      case Completion:
        {
          Reservation r = books.get(p.original().transactionId());
          if (r == null || r.released() || !r.captured().isZero()) {
            return refused(p, "NotAllowed");
          }
          if (p.requestedAmount().compareTo(r.authorised()) > 0) {
            return refused(p, "Refusal");
          }
          books.put(
              r.transaction().transactionId(),
              new Reservation(r.transaction(), r.authorised(), p.requestedAmount(), false));
          return approved(p, r.transaction(), p.requestedAmount());
        }
      default:
        return refused(p, "NotAllowed");
    }
  }

  private PaymentResponse approved(PaymentRequest p, TransactionReference tx, Money amount) {
    return new PaymentResponse(
        ResponseStatus.success(), tx, p.saleTransaction(), amount, MASKED_PAN, "mc", CARD_ALIAS);
  }

  private static PaymentResponse refused(PaymentRequest p, String condition) {
    return new PaymentResponse(
        ResponseStatus.failure(condition), null, p.saleTransaction(), null, null, null, null);
  }

  private ReversalResponse reversal(ReversalRequest r) {
    synchronized (lock) {
      Reservation res = books.get(r.original().transactionId());
      if (res == null || res.released()) {
        return new ReversalResponse(ResponseStatus.failure("NotAllowed"), null);
      }
      books.put(
          res.transaction().transactionId(),
          new Reservation(
              res.transaction(), res.authorised(), Money.zero(res.authorised().currency()), true));
      return new ReversalResponse(
          ResponseStatus.success(),
          new TransactionReference("SIMRV" + nextId++ + "R", clock.instant()));
    }
  }

  private TransactionStatusResponse status(TransactionStatusRequest s) {
    synchronized (lock) {
      String earlier = s.reference() == null ? null : s.reference().serviceId();
      if (earlier != null && inProgress.contains(earlier)) {
        return new TransactionStatusResponse(
            ResponseStatus.failure("InProgress"), s.reference(), null);
      }
      PaymentResponse r = earlier == null ? null : answered.get(earlier);
      if (r == null) {
        return new TransactionStatusResponse(
            ResponseStatus.failure("NotFound"), s.reference(), null);
      }
      return new TransactionStatusResponse(ResponseStatus.success(), s.reference(), r);
    }
  }
}
