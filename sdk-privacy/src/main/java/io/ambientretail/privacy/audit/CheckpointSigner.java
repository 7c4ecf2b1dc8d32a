package io.ambientretail.privacy.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Objects;

/**
 * Signs audit {@link Checkpoint}s with an Ed25519 key (the JDK's own implementation), as signed
 * notes that a witness can check with {@link CheckpointVerifier}.
 *
 * <p>The signature line follows C2SP signed-note: the key name, then base64 of a 4-byte key id
 * ({@code SHA-256(name || 0x0A || 0x01 || raw public key)} truncated) and the 64-byte signature.
 *
 * <p>Thread-safe. Security: the private key never leaves this object; keep it in a KMS or HSM
 * backed {@link java.security.Provider} where one is available.
 */
public final class CheckpointSigner {
  private final String keyName;
  private final PrivateKey privateKey;
  private final byte[] keyId;
  private final byte[] rawPublic;

  private CheckpointSigner(String keyName, PrivateKey privateKey, byte[] keyId, byte[] rawPublic) {
    this.keyName = keyName;
    this.privateKey = privateKey;
    this.keyId = keyId;
    this.rawPublic = rawPublic;
  }

  /**
   * Creates a signer from an Ed25519 key pair.
   *
   * @throws InvalidKeyException if the keys are not Ed25519
   * @throws IllegalArgumentException if the name is empty or has spaces, '+' or control characters
   */
  public static CheckpointSigner of(String keyName, KeyPair keys) throws InvalidKeyException {
    checkName(keyName);
    PrivateKey priv = Objects.requireNonNull(keys.getPrivate(), "private key");
    if (!"Ed25519".equalsIgnoreCase(priv.getAlgorithm())
        && !"EdDSA".equalsIgnoreCase(priv.getAlgorithm())) {
      throw new InvalidKeyException("checkpoint keys are Ed25519, was " + priv.getAlgorithm());
    }
    return new CheckpointSigner(
        keyName, priv, keyId(keyName, keys.getPublic()), rawEd25519(keys.getPublic()));
  }

  /** Generates a fresh Ed25519 key pair with the JDK. */
  public static KeyPair generateKeyPair() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK 17 platform has Ed25519", e);
    }
  }

  static void checkName(String name) {
    Objects.requireNonNull(name, "keyName");
    if (name.isEmpty()
        || name.length() > 128
        || name.chars().anyMatch(c -> c <= 0x20 || c == '+' || c == 0x7f)) {
      throw new IllegalArgumentException(
          "key name must be 1 to 128 characters without spaces, '+' or control characters");
    }
  }

  static byte[] keyId(String name, PublicKey key) throws InvalidKeyException {
    byte[] raw = rawEd25519(key);
    MessageDigest sha = MerkleTree.sha256();
    sha.update(name.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0x0a);
    sha.update((byte) 0x01);
    return Arrays.copyOf(sha.digest(raw), 4);
  }

  static byte[] rawEd25519(PublicKey key) throws InvalidKeyException {
    Objects.requireNonNull(key, "public key");
    byte[] spki = key.getEncoded();
    if (spki == null
        || spki.length != 44
        || !("Ed25519".equalsIgnoreCase(key.getAlgorithm())
            || "EdDSA".equalsIgnoreCase(key.getAlgorithm()))) {
      throw new InvalidKeyException("checkpoint keys are Ed25519");
    }
    return Arrays.copyOfRange(spki, 12, 44);
  }

  /**
   * The public verifier key in the C2SP note form {@code name+<8 hex key id>+<base64(0x01 || raw
   * Ed25519 key)>}: what a witness or {@code ambient audit verify --key} needs.
   */
  public String verifierKey() {
    byte[] k = new byte[33];
    k[0] = 0x01;
    System.arraycopy(rawPublic, 0, k, 1, 32);
    return keyName
        + "+"
        + java.util.HexFormat.of().formatHex(keyId)
        + "+"
        + java.util.Base64.getEncoder().encodeToString(k);
  }

  /** The key name written on every signature line. */
  public String keyName() {
    return keyName;
  }

  /**
   * Signs a checkpoint.
   *
   * @throws GeneralSecurityException if the signature provider fails
   */
  public SignedCheckpoint sign(Checkpoint checkpoint) throws GeneralSecurityException {
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(privateKey);
    s.update(checkpoint.bodyBytes());
    return new SignedCheckpoint(checkpoint, keyName, keyId.clone(), s.sign());
  }

  @Override
  public String toString() {
    return "CheckpointSigner{" + keyName + "}";
  }
}
