package io.ambientretail.core;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The id of a {@link StoreEvent}: a UUID version 7 (RFC 9562), whose first 48 bits are the Unix
 * time in milliseconds, so ids sort by creation time.
 *
 * <p>Ids made by one {@link Generator} are strictly increasing even within one millisecond (a
 * 12-bit counter in the {@code rand_a} field, as RFC 9562 section 6.2 method 1 allows).
 *
 * @param uuid the UUID
 */
public record EventId(UUID uuid) implements Comparable<EventId> {
  /** Checks that the UUID is version 7. */
  public EventId {
    Objects.requireNonNull(uuid, "uuid");
    if (uuid.version() != 7) {
      throw new IllegalArgumentException(
          "event ids are UUID version 7, got version " + uuid.version());
    }
  }

  /** Parses the canonical text form. */
  public static EventId parse(String text) {
    return new EventId(UUID.fromString(text));
  }

  /** The millisecond timestamp embedded in the id. */
  public Instant timestamp() {
    return Instant.ofEpochMilli(uuid.getMostSignificantBits() >>> 16);
  }

  @Override
  public int compareTo(EventId o) {
    return Long.compareUnsigned(uuid.getMostSignificantBits(), o.uuid.getMostSignificantBits()) != 0
        ? Long.compareUnsigned(uuid.getMostSignificantBits(), o.uuid.getMostSignificantBits())
        : Long.compareUnsigned(uuid.getLeastSignificantBits(), o.uuid.getLeastSignificantBits());
  }

  @Override
  public String toString() {
    return uuid.toString();
  }

  /** Makes time-ordered ids from a clock; thread-safe. */
  public static final class Generator {
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMillis = -1;
    private int counter;

    /** A generator that reads time from {@code clock}. */
    public Generator(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The next id; never equal to or less than an earlier id from this generator. */
    public synchronized EventId next() {
      long now = clock.millis();
      if (now > lastMillis) {
        lastMillis = now;
        counter = random.nextInt(1 << 11); // leave headroom for increments
      } else if (++counter >= (1 << 12)) {
        lastMillis++; // counter exhausted (or clock went back): borrow the next millisecond
        counter = 0;
      }
      long msb = (lastMillis << 16) | (0x7L << 12) | counter;
      long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
      return new EventId(new UUID(msb, lsb));
    }
  }
}
