package io.ambientretail.payments.tlv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One BER-TLV object as an immutable tree node: a tag, and either a primitive value or the child
 * objects of a constructed template. Convenient for small responses and for building test data; use
 * {@link TlvReader} where allocation matters.
 *
 * <p>{@link #toString()} shows tags, names and lengths but never value bytes, so card data cannot
 * leak through it. Immutable and thread-safe; {@link #value()} returns a copy.
 */
public final class Tlv {
  private final int tag;
  private final byte[] value;
  private final List<Tlv> children;

  private Tlv(int tag, byte[] value, List<Tlv> children) {
    this.tag = tag;
    this.value = value;
    this.children = children;
  }

  /** A primitive object; the value is copied. */
  public static Tlv primitive(int tag, byte[] value) {
    checkTag(tag);
    if ((firstByte(tag) & 0x20) != 0) {
      throw new IllegalArgumentException("tag " + EmvTags.hex(tag) + " is constructed");
    }
    return new Tlv(tag, value.clone(), List.of());
  }

  /** A constructed template holding {@code children}; its value is their encoding. */
  public static Tlv constructed(int tag, List<Tlv> children) {
    checkTag(tag);
    if ((firstByte(tag) & 0x20) == 0) {
      throw new IllegalArgumentException("tag " + EmvTags.hex(tag) + " is primitive");
    }
    TlvBuilder b = TlvBuilder.create();
    for (Tlv c : children) {
      c.writeTo(b);
    }
    return new Tlv(tag, b.build(), List.copyOf(children));
  }

  /**
   * Parses every top-level object in {@code data}, with their children.
   *
   * @throws TlvException if the data is malformed or exceeds {@code limits}
   */
  public static List<Tlv> parseAll(byte[] data, TlvLimits limits) {
    TlvReader r = TlvReader.of(data, 0, data.length, limits);
    List<Tlv> top = new ArrayList<>();
    List<List<Tlv>> stack = new ArrayList<>();
    List<int[]> open = new ArrayList<>(); // {tag, valueOffset, valueEnd}
    stack.add(top);
    while (r.next()) {
      while (open.size() >= r.depth()) {
        close(data, stack, open);
      }
      if (r.isConstructed()) {
        open.add(new int[] {r.tag(), r.valueOffset(), r.valueEnd()});
        stack.add(new ArrayList<>());
      } else {
        stack.get(stack.size() - 1).add(new Tlv(r.tag(), r.copyValue(), List.of()));
      }
    }
    while (!open.isEmpty()) {
      close(data, stack, open);
    }
    return List.copyOf(top);
  }

  private static void close(byte[] data, List<List<Tlv>> stack, List<int[]> open) {
    int[] o = open.remove(open.size() - 1);
    List<Tlv> kids = stack.remove(stack.size() - 1);
    stack
        .get(stack.size() - 1)
        .add(new Tlv(o[0], Arrays.copyOfRange(data, o[1], o[2]), List.copyOf(kids)));
  }

  /** The tag, its bytes as a big-endian int. */
  public int tag() {
    return tag;
  }

  /** True for a constructed template. */
  public boolean isConstructed() {
    return (firstByte(tag) & 0x20) != 0;
  }

  /** A copy of the value bytes (for a template, the encoding of its children). */
  public byte[] value() {
    return value.clone();
  }

  /** The value's length in bytes. */
  public int length() {
    return value.length;
  }

  /** The children of a template; empty for a primitive object. */
  public List<Tlv> children() {
    return children;
  }

  /** The first object with {@code tag} in this subtree (depth-first, this node first), or null. */
  public @Nullable Tlv find(int tag) {
    if (this.tag == tag) {
      return this;
    }
    for (Tlv c : children) {
      Tlv f = c.find(tag);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  /** Writes this object's encoding to {@code builder}. */
  public void writeTo(TlvBuilder builder) {
    builder.add(tag, value);
  }

  /** This object's BER-TLV encoding. */
  public byte[] encode() {
    return TlvBuilder.create().add(tag, value).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tlv && ((Tlv) o).tag == tag && Arrays.equals(((Tlv) o).value, value);
  }

  @Override
  public int hashCode() {
    return 31 * tag + Arrays.hashCode(value);
  }

  /** Tag, name and length; never the value bytes. */
  @Override
  public String toString() {
    return EmvTags.hex(tag)
        + " "
        + EmvTags.name(tag)
        + " ("
        + value.length
        + " bytes"
        + (children.isEmpty() ? "" : ", " + children.size() + " objects")
        + ")";
  }

  static void checkTag(int tag) {
    if (tag == 0 || tag == 0xFF) {
      throw new IllegalArgumentException("tag " + EmvTags.hex(tag) + " is a padding byte");
    }
    int len = tagLength(tag);
    int first = firstByte(tag);
    if (len == 1 && (first & 0x1F) == 0x1F) {
      throw new IllegalArgumentException("tag " + EmvTags.hex(tag) + " needs subsequent bytes");
    }
    if (len > 1) {
      if ((first & 0x1F) != 0x1F) {
        throw new IllegalArgumentException("tag " + EmvTags.hex(tag) + " is not a multi-byte tag");
      }
      for (int i = len - 2; i >= 1; i--) {
        if ((((tag >>> (8 * i)) & 0xFF) & 0x80) == 0) {
          throw new IllegalArgumentException("tag " + EmvTags.hex(tag) + " is malformed");
        }
      }
      if ((tag & 0x80) != 0) {
        throw new IllegalArgumentException("tag " + EmvTags.hex(tag) + " is malformed");
      }
    }
  }

  static int tagLength(int tag) {
    if ((tag & 0xFF000000) != 0) {
      return 4;
    }
    if ((tag & 0xFF0000) != 0) {
      return 3;
    }
    return (tag & 0xFF00) != 0 ? 2 : 1;
  }

  static int firstByte(int tag) {
    return (tag >>> (8 * (tagLength(tag) - 1))) & 0xFF;
  }
}
