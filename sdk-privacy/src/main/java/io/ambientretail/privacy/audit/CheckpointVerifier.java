package io.ambientretail.privacy.audit;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Objects;

/**
 * Checks signed checkpoints and the proofs that tie entries and later checkpoints to them: what a
 * central witness runs to hold a store's audit log to its history.
 *
 * <p>Thread-safe and stateless apart from the key; the witness keeps the last checkpoint it
 * accepted and passes it to {@link #verifyConsistent}.
 */
public final class CheckpointVerifier {
  private final String keyName;
  private final String origin;
  private final PublicKey publicKey;
  private final byte[] keyId;

  private CheckpointVerifier(String keyName, String origin, PublicKey publicKey, byte[] keyId) {
    this.keyName = keyName;
    this.origin = origin;
    this.publicKey = publicKey;
    this.keyId = keyId;
  }

  /**
   * Creates a verifier for checkpoints of log {@code origin} signed by key {@code keyName}.
   *
   * @throws InvalidKeyException if the key is not Ed25519
   */
  public static CheckpointVerifier of(String keyName, String origin, PublicKey publicKey)
      throws InvalidKeyException {
    CheckpointSigner.checkName(keyName);
    return new CheckpointVerifier(
        keyName,
        Objects.requireNonNull(origin, "origin"),
        publicKey,
        CheckpointSigner.keyId(keyName, publicKey));
  }

  /**
   * Creates a verifier from a C2SP verifier key ({@link CheckpointSigner#verifierKey()}).
   *
   * @throws InvalidKeyException if the text is not {@code name+hex8+base64(0x01 || 32 bytes)} or
   *     its key id does not match the key
   */
  public static CheckpointVerifier fromVerifierKey(String verifierKey, String origin)
      throws InvalidKeyException {
    String[] parts = verifierKey.strip().split("\\+", 3);
    if (parts.length != 3 || parts[1].length() != 8) {
      throw new InvalidKeyException("verifier key must be 'name+<8 hex>+<base64 key>'");
    }
    byte[] k;
    byte[] id;
    try {
      id = java.util.HexFormat.of().parseHex(parts[1]);
      k = java.util.Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyException("verifier key has bad hex or base64");
    }
    if (k.length != 33 || k[0] != 0x01) {
      throw new InvalidKeyException("verifier key is not an Ed25519 key (type 0x01, 32 bytes)");
    }
    byte[] spki = java.util.HexFormat.of().parseHex("302a300506032b6570032100");
    byte[] encoded = java.util.Arrays.copyOf(spki, 44);
    System.arraycopy(k, 1, encoded, 12, 32);
    PublicKey key;
    try {
      key =
          java.security.KeyFactory.getInstance("Ed25519")
              .generatePublic(new java.security.spec.X509EncodedKeySpec(encoded));
    } catch (java.security.NoSuchAlgorithmException
        | java.security.spec.InvalidKeySpecException e) {
      throw new InvalidKeyException("verifier key is not a valid Ed25519 key", e);
    }
    CheckpointVerifier v = of(parts[0], origin, key);
    if (!MessageDigest.isEqual(v.keyId, id)) {
      throw new InvalidKeyException("verifier key id does not match its key");
    }
    return v;
  }

  /**
   * Checks the signature, the key and the origin of a signed checkpoint.
   *
   * @throws InvalidProofException if it was not signed by this key for this log
   * @throws GeneralSecurityException if the signature provider fails
   */
  public Checkpoint verify(SignedCheckpoint signed) throws GeneralSecurityException {
    if (!signed.keyName().equals(keyName) || !MessageDigest.isEqual(signed.keyId(), keyId)) {
      throw new InvalidProofException("checkpoint was signed by another key: " + signed.keyName());
    }
    if (!signed.checkpoint().origin().equals(origin)) {
      throw new InvalidProofException(
          "checkpoint is for log '"
              + signed.checkpoint().origin()
              + "', expected '"
              + origin
              + "'");
    }
    Signature s = Signature.getInstance("Ed25519");
    s.initVerify(publicKey);
    s.update(signed.checkpoint().bodyBytes());
    boolean ok;
    try {
      ok = s.verify(signed.signature());
    } catch (java.security.SignatureException e) {
      ok = false;
    }
    if (!ok) {
      throw new InvalidProofException("checkpoint signature does not verify");
    }
    return signed.checkpoint();
  }

  /**
   * Checks that {@code next} is signed and extends {@code trusted}, the last checkpoint accepted.
   *
   * @throws InvalidProofException if the signature, the proof or the order of sizes is wrong
   * @throws GeneralSecurityException if the signature provider fails
   */
  public Checkpoint verifyConsistent(
      Checkpoint trusted, SignedCheckpoint next, ConsistencyProof proof)
      throws GeneralSecurityException {
    Checkpoint n = verify(next);
    if (proof.oldSize() != trusted.size() || proof.newSize() != n.size()) {
      throw new InvalidProofException(
          "proof is for sizes "
              + proof.oldSize()
              + " -> "
              + proof.newSize()
              + ", checkpoints are "
              + trusted.size()
              + " -> "
              + n.size());
    }
    proof.verify(trusted.root(), n.root());
    return n;
  }

  /**
   * Checks that an entry is in the log the checkpoint describes.
   *
   * @throws InvalidProofException if the proof does not tie the entry to the checkpoint's root
   */
  public void verifyIncluded(AuditEntry entry, Checkpoint trusted, InclusionProof proof)
      throws InvalidProofException {
    if (proof.leafIndex() != entry.sequence() || proof.treeSize() != trusted.size()) {
      throw new InvalidProofException(
          "proof is for leaf "
              + proof.leafIndex()
              + " of "
              + proof.treeSize()
              + ", not entry "
              + entry.sequence()
              + " of "
              + trusted.size());
    }
    if (!entry.computeHash(new EntryHasher()).equals(entry.hash())) {
      throw new InvalidProofException("entry " + entry.sequence() + " does not match its hash");
    }
    proof.verify(entry.hash(), trusted.root());
  }

  /** The name of the key whose signatures this verifier checks. */
  public String keyName() {
    return keyName;
  }

  @Override
  public String toString() {
    return "CheckpointVerifier{" + keyName + " for " + origin + "}";
  }
}
