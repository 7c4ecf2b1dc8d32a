package io.ambientretail.payments.session;

import io.ambientretail.core.Money;
import io.ambientretail.payments.gateway.CardId;
import io.ambientretail.payments.gateway.GatewayOutcome;
import io.ambientretail.payments.gateway.PaymentToken;
import io.ambientretail.payments.gateway.TransactionId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The state of one visit, rebuilt from the journal on start and kept up to date as steps are
 * journaled. Guarded by its own monitor.
 */
final class SessionRecord {
  final SessionId id;
  final PaymentToken token;
  final @Nullable CardId card;
  final String reference;
  final Money hold;
  final Instant opened;
  final Map<String, Step> steps = new LinkedHashMap<>();
  boolean offline;
  boolean queued;
  boolean abandoned;
  boolean closed;
  @Nullable Money basket;
  @Nullable Money exitTotal;

  SessionRecord(
      SessionId id,
      PaymentToken token,
      @Nullable CardId card,
      String reference,
      Money hold,
      Instant opened) {
    this.id = id;
    this.token = token;
    this.card = card;
    this.reference = reference;
    this.hold = hold;
    this.opened = opened;
  }

  @Nullable Step step(String key) {
    return steps.get(key);
  }

  List<Step> steps(StepKind kind) {
    List<Step> out = new ArrayList<>();
    for (Step s : steps.values()) {
      if (s.kind == kind) {
        out.add(s);
      }
    }
    return out;
  }

  @Nullable Step authorise() {
    List<Step> a = steps(StepKind.AUTHORISE);
    return a.isEmpty() ? null : a.get(0);
  }

  @Nullable TransactionId authorisation() {
    Step a = authorise();
    return a != null && a.approved() ? a.approvedResult().transaction() : null;
  }

  /** The total authorised: the latest approved authorise or increment amount. */
  Money authorised() {
    Money total = Money.zero(hold.currency());
    for (Step s : steps.values()) {
      if ((s.kind == StepKind.AUTHORISE || s.kind == StepKind.INCREMENT) && s.approved()) {
        total = s.approvedResult().amount();
      }
    }
    return total;
  }

  /** The latest capture deadline the gateway stated, or null. */
  @Nullable Instant captureBefore() {
    Instant d = null;
    for (Step s : steps.values()) {
      if ((s.kind == StepKind.AUTHORISE || s.kind == StepKind.INCREMENT)
          && s.approved()
          && s.approvedResult().captureBefore() != null) {
        d = s.approvedResult().captureBefore();
      }
    }
    return d;
  }

  boolean incrementRefused() {
    for (Step s : steps(StepKind.INCREMENT)) {
      if (s.refused()) {
        return true;
      }
    }
    return false;
  }

  Money approvedSum(StepKind kind) {
    Money sum = Money.zero(hold.currency());
    for (Step s : steps(kind)) {
      if (s.approved()) {
        sum = sum.plus(s.approvedResult().amount());
      }
    }
    return sum;
  }

  Receipt receipt() {
    Money zero = Money.zero(hold.currency());
    Money total = exitTotal == null ? zero : exitTotal;
    List<ReceiptLine> lines = new ArrayList<>();
    Money released = zero;
    Money outstanding = zero;
    boolean refusedCharge = false;
    for (Step s : steps.values()) {
      if (!s.approved()) {
        if (s.kind == StepKind.RECOVERY_CHARGE && s.refused()) {
          outstanding = outstanding.plus(s.amount);
          refusedCharge = true;
        }
        continue;
      }
      GatewayOutcome.Approved a = s.approvedResult();
      switch (s.kind) {
        case CAPTURE:
          lines.add(new ReceiptLine(ReceiptLine.Kind.CAPTURE, a.transaction(), a.amount()));
          released = authorised().minus(a.amount()).max(zero);
          break;
        case RELEASE:
          released = a.amount();
          break;
        case RECOVERY_CHARGE:
          lines.add(new ReceiptLine(ReceiptLine.Kind.RECOVERY_CHARGE, a.transaction(), a.amount()));
          break;
        case ADJUSTMENT_CHARGE:
          lines.add(
              new ReceiptLine(ReceiptLine.Kind.ADJUSTMENT_CHARGE, a.transaction(), a.amount()));
          break;
        case REFUND:
          lines.add(new ReceiptLine(ReceiptLine.Kind.REFUND, a.transaction(), a.amount()));
          break;
        default:
          break;
      }
    }
    if (queued && exitTotal != null && !exitTotal.isZero()) {
      lines.add(new ReceiptLine(ReceiptLine.Kind.OFFLINE_CHARGE, null, exitTotal));
    }
    Receipt.Status status;
    if (!closed) {
      status = queued ? Receipt.Status.QUEUED_OFFLINE : Receipt.Status.PENDING;
    } else if (refusedCharge || !outstanding.isZero()) {
      status = Receipt.Status.OUTSTANDING;
    } else if (queued) {
      status = Receipt.Status.QUEUED_OFFLINE;
    } else {
      status = Receipt.Status.COMPLETE;
    }
    return new Receipt(id, token, status, total, lines, released, outstanding);
  }
}
