/**
 * The door lock / gate relay driver: unlock for N seconds with acknowledgement, heartbeat and
 * fail-secure relocking, door sensor events, and a simulator. Protocol in docs/devices.md.
 *
 * <pre>{@code
 * lock.unlock(Duration.ofSeconds(5), Duration.ofMillis(500)); // returns once acknowledged
 * }</pre>
 */
@NullMarked
package io.ambientretail.devices.lock;

import org.jspecify.annotations.NullMarked;
