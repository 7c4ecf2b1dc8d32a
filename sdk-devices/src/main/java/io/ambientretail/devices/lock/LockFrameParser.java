package io.ambientretail.devices.lock;

import io.ambientretail.core.AmbientException;
import io.ambientretail.devices.DeviceErrors;
import java.nio.charset.StandardCharsets;

/**
 * Parses door-lock controller lines (terminator removed), as documented in docs/devices.md: {@code
 * A,U,<seconds>} and {@code A,L} acknowledgements, {@code N,<reason>} refusals, {@code B,L} /
 * {@code B,U} bolt changes, {@code D,O} / {@code D,C} door sensor changes, {@code A,H} heartbeat
 * acknowledgements, {@code E,A} / {@code E,N} egress (fire release) input active / normal, and
 * {@code S,<L|U>,<O|C>} status answers.
 *
 * <p>Lines are at most 64 bytes. Immutable and thread-safe.
 */
public final class LockFrameParser {
  private static final int MAX = 64;

  /** A parsed lock line. */
  public enum Kind {
    /** {@code A,U,n}: unlock acknowledged. */
    ACK_UNLOCK,
    /** {@code A,L}: lock acknowledged. */
    ACK_LOCK,
    /** {@code N,reason}: command refused. */
    REFUSED,
    /** {@code B,L}: bolt thrown. */
    BOLT_LOCKED,
    /** {@code B,U}: bolt released. */
    BOLT_UNLOCKED,
    /** {@code D,O}: door opened. */
    DOOR_OPENED,
    /** {@code D,C}: door closed. */
    DOOR_CLOSED,
    /** {@code S,x,y}: status. */
    STATUS,
    /** {@code A,H}: heartbeat acknowledged. */
    ACK_HEARTBEAT,
    /** {@code E,A}: the egress (fire release) input is active; the relay released the bolt. */
    EGRESS_ACTIVE,
    /** {@code E,N}: the egress input is back to normal; the relay threw the bolt again. */
    EGRESS_NORMAL
  }

  /**
   * One lock line.
   *
   * @param kind what it says
   * @param seconds the unlock time for ACK_UNLOCK, else 0
   * @param locked for STATUS: the bolt is thrown
   * @param doorOpen for STATUS: the door is open
   * @param reason for REFUSED: the reason text, else empty
   */
  public record LockLine(Kind kind, int seconds, boolean locked, boolean doorOpen, String reason) {}

  private LockFrameParser() {}

  /** A parser. */
  public static LockFrameParser create() {
    return new LockFrameParser();
  }

  /** Parses a line given as text. */
  public LockLine parse(String line) {
    byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
    return parse(b, 0, b.length);
  }

  /**
   * Parses one line.
   *
   * @throws AmbientException with {@code FRAME_SYNTAX} naming the offset that is wrong
   */
  public LockLine parse(byte[] b, int off, int len) {
    if (len > MAX) {
      throw bad("lock line longer than " + MAX + " bytes", MAX);
    }
    if (len < 3 || b[off + 1] != ',') {
      throw bad("expected '<type>,<value>'", Math.min(len, 1));
    }
    char t = (char) b[off];
    char v = (char) b[off + 2];
    switch (t) {
      case 'A':
        if (v == 'L' && len == 3) {
          return new LockLine(Kind.ACK_LOCK, 0, true, false, "");
        }
        if (v == 'H' && len == 3) {
          return new LockLine(Kind.ACK_HEARTBEAT, 0, false, false, "");
        }
        if (v == 'U' && len >= 5 && b[off + 3] == ',' && len <= 6) {
          int s = 0;
          for (int i = off + 4; i < off + len; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
              throw bad("seconds must be digits", i - off);
            }
            s = s * 10 + d;
          }
          return new LockLine(Kind.ACK_UNLOCK, s, false, false, "");
        }
        throw bad("bad acknowledgement", 2);
      case 'N':
        for (int i = off + 2; i < off + len; i++) {
          if (b[i] < 0x20 || b[i] > 0x7E) {
            throw bad("non-printable byte in reason", i - off);
          }
        }
        return new LockLine(
            Kind.REFUSED,
            0,
            false,
            false,
            new String(b, off + 2, len - 2, StandardCharsets.US_ASCII));
      case 'B':
        if (len == 3 && (v == 'L' || v == 'U')) {
          return new LockLine(
              v == 'L' ? Kind.BOLT_LOCKED : Kind.BOLT_UNLOCKED, 0, v == 'L', false, "");
        }
        throw bad("bolt state must be L or U", 2);
      case 'D':
        if (len == 3 && (v == 'O' || v == 'C')) {
          return new LockLine(
              v == 'O' ? Kind.DOOR_OPENED : Kind.DOOR_CLOSED, 0, false, v == 'O', "");
        }
        throw bad("door state must be O or C", 2);
      case 'E':
        if (len == 3 && (v == 'A' || v == 'N')) {
          return new LockLine(
              v == 'A' ? Kind.EGRESS_ACTIVE : Kind.EGRESS_NORMAL, 0, v == 'N', false, "");
        }
        throw bad("egress input must be A or N", 2);
      case 'S':
        if (len == 5
            && b[off + 3] == ','
            && (v == 'L' || v == 'U')
            && (b[off + 4] == 'O' || b[off + 4] == 'C')) {
          return new LockLine(Kind.STATUS, 0, v == 'L', b[off + 4] == 'O', "");
        }
        throw bad("status must be S,<L|U>,<O|C>", 2);
      default:
        throw bad("unknown line type '" + t + "'", 0);
    }
  }

  private static AmbientException bad(String message, int at) {
    return new AmbientException(DeviceErrors.FRAME_SYNTAX, message + " (at offset " + at + ")");
  }
}
