package io.ambientretail.store.pay;

import io.ambientretail.core.Money;
import io.ambientretail.devices.SmartCard;
import io.ambientretail.payments.gateway.GatewayOutcome;
import io.ambientretail.payments.gateway.IdempotencyKey;
import io.ambientretail.payments.gateway.PaymentGateway;
import io.ambientretail.payments.gateway.TransactionId;
import io.ambientretail.payments.offline.OfflinePolicy;
import io.ambientretail.payments.offline.ReplayReport;
import io.ambientretail.payments.offline.StoreAndForward;
import io.ambientretail.payments.session.HoldPolicy;
import io.ambientretail.payments.session.PaymentJournal;
import io.ambientretail.payments.session.Receipt;
import io.ambientretail.payments.session.SessionId;
import io.ambientretail.payments.session.WalkOutSession;
import io.ambientretail.payments.session.WalkOutSessions;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The store's payment side on sdk-payments: one {@link PaymentGateway} (HTTP to the acquirer), the
 * walk-out sessions with their file {@link PaymentJournal} ({@code payments.journal} beside the
 * database), store-and-forward for when the gateway cannot be reached ({@code offline.queue}), and
 * the card reading of {@link CardTaps}. The kiosk path authorises and captures through the same
 * gateway with idempotency keys derived from the session id.
 *
 * <p>Thread-safe. {@link #close()} closes the journal and the queue, not the gateway.
 */
public final class StorePayments implements AutoCloseable {
  private final PaymentGateway gateway;
  private final PaymentJournal journal;
  private final StoreAndForward offline;
  private final WalkOutSessions walkOut;
  private final CardTaps taps;
  private final HoldPolicy policy;
  private final OfflinePolicy offlinePolicy;
  private final ReturningCards returning;
  private volatile @Nullable VpcdTaps vpcd;

  private StorePayments(
      PaymentGateway gateway,
      PaymentJournal journal,
      StoreAndForward offline,
      WalkOutSessions walkOut,
      CardTaps taps,
      HoldPolicy policy,
      OfflinePolicy offlinePolicy,
      ReturningCards returning) {
    this.gateway = gateway;
    this.journal = journal;
    this.offline = offline;
    this.walkOut = walkOut;
    this.taps = taps;
    this.policy = policy;
    this.offlinePolicy = offlinePolicy;
    this.returning = returning;
  }

  /**
   * Opens the payment journal and the offline queue under {@code dataDir} and builds the walk-out
   * sessions over {@code gateway}; call {@link #recover()} next.
   *
   * @param hold the entry hold (also the increment step)
   * @param secret the store's card key secret (token, fingerprint and queue keys derive from it)
   * @param offerRecognition whether returning-card recognition is offered (with consent)
   * @throws IOException if the journal or the queue cannot be opened
   */
  public static StorePayments open(
      Path dataDir,
      PaymentGateway gateway,
      Money hold,
      byte[] secret,
      boolean offerRecognition,
      Clock clock)
      throws IOException {
    return open(
        dataDir,
        gateway,
        hold,
        io.ambientretail.store.config.StoreConfig.Offline.DEFAULTS,
        secret,
        offerRecognition,
        clock);
  }

  /**
   * As {@link #open(Path, PaymentGateway, Money, byte[], boolean, Clock)}, with the offline
   * (store-and-forward) limits of {@code store.yaml}'s {@code payment.offline}: exposure per card
   * and in total as multiples of {@code hold}, maximum age and warning time of a queued payment.
   *
   * @throws IOException if the journal or the queue cannot be opened
   */
  public static StorePayments open(
      Path dataDir,
      PaymentGateway gateway,
      Money hold,
      io.ambientretail.store.config.StoreConfig.Offline limits,
      byte[] secret,
      boolean offerRecognition,
      Clock clock)
      throws IOException {
    Objects.requireNonNull(limits, "limits");
    HoldPolicy policy =
        HoldPolicy.builder(hold)
            .incrementStep(hold)
            .settleMargin(Duration.ofHours(1))
            .fallbackCaptureWindow(Duration.ofDays(1))
            .build();
    OfflinePolicy offlinePolicy =
        OfflinePolicy.builder(
                Money.ofMinor(
                    Math.multiplyExact(hold.minor(), (long) limits.perCardHolds()),
                    hold.currency()),
                Money.ofMinor(
                    Math.multiplyExact(hold.minor(), (long) limits.totalHolds()), hold.currency()))
            .maxAge(Duration.ofHours(limits.maxAgeHours()))
            .warnBefore(Duration.ofHours(limits.warnBeforeHours()))
            .build();
    PaymentJournal journal = PaymentJournal.open(dataDir.resolve("payments.journal"));
    StoreAndForward saf;
    try {
      saf =
          StoreAndForward.open(
              dataDir.resolve("offline.queue"),
              new SecretKeySpec(CardTaps.derive(secret, "offline-queue"), "AES"),
              offlinePolicy,
              clock);
    } catch (GeneralSecurityException | IOException e) {
      journal.close();
      throw e instanceof IOException io
          ? io
          : new IOException("offline queue cannot be opened: " + e.getMessage(), e);
    }
    WalkOutSessions sessions =
        WalkOutSessions.builder(gateway, journal, policy).clock(clock).storeAndForward(saf).build();
    return new StorePayments(
        gateway,
        journal,
        saf,
        sessions,
        CardTaps.create(secret),
        policy,
        offlinePolicy,
        ReturningCards.create(offerRecognition, clock));
  }

  /** The gateway every payment goes through. */
  public PaymentGateway gateway() {
    return gateway;
  }

  /** The walk-out sessions (entry hold, increments, capture, refunds). */
  public WalkOutSessions walkOut() {
    return walkOut;
  }

  /**
   * Reads tapped cards through the vpcd virtual reader and pcscd from now on, instead of in
   * process; this object closes it.
   */
  public void useVpcd(VpcdTaps taps) {
    this.vpcd = Objects.requireNonNull(taps, "taps");
  }

  /**
   * Reads a card presented at a reader: through pcscd when {@link #useVpcd} was called, else over
   * an in-process APDU channel to the card.
   *
   * @throws IOException if the card cannot be read
   */
  public CardTap tap(SmartCard card) throws IOException {
    VpcdTaps v = vpcd;
    return v != null ? v.read(card, taps) : taps.read(card::process);
  }

  /** The card reader and tokenizer. */
  public CardTaps taps() {
    return taps;
  }

  /** Returning-card recognition, with consent. */
  public ReturningCards returningCards() {
    return returning;
  }

  /** The entry hold policy. */
  public HoldPolicy holdPolicy() {
    return policy;
  }

  /** The offline limits. */
  public OfflinePolicy offlinePolicy() {
    return offlinePolicy;
  }

  /** The store-and-forward queue. */
  public StoreAndForward offlineQueue() {
    return offline;
  }

  /** The ids of every session in the SDK payment journal, oldest first. */
  public List<SessionId> journaledSessions() {
    return journal.sessionIds();
  }

  /** The walk-out session with this store session id, if the SDK journal has it. */
  public Optional<WalkOutSession> walkOutSession(String sessionId) {
    return walkOut.session(SessionId.of(sessionId));
  }

  /** The SDK receipt of a walk-out session, if the journal has it. */
  public Optional<Receipt> walkOutReceipt(String sessionId) {
    return walkOutSession(sessionId).map(WalkOutSession::receipt);
  }

  /**
   * Finishes what a crash or an outage left: unanswered walk-out steps are sent again with their
   * keys, and the offline queue is forwarded when the gateway answers.
   *
   * @return the SDK receipts of sessions that finished now
   */
  public List<Receipt> recover() throws IOException {
    List<Receipt> done = new ArrayList<>(walkOut.recover());
    replayOffline();
    return done;
  }

  /** Forwards the offline queue; empty when nothing was queued or the gateway is still away. */
  public Optional<ReplayReport> replayOffline() throws IOException {
    if (offline.pending().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(offline.replay(gateway));
    } catch (GeneralSecurityException e) {
      throw new IOException("offline queue: " + e.getMessage(), e);
    }
  }

  /** The kiosk's authorisation key of a session. */
  public static IdempotencyKey kioskAuthoriseKey(String sessionId) {
    return IdempotencyKey.of(sessionId + ":kiosk-authorise");
  }

  /** The kiosk's capture key of a session. */
  public static IdempotencyKey kioskCaptureKey(String sessionId) {
    return IdempotencyKey.of(sessionId + ":kiosk-capture");
  }

  /**
   * The kiosk sale of a basket: authorise {@code total} and capture it at once, each with its
   * session key, so a repeat (after a crash) moves no money twice.
   *
   * @return the capture outcome when the authorisation was approved, else the authorisation's
   *     outcome
   * @throws IOException when the gateway's answer is unknown; call again with the same arguments
   */
  public GatewayOutcome kioskSale(String sessionId, CardTap card, Money total) throws IOException {
    return kioskSale(sessionId, card.paymentToken(), total);
  }

  /** {@link #kioskSale(String, CardTap, Money)} with the token as journaled. */
  public GatewayOutcome kioskSale(
      String sessionId, io.ambientretail.payments.gateway.PaymentToken token, Money total)
      throws IOException {
    Objects.requireNonNull(total, "total");
    GatewayOutcome auth = gateway.authorise(kioskAuthoriseKey(sessionId), token, total, sessionId);
    if (!(auth instanceof GatewayOutcome.Approved a)) {
      return auth;
    }
    TransactionId id = a.transaction();
    return gateway.capture(kioskCaptureKey(sessionId), id, total, true);
  }

  /** Refunds part of a kiosk capture. */
  public GatewayOutcome kioskRefund(String refundId, String captureId, Money amount)
      throws IOException {
    return gateway.refund(
        IdempotencyKey.of(refundId + ":refund"), TransactionId.of(captureId), amount);
  }

  @Override
  public void close() throws IOException {
    VpcdTaps v = vpcd;
    if (v != null) {
      v.close();
    }
    try {
      offline.close();
    } finally {
      journal.close();
    }
  }

  @Override
  public String toString() {
    return "StorePayments[" + gateway + "]";
  }
}
