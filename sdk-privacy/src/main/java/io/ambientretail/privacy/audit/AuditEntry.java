package io.ambientretail.privacy.audit;

import io.ambientretail.privacy.PrivacyException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One entry of the tamper-evident audit log: an {@link AuditEvent} with its position, time and the
 * hashes that chain it to the entry before.
 *
 * <p>{@link #hash()} is the RFC 6962 leaf hash {@code SHA-256(0x00 || canonical entry)}, where the
 * canonical entry covers the sequence number, the time in microseconds, every event field and
 * {@link #previousHash()}. The hash therefore both chains the log (changing, removing or moving an
 * entry breaks the next one) and is the entry's leaf in the log's Merkle tree.
 *
 * <p>Immutable. {@link #of} does not check the hash: that is the {@link AuditVerifier}'s job.
 */
public final class AuditEntry {
  /** The previous hash of entry 0: 32 zero bytes. */
  public static final Sha256Hash GENESIS = Sha256Hash.wrap(new byte[Sha256Hash.LENGTH]);

  private final long sequence;
  private final Instant time;
  private final AuditEvent event;
  private final Sha256Hash previousHash;
  private final Sha256Hash hash;

  private AuditEntry(
      long sequence, Instant time, AuditEvent event, Sha256Hash previousHash, Sha256Hash hash) {
    this.sequence = sequence;
    this.time = time;
    this.event = event;
    this.previousHash = previousHash;
    this.hash = hash;
  }

  /**
   * Rebuilds an entry read from storage or a file, without checking its hash.
   *
   * @throws PrivacyException if the sequence is negative or the time has sub-microsecond digits
   */
  public static AuditEntry of(
      long sequence, Instant time, AuditEvent event, Sha256Hash previousHash, Sha256Hash hash) {
    checkSequenceAndTime(sequence, time);
    return new AuditEntry(
        sequence,
        time,
        Objects.requireNonNull(event, "event"),
        Objects.requireNonNull(previousHash, "previousHash"),
        Objects.requireNonNull(hash, "hash"));
  }

  /** Creates the entry that follows {@code previousHash}, computing its hash. */
  static AuditEntry create(
      long sequence, Instant time, AuditEvent event, Sha256Hash previousHash, EntryHasher hasher) {
    Instant micros = time.truncatedTo(ChronoUnit.MICROS);
    long us = micros.getEpochSecond() * 1_000_000L + micros.getNano() / 1000;
    return new AuditEntry(
        sequence,
        micros,
        event,
        previousHash,
        Sha256Hash.wrap(hasher.leafHash(sequence, us, event, previousHash)));
  }

  private static void checkSequenceAndTime(long sequence, Instant time) {
    if (sequence < 0) {
      throw new PrivacyException(PrivacyException.AUDIT_FIELD, "sequence is negative: " + sequence);
    }
    Objects.requireNonNull(time, "time");
    if (time.getNano() % 1000 != 0) {
      throw new PrivacyException(
          PrivacyException.AUDIT_FIELD, "time has digits below a microsecond: " + time);
    }
    try {
      Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1000);
    } catch (ArithmeticException e) {
      throw new PrivacyException(PrivacyException.AUDIT_FIELD, "time is out of range: " + time);
    }
  }

  /** Recomputes this entry's leaf hash from its content. */
  Sha256Hash computeHash(EntryHasher hasher) {
    return Sha256Hash.wrap(hasher.leafHash(sequence, timeMicros(), event, previousHash));
  }

  /** The 0-based position of this entry in the log. */
  public long sequence() {
    return sequence;
  }

  /** When the log accepted the entry, to the microsecond (PCI DSS 10.2.2 "date and time"). */
  public Instant time() {
    return time;
  }

  /** The time as microseconds since the epoch, the unit stored and hashed. */
  public long timeMicros() {
    return time.getEpochSecond() * 1_000_000L + time.getNano() / 1000;
  }

  /** Who did what to which resource, from where, and whether it succeeded. */
  public AuditEvent event() {
    return event;
  }

  /** The hash of the entry before ({@link #GENESIS} for entry 0). */
  public Sha256Hash previousHash() {
    return previousHash;
  }

  /** This entry's hash: its chain link and its Merkle leaf hash. */
  public Sha256Hash hash() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AuditEntry)) {
      return false;
    }
    AuditEntry e = (AuditEntry) o;
    return sequence == e.sequence
        && hash.equals(e.hash)
        && time.equals(e.time)
        && previousHash.equals(e.previousHash)
        && sameEvent(event, e.event);
  }

  private static boolean sameEvent(AuditEvent a, AuditEvent b) {
    return a.actor().equals(b.actor())
        && a.action().equals(b.action())
        && a.outcome() == b.outcome()
        && a.origin().equals(b.origin())
        && a.resource().equals(b.resource())
        && a.detail().equals(b.detail());
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "AuditEntry#" + sequence + "{" + time + " " + event + " " + hash.hex() + "}";
  }
}
