package io.ambientretail.inventory.fusion;

import io.ambientretail.core.LaneId;
import io.ambientretail.core.ShopperId;
import io.ambientretail.core.SkuId;
import io.ambientretail.inventory.fusion.internal.FusionEngine;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Cart fusion for one store: feed it the store's events in time order (from a replay file or live)
 * and it keeps one cart per shopper, tells a {@link CartListener} each time a cart changes, and
 * gives a {@link Receipt} with a confidence and a review flag when a shopper leaves.
 *
 * <p>How it works: each lane's raw readings are segmented into settled pick and put changes; each
 * change is explained as (shopper, items) hypotheses scored by unit-weight fit across the lane's
 * SKU, misplaced items and the shopper's cart, by the shopper's positions over a window around the
 * change (and whether they stood still), by vision hints (soft) and scans (strong), jointly with
 * the other changes of the same moment. The best explanation updates the carts at once; later
 * evidence may revise it for {@link FusionConfig#revisionMillis()}, after which it is final and its
 * posterior enters the receipt's confidence. The same events in the same order always give the same
 * receipts.
 *
 * <p>Not thread-safe: feed it from one thread (as {@link LiveCartFusion} does). Times are the
 * replay format's milliseconds since the start of the recording.
 */
public final class CartFusion {
  private final FusionEngine engine;

  private CartFusion(Builder b) {
    this.engine = new FusionEngine(b.config, b.planogram, b.listener, b.retainReceipts);
  }

  /** A builder: empty planogram (lanes come as events), default config, no listener. */
  public static Builder builder() {
    return new Builder();
  }

  /** Takes the next event; its time must not be earlier than the event before. */
  public void accept(ReplayEvent event) {
    engine.accept(Objects.requireNonNull(event, "event"));
  }

  /**
   * Takes one raw load-cell reading without allocating an event: the hot path for live shelves.
   * Readings of lanes not in the planogram are ignored.
   *
   * @param lane the lane
   * @param t milliseconds since the start of the recording
   * @param grams the absolute reading, grams
   */
  public void weight(LaneId lane, long t, double grams) {
    engine.weight(lane, t, grams);
  }

  /**
   * Ends the day: decides every change still open, gives a receipt to every shopper still in the
   * store, and returns all receipts in the order they were given.
   */
  public List<Receipt> finish() {
    return engine.finish();
  }

  /** The receipts given so far, in order (none when built with {@code retainReceipts(false)}). */
  public List<Receipt> receipts() {
    return engine.receipts();
  }

  /**
   * A shopper's cart now (units per SKU), if the shopper is known: in the store, or left less than
   * a minute (of the recording's time) before the latest exit; fusion forgets shoppers after that,
   * so a live store's memory stays bounded.
   */
  public Optional<Map<SkuId, Integer>> cart(ShopperId shopper) {
    return Optional.ofNullable(engine.cart(shopper));
  }

  /** The planogram as it stands now. */
  public Planogram planogram() {
    return engine.planogram();
  }

  /** How many settled weight changes fusion has explained so far. */
  public long changes() {
    return engine.changes();
  }

  /**
   * The SKUs of a shopper's decided changes that another explanation (another shopper, other items)
   * accounts for with at least 5% probability: the receipt lines a reviewer should look at. Empty
   * for an unknown shopper (see {@link #cart} for how long a shopper is known).
   */
  public Set<SkuId> doubtful(ShopperId shopper) {
    return engine.doubtful(Objects.requireNonNull(shopper, "shopper"));
  }

  /**
   * Whether the shopper's receipt would be held for review if they left now (false for an unknown
   * shopper): the same decision as {@link Receipt#review()}, for a live cart.
   */
  public boolean needsReview(ShopperId shopper) {
    return engine.needsReview(Objects.requireNonNull(shopper, "shopper"));
  }

  /**
   * The lanes whose weight has moved from its settled level and not settled again, each with the
   * time (recording milliseconds) the movement began, or {@link Long#MIN_VALUE} for a lane that has
   * not settled since it was defined: a pick or put-back there may still be reported. A store waits
   * before it takes a leaving shopper's receipt until no lane is here whose movement began while
   * the shopper stood at it.
   */
  public Map<LaneId, Long> unsettledLanes() {
    return engine.unsettledLanes();
  }

  /**
   * The weight a lane holds as the store knows it from its count (at start-up, say), grams: taken
   * as the lane's settled level until its readings first settle, so a pick in the first moments is
   * not lost in the starting level. Ignored for a lane that has settled, and for unknown lanes.
   */
  public void assumeWeight(LaneId lane, double grams) {
    engine.assumeWeight(Objects.requireNonNull(lane, "lane"), grams);
  }

  /**
   * Staff changed a lane on purpose (restock, removal, cleaning): its settled level is forgotten,
   * and the next steady level is taken as it is, with no pick or put-back reported for anyone. Call
   * it before the change reaches the load cell. Unknown lanes are ignored.
   */
  public void relevel(LaneId lane) {
    engine.relevel(Objects.requireNonNull(lane, "lane"));
  }

  /** Builds a {@link CartFusion}; not thread-safe. */
  public static final class Builder {
    private FusionConfig config = FusionConfig.defaults();
    private Planogram planogram = Planogram.empty();
    private CartListener listener = CartListener.NONE;
    private boolean retainReceipts = true;

    private Builder() {}

    /**
     * Whether {@link CartFusion#receipts()} and {@link CartFusion#finish()} keep every receipt
     * given (the default, for replays). A store running for weeks passes false and takes each
     * receipt from its {@link CartListener}, so memory stays bounded.
     */
    public Builder retainReceipts(boolean retain) {
      this.retainReceipts = retain;
      return this;
    }

    /** The settings. */
    public Builder config(FusionConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** The lanes known before the first event (more may come as lane events). */
    public Builder planogram(Planogram planogram) {
      this.planogram = Objects.requireNonNull(planogram, "planogram");
      return this;
    }

    /** Who hears of cart changes and receipts. */
    public Builder listener(CartListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Builds the fusion. */
    public CartFusion build() {
      return new CartFusion(this);
    }
  }
}
