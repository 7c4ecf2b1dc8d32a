/**
 * A scenario generator for cart fusion: simulated store days written in the fusion replay format
 * (version 1) with the ground-truth receipts, in easy, busy and hard mixes.
 *
 * <pre>{@code
 * GeneratedDay day = FusionScenario.builder().mix(FusionMix.HARD).shoppers(300).seed(7).build()
 *     .generate();
 * day.writeEvents(eventsWriter);
 * day.writeTruth(truthWriter);
 * }</pre>
 */
@NullMarked
package io.ambientretail.testing.fusion;

import org.jspecify.annotations.NullMarked;
