package io.ambientretail.inventory.replenish;

import io.ambientretail.core.SkuId;
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
 * Reads a distribution centre's stock CSV, header {@code sku,available} (one row per SKU, whole
 * units), into {@link DcStock}. Bad input fails with an {@link InventoryInputException} naming the
 * file, line and field. Thread-safe (stateless).
 */
public final class DcStockCsv {
  private DcStockCsv() {}

  /**
   * Reads a file as UTF-8.
   *
   * @throws InventoryInputException if the content is malformed or over a limit
   * @throws IOException if the file cannot be read
   */
  public static DcStock read(Path file, InputLimits limits) throws IOException {
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
  public static DcStock read(Reader in, String source, InputLimits limits) throws IOException {
    CsvLines csv = new CsvLines(in, source, limits, "sku", "available");
    DcStock.Builder b = DcStock.builder();
    int rows = 0;
    while (csv.next()) {
      SkuId sku = csv.sku("sku");
      int available = csv.getInt("available", 0, limits.maxQuantity());
      if (++rows > limits.maxSeries()) {
        throw new InventoryInputException(
            InventoryInputException.INPUT_LIMIT,
            source,
            csv.lineNumber(),
            null,
            "more than " + limits.maxSeries() + " SKUs");
      }
      try {
        b.add(sku, available);
      } catch (IllegalArgumentException e) {
        throw csv.error("sku", e.getMessage());
      }
    }
    return b.build();
  }
}
