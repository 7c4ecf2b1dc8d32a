package io.ambientretail.payments.tlv;

import java.util.Arrays;
import java.util.Objects;

/**
 * A zero-copy pull reader over BER-TLV bytes as EMV uses them (ISO/IEC 8825-1 subset, EMV Book 3
 * Annex B): walks every object depth-first, in order, entering constructed templates, and exposes
 * each object's tag and the offset and length of its value in the original array without copying.
 *
 * <pre>{@code
 * TlvReader r = TlvReader.of(response);
 * while (r.next()) {
 *   if (r.tag() == 0x5F24) { expiry = r.copyValue(); }
 * }
 * }</pre>
 *
 * <p>Handles tags of one to four bytes, short and long (up to four length bytes) lengths, and
 * {@code 00}/{@code FF} padding before, between and after objects. Everything else fails with a
 * {@link TlvException} naming the byte offset: a length past the end of the data or of the
 * enclosing template, the indefinite length form, nesting deeper than {@link TlvLimits#maxDepth()},
 * more objects than {@link TlvLimits#maxObjects()}. A reader never allocates in proportion to the
 * input, so hostile lengths cannot exhaust memory.
 *
 * <p>Not thread-safe: one reader per thread. The caller must not change the array while reading.
 */
public final class TlvReader {
  private final byte[] data;
  private final int start;
  private final int end;
  private final TlvLimits limits;
  private final int[] levelEnds;
  private int level;
  private int pos;
  private boolean current;
  private boolean skipChildren;
  private int objects;

  private int tag;
  private int tagOffset;
  private boolean constructed;
  private int valueOffset;
  private int valueLength;

  private TlvReader(byte[] data, int offset, int length, TlvLimits limits) {
    Objects.checkFromIndexSize(offset, length, data.length);
    if (length > limits.maxInputLength()) {
      throw new TlvException(
          TlvException.TLV_TOO_MANY,
          "input of " + length + " bytes is longer than the limit of " + limits.maxInputLength(),
          offset);
    }
    this.data = data;
    this.start = offset;
    this.end = offset + length;
    this.limits = limits;
    this.levelEnds = new int[limits.maxDepth() + 1];
    this.levelEnds[0] = end;
    this.pos = offset;
  }

  /** A reader over all of {@code data} with the {@link TlvLimits#defaults() default limits}. */
  public static TlvReader of(byte[] data) {
    return new TlvReader(
        Objects.requireNonNull(data, "data"), 0, data.length, TlvLimits.defaults());
  }

  /**
   * A reader over {@code data[offset, offset + length)}; offsets it reports are into {@code data}.
   *
   * @throws IndexOutOfBoundsException if the range is not inside the array
   * @throws TlvException if {@code length} exceeds {@link TlvLimits#maxInputLength()}
   */
  public static TlvReader of(byte[] data, int offset, int length, TlvLimits limits) {
    return new TlvReader(
        Objects.requireNonNull(data, "data"),
        offset,
        length,
        Objects.requireNonNull(limits, "limits"));
  }

  /**
   * Moves to the next object, depth-first: into the current object if it is constructed (unless
   * {@link #skipChildren()} was called), else to its next sibling or the next object after its
   * enclosing template.
   *
   * @return false when no object is left
   * @throws TlvException if the next object is malformed or exceeds the limits
   */
  public boolean next() {
    if (current) {
      if (constructed && !skipChildren) {
        level++;
        levelEnds[level] = valueOffset + valueLength;
        pos = valueOffset;
      } else {
        pos = valueOffset + valueLength;
      }
    }
    current = false;
    skipChildren = false;
    byte[] d = data;
    while (true) {
      int limit = levelEnds[level];
      while (pos < limit && (d[pos] == 0 || d[pos] == (byte) 0xFF)) {
        pos++;
      }
      if (pos < limit) {
        break;
      }
      if (level == 0) {
        return false;
      }
      level--;
    }
    readHeader(levelEnds[level]);
    current = true;
    return true;
  }

