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
    private final long receiptCount;
    private final Map<String, Long> unknownTypes;
    private final long events;

    Result(List<Receipt> receipts, long receiptCount, Map<String, Long> unknownTypes, long events) {
      this.receipts = List.copyOf(receipts);
      this.receiptCount = receiptCount;
      this.unknownTypes = Map.copyOf(unknownTypes);
      this.events = events;
    }

    /**
     * The receipts, in the order shoppers left (then the ones still in at the end); empty after
     * {@link #stream}, which hands each receipt to its listener instead.
     */
    public List<Receipt> receipts() {
      return receipts;
    }

    /** How many receipts the replay gave (kept or streamed). */
    public long receiptCount() {
      return receiptCount;
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
    long n = feed(in, fusion);
    List<Receipt> all = fusion.finish();
    return new Result(all, all.size(), in.unknownTypes(), n);
  }

  /**
   * Replays {@code in} keeping no receipts: each goes to {@code listener} as the shopper leaves
   * (and the ones still in the store at the end when the input ends), so memory stays bounded by
   * the {@link ReplayLimits} and the shoppers in the store at once, however long the day. The
   * result's {@link Result#receipts()} is empty. If the input turns out malformed, the receipts
   * given before the malformed line have already been handed over.
   *
   * @throws ReplayFormatException at the first malformed line
   * @throws IOException if reading fails
   */
  public static Result stream(ReplayReader in, FusionConfig config, CartListener listener)
      throws IOException {
    Objects.requireNonNull(in, "in");
    long[] given = {0};
    CartListener counting =
        new CartListener() {
          @Override
          public void cartUpdated(CartUpdate update) {
            listener.cartUpdated(update);
          }

          @Override
          public void receipt(Receipt receipt) {
            given[0]++;
            listener.receipt(receipt);
          }
        };
    CartFusion fusion =
        CartFusion.builder().config(config).listener(counting).retainReceipts(false).build();
    long n = feed(in, fusion);
    fusion.finish();
    return new Result(List.of(), given[0], in.unknownTypes(), n);
  }

  private static long feed(ReplayReader in, CartFusion fusion) throws IOException {
    long n = 0;
    for (ReplayEvent e = in.next(); e != null; e = in.next()) {
      fusion.accept(e);
      n++;
    }
    return n;
  }
}
