package io.ambientretail.inventory.fusion;

import io.ambientretail.core.Gtin;
import io.ambientretail.core.InvalidValueException;
import io.ambientretail.core.LaneId;
import io.ambientretail.core.ShopperId;
import io.ambientretail.core.SkuId;
import io.ambientretail.inventory.fusion.internal.BoundedLineReader;
import io.ambientretail.inventory.fusion.internal.JsonLine;
import io.ambientretail.inventory.fusion.internal.StrictUtf8Reader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads the fusion replay format, version 1 (described in the project's {@code
 * docs/fusion-replay.md}): one event per line, in time order.
 *
 * <p>Unknown fields are ignored; a line of an unknown {@code type} is counted ({@link
 * #unknownTypes()}, by name for the first 64 types, the rest under {@link #OTHER_TYPES}) and
 * skipped; blank lines are skipped. A malformed line, a {@code v} other than 1, a time earlier than
 * the line before, or input beyond the {@link ReplayLimits} stops the read with a {@link
 * ReplayFormatException} naming the line and the field. Lane lines may come later in the day: they
 * change the planogram from that time on. Not thread-safe; the caller closes the underlying reader
 * through {@link #close()}.
 */
public final class ReplayReader implements Closeable {
  private final Reader source;
  private final BoundedLineReader lines;
  private final JsonLine json;
  private final ReplayLimits limits;

  /** Distinct unknown types counted by name; the rest are counted under {@link #OTHER_TYPES}. */
  private static final int MAX_UNKNOWN_TYPES = 64;

  /** The key under which unknown types beyond the first {@value #MAX_UNKNOWN_TYPES} are counted. */
  public static final String OTHER_TYPES = "(other types)";

  private final Set<LaneId> lanes = new HashSet<>();
  private final Set<SkuId> skus = new HashSet<>();

  /** Each shopper's first id, so every event of one shopper shares one instance. */
  private final Map<ShopperId, ShopperId> shoppers = new HashMap<>();

  private final Map<String, Long> unknown = new TreeMap<>();
  private long lastT;

  private ReplayReader(Reader source, ReplayLimits limits) {
    this.source = source;
    this.limits = limits;
    this.lines = new BoundedLineReader(source, limits.maxLineChars());
    this.json =
        new JsonLine(
            limits.maxDepth(), limits.maxLineChars(), Math.max(64, limits.maxCandidates()));
  }

  /**
   * A reader of the UTF-8 bytes of {@code source} with the given limits: bytes that are not UTF-8
   * fail as {@link ReplayFormatException#ENCODING} naming their line. The reader closes the stream.
   */
  public static ReplayReader open(InputStream source, ReplayLimits limits) {
    return open(new StrictUtf8Reader(Objects.requireNonNull(source, "source")), limits);
  }

  /** A reader of {@code source} with the given limits. */
  public static ReplayReader open(Reader source, ReplayLimits limits) {
    return new ReplayReader(
        Objects.requireNonNull(source, "source"), Objects.requireNonNull(limits, "limits"));
  }

  /**
   * The next event, or null at the end of the input.
   *
   * @throws ReplayFormatException naming the line and field of malformed input
   * @throws IOException if the underlying reader fails
   */
  public @Nullable ReplayEvent next() throws IOException {
    while (true) {
      String text = lines.next();
      if (text == null) {
        return null;
      }
      if (text.isBlank()) {
        continue;
      }
      json.parse(text, lines.lineNumber());
      ReplayEvent e = event();
      if (e != null) {
        return e;
      }
    }
  }

  /** Reads every remaining event into a list. */
  public List<ReplayEvent> readAll() throws IOException {
    List<ReplayEvent> out = new ArrayList<>();
    for (ReplayEvent e = next(); e != null; e = next()) {
      out.add(e);
    }
    return out;
  }

  /** The number of the line read last, 1-based. */
  public long line() {
    return lines.lineNumber();
  }

  /** How many lines of each unknown {@code type} were skipped so far. */
  public Map<String, Long> unknownTypes() {
    return Map.copyOf(unknown);
  }

  private @Nullable ReplayEvent event() {
    long v = json.integer("v");
    if (v != 1) {
      throw json.error("v", "unsupported version " + v + " (this reader reads version 1)");
    }
    long t = json.integer("t");
    if (t < 0) {
      throw json.error("t", "must be 0 or more, was " + t);
    }
    if (t < lastT) {
      throw json.error("t", "time goes backwards (" + t + " after " + lastT + ")");
    }
    String type = json.string("type");
    ReplayEvent e;
    switch (type) {
      case "lane":
        e = lane(t);
        break;
      case "enter":
        e = new ReplayEvent.Enter(t, shopper());
        break;
      case "exit":
        e = new ReplayEvent.Exit(t, shopper());
        break;
      case "track":
        e = new ReplayEvent.Track(t, shopper(), json.number("x"), json.number("y"));
        break;
      case "near":
        {
          ShopperId s = shopper();
          String shelf = shelf();
          double m = json.number("metres");
          if (m < 0) {
            throw json.error("metres", "must be 0 or more");
          }
          e = new ReplayEvent.Near(t, s, shelf, m);
          break;
        }
      case "weight":
        e = new ReplayEvent.Weight(t, laneId(), json.number("grams"));
        break;
      case "vision":
        e = vision(t);
        break;
      case "scan":
        e = new ReplayEvent.Scan(t, shopper(), gtin("gtin"));
        break;
      default:
        String name = type.length() > 64 ? type.substring(0, 64) : type;
        if (unknown.size() >= MAX_UNKNOWN_TYPES && !unknown.containsKey(name)) {
          name = OTHER_TYPES;
        }
        unknown.merge(name, 1L, Long::sum);
        lastT = t;
        return null;
    }
    lastT = t;
    return e;
  }

  private ReplayEvent lane(long t) {
    LaneId id = laneId();
    String shelf = shelf();
    SkuId sku = sku("sku");
    if (skus.size() >= limits.maxSkus() && !skus.contains(sku)) {
      throw new ReplayFormatException(
          ReplayFormatException.LIMIT,
          json.line(),
          "sku",
          "more than " + limits.maxSkus() + " distinct SKUs in lane lines");
    }
    skus.add(sku);
    double unit = json.number("unitGrams");
    if (!(unit > 0)) {
      throw json.error("unitGrams", "must be greater than 0");
    }
    double std = json.optNumber("gramsStd", 0);
    if (std < 0) {
      throw json.error("gramsStd", "must be 0 or more");
    }
    double x = json.number("x");
    double y = json.number("y");
    return new ReplayEvent.LaneDefined(t, new Lane(id, shelf, sku, unit, std, x, y));
  }

  private ReplayEvent vision(long t) {
    ShopperId s = shopper();
    String shelf = shelf();
    String a = json.string("action");
    Action action;
    if (a.equals("pick")) {
      action = Action.PICK;
    } else if (a.equals("put")) {
      action = Action.PUT;
    } else {
      throw json.error("action", "expected \"pick\" or \"put\"");
    }
    List<Object> raw = json.array("candidates");
    if (raw.size() > limits.maxCandidates()) {
      throw new ReplayFormatException(
          ReplayFormatException.LIMIT,
          json.line(),
          "candidates",
          "more than " + limits.maxCandidates() + " candidates");
    }
    List<VisionCandidate> cands = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      Object o = raw.get(i);
      String where = "candidates[" + i + "]";
      if (!(o instanceof Map)) {
        throw json.error(where, "expected an object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> old = json.enter((Map<String, Object>) o);
      try {
        SkuId sku = sku(where + ".sku", "sku");
        double p = json.number("p");
        if (!(p >= 0 && p <= 1)) {
          throw json.error(where + ".p", "must be in [0, 1]");
        }
        cands.add(new VisionCandidate(sku, p));
      } catch (ReplayFormatException e) {
        if (e.field() != null && !e.field().startsWith("candidates")) {
          throw json.error(where + "." + e.field(), e.detail());
        }
        throw e;
      } finally {
        json.enter(old);
      }
    }
    return new ReplayEvent.Vision(t, s, shelf, action, cands);
  }

  private ShopperId shopper() {
    String text = json.string("shopper");
    ShopperId id;
    try {
      id = ShopperId.of(text);
    } catch (InvalidValueException e) {
      throw json.error("shopper", e.getMessage());
    }
    ShopperId known = shoppers.get(id);
    if (known != null) {
      return known;
    }
    if (shoppers.size() >= limits.maxShoppers()) {
      throw new ReplayFormatException(
          ReplayFormatException.LIMIT,
          json.line(),
          "shopper",
          "more than " + limits.maxShoppers() + " distinct shoppers");
    }
    shoppers.put(id, id);
    return id;
  }

  private LaneId laneId() {
    String text = json.string("lane");
    LaneId id;
    try {
      id = LaneId.of(text);
    } catch (InvalidValueException e) {
      throw json.error("lane", e.getMessage());
    }
    if (lanes.size() >= limits.maxLanes() && !lanes.contains(id)) {
      throw new ReplayFormatException(
          ReplayFormatException.LIMIT,
          json.line(),
          "lane",
          "more than " + limits.maxLanes() + " distinct lanes");
    }
    lanes.add(id);
    return id;
  }

  private String shelf() {
    String s = json.string("shelf");
    if (s.isEmpty() || s.length() > 64) {
      throw json.error("shelf", "must have 1 to 64 characters");
    }
    return s;
  }

  private SkuId sku(String field) {
    return sku(field, field);
  }

  private SkuId sku(String field, String key) {
    String text = json.string(key);
    try {
      return SkuId.of(text);
    } catch (InvalidValueException e) {
      throw json.error(field, e.getMessage());
    }
  }

  private String gtin(String field) {
    String text = json.string(field);
    try {
      return Gtin.parse(text).digits14();
    } catch (InvalidValueException e) {
      throw json.error(field, e.getMessage());
    }
  }

  /** Closes the underlying reader. */
  @Override
  public void close() throws IOException {
    source.close();
  }
}
