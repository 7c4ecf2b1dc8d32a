package io.ambientretail.payments.session;

import io.ambientretail.core.Money;
import io.ambientretail.payments.PaymentsErrors;
import io.ambientretail.payments.gateway.CardId;
import io.ambientretail.payments.gateway.DeclineReason;
import io.ambientretail.payments.gateway.GatewayOutcome;
import io.ambientretail.payments.gateway.GatewayTlsException;
import io.ambientretail.payments.gateway.GatewayUnavailableException;
import io.ambientretail.payments.gateway.IdempotencyKey;
import io.ambientretail.payments.gateway.IdempotencyKeyReusedException;
import io.ambientretail.payments.gateway.PaymentGateway;
import io.ambientretail.payments.gateway.PaymentToken;
import io.ambientretail.payments.gateway.PaymentValueException;
import io.ambientretail.payments.gateway.TransactionId;
import io.ambientretail.payments.offline.OfflineAdmission;
import io.ambientretail.payments.offline.StoreAndForward;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the walk-out payment flow of a store: a hold at entry that opens the door only when
 * approved, increments as the basket grows, capture of the total at exit with the rest released, a
 * void for an empty basket, refunds and adjustments against the receipt, and settlement before the
 * capture deadline the gateway stated.
 *
 * <p>The shape follows Adyen's autonomous-store flow (pre-authorise, adjust authorisation, capture)
 * and Stripe's manual capture with incremental authorisation: when the gateway refuses an increment
 * (card-present wallets, amount limits), the session captures what the hold covers and recovers the
 * rest with a second charge on the same token, recorded on the receipt as {@link
 * ReceiptLine.Kind#RECOVERY_CHARGE}.
 *
 * <p>Every request is written to the {@link PaymentJournal} before it is sent, with an idempotency
 * key derived from the session id and the step ({@code <session>:capture}, {@code
 * <session>:increment:2}, ...). After a crash, {@link #recover()} sends each unanswered request
 * again with its key, so no capture is lost or doubled. A key journaled with one request and asked
 * to carry another throws {@link IdempotencyKeyReusedException}.
 *
 * <p>When the gateway cannot be reached at entry and a {@link StoreAndForward} is configured, the
 * card is admitted offline under its limits and the exit charge is queued.
 *
 * <p>Thread-safe: calls for one session are serialised; different sessions run in parallel.
 */
public final class WalkOutSessions {
  private static final Logger LOG = LoggerFactory.getLogger(WalkOutSessions.class);

  private final PaymentGateway gateway;
  private final PaymentJournal journal;
  private final HoldPolicy policy;
  private final Clock clock;
  private final @Nullable StoreAndForward storeAndForward;

  private WalkOutSessions(Builder b) {
    this.gateway = b.gateway;
    this.journal = b.journal;
    this.policy = b.policy;
    this.clock = b.clock;
    this.storeAndForward = b.storeAndForward;
  }

  /** Starts a builder over a gateway, a journal and a hold policy. */
  public static Builder builder(PaymentGateway gateway, PaymentJournal journal, HoldPolicy policy) {
    return new Builder(gateway, journal, policy);
  }

  /**
   * A shopper presents a card at the entry gate: authorises the policy's hold and opens the door
   * only when it is approved (or, with the gateway unreachable, when store-and-forward admits the
   * card). Repeating the call for the same session returns the same decision without a second hold.
   *
   * @param card the card's fingerprint id, needed for offline limits; may be null
   * @throws IOException if the journal cannot be written
   */
  public EntryDecision enter(SessionId id, PaymentToken token, @Nullable CardId card)
      throws IOException {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(token, "token");
    SessionRecord r = journal.record(id);
    if (r == null) {
      r = journal.opened(id, token, card, id.value(), policy.hold(), clock.instant());
    } else if (!r.token.equals(token)) {
      throw new PaymentValueException(
          PaymentsErrors.SESSION_STATE, "session " + id + " was opened with another card");
    }
    synchronized (r) {
      WalkOutSession session = new WalkOutSession(this, r);
      if (r.offline) {
        return new EntryDecision(
            EntryDecision.Outcome.ADMITTED_OFFLINE, session, "admitted offline", null);
      }
      GatewayOutcome o;
      try {
        o = authorise(r);
      } catch (GatewayTlsException e) {
        // not an outage: a wrong trust configuration or someone in the middle; admitting the
        // shopper offline would hide it behind the offline limits, so the door stays shut
        journal.mark(r, "abandoned");
        LOG.error(
            "session {} entry: the gateway's TLS identity was refused; not admitting"
                + " offline: {}",
            id,
            e.getMessage());
        return new EntryDecision(
            EntryDecision.Outcome.UNAVAILABLE, null, "gateway TLS identity refused", null);
      } catch (IOException e) {
        return offlineEntry(r, session, e);
      }
      if (o instanceof GatewayOutcome.Approved) {
        LOG.info(
            "session {} entry hold approved ({}), capture before {}",
            id,
            ((GatewayOutcome.Approved) o).amount(),
            r.captureBefore());
        return new EntryDecision(EntryDecision.Outcome.APPROVED, session, "hold approved", null);
      }
      if (!r.closed) {
        journal.mark(r, "closed");
      }
      DeclineReason reason =
          o instanceof GatewayOutcome.Declined ? ((GatewayOutcome.Declined) o).reason() : null;
      String why =
          o instanceof GatewayOutcome.Declined
              ? "declined: " + reason
              : o instanceof GatewayOutcome.Referral
                  ? "referral: treated as a decline"
                  : "gateway error " + ((GatewayOutcome.Error) o).code();
      LOG.info("session {} entry refused: {}", id, why);
      return new EntryDecision(EntryDecision.Outcome.DECLINED, null, why, reason);
    }
  }

  private EntryDecision offlineEntry(SessionRecord r, WalkOutSession session, IOException cause)
      throws IOException {
    if (storeAndForward == null) {
      journal.mark(r, "abandoned");
      LOG.warn(
          "session {} entry: gateway unavailable ({}), no store-and-forward",
          r.id,
          cause.getClass().getSimpleName());
      return new EntryDecision(
          EntryDecision.Outcome.UNAVAILABLE, null, "gateway unavailable", null);
    }
    OfflineAdmission a =
        r.card == null
            ? new OfflineAdmission(false, OfflineAdmission.Refusal.NO_CARD_ID)
            : storeAndForward.admit(r.card, policy.hold());
    if (!a.admitted()) {
      journal.mark(r, "abandoned");
      return new EntryDecision(
          EntryDecision.Outcome.REFUSED_OFFLINE,
          null,
          "offline admission refused: " + a.refusal(),
          null);
    }
    journal.mark(r, "offline");
    LOG.info("session {} admitted offline", r.id);
    return new EntryDecision(
        EntryDecision.Outcome.ADMITTED_OFFLINE, session, "admitted offline", null);
  }

  private GatewayOutcome authorise(SessionRecord r) throws IOException {
    IdempotencyKey key = key(r, "authorise");
    Money hold = r.hold;
    return call(
        r,
        StepKind.AUTHORISE,
        key,
        "authorise " + hold + " ref " + r.reference,
        hold,
        null,
        () -> gateway.authorise(key, r.token, hold, r.reference));
  }

  BasketCoverage basketChanged(SessionRecord r, Money total) throws IOException {
    synchronized (r) {
      checkAmount(r, total);
      if (r.exitTotal != null || r.closed) {
        throw new PaymentValueException(
            PaymentsErrors.SESSION_STATE, "session " + r.id + " has already exited");
      }
      if (!total.equals(r.basket)) {
        journal.basket(r, total);
      }
      if (r.offline) {
        return BasketCoverage.OFFLINE;
      }
      try {
        boolean incremented = resolvePending(r);
        if (r.incrementRefused()) {
          return total.compareTo(r.authorised()) > 0
              ? BasketCoverage.RECOVER_AT_EXIT
              : BasketCoverage.COVERED;
        }
        if (total.compareTo(r.authorised()) <= 0) {
          return incremented ? BasketCoverage.INCREMENTED : BasketCoverage.COVERED;
        }
        GatewayOutcome o = increment(r, roundUp(total.minus(r.authorised())));
        return o.approved() ? BasketCoverage.INCREMENTED : BasketCoverage.RECOVER_AT_EXIT;
      } catch (IOException e) {
        LOG.info("session {} increment pending: {}", r.id, e.getClass().getSimpleName());
        return BasketCoverage.PENDING;
      }
    }
  }

  /** Sends again the authorise and increments whose answers are unknown; true if one approved. */
  private boolean resolvePending(SessionRecord r) throws IOException {
    boolean approved = false;
    for (Step s : new ArrayList<>(r.steps.values())) {
      if (s.result != null) {
        continue;
      }
      if (s.kind == StepKind.AUTHORISE) {
        authorise(r);
      } else if (s.kind == StepKind.INCREMENT) {
        approved |= resend(r, s).approved();
      }
    }
    return approved;
  }

  private GatewayOutcome increment(SessionRecord r, Money additional) throws IOException {
    TransactionId auth = requireAuthorisation(r);
    int n = r.steps(StepKind.INCREMENT).size() + 1;
    IdempotencyKey key = key(r, "increment:" + n);
    return call(
        r,
        StepKind.INCREMENT,
        key,
        "increment " + auth + " by " + additional,
        additional,
        auth,
        () -> gateway.increment(key, auth, additional));
  }

  private GatewayOutcome resend(SessionRecord r, Step s) throws IOException {
    switch (s.kind) {
      case INCREMENT:
        return call(
            r,
            s.kind,
            s.key,
            s.request,
            s.amount,
            s.target,
            () -> gateway.increment(s.key, s.target, s.amount));
      case CAPTURE:
        return call(
            r,
            s.kind,
            s.key,
            s.request,
            s.amount,
            s.target,
            () -> gateway.capture(s.key, s.target, s.amount, true));
      case RELEASE:
        return call(
            r,
            s.kind,
            s.key,
            s.request,
            s.amount,
            s.target,
            () -> gateway.release(s.key, s.target));
      case RECOVERY_CHARGE:
      case ADJUSTMENT_CHARGE:
        return call(
            r,
            s.kind,
            s.key,
            s.request,
            s.amount,
            s.target,
            () -> gateway.charge(s.key, r.token, s.amount, r.reference));
      case REFUND:
        return call(
            r,
            s.kind,
            s.key,
            s.request,
            s.amount,
            s.target,
            () -> gateway.refund(s.key, s.target, s.amount));
      case AUTHORISE:
      default:
        return authorise(r);
    }
  }

  Receipt exit(SessionRecord r, Money total) throws IOException {
    synchronized (r) {
      checkAmount(r, total);
      if (r.exitTotal == null) {
        if (r.abandoned) {
          throw new PaymentValueException(
              PaymentsErrors.SESSION_STATE, "session " + r.id + " never opened the door");
        }
        journal.exit(r, total, clock.instant());
      } else if (!r.exitTotal.equals(total)) {
        throw new PaymentValueException(
            PaymentsErrors.SESSION_STATE, "session " + r.id + " already exited with another total");
      }
      return finish(r);
    }
  }

  /** Drives an exited session to its end; every step is idempotent, so this may run again. */
  private Receipt finish(SessionRecord r) throws IOException {
    if (r.closed) {
      return r.receipt();
    }
    try {
      if (r.offline) {
        finishOffline(r);
      } else {
        finishOnline(r);
      }
    } catch (IOException e) {
      if (e instanceof GatewayUnavailableException
          || e instanceof java.io.InterruptedIOException
          || e instanceof io.ambientretail.payments.gateway.GatewayProtocolException) {
        LOG.warn(
            "session {} exit pending, will resume with the same keys: {}",
            r.id,
            e.getClass().getSimpleName());
        return r.receipt();
      }
      throw e;
    }
    return r.receipt();
  }

  private void finishOnline(SessionRecord r) throws IOException {
    Money total = Objects.requireNonNull(r.exitTotal);
    resolvePending(r);
    TransactionId auth = r.authorisation();
    if (auth == null) {
      // the hold was never approved (only possible for a session entered before a crash)
      if (!total.isZero()) {
        recoveryCharge(r, total);
      }
      journal.mark(r, "closed");
      return;
    }
    if (total.isZero()) {
      release(r, auth);
      journal.mark(r, "closed");
      return;
    }
    if (total.compareTo(r.authorised()) > 0
        && !r.incrementRefused()
        && r.step(key(r, "capture").value()) == null) {
      increment(r, total.minus(r.authorised()));
    }
    Money captureAmount = total.min(r.authorised());
    IdempotencyKey capKey = key(r, "capture");
    Step existing = r.step(capKey.value());
    GatewayOutcome cap =
        existing != null
            ? resend(r, existing)
            : call(
                r,
                StepKind.CAPTURE,
                capKey,
                "capture " + auth + " " + captureAmount + " final",
                captureAmount,
                auth,
                () -> gateway.capture(capKey, auth, captureAmount, true));
    Money captured =
        cap instanceof GatewayOutcome.Approved
            ? ((GatewayOutcome.Approved) cap).amount()
            : Money.zero(total.currency());
    if (!cap.approved()) {
      // a refused capture leaves the hold to lapse; release it explicitly so it does not linger
      LOG.warn("session {} capture refused; charging the total separately", r.id);
    }
    Money rest = total.minus(captured);
    if (!rest.isNegative() && !rest.isZero()) {
      recoveryCharge(r, rest);
    }
    journal.mark(r, "closed");
    LOG.info("session {} settled: total {}, captured {}", r.id, total, captured);
  }

  private void recoveryCharge(SessionRecord r, Money amount) throws IOException {
    IdempotencyKey key = key(r, "recovery-charge");
    Step existing = r.step(key.value());
    if (existing != null) {
      resend(r, existing);
      return;
    }
    call(
        r,
        StepKind.RECOVERY_CHARGE,
        key,
        "charge " + amount + " recovery",
        amount,
        null,
        () -> gateway.charge(key, r.token, amount, r.reference));
  }

  private GatewayOutcome release(SessionRecord r, TransactionId auth) throws IOException {
    IdempotencyKey key = key(r, "release");
    return call(
        r, StepKind.RELEASE, key, "release " + auth, null, auth, () -> gateway.release(key, auth));
  }

  private void finishOffline(SessionRecord r) throws IOException {
    Money total = Objects.requireNonNull(r.exitTotal);
    StoreAndForward saf = storeAndForward;
    if (saf == null) {
      throw new PaymentValueException(
          PaymentsErrors.SESSION_STATE,
          "session " + r.id + " was admitted offline but no store-and-forward is configured now");
    }
    if (!r.queued) {
      if (total.isZero()) {
        saf.cancel(Objects.requireNonNull(r.card), policy.hold());
      } else {
        try {
          saf.enqueue(
              key(r, "offline-charge"),
              r.token,
              Objects.requireNonNull(r.card),
              total,
              policy.hold(),
              r.reference);
        } catch (GeneralSecurityException e) {
          throw new IOException("session " + r.id + ": cannot seal the offline charge", e);
        }
      }
      journal.mark(r, "queued");
    }
    settleDanglingHold(r);
    journal.mark(r, "closed");
  }

  /** A hold whose answer was lost before the session went offline may exist: release it. */
  private void settleDanglingHold(SessionRecord r) throws IOException {
    Step auth = r.authorise();
    if (auth == null) {
      return;
    }
    GatewayOutcome o = auth.result != null ? auth.result : authorise(r);
    if (o instanceof GatewayOutcome.Approved) {
      release(r, ((GatewayOutcome.Approved) o).transaction());
    }
  }

  /**
   * Finishes what a crash or an outage interrupted, sending every unanswered request again with its
   * journaled key: exits are captured, charged or voided; holds of shoppers the door never admitted
   * are released; holds of shoppers still in the store are confirmed and stay open. Call it on
   * start, and again whenever the gateway comes back.
   *
   * @return the receipts of the sessions that finished now
   */
  public List<Receipt> recover() throws IOException {
    List<Receipt> finished = new ArrayList<>();
    for (SessionRecord r : journal.records()) {
      synchronized (r) {
        if (r.closed) {
          continue;
        }
        try {
          if (r.abandoned) {
            settleDanglingHold(r);
            journal.mark(r, "closed");
          } else if (r.exitTotal != null) {
            Receipt receipt = finish(r);
            if (r.closed) {
              finished.add(receipt);
            }
          } else if (!r.offline) {
            resolvePending(r);
          }
        } catch (GatewayUnavailableException | java.io.InterruptedIOException e) {
          LOG.info("session {} still pending: {}", r.id, e.getClass().getSimpleName());
        }
      }
    }
    return finished;
  }

  /**
   * Settles every open session whose capture deadline (as the gateway stated, or the policy's
   * fallback window) is within the policy's margin: a shopper still counted as inside is charged
   * for the last known basket, as if they had left.
   *
   * @return the receipts of the sessions settled now
   */
  public List<Receipt> settleDue() throws IOException {
    Instant now = clock.instant();
    List<Receipt> settled = new ArrayList<>();
    for (SessionRecord r : journal.records()) {
      synchronized (r) {
        if (r.closed || r.abandoned || r.offline) {
          continue;
        }
        Instant deadline = r.captureBefore();
        if (deadline == null) {
          deadline = r.opened.plus(policy.fallbackCaptureWindow());
        }
        if (now.isBefore(deadline.minus(policy.settleMargin()))) {
          continue;
        }
        LOG.info(
            "session {} settling {} before its capture deadline {}",
            r.id,
            r.exitTotal == null ? "at the last basket" : "its exit",
            deadline);
        Money total =
            r.exitTotal != null
                ? r.exitTotal
                : r.basket != null ? r.basket : Money.zero(r.hold.currency());
        Receipt receipt = exit(r, total);
        if (r.closed) {
          settled.add(receipt);
        }
      }
    }
    return settled;
  }

  /** The session with this id, if it is in the journal. */
  public Optional<WalkOutSession> session(SessionId id) {
    SessionRecord r = journal.record(id);
    return r == null ? Optional.empty() : Optional.of(new WalkOutSession(this, r));
  }

  /** The sessions not yet finished, e.g. to reattach them to shoppers after a restart. */
  public List<WalkOutSession> openSessions() {
    List<WalkOutSession> out = new ArrayList<>();
    for (SessionRecord r : journal.records()) {
      synchronized (r) {
        if (!r.closed && !r.abandoned) {
          out.add(new WalkOutSession(this, r));
        }
      }
    }
    return out;
  }

  /**
   * Refunds {@code amount} of a receipt, from its latest charge backwards, each refund keyed by the
   * receipt and {@code refundReference} so a repeated call refunds once.
   *
   * @param refundReference names this refund (a returns-desk ticket), 1-40 of [A-Za-z0-9_-]
   * @return the receipt with the refund lines added; a declined refund adds none
   * @throws GatewayUnavailableException if the gateway cannot be reached; call again
   */
  public Receipt refund(Receipt receipt, Money amount, String refundReference) throws IOException {
    SessionRecord r = recordFor(receipt);
    checkReference(refundReference);
    synchronized (r) {
      checkAmount(r, amount);
      // a refund reference names the whole refund: finish its parts, never add to them
      String prefix = key(r, "refund:" + refundReference + ":").value();
      Money left = amount;
      for (Step s : r.steps(StepKind.REFUND)) {
        if (s.key.value().startsWith(prefix)) {
          if (!s.request.endsWith(" of " + amount)) {
            throw new IdempotencyKeyReusedException(
                s.key,
                "refund "
                    + refundReference
                    + " of session "
                    + r.id
                    + " was made for another amount");
          }
          if (!resend(r, s).approved()) {
            return r.receipt();
          }
          left = left.minus(Objects.requireNonNull(s.amount));
        }
      }
      List<ReceiptLine> lines = new ArrayList<>(receipt.lines());
      for (int i = lines.size() - 1; i >= 0 && left.minor() > 0; i--) {
        ReceiptLine l = lines.get(i);
        if (l.kind() == ReceiptLine.Kind.REFUND
            || l.transaction() == null
            || r.step(prefix + l.transaction()) != null) {
          continue;
        }
        Money refundable = l.amount().minus(refundedOn(r, l.transaction()));
        Money part = left.min(refundable);
        if (part.minor() <= 0) {
          continue;
        }
        IdempotencyKey key = key(r, "refund:" + refundReference + ":" + l.transaction());
        TransactionId target = l.transaction();
        Money p = part;
        GatewayOutcome o =
            call(
                r,
                StepKind.REFUND,
                key,
                "refund " + target + " " + part + " of " + amount,
                part,
                target,
                () -> gateway.refund(key, target, p));
        if (!o.approved()) {
          break;
        }
        left = left.minus(part);
      }
      return r.receipt();
    }
  }

  /**
   * Corrects a receipt's total after the visit (a mis-picked item, a goodwill price): refunds the
   * difference when {@code newTotal} is lower than what was charged, or charges it on the same
   * token when higher (an {@link ReceiptLine.Kind#ADJUSTMENT_CHARGE}).
   *
   * @param reference names this adjustment, 1-40 of [A-Za-z0-9_-]
   */
  public Receipt adjust(Receipt receipt, Money newTotal, String reference) throws IOException {
    Money charged = receipt.charged();
    Money diff = newTotal.minus(charged);
    if (diff.isNegative()) {
      return refund(receipt, diff.negate(), reference);
    }
    SessionRecord r = recordFor(receipt);
    checkReference(reference);
    synchronized (r) {
      if (!diff.isZero()) {
        IdempotencyKey key = key(r, "adjust:" + reference);
        call(
            r,
            StepKind.ADJUSTMENT_CHARGE,
            key,
            "charge " + diff + " adjustment",
            diff,
            null,
            () -> gateway.charge(key, r.token, diff, r.reference));
      }
      return r.receipt();
    }
  }

  private SessionRecord recordFor(Receipt receipt) throws IOException {
    SessionRecord r = journal.record(receipt.session());
    if (r != null) {
      return r;
    }
    // the session was compacted away: reopen it in the journal from the receipt
    r =
        journal.opened(
            receipt.session(),
            receipt.token(),
            null,
            receipt.session().value(),
            receipt.total(),
            clock.instant());
    synchronized (r) {
      journal.exit(r, receipt.total(), clock.instant());
      journal.mark(r, "closed");
    }
    return r;
  }

  private static Money refundedOn(SessionRecord r, TransactionId t) {
    Money sum = Money.zero(r.hold.currency());
    for (Step s : r.steps(StepKind.REFUND)) {
      if (t.equals(s.target) && s.approved()) {
        sum = sum.plus(s.approvedResult().amount());
      }
    }
    return sum;
  }

  private static void checkReference(String reference) {
    if (!reference.matches("[A-Za-z0-9_-]{1,40}")) {
      throw new PaymentValueException(
          PaymentsErrors.PAYMENT_VALUE, "reference must be 1-40 characters of [A-Za-z0-9_-]");
    }
  }

  /** The journaled request function: at most one send per key, each journaled before sending. */
  private GatewayOutcome call(
      SessionRecord r,
      StepKind kind,
      IdempotencyKey key,
      String request,
      @Nullable Money amount,
      @Nullable TransactionId target,
      GatewayCall send)
      throws IOException {
    Step s = r.step(key.value());
    if (s != null) {
      if (!s.request.equals(request)) {
        throw new IdempotencyKeyReusedException(
            key, "key " + key + " was journaled for another request of session " + r.id);
      }
      if (s.result != null) {
        return s.result;
      }
    } else {
      s = new Step(kind, key, request, amount, target);
      journal.intent(r, s);
      s = Objects.requireNonNull(r.step(key.value()));
    }
    GatewayOutcome o = send.send();
    if (o instanceof GatewayOutcome.Error && ((GatewayOutcome.Error) o).retryable()) {
      throw new GatewayUnavailableException(
          kind.name().toLowerCase(java.util.Locale.ROOT)
              + ": gateway still failing with retryable "
              + ((GatewayOutcome.Error) o).code(),
          null);
    }
    journal.result(r, s, o);
    return o;
  }

  @FunctionalInterface
  private interface GatewayCall {
    GatewayOutcome send() throws IOException;
  }

  private static IdempotencyKey key(SessionRecord r, String step) {
    return IdempotencyKey.of(r.id.value() + ":" + step);
  }

  private static TransactionId requireAuthorisation(SessionRecord r) {
    TransactionId t = r.authorisation();
    if (t == null) {
      throw new PaymentValueException(
          PaymentsErrors.SESSION_STATE, "session " + r.id + " has no approved hold");
    }
    return t;
  }

  private Money roundUp(Money shortfall) {
    long step = policy.incrementStep().minor();
    long n = (shortfall.minor() + step - 1) / step;
    return Money.ofMinor(Math.multiplyExact(n, step), shortfall.currency());
  }

  private static void checkAmount(SessionRecord r, Money amount) {
    Objects.requireNonNull(amount, "amount");
    if (!amount.currency().equals(r.hold.currency()) || amount.isNegative()) {
      throw new PaymentValueException(
          PaymentsErrors.PAYMENT_VALUE,
          "amount must be zero or positive in " + r.hold.currency().getCurrencyCode());
    }
  }

  /** Configures {@link WalkOutSessions}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private final PaymentGateway gateway;
    private final PaymentJournal journal;
    private final HoldPolicy policy;
    private Clock clock = Clock.systemUTC();
    private @Nullable StoreAndForward storeAndForward;

    private Builder(PaymentGateway gateway, PaymentJournal journal, HoldPolicy policy) {
      this.gateway = Objects.requireNonNull(gateway, "gateway");
      this.journal = Objects.requireNonNull(journal, "journal");
      this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The clock for deadlines and journal times (default the system UTC clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Admits shoppers offline through {@code saf} when the gateway cannot be reached. */
    public Builder storeAndForward(StoreAndForward saf) {
      this.storeAndForward = Objects.requireNonNull(saf, "saf");
      return this;
    }

    /** Builds the sessions service; call {@link WalkOutSessions#recover()} next. */
    public WalkOutSessions build() {
      return new WalkOutSessions(this);
    }
  }
}
