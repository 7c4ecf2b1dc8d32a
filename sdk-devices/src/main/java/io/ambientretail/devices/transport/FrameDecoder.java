package io.ambientretail.devices.transport;

import io.ambientretail.devices.DeviceErrors;
import java.util.Objects;

/**
 * Cuts a device's byte stream into frames: by delimiter (any of a set of terminator bytes, empty
 * frames skipped so CR LF works like CR or LF) or by a big-endian length header of 1 or 2 bytes.
 * Frames may arrive split across any number of reads; an overlong frame is reported once and
 * dropped up to its delimiter (a length-framed stream cannot resync, so an overlong length header
 * drops the bytes it announces); {@link #flush} reports and discards an unterminated remainder.
 *
 * <p>Allocation-free after construction: a frame that arrives whole within one read is passed to
 * the sink as a range of the caller's buffer. Not thread-safe: one reader thread feeds it.
 */
public final class FrameDecoder {
  private final boolean[] terminator;
  private final int headerBytes;
  private final int max;
  private final byte[] pending;
  private int pendingLength;
  private boolean discarding;
  private long discarded;
  private int expected = -1;
  private int headerSeen;
  private int headerValue;
  private long skipRemaining;

  private FrameDecoder(boolean[] terminator, int headerBytes, FrameLimits limits) {
    this.terminator = terminator;
    this.headerBytes = headerBytes;
    this.max = limits.maxFrameBytes();
    this.pending = new byte[max];
  }

  /** A decoder for frames ended by any of {@code terminators} (e.g. CR and LF). */
  public static FrameDecoder delimited(FrameLimits limits, byte... terminators) {
    Objects.requireNonNull(limits, "limits");
    if (terminators.length == 0) {
      throw new IllegalArgumentException("at least one terminator byte is needed");
    }
    boolean[] t = new boolean[256];
    for (byte b : terminators) {
      t[b & 0xFF] = true;
    }
    return new FrameDecoder(t, 0, limits);
  }

  /** A decoder for frames preceded by a big-endian length of {@code headerBytes} (1 or 2). */
  public static FrameDecoder lengthPrefixed(FrameLimits limits, int headerBytes) {
    Objects.requireNonNull(limits, "limits");
    if (headerBytes != 1 && headerBytes != 2) {
      throw new IllegalArgumentException("headerBytes must be 1 or 2, was " + headerBytes);
    }
    return new FrameDecoder(new boolean[256], headerBytes, limits);
  }

  /** The number of bytes of an incomplete frame held. */
  public int pendingBytes() {
    return headerBytes == 0 ? pendingLength : pendingLength + headerSeen;
  }

  /** Feeds {@code length} bytes of {@code buffer} from {@code offset}; calls the sink per frame. */
  public void feed(byte[] buffer, int offset, int length, FrameSink sink) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (headerBytes == 0) {
      feedDelimited(buffer, offset, length, sink);
    } else {
      feedLength(buffer, offset, length, sink);
    }
  }

  private void feedDelimited(byte[] b, int off, int len, FrameSink sink) {
    final boolean[] t = terminator;
    int end = off + len;
    int start = off;
    for (int i = off; i < end; i++) {
      if (!t[b[i] & 0xFF]) {
        continue;
      }
      int n = i - start;
      if (discarding) {
        discarding = false;
        discarded = 0;
      } else if (pendingLength == 0) {
        if (n > max) {
          sink.error(
              DeviceErrors.FRAME_TOO_LONG,
              "frame of " + n + " bytes exceeds the limit of " + max,
              b,
              start,
              Math.min(n, 32));
        } else if (n > 0) {
          sink.frame(b, start, n);
        }
      } else if (pendingLength + n > max) {
        sink.error(
            DeviceErrors.FRAME_TOO_LONG,
            "frame of " + (pendingLength + n) + " bytes exceeds the limit of " + max,
            pending,
            0,
            Math.min(pendingLength, 32));
        pendingLength = 0;
      } else {
        System.arraycopy(b, start, pending, pendingLength, n);
        int total = pendingLength + n;
        pendingLength = 0;
        sink.frame(pending, 0, total);
      }
      start = i + 1;
    }
    int rest = end - start;
    if (rest == 0) {
      return;
    }
    if (discarding) {
      discarded += rest;
    } else if (pendingLength + rest > max) {
      byte[] src = pendingLength > 0 ? pending : b;
      int from = pendingLength > 0 ? 0 : start;
      int shown = pendingLength > 0 ? Math.min(pendingLength, 32) : Math.min(rest, 32);
      sink.error(
          DeviceErrors.FRAME_TOO_LONG,
          "frame exceeds the limit of " + max + " bytes; dropped up to the next delimiter",
          src,
          from,
          shown);
      discarded = pendingLength + rest;
      pendingLength = 0;
      discarding = true;
    } else {
      System.arraycopy(b, start, pending, pendingLength, rest);
      pendingLength += rest;
    }
  }

  private void feedLength(byte[] b, int off, int len, FrameSink sink) {
    int i = off;
    int end = off + len;
    while (i < end) {
      if (skipRemaining > 0) {
        int n = (int) Math.min(skipRemaining, end - i);
        skipRemaining -= n;
        i += n;
        continue;
      }
      if (expected < 0) {
        headerValue = (headerValue << 8) | (b[i++] & 0xFF);
        if (++headerSeen < headerBytes) {
          continue;
        }
        int value = headerValue;
        headerSeen = 0;
        headerValue = 0;
        if (value > max) {
          sink.error(
              DeviceErrors.FRAME_TOO_LONG,
              "length header announces " + value + " bytes, more than the limit of " + max,
              b,
              i - headerBytes < off ? off : i - headerBytes,
              Math.min(headerBytes, i - off));
          skipRemaining = value;
          continue;
        }
        if (value == 0) {
          continue;
        }
        expected = value;
        pendingLength = 0;
        continue;
      }
      int need = expected - pendingLength;
      int avail = end - i;
      if (pendingLength == 0 && avail >= need) {
        expected = -1;
        sink.frame(b, i, need);
        i += need;
        continue;
      }
      int n = Math.min(need, avail);
      System.arraycopy(b, i, pending, pendingLength, n);
      pendingLength += n;
      i += n;
      if (pendingLength == expected) {
        int total = pendingLength;
        pendingLength = 0;
        expected = -1;
        sink.frame(pending, 0, total);
      }
    }
  }

  /**
   * Discards a held incomplete frame (the far end went silent or away), reporting it with {@code
   * code} ({@code FRAME_INCOMPLETE} or {@code FRAME_TRUNCATED}). Does nothing when nothing is held.
   *
   * @return true if something was discarded
   */
  public boolean flush(io.ambientretail.core.ErrorCode code, String why, FrameSink sink) {
    boolean had = pendingLength > 0 || headerSeen > 0 || discarding || skipRemaining > 0;
    if (pendingLength > 0 || headerSeen > 0) {
      sink.error(
          code,
          why + "; " + pendingBytes() + " bytes of an unfinished frame discarded",
          pending,
          0,
          Math.min(pendingLength, 32));
    }
    pendingLength = 0;
    headerSeen = 0;
    headerValue = 0;
    expected = -1;
    discarding = false;
    discarded = 0;
    skipRemaining = 0;
    return had;
  }
}
