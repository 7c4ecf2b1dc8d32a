package io.ambientretail.privacy.dsr;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a data-subject request stands: its state, each store's step, what was found (for access and
 * export), and, once complete, the proof of completion. An immutable snapshot.
 */
public final class DsrStatus {
  /** The request's overall state. */
  public enum State {
    /** Received, not run yet. */
    RECEIVED,
    /** The requester's identity was not verified; nothing was done. */
    REJECTED,
    /** Run, but at least one store could not answer: resume with {@code run} again. */
    PARTIAL,
    /** Every store answered. */
    COMPLETED
  }

  /** One store's part of the request. */
  public static final class Step {
    private final String store;
    private final boolean done;
    private final int records;
    private final @Nullable String error;

    Step(String store, boolean done, int records, @Nullable String error) {
      this.store = store;
      this.done = done;
      this.records = records;
      this.error = error;
    }

    /**
     * Rebuilds a step as a {@link DsrProgressStore} kept it.
     *
     * @param error why it failed; null when done
     * @throws IllegalArgumentException if records is negative, or a failed step has no error
     */
    public static Step of(String store, boolean done, int records, @Nullable String error) {
      Objects.requireNonNull(store, "store");
      if (records < 0 || !done && error == null) {
        throw new IllegalArgumentException("a step has records >= 0 and a failed step an error");
      }
      return new Step(store, done, records, done ? null : error);
    }

    /** The store. */
    public String store() {
      return store;
    }

    /** Whether this store's part is done. */
    public boolean done() {
      return done;
    }

    /** How many records it found, deleted or changed. */
    public int records() {
      return records;
    }

    /** Why it is not done, when it failed. */
    public Optional<String> error() {
      return Optional.ofNullable(error);
    }

    @Override
    public String toString() {
      return store + (done ? " done(" + records + ")" : " failed: " + error);
    }
  }

  private final DsrRequest request;
  private final State state;
  private final List<Step> steps;
  private final List<PersonalRecord> records;
  private final @Nullable String refusal;
  private final @Nullable Instant completed;
  private final @Nullable String proof;

  DsrStatus(
      DsrRequest request,
      State state,
      List<Step> steps,
      List<PersonalRecord> records,
      @Nullable String refusal,
      @Nullable Instant completed,
      @Nullable String proof) {
    this.request = request;
    this.state = state;
    this.steps = List.copyOf(steps);
    this.records = List.copyOf(records);
    this.refusal = refusal;
    this.completed = completed;
    this.proof = proof;
  }

  /**
   * Rebuilds a status as a {@link DsrProgressStore} kept it (without records).
   *
   * @param refusal why identity verification refused it, or null
   * @param completed when it completed, or null
   * @param proof the proof of completion, or null
   */
  public static DsrStatus restore(
      DsrRequest request,
      State state,
      List<Step> steps,
      @Nullable String refusal,
      @Nullable Instant completed,
      @Nullable String proof) {
    return new DsrStatus(
        Objects.requireNonNull(request, "request"),
        Objects.requireNonNull(state, "state"),
        steps,
        List.of(),
        refusal,
        completed,
        proof);
  }

  /** The request. */
  public DsrRequest request() {
    return request;
  }

  /** The state. */
  public State state() {
    return state;
  }

  /** Each store's step, in registration order. */
  public List<Step> steps() {
    return steps;
  }

  /** For ACCESS and EXPORT: what was found, in store order. Empty otherwise. */
  public List<PersonalRecord> records() {
    return records;
  }

  /** Why identity verification refused the request. */
  public Optional<String> refusal() {
    return Optional.ofNullable(refusal);
  }

  /** When the request completed. */
  public Optional<Instant> completed() {
    return Optional.ofNullable(completed);
  }

  /**
   * The proof of completion: one line per store with what was done, the completion time and the
   * SHA-256 of those lines (also written to the audit log as {@code dsr.complete}).
   */
  public Optional<String> proof() {
    return Optional.ofNullable(proof);
  }

  /** Whether the answer is late at {@code now}. */
  public boolean overdue(Instant now) {
    Instant done = completed;
    return (done == null ? now : done).isAfter(request.due());
  }

  /** Counts of steps per store, for reports. */
  public Map<String, Integer> counts() {
    Map<String, Integer> m = new java.util.LinkedHashMap<>();
    for (Step s : steps) {
      m.put(s.store(), s.records());
    }
    return m;
  }

  @Override
  public String toString() {
    return "DsrStatus{" + request.id() + " " + state + " " + steps + "}";
  }
}
