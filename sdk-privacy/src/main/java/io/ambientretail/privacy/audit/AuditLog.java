package io.ambientretail.privacy.audit;

import io.ambientretail.privacy.PrivacyException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The append-only, tamper-evident audit log: every access to personal data, detokenization, data
 * subject request step and role change is appended here as an {@link AuditEntry}.
 *
 * <p>Entries form a hash chain and the leaves of an RFC 6962 Merkle tree. {@link #checkpoint()} and
 * {@link #signCheckpoint} give the state a central witness holds; {@link #inclusionProof} and
 * {@link #consistencyProof} let it check that an entry is in the log and that the log only grew.
 * Entries are durable in the {@link AuditStore} before {@code append} returns; append in batches
 * ({@link #appendAll}) for throughput, since each call is one durable write.
 *
 * <p>Opening a log reads the whole store, checks the chain and rebuilds the tree (about two 32-byte
 * hashes per entry stay in memory, 64 MB per million entries). Thread-safe: all methods are
 * synchronised.
 *
 * <pre>{@code
 * AuditLog log = AuditLog.builder().name("acme/S001/audit").store(store).clock(clock).build();
 * log.append(AuditEvent.builder().actor("op-7").action("receipt.read").outcome(SUCCESS)
 *     .origin("kiosk-2").resource("receipt/R-1001").build());
 * SignedCheckpoint cp = log.signCheckpoint(signer);   // hand to the witness
 * }</pre>
 */
public final class AuditLog {
  private static final int LOAD_PAGE = 10_000;

  private final String name;
  private final AuditStore store;
  private final Clock clock;
  private final EntryHasher hasher = new EntryHasher();
  private final MerkleTree tree = new MerkleTree();
  private Sha256Hash head = AuditEntry.GENESIS;

  private AuditLog(Builder b) {
    this.name = b.name;
    this.store = b.store;
    this.clock = b.clock;
  }

  /** Starts configuring a log. */
  public static Builder builder() {
    return new Builder();
  }

  /** Reads entries this log does not hold yet from the store, checking the chain. */
  private void catchUp() throws IOException {
    long stored = store.size();
    while (tree.size() < stored) {
      List<AuditEntry> page = store.read(tree.size(), LOAD_PAGE);
      if (page.isEmpty()) {
        throw new IOException(
            "audit store reports " + stored + " entries but has only " + tree.size());
      }
      for (AuditEntry e : page) {
        long expected = tree.size();
        if (e.sequence() != expected
            || !e.previousHash().equals(head)
            || !e.computeHash(hasher).equals(e.hash())) {
          throw new PrivacyException(
              PrivacyException.AUDIT_CHAIN_BROKEN,
              "audit store entry "
                  + expected
                  + " is changed, missing or out of order;"
                  + " export the log and run 'ambient audit verify' to see where");
        }
        tree.appendLeaf(e.hash().unsafeBytes());
        head = e.hash();
      }
    }
  }

  /**
   * Durably appends one event, stamped with the clock's time.
   *
   * @throws IOException if the store could not make it durable; nothing was appended
   */
  public AuditEntry append(AuditEvent event) throws IOException {
    return appendAll(List.of(event)).get(0);
  }

  /**
   * Durably appends events as one atomic batch, in order, all stamped with the same time.
   *
   * @throws IOException if the store could not make the batch durable; nothing was appended
   */
  public synchronized List<AuditEntry> appendAll(List<AuditEvent> events) throws IOException {
    if (events.isEmpty()) {
      return List.of();
    }
    java.time.Instant now = clock.instant();
    List<AuditEntry> batch = new ArrayList<>(events.size());
    Sha256Hash prev = head;
    long seq = tree.size();
    for (AuditEvent ev : events) {
      AuditEntry e =
          AuditEntry.create(seq++, now, Objects.requireNonNull(ev, "event"), prev, hasher);
      batch.add(e);
      prev = e.hash();
    }
    try {
      store.append(batch);
    } catch (IOException | RuntimeException e) {
      // The store may or may not have kept the batch; learn which before anything else.
      try {
        catchUp();
      } catch (IOException | RuntimeException again) {
        e.addSuppressed(again);
      }
      throw e;
    }
    for (AuditEntry e : batch) {
      tree.appendLeaf(e.hash().unsafeBytes());
    }
    head = prev;
    return List.copyOf(batch);
  }

  /** The log's name, used as the origin of its checkpoints. */
  public String name() {
    return name;
  }

  /** The number of entries. */
  public synchronized long size() {
    return tree.size();
  }

  /** The hash of the newest entry ({@link AuditEntry#GENESIS} when empty). */
  public synchronized Sha256Hash head() {
    return head;
  }

  /** The Merkle root the log had at {@code treeSize} entries. */
  public synchronized Sha256Hash root(long treeSize) {
    return tree.root(treeSize);
  }

  /** The current, unsigned checkpoint. */
  public synchronized Checkpoint checkpoint() {
    return Checkpoint.of(name, tree.size(), tree.root());
  }

  /**
   * Signs the current checkpoint, for a witness to hold.
   *
   * @throws GeneralSecurityException if signing fails
   */
  public SignedCheckpoint signCheckpoint(CheckpointSigner signer) throws GeneralSecurityException {
    return signer.sign(checkpoint());
  }

  /**
   * Signs the current checkpoint and keeps it in {@code checkpoints} (for a {@link JdbcAuditStore}
   * usually the log's own store, so {@code ambient audit export} carries it): the call a store
   * makes on a schedule, for example every minute and at shutdown. Safe to retry; when nothing was
   * appended since the last call, the same checkpoint is signed and storing it again does nothing
   * (Ed25519 signatures are deterministic). Hand the result to a witness as well.
   *
   * <p>The checkpoint covers only entries that are already durable.
   *
   * @throws IOException if the checkpoint could not be stored
   * @throws GeneralSecurityException if signing fails
   */
  public SignedCheckpoint publishCheckpoint(CheckpointSigner signer, CheckpointStore checkpoints)
      throws IOException, GeneralSecurityException {
    SignedCheckpoint signed = signCheckpoint(Objects.requireNonNull(signer, "signer"));
    checkpoints.saveCheckpoint(signed);
    return signed;
  }

  /** Proves entry {@code sequence} is in the log at {@code treeSize} entries. */
  public synchronized InclusionProof inclusionProof(long sequence, long treeSize) {
    return tree.inclusionProof(sequence, treeSize);
  }

  /** Proves the log at {@code oldSize} entries is a prefix of the log at {@code newSize}. */
  public synchronized ConsistencyProof consistencyProof(long oldSize, long newSize) {
    return tree.consistencyProof(oldSize, newSize);
  }

  @Override
  public String toString() {
    return "AuditLog{" + name + ", " + size() + " entries}";
  }

  /** Configures an {@link AuditLog}; not thread-safe. */
  public static final class Builder {
    private String name;
    private AuditStore store;
    private Clock clock;

    private Builder() {}

    /** Names the log (the origin line of its checkpoints), e.g. {@code acme/S001/audit}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets where entries are kept. */
    public Builder store(AuditStore store) {
      this.store = store;
      return this;
    }

    /** Sets the clock that stamps entries. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Opens the log: reads and checks every stored entry and rebuilds the Merkle tree.
     *
     * @throws IOException if the store cannot be read
     * @throws PrivacyException with {@link PrivacyException#AUDIT_CHAIN_BROKEN} if stored entries
     *     were tampered with
     * @throws IllegalStateException if the name, store or clock is missing
     */
    public AuditLog build() throws IOException {
      if (name == null || store == null || clock == null) {
        throw new IllegalStateException("an audit log needs a name, a store and a clock");
      }
      Checkpoint.of(name, 0, AuditEntry.GENESIS);
      AuditLog log = new AuditLog(this);
      log.catchUp();
      return log;
    }
  }
}
