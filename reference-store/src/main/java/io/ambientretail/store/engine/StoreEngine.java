package io.ambientretail.store.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ambientretail.core.AmbientException;
import io.ambientretail.core.ErrorCode;
import io.ambientretail.core.Money;
import io.ambientretail.devices.ApduChannel;
import io.ambientretail.inventory.fusion.FusionConfig;
import io.ambientretail.inventory.ledger.Discrepancy;
import io.ambientretail.payments.gateway.GatewayOutcome;
import io.ambientretail.payments.gateway.PaymentToken;
import io.ambientretail.payments.gateway.PaymentValueException;
import io.ambientretail.payments.session.EntryDecision;
import io.ambientretail.payments.session.Receipt;
import io.ambientretail.payments.session.ReceiptLine;
import io.ambientretail.payments.session.SessionId;
import io.ambientretail.payments.session.WalkOutSession;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.db.AlertBook;
import io.ambientretail.store.db.AuditTrail;
import io.ambientretail.store.db.Database;
import io.ambientretail.store.db.PaymentJournal;
import io.ambientretail.store.db.ReceiptBook;
import io.ambientretail.store.db.RecordIds;
import io.ambientretail.store.db.ReviewBook;
import io.ambientretail.store.db.SessionBook;
import io.ambientretail.store.db.StockBook;
import io.ambientretail.store.pay.CardTap;
import io.ambientretail.store.pay.StorePayments;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running store: entry, shelves, exit and kiosk checkout on one data model, with the payment
 * journal, stock ledger and receipts in the {@link Database}.
 *
 * <p>Money and stock rules: a payment operation is journalled PENDING and committed before the
 * acquirer is called, with a per-session idempotency key; the receipt, the ledger entries and the
 * journal's APPROVED state are committed in one transaction before the caller hears of it. A
 * restart ({@link #recover()}) settles what was in flight with the same keys.
 *
 * <p>Thread-safe: shoppers, shelves and the API call it concurrently.
 */
public final class StoreEngine implements AutoCloseable {
  /** Error code of a request about an unknown or closed session, lane or receipt. */
  public static final ErrorCode NOT_FOUND = ErrorCode.of("STORE_NOT_FOUND");

  /** Error code of a request that the record's state does not allow. */
  public static final ErrorCode CONFLICT = ErrorCode.of("STORE_CONFLICT");

  /** Error code of a refund of more than is left on the receipt or the card. */
  public static final ErrorCode REFUND_EXCEEDS_REMAINING =
      ErrorCode.of("STORE_REFUND_EXCEEDS_REMAINING");

  /** The most units one restock may add to a lane. */
  public static final int MAX_RESTOCK = 10_000;

  /** What the acquirer did with a refund, as booked. */
  public enum RefundState {
    /** The whole amount went back to the card. */
    APPROVED,
    /** Part went back before the acquirer declined the rest; booked at the part. */
    PARTIAL,
    /** Nothing went back. */
    DECLINED
  }

  /**
   * A booked refund: what was asked ({@code requestedMinor}) and what the acquirer moved ({@code
   * refundedMinor}, 0 when declined), in minor units of the store's currency.
   */
  public record RefundResult(
      String refundId,
      String receiptId,
      RefundState state,
      long requestedMinor,
      long refundedMinor) {}

  /** A refund refused before anything was booked or sent: more than is left. */
  public static final class RefundRefusedException extends AmbientException {
    private static final long serialVersionUID = 1L;
    private final long requestedMinor;
    private final long remainingMinor;

    RefundRefusedException(String receiptId, long requestedMinor, long remainingMinor, Money unit) {
      super(
          REFUND_EXCEEDS_REMAINING,
          "refund of "
              + Money.ofMinor(requestedMinor, unit.currency())
              + " exceeds what is left on receipt "
              + receiptId
              + " ("
              + Money.ofMinor(remainingMinor, unit.currency())
              + ")");
      this.requestedMinor = requestedMinor;
      this.remainingMinor = remainingMinor;
    }

    /** The amount asked for, in minor units. */
    public long requestedMinor() {
      return requestedMinor;
    }

    /** What is left to refund on the receipt, in minor units. */
    public long remainingMinor() {
      return remainingMinor;
    }
  }

  /** The outcome of tapping a card at the entry gate. */
  public record EntryResult(String sessionId, boolean admitted, String declineReason) {}

  /** The outcome of a checkout: the receipt when one was issued, or why not. */
  public record CheckoutResult(
      String sessionId, Optional<ReceiptBook.Receipt> receipt, String outcome) {}

  private final StoreConfig config;
  private final Database db;
  private final StorePayments payments;
  private final java.util.Set<String> settling = ConcurrentHashMap.newKeySet();
  private final Clock clock;
  private final RecordIds ids = new RecordIds();
  private final StockBook stock = new StockBook(ids);
  private final PaymentJournal journal = new PaymentJournal(ids);
  private final SessionBook sessions = new SessionBook();
  private final ReceiptBook receipts = new ReceiptBook();
  private final AuditTrail audit = new AuditTrail();
  private final AlertBook alerts = new AlertBook(ids);
  private final FusionCarts fusion;
  private final StorePlan plan;
  private final ReviewBook reviewBook = new ReviewBook();
  private final ReviewDesk reviews;
  private final ShelfMonitor shelves = new ShelfMonitor();
  private final ReplenishmentPlanner replenishment;
  private volatile io.ambientretail.store.devices.KioskStation kiosk;
  private volatile io.ambientretail.store.devices.Doors doors;
  private final Map<String, StoreConfig.Lane> lanesById = new LinkedHashMap<>();
  private final Map<String, StoreConfig.Lane> lanesByGtin = new LinkedHashMap<>();
  private final Map<String, String> whereIs = new ConcurrentHashMap<>();
  private final long exitWaitMs;
  private final AtomicInteger peopleInStore = new AtomicInteger();
  private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();
  private final ObjectMapper json = new ObjectMapper();
  private final Object refundLock = new Object();
  private final Counter receiptsIssued;
  private final Counter capturedMinor;
  private final Counter shelfEvents;
  private final Timer exitToReceipt;

  /**
   * A store engine whose walk-out carts come from cart fusion with its default settings (shelves
   * read 10 to 50 times a second); call {@link #start()} before use.
   */
  public StoreEngine(
      StoreConfig config, Database db, StorePayments payments, Clock clock, MeterRegistry metrics) {
    this(config, db, payments, clock, metrics, FusionConfig.defaults(), 1);
  }

  /**
   * A store engine whose walk-out carts come from sdk-inventory's cart fusion with {@code
   * fusionConfig}, run on the store's own clock, its world running {@code timeScale} times as fast
   * (1 for a real store; see {@link FusionCarts#start}). Call {@link #start()} before use.
   */
  public StoreEngine(
      StoreConfig config,
      Database db,
      StorePayments payments,
      Clock clock,
      MeterRegistry metrics,
      FusionConfig fusionConfig,
      int timeScale) {
    this.config = config;
    this.plan = StorePlan.of(config);
    this.fusion = FusionCarts.start(config, plan, fusionConfig, clock, timeScale, this::fusedCart);
    this.exitWaitMs = 2 * fusionConfig.stableWindowMillis() + 1000;
    this.replenishment = new ReplenishmentPlanner(config.replenishment());
    this.db = db;
    this.payments = payments;
    this.clock = clock;
    this.reviews =
        new ReviewDesk(
            db,
            config,
            sessions,
            reviewBook,
            audit,
            alerts,
            new ReviewDesk.Settler() {
              @Override
              public CheckoutResult settle(
                  String sessionId, List<SessionBook.CartLine> basket, String why) {
                return settleReviewed(sessionId, basket, why);
              }

              @Override
              public boolean paymentClosed(String sessionId) {
                return payments.walkOutSession(sessionId).map(WalkOutSession::closed).orElse(false);
              }
            },
            clock::millis,
            this::emit,
            this::emitAlert);
    listeners.add(
        new BasketHolds(
            payments,
            sid -> SessionBook.totalMinor(db.read(c -> sessions.cart(c, sid))),
            config.currency()));
    for (StoreConfig.Lane l : config.lanes()) {
      lanesById.put(l.id(), l);
      lanesByGtin.put(l.gtin().digits14(), l);
    }
    this.receiptsIssued =
        Counter.builder("store.receipts").description("Receipts issued").register(metrics);
    this.capturedMinor =
        Counter.builder("store.captured.minor")
            .description("Captured amount in minor units")
            .register(metrics);
    this.shelfEvents =
        Counter.builder("store.shelf.changes")
            .description("Lane unit changes seen by the shelves")
            .register(metrics);
    this.exitToReceipt =
        Timer.builder("store.checkout.latency")
            .description("Exit (or tap) to durable receipt")
            .publishPercentiles(0.5, 0.99)
            .register(metrics);
  }

  /** Loads the planogram into the database and the shelf monitor. */
  public void start() {
    long now = now();
    Map<String, Integer> onHand =
        db.tx(
            c -> {
              stock.loadPlanogram(c, config, now);
              audit.append(
                  c, "system", "store.start", config.storeId(), "kind=" + config.kind().id(), now);
              return stock.onHand(c);
            });
    for (StoreConfig.Lane l : config.lanes()) {
      shelves.lane(
          l.id(), l.unitGrams() * 1000L, onHand.getOrDefault(l.id(), 0) * (l.unitGrams() * 1000L));
      fusion.assumeWeight(l.id(), shelves.settledMg(l.id()));
    }
  }

  /** Cart fusion of the walk-out store: what it is told can be recorded for replay. */
  public FusionCarts fusion() {
    return fusion;
  }

  /** Stops the cart writer once the carts it holds are written. */
  @Override
  public void close() {
    fusion.close();
  }

  /** Adds a listener of store events. */
  public void addListener(StoreListener l) {
    listeners.add(l);
  }

  /** The configuration this store runs. */
  public StoreConfig config() {
    return config;
  }

  /** The database. */
  public Database database() {
    return db;
  }

  /** The stock book. */
  public StockBook stock() {
    return stock;
  }

  /** The payment journal. */
  public PaymentJournal journal() {
    return journal;
  }

  /** The sessions. */
  public SessionBook sessions() {
    return sessions;
  }

  /** The receipts. */
  public ReceiptBook receipts() {
    return receipts;
  }

  /** The audit trail. */
  public AuditTrail audit() {
    return audit;
  }

  /** The alerts. */
  public AlertBook alerts() {
    return alerts;
  }

  /** The desk where staff decide walk-out receipts held for review. */
  public ReviewDesk reviews() {
    return reviews;
  }

  /** The shelf monitor (what the load cells show). */
  public ShelfMonitor shelves() {
    return shelves;
  }

  /** Record id maker. */
  public RecordIds ids() {
    return ids;
  }

  /** Where each shopper in the store is: session id to shelf id. */
  public Map<String, String> whereabouts() {
    return Map.copyOf(whereIs);
  }

  /** People in the store now (walk-out: sessions admitted; micromarket: door counter). */
  public int peopleInStore() {
    return peopleInStore.get();
  }

  // ---------------------------------------------------------------- walk-out

  /**
   * A card tapped at the entry reader: the SDK's EMV flow reads it over {@code card}, it becomes a
   * token and fingerprint at once, and the SDK walk-out session authorises the entry hold. The door
   * opens only when admitted (approved, or admitted offline under the store-and-forward limits).
   * The card number never leaves the card read.
   */
  public EntryResult enter(ApduChannel card) {
    return enterWith(() -> payments.taps().read(card));
  }

  /**
   * A card presented at the entry reader: read in process, or through pcscd and the vpcd reader
   * when the store runs with real transports; then as {@link #enter(ApduChannel)}.
   */
  public EntryResult enter(io.ambientretail.devices.SmartCard card) {
    return enterWith(() -> payments.tap(card));
  }

  /** Reads a tapped card into its token and fingerprint. */
  @FunctionalInterface
  private interface CardReading {
    CardTap read() throws IOException;
  }

  private EntryResult enterWith(CardReading reading) {
    String sid = ids.next("se");
    CardTap t;
    try {
      t = reading.read();
    } catch (IOException | RuntimeException e) {
      emit("session", Map.of("session", sid, "state", "UNREAD", "reason", "card not readable"));
      return new EntryResult(sid, false, "card_unreadable");
    }
    String shopper = shopperRef(t);
    long now = now();
    Money hold = config.money(config.payment().holdMinor());
    db.tx(
        c -> {
          sessions.open(
              c,
              sid,
              "walkout",
              shopper,
              t.token(),
              t.fingerprint(),
              t.label(),
              SessionBook.State.AUTHORIZING,
              now);
          return null;
        });
    EntryDecision d;
    try {
      d = payments.walkOut().enter(SessionId.of(sid), t.paymentToken(), t.cardId());
    } catch (IOException e) {
      closeUnauthorized(sid, "payment journal unavailable");
      return new EntryResult(sid, false, "journal_unavailable");
    }
    long at = now();
    String key = sid + ":authorise";
    if (!d.opensDoor()) {
      boolean declined = d.outcome() == EntryDecision.Outcome.DECLINED;
      String reason =
          d.declineReason()
              .map(Object::toString)
              .orElse(d.outcome().name().toLowerCase(java.util.Locale.ROOT));
      db.tx(
          c -> {
            journal.begin(
                c,
                sid,
                PaymentJournal.Op.AUTHORIZE,
                key,
                hold.minor(),
                currency(),
                t.fingerprint(),
                at);
            journal.settle(
                c,
                key,
                declined ? PaymentJournal.State.DECLINED : PaymentJournal.State.FAILED,
                null,
                at);
            sessions.setState(
                c,
                sid,
                declined ? SessionBook.State.DECLINED : SessionBook.State.ABANDONED,
                d.reason(),
                at);
            checkCardPattern(c, t.fingerprint(), at);
            return null;
          });
      emit(
          "session",
          Map.of("session", sid, "state", declined ? "DECLINED" : "ABANDONED", "reason", reason));
      return new EntryResult(sid, false, reason);
    }
    boolean offline = d.outcome() == EntryDecision.Outcome.ADMITTED_OFFLINE;
    db.tx(
        c -> {
          journal.begin(
              c,
              sid,
              PaymentJournal.Op.AUTHORIZE,
              key,
              offline ? 0 : hold.minor(),
              currency(),
              t.fingerprint(),
              at);
          journal.settle(c, key, PaymentJournal.State.APPROVED, offline ? "offline" : "sdk", at);
          sessions.setAuth(c, sid, offline ? "offline" : key);
          sessions.setState(c, sid, SessionBook.State.OPEN, null, at);
          checkCardPattern(c, t.fingerprint(), at);
          if (offline) {
            alerts
                .raise(
                    c,
                    "payment_offline",
                    config.storeId(),
                    "gateway unreachable: shoppers" + " admitted offline, charges queued",
                    at)
                .ifPresent(this::emitAlert);
          }
          return null;
        });
    if (!entryDoorOpened(sid)) {
      return new EntryResult(sid, false, "door_unavailable");
    }
    peopleInStore.incrementAndGet();
    whereIs.put(sid, "entry");
    if (config.kind() == io.ambientretail.store.config.StoreKind.WALKOUT) {
      fusion.enter(sid);
    }
    emit("session", Map.of("session", sid, "state", "OPEN", "shopper", shopper));
    return new EntryResult(sid, true, offline ? "admitted_offline" : "");
  }

  /**
   * A shopper (session) moved to a shelf, or to {@code entry}/{@code exit}: presence sensing
   * without positions (a floor mat, a beacon). Cart fusion takes it as the shopper being within
   * reach of that shelf; positions from {@link #position}, when the store has tracking, count for
   * more.
   */
  public void presence(String sessionId, String where) {
    if (whereIs.replace(sessionId, where) != null) {
      if (config.kind() == io.ambientretail.store.config.StoreKind.WALKOUT) {
        fusion.near(sessionId, where, 0.5);
      }
      emit("presence", Map.of("session", sessionId, "at", where));
    }
  }

  /**
   * The tracking system (ceiling cameras, floor sensors) saw a shopper at {@code (x, y)} on the
   * store plan ({@link #plan()}), metres. Cart fusion weighs who stood at a lane when it changed.
   */
  public void position(String sessionId, double x, double y) {
    if (!whereIs.containsKey(sessionId)) {
      return;
    }
    fusion.track(sessionId, x, y);
    plan.shelfNear(x, y, 1.5)
        .ifPresent(
            shelf -> {
              if (!shelf.equals(whereIs.put(sessionId, shelf))) {
                emit("presence", Map.of("session", sessionId, "at", shelf));
              }
            });
  }

  /** Where shelves and lanes stand, in the coordinates of {@link #position}. */
  public StorePlan plan() {
    return plan;
  }

  /**
   * A shopper's hand went into a shelf (hand sensing over the shelf): fusion takes the shopper as
   * standing right at it.
   */
  public void reach(String sessionId, String shelfId) {
    if (whereIs.containsKey(sessionId)) {
      fusion.near(sessionId, shelfId, 0.2);
    }
  }

  /**
   * A load-cell reading of a lane in milligrams. A change of whole units becomes a pick or put-back
   * in the cart of the shopper who reached in (walk-out) or is only counted (micromarket, where the
   * kiosk scan is the sale).
   */
  public void shelfReading(String laneId, long weightMg) {
    if (config.kind() == io.ambientretail.store.config.StoreKind.WALKOUT) {
      fusion.weight(laneId, weightMg);
    }
    Optional<ShelfMonitor.UnitChange> ch = shelves.reading(laneId, weightMg);
    if (ch.isEmpty()) {
      return;
    }
    try {
      actOnShelfChange(laneId, ch.get());
    } finally {
      shelves.publish(laneId);
    }
  }

  private void actOnShelfChange(String laneId, ShelfMonitor.UnitChange change) {
    shelfEvents.increment();
    StoreConfig.Lane lane = lanesById.get(laneId);
    int units = change.units();
    emit("shelf", Map.of("lane", laneId, "units", shelves.units(laneId)));
  }

  /**
   * A cart fusion decided (on the cart writer thread): the session's cart becomes {@code
   * unitsPerLane}, written as the difference to what the database holds, while the session is open.
   */
  private void fusedCart(
      String sid,
      Map<String, Integer> unitsPerLane,
      double confidence,
      boolean review,
      java.util.Set<String> doubtfulLanes) {
    long now = now();
    List<Map<String, Object>> changed =
        db.tx(
            c -> {
              Optional<SessionBook.Session> s = sessions.get(c, sid);
              if (s.isEmpty() || s.get().state() != SessionBook.State.OPEN) {
                return List.of();
              }
              Map<String, Integer> held = new LinkedHashMap<>();
              java.util.Set<String> marked = new java.util.HashSet<>();
              for (SessionBook.CartLine l : sessions.cart(c, sid)) {
                held.put(l.laneId(), l.qty());
                if (l.ambiguous()) {
                  marked.add(l.laneId());
                }
              }
              java.util.Set<String> lanes = new java.util.LinkedHashSet<>(held.keySet());
              lanes.addAll(unitsPerLane.keySet());
              List<Map<String, Object>> out = new ArrayList<>();
              for (String laneId : lanes) {
                int diff = unitsPerLane.getOrDefault(laneId, 0) - held.getOrDefault(laneId, 0);
                StoreConfig.Lane lane = lanesById.get(laneId);
                boolean doubt = doubtfulLanes.contains(laneId);
                if (lane == null
                    || diff == 0
                        && (!doubt
                            || marked.contains(laneId)
                            || !unitsPerLane.containsKey(laneId))) {
                  continue;
                }
                // a line fusion is unsure of is marked for the reviewer (a zero-unit event marks
                // it)
                sessions.addCartEvent(
                    c,
                    sid,
                    laneId,
                    diff,
                    Math.abs(diff) * lane.unitGrams() * 1000L,
                    Math.multiplyExact(lane.priceMinor(), (long) diff),
                    doubt,
                    now);
                out.add(Map.of("session", sid, "lane", laneId, "qty", diff, "ambiguous", doubt));
              }
              if (review && !out.isEmpty()) {
                sessions.markReview(c, sid);
              }
              return out;
            });
    changed.forEach(m -> emit("cart", m));
  }

  /** A shopper walked out: capture the cart (or release the hold) and issue the receipt. */
  public CheckoutResult exit(String sessionId) {
    long t0 = System.nanoTime();
    SessionBook.Session s =
        db.read(c -> sessions.get(c, sessionId))
            .orElseThrow(() -> new AmbientException(NOT_FOUND, "no session " + sessionId));
    if (s.state() != SessionBook.State.OPEN && s.state() != SessionBook.State.CHECKOUT) {
      throw new AmbientException(CONFLICT, "session " + sessionId + " is " + s.state());
    }
    if (s.state() == SessionBook.State.OPEN) {
      takeFusedCart(sessionId);
    }
    whereIs.remove(sessionId);
    peopleInStore.decrementAndGet();
    CheckoutResult r = settleWalkout(s, "exit");
    fusion.forget(sessionId);
    exitToReceipt.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
    // a receipt held for review holds the money, not the shopper: the gate opens
    if (r.receipt().isPresent()
        || r.outcome().startsWith("nothing taken")
        || r.outcome().equals(ReviewDesk.HELD)) {
      openExitGate(sessionId);
    }
    return r;
  }

  /**
   * Takes fusion's final cart of a leaving shopper: waits for the lanes the shopper stood at to
   * settle, writes the cart, and flags the session for review when fusion is unsure or a lane did
   * not settle in time.
   */
  private void takeFusedCart(String sessionId) {
    Optional<FusionCarts.Checkout> out;
    try {
      out = fusion.exit(sessionId, exitWaitMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      out = Optional.empty();
    }
    if (out.isPresent() && out.get().review()) {
      long now = now();
      boolean unsettled = !out.get().settled();
      db.tx(
          c -> {
            sessions.markReview(c, sessionId);
            if (unsettled) {
              audit.append(
                  c,
                  "system",
                  "cart.unsettled",
                  sessionId,
                  "a shelf had not settled when the shopper left",
                  now);
            }
            return null;
          });
    }
  }

  /**
   * Commands the walk-out doors (entry door, exit gate) through {@code d}; without it (the default)
   * the store commands no door.
   */
  public void useDoors(io.ambientretail.store.devices.Doors d) {
    this.doors = d;
  }

  /**
   * Releases the entry door for an admitted session. A door that does not acknowledge stays locked:
   * the session is closed with its hold released and {@code device_offline} raised.
   */
  private boolean entryDoorOpened(String sid) {
    io.ambientretail.store.devices.Doors d = doors;
    if (d == null) {
      return true;
    }
    io.ambientretail.store.devices.Doors.Result r = d.unlockEntry();
    if (r.ok()) {
      return true;
    }
    long now = now();
    db.tx(
        c -> {
          alerts
              .raise(
                  c,
                  "device_offline",
                  r.deviceId(),
                  "entry door " + r.deviceId() + " did not unlock (stays locked): " + r.reason(),
                  now)
              .ifPresent(this::emitAlert);
          return null;
        });
    closeUnauthorized(sid, "entry door did not unlock");
    emit("session", Map.of("session", sid, "state", "ABANDONED", "reason", "door_unavailable"));
    return false;
  }

  /** The alert kind of an exit gate that did not open after a settled exit; subject: session. */
  public static final String EXIT_GATE_FAILED = "exit_gate_failed";

  /** Opens the exit gate, when configured, once the exit is settled (receipt durable). */
  private void openExitGate(String sid) {
    io.ambientretail.store.devices.Doors d = doors;
    if (d == null) {
      return;
    }
    io.ambientretail.store.devices.Doors.Result r = d.openExit();
    if (!r.ok()) {
      long now = now();
      db.tx(
          c -> {
            // per session (not device_offline, which device health clears while the relay's line
            // is up): staff see each shopper left at the gate, and the override clears it
            alerts
                .raise(
                    c,
                    EXIT_GATE_FAILED,
                    sid,
                    "exit gate " + r.deviceId() + " did not open for " + sid + ": " + r.reason(),
                    now)
                .ifPresent(this::emitAlert);
            return null;
          });
    }
  }

  /**
   * What a remote override of the exit gate did: {@code opened} when the gate's relay acknowledged,
   * otherwise the gate ({@code deviceId}) is still not answering, for {@code reason}.
   */
  public record ExitGateOverride(
      String sessionId, boolean opened, String deviceId, String reason) {}

  /**
   * Commands the exit gate again for a walk-out session whose exit is settled (its receipt is
   * issued, or nothing was taken and the hold released): the remote override for a gate that did
   * not open after the exit. Audited with the actor, the session and the result: {@code
   * exit_gate.override} (opened), {@code exit_gate.override.failed} (still not answering) or {@code
   * exit_gate.override.denied} (refused). An opened gate clears the session's {@link
   * #EXIT_GATE_FAILED} alert; a gate still not answering keeps it raised. Blocks up to the relay's
   * acknowledgement time.
   *
   * @throws AmbientException {@link #NOT_FOUND} for an unknown session; {@link #CONFLICT} for a
   *     session not settled (still open, paying, declined) or not a walk-out exit, or a store
   *     without an exit gate
   */
  public ExitGateOverride reopenExitGate(String sessionId, String actor) {
    SessionBook.Session s =
        db.read(c -> sessions.get(c, sessionId))
            .orElseThrow(() -> new AmbientException(NOT_FOUND, "no session " + sessionId));
    boolean receipted =
        s.state() == SessionBook.State.CLOSED
            && db.read(c -> receipts.ofSession(c, sessionId)).isPresent();
    boolean nothingTaken =
        s.state() == SessionBook.State.ABANDONED
            && s.closeReason() != null
            && s.closeReason().endsWith("nothing taken");
    io.ambientretail.store.devices.Doors d = doors;
    String refusal =
        !"walkout".equals(s.kind())
            ? "is not a walk-out session"
            : !receipted && !nothingTaken
                ? "is " + s.state() + ", not a settled exit"
                : d == null ? "has no exit gate in this store" : null;
    io.ambientretail.store.devices.Doors.Result r = refusal == null ? d.openExit() : null;
    if (r != null && r.outcome() == io.ambientretail.store.devices.Doors.Outcome.NO_DOOR) {
      refusal = "has no exit gate in this store";
    }
    long now = now();
    String why = refusal;
    db.tx(
        c -> {
          if (why != null) {
            audit.append(
                c,
                actor,
                "exit_gate.override.denied",
                sessionId,
                "result=refused: session " + why,
                now);
            return null;
          }
          audit.append(
              c,
              actor,
              r.ok() ? "exit_gate.override" : "exit_gate.override.failed",
              sessionId,
              "device="
                  + r.deviceId()
                  + " result="
                  + (r.ok() ? "opened" : "not answering: " + r.reason()),
              now);
          if (r.ok()) {
            alerts.clear(c, EXIT_GATE_FAILED, sessionId, now);
          } else {
            alerts
                .raise(
                    c,
                    EXIT_GATE_FAILED,
                    sessionId,
                    "exit gate "
                        + r.deviceId()
                        + " did not open for "
                        + sessionId
                        + " (remote override by "
                        + actor
                        + "): "
                        + r.reason(),
                    now)
                .ifPresent(this::emitAlert);
          }
          return null;
        });
    if (why != null) {
      throw new AmbientException(CONFLICT, "session " + sessionId + " " + why);
    }
    emit("door", Map.of("session", sessionId, "device", r.deviceId(), "opened", r.ok()));
    return new ExitGateOverride(sessionId, r.ok(), r.deviceId(), r.reason());
  }

  private CheckoutResult settleWalkout(SessionBook.Session s, String why) {
    String sid = s.sessionId();
    if (!settling.add(sid)) {
      return new CheckoutResult(sid, Optional.empty(), "capture pending: already settling");
    }
    try {
      return settleWalkoutOnce(s, why);
    } finally {
      settling.remove(sid);
    }
  }

  private CheckoutResult settleWalkoutOnce(SessionBook.Session s, String why) {
    String sid = s.sessionId();
    long now = now();
    Optional<WalkOutSession> w = payments.walkOutSession(sid);
    // a cart flagged for review is held while the SDK session still holds the money
    boolean canHold = w.isPresent() && !w.get().closed();
    record Taken(List<SessionBook.CartLine> cart, boolean held) {}
    // CHECKOUT first, then the cart: no pick can join the cart after the total is taken
    Taken taken =
        db.tx(
            c -> {
              sessions.setState(c, sid, SessionBook.State.CHECKOUT, null, now);
              List<SessionBook.CartLine> seen = sessions.cart(c, sid);
              SessionBook.Session cur = sessions.get(c, sid).orElseThrow();
              // flagged by fusion (or left inside by a crash): held for a person to look, whatever
              // the cart says; an empty cart may be a pick fusion gave nobody or someone else
              if (canHold && cur.review()) {
                sessions.setState(c, sid, SessionBook.State.REVIEW, why, now);
                reviews.hold(c, cur, seen, now);
                return new Taken(seen, true);
              }
              return new Taken(seen, false);
            });
    List<SessionBook.CartLine> cart = taken.cart();
    long total = SessionBook.totalMinor(cart);
    if (taken.held()) {
      reviews.announce(sid, total);
      emit("session", Map.of("session", sid, "state", "REVIEW"));
      return new CheckoutResult(sid, Optional.empty(), ReviewDesk.HELD);
    }
    if (w.isEmpty()) {
      // the SDK journal never opened this session: no money moved
      db.tx(
          c -> {
            sessions.setState(
                c, sid, SessionBook.State.ABANDONED, why + ": no payment session", now);
            return null;
          });
      return new CheckoutResult(sid, Optional.empty(), "no payment session");
    }
    Receipt r;
    try {
      r = w.get().exit(config.money(total));
    } catch (IOException e) {
      return new CheckoutResult(sid, Optional.empty(), "capture pending: " + e.getMessage());
    } catch (PaymentValueException e) {
      // exited before with the basket as it was then (a restart): settle what the SDK settled
      r = w.get().receipt();
      if (!w.get().closed()) {
        return new CheckoutResult(sid, Optional.empty(), "capture pending: " + e.getMessage());
      }
      total = r.total().minor();
    }
    return finish(s, r, cart, total, why);
  }

  /**
   * Settles a session held for review with the basket staff (or the deadline) decided: the same SDK
   * walk-out exit as a normal one, with the session's keys, then the receipt and the ledger.
   */
  private CheckoutResult settleReviewed(
      String sid, List<SessionBook.CartLine> decided, String why) {
    if (!settling.add(sid)) {
      return new CheckoutResult(sid, Optional.empty(), "capture pending: already settling");
    }
    try {
      SessionBook.Session s = db.read(c -> sessions.get(c, sid)).orElseThrow();
      if (s.state() != SessionBook.State.REVIEW) {
        return new CheckoutResult(
            sid,
            db.read(c -> receipts.ofSession(c, sid)),
            "already settled: " + s.state().name().toLowerCase(java.util.Locale.ROOT));
      }
      List<SessionBook.CartLine> cart = decided;
      long total = SessionBook.totalMinor(cart);
      Optional<WalkOutSession> w = payments.walkOutSession(sid);
      long now = now();
      if (w.isEmpty()) {
        db.tx(
            c -> {
              sessions.setState(
                  c, sid, SessionBook.State.ABANDONED, why + ": no payment session", now);
              return null;
            });
        return new CheckoutResult(sid, Optional.empty(), "no payment session");
      }
      Receipt r;
      try {
        r = w.get().exit(config.money(total));
      } catch (IOException e) {
        return new CheckoutResult(sid, Optional.empty(), "capture pending: " + e.getMessage());
      } catch (PaymentValueException e) {
        // the SDK settled the visit before the decision (its capture deadline): what it took is
        // the cart as the store saw it
        r = w.get().receipt();
        if (!w.get().closed()) {
          return new CheckoutResult(sid, Optional.empty(), "capture pending: " + e.getMessage());
        }
        if (r.total().minor() != total) {
          cart = db.read(c -> sessions.cart(c, sid));
          total = r.total().minor();
          long t = total;
          db.tx(
              c -> {
                alerts
                    .raise(
                        c,
                        "review_overtaken",
                        sid,
                        "the payment of "
                            + sid
                            + " settled at its"
                            + " capture deadline ("
                            + config.money(t)
                            + ") before the review decision",
                        now)
                    .ifPresent(this::emitAlert);
                return null;
              });
        }
      }
      return finish(s, r, cart, total, why);
    } finally {
      settling.remove(sid);
    }
  }

  // ---------------------------------------------------------------- micromarket kiosk

  /** A shopper came in through the micromarket's door (people counter). */
  public void arrived() {
    peopleInStore.incrementAndGet();
    long now = now();
    db.tx(
        c -> {
          try (var p =
              c.prepareStatement("INSERT INTO door_entries (entry_id, at_ms) VALUES (?,?)")) {
            p.setString(1, ids.next("de"));
            p.setLong(2, now);
            p.executeUpdate();
          }
          return null;
        });
    emit("door", Map.of("inStore", peopleInStore.get()));
  }

  /** A shopper left the micromarket. */
  public void left() {
    peopleInStore.decrementAndGet();
  }

  /** Starts a kiosk checkout session. */
  public String kioskStart() {
    String sid = ids.next("ks");
    long now = now();
    db.tx(
        c -> {
          sessions.open(
              c,
              sid,
              "kiosk",
              io.ambientretail.store.privacy.ReservedSubjects.KIOSK,
              null,
              null,
              null,
              SessionBook.State.OPEN,
              now);
          return null;
        });
    emit("session", Map.of("session", sid, "state", "OPEN", "kiosk", true));
    return sid;
  }

  /**
   * A code scanned at the kiosk; weighed items take their weight from the code (AI 3103) or from
   * {@code scaleGrams} (the kiosk scale, may be null).
   *
   * @return the line added: lane, name, price in minor units
   */
  public Map<String, Object> scan(String sessionId, String code, Long scaleGrams) {
    io.ambientretail.store.devices.KioskStation station = kiosk;
    if (station != null && !io.ambientretail.store.devices.KioskStation.delivering()) {
      return station.scan(sessionId, code, scaleGrams);
    }
    KioskBarcode b = KioskBarcode.parse(code);
    StoreConfig.Lane lane = lanesByGtin.get(b.gtin().digits14());
    if (lane == null) {
      throw new AmbientException(NOT_FOUND, "no product with GTIN " + b.gtin().digits14());
    }
    long grams = b.weightGrams().orElse(scaleGrams == null ? lane.unitGrams() : scaleGrams);
    long price =
        lane.pricing() == StoreConfig.Pricing.WEIGHT
            ? Math.round(grams * lane.pricePerKgMinor() / 1000.0)
            : lane.priceMinor();
    long now = now();
    db.tx(
        c -> {
          SessionBook.Session s =
              sessions
                  .get(c, sessionId)
                  .orElseThrow(() -> new AmbientException(NOT_FOUND, "no session " + sessionId));
          if (s.state() != SessionBook.State.OPEN) {
            throw new AmbientException(CONFLICT, "session " + sessionId + " is " + s.state());
          }
          sessions.addCartEvent(c, sessionId, lane.id(), 1, grams * 1000, price, false, now);
          return null;
        });
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("lane", lane.id());
    line.put("name", lane.name());
    line.put("priceMinor", price);
    emit("cart", Map.of("session", sessionId, "lane", lane.id(), "qty", 1, "ambiguous", false));
    return line;
  }

  /**
   * Routes kiosk scans through the kiosk's devices (scanner and scale wire protocols); null for
   * straight to the engine.
   */
  public void useKiosk(io.ambientretail.store.devices.KioskStation station) {
    this.kiosk = station;
  }

  /**
   * The shopper taps a card at the kiosk: the EMV flow reads it, the basket is authorised and
   * captured through the gateway with the session's idempotency keys, and the receipt is issued.
   */
  public CheckoutResult kioskPay(String sessionId, ApduChannel card) {
    return kioskPayWith(sessionId, () -> payments.taps().read(card));
  }

  /** {@link #kioskPay(String, ApduChannel)} with a card presented at the kiosk's reader. */
  public CheckoutResult kioskPay(String sessionId, io.ambientretail.devices.SmartCard card) {
    return kioskPayWith(sessionId, () -> payments.tap(card));
  }

  private CheckoutResult kioskPayWith(String sessionId, CardReading reading) {
    long t0 = System.nanoTime();
    CardTap t;
    try {
      t = reading.read();
    } catch (IOException | RuntimeException e) {
      return new CheckoutResult(sessionId, Optional.empty(), "card not readable");
    }
    String key = StorePayments.kioskCaptureKey(sessionId).value();
    String shopper = shopperRef(t);
    long now = now();
    record Start(SessionBook.Session s, List<SessionBook.CartLine> cart, long total) {}
    Start st =
        db.tx(
            c -> {
              SessionBook.Session cur =
                  sessions
                      .get(c, sessionId)
                      .orElseThrow(
                          () -> new AmbientException(NOT_FOUND, "no session " + sessionId));
              if (cur.state() != SessionBook.State.OPEN) {
                throw new AmbientException(CONFLICT, "session " + sessionId + " is " + cur.state());
              }
              List<SessionBook.CartLine> cart = sessions.cart(c, sessionId);
              long total = SessionBook.totalMinor(cart);
              sessions.setCard(c, sessionId, t.token(), t.fingerprint(), t.label(), shopper);
              sessions.setState(c, sessionId, SessionBook.State.CHECKOUT, null, now);
              journal.begin(
                  c,
                  sessionId,
                  PaymentJournal.Op.SALE,
                  key,
                  total,
                  currency(),
                  t.fingerprint(),
                  now);
              return new Start(sessions.get(c, sessionId).orElseThrow(), cart, total);
            });
    if (st.total() == 0) {
      db.tx(
          c -> {
            journal.settle(c, key, PaymentJournal.State.FAILED, null, now);
            sessions.setState(c, sessionId, SessionBook.State.ABANDONED, "empty basket", now);
            return null;
          });
      return new CheckoutResult(sessionId, Optional.empty(), "empty basket");
    }
    GatewayOutcome o;
    try {
      o = payments.kioskSale(sessionId, t, config.money(st.total()));
    } catch (IOException e) {
      return new CheckoutResult(sessionId, Optional.empty(), "sale pending: " + e.getMessage());
    }
    CheckoutResult out = finishKiosk(st.s(), key, o, st.cart(), st.total());
    exitToReceipt.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
    return out;
  }

  /** The shopper walked away from the kiosk without paying. */
  public void kioskCancel(String sessionId) {
    long now = now();
    db.tx(
        c -> {
          sessions.setState(c, sessionId, SessionBook.State.ABANDONED, "cancelled at kiosk", now);
          return null;
        });
  }

  // ---------------------------------------------------------------- common settlement

  /** One movement of money to mirror into the store's journal with the receipt. */
  private record Movement(PaymentJournal.Op op, String key, long amountMinor, String ref) {}

  private CheckoutResult finishKiosk(
      SessionBook.Session s,
      String key,
      GatewayOutcome o,
      List<SessionBook.CartLine> cart,
      long total) {
    if (o instanceof GatewayOutcome.Error e && e.retryable()) {
      return new CheckoutResult(s.sessionId(), Optional.empty(), "sale pending: " + e.code());
    }
    if (!(o instanceof GatewayOutcome.Approved a)) {
      String why =
          o instanceof GatewayOutcome.Declined d
              ? d.reason().toString()
              : o instanceof GatewayOutcome.Error e ? "error " + e.code() : "referral";
      return declined(s, key, total, why, PaymentJournal.Op.SALE);
    }
    return issue(
        s,
        cart,
        total,
        List.of(
            new Movement(PaymentJournal.Op.SALE, key, a.amount().minor(), a.transaction().value())),
        "paid");
  }

  /** Settles a walk-out exit from the SDK's receipt: receipt, ledger and journal mirror. */
  private CheckoutResult finish(
      SessionBook.Session s, Receipt r, List<SessionBook.CartLine> cart, long total, String why) {
    String sid = s.sessionId();
    long at = now();
    if (r.status() == Receipt.Status.PENDING) {
      return new CheckoutResult(sid, Optional.empty(), "capture pending");
    }
    if (total == 0) {
      db.tx(
          c -> {
            String key = sid + ":release";
            journal.begin(
                c, sid, PaymentJournal.Op.VOID, key, 0, currency(), s.cardFingerprint(), at);
            journal.settle(c, key, PaymentJournal.State.APPROVED, null, at);
            sessions.setState(c, sid, SessionBook.State.ABANDONED, why + ": nothing taken", at);
            return null;
          });
      emit("session", Map.of("session", sid, "state", "ABANDONED"));
      return new CheckoutResult(sid, Optional.empty(), "nothing taken; hold released");
    }
    List<Movement> moves = new ArrayList<>();
    int n = 0;
    for (ReceiptLine l : r.lines()) {
      n++;
      PaymentJournal.Op op =
          switch (l.kind()) {
            case CAPTURE -> PaymentJournal.Op.CAPTURE;
            case REFUND -> PaymentJournal.Op.REFUND;
            default -> PaymentJournal.Op.SALE;
          };
      if (op == PaymentJournal.Op.REFUND) {
        continue;
      }
      moves.add(
          new Movement(
              op,
              sid + ":" + l.kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + n,
              l.amount().minor(),
              l.transaction() == null ? "offline-queued" : l.transaction().value()));
    }
    if (moves.isEmpty()) {
      return declined(
          s, sid + ":capture", total, "capture and charge declined", PaymentJournal.Op.CAPTURE);
    }
    CheckoutResult out =
        issue(
            s,
            cart,
            total,
            moves,
            r.status() == Receipt.Status.QUEUED_OFFLINE ? "paid (queued offline)" : "paid");
    if (r.outstanding().minor() > 0) {
      db.tx(
          c -> {
            alerts
                .raise(
                    c,
                    "payment_outstanding",
                    sid,
                    config.money(r.outstanding().minor()) + " of receipt could not be charged",
                    at)
                .ifPresent(this::emitAlert);
            return null;
          });
    }
    return out;
  }

  private CheckoutResult declined(
      SessionBook.Session s, String key, long total, String why, PaymentJournal.Op op) {
    String sid = s.sessionId();
    long at = now();
    db.tx(
        c -> {
          journal.begin(c, sid, op, key, total, currency(), s.cardFingerprint(), at);
          journal.settle(c, key, PaymentJournal.State.DECLINED, null, at);
          sessions.setState(c, sid, SessionBook.State.DECLINED, "declined: " + why, at);
          if (s.cardFingerprint() != null) {
            checkCardPattern(c, s.cardFingerprint(), at);
          }
          alerts
              .raise(
                  c,
                  "payment_declined",
                  sid,
                  op.name().toLowerCase(java.util.Locale.ROOT)
                      + " of "
                      + config.money(total)
                      + " declined ("
                      + why
                      + ")",
                  at)
              .ifPresent(this::emitAlert);
          return null;
        });
    emit("session", Map.of("session", sid, "state", "DECLINED"));
    return new CheckoutResult(sid, Optional.empty(), "declined: " + why);
  }

  /**
   * Makes the receipt durable with the ledger's sale entries, the journal mirror of the money moved
   * and the session's close, in one transaction, before anyone hears of it. Idempotent: a session
   * that already has a receipt keeps it.
   */
  private CheckoutResult issue(
      SessionBook.Session s,
      List<SessionBook.CartLine> cart,
      long total,
      List<Movement> moves,
      String outcome) {
    String sid = s.sessionId();
    long at = now();
    ReceiptBook.Receipt receipt =
        db.tx(
            c -> {
              for (Movement m : moves) {
                journal.begin(
                    c, sid, m.op(), m.key(), m.amountMinor(), currency(), s.cardFingerprint(), at);
                journal.settle(c, m.key(), PaymentJournal.State.APPROVED, m.ref(), at);
              }
              Optional<ReceiptBook.Receipt> existing = receipts.ofSession(c, sid);
              if (existing.isPresent()) {
                return existing.get();
              }
              SessionBook.Session cur = sessions.get(c, sid).orElseThrow();
              ReceiptBook.Receipt rc = buildReceipt(cur, cart, total, at, reviewBook.get(c, sid));
              receipts.insert(c, rc);
              for (SessionBook.CartLine l : cart) {
                stock.post(
                    c, l.laneId(), -l.qty(), StockBook.Reason.SALE, "sale:" + sid, "store", at);
              }
              sessions.setState(c, sid, SessionBook.State.CLOSED, "paid", at);
              audit.append(
                  c,
                  "store",
                  "receipt.issued",
                  rc.receiptId(),
                  "session=" + sid + " total=" + config.money(total),
                  at);
              checkLanes(c, cart.stream().map(SessionBook.CartLine::laneId).toList(), at);
              return rc;
            });
    receiptsIssued.increment();
    capturedMinor.increment(total);
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("receipt", receipt.receiptId());
    ev.put("session", sid);
    ev.put("totalMinor", total);
    ev.put("items", receipt.itemCount());
    ev.put("review", receipt.review());
    emit("receipt", ev);
    return new CheckoutResult(sid, Optional.of(receipt), outcome);
  }

  private ReceiptBook.Receipt buildReceipt(
      SessionBook.Session s,
      List<SessionBook.CartLine> cart,
      long total,
      long at,
      Optional<ReviewBook.Review> review) {
    String rid = ids.next("rc");
    List<Map<String, Object>> lines = new ArrayList<>();
    int items = 0;
    for (SessionBook.CartLine l : cart) {
      StoreConfig.Lane lane = lanesById.get(l.laneId());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("lane", l.laneId());
      m.put("gtin", lane.gtin().digits14());
      m.put("name", lane.name());
      m.put("qty", l.qty());
      if (lane.pricing() == StoreConfig.Pricing.WEIGHT) {
        m.put("weightGrams", l.weightMg() / 1000);
        m.put("pricePerKgMinor", lane.pricePerKgMinor());
      } else {
        m.put("unitPriceMinor", lane.priceMinor());
      }
      m.put("amountMinor", l.priceMinor());
      m.put("reviewed", l.ambiguous());
      lines.add(m);
      items += l.qty();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("receipt", rid);
    body.put("store", config.storeId());
    body.put("storeName", config.name());
    body.put("kind", s.kind());
    body.put("session", s.sessionId());
    body.put("shopper", s.shopperRef());
    body.put("card", s.cardLabel());
    body.put("openedAt", Instant.ofEpochMilli(s.openedMs()).toString());
    body.put("issuedAt", Instant.ofEpochMilli(at).toString());
    body.put("lines", lines);
    body.put("total", Map.of("currency", currency(), "minor", total));
    body.put("review", s.review());
    review
        .filter(rv -> rv.decision() != null)
        .ifPresent(
            rv ->
                body.put(
                    "reviewed",
                    Map.of(
                        "decision",
                        rv.decision().id(),
                        "at",
                        Instant.ofEpochMilli(rv.decidedMs()).toString())));
    try {
      return new ReceiptBook.Receipt(
          rid,
          s.sessionId(),
          s.shopperRef(),
          total,
          currency(),
          items,
          s.review(),
          at,
          json.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- operator actions

  /** Restocks a lane with {@code qty} units (staff filled it); returns the ledger reference. */
  public String restock(String laneId, int qty, String actor, String ref) {
    return restock(laneId, qty, actor, ref, false);
  }

  /**
   * Restocks a lane; with {@code filledNow} the caller is about to put the units on the shelf, so
   * the shelf monitor expects the added weight instead of seeing a put-back.
   */
  public String restock(String laneId, int qty, String actor, String ref, boolean filledNow) {
    if (!lanesById.containsKey(laneId)) {
      throw new AmbientException(NOT_FOUND, "no lane " + laneId);
    }
    if (qty <= 0 || qty > MAX_RESTOCK) {
      throw new AmbientException(
          CONFLICT, "restock quantity must be 1 to " + MAX_RESTOCK + ", was " + qty);
    }
    long now = now();
    boolean posted =
        db.tx(
            c -> {
              boolean p = stock.post(c, laneId, qty, StockBook.Reason.RESTOCK, ref, actor, now);
              if (p && filledNow) {
                shelves.adjust(laneId, qty);
                fusion.relevel(laneId);
              }
              if (p) {
                audit.append(c, actor, "stock.restock", laneId, "qty=" + qty + " ref=" + ref, now);
                checkLanes(c, List.of(laneId), now);
              }
              return p;
            });
    if (posted) {
      emit("restock", Map.of("lane", laneId, "qty", qty));
    }
    return ref;
  }

  /**
   * Refunds (part of) a receipt by an operator, through the gateway, journalled and audited: a
   * walk-out receipt through the SDK session's refund (from its latest charge backwards, keyed by
   * the refund id so a retry refunds once), a kiosk receipt against its capture.
   *
   * <p>The amount must fit what is left on the receipt (its total less the refunds not declined)
   * and, for a walk-out receipt, what is left on the card (the SDK receipt's net charge); all sums
   * are checked {@link Money} arithmetic. What is booked is what the acquirer moved: {@link
   * RefundState#APPROVED} for all of it, {@link RefundState#PARTIAL} (booked at the amount moved)
   * when a walk-out refund over several charges was declined part-way, {@link RefundState#DECLINED}
   * when nothing moved. Refunds are made one at a time.
   *
   * @return what was booked
   * @throws RefundRefusedException ({@link #REFUND_EXCEEDS_REMAINING}) when the amount is more than
   *     is left; nothing is booked or sent
   * @throws AmbientException {@link #NOT_FOUND} for an unknown receipt, {@link #CONFLICT} for a
   *     receipt without a capture or when the gateway did not answer (the refund stays pending)
   */
  public RefundResult refund(String receiptId, long amountMinor, String reason, String operator) {
    if (amountMinor <= 0) {
      throw new AmbientException(CONFLICT, "refund amount must be positive");
    }
    if (reason.isBlank() || reason.length() > 200) {
      throw new AmbientException(CONFLICT, "refund reason: 1 to 200 characters");
    }
    synchronized (refundLock) {
      // a refund an outage left pending counts against what is left until settled: settle first
      settlePendingRefunds();
      return refundOneAtATime(receiptId, config.money(amountMinor), reason, operator);
    }
  }

  private RefundResult refundOneAtATime(
      String receiptId, Money amount, String reason, String operator) {
    String refundId = ids.next("rf");
    String key = refundId + ":refund";
    long now = now();
    ReceiptBook.Receipt found =
        db.read(c -> receipts.get(c, receiptId))
            .orElseThrow(() -> new AmbientException(NOT_FOUND, "no receipt " + receiptId));
    // what the card can still give back, as the SDK's session knows it (walk-out receipts)
    Optional<Receipt> walkout = payments.walkOutReceipt(found.sessionId());
    record Target(String sessionId, String captureRef) {}
    Target target =
        db.tx(
            c -> {
              ReceiptBook.Receipt r =
                  receipts
                      .get(c, receiptId)
                      .orElseThrow(
                          () -> new AmbientException(NOT_FOUND, "no receipt " + receiptId));
              Money refunded = config.money(0);
              try (var q =
                  c.prepareStatement(
                      "SELECT amount_minor FROM refunds WHERE"
                          + " receipt_id = ? AND state <> 'DECLINED'")) {
                q.setString(1, receiptId);
                try (var rs = q.executeQuery()) {
                  while (rs.next()) {
                    refunded = refunded.plus(config.money(rs.getLong(1)));
                  }
                }
              }
              Money remaining = config.money(r.totalMinor()).minus(refunded);
              if (walkout.isPresent()) {
                remaining = remaining.min(walkout.get().charged());
              }
              if (amount.compareTo(remaining) > 0) {
                throw new RefundRefusedException(
                    receiptId, amount.minor(), Math.max(0, remaining.minor()), config.money(0));
              }
              String ref =
                  journal.ofSession(c, r.sessionId()).stream()
                      .filter(
                          e ->
                              (e.op() == PaymentJournal.Op.CAPTURE
                                      || e.op() == PaymentJournal.Op.SALE)
                                  && e.state() == PaymentJournal.State.APPROVED)
                      .map(PaymentJournal.Entry::acquirerRef)
                      .findFirst()
                      .orElseThrow(() -> new AmbientException(CONFLICT, "receipt has no capture"));
              try (var p =
                  c.prepareStatement(
                      "INSERT INTO refunds (refund_id, receipt_id, amount_minor,"
                          + " currency, reason, operator, state, created_ms) VALUES (?,?,?,?,?,?,'PENDING',?)")) {
                p.setString(1, refundId);
                p.setString(2, receiptId);
                p.setLong(3, amount.minor());
                p.setString(4, currency());
                p.setString(5, reason);
                p.setString(6, operator);
                p.setLong(7, now);
                p.executeUpdate();
              }
              journal.begin(
                  c,
                  r.sessionId(),
                  PaymentJournal.Op.REFUND,
                  key,
                  amount.minor(),
                  currency(),
                  null,
                  now);
              audit.append(
                  c,
                  operator,
                  "refund.requested",
                  receiptId,
                  "refund=" + refundId + " amount=" + amount + " reason=" + reason,
                  now);
              return new Target(r.sessionId(), ref);
            });
    Money moved;
    String ref;
    try {
      if (walkout.isPresent()) {
        Receipt before = walkout.get();
        Receipt after =
            payments.walkOut().refund(before, amount, refundId.replaceAll("[^A-Za-z0-9_-]", "_"));
        moved = before.charged().minus(after.charged()).min(amount);
        ref =
            after.lines().isEmpty() || moved.minor() <= 0
                ? null
                : String.valueOf(after.lines().get(after.lines().size() - 1).transaction());
      } else {
        GatewayOutcome g = payments.kioskRefund(refundId, target.captureRef(), amount);
        moved = g.approved() ? amount : config.money(0);
        ref = g instanceof GatewayOutcome.Approved a ? a.transaction().value() : null;
      }
    } catch (IOException e) {
      throw new AmbientException(
          CONFLICT,
          "refund "
              + refundId
              + " is pending: the gateway did not answer ("
              + e.getClass().getSimpleName()
              + ")");
    }
    return bookRefund(refundId, receiptId, amount, moved, ref, operator);
  }

  /** Books what the acquirer moved for a PENDING refund: its row, journal entry and audit entry. */
  private RefundResult bookRefund(
      String refundId, String receiptId, Money amount, Money moved, String ref, String operator) {
    String key = refundId + ":refund";
    RefundState state =
        moved.minor() <= 0
            ? RefundState.DECLINED
            : moved.equals(amount) ? RefundState.APPROVED : RefundState.PARTIAL;
    long booked = Math.max(0, moved.minor());
    long at = now();
    db.tx(
        c -> {
          PaymentJournal.State js =
              state == RefundState.DECLINED
                  ? PaymentJournal.State.DECLINED
                  : PaymentJournal.State.APPROVED;
          if (state == RefundState.PARTIAL) {
            journal.settle(c, key, js, ref, booked, at);
          } else {
            journal.settle(c, key, js, ref, at);
          }
          try (var p =
              c.prepareStatement(
                  "UPDATE refunds SET state = ?, amount_minor = ? WHERE refund_id = ?")) {
            p.setString(1, state.name());
            p.setLong(2, state == RefundState.DECLINED ? amount.minor() : booked);
            p.setString(3, refundId);
            p.executeUpdate();
          }
          audit.append(
              c,
              operator,
              "refund." + state.name().toLowerCase(Locale.ROOT),
              receiptId,
              "refund=" + refundId + (state == RefundState.PARTIAL ? " refunded=" + moved : ""),
              at);
          return null;
        });
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("refund", refundId);
    ev.put("receipt", receiptId);
    ev.put("amountMinor", booked);
    ev.put("requestedMinor", amount.minor());
    ev.put("state", state.name());
    ev.put("approved", state != RefundState.DECLINED);
    emit("refund", ev);
    return new RefundResult(refundId, receiptId, state, amount.minor(), booked);
  }

  /**
   * Settles the refunds a gateway outage left PENDING, oldest first, by sending each again with its
   * own keys (the acquirer refunds once whatever it saw before) and booking what it moved. Runs
   * before every new refund and at recovery; stops at the first that still gets no answer.
   *
   * @return the refunds settled now
   */
  public int settlePendingRefunds() {
    synchronized (refundLock) {
      record Pending(String refundId, String receiptId, long amountMinor) {}
      List<Pending> pending =
          db.read(
              c -> {
                List<Pending> out = new ArrayList<>();
                try (var q =
                        c.prepareStatement(
                            "SELECT refund_id, receipt_id, amount_minor FROM refunds WHERE state"
                                + " = 'PENDING' ORDER BY created_ms, refund_id");
                    var r = q.executeQuery()) {
                  while (r.next()) {
                    out.add(new Pending(r.getString(1), r.getString(2), r.getLong(3)));
                  }
                }
                return out;
              });
      int n = 0;
      for (Pending p : pending) {
        Money amount = config.money(p.amountMinor());
        ReceiptBook.Receipt rc = db.read(c -> receipts.get(c, p.receiptId())).orElse(null);
        if (rc == null) {
          continue;
        }
        Money moved;
        String ref;
        try {
          Optional<Receipt> walkout = payments.walkOutReceipt(rc.sessionId());
          if (walkout.isPresent()) {
            Receipt after =
                payments
                    .walkOut()
                    .refund(walkout.get(), amount, p.refundId().replaceAll("[^A-Za-z0-9_-]", "_"));
            // refunds are made one at a time: what the card got back beyond what is booked
            Money onCard = config.money(0);
            for (ReceiptLine l : after.lines()) {
              if (l.kind() == ReceiptLine.Kind.REFUND) {
                onCard = onCard.plus(l.amount());
              }
            }
            moved = onCard.minus(config.money(bookedRefunds(p.receiptId()))).min(amount);
            ref = null;
          } else {
            String capture =
                db.read(c -> journal.ofSession(c, rc.sessionId())).stream()
                    .filter(
                        e ->
                            (e.op() == PaymentJournal.Op.CAPTURE
                                    || e.op() == PaymentJournal.Op.SALE)
                                && e.state() == PaymentJournal.State.APPROVED)
                    .map(PaymentJournal.Entry::acquirerRef)
                    .findFirst()
                    .orElse(null);
            if (capture == null) {
              continue;
            }
            GatewayOutcome g = payments.kioskRefund(p.refundId(), capture, amount);
            moved = g.approved() ? amount : config.money(0);
            ref = g instanceof GatewayOutcome.Approved a ? a.transaction().value() : null;
          }
        } catch (IOException e) {
          break; // still no answer: the next refund or recovery tries again
        }
        bookRefund(p.refundId(), p.receiptId(), amount, moved, ref, "system");
        n++;
      }
      return n;
    }
  }

  /** The refunds booked APPROVED or PARTIAL on a receipt, in minor units (checked sum). */
  private long bookedRefunds(String receiptId) {
    return db.read(
        c -> {
          long sum = 0;
          try (var q =
              c.prepareStatement(
                  "SELECT amount_minor FROM refunds WHERE receipt_id = ? AND state IN"
                      + " ('APPROVED','PARTIAL')")) {
            q.setString(1, receiptId);
            try (var r = q.executeQuery()) {
              while (r.next()) {
                sum = Math.addExact(sum, r.getLong(1));
              }
            }
          }
          return sum;
        });
  }

  /**
   * Grants or withdraws the consent to recognise the card that paid {@code receiptId} on later
   * visits (purpose {@code returning-card}), durably and audited; a withdrawal holds for every
   * entry that starts after this returns.
   *
   * @return the card's consent state: receipt, purpose, granted
   */
  public Map<String, Object> consent(
      String receiptId, boolean granted, String actor, String channel) {
    long now = now();
    db.tx(
        c -> {
          ReceiptBook.Receipt r =
              receipts
                  .get(c, receiptId)
                  .orElseThrow(() -> new AmbientException(NOT_FOUND, "no receipt " + receiptId));
          String fp =
              sessions.get(c, r.sessionId()).map(SessionBook.Session::cardFingerprint).orElse(null);
          if (fp == null) {
            throw new AmbientException(
                CONFLICT,
                "receipt " + receiptId + " has no card on record (erased or never paid by card)");
          }
          if (granted && !payments.returningCards().offered()) {
            throw new AmbientException(
                CONFLICT,
                "this store does not offer returning-card"
                    + " recognition (privacy.returningCardConsent is false)");
          }
          audit.append(
              c,
              actor,
              granted ? "consent.granted" : "consent.withdrawn",
              receiptId,
              "purpose="
                  + io.ambientretail.store.pay.ReturningCards.PURPOSE.name()
                  + " channel="
                  + channel,
              now);
          // last: the registry takes effect in memory as it stores the record in this transaction
          payments.returningCards().record(fp, granted, channel);
          return null;
        });
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("receipt", receiptId);
    m.put("purpose", io.ambientretail.store.pay.ReturningCards.PURPOSE.name());
    m.put("granted", granted);
    return m;
  }

  // ---------------------------------------------------------------- reconciliation and alerts

  /**
   * The alert kind raised when reconciliation finds fewer units on a lane than the ledger holds:
   * stock left with no sale (subject: the lane).
   */
  public static final String STOCK_LEFT_UNPAID = "stock_left_unpaid";

  /**
   * Compares each lane's shelf count with the ledger when nobody is in the store. Fewer units on
   * the shelf than in the ledger left with no sale: a {@value #STOCK_LEFT_UNPAID} alert for staff.
   * Micromarket: that difference is also posted as SHRINK (per lane, in the current hour).
   * Walk-out: any difference is also a weight/ledger discrepancy alert.
   *
   * @return lanes whose shelf count differs from the ledger after reconciliation
   */
  public int reconcileShelves(String ref) {
    if (peopleInStore.get() > 0) {
      return -1;
    }
    long now = now();
    boolean micromarket = config.kind() == io.ambientretail.store.config.StoreKind.MICROMARKET;
    int mismatches =
        db.tx(
            c -> {
              int n = 0;
              for (StockBook.LaneStock l : stock.lanes(c)) {
                Optional<Discrepancy> d =
                    stock.reconcile(c, l.laneId(), shelves.settledMg(l.laneId()));
                if (d.isEmpty()) {
                  alerts.clear(c, "weight_ledger_discrepancy", l.laneId(), now);
                  continue;
                }
                long diff = d.get().shelfUnits() - d.get().ledgerUnits();
                if (d.get().kind() == Discrepancy.Kind.SHORTAGE) {
                  // stock left the shelf and no sale booked it: someone should look
                  alerts
                      .raise(
                          c,
                          STOCK_LEFT_UNPAID,
                          l.laneId(),
                          (-diff)
                              + " unit(s) of "
                              + l.name()
                              + " left lane "
                              + l.laneId()
                              + " with no sale"
                              + (micromarket ? " (booked as shrink)" : ""),
                          now)
                      .ifPresent(this::emitAlert);
                }
                if (micromarket && d.get().kind() == Discrepancy.Kind.SHORTAGE) {
                  stock.post(
                      c,
                      l.laneId(),
                      (int) diff,
                      StockBook.Reason.SHRINK,
                      ref,
                      "reconciliation",
                      now);
                  audit.append(
                      c, "reconciliation", "stock.shrink", l.laneId(), "units=" + (-diff), now);
                } else {
                  n++;
                  alerts
                      .raise(
                          c,
                          "weight_ledger_discrepancy",
                          l.laneId(),
                          d.get().kind().name().toLowerCase(java.util.Locale.ROOT)
                              + ": "
                              + d.get().evidence(),
                          now)
                      .ifPresent(this::emitAlert);
                }
              }
              return n;
            });
    emit("stock", Map.of("reconciled", true));
    return mismatches;
  }

  private void checkLanes(Connection c, List<String> laneIds, long now) throws SQLException {
    List<StockBook.LaneStock> all = stock.lanes(c);
    io.ambientretail.inventory.replenish.PolicyTable policies = replenishment.policies(all);
    for (StockBook.LaneStock l : all) {
      if (!laneIds.contains(l.laneId())) {
        continue;
      }
      int min = replenishment.minimum(policies, l);
      if (l.onHand() <= 0) {
        alerts
            .raise(c, "lane_empty", l.laneId(), l.name() + " is out of stock", now)
            .ifPresent(this::emitAlert);
      } else if (l.onHand() < min) {
        alerts
            .raise(
                c,
                "lane_low",
                l.laneId(),
                l.name() + " is below its policy minimum (" + l.onHand() + " < " + min + ")",
                now)
            .ifPresent(this::emitAlert);
      } else {
        alerts.clear(c, "lane_low", l.laneId(), now);
        alerts.clear(c, "lane_empty", l.laneId(), now);
      }
    }
  }

  private void checkCardPattern(Connection c, String fingerprint, long now) throws SQLException {
    List<PaymentJournal.Entry> recent = journal.ofCardSince(c, fingerprint, now - 600_000);
    long declines = recent.stream().filter(e -> e.state() == PaymentJournal.State.DECLINED).count();
    long entries = recent.stream().filter(e -> e.op() == PaymentJournal.Op.AUTHORIZE).count();
    if (declines >= 3) {
      alerts
          .raise(
              c,
              "unusual_payments",
              fingerprint,
              declines + " declines on one card in 10 minutes",
              now)
          .ifPresent(this::emitAlert);
    } else if (entries >= 5) {
      alerts
          .raise(
              c,
              "unusual_payments",
              fingerprint,
              entries + " entries on one card in 10 minutes",
              now)
          .ifPresent(this::emitAlert);
    }
  }

  // ---------------------------------------------------------------- recovery

  /**
   * Settles what a crash left in flight: first the SDK's own recovery sends every unanswered
   * walk-out step again with its journaled key (and forwards the offline queue), then each store
   * session still open is finished: walk-out exits get their receipt from the SDK's settled result,
   * shoppers the crash left inside have their cart held for review (or the hold released when the
   * cart is empty), kiosk sales are replayed with their keys, and review decisions whose capture
   * was in flight are finished. Receipts still waiting for staff stay held ({@link
   * SessionBook.State#REVIEW}). The acquirer answers a replayed key with its first result, so
   * nothing is taken twice and no receipt is lost.
   *
   * @return how many store sessions were settled
   */
  public int recover() {
    try {
      payments.recover();
    } catch (IOException e) {
      long now = now();
      db.tx(
          c -> {
            alerts.raise(
                c,
                "recovery_failed",
                config.storeId(),
                "payment recovery: " + e.getClass().getSimpleName(),
                now);
            return null;
          });
    }
    List<SessionBook.Session> open =
        db.read(
            c ->
                sessions.inStates(
                    c,
                    SessionBook.State.AUTHORIZING,
                    SessionBook.State.OPEN,
                    SessionBook.State.CHECKOUT));
    int n = 0;
    for (SessionBook.Session s : open) {
      n++;
      try {
        recoverSession(s);
      } catch (RuntimeException e) {
        long now = now();
        db.tx(
            c -> {
              alerts.raise(
                  c,
                  "recovery_failed",
                  s.sessionId(),
                  "session could not be settled: " + e.getMessage(),
                  now);
              return null;
            });
      }
    }
    n += reviews.resume();
    settlePendingRefunds();
    if (n > 0) {
      long now = now();
      int settled = n;
      db.tx(
          c -> {
            audit.append(
                c, "system", "store.recovered", config.storeId(), "sessions=" + settled, now);
            return null;
          });
    }
    return n;
  }

  /**
   * The payment side's periodic work (call it every second or so): settles sessions whose capture
   * deadline nears, sends unanswered steps again and forwards the offline queue when the gateway
   * answers, raises or clears the offline-queue alerts (exposure near its limit, a queued payment
   * near its expiry), and issues the receipts of exits the gateway finished after an outage.
   */
  public void paymentHousekeeping() {
    long now = now();
    try {
      payments.walkOut().settleDue();
      payments.recover();
    } catch (IOException | RuntimeException e) {
      // the gateway is still away: the next round tries again
    }
    var queue = payments.offlineQueue();
    long exposure = queue.exposure().minor();
    long limit = payments.offlinePolicy().totalExposure().minor();
    var expiring = queue.expiringSoon();
    int queued = queue.pending().size();
    db.tx(
        c -> {
          if (limit > 0 && exposure * 5 >= limit * 4) {
            alerts
                .raise(
                    c,
                    "offline_queue_near_limit",
                    config.storeId(),
                    "offline exposure " + config.money(exposure) + " of " + config.money(limit),
                    now)
                .ifPresent(this::emitAlert);
          } else {
            alerts.clear(c, "offline_queue_near_limit", config.storeId(), now);
          }
          for (var p : expiring) {
            alerts
                .raise(
                    c,
                    "offline_payment_expiring",
                    p.key().value(),
                    "queued offline payment of " + p.amount() + " expires at " + p.expiresAt(),
                    now)
                .ifPresent(this::emitAlert);
          }
          if (queued == 0) {
            alerts.clear(c, "payment_offline", config.storeId(), now);
          }
          return null;
        });
    List<SessionBook.Session> due =
        db.read(c -> sessions.inStates(c, SessionBook.State.OPEN, SessionBook.State.CHECKOUT));
    for (SessionBook.Session s : due) {
      if (!s.kind().equals("walkout")) {
        continue;
      }
      Optional<WalkOutSession> w = payments.walkOutSession(s.sessionId());
      boolean stuck = s.state() == SessionBook.State.CHECKOUT && now - s.openedMs() > 10_000;
      boolean settledByDeadline =
          s.state() == SessionBook.State.OPEN && w.isPresent() && w.get().closed();
      if (stuck || settledByDeadline) {
        try {
          settleWalkout(s, settledByDeadline ? "capture deadline" : "settled after outage");
        } catch (RuntimeException e) {
          // the next round tries again
        }
      }
    }
  }

  private void recoverSession(SessionBook.Session s) {
    String sid = s.sessionId();
    if (s.kind().equals("kiosk")) {
      Optional<PaymentJournal.Entry> sale =
          db.read(c -> journal.byKey(c, StorePayments.kioskCaptureKey(sid).value()));
      if (sale.isEmpty() || s.cardToken() == null) {
        kioskCancel(sid);
        return;
      }
      List<SessionBook.CartLine> cart = db.read(c -> sessions.cart(c, sid));
      GatewayOutcome o;
      try {
        o =
            payments.kioskSale(
                sid, PaymentToken.of(s.cardToken()), config.money(sale.get().amountMinor()));
      } catch (IOException e) {
        throw new AmbientException(CONFLICT, "gateway unreachable: " + e.getMessage());
      }
      finishKiosk(s, sale.get().idemKey(), o, cart, sale.get().amountMinor());
      return;
    }
    if (s.state() == SessionBook.State.AUTHORIZING) {
      closeUnauthorized(sid, "recovered after restart");
      return;
    }
    long now = now();
    if (s.state() == SessionBook.State.OPEN) {
      // the shopper is gone: hold the cart as it stands for staff to review
      db.tx(
          c -> {
            sessions.markReview(c, sid);
            return null;
          });
    }
    CheckoutResult r =
        settleWalkout(db.read(c -> sessions.get(c, sid)).orElseThrow(), "closed after restart");
    db.tx(
        c -> {
          audit.append(c, "system", "session.closed_after_restart", sid, r.outcome(), now);
          return null;
        });
  }

  private void closeUnauthorized(String sid, String why) {
    long now = now();
    // a hold may exist at the acquirer although the store never heard: exiting the SDK session
    // with an empty basket releases it (or, for a session that never opened the door, the SDK's
    // recovery settles the dangling hold)
    Optional<WalkOutSession> w = payments.walkOutSession(sid);
    if (w.isPresent() && !w.get().closed()) {
      try {
        w.get().exit(config.money(0));
      } catch (IOException | PaymentValueException e) {
        // recovery releases it on the next start; the acquirer expires unused holds anyway
      }
    }
    db.tx(
        c -> {
          journal.settle(c, sid + ":authorise", PaymentJournal.State.FAILED, null, now);
          sessions.setState(c, sid, SessionBook.State.ABANDONED, why, now);
          return null;
        });
  }

  // ---------------------------------------------------------------- helpers

  private String shopperRef(CardTap t) {
    return payments.returningCards().shopperRef(t);
  }

  private String currency() {
    return config.currency().getCurrencyCode();
  }

  private long now() {
    return clock.millis();
  }

  private void emitAlert(AlertBook.Alert a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("alert", a.alertId());
    m.put("kind", a.kind());
    m.put("subject", a.subject());
    m.put("message", a.message());
    emit("alert", m);
  }

  private void emit(String type, Map<String, Object> data) {
    for (StoreListener l : listeners) {
      try {
        l.onEvent(type, data);
      } catch (RuntimeException ignored) {
        // a listener must not break the store
      }
    }
  }
}
