package io.ambientretail.inventory.fusion;

import io.ambientretail.core.InvalidValueException;
import io.ambientretail.core.ShopperId;
import io.ambientretail.core.SkuId;
import io.ambientretail.inventory.fusion.internal.BoundedLineReader;
import io.ambientretail.inventory.fusion.internal.JsonLine;
import io.ambientretail.inventory.fusion.internal.StrictUtf8Reader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads receipt lines, as {@code ambient fusion replay} prints them and as ground-truth files hold
 * them: {@code {"type":"receipt","shopper":"p1","items":[{"sku":"...","qty":2}],...}}.
 *
 * <p>Every non-blank line must be a receipt line, except the metrics line that {@code fusion replay
 * --truth} prints last ({@code {"metrics":{...}}}, skipped), so a replay's own output reads back as
 * receipts. Any other line, such as a replay event or the store demo's shopper log ({@code
 * {"session":...,"items":{...}}}), fails as {@link ReplayFormatException#NOT_RECEIPTS} naming the
 * line: a file in another format is refused, not read as an empty truth. A missing {@code
 * confidence} reads as 1 and a missing {@code review} as false; quantities of one SKU listed twice
 * are added; unknown fields are ignored. A shopper with two receipts, a malformed line or input
 * beyond the {@link ReplayLimits} fails with a {@link ReplayFormatException} naming the line and
 * field. Stateless; thread-safe.
 */
public final class ReceiptReader {
  private ReceiptReader() {}

  /**
   * Reads every receipt from the UTF-8 bytes of {@code source} (which the caller closes): bytes
   * that are not UTF-8 fail as {@link ReplayFormatException#ENCODING} naming their line.
   *
   * @throws ReplayFormatException naming the line and field of malformed input
   * @throws IOException if the stream fails
   */
  public static List<Receipt> readAll(InputStream source, ReplayLimits limits) throws IOException {
    return readAll(new StrictUtf8Reader(source), limits);
  }

  /** Refuses a line that is not a receipt line, saying what it looks like instead. */
  private static void notAReceiptLine(JsonLine json) {
    Object type = json.fields().get("type");
    if ("receipt".equals(type)) {
      return;
    }
    String detail;
    if (type instanceof String) {
      String t = (String) type;
      detail =
          "a line of type '"
              + (t.length() > 32 ? t.substring(0, 32) + "..." : t)
              + "' is not a receipt line"
              + (REPLAY_TYPES.contains(t) ? " (this looks like a replay event log)" : "");
    } else if (type != null) {
      detail = "'type' must be the string \"receipt\"";
    } else if (json.has("session")) {
      detail =
          "not a receipt line: this looks like the store demo's shopper log"
              + " ({\"session\":...,\"items\":{...}}), which has no shopper ids";
    } else {
      detail = "not a receipt line: expected \"type\":\"receipt\"";
    }
    throw new ReplayFormatException(
        ReplayFormatException.NOT_RECEIPTS, json.line(), type == null ? null : "type", detail);
  }

  private static final Set<String> REPLAY_TYPES =
      Set.of("lane", "enter", "exit", "track", "near", "weight", "vision", "scan");

  /**
   * Reads every receipt from {@code source} (which the caller closes).
   *
   * @throws ReplayFormatException naming the line and field of malformed input
   * @throws IOException if the reader fails
   */
  public static List<Receipt> readAll(Reader source, ReplayLimits limits) throws IOException {
    BoundedLineReader lines = new BoundedLineReader(source, limits.maxLineChars());
    JsonLine json =
        new JsonLine(
            limits.maxDepth(), limits.maxLineChars(), Math.max(64, limits.maxReceiptLines()));
    List<Receipt> out = new ArrayList<>();
    Set<ShopperId> seen = new HashSet<>();
    for (String text = lines.next(); text != null; text = lines.next()) {
      if (text.isBlank()) {
        continue;
      }
      json.parse(text, lines.lineNumber());
      if (!json.has("type") && json.has("metrics")) {
        continue;
      }
      notAReceiptLine(json);
      ShopperId shopper;
      try {
        shopper = ShopperId.of(json.string("shopper"));
      } catch (InvalidValueException e) {
        throw json.error("shopper", e.getMessage());
      }
      if (!seen.add(shopper)) {
        throw json.error("shopper", "a second receipt for shopper " + shopper);
      }
      if (seen.size() > limits.maxShoppers()) {
        throw new ReplayFormatException(
            ReplayFormatException.LIMIT,
            lines.lineNumber(),
            "shopper",
            "more than " + limits.maxShoppers() + " receipts");
      }
      double confidence = json.optNumber("confidence", 1.0);
      if (!(confidence >= 0 && confidence <= 1)) {
        throw json.error("confidence", "must be in [0, 1]");
      }
      boolean review = json.optBool("review", false);
      List<Object> items = json.array("items");
      if (items.size() > limits.maxReceiptLines()) {
        throw new ReplayFormatException(
            ReplayFormatException.LIMIT,
            lines.lineNumber(),
            "items",
            "more than " + limits.maxReceiptLines() + " items");
      }
      Map<SkuId, Integer> counts = new TreeMap<>();
      for (int i = 0; i < items.size(); i++) {
        String where = "items[" + i + "]";
        Object o = items.get(i);
        if (!(o instanceof Map)) {
          throw json.error(where, "expected an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> old = json.enter((Map<String, Object>) o);
        try {
          SkuId sku;
          try {
            sku = SkuId.of(json.string("sku"));
          } catch (InvalidValueException e) {
            throw json.error("sku", e.getMessage());
          }
          long qty = json.integer("qty");
          if (qty < 1 || qty > 1_000_000) {
            throw json.error("qty", "must be 1 to 1000000");
          }
          counts.merge(sku, (int) qty, Integer::sum);
        } catch (ReplayFormatException e) {
          throw json.error(where + "." + e.field(), e.detail());
        } finally {
          json.enter(old);
        }
      }
      out.add(Receipt.of(shopper, counts, confidence, review));
    }
    return out;
  }
}
