package io.ambientretail.payments.tlv;

import java.util.Arrays;

/**
 * Writes BER-TLV: primitive objects and constructed templates (opened with {@link #begin} and
 * closed with {@link #end}, their lengths filled in when closed), with the shortest length
 * encoding, as EMV requires.
 *
 * <pre>{@code
 * byte[] fci = TlvBuilder.create()
 *     .begin(0x6F).add(0x84, aid).begin(0xA5).add(0x50, label).end().end()
 *     .build();
 * }</pre>
 *
 * <p>Not thread-safe. Reusable after {@link #build()} only by creating a new builder.
 */
public final class TlvBuilder {
  private byte[] buf = new byte[64];
  private int size;
  private int[] open = new int[8]; // offset where each open template's value starts
  private int[] openTags = new int[8];
  private int depth;

  private TlvBuilder() {}

  /** An empty builder. */
  public static TlvBuilder create() {
    return new TlvBuilder();
  }

  /**
   * Appends a primitive object (or a template given as already-encoded contents).
   *
   * @throws IllegalArgumentException if the tag is not a valid 1-4 byte BER tag
   */
  public TlvBuilder add(int tag, byte[] value) {
    return add(tag, value, 0, value.length);
  }

  /** Appends an object whose value is {@code value[offset, offset + length)}. */
  public TlvBuilder add(int tag, byte[] value, int offset, int length) {
    Tlv.checkTag(tag);
    writeTag(tag);
    writeLength(length);
    ensure(length);
    System.arraycopy(value, offset, buf, size, length);
    size += length;
    return this;
  }

  /** Opens a constructed template; objects added until the matching {@link #end()} go inside. */
  public TlvBuilder begin(int tag) {
    Tlv.checkTag(tag);
    if ((Tlv.firstByte(tag) & 0x20) == 0) {
      throw new IllegalArgumentException("tag " + EmvTags.hex(tag) + " is primitive");
    }
    writeTag(tag);
    if (depth == open.length) {
      open = Arrays.copyOf(open, depth * 2);
      openTags = Arrays.copyOf(openTags, depth * 2);
    }
    openTags[depth] = tag;
    open[depth++] = size;
    return this;
  }

  /** Closes the innermost open template, writing its length. */
  public TlvBuilder end() {
    if (depth == 0) {
      throw new IllegalStateException("end() without begin()");
    }
    int valueStart = open[--depth];
    int length = size - valueStart;
    int lenBytes = lengthBytes(length);
    ensure(lenBytes);
    System.arraycopy(buf, valueStart, buf, valueStart + lenBytes, length);
    int saved = size;
    size = valueStart;
    writeLength(length);
    size = saved + lenBytes;
    return this;
  }

  /**
   * The encoding.
   *
   * @throws IllegalStateException if a template is still open
   */
  public byte[] build() {
    if (depth != 0) {
      throw new IllegalStateException(
          "template " + EmvTags.hex(openTags[depth - 1]) + " is still open");
    }
    return Arrays.copyOf(buf, size);
  }

  private void writeTag(int tag) {
    int n = Tlv.tagLength(tag);
    ensure(n);
    for (int i = n - 1; i >= 0; i--) {
      buf[size++] = (byte) (tag >>> (8 * i));
    }
  }

  private static int lengthBytes(int length) {
    if (length < 0x80) {
      return 1;
    }
    if (length <= 0xFF) {
      return 2;
    }
    if (length <= 0xFFFF) {
      return 3;
    }
    return length <= 0xFFFFFF ? 4 : 5;
  }

  private void writeLength(int length) {
    int n = lengthBytes(length);
    ensure(n);
    if (n == 1) {
      buf[size++] = (byte) length;
      return;
    }
    buf[size++] = (byte) (0x80 | (n - 1));
    for (int i = n - 2; i >= 0; i--) {
      buf[size++] = (byte) (length >>> (8 * i));
    }
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}
