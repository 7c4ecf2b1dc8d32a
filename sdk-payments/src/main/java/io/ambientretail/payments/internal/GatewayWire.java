package io.ambientretail.payments.internal;

import io.ambientretail.core.Money;
import io.ambientretail.payments.gateway.AuthorisationStatus;
import io.ambientretail.payments.gateway.DeclineReason;
import io.ambientretail.payments.gateway.GatewayOutcome;
import io.ambientretail.payments.gateway.PaymentValueException;
import io.ambientretail.payments.gateway.TransactionId;
import java.util.Locale;

/**
 * Encodes requests and decodes answers of the gateway JSON protocol (docs/payments-gateway.md).
 * Stateless.
 */
public final class GatewayWire {
  private GatewayWire() {}

  /** Decodes an answer body with result approved, declined, referral or error. */
  public static GatewayOutcome outcome(byte[] body, boolean replayed, String where)
      throws JsonFormatException {
    JsonObject o = JsonObject.parse(body, where);
    String result = o.string("result");
    try {
      switch (result) {
        case "approved":
          return new GatewayOutcome.Approved(
              TransactionId.of(o.string("id")),
              o.money("amount"),
              o.optInstant("captureBefore"),
              replayed);
        case "declined":
          return new GatewayOutcome.Declined(
              DeclineReason.of(o.string("reason")), text(o.optString("message")));
        case "referral":
          return new GatewayOutcome.Referral(text(o.optString("message")));
        case "error":
          return new GatewayOutcome.Error(
              o.bool("retryable", false), o.string("code"), text(o.optString("message")));
        default:
          throw new JsonFormatException(
              where + ": field 'result' has unknown value '" + clip(result) + "'");
      }
    } catch (PaymentValueException e) {
      throw new JsonFormatException(where + ": " + e.getMessage());
    }
  }

  /** Decodes a status answer. */
  public static AuthorisationStatus status(byte[] body, String where) throws JsonFormatException {
    JsonObject o = JsonObject.parse(body, where);
    AuthorisationStatus.State state;
    try {
      state = AuthorisationStatus.State.valueOf(o.string("state").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new JsonFormatException(where + ": field 'state' has an unknown value");
    }
    Money authorised = o.money("authorised");
    Money captured = o.money("captured");
    try {
      return new AuthorisationStatus(
          TransactionId.of(o.string("id")),
          state,
          authorised,
          captured,
          o.optInstant("captureBefore"));
    } catch (PaymentValueException e) {
      throw new JsonFormatException(where + ": " + e.getMessage());
    }
  }

  private static String text(String s) {
    return s == null ? "" : clip(s);
  }

  private static String clip(String s) {
    return s.length() > 200 ? s.substring(0, 200) : s;
  }
}
