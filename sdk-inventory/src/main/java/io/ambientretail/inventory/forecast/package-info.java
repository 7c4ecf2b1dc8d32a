/**
 * Demand forecasting for daily store-SKU sales: simple exponential smoothing, Holt, Holt-Winters
 * with a weekly season, Croston, SBA and TSB for intermittent demand, with the method chosen per
 * series by backtest and scored by MASE, WAPE and RMSSE.
 *
 * <pre>{@code
 * SalesHistory sales = SalesCsv.read(Path.of("sales.csv"), InputLimits.defaults());
 * SeriesForecast f = sales.forecast(ForecastEngine.defaults(), 0, 7);
 * double tomorrow = f.day(0);
 * }</pre>
 */
@NullMarked
package io.ambientretail.inventory.forecast;

import org.jspecify.annotations.NullMarked;
