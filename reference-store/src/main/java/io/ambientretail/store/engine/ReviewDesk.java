package io.ambientretail.store.engine;

import io.ambientretail.core.AmbientException;
import io.ambientretail.core.ErrorCode;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.db.AlertBook;
import io.ambientretail.store.db.AuditTrail;
import io.ambientretail.store.db.Database;
import io.ambientretail.store.db.ReviewBook;
import io.ambientretail.store.db.SessionBook;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The staff's desk for walk-out receipts held for review: a session whose cart attribution was
 * ambiguous is not captured at exit (the shopper still leaves; the entry hold stays), and waits
 * here until staff approve the cart, adjust it to what the footage shows, or void it. A decision is
 * durable and audited before any money moves; the capture then goes through the same SDK walk-out
 * exit as a normal one, with the session's idempotency keys, so a retried or recovered decision
 * captures once. A review nobody decided in time gets the store's default decision ({@code
 * review.whenLate}) from {@link #applyDeadlines(long)}, audited as {@code system}.
 *
 * <p>Thread-safe: the API, the housekeeping thread and the simulated staff call it concurrently;
 * the first decision wins, the others get a conflict.
 */
public final class ReviewDesk {
  /** Error code of a decision whose body is not valid (the message names the field). */
  public static final ErrorCode INVALID = ErrorCode.of("STORE_REVIEW_INVALID");

  /** The checkout outcome of an exit whose receipt is held for review. */
  public static final String HELD = "held for review";

  /** Most lines an adjusted basket may have. */
  public static final int MAX_LINES = 200;

  /** Most units of one lane in an adjusted basket. */
  public static final int MAX_QTY = 999;

  /** Settles a reviewed session through the engine's walk-out settle path. */
  interface Settler {
    /** Captures (or releases) {@code basket} for a session in REVIEW and issues its receipt. */
    StoreEngine.CheckoutResult settle(
        String sessionId, List<SessionBook.CartLine> basket, String why);

    /** True when the SDK already settled the session's money (e.g. at its capture deadline). */
    boolean paymentClosed(String sessionId);
  }

  /**
   * A staff decision: {@code approve} or {@code void} without lines, {@code adjust} with the
   * corrected basket (lines with quantity 0 are dropped). The constructor takes null lines for
   * approve and void (kept as an empty list), so {@link #lines()} is never null.
   */
  public record Request(ReviewBook.Decision decision, List<ReviewBook.Line> lines) {
    /**
     * Checks the request.
     *
     * @throws AmbientException ({@link #INVALID}) naming the field that is wrong
     */
    public Request {
      if (decision == null) {
        throw new AmbientException(INVALID, "decision: expected approve, adjust or void");
      }
      if (decision == ReviewBook.Decision.ADJUST) {
        if (lines == null) {
          throw new AmbientException(INVALID, "lines: required for decision adjust");
        }
        if (lines.size() > MAX_LINES) {
          throw new AmbientException(INVALID, "lines: at most " + MAX_LINES + " lines");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
          ReviewBook.Line l = lines.get(i);
          if (l.qty() < 0 || l.qty() > MAX_QTY) {
            throw new AmbientException(
                INVALID, "lines[" + i + "].qty: expected 0 to " + MAX_QTY + ", was " + l.qty());
          }
          if (!seen.add(l.laneId())) {
            throw new AmbientException(
                INVALID, "lines[" + i + "].lane: lane " + l.laneId() + " listed twice");
          }
        }
        lines = lines.stream().filter(l -> l.qty() > 0).toList();
      } else {
        if (lines != null && !lines.isEmpty()) {
          throw new AmbientException(INVALID, "lines: only decision adjust takes lines");
        }
        lines = List.of();
      }
    }

    /** Approve the cart as the store saw it. */
    public static Request approve() {
      return new Request(ReviewBook.Decision.APPROVE, null);
    }

    /** Release the hold without a charge. */
    public static Request voided() {
      return new Request(ReviewBook.Decision.VOID, null);
    }

    /** Capture {@code lines} instead of the cart the store saw. */
    public static Request adjust(List<ReviewBook.Line> lines) {
      return new Request(ReviewBook.Decision.ADJUST, lines);
    }
  }

  /**
   * What a decision did: the basket total decided, the receipt when one was issued, the checkout
   * outcome, and whether the money has settled ({@code false}: capture pending, finished by
   * housekeeping or recovery with the same keys).
   */
  public record Outcome(
      String sessionId,
      ReviewBook.Decision decision,
      long totalMinor,
      Optional<String> receiptId,
      String outcome,
      boolean settled) {}

  private final Database db;
  private final StoreConfig config;
  private final SessionBook sessions;
  private final ReviewBook book;
  private final AuditTrail audit;
  private final AlertBook alerts;
  private final Settler settler;
  private final LongSupplier clock;
  private final BiConsumer<String, Map<String, Object>> events;
  private final Consumer<AlertBook.Alert> alertEvents;
  private final Map<String, StoreConfig.Lane> lanes = new LinkedHashMap<>();

  /**
   * Held by a round of {@link #applyDeadlines(long)} or {@link #resume()}: rounds from the
   * housekeeping thread, recovery and a caller run one after the other, so a round never finds the
   * capture of a decision another round is still settling and returns with it unsettled.
   */
  private final ReentrantLock rounds = new ReentrantLock();

  /**
   * Sessions whose decision a caller of {@link #decide} is making and then settling itself: a
   * housekeeping round leaves those alone, so staff get the outcome of their own decision instead
   * of "already settling" because the round took the capture between the decision and its settle.
   * Counted, as a retried request may decide the same session twice at once.
   */
  private final java.util.concurrent.ConcurrentHashMap<String, Integer> deciding =
      new java.util.concurrent.ConcurrentHashMap<>();

  ReviewDesk(
      Database db,
      StoreConfig config,
      SessionBook sessions,
      ReviewBook book,
      AuditTrail audit,
      AlertBook alerts,
      Settler settler,
      LongSupplier clock,
      BiConsumer<String, Map<String, Object>> events,
      Consumer<AlertBook.Alert> alertEvents) {
    this.db = db;
    this.config = config;
    this.sessions = sessions;
    this.book = book;
    this.audit = audit;
    this.alerts = alerts;
    this.settler = settler;
    this.clock = clock;
    this.events = events;
    this.alertEvents = alertEvents;
    for (StoreConfig.Lane l : config.lanes()) {
      lanes.put(l.id(), l);
    }
  }

  /** The review records. */
  public ReviewBook book() {
    return book;
  }

  /**
   * Holds a session's receipt for review, inside the engine's settle transaction: the review row
   * with its deadline, the audit entry and the {@code review_pending} alert.
   */
  void hold(Connection c, SessionBook.Session s, List<SessionBook.CartLine> cart, long now)
      throws SQLException {
    long total = SessionBook.totalMinor(cart);
    long due = now + config.review().decideWithinMinutes() * 60_000L;
    List<ReviewBook.Line> seen =
        cart.stream().map(l -> new ReviewBook.Line(l.laneId(), l.qty())).toList();
    if (!book.hold(c, s.sessionId(), now, due, total, seen)) {
      return;
    }
    audit.append(
        c,
        "store",
        "review.held",
        s.sessionId(),
        "total="
            + config.money(total)
            + " lines="
            + describe(seen)
            + " due="
            + Instant.ofEpochMilli(due),
        now);
    alerts
        .raise(
            c,
            "review_pending",
            s.sessionId(),
            "receipt of "
                + s.sessionId()
                + " ("
                + config.money(total)
                + ") is held for review until "
                + Instant.ofEpochMilli(due),
            now)
        .ifPresent(alertEvents);
  }

  /** Tells listeners a session's receipt is held (after the hold is durable). */
  void announce(String sessionId, long totalMinor) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("session", sessionId);
    m.put("state", "PENDING");
    m.put("totalMinor", totalMinor);
    events.accept("review", m);
  }

  /** Reviews waiting for staff. */
  public long pendingCount() {
    return db.read(c -> (long) book.inState(c, ReviewBook.State.PENDING).size());
  }

  /** Reviews not yet settled (waiting for staff, or decided with the capture in flight). */
  public long openCount() {
    return db.read(
        c ->
            (long)
                (book.inState(c, ReviewBook.State.PENDING).size()
                    + book.inState(c, ReviewBook.State.DECIDED).size()));
  }

  /**
   * The receipts waiting for staff, oldest first: session, shopper, card label, when held and due,
   * the cart as the store saw it (lane, name, quantity, amount, whether ambiguous) and its total.
   */
  public List<Map<String, Object>> pending() {
    return db.read(
        c -> {
          List<Map<String, Object>> out = new ArrayList<>();
          for (ReviewBook.Review r : book.inState(c, ReviewBook.State.PENDING)) {
            Optional<SessionBook.Session> s = sessions.get(c, r.sessionId());
            if (s.isEmpty()) {
              continue;
            }
            out.add(view(r, s.get(), sessions.cart(c, r.sessionId())));
          }
          return out;
        });
  }

  /** One review (any state) as {@link #pending()} shows it, plus its decision when made. */
  public Map<String, Object> get(String sessionId) {
    return db.read(
        c -> {
          ReviewBook.Review r =
              book.get(c, sessionId)
                  .orElseThrow(
                      () ->
                          new AmbientException(
                              StoreEngine.NOT_FOUND, "no review of session " + sessionId));
          SessionBook.Session s =
              sessions
                  .get(c, sessionId)
                  .orElseThrow(
                      () -> new AmbientException(StoreEngine.NOT_FOUND, "no session " + sessionId));
          return view(r, s, sessions.cart(c, sessionId));
        });
  }

  private Map<String, Object> view(
      ReviewBook.Review r, SessionBook.Session s, List<SessionBook.CartLine> cart) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("session", r.sessionId());
    m.put("state", r.state().name());
    m.put("shopper", s.shopperRef());
    m.put("card", s.cardLabel());
    m.put("enteredAt", Instant.ofEpochMilli(s.openedMs()).toString());
    m.put("heldAt", Instant.ofEpochMilli(r.heldMs()).toString());
    m.put("dueAt", Instant.ofEpochMilli(r.dueMs()).toString());
    m.put("whenLate", config.review().whenLate().name().toLowerCase(java.util.Locale.ROOT));
    List<Map<String, Object>> lines = new ArrayList<>();
    int ambiguous = 0;
    for (SessionBook.CartLine l : cart) {
      Map<String, Object> lm = new LinkedHashMap<>();
      StoreConfig.Lane lane = lanes.get(l.laneId());
      lm.put("lane", l.laneId());
      lm.put("name", lane == null ? l.laneId() : lane.name());
      lm.put("qty", l.qty());
      lm.put("amountMinor", l.priceMinor());
      lm.put("ambiguous", l.ambiguous());
      ambiguous += l.ambiguous() ? 1 : 0;
      lines.add(lm);
    }
    m.put("lines", lines);
    m.put("ambiguousLines", ambiguous);
    m.put("totalMinor", r.seenMinor());
    m.put("currency", config.currency().getCurrencyCode());
    if (r.decision() != null) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("decision", r.decision().id());
      d.put("by", r.decidedBy());
      d.put("at", Instant.ofEpochMilli(r.decidedMs()).toString());
      d.put(
          "lines",
          r.lines().stream().map(l -> Map.of("lane", l.laneId(), "qty", l.qty())).toList());
      d.put("totalMinor", r.totalMinor());
      d.put("outcome", r.outcome());
      m.put("decided", d);
    }
    return m;
  }

  /**
   * Decides a held receipt, durably and audited, then captures (or releases) through the SDK
   * walk-out session with its idempotency keys and issues the receipt, booking the ledger.
   *
   * @param actor who decided (audited); {@code system} for the deadline
   * @throws AmbientException {@link StoreEngine#NOT_FOUND} for an unknown session, {@link
   *     StoreEngine#CONFLICT} when the session is not held for review or its review was already
   *     decided, {@link #INVALID} for an adjusted basket naming an unknown lane
   */
  public Outcome decide(String sessionId, Request request, String actor) {
    return decide(sessionId, request, actor, null);
  }

  /**
   * {@link #decide(String, Request, String)} with a note from staff (what the footage showed, at
   * most 200 characters), audited with the decision; null for none.
   */
  public Outcome decide(String sessionId, Request request, String actor, @Nullable String note) {
    if (note != null && note.length() > 200) {
      throw new AmbientException(INVALID, "note: at most 200 characters");
    }
    deciding.merge(sessionId, 1, Integer::sum);
    try {
      return decideAndSettle(sessionId, request, actor, note);
    } finally {
      deciding.computeIfPresent(sessionId, (k, v) -> v == 1 ? null : v - 1);
    }
  }

  private Outcome decideAndSettle(
      String sessionId, Request request, String actor, @Nullable String note) {
    long now = clock.getAsLong();
    ReviewBook.Review r =
        db.tx(
            c -> {
              SessionBook.Session s =
                  sessions
                      .get(c, sessionId)
                      .orElseThrow(
                          () ->
                              new AmbientException(
                                  StoreEngine.NOT_FOUND, "no session " + sessionId));
              Optional<ReviewBook.Review> held = book.get(c, sessionId);
              if (held.isEmpty()) {
                throw new AmbientException(
                    StoreEngine.CONFLICT,
                    "session "
                        + sessionId
                        + " is "
                        + s.state()
                        + ": its receipt is not held for review");
              }
              ReviewBook.Review cur = held.get();
              if (cur.state() == ReviewBook.State.PENDING) {
                List<SessionBook.CartLine> seen = sessions.cart(c, sessionId);
                List<ReviewBook.Line> lines =
                    switch (request.decision()) {
                      case APPROVE ->
                          seen.stream().map(l -> new ReviewBook.Line(l.laneId(), l.qty())).toList();
                      case VOID -> List.of();
                      case ADJUST -> request.lines();
                    };
                List<SessionBook.CartLine> basket = basket(lines, seen);
                long total = SessionBook.totalMinor(basket);
                if (!book.decide(c, sessionId, request.decision(), actor, now, lines, total)) {
                  throw new AmbientException(
                      StoreEngine.CONFLICT, "review of " + sessionId + " was decided meanwhile");
                }
                List<ReviewBook.Line> before =
                    seen.stream().map(l -> new ReviewBook.Line(l.laneId(), l.qty())).toList();
                audit.append(
                    c,
                    actor,
                    "review." + request.decision().id(),
                    sessionId,
                    "total="
                        + config.money(cur.seenMinor())
                        + "->"
                        + config.money(total)
                        + " changes="
                        + changes(before, lines)
                        + (note == null ? "" : " note=" + note),
                    now);
                return book.get(c, sessionId).orElseThrow();
              }
              if (cur.state() == ReviewBook.State.DECIDED
                  && cur.decision() == request.decision()
                  && (request.decision() != ReviewBook.Decision.ADJUST
                      || sameLines(cur.lines(), request.lines()))) {
                // the same decision again while its capture is in flight: finish it (idempotent)
                return cur;
              }
              throw new AmbientException(
                  StoreEngine.CONFLICT,
                  "review of "
                      + sessionId
                      + " was already decided: "
                      + cur.decision().id()
                      + " by "
                      + cur.decidedBy()
                      + (cur.outcome() == null ? "" : " (" + cur.outcome() + ")"));
            });
    return settle(r);
  }

  /**
   * Applies the store's default decision ({@code review.whenLate}) to every review past its
   * deadline at {@code nowMs}, audited as {@code system}; approves (as {@code system}) a review
   * whose SDK session already settled at its capture deadline; and finishes decisions whose capture
   * was left in flight. Call it from housekeeping. Rounds run one at a time (a second caller waits
   * for the round in progress), so when it returns every decision it made or found in flight has
   * been settled by it or by the round before; one whose capture failed stays decided and is
   * finished by a later round.
   *
   * @return how many reviews were decided or finished now
   */
  public int applyDeadlines(long nowMs) {
    rounds.lock();
    try {
      int n = 0;
      List<ReviewBook.Review> pending = db.read(c -> book.inState(c, ReviewBook.State.PENDING));
      for (ReviewBook.Review r : pending) {
        boolean settledBySdk = settler.paymentClosed(r.sessionId());
        if (r.dueMs() > nowMs && !settledBySdk) {
          continue;
        }
        Request late =
            settledBySdk || config.review().whenLate() == StoreConfig.LateDecision.APPROVE
                ? Request.approve()
                : Request.voided();
        try {
          decide(
              r.sessionId(),
              late,
              "system",
              settledBySdk ? "payment settled at its capture deadline" : "review deadline passed");
          n++;
        } catch (AmbientException e) {
          // staff decided meanwhile; a decision made but not settled is finished by resume below
        }
      }
      return n + resume();
    } finally {
      rounds.unlock();
    }
  }

  /**
   * Finishes decisions a crash or an outage left with the capture in flight (exactly once: the SDK
   * answers a repeated exit with its first result; the receipt is issued once). Reviews still
   * waiting for staff stay held.
   *
   * @return how many were finished now
   */
  int resume() {
    rounds.lock();
    try {
      int n = 0;
      for (ReviewBook.Review r : db.read(c -> book.inState(c, ReviewBook.State.DECIDED))) {
        if (deciding.containsKey(r.sessionId())) {
          continue; // its decider settles it now; a later round finishes it if that fails
        }
        try {
          if (settle(r).settled()) {
            n++;
          }
        } catch (RuntimeException e) {
          // the next round tries again
        }
      }
      return n;
    } finally {
      rounds.unlock();
    }
  }

  private Outcome settle(ReviewBook.Review r) {
    String sid = r.sessionId();
    List<SessionBook.CartLine> basket = db.read(c -> basket(r.lines(), sessions.cart(c, sid)));
    StoreEngine.CheckoutResult out = settler.settle(sid, basket, "review " + r.decision().id());
    SessionBook.Session s = db.read(c -> sessions.get(c, sid)).orElseThrow();
    boolean settled = s.state() != SessionBook.State.REVIEW;
    long now = clock.getAsLong();
    if (settled) {
      String outcome =
          out.receipt()
              .map(rc -> "receipt " + rc.receiptId())
              .orElse(s.state().name().toLowerCase(java.util.Locale.ROOT) + ": " + out.outcome());
      db.tx(
          c -> {
            book.done(c, sid, outcome);
            alerts.clear(c, "review_pending", sid, now);
            return null;
          });
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("session", sid);
      m.put("state", "DONE");
      m.put("decision", r.decision().id());
      m.put("totalMinor", r.totalMinor());
      events.accept("review", m);
    }
    return new Outcome(
        sid,
        r.decision(),
        r.totalMinor() == null ? 0 : r.totalMinor(),
        out.receipt().map(rc -> rc.receiptId()),
        out.outcome(),
        settled);
  }

  /**
   * Prices a decided basket: a lane the store saw keeps its per-unit amount (and weight) from the
   * cart; another lane is priced from the planogram.
   */
  private List<SessionBook.CartLine> basket(
      List<ReviewBook.Line> lines, List<SessionBook.CartLine> seen) {
    Map<String, SessionBook.CartLine> byLane = new LinkedHashMap<>();
    seen.forEach(l -> byLane.put(l.laneId(), l));
    List<SessionBook.CartLine> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      ReviewBook.Line l = lines.get(i);
      StoreConfig.Lane lane = lanes.get(l.laneId());
      if (lane == null) {
        throw new AmbientException(
            INVALID, "lines[" + i + "].lane: no lane '" + l.laneId() + "' in the planogram");
      }
      SessionBook.CartLine s = byLane.get(l.laneId());
      if (s != null && s.qty() == l.qty()) {
        out.add(s);
        continue;
      }
      long weightMg;
      long price;
      if (s != null) {
        weightMg = s.weightMg() * l.qty() / s.qty();
        price = roundedDiv(Math.multiplyExact(s.priceMinor(), (long) l.qty()), s.qty());
      } else {
        weightMg = lane.unitGrams() * 1000L * l.qty();
        price =
            lane.pricing() == StoreConfig.Pricing.WEIGHT
                ? Math.multiplyExact(
                    roundedDiv(
                        Math.multiplyExact((long) lane.unitGrams(), lane.pricePerKgMinor()), 1000),
                    (long) l.qty())
                : Math.multiplyExact(lane.priceMinor(), (long) l.qty());
      }
      out.add(new SessionBook.CartLine(l.laneId(), l.qty(), weightMg, price, true));
    }
    return out;
  }

  private static boolean sameLines(List<ReviewBook.Line> a, List<ReviewBook.Line> b) {
    return a != null && b != null && Set.copyOf(a).equals(Set.copyOf(b));
  }

  /** What a decision changed, lane by lane: {@code lane:before->after}, or {@code none}. */
  static String changes(List<ReviewBook.Line> before, List<ReviewBook.Line> after) {
    Map<String, int[]> m = new LinkedHashMap<>();
    before.forEach(l -> m.computeIfAbsent(l.laneId(), k -> new int[2])[0] += l.qty());
    after.forEach(l -> m.computeIfAbsent(l.laneId(), k -> new int[2])[1] += l.qty());
    StringBuilder sb = new StringBuilder();
    m.forEach(
        (lane, q) -> {
          if (q[0] != q[1]) {
            sb.append(sb.length() == 0 ? "" : ",")
                .append(lane)
                .append(':')
                .append(q[0])
                .append("->")
                .append(q[1]);
          }
        });
    return sb.length() == 0 ? "none" : sb.toString();
  }

  private static String describe(List<ReviewBook.Line> lines) {
    StringBuilder sb = new StringBuilder();
    for (ReviewBook.Line l : lines) {
      sb.append(sb.length() == 0 ? "" : ",").append(l.laneId()).append('x').append(l.qty());
    }
    return sb.length() == 0 ? "empty" : sb.toString();
  }

  /** {@code a / b} rounded half up, for a non-negative {@code a} and positive {@code b}. */
  private static long roundedDiv(long a, long b) {
    long q = a / b;
    return (a % b) * 2 >= b ? q + 1 : q;
  }
}
