package io.ambientretail.payments.session;

import io.ambientretail.core.Money;
import io.ambientretail.payments.PaymentsErrors;
import io.ambientretail.payments.gateway.CardId;
import io.ambientretail.payments.gateway.DeclineReason;
import io.ambientretail.payments.gateway.GatewayOutcome;
import io.ambientretail.payments.gateway.IdempotencyKey;
import io.ambientretail.payments.gateway.PaymentToken;
import io.ambientretail.payments.gateway.PaymentValueException;
import io.ambientretail.payments.gateway.TransactionId;
import io.ambientretail.payments.internal.JsonFormatException;
import io.ambientretail.payments.internal.JsonObject;
import io.ambientretail.payments.internal.JsonWriter;
import io.ambientretail.payments.internal.RecordLog;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The durable, append-only record of every payment step of the walk-out sessions: each gateway
 * request is written and forced to disk (with its idempotency key) <em>before</em> it is sent, and
 * its outcome after. A process killed at any point therefore restarts knowing every request that
 * may have reached the gateway, and {@link WalkOutSessions#recover()} sends each unanswered one
 * again with the same key: nothing is lost and nothing is captured twice.
 *
 * <p>The file is a sequence of records, each with its length and a CRC-32C, forced with {@code
 * fsync} on every append. On open a torn last record (a crash mid-write) is cut off; a damaged
 * record before the end fails the open ({@link PaymentsErrors#JOURNAL_CORRUPT}). The file holds
 * payment tokens and transaction ids, never card numbers, and is created readable by its owner
 * only. One process at a time may open a journal (a lock file beside it enforces this).
 *
 * <p>Thread-safe. Close it after the {@link WalkOutSessions} that use it.
 */
public final class PaymentJournal implements AutoCloseable {
  private final RecordLog log;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Map<SessionId, SessionRecord> sessions = new LinkedHashMap<>();
  private final Map<SessionId, List<byte[]>> raw = new LinkedHashMap<>();

  private PaymentJournal(RecordLog log, FileChannel lockChannel, FileLock lock) {
    this.log = log;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens the journal at {@code file}, creating it if absent, and reads back every session.
   *
   * @throws IOException if the file cannot be read, is locked by another process, or is corrupt
   *     before its end
   */
  public static PaymentJournal open(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
    FileChannel lc =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lc.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lc.close();
      throw new IOException(
          "payment journal " + file.getFileName() + " is open in another process or instance");
    }
    RecordLog log;
    try {
      log = RecordLog.open(file);
    } catch (IOException | RuntimeException e) {
      lock.release();
      lc.close();
      throw e;
    }
    PaymentJournal j = new PaymentJournal(log, lc, lock);
    int index = 0;
    for (byte[] r : log.recovered()) {
      try {
        j.apply(r);
      } catch (JsonFormatException | RuntimeException e) {
        j.close();
        throw new RecordLog.CorruptLogException(
            file.getFileName() + ": record " + index + " cannot be read: " + e.getMessage());
      }
      index++;
    }
    return j;
  }

  /** How many bytes of a torn last record were cut off when the journal was opened. */
  public long truncatedBytes() {
    return log.truncatedBytes();
  }

  /** The ids of every session in the journal, in the order they were opened. */
  public synchronized List<SessionId> sessionIds() {
    return new ArrayList<>(sessions.keySet());
  }

  /**
   * Rewrites the journal without the sessions that are closed and have no unanswered step, so it
   * does not grow without end; their receipts must already be kept elsewhere (the store's
   * database). Atomic: a crash during compaction leaves the old or the new file whole.
   *
   * @return the number of sessions dropped
   */
  public synchronized int compact() throws IOException {
    List<byte[]> keep = new ArrayList<>();
    List<SessionId> drop = new ArrayList<>();
    for (Map.Entry<SessionId, SessionRecord> e : sessions.entrySet()) {
      SessionRecord r = e.getValue();
      // records change only in apply(), under this monitor, so they can be read here
      boolean settled = r.closed && r.steps.values().stream().allMatch(s -> s.result != null);
      if (settled) {
        drop.add(e.getKey());
      } else {
        keep.addAll(raw.get(e.getKey()));
      }
    }
    log.rewrite(keep);
    for (SessionId id : drop) {
      sessions.remove(id);
      raw.remove(id);
    }
    return drop.size();
  }

  synchronized Collection<SessionRecord> records() {
    return new ArrayList<>(sessions.values());
  }

  synchronized @Nullable SessionRecord record(SessionId id) {
    return sessions.get(id);
  }

  // --- writing ---------------------------------------------------------------------------------

  synchronized SessionRecord opened(
      SessionId id,
      PaymentToken token,
      @Nullable CardId card,
      String reference,
      Money hold,
      Instant at)
      throws IOException {
    if (sessions.containsKey(id)) {
      throw new PaymentValueException(
          PaymentsErrors.SESSION_STATE, "session " + id + " is already in the journal");
    }
    JsonWriter w =
        head("open", id)
            .put("token", token.reveal())
            .put("card", card == null ? null : card.toBase64())
            .put("reference", reference)
            .put("hold", hold)
            .put("at", at);
    append(id, w.toBytes());
    return sessions.get(id);
  }

  void basket(SessionRecord r, Money total) throws IOException {
    append(r.id, head("basket", r.id).put("total", total).toBytes());
  }

  void intent(SessionRecord r, Step s) throws IOException {
    append(
        r.id,
        head("intent", r.id)
            .put("kind", s.kind.name())
            .put("key", s.key.value())
            .put("request", s.request)
            .put("amount", s.amount)
            .put("target", s.target == null ? null : s.target.value())
            .toBytes());
  }

  void result(SessionRecord r, Step s, GatewayOutcome o) throws IOException {
    JsonWriter w = head("result", r.id).put("key", s.key.value());
    if (o instanceof GatewayOutcome.Approved) {
      GatewayOutcome.Approved a = (GatewayOutcome.Approved) o;
      w.put("outcome", "approved")
          .put("id", a.transaction().value())
          .put("amount", a.amount())
          .put("captureBefore", a.captureBefore());
    } else if (o instanceof GatewayOutcome.Declined) {
      GatewayOutcome.Declined d = (GatewayOutcome.Declined) o;
      w.put("outcome", "declined").put("reason", d.reason().code()).put("message", d.message());
    } else if (o instanceof GatewayOutcome.Referral) {
      w.put("outcome", "referral").put("message", ((GatewayOutcome.Referral) o).message());
    } else {
      GatewayOutcome.Error e = (GatewayOutcome.Error) o;
      w.put("outcome", "error")
          .put("retryable", e.retryable())
          .put("code", e.code())
          .put("message", e.message());
    }
    append(r.id, w.toBytes());
  }

  void mark(SessionRecord r, String type) throws IOException {
    append(r.id, head(type, r.id).toBytes());
  }

  void exit(SessionRecord r, Money total, Instant at) throws IOException {
    append(r.id, head("exit", r.id).put("total", total).put("at", at).toBytes());
  }

  private static JsonWriter head(String type, SessionId id) {
    return new JsonWriter().put("t", type).put("s", id.value());
  }

  private synchronized void append(SessionId id, byte[] record) throws IOException {
    log.append(record);
    try {
      apply(record);
    } catch (JsonFormatException e) {
      throw new IllegalStateException("journal wrote a record it cannot read", e);
    }
  }

  // --- reading ---------------------------------------------------------------------------------

  private void apply(byte[] bytes) throws JsonFormatException {
    JsonObject o = JsonObject.parse(bytes, "journal record");
    SessionId id = SessionId.of(o.string("s"));
    String type = o.string("t");
    raw.computeIfAbsent(id, k -> new ArrayList<>()).add(bytes);
    if (type.equals("open")) {
      String card = o.optString("card");
      Instant at = o.optInstant("at");
      sessions.put(
          id,
          new SessionRecord(
              id,
              PaymentToken.of(o.string("token")),
              card == null ? null : CardId.ofBase64(card),
              o.string("reference"),
              o.money("hold"),
              at == null ? Instant.EPOCH : at));
      return;
    }
    SessionRecord r = sessions.get(id);
    if (r == null) {
      throw new JsonFormatException(
          "journal record: session " + id + " has '" + type + "' before 'open'");
    }
    switch (type) {
      case "basket":
        r.basket = o.money("total");
        break;
      case "intent":
        {
          String target = o.optString("target");
          Step s =
              new Step(
                  StepKind.valueOf(o.string("kind")),
                  IdempotencyKey.of(o.string("key")),
                  o.string("request"),
                  o.has("amount") ? o.money("amount") : null,
                  target == null ? null : TransactionId.of(target));
          r.steps.put(s.key.value(), s);
          break;
        }
      case "result":
        {
          Step s = r.steps.get(o.string("key"));
          if (s == null) {
            throw new JsonFormatException(
                "journal record: result for key " + o.string("key") + " without its intent");
          }
          s.result = outcome(o);
          break;
        }
      case "exit":
        r.exitTotal = o.money("total");
        break;
      case "offline":
        r.offline = true;
        break;
      case "queued":
        r.queued = true;
        break;
      case "abandoned":
        r.abandoned = true;
        break;
      case "closed":
        r.closed = true;
        break;
      default:
        throw new JsonFormatException("journal record: unknown type '" + type + "'");
    }
  }

  private static GatewayOutcome outcome(JsonObject o) throws JsonFormatException {
    String outcome = o.string("outcome");
    switch (outcome) {
      case "approved":
        return new GatewayOutcome.Approved(
            TransactionId.of(o.string("id")),
            o.money("amount"),
            o.optInstant("captureBefore"),
            false);
      case "declined":
        return new GatewayOutcome.Declined(
            DeclineReason.of(o.string("reason")), o.string("message"));
      case "referral":
        return new GatewayOutcome.Referral(o.string("message"));
      case "error":
        return new GatewayOutcome.Error(o.bool("retryable"), o.string("code"), o.string("message"));
      default:
        throw new JsonFormatException("journal record: unknown outcome '" + outcome + "'");
    }
  }

  /** Closes the file and releases the lock. */
  @Override
  public synchronized void close() throws IOException {
    try {
      log.close();
    } finally {
      if (lock.isValid()) {
        lock.release();
      }
      lockChannel.close();
    }
  }

  @Override
  public String toString() {
    return "PaymentJournal[" + log.file().getFileName() + "]";
  }
}
