/**
 * Fakes for testing code that uses the Ambient Retail SDK, in the manner of OkHttp's MockWebServer:
 * real behaviour, scripted and inspectable.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.at(Instant.parse("2026-11-27T10:00:00Z"));
 * clock.advance(Duration.ofMinutes(5));
 * }</pre>
 */
@NullMarked
package io.ambientretail.testing;

import org.jspecify.annotations.NullMarked;