  private void readHeader(int limit) {
    byte[] d = data;
    int p = pos;
    tagOffset = p;
    int depth = level + 1;
    if (++objects > limits.maxObjects()) {
      throw new TlvException(
          TlvException.TLV_TOO_MANY, "more than " + limits.maxObjects() + " TLV objects", p);
    }
    int first = d[p++] & 0xFF;
    int t = first;
    if ((first & 0x1F) == 0x1F) {
      int n = 1;
      int b;
      do {
        if (p >= limit) {
          throw new TlvException(
              TlvException.TLV_TRUNCATED,
              "tag " + hexPrefix(tagOffset, p) + " runs past the end of its data",
              p);
        }
        if (++n > 4) {
          throw new TlvException(
              TlvException.TLV_TAG_TOO_LONG, "tag longer than 4 bytes", tagOffset);
        }
        b = d[p++] & 0xFF;
        t = (t << 8) | b;
      } while ((b & 0x80) != 0);
    }
    if (p >= limit) {
      throw new TlvException(
          TlvException.TLV_TRUNCATED, "tag " + EmvTags.hex(t) + " has no length byte", p);
    }
    int lengthOffset = p;
    int l = d[p++] & 0xFF;
    long len;
    if (l < 0x80) {
      len = l;
    } else if (l == 0x80) {
      throw new TlvException(
          TlvException.TLV_INDEFINITE_LENGTH,
          "tag " + EmvTags.hex(t) + " uses the indefinite length form",
          lengthOffset);
    } else {
      int n = l & 0x7F;
      if (n > 4) {
        throw new TlvException(
            TlvException.TLV_LENGTH_TOO_LARGE,
            "tag " + EmvTags.hex(t) + " has a " + n + "-byte length field",
            lengthOffset);
      }
      if (p + n > limit) {
        throw new TlvException(
            TlvException.TLV_TRUNCATED,
            "length of tag " + EmvTags.hex(t) + " runs past the end of its data",
            lengthOffset);
      }
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (d[p++] & 0xFF);
      }
    }
    if (len > limits.maxValueLength()) {
      throw new TlvException(
          TlvException.TLV_LENGTH_TOO_LARGE,
          "tag "
              + EmvTags.hex(t)
              + " has length "
              + len
              + ", above the limit of "
              + limits.maxValueLength(),
          lengthOffset);
    }
    if (len > limit - p) {
      throw new TlvException(
          TlvException.TLV_LENGTH_PAST_END,
          "tag "
              + EmvTags.hex(t)
              + " has length "
              + len
              + " but only "
              + (limit - p)
              + " bytes remain"
              + (level > 0 ? " in its template" : ""),
          lengthOffset);
    }
    boolean cons = (first & 0x20) != 0;
    if (cons && depth >= limits.maxDepth() && len > 0) {
      throw new TlvException(
          TlvException.TLV_TOO_DEEP,
          "template " + EmvTags.hex(t) + " would nest deeper than " + limits.maxDepth() + " levels",
          tagOffset);
    }
    tag = t;
    constructed = cons;
    valueOffset = p;
    valueLength = (int) len;
  }

  private String hexPrefix(int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      sb.append(Character.forDigit((data[i] >> 4) & 0xF, 16))
          .append(Character.forDigit(data[i] & 0xF, 16));
    }
    return sb.toString().toUpperCase(java.util.Locale.ROOT);
  }

  /** Makes the next {@link #next()} skip over the current constructed object's contents. */
  public void skipChildren() {
    requireCurrent();
    skipChildren = true;
  }

  /** The current object's tag, its bytes as a big-endian int (e.g. {@code 0x9F37}). */
  public int tag() {
    requireCurrent();
    return tag;
  }

  /** The offset of the current object's first tag byte in the array. */
  public int tagOffset() {
    requireCurrent();
    return tagOffset;
  }

  /** The nesting depth of the current object: 1 for top-level objects. */
  public int depth() {
    requireCurrent();
    return level + 1;
  }

  /** True when the current object is a constructed template (bit 6 of its first tag byte). */
  public boolean isConstructed() {
    requireCurrent();
    return constructed;
  }

  /** The offset of the current object's value in the array. */
  public int valueOffset() {
    requireCurrent();
    return valueOffset;
  }

  /** The length of the current object's value, in bytes. */
  public int valueLength() {
    requireCurrent();
    return valueLength;
  }

  /** The offset just past the current object's value. */
  public int valueEnd() {
    requireCurrent();
    return valueOffset + valueLength;
  }

  /** A copy of the current object's value. */
  public byte[] copyValue() {
    requireCurrent();
    return Arrays.copyOfRange(data, valueOffset, valueOffset + valueLength);
  }

  /** The offset where this reader started, in the array. */
  public int start() {
    return start;
  }

  private void requireCurrent() {
    if (!current) {
      throw new IllegalStateException("no current TLV object: call next() first");
    }
  }
}
