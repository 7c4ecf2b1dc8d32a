package io.ambientretail.testing.demand;

/**
 * One generated demand series: the realised daily sales of the history and of the horizon after it,
 * and the true expected demand over the horizon.
 *
 * <p>The record copies its arrays in and out, so it is immutable.
 *
 * @param process the generating process
 * @param history realised daily sales, oldest first
 * @param future realised daily sales over the horizon after the history
 * @param expectedFuture the true expected daily demand over the horizon (units per day)
 */
public record GeneratedSeries(
    DemandProcess process, int[] history, int[] future, double[] expectedFuture) {
  /** Copies the arrays and checks that the horizon arrays have the same length. */
  public GeneratedSeries {
    history = history.clone();
    future = future.clone();
    expectedFuture = expectedFuture.clone();
    if (future.length != expectedFuture.length) {
      throw new IllegalArgumentException("future and expectedFuture differ in length");
    }
  }

  /** A copy of the realised history. */
  @Override
  public int[] history() {
    return history.clone();
  }

  /** A copy of the realised sales over the horizon. */
  @Override
  public int[] future() {
    return future.clone();
  }

  /** A copy of the true expected demand over the horizon. */
  @Override
  public double[] expectedFuture() {
    return expectedFuture.clone();
  }
}
