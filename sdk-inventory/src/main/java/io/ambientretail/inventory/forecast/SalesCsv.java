package io.ambientretail.inventory.forecast;

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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a sales CSV with the header {@code date,store,sku,quantity} (one row per store, SKU and day
 * with sales; ISO dates; integer quantities) into a {@link SalesHistory}; for weekly or monthly
 * sales ({@link ForecastPeriod}) the first column is {@code week} ({@code 2026-W49}) or {@code
 * month} ({@code 2026-12}) instead, one row per store, SKU and period with sales.
 *
 * <p>Errors are {@link InventoryInputException}s naming the file, line and field: a bad date, id or
 * quantity, a store-SKU-day given twice, or input beyond the {@link InputLimits}. Thread-safe
 * (stateless).
 */
public final class SalesCsv {
  /** Periods are counted from the Monday 1970-01-05, which starts an ISO week and no month. */
  private static final LocalDate EPOCH = LocalDate.of(1970, 1, 5);

  private SalesCsv() {}

  /**
   * Reads a file as UTF-8.
   *
   * @throws InventoryInputException if the content is malformed or over a limit
   * @throws IOException if the file cannot be read
   */
  public static SalesHistory read(Path file, InputLimits limits) throws IOException {
    return read(file, ForecastPeriod.DAY, limits);
  }

  /**
   * Reads a file of sales per {@code period} as UTF-8.
   *
   * @throws InventoryInputException if the content is malformed or over a limit
   * @throws IOException if the file cannot be read
   */
  public static SalesHistory read(Path file, ForecastPeriod period, InputLimits limits)
      throws IOException {
    String source = String.valueOf(file.getFileName());
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(r, source, period, limits);
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
  public static SalesHistory read(Reader in, String source, InputLimits limits) throws IOException {
    return read(in, source, ForecastPeriod.DAY, limits);
  }

  /**
   * Reads CSV text of sales per {@code period}; {@code source} names it in errors. The limit on the
   * span of dates ({@link InputLimits#maxDays}) counts periods.
   *
   * @throws InventoryInputException if the content is malformed or over a limit
   * @throws IOException if the reader fails
   */
  public static SalesHistory read(
      Reader in, String source, ForecastPeriod period, InputLimits limits) throws IOException {
    String col = period.column();
    CsvLines csv = new CsvLines(in, source, limits, col, "store", "sku", "quantity");
    Map<StoreId, StoreId> storeIds = new HashMap<>();
    Map<SkuId, SkuId> skuIds = new HashMap<>();
    Map<List<Object>, Integer> seriesIndex = new HashMap<>();
    List<StoreId> stores = new ArrayList<>();
    List<SkuId> skus = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    int[] rowSeries = new int[1024];
    long[] rowDay = new long[1024];
    int[] rowQty = new int[1024];
    int rows = 0;
    long minDay = Long.MAX_VALUE;
    long maxDay = Long.MIN_VALUE;
    while (csv.next()) {
      LocalDate date;
      String d = csv.get(col);
      try {
        date = period.parse(d);
      } catch (IllegalArgumentException e) {
        throw csv.error(col, "not " + period.labelFormat() + ": '" + CsvLines.shorten(d) + "'");
      }
      StoreId store = storeIds.computeIfAbsent(csv.store("store"), s -> s);
      SkuId sku = skuIds.computeIfAbsent(csv.sku("sku"), s -> s);
      int qty = csv.getInt("quantity", 0, limits.maxQuantity());
      List<Object> key = List.of(store, sku);
      Integer series = seriesIndex.get(key);
      if (series == null) {
        if (stores.size() >= limits.maxSeries()) {
          throw new InventoryInputException(
              InventoryInputException.INPUT_LIMIT,
              source,
              csv.lineNumber(),
              "sku",
              "more than " + limits.maxSeries() + " store-SKU series");
        }
        series = stores.size();
        seriesIndex.put(key, series);
        stores.add(store);
        skus.add(sku);
      }
      long day = period.between(EPOCH, date);
      if (!seen.add(((long) series << 32) ^ (day & 0xFFFFFFFFL))) {
        throw csv.error(
            col,
            "a second row for store "
                + store
                + ", sku "
                + sku
                + (period == ForecastPeriod.DAY ? " on " : " in " + col + " ")
                + d);
      }
      minDay = Math.min(minDay, day);
      maxDay = Math.max(maxDay, day);
      if (maxDay - minDay + 1 > limits.maxDays()) {
        throw new InventoryInputException(
            InventoryInputException.INPUT_LIMIT,
            source,
            csv.lineNumber(),
            col,
            "dates span more than " + limits.maxDays() + " " + period.id() + "s");
      }
      if (rows == rowSeries.length) {
        int n = rows * 2;
        rowSeries = Arrays.copyOf(rowSeries, n);
        rowDay = Arrays.copyOf(rowDay, n);
        rowQty = Arrays.copyOf(rowQty, n);
      }
      rowSeries[rows] = series;
      rowDay[rows] = day;
      rowQty[rows] = qty;
      rows++;
    }
    if (rows == 0) {
      throw new InventoryInputException(
          InventoryInputException.INPUT_FORMAT, source, 0, null, "no sales rows");
    }
    int days = (int) (maxDay - minDay + 1);
    long cells = (long) stores.size() * days;
    if (cells > Integer.MAX_VALUE - 8) {
      throw new InventoryInputException(
          InventoryInputException.INPUT_LIMIT,
          source,
          0,
          null,
          "series x days = " + cells + " is too many to hold");
    }
    int[] data = new int[(int) cells];
    for (int r = 0; r < rows; r++) {
      data[rowSeries[r] * days + (int) (rowDay[r] - minDay)] = rowQty[r];
    }
    return SalesHistory.ofDense(
        period,
        period.plus(period.startOf(EPOCH), minDay),
        days,
        stores.toArray(new StoreId[0]),
        skus.toArray(new SkuId[0]),
        data);
  }
}
