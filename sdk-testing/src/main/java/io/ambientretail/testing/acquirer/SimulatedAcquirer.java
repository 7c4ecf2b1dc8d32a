package io.ambientretail.testing.acquirer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ambientretail.core.Money;
import io.ambientretail.payments.gateway.DeclineReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * An acquirer on a real loopback HTTP server that speaks the SDK's JSON gateway protocol
 * (docs/payments-gateway.md), for tests and the store demo, in the manner of OkHttp's
 * MockWebServer: it holds authorisations, captures, charges and refunds in memory, keeps an
 * idempotency record per key (a repeat with the same body is answered from the record with {@code
 * Idempotent-Replayed: true}; with a different body it is refused with HTTP 409), and can be
 * scripted to decline, answer with 5xx, answer late, drop the connection after doing the work, or
 * stall until released.
 *
 * <p>Built-in rules: a token starting {@code tok_decline} is declined with insufficient funds; a
 * token starting {@code tok_wallet} cannot be incremented (as card-present wallets); amounts above
 * the configured limit are declined. The capture deadline is the clock's now plus the capture
 * window.
 *
 * <p>Two knobs make it behave like a real acquirer in a demo (both off by default): a {@linkplain
 * Builder#latency(Duration, Duration) latency} delays every answer by a fixed duration plus a
 * seeded jitter, without holding a request thread (the answer is scheduled and written later, so
 * many requests can wait at once); a {@linkplain Builder#declineRate(double) decline rate} declines
 * that share of otherwise approvable authorisations and charges with {@code DO_NOT_HONOUR}, drawn
 * from a {@link Random} with the builder's {@linkplain Builder#seed(long) seed}, so the same
 * sequence of requests meets the same declines on every run.
 *
 * <p>With a {@linkplain Builder#stateFile(Path) state file} it keeps its books across a restart as
 * a real acquirer does: every answer it keeps for an idempotency key, and every authorisation,
 * capture, charge and refund it changes, is appended to the file as one JSON line and forced to
 * disk before the answer is sent, and a new acquirer on the same file starts from those books. So a
 * store restarted after a stop or a crash finds its holds open and its retried requests answered as
 * the first time. The counters ({@link #performed}, {@link #captures()}) count this instance's work
 * only.
 *
 * <p>Thread-safe. Close it to stop the server and release stalled answers.
 */
public final class SimulatedAcquirer implements AutoCloseable {
  private static final int MAX_BODY = 64 * 1024;
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(4).maxStringLength(4096).build())
          .build();

  private final HttpServer server;
  private final ExecutorService executor;
  private final Clock clock;
  private final Duration captureWindow;
  private final long limitMinor;
  private final Duration latency;
  private final Duration jitter;
  private final double declineRate;
  private final Random declineDraws;
  private final Random jitterDraws;
  private final @Nullable ScheduledExecutorService delayer;
  private final Object lock = new Object();
  private final Map<String, Idem> idempotency = new HashMap<>();
  private final Map<String, Auth> auths = new LinkedHashMap<>();
  private final Map<String, Settled> settled = new LinkedHashMap<>();
  private final Map<AcquirerOperation, Deque<AcquirerFault>> faults =
      new EnumMap<>(AcquirerOperation.class);
  private final Map<AcquirerOperation, AtomicInteger> performed =
      new EnumMap<>(AcquirerOperation.class);
  private final Map<AcquirerOperation, AtomicInteger> received =
      new EnumMap<>(AcquirerOperation.class);
  private final List<String> requestLines = Collections.synchronizedList(new ArrayList<>());
  private final List<Money> captures = Collections.synchronizedList(new ArrayList<>());
  private final List<Money> charges = Collections.synchronizedList(new ArrayList<>());
  private volatile CountDownLatch stall = new CountDownLatch(1);
  private volatile boolean offline;
  private final @Nullable AcquirerStateFile stateFile;
  private int nextId = 1;

  private static final class Idem {
    final String route;
    final byte[] bodyHash;
    final int status;
    final byte[] answer;

    Idem(String route, byte[] bodyHash, int status, byte[] answer) {
      this.route = route;
      this.bodyHash = bodyHash;
      this.status = status;
      this.answer = answer;
    }
  }

  private static final class Auth {
    final String id;
    final String token;
    long authorised;
    long captured;
    String currency;
    String state = "authorised";
    Instant captureBefore;

    Auth(String id, String token, long authorised, String currency, Instant captureBefore) {
      this.id = id;
      this.token = token;
      this.authorised = authorised;
      this.currency = currency;
      this.captureBefore = captureBefore;
    }
  }

  private static final class Settled {
    final long amount;
    final String currency;
    long refunded;

    Settled(long amount, String currency) {
      this.amount = amount;
      this.currency = currency;
    }
  }

  private static final class Answer {
    final int status;
    final byte[] body;
    final boolean keep;

    Answer(int status, byte[] body, boolean keep) {
      this.status = status;
      this.body = body;
      this.keep = keep;
    }
  }

  private SimulatedAcquirer(Builder b) throws IOException {
    this.clock = b.clock;
    this.captureWindow = b.captureWindow;
    this.limitMinor = b.limitMinor;
    this.latency = b.latency;
    this.jitter = b.jitter;
    this.declineRate = b.declineRate;
    // two streams, so the answers' timing never shifts which requests are declined
    this.declineDraws = new Random(b.seed);
    this.jitterDraws = new Random(b.seed ^ 0x5DEECE66DL);
    for (AcquirerOperation op : AcquirerOperation.values()) {
      faults.put(op, new ArrayDeque<>());
      performed.put(op, new AtomicInteger());
      received.put(op, new AtomicInteger());
    }
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 16);
    this.executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "simulated-acquirer");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    try {
      this.stateFile = b.stateFile == null ? null : AcquirerStateFile.open(b.stateFile);
      if (stateFile != null) {
        restore(stateFile.lines());
      }
    } catch (IOException | RuntimeException e) {
      server.stop(0);
      executor.shutdownNow();
      throw e;
    }
    this.delayer =
        latency.isZero() && jitter.isZero()
            ? null
            : Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "simulated-acquirer-latency");
                  t.setDaemon(true);
                  return t;
                });
    server.createContext("/v1/", this::handle);
    server.start();
  }

  /** Starts an acquirer on a free loopback port with the default settings. */
  public static SimulatedAcquirer start() throws IOException {
    return builder().start();
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The base URL, {@code http://127.0.0.1:<port>/}. */
  public URI uri() {
    InetSocketAddress a = server.getAddress();
    return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/");
  }

  /** Scripts {@code fault} for the next request of {@code op}; faults queue in order. */
  public void enqueue(AcquirerOperation op, AcquirerFault fault) {
    synchronized (lock) {
      faults.get(op).add(Objects.requireNonNull(fault, "fault"));
    }
  }

  /**
   * While true, every request is answered by closing the connection before any work, as an acquirer
   * that cannot be reached.
   */
  public void offline(boolean offline) {
    this.offline = offline;
  }

  /** Lets every answer held by {@link AcquirerFault#stallAfterWork()} go. */
  public void releaseStalled() {
    CountDownLatch old = stall;
    stall = new CountDownLatch(1);
    old.countDown();
  }

  /** How many times {@code op} was actually performed (replays and refusals not counted). */
  public int performed(AcquirerOperation op) {
    return performed.get(op).get();
  }

  /** How many HTTP requests for {@code op} arrived, replays included. */
  public int received(AcquirerOperation op) {
    return received.get(op).get();
  }

  /**
   * Waits until {@code op} has been performed at least {@code count} times.
   *
   * @return true if it was, false if {@code timeout} passed first
   */
  public boolean awaitPerformed(AcquirerOperation op, int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (performed.get(op).get() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }

  /** The amounts captured, in order. */
  public List<Money> captures() {
    synchronized (captures) {
      return List.copyOf(captures);
    }
  }

  /** The amounts charged (authorise-and-capture in one), in order. */
  public List<Money> charges() {
    synchronized (charges) {
      return List.copyOf(charges);
    }
  }

  /** The request lines received ({@code "POST /v1/charges"}), to check URLs hold no card data. */
  public List<String> requestLines() {
    synchronized (requestLines) {
      return List.copyOf(requestLines);
    }
  }

  /**
   * The total captured and charged, less refunds, in {@code currency}'s minor units.
   *
   * @throws ArithmeticException if the total does not fit a {@code long}
   */
  public long netMinor(String currency) {
    synchronized (lock) {
      long sum = 0;
      for (Settled s : settled.values()) {
        if (s.currency.equals(currency)) {
          sum = Math.addExact(sum, s.amount - s.refunded);
        }
      }
      return sum;
    }
  }

  // --- HTTP ------------------------------------------------------------------------------------

  private void handle(HttpExchange ex) throws IOException {
    try {
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getRawPath();
      requestLines.add(method + " " + path);
      if (offline) {
        ex.close();
        return;
      }
      String[] seg =
          Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
      AcquirerOperation op = route(method, seg);
      if (op == null) {
        respond(ex, 404, error(false, "NOT_FOUND", "no such resource"), false);
        return;
      }
      received.get(op).incrementAndGet();
      if (op == AcquirerOperation.STATUS) {
        Answer a;
        synchronized (lock) {
          a = status(seg[2]);
        }
        respond(ex, a.status, a.body, false);
        return;
      }
      byte[] body = readBody(ex.getRequestBody());
      String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
      if (key == null || key.isEmpty() || key.length() > 255) {
        respond(
            ex,
            400,
            error(false, "IDEMPOTENCY_KEY_MISSING", "Idempotency-Key header required"),
            false);
        return;
      }
      AcquirerFault fault;
      Answer answer;
      boolean replayed = false;
      synchronized (lock) {
        Idem prior = idempotency.get(key);
        byte[] hash = sha256(body);
        if (prior != null) {
          if (!prior.route.equals(method + " " + path)
              || !MessageDigest.isEqual(prior.bodyHash, hash)) {
            answer =
                new Answer(
                    409,
                    error(
                        false,
                        "IDEMPOTENCY_KEY_REUSED",
                        "key used before with a different request"),
                    false);
          } else {
            answer = new Answer(prior.status, prior.answer, false);
            replayed = true;
          }
          fault = null;
        } else {
          fault = faults.get(op).poll();
          if (fault != null && fault.kind == AcquirerFault.Kind.SERVER_ERROR) {
            answer =
                new Answer(fault.status, error(true, "ACQUIRER_UNAVAILABLE", "try again"), false);
          } else if (fault != null && fault.kind == AcquirerFault.Kind.DECLINE) {
            answer = new Answer(200, declined(fault.reason, "scripted decline"), true);
          } else {
            int idBefore = nextId;
            answer = perform(op, seg, body);
            if (answer.keep && stateFile != null) {
              // durable before anyone hears of it: a restart answers this key as now
              persist(key, method + " " + path, hash, answer, op, seg, body, idBefore);
            }
          }
          if (answer.keep) {
            idempotency.put(key, new Idem(method + " " + path, hash, answer.status, answer.body));
          }
        }
        lock.notifyAll();
      }
      if (fault != null) {
        switch (fault.kind) {
          case DROP_AFTER_WORK:
            ex.close();
            return;
          case STALL_AFTER_WORK:
            CountDownLatch s = stall;
            s.await(5, TimeUnit.MINUTES);
            break;
          case DELAY:
            Thread.sleep(fault.delay.toMillis());
            break;
          default:
            break;
        }
      }
      respond(ex, answer.status, answer.body, replayed);
    } catch (BadRequest e) {
      respond(ex, 400, error(false, "BAD_REQUEST", e.getMessage()), false);
    } catch (IOException e) {
      // the state file could not be written: nothing was promised, the client may try again
      respond(ex, 503, error(true, "ACQUIRER_UNAVAILABLE", "state not written"), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ex.close();
    } catch (RuntimeException e) {
      respond(ex, 500, error(true, "INTERNAL", e.getClass().getSimpleName()), false);
    }
  }

  /**
   * Sends the answer now, or after the configured latency: the write is scheduled and this request
   * thread returns at once, so a slow acquirer never starves the server's small pool.
   */
  private void respond(HttpExchange ex, int status, byte[] body, boolean replayed)
      throws IOException {
    ScheduledExecutorService d = delayer;
    if (d == null) {
      send(ex, status, body, replayed);
      return;
    }
    long delayNanos = latency.toNanos();
    if (!jitter.isZero()) {
      synchronized (jitterDraws) {
        delayNanos += (long) (jitterDraws.nextDouble() * (jitter.toNanos() + 1));
      }
    }
    Runnable write =
        () -> {
          try {
            send(ex, status, body, replayed);
          } catch (IOException | RuntimeException e) {
            ex.close();
          }
        };
    try {
      d.schedule(
          () -> {
            try {
              executor.execute(write);
            } catch (RejectedExecutionException e) {
              ex.close();
            }
          },
          delayNanos,
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      ex.close(); // closed meanwhile
    }
  }

  /** True when this otherwise approvable authorisation or charge draws a random decline. */
  private boolean drawsDecline() {
    return declineRate > 0 && declineDraws.nextDouble() < declineRate;
  }

  private static @Nullable AcquirerOperation route(String method, String[] seg) {
    if (seg.length < 2 || !seg[0].equals("v1")) {
      return null;
    }
    boolean post = method.equals("POST");
    if (seg[1].equals("authorisations")) {
      if (seg.length == 2 && post) {
        return AcquirerOperation.AUTHORISE;
      }
      if (seg.length == 3 && method.equals("GET")) {
        return AcquirerOperation.STATUS;
      }
      if (seg.length == 4 && post) {
        switch (seg[3]) {
          case "increments":
            return AcquirerOperation.INCREMENT;
          case "captures":
            return AcquirerOperation.CAPTURE;
          case "release":
            return AcquirerOperation.RELEASE;
          default:
            return null;
        }
      }
    }
    if (seg.length == 2 && post && seg[1].equals("charges")) {
      return AcquirerOperation.CHARGE;
    }
    if (seg.length == 2 && post && seg[1].equals("refunds")) {
      return AcquirerOperation.REFUND;
    }
    return null;
  }

  private Answer perform(AcquirerOperation op, String[] seg, byte[] body) throws BadRequest {
    Map<String, Object> req = parse(body);
    switch (op) {
      case AUTHORISE:
      case CHARGE:
        {
          String token = string(req, "token");
          long minor = minor(req);
          String currency = currency(req);
          if (token.startsWith("tok_decline")) {
            return new Answer(
                200, declined(DeclineReason.INSUFFICIENT_FUNDS, "not enough funds"), true);
          }
          if (minor > limitMinor) {
            return new Answer(200, declined(DeclineReason.AMOUNT_LIMIT, "over the limit"), true);
          }
          if (drawsDecline()) {
            return new Answer(200, declined(DeclineReason.DO_NOT_HONOUR, "issuer declined"), true);
          }
          String id = (op == AcquirerOperation.AUTHORISE ? "auth_" : "ch_") + nextId++;
          count(op);
          if (op == AcquirerOperation.CHARGE) {
            settled.put(id, new Settled(minor, currency));
            charges.add(Money.ofMinor(minor, currency));
            return new Answer(200, approved(id, minor, currency, null), true);
          }
          Instant deadline = clock.instant().plus(captureWindow);
          auths.put(id, new Auth(id, token, minor, currency, deadline));
          return new Answer(200, approved(id, minor, currency, deadline), true);
        }
      case INCREMENT:
        {
          Auth a = auth(seg[2]);
          long minor = minor(req);
          sameCurrency(a, req);
          if (a == null || !open(a)) {
            return closed();
          }
          if (a.token.startsWith("tok_wallet")) {
            return new Answer(
                200,
                declined(DeclineReason.INCREMENT_NOT_SUPPORTED, "this card cannot be incremented"),
                true);
          }
          if (minor > limitMinor - a.authorised) {
            return new Answer(200, declined(DeclineReason.AMOUNT_LIMIT, "over the limit"), true);
          }
          a.authorised += minor;
          count(op);
          return new Answer(200, approved(a.id, a.authorised, a.currency, a.captureBefore), true);
        }
      case CAPTURE:
        {
          Auth a = auth(seg[2]);
          long minor = minor(req);
          sameCurrency(a, req);
          if (a == null || !open(a)) {
            return closed();
          }
          if (minor > a.authorised - a.captured) {
            return new Answer(
                200, declined(DeclineReason.AMOUNT_EXCEEDS_REMAINING, "more than is held"), true);
          }
          a.captured += minor;
          if (bool(req, "final")) {
            a.state = "captured";
          }
          String id = "cap_" + nextId++;
          settled.put(id, new Settled(minor, a.currency));
          captures.add(Money.ofMinor(minor, a.currency));
          count(op);
          return new Answer(200, approved(id, minor, a.currency, null), true);
        }
      case RELEASE:
        {
          Auth a = auth(seg[2]);
          if (a == null || !open(a)) {
            return closed();
          }
          a.state = "released";
          count(op);
          return new Answer(200, approved(a.id, a.authorised - a.captured, a.currency, null), true);
        }
      case REFUND:
        {
          String target = string(req, "transaction");
          long minor = minor(req);
          Settled s = settled.get(target);
          if (s == null) {
            return new Answer(
                404, error(false, "NO_SUCH_TRANSACTION", "unknown transaction"), true);
          }
          if (!s.currency.equals(currency(req))) {
            throw new BadRequest("field 'amount.currency' differs from the transaction's");
          }
          if (minor > s.amount - s.refunded) {
            return new Answer(
                200,
                declined(DeclineReason.AMOUNT_EXCEEDS_REMAINING, "more than is left to refund"),
                true);
          }
          s.refunded += minor;
          count(op);
          return new Answer(200, approved("ref_" + nextId++, minor, s.currency, null), true);
        }
      default:
        throw new BadRequest("unsupported");
    }
  }

  private void count(AcquirerOperation op) {
    performed.get(op).incrementAndGet();
  }

  private boolean open(Auth a) {
    if (a.state.equals("authorised") && clock.instant().isAfter(a.captureBefore)) {
      a.state = "expired";
    }
    return a.state.equals("authorised");
  }

  private @Nullable Auth auth(String id) {
    return auths.get(id);
  }

  private static void sameCurrency(@Nullable Auth a, Map<String, Object> req) throws BadRequest {
    if (a != null && !a.currency.equals(currency(req))) {
      throw new BadRequest("field 'amount.currency' differs from the authorisation's");
    }
  }

  private static Answer closed() {
    return new Answer(
        200, declined(DeclineReason.AUTHORISATION_CLOSED, "authorisation is not open"), true);
  }

  private Answer status(String id) {
    Auth a = auths.get(id);
    if (a == null) {
      return new Answer(404, error(false, "NO_SUCH_TRANSACTION", "unknown authorisation"), false);
    }
    open(a);
    return new Answer(
        200,
        write(
            g -> {
              g.writeStringField("id", a.id);
              g.writeStringField("state", a.state);
              money(g, "authorised", a.authorised, a.currency);
              money(g, "captured", a.captured, a.currency);
              g.writeStringField("captureBefore", a.captureBefore.toString());
            }),
        false);
  }

  // --- durable state ---------------------------------------------------------------------------

  /**
   * Appends one line to the state file: the answer kept for {@code key}, and the authorisations and
   * settled transactions this request created or changed (named by the path, the request body, or
   * the ids it handed out). Called under {@link #lock}.
   */
  private void persist(
      String key,
      String route,
      byte[] hash,
      Answer answer,
      AcquirerOperation op,
      String[] seg,
      byte[] body,
      int idBefore)
      throws IOException {
    List<String> ids = new ArrayList<>();
    if (seg.length >= 3) {
      ids.add(seg[2]);
    }
    for (int i = idBefore; i < nextId; i++) {
      ids.addAll(List.of("auth_" + i, "ch_" + i, "cap_" + i));
    }
    if (op == AcquirerOperation.REFUND) {
      try {
        ids.add(string(parse(body), "transaction"));
      } catch (BadRequest e) {
        // the refund was refused before it touched anything
      }
    }
    AcquirerStateFile out = Objects.requireNonNull(stateFile);
    out.append(
        write(
            g -> {
              g.writeNumberField("next", nextId);
              g.writeObjectFieldStart("idem");
              g.writeStringField("key", key);
              g.writeStringField("route", route);
              g.writeStringField("hash", Base64.getEncoder().encodeToString(hash));
              g.writeNumberField("status", answer.status);
              g.writeStringField("answer", new String(answer.body, StandardCharsets.UTF_8));
              g.writeEndObject();
              g.writeArrayFieldStart("auths");
              for (String id : ids) {
                Auth a = auths.get(id);
                if (a != null) {
                  g.writeStartObject();
                  g.writeStringField("id", a.id);
                  g.writeStringField("token", a.token);
                  g.writeNumberField("authorised", a.authorised);
                  g.writeNumberField("captured", a.captured);
                  g.writeStringField("currency", a.currency);
                  g.writeStringField("state", a.state);
                  g.writeStringField("captureBefore", a.captureBefore.toString());
                  g.writeEndObject();
                }
              }
              g.writeEndArray();
              g.writeArrayFieldStart("settled");
              for (String id : ids) {
                Settled st = settled.get(id);
                if (st != null) {
                  g.writeStartObject();
                  g.writeStringField("id", id);
                  g.writeNumberField("amount", st.amount);
                  g.writeStringField("currency", st.currency);
                  g.writeNumberField("refunded", st.refunded);
                  g.writeEndObject();
                }
              }
              g.writeEndArray();
            }));
  }

  /** Rebuilds the books from the state file's lines, each a later word on what it names. */
  private void restore(List<AcquirerStateFile.Line> lines) throws IOException {
    StateReader reader = new StateReader();
    for (AcquirerStateFile.Line line : lines) {
      try {
        reader.apply(line.text());
      } catch (IOException | RuntimeException e) {
        throw new IOException(
            stateFile + ": line " + line.number() + ": not a state record (" + e.getMessage() + ")",
            e);
      }
    }
  }

  /** Reads state lines with jackson-core's tree-less parser. */
  private final class StateReader {
    void apply(String text) throws IOException {
      try (JsonParser p = JSON.createParser(text)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new IOException("expected a JSON object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          switch (name) {
            case "next" -> nextId = Math.max(nextId, p.getIntValue());
            case "idem" -> idem(fields(p));
            case "auths" -> {
              while (p.nextToken() == JsonToken.START_OBJECT) {
                auth(fields(p));
              }
            }
            case "settled" -> {
              while (p.nextToken() == JsonToken.START_OBJECT) {
                settledEntry(fields(p));
              }
            }
            default -> p.skipChildren();
          }
        }
      }
    }

    private Map<String, String> fields(JsonParser p) throws IOException {
      Map<String, String> m = new HashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String n = p.currentName();
        p.nextToken();
        m.put(n, p.getText());
      }
      return m;
    }

    private String need(Map<String, String> m, String name) throws IOException {
      String v = m.get(name);
      if (v == null) {
        throw new IOException("field '" + name + "' missing");
      }
      return v;
    }

    private void idem(Map<String, String> m) throws IOException {
      idempotency.put(
          need(m, "key"),
          new Idem(
              need(m, "route"),
              Base64.getDecoder().decode(need(m, "hash")),
              Integer.parseInt(need(m, "status")),
              need(m, "answer").getBytes(StandardCharsets.UTF_8)));
    }

    private void auth(Map<String, String> m) throws IOException {
      Auth a =
          new Auth(
              need(m, "id"),
              need(m, "token"),
              Long.parseLong(need(m, "authorised")),
              need(m, "currency"),
              Instant.parse(need(m, "captureBefore")));
      a.captured = Long.parseLong(need(m, "captured"));
      a.state = need(m, "state");
      auths.put(a.id, a);
    }

    private void settledEntry(Map<String, String> m) throws IOException {
      Settled st = new Settled(Long.parseLong(need(m, "amount")), need(m, "currency"));
      st.refunded = Long.parseLong(need(m, "refunded"));
      settled.put(need(m, "id"), st);
    }
  }

  // --- JSON ------------------------------------------------------------------------------------

  private static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }

  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] write(Fields f) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      f.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  private static void money(JsonGenerator g, String name, long minor, String currency)
      throws IOException {
    g.writeObjectFieldStart(name);
    g.writeNumberField("minor", minor);
    g.writeStringField("currency", currency);
    g.writeEndObject();
  }

  private static byte[] approved(
      String id, long minor, String currency, @Nullable Instant captureBefore) {
    return write(
        g -> {
          g.writeStringField("result", "approved");
          g.writeStringField("id", id);
          money(g, "amount", minor, currency);
          if (captureBefore != null) {
            g.writeStringField("captureBefore", captureBefore.toString());
          }
        });
  }

  private static byte[] declined(@Nullable DeclineReason reason, String message) {
    return write(
        g -> {
          g.writeStringField("result", "declined");
          g.writeStringField("reason", Objects.requireNonNull(reason).code());
          g.writeStringField("message", message);
        });
  }

  private static byte[] error(boolean retryable, String code, String message) {
    return write(
        g -> {
          g.writeStringField("result", "error");
          g.writeBooleanField("retryable", retryable);
          g.writeStringField("code", code);
          g.writeStringField("message", message);
        });
  }

  private static byte[] readBody(InputStream in) throws IOException, BadRequest {
    byte[] b = in.readNBytes(MAX_BODY + 1);
    if (b.length > MAX_BODY) {
      throw new BadRequest("body over " + MAX_BODY + " bytes");
    }
    return b;
  }

  private static Map<String, Object> parse(byte[] body) throws BadRequest {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadRequest("body must be a JSON object");
      }
      return object(p);
    } catch (IOException e) {
      throw new BadRequest("malformed JSON body");
    }
  }

  private static Map<String, Object> object(JsonParser p) throws IOException, BadRequest {
    Map<String, Object> m = new HashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_OBJECT) {
        m.put(name, object(p));
      } else if (t == JsonToken.VALUE_NUMBER_INT) {
        m.put(name, p.getLongValue());
      } else if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
        m.put(name, t == JsonToken.VALUE_TRUE);
      } else if (t == JsonToken.VALUE_STRING) {
        m.put(name, p.getText());
      } else {
        throw new BadRequest("field '" + name + "' has an unsupported value");
      }
    }
    return m;
  }

  private static String string(Map<String, Object> m, String name) throws BadRequest {
    Object v = m.get(name);
    if (!(v instanceof String)) {
      throw new BadRequest("field '" + name + "' must be a string");
    }
    return (String) v;
  }

  private static boolean bool(Map<String, Object> m, String name) {
    return Boolean.TRUE.equals(m.get(name));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> amount(Map<String, Object> m) throws BadRequest {
    Object v = m.get("amount");
    if (!(v instanceof Map)) {
      throw new BadRequest("field 'amount' must be an object");
    }
    return (Map<String, Object>) v;
  }

  private static long minor(Map<String, Object> m) throws BadRequest {
    Object v = amount(m).get("minor");
    if (!(v instanceof Long) || (Long) v <= 0) {
      throw new BadRequest("field 'amount.minor' must be a positive integer");
    }
    return (Long) v;
  }

  private static String currency(Map<String, Object> m) throws BadRequest {
    Object v = amount(m).get("currency");
    if (!(v instanceof String) || !((String) v).matches("[A-Z]{3}")) {
      throw new BadRequest("field 'amount.currency' must be an ISO 4217 code");
    }
    return (String) v;
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void send(HttpExchange ex, int status, byte[] body, boolean replayed)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json");
    if (replayed) {
      ex.getResponseHeaders().set("Idempotent-Replayed", "true");
    }
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  /** Stops the server and lets stalled answers go. */
  @Override
  public void close() {
    releaseStalled();
    server.stop(0);
    if (delayer != null) {
      delayer.shutdownNow();
    }
    executor.shutdownNow();
    if (stateFile != null) {
      synchronized (lock) {
        stateFile.close();
      }
    }
  }

  @Override
  public String toString() {
    return "SimulatedAcquirer[" + uri() + "]";
  }

  /** Configures a {@link SimulatedAcquirer}. Not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Duration captureWindow = Duration.ofDays(7);
    private long limitMinor = 1_000_000;
    private int port;
    private Duration latency = Duration.ZERO;
    private Duration jitter = Duration.ZERO;
    private double declineRate;
    private long seed;
    private @Nullable Path stateFile;

    private Builder() {}

    /**
     * Keeps the acquirer's books (authorisations, captures, charges, refunds and the answers kept
     * per idempotency key) in {@code file}, JSON lines appended and forced to disk before each
     * answer, and starts from the books already in it (default: none, books in memory only). A line
     * torn by a crash was never answered and is dropped.
     */
    public Builder stateFile(Path file) {
      this.stateFile = Objects.requireNonNull(file, "file");
      return this;
    }

    /** The clock for capture deadlines (e.g. a ManualClock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long an authorisation stays capturable (default 7 days). */
    public Builder captureWindow(Duration window) {
      this.captureWindow = Objects.requireNonNull(window, "window");
      return this;
    }

    /** Amounts (and authorised totals) above this many minor units are declined (1000000). */
    public Builder limitMinor(long limitMinor) {
      this.limitMinor = limitMinor;
      return this;
    }

    /** The loopback port (default 0, a free one). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * Delays every answer by {@code latency} (default zero: answers at once), as the round trip to
     * a real acquirer. The delay is scheduled, not slept: no request thread waits, so many requests
     * can be in their delay at once. Scripted faults ({@link AcquirerFault#delay}, a stall) add to
     * it.
     *
     * @throws IllegalArgumentException if {@code latency} is negative
     */
    public Builder latency(Duration latency) {
      return latency(latency, Duration.ZERO);
    }

    /**
     * Delays every answer by {@code latency} plus a jitter drawn uniformly from zero to {@code
     * jitter} inclusive, from a {@link Random} seeded with {@link #seed(long)}.
     *
     * @throws IllegalArgumentException if either is negative
     */
    public Builder latency(Duration latency, Duration jitter) {
      Objects.requireNonNull(latency, "latency");
      Objects.requireNonNull(jitter, "jitter");
      if (latency.isNegative() || jitter.isNegative()) {
        throw new IllegalArgumentException(
            "latency and jitter must not be negative, were " + latency + " and " + jitter);
      }
      this.latency = latency;
      this.jitter = jitter;
      return this;
    }

    /**
     * The share (0 to 1, default 0) of authorisations and charges that the issuer declines with
     * {@code DO_NOT_HONOUR}, drawn in arrival order from a {@link Random} seeded with {@link
     * #seed(long)}; 1 declines every one, 0 none. Only requests the built-in rules would approve
     * draw, and an idempotent replay gets its first answer, so a retried decline stays declined.
     *
     * @throws IllegalArgumentException if {@code rate} is not within 0 and 1
     */
    public Builder declineRate(double rate) {
      if (!(rate >= 0.0 && rate <= 1.0)) {
        throw new IllegalArgumentException("declineRate must be between 0 and 1, was " + rate);
      }
      this.declineRate = rate;
      return this;
    }

    /** The seed of the decline and jitter draws (default 0), so a demo run is reproducible. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Starts the server. */
    public SimulatedAcquirer start() throws IOException {
      return new SimulatedAcquirer(this);
    }
  }
}
