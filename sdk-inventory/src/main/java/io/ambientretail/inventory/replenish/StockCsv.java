package io.ambientretail.inventory.replenish;

import io.ambientretail.core.SkuId;
import io.ambientretail.core.StoreId;
import io.ambientretail.inventory.InputLimits;
import io.ambientretail.inventory.InventoryInputException;
import io.ambientretail.inventory.internal.CsvLines;
import io.ambientretail.inventory.internal.Utf8Errors;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a stock CSV with the header {@code store,sku,on_hand,on_order} into {@link StockPositions}.
 *
 * <p>On hand may be negative (books behind reality) down to minus {@link
 * InputLimits#maxQuantity()}; on order is 0 or more. Errors are {@link InventoryInputException}s
 * naming the file, line and field. Thread-safe (stateless).
 */
public final class StockCsv {
  private StockCsv() {}

  /**
   * Reads a file as UTF-8.
   *
   * @throws InventoryInputException if the content is malformed or over a limit
   * @throws IOException if the file cannot be read
   */
  public static StockPositions read(Path file, InputLimits limits) throws IOException {
    String source = String.valueOf(file.getFileName());
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(r, source, limits);
    } catch (CharacterCodingException e) {
      throw Utf8Errors.notUtf8(file, source);
    }
  }

  /**
   * Reads CSV text; {@code source} names it in errors.
   *
   * @throws InventoryInputException if the content is malformed or over a limit
   * @throws IOException if the reader fails
   */
  public static StockPositions read(Reader in, String source, InputLimits limits)
      throws IOException {
    CsvLines csv = new CsvLines(in, source, limits, "store", "sku", "on_hand", "on_order");
    StockPositions.Builder b = StockPositions.builder();
    int rows = 0;
    while (csv.next()) {
      StoreId store = csv.store("store");
      SkuId sku = csv.sku("sku");
      int onHand = csv.getInt("on_hand", -limits.maxQuantity(), limits.maxQuantity());
      int onOrder = csv.getInt("on_order", 0, limits.maxQuantity());
      if (++rows > limits.maxSeries()) {
        throw new InventoryInputException(
            InventoryInputException.INPUT_LIMIT,
            source,
            csv.lineNumber(),
            null,
            "more than " + limits.maxSeries() + " locations");
      }
      try {
        b.add(store, sku, onHand, onOrder);
      } catch (IllegalArgumentException e) {
        throw csv.error("sku", e.getMessage());
      }
    }
    return b.build();
  }
}
