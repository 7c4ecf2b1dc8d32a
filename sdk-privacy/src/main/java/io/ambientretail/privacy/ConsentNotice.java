package io.ambientretail.privacy;

import io.ambientretail.privacy.audit.MerkleTree;
import io.ambientretail.privacy.audit.Sha256Hash;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One version of a privacy notice a subject is shown when asked for consent: its id, version, the
 * purposes it asks for and the SHA-256 of its exact text, so a consent record proves which words
 * the subject agreed to.
 *
 * <p>Immutable.
 */
public final class ConsentNotice {
  private final String id;
  private final int version;
  private final Set<Purpose> purposes;
  private final Sha256Hash textHash;
  private final Instant effective;

  private ConsentNotice(
      String id, int version, Set<Purpose> purposes, Sha256Hash textHash, Instant effective) {
    this.id = id;
    this.version = version;
    this.purposes = purposes;
    this.textHash = textHash;
    this.effective = effective;
  }

  /**
   * Creates version {@code version} of notice {@code id} with its full text.
   *
   * @throws PrivacyException if the id is not a valid name, the version is below 1 or no purpose is
   *     given
   */
  public static ConsentNotice of(
      String id, int version, Set<Purpose> purposes, String text, Instant effective) {
    Name.check("notice", id);
    if (version < 1) {
      throw new PrivacyException(
          PrivacyException.CONSENT_UNKNOWN,
          "notice " + id + ": version must be 1 or more, was " + version);
    }
    if (purposes.isEmpty()) {
      throw new PrivacyException(
          PrivacyException.CONSENT_UNKNOWN,
          "notice " + id + " v" + version + " asks for no purpose");
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new ConsentNotice(
        id,
        version,
        Set.copyOf(purposes),
        MerkleTree.leafHash(bytes),
        Objects.requireNonNull(effective, "effective"));
  }

  /** The notice's id, such as {@code loyalty-programme}. */
  public String id() {
    return id;
  }

  /** The version, from 1. */
  public int version() {
    return version;
  }

  /** The purposes this notice asks consent for. */
  public Set<Purpose> purposes() {
    return purposes;
  }

  /** {@code SHA-256(0x00 || UTF-8 text)}: binds a consent to the exact wording. */
  public Sha256Hash textHash() {
    return textHash;
  }

  /** From when this version is shown. */
  public Instant effective() {
    return effective;
  }

  @Override
  public String toString() {
    return "ConsentNotice{" + id + " v" + version + " " + purposes + "}";
  }
}
