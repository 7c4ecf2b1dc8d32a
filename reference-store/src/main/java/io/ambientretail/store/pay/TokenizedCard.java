package io.ambientretail.store.pay;

/**
 * What the store keeps of a card: a payment token (the acquirer charges it), a fingerprint (the
 * same card gives the same fingerprint, for returning-card recognition and fraud patterns) and a
 * label such as {@code VISA ••••0119}. None of them reveals the number.
 */
public record TokenizedCard(String token, String fingerprint, String label) {}
