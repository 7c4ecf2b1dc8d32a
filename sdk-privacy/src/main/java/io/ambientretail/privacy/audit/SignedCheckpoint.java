package io.ambientretail.privacy.audit;

import io.ambientretail.privacy.PrivacyException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A {@link Checkpoint} with one Ed25519 signature, in the C2SP signed-note text form a witness
 * stores and exchanges ({@link #text()}, {@link #parse}).
 *
 * <p>Immutable. Holding one proves nothing until {@link CheckpointVerifier#verify} has checked it.
 */
public final class SignedCheckpoint {
  /** Longest signed-note text {@link #parse} accepts, in characters. */
  public static final int MAX_TEXT = 4096;

  private static final String DASH = "\u2014 ";

  private final Checkpoint checkpoint;
  private final String keyName;
  private final byte[] keyId;
  private final byte[] signature;

  SignedCheckpoint(Checkpoint checkpoint, String keyName, byte[] keyId, byte[] signature) {
    this.checkpoint = checkpoint;
    this.keyName = keyName;
    this.keyId = keyId;
    this.signature = signature;
  }

  /** The checkpoint that was signed. */
  public Checkpoint checkpoint() {
    return checkpoint;
  }

  /** The name of the signing key. */
  public String keyName() {
    return keyName;
  }

  byte[] keyId() {
    return keyId;
  }

  byte[] signature() {
    return signature;
  }

  /** The signed note: the checkpoint body, a blank line and the signature line. */
  public String text() {
    byte[] sig = new byte[keyId.length + signature.length];
    System.arraycopy(keyId, 0, sig, 0, keyId.length);
    System.arraycopy(signature, 0, sig, keyId.length, signature.length);
    return checkpoint.body()
        + "\n"
        + DASH
        + keyName
        + " "
        + Base64.getEncoder().encodeToString(sig)
        + "\n";
  }

  /**
   * Parses a signed note written by {@link #text()}; does not check the signature.
   *
   * @throws PrivacyException with {@link PrivacyException#AUDIT_FIELD} naming the bad line
   */
  public static SignedCheckpoint parse(String text) {
    if (text.length() > MAX_TEXT) {
      throw bad(0, "signed checkpoint is longer than " + MAX_TEXT + " characters");
    }
    String[] lines = text.split("\n", -1);
    if (lines.length != 6 || !lines[3].isEmpty() || !lines[5].isEmpty()) {
      throw bad(0, "a signed checkpoint is 3 body lines, a blank line and 1 signature line");
    }
    long size;
    try {
      size = Long.parseLong(lines[1]);
    } catch (NumberFormatException e) {
      throw bad(2, "tree size is not a decimal number");
    }
    if (size < 0 || !lines[1].equals(Long.toString(size))) {
      throw bad(2, "tree size is not a canonical non-negative decimal number");
    }
    byte[] root = decode(lines[2], 3);
    if (root.length != Sha256Hash.LENGTH) {
      throw bad(3, "root hash is not 32 bytes");
    }
    Checkpoint cp;
    try {
      cp = Checkpoint.of(lines[0], size, Sha256Hash.wrap(root));
    } catch (IllegalArgumentException e) {
      throw bad(1, e.getMessage());
    }
    String sigLine = lines[4];
    if (!sigLine.startsWith(DASH)) {
      throw bad(5, "signature line does not start with an em dash and a space");
    }
    String[] parts = sigLine.substring(DASH.length()).split(" ", -1);
    if (parts.length != 2) {
      throw bad(5, "signature line is not 'key-name base64'");
    }
    try {
      CheckpointSigner.checkName(parts[0]);
    } catch (IllegalArgumentException e) {
      throw bad(5, e.getMessage());
    }
    byte[] sig = decode(parts[1], 5);
    if (sig.length != 4 + 64) {
      throw bad(5, "signature is not a 4-byte key id and a 64-byte Ed25519 signature");
    }
    return new SignedCheckpoint(
        cp, parts[0], Arrays.copyOf(sig, 4), Arrays.copyOfRange(sig, 4, sig.length));
  }

  private static byte[] decode(String b64, int line) {
    try {
      return Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw bad(line, "not standard base64");
    }
  }

  private static PrivacyException bad(int line, String why) {
    return new PrivacyException(
        PrivacyException.AUDIT_FIELD,
        (line > 0 ? "signed checkpoint line " + line + ": " : "") + why);
  }

  @Override
  public String toString() {
    return "SignedCheckpoint{" + checkpoint + " by " + keyName + "}";
  }
}
