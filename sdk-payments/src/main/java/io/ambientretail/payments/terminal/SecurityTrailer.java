package io.ambientretail.payments.terminal;

import java.util.Arrays;
import java.util.Objects;

/**
 * The security trailer of an encrypted local-terminal message: which key, the nonce, and the
 * HMAC-SHA256 over the plaintext. Copies its arrays; {@code toString} shows lengths only.
 */
public final class SecurityTrailer {
  private final String keyIdentifier;
  private final int keyVersion;
  private final int cryptoVersion;
  private final byte[] nonce;
  private final byte[] hmac;

  /** Creates the trailer, copying the arrays. */
  public SecurityTrailer(
      String keyIdentifier, int keyVersion, int cryptoVersion, byte[] nonce, byte[] hmac) {
    this.keyIdentifier = Objects.requireNonNull(keyIdentifier, "keyIdentifier");
    this.keyVersion = keyVersion;
    this.cryptoVersion = cryptoVersion;
    this.nonce = nonce.clone();
    this.hmac = hmac.clone();
  }

  /** The key identifier both ends agreed. */
  public String keyIdentifier() {
    return keyIdentifier;
  }

  /** The key version. */
  public int keyVersion() {
    return keyVersion;
  }

  /** The crypto version (1 today). */
  public int cryptoVersion() {
    return cryptoVersion;
  }

  /** A copy of the nonce. */
  public byte[] nonce() {
    return nonce.clone();
  }

  /** A copy of the HMAC. */
  public byte[] hmac() {
    return hmac.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecurityTrailer t
        && keyIdentifier.equals(t.keyIdentifier)
        && keyVersion == t.keyVersion
        && cryptoVersion == t.cryptoVersion
        && Arrays.equals(nonce, t.nonce)
        && Arrays.equals(hmac, t.hmac);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyIdentifier, keyVersion, cryptoVersion, Arrays.hashCode(nonce));
  }

  @Override
  public String toString() {
    return "SecurityTrailer[key="
        + keyIdentifier
        + " v"
        + keyVersion
        + ", nonce="
        + nonce.length
        + " bytes, hmac="
        + hmac.length
        + " bytes]";
  }
}
