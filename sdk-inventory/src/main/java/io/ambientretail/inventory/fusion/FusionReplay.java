package io.ambientretail.inventory.fusion;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replays a recorded day through {@link CartFusion}: the one call behind {@code ambient fusion
 * replay}.
 *
 * <pre>{@code
 * try (ReplayReader in = ReplayReader.open(Files.newBufferedReader(day), ReplayLimits.defaults())) {
 *   for (Receipt r : FusionReplay.run(in, FusionConfig.defaults()).receipts()) { ... }
 * }
 * }</pre>
 */
public final class FusionReplay {
  private FusionReplay() {}

  /** What a replay gave: the receipts in order and the lines of unknown type it skipped. */
  public static final class Result {
    private final List<Receipt> receipts;
    private final Map<String, Long> unknownTypes;
    private final long events;

    Result(List<Receipt> receipts, Map<String, Long> unknownTypes, long events) {
      this.receipts = List.copyOf(receipts);
      this.unknownTypes = Map.copyOf(unknownTypes);
      this.events = events;
    }

    /** The receipts, in the order shoppers left (then the ones still in at the end). */
    public List<Receipt> receipts() {
      return receipts;
    }

    /** Lines of unknown {@code type} skipped, by type. */
    public Map<String, Long> unknownTypes() {
      return unknownTypes;
    }

    /** How many events were replayed. */
    public long events() {
      return events;
    }
  }

  /**
   * Reads every event from {@code in} into a new fusion and finishes it.
   *
   * @throws ReplayFormatException at the first malformed line
   * @throws IOException if reading fails
   */
  public static Result run(ReplayReader in, FusionConfig config) throws IOException {
    return run(in, config, CartListener.NONE);
  }

  /** As {@link #run(ReplayReader, FusionConfig)}, telling {@code listener} of every cart change. */
  public static Result run(ReplayReader in, FusionConfig config, CartListener listener)
      throws IOException {
    Objects.requireNonNull(in, "in");
    CartFusion fusion = CartFusion.builder().config(config).listener(listener).build();
    long n = 0;
    for (ReplayEvent e = in.next(); e != null; e = in.next()) {
      fusion.accept(e);
      n++;
    }
    return new Result(fusion.finish(), in.unknownTypes(), n);
  }
}
