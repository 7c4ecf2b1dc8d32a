package io.ambientretail.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A kind of store event (such as {@code device.weight}) together with the Java type of its payload,
 * so subscribers receive typed payloads without casts.
 *
 * <p>Two event types are equal when their names are equal; registering one name with two payload
 * types is a programming error that {@link EventBus} reports.
 *
 * @param name dotted lower-case name, e.g. {@code "cart.updated"}
 * @param payloadType the payload class
 * @param <P> the payload type
 */
public record EventType<P>(String name, Class<P> payloadType) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

  /** Validates the name. */
  public EventType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(payloadType, "payloadType");
    if (!NAME.matcher(name).matches() || name.length() > 128) {
      throw new IllegalArgumentException(
          "event type names are dotted lower-case words, e.g. 'cart.updated'; was '" + name + "'");
    }
  }

  /** An event type with the given name and payload class. */
  public static <P> EventType<P> of(String name, Class<P> payloadType) {
    return new EventType<>(name, payloadType);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventType && ((EventType<?>) o).name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
