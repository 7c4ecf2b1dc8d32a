package io.ambientretail.testing.demand;

/** The generating process of a {@link DemandGenerator} series. */
public enum DemandProcess {
  /** A steady level times a weekly profile (weekends busier or quieter), Poisson sales. */
  WEEKLY_SEASONAL,
  /** A level that grows linearly by 2.5 to 5 times over the series, with a mild weekly profile. */
  TRENDING,
  /** Sales on 5% to 30% of days, in sizes of one or more units (a compound Bernoulli-Poisson). */
  INTERMITTENT,
  /** A steady level that starts halving every 20 to 80 days some months before the history ends. */
  DYING
}
