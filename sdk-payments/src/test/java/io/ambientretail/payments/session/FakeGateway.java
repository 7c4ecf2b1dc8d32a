package io.ambientretail.payments.session;

import io.ambientretail.core.Money;
import io.ambientretail.payments.gateway.AuthorisationStatus;
import io.ambientretail.payments.gateway.DeclineReason;
import io.ambientretail.payments.gateway.GatewayOutcome;
import io.ambientretail.payments.gateway.IdempotencyKey;
import io.ambientretail.payments.gateway.PaymentGateway;
import io.ambientretail.payments.gateway.PaymentToken;
import io.ambientretail.payments.gateway.TransactionId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** An in-memory gateway that records every request and refuses increments on a predicate. */
final class FakeGateway implements PaymentGateway {
  final List<String> log = new ArrayList<>();
  final Map<String, GatewayOutcome> byKey = new HashMap<>();
  final Map<String, Money> held = new HashMap<>();
  Predicate<Money> refuseIncrement = m -> false;
  long captured;
  long charged;
  private int next;

  private GatewayOutcome once(IdempotencyKey key, java.util.function.Supplier<GatewayOutcome> f) {
    return byKey.computeIfAbsent(key.value(), k -> f.get());
  }

  @Override
  public GatewayOutcome authorise(
      IdempotencyKey key, PaymentToken token, Money amount, String ref) {
    return once(
        key,
        () -> {
          String id = "auth" + next++;
          held.put(id, amount);
          log.add("authorise " + amount);
          return new GatewayOutcome.Approved(TransactionId.of(id), amount, null, false);
        });
  }

  @Override
  public GatewayOutcome increment(IdempotencyKey key, TransactionId auth, Money additional) {
    return once(
        key,
        () -> {
          if (refuseIncrement.test(additional)) {
            return new GatewayOutcome.Declined(DeclineReason.INCREMENT_NOT_SUPPORTED, "no");
          }
          Money total = held.get(auth.value()).plus(additional);
          held.put(auth.value(), total);
          log.add("increment " + additional);
          return new GatewayOutcome.Approved(auth, total, null, false);
        });
  }

  @Override
  public GatewayOutcome capture(IdempotencyKey key, TransactionId auth, Money amount, boolean fin) {
    return once(
        key,
        () -> {
          if (amount.compareTo(held.get(auth.value())) > 0) {
            return new GatewayOutcome.Declined(DeclineReason.AMOUNT_EXCEEDS_REMAINING, "no");
          }
          captured += amount.minor();
          log.add("capture " + amount);
          return new GatewayOutcome.Approved(TransactionId.of("cap" + next++), amount, null, false);
        });
  }

  @Override
  public GatewayOutcome release(IdempotencyKey key, TransactionId auth) {
    return once(
        key,
        () -> {
          log.add("release");
          return new GatewayOutcome.Approved(auth, held.get(auth.value()), null, false);
        });
  }

  @Override
  public GatewayOutcome charge(IdempotencyKey key, PaymentToken token, Money amount, String ref) {
    return once(
        key,
        () -> {
          charged += amount.minor();
          log.add("charge " + amount);
          return new GatewayOutcome.Approved(TransactionId.of("ch" + next++), amount, null, false);
        });
  }

  @Override
  public GatewayOutcome refund(IdempotencyKey key, TransactionId t, Money amount) {
    return once(
        key,
        () -> new GatewayOutcome.Approved(TransactionId.of("rf" + next++), amount, null, false));
  }

  @Override
  public AuthorisationStatus status(TransactionId auth) throws IOException {
    throw new IOException("not supported by the fake");
  }
}
