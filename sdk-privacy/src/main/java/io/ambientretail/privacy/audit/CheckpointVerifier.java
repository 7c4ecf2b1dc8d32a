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
    return new CheckpointVerifier(keyName, Objects.requireNonNull(origin, "origin"), publicKey,
        CheckpointSigner.keyId(keyName, publicKey));
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
          "checkpoint is for log '" + signed.checkpoint().origin() + "', expected '" + origin + "'");
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
  public Checkpoint verifyConsistent(Checkpoint trusted, SignedCheckpoint next,
      ConsistencyProof proof) throws GeneralSecurityException {
    Checkpoint n = verify(next);
    if (proof.oldSize() != trusted.size() || proof.newSize() != n.size()) {
      throw new InvalidProofException("proof is for sizes " + proof.oldSize() + " -> "
          + proof.newSize() + ", checkpoints are " + trusted.size() + " -> " + n.size());
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
      throw new InvalidProofException("proof is for leaf " + proof.leafIndex() + " of "
          + proof.treeSize() + ", not entry " + entry.sequence() + " of " + trusted.size());
    }
    if (!entry.computeHash(new EntryHasher()).equals(entry.hash())) {
      throw new InvalidProofException("entry " + entry.sequence() + " does not match its hash");
    }
    proof.verify(entry.hash(), trusted.root());
  }

  @Override
  public String toString() {
    return "CheckpointVerifier{" + keyName + " for " + origin + "}";
  }
}
