/**
 * Demand series with a known generating process, for scoring forecasters and replenishment policies
 * against the truth.
 *
 * <pre>{@code
 * List<GeneratedSeries> mix = DemandGenerator.builder().build().generateMix(100, 7L);
 * }</pre>
 */
@NullMarked
package io.ambientretail.testing.demand;

import org.jspecify.annotations.NullMarked;
