package io.ambientretail.store.pay;

import io.ambientretail.payments.gateway.CardId;
import io.ambientretail.payments.gateway.PaymentToken;
import java.util.Objects;

/**
 * What the store keeps of a tapped card: the FF1 payment token, the keyed fingerprint and a label
 * for receipts ({@code VISA ••••0119}). Never the card number.
 *
 * @param token the SDK token text ({@code v1:...}, fails the Luhn check by design)
 * @param fingerprint {@code fp_} and the keyed HMAC fingerprint in base64url
 * @param label brand and last four digits, for the receipt
 */
public record CardTap(String token, String fingerprint, String label) {
  /** Validates. */
  public CardTap {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(label, "label");
  }

  /** The token as the gateway takes it. */
  public PaymentToken paymentToken() {
    return PaymentToken.of(token);
  }

  /** The fingerprint as the SDK's card id (for offline limits). */
  public CardId cardId() {
    return CardId.ofBase64(fingerprint.substring(3));
  }

  /** The shopper reference derived from the fingerprint ({@code sh_...}). */
  public String shopperRef() {
    return "sh_" + fingerprint.substring(3);
  }
}
