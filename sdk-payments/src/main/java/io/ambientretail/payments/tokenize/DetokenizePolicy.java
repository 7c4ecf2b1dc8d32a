package io.ambientretail.payments.tokenize;

/**
 * Decides who may turn a token back into a card number, and for what: the permission a {@link
 * Tokenizer} checks before every detokenization. The default, {@link #denyAll()}, refuses everyone;
 * grant access deliberately, e.g. to the refund service only.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface DetokenizePolicy {
  /** True when {@code principal} may detokenize for {@code purpose}. */
  boolean permits(String principal, String purpose);

  /** A policy that refuses every request. */
  static DetokenizePolicy denyAll() {
    return (principal, purpose) -> false;
  }
}
