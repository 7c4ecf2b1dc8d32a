package io.ambientretail.payments.offline;

import io.ambientretail.core.Money;
import io.ambientretail.payments.gateway.CardId;
import io.ambientretail.payments.gateway.GatewayOutcome;
import io.ambientretail.payments.gateway.IdempotencyKey;
import io.ambientretail.payments.gateway.PaymentGateway;
import io.ambientretail.payments.gateway.PaymentToken;
import io.ambientretail.payments.internal.JsonFormatException;
import io.ambientretail.payments.internal.JsonObject;
import io.ambientretail.payments.internal.JsonWriter;
import io.ambientretail.payments.internal.SealedLog;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a store selling while the gateway cannot be reached: admits shoppers under the limits of an
 * {@link OfflinePolicy}, queues their charges durably and encrypted, warns before a queued charge
 * expires, and forwards the queue in order, each charge exactly once, when the gateway is back.
 *
 * <p>The queue is a file of AES-GCM-sealed records (the caller's key, the JDK's provider), each
 * forced to disk before {@link #enqueue} returns. A charge is marked forwarded only after the
 * gateway's definite answer; a process killed in between forwards it again with the same
 * idempotency key, which the gateway answers from its record instead of charging twice.
 *
 * <p>Reservations made by {@link #admit} for shoppers still in the store are sealed into the same
 * file before the admission is returned, and given back by {@link #cancel} or {@link #enqueue} in
 * the same way, so a process restarted during an outage still knows what each card fingerprint and
 * all cards together owe, queued and reserved. An admission whose reservation cannot be written is
 * refused ({@link OfflineAdmission.Refusal#NOT_RECORDED}). Queued payments and reservations survive
 * a restart. Thread-safe.
 */
public final class StoreAndForward implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StoreAndForward.class);
  private static final String PURPOSE = "ambient-saf-v1";

  private final SealedLog log;
  private final OfflinePolicy policy;
  private final Clock clock;
  private final Map<Long, Entry> pending = new LinkedHashMap<>();
  private final Map<CardId, Money> reserved = new HashMap<>();
  private long nextSequence;

  private static final class Entry {
    final QueuedPayment payment;
    final PaymentToken token;

    Entry(QueuedPayment payment, PaymentToken token) {
      this.payment = payment;
      this.token = token;
    }
  }

  private StoreAndForward(SealedLog log, OfflinePolicy policy, Clock clock) {
    this.log = log;
    this.policy = policy;
    this.clock = clock;
  }

  /**
   * Opens (or creates) the queue at {@code file}, sealed with the AES {@code key}.
   *
   * @throws GeneralSecurityException if the file was sealed with another key or was altered
   * @throws IOException if the file cannot be read or is damaged before its end
   */
  public static StoreAndForward open(Path file, SecretKey key, OfflinePolicy policy, Clock clock)
      throws IOException, GeneralSecurityException {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(clock, "clock");
    List<byte[]> records = new ArrayList<>();
    SealedLog log =
        SealedLog.open(
            Objects.requireNonNull(file, "file"),
            Objects.requireNonNull(key, "key"),
            PURPOSE,
            records);
    StoreAndForward saf = new StoreAndForward(log, policy, clock);
    try {
      for (byte[] r : records) {
        saf.apply(JsonObject.parse(r, "store-and-forward record"));
      }
    } catch (JsonFormatException | RuntimeException e) {
      log.close();
      throw new IOException(
          "store-and-forward queue " + file.getFileName() + ": " + e.getMessage(), e);
    }
    return saf;
  }

  private void apply(JsonObject o) throws JsonFormatException {
    String type = o.string("t");
    if (type.equals("reserve")) {
      reserved.merge(CardId.ofHex(o.string("card")), o.money("amount"), Money::plus);
      return;
    }
    if (type.equals("release")) {
      release(CardId.ofHex(o.string("card")), o.money("amount"));
      return;
    }
    long seq = o.longValue("seq");
    switch (type) {
      case "queued":
        {
          QueuedPayment p =
              new QueuedPayment(
                  seq,
                  IdempotencyKey.of(o.string("key")),
                  CardId.ofHex(o.string("card")),
                  o.money("amount"),
                  o.string("reference"),
                  Objects.requireNonNull(o.optInstant("queuedAt")),
                  Objects.requireNonNull(o.optInstant("expiresAt")));
          pending.put(seq, new Entry(p, PaymentToken.of(o.string("token"))));
          nextSequence = Math.max(nextSequence, seq + 1);
          if (o.has("released")) {
            release(p.card(), o.money("released")); // files before v0.1 had no such field
          }
          break;
        }
      case "done":
        pending.remove(seq);
        break;
      default:
        throw new JsonFormatException("store-and-forward record: unknown type");
    }
  }

  /**
   * Decides whether a card may enter while offline, expecting to charge at most {@code expected};
   * when admitted, {@code expected} is reserved against the limits until {@link #enqueue} or {@link
   * #cancel}. The reservation is sealed into the file before this returns, so it outlives a
   * restart; when it cannot be written the card is refused with {@link
   * OfflineAdmission.Refusal#NOT_RECORDED}.
   */
  public synchronized OfflineAdmission admit(CardId card, Money expected) {
    Objects.requireNonNull(card, "card");
    Objects.requireNonNull(expected, "expected");
    OfflineAdmission.Refusal refusal = check(card, expected);
    if (refusal != OfflineAdmission.Refusal.NONE) {
      LOG.info("offline admission refused for {}: {}", card, refusal);
      return new OfflineAdmission(false, refusal);
    }
    try {
      log.append(reservation("reserve", card, expected));
    } catch (IOException | GeneralSecurityException e) {
      LOG.warn(
          "offline admission refused for {}: its reservation could not be recorded ({})",
          card,
          e.getClass().getSimpleName());
      return new OfflineAdmission(false, OfflineAdmission.Refusal.NOT_RECORDED);
    }
    reserved.merge(card, expected, Money::plus);
    return new OfflineAdmission(true, OfflineAdmission.Refusal.NONE);
  }

  private static byte[] reservation(String type, CardId card, Money amount) {
    return new JsonWriter().put("t", type).put("card", card.hex()).put("amount", amount).toBytes();
  }

  private OfflineAdmission.Refusal check(CardId card, Money expected) {
    if (policy.denyList().contains(card)) {
      return OfflineAdmission.Refusal.DENY_LISTED;
    }
    Instant now = clock.instant();
    for (Entry e : pending.values()) {
      if (!now.isBefore(e.payment.queuedAt().plus(policy.maxAge()))) {
        return OfflineAdmission.Refusal.OFFLINE_TOO_LONG;
      }
    }
    if (owedBy(card).plus(expected).compareTo(policy.perCardLimit()) > 0) {
      return OfflineAdmission.Refusal.CARD_LIMIT;
    }
    if (exposure().plus(expected).compareTo(policy.totalExposure()) > 0) {
      return OfflineAdmission.Refusal.TOTAL_EXPOSURE;
    }
    return OfflineAdmission.Refusal.NONE;
  }

  /** What {@code card} owes offline: queued charges plus reservations. */
  public synchronized Money owedBy(CardId card) {
    Money sum = reserved.getOrDefault(card, Money.zero(policy.perCardLimit().currency()));
    for (Entry e : pending.values()) {
      if (e.payment.card().equals(card)) {
        sum = sum.plus(e.payment.amount());
      }
    }
    return sum;
  }

  /** What all cards owe offline: queued charges plus reservations. */
  public synchronized Money exposure() {
    Money sum = Money.zero(policy.totalExposure().currency());
    for (Money m : reserved.values()) {
      sum = sum.plus(m);
    }
    for (Entry e : pending.values()) {
      sum = sum.plus(e.payment.amount());
    }
    return sum;
  }

  /**
   * Gives back a reservation made by {@link #admit} (e.g. the shopper took nothing), recording that
   * in the file. If the record cannot be written the reservation is still given back in memory (and
   * a warning logged); after a restart it would count again, which errs on the side of less
   * exposure, never more.
   */
  public synchronized void cancel(CardId card, Money reservedAmount) {
    Objects.requireNonNull(card, "card");
    Objects.requireNonNull(reservedAmount, "reservedAmount");
    if (!reserved.containsKey(card)) {
      return;
    }
    try {
      log.append(reservation("release", card, reservedAmount));
    } catch (IOException | GeneralSecurityException e) {
      LOG.warn(
          "release of the offline reservation for {} not recorded ({})",
          card,
          e.getClass().getSimpleName());
    }
    release(card, reservedAmount);
  }

  private void release(CardId card, Money reservedAmount) {
    Money left = reserved.get(card);
    if (left == null) {
      return;
    }
    Money rest = left.minus(reservedAmount);
    if (rest.isNegative() || rest.isZero()) {
      reserved.remove(card);
    } else {
      reserved.put(card, rest);
    }
  }

  /**
   * Queues a charge durably (sealed and forced to disk before returning) and gives back the card's
   * reservation of {@code reservedAmount}. Queuing the same key again returns the payment already
   * queued.
   */
  public synchronized QueuedPayment enqueue(
      IdempotencyKey key,
      PaymentToken token,
      CardId card,
      Money amount,
      Money reservedAmount,
      String reference)
      throws IOException, GeneralSecurityException {
    for (Entry e : pending.values()) {
      if (e.payment.key().equals(key)) {
        return e.payment;
      }
    }
    Instant now = clock.instant();
    long seq = nextSequence;
    byte[] record =
        new JsonWriter()
            .put("t", "queued")
            .put("seq", seq)
            .put("key", key.value())
            .put("token", token.reveal())
            .put("card", card.hex())
            .put("amount", amount)
            .put("reference", reference)
            .put("queuedAt", now)
            .put("expiresAt", now.plus(policy.maxAge()))
            .put("released", reservedAmount)
            .toBytes();
    log.append(record); // the charge and the reservation it replaces, in one durable record
    QueuedPayment p =
        new QueuedPayment(seq, key, card, amount, reference, now, now.plus(policy.maxAge()));
    pending.put(seq, new Entry(p, token));
    nextSequence = seq + 1;
    release(card, reservedAmount);
    return p;
  }

  /** The queued payments not yet forwarded, in queue order. */
  public synchronized List<QueuedPayment> pending() {
    List<QueuedPayment> out = new ArrayList<>();
    for (Entry e : pending.values()) {
      out.add(e.payment);
    }
    return out;
  }

  /** The queued payments within the warning time of their expiry (or past it), in queue order. */
  public synchronized List<QueuedPayment> expiringSoon() {
    Instant now = clock.instant();
    List<QueuedPayment> out = new ArrayList<>();
    for (Entry e : pending.values()) {
      if (!now.isBefore(e.payment.expiresAt().minus(policy.warnBefore()))) {
        out.add(e.payment);
      }
    }
    return out;
  }

  /**
   * Tells {@code listener} about every payment in {@link #expiringSoon()}, and logs a warning for
   * each; call it periodically.
   *
   * @return how many payments are expiring
   */
  public int checkExpiry(ExpiryListener listener) {
    Instant now = clock.instant();
    List<QueuedPayment> soon = expiringSoon();
    for (QueuedPayment p : soon) {
      Duration left = Duration.between(now, p.expiresAt());
      LOG.warn(
          "queued offline payment #{} ({}) expires in {} s: restore the gateway",
          p.sequence(),
          p.amount(),
          left.toSeconds());
      listener.expiringSoon(p, left);
    }
    return soon.size();
  }

  /**
   * Forwards the queued payments to {@code gateway} in queue order, each as a charge with its own
   * idempotency key, marking each forwarded (durably) only after the gateway's definite answer.
   * Stops at the first payment whose answer is unknown (unreachable, timeout, retryable error), so
   * order is kept; call again later. A declined payment is marked forwarded with its decline (it is
   * then owed by the shopper, outside the SDK) and reported.
   *
   * <p>When the queue is empty afterwards, the file is rewritten with only the open reservations,
   * so forwarded tokens do not stay on disk.
   */
  public synchronized ReplayReport replay(PaymentGateway gateway)
      throws IOException, GeneralSecurityException {
    List<Map.Entry<QueuedPayment, GatewayOutcome>> done = new ArrayList<>();
    for (Entry e : new ArrayList<>(pending.values())) {
      QueuedPayment p = e.payment;
      GatewayOutcome o;
      try {
        o = gateway.charge(p.key(), e.token, p.amount(), p.reference());
      } catch (IOException ex) {
        LOG.info("replay stopped at #{}: {}", p.sequence(), ex.getClass().getSimpleName());
        break;
      }
      if (o instanceof GatewayOutcome.Error && ((GatewayOutcome.Error) o).retryable()) {
        LOG.info(
            "replay stopped at #{}: retryable error {}",
            p.sequence(),
            ((GatewayOutcome.Error) o).code());
        break;
      }
      JsonWriter w = new JsonWriter().put("t", "done").put("seq", p.sequence());
      if (o instanceof GatewayOutcome.Approved) {
        w.put("result", "approved").put("id", ((GatewayOutcome.Approved) o).transaction().value());
      } else {
        w.put("result", "refused");
        LOG.warn(
            "queued offline payment #{} ({}) was refused when forwarded", p.sequence(), p.amount());
      }
      log.append(w.toBytes());
      pending.remove(p.sequence());
      done.add(new AbstractMap.SimpleImmutableEntry<>(p, o));
    }
    if (pending.isEmpty() && !done.isEmpty()) {
      // forwarded tokens leave the disk; reservations of shoppers still inside stay
      List<byte[]> keep = new ArrayList<>();
      for (Map.Entry<CardId, Money> r : reserved.entrySet()) {
        keep.add(reservation("reserve", r.getKey(), r.getValue()));
      }
      log.rewrite(keep);
    }
    return new ReplayReport(done, pending.size());
  }

  /** Closes the queue file. */
  @Override
  public void close() throws IOException {
    log.close();
  }
}
