package io.ambientretail.devices.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits a frame decoder enforces on untrusted device input, in the manner of Jackson's {@code
 * StreamReadConstraints}.
 *
 * <p>Defaults: frames of at most 1024 bytes (longer ones are dropped up to the next delimiter and
 * reported once), and a frame timeout of 1 second (bytes of an unterminated frame followed by
 * silence for that long are discarded and reported).
 *
 * <p>Immutable.
 *
 * @param maxFrameBytes the longest frame accepted, 1 to 1,048,576 bytes
 * @param frameTimeout how long part of a frame may wait for the rest, 1 ms to 1 hour
 */
public record FrameLimits(int maxFrameBytes, Duration frameTimeout) {
  /** The defaults: 1024 bytes, 1 second. */
  public static final FrameLimits DEFAULTS = new FrameLimits(1024, Duration.ofSeconds(1));

  /** Validates the limits. */
  public FrameLimits {
    Objects.requireNonNull(frameTimeout, "frameTimeout");
    if (maxFrameBytes < 1 || maxFrameBytes > 1 << 20) {
      throw new IllegalArgumentException("maxFrameBytes must be 1..1048576, was " + maxFrameBytes);
    }
    if (frameTimeout.toMillis() < 1 || frameTimeout.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("frameTimeout must be 1 ms..1 h, was " + frameTimeout);
    }
  }

  /** These limits with another maximum frame length. */
  public FrameLimits withMaxFrameBytes(int max) {
    return new FrameLimits(max, frameTimeout);
  }

  /** These limits with another frame timeout. */
  public FrameLimits withFrameTimeout(Duration timeout) {
    return new FrameLimits(maxFrameBytes, timeout);
  }
}
