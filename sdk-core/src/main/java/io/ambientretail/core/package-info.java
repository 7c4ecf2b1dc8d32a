/**
 * Value types, the store event envelope, the in-process event bus and error types shared by every
 * Ambient Retail SDK module.
 *
 * <p>Money is integer minor units with a currency, weights are integer milligrams, GTINs are
 * validated and normalised to 14 digits, and ids are typed so a shopper id cannot be passed where a
 * store id is expected:
 *
 * <pre>{@code
 * Money total = Money.parse("12.34 EUR").times(3);          // 37.02 EUR
 * List<Money> parts = total.allocate(1, 1, 1);              // 12.34 EUR each, nothing lost
 * Gtin gtin = Gtin.parse("5012345678900");                  // "05012345678900"
 * Weight w = Weight.ofGrams(250);                            // "250.000 g"
 *
 * try (EventBus bus = EventBus.builder().build()) {
 *   bus.subscribe(EventType.of("demo.hello", String.class), e -> System.out.println(e.payload()));
 *   bus.publish(StoreEvent.of(StoreId.of("S001"), EventType.of("demo.hello", String.class),
 *       "hi", Clock.systemUTC()));
 * }
 * }</pre>
 *
 * <p>Time always comes from a {@link java.time.Clock} passed in by the caller; nothing in the SDK
 * reads the system clock behind your back.
 */
@NullMarked
package io.ambientretail.core;

import org.jspecify.annotations.NullMarked;
