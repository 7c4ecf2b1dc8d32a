package io.ambientretail.devices.smartcard;

import java.util.Arrays;
import java.util.Objects;

/**
 * An ISO 7816-4 command APDU as values (CLA INS P1 P2, command data of Nc bytes, expected response
 * length Ne), with the two encodings of ISO 7816-3 §12.1.3: short (Nc up to 255, Ne up to 256) and
 * extended (Nc up to 65,535, Ne up to 65,536; Lc and Le are both extended when present).
 *
 * <p>{@link #parse} reads every case (1, 2S, 3S, 4S, 2E, 3E, 4E) and rejects anything else with a
 * {@link CardFormatException} naming the offset; the limits are those of the standard (at most
 * 65,535 data bytes, so at most 65,544 bytes in all). Immutable and thread-safe; the data array is
 * copied in and out. {@link #toString()} never shows the data (it may be card data).
 */
public final class CommandApdu {
  /** The largest Nc of a short APDU. */
  public static final int MAX_SHORT_NC = 255;

  /** The largest Ne of a short APDU (Le byte 00). */
  public static final int MAX_SHORT_NE = 256;

  /** The largest Nc of an extended APDU. */
  public static final int MAX_EXTENDED_NC = 65_535;

  /** The largest Ne of an extended APDU (Le bytes 0000). */
  public static final int MAX_EXTENDED_NE = 65_536;

  private final int cla;
  private final int ins;
  private final int p1;
  private final int p2;
  private final byte[] data;
  private final int ne;

  private CommandApdu(int cla, int ins, int p1, int p2, byte[] data, int ne) {
    this.cla = cla;
    this.ins = ins;
    this.p1 = p1;
    this.p2 = p2;
    this.data = data;
    this.ne = ne;
  }

  /**
   * A command from its parts.
   *
   * @param data the command data, empty for none (copied; at most 65,535 bytes)
   * @param ne the expected response length, 0 for none, at most 65,536
   * @throws IllegalArgumentException if a header byte is outside 0..255 or a length out of range
   */
  public static CommandApdu of(int cla, int ins, int p1, int p2, byte[] data, int ne) {
    Objects.requireNonNull(data, "data");
    for (int b : new int[] {cla, ins, p1, p2}) {
      if (b < 0 || b > 0xFF) {
        throw new IllegalArgumentException("header byte out of range 0..255: " + b);
      }
    }
    if (data.length > MAX_EXTENDED_NC) {
      throw new IllegalArgumentException(
          "Nc must be at most " + MAX_EXTENDED_NC + ", was " + data.length);
    }
    if (ne < 0 || ne > MAX_EXTENDED_NE) {
      throw new IllegalArgumentException("Ne must be 0.." + MAX_EXTENDED_NE + ", was " + ne);
    }
    return new CommandApdu(cla, ins, p1, p2, data.clone(), ne);
  }

  /**
   * Reads an encoded command APDU (any ISO 7816-3 case, short or extended).
   *
   * @throws CardFormatException if the length fields do not match the bytes (offset given)
   */
  public static CommandApdu parse(byte[] apdu) {
    int n = apdu.length;
    if (n < 4) {
      throw new CardFormatException("a command APDU has at least 4 header bytes, got " + n, n);
    }
    int cla = apdu[0] & 0xFF;
    int ins = apdu[1] & 0xFF;
    int p1 = apdu[2] & 0xFF;
    int p2 = apdu[3] & 0xFF;
    if (n == 4) {
      return new CommandApdu(cla, ins, p1, p2, new byte[0], 0);
    }
    int b0 = apdu[4] & 0xFF;
    if (n == 5) { // case 2S
      return new CommandApdu(cla, ins, p1, p2, new byte[0], b0 == 0 ? 256 : b0);
    }
    if (b0 != 0) { // case 3S or 4S
      if (n == 5 + b0) {
        return new CommandApdu(cla, ins, p1, p2, Arrays.copyOfRange(apdu, 5, n), 0);
      }
      if (n == 6 + b0) {
        int le = apdu[n - 1] & 0xFF;
        return new CommandApdu(
            cla, ins, p1, p2, Arrays.copyOfRange(apdu, 5, n - 1), le == 0 ? 256 : le);
      }
      throw new CardFormatException(
          "short Lc " + b0 + " needs " + (5 + b0) + " or " + (6 + b0) + " bytes, got " + n, 4);
    }
    if (n < 7) {
      throw new CardFormatException(
          "extended length field (00 then 2 bytes) cut short at " + n + " bytes", n);
    }
    int l = ((apdu[5] & 0xFF) << 8) | (apdu[6] & 0xFF);
    if (n == 7) { // case 2E
      return new CommandApdu(cla, ins, p1, p2, new byte[0], l == 0 ? 65_536 : l);
    }
    if (l == 0) {
      throw new CardFormatException("extended Lc of 0000 followed by more bytes", 5);
    }
    if (n == 7 + l) { // case 3E
      return new CommandApdu(cla, ins, p1, p2, Arrays.copyOfRange(apdu, 7, n), 0);
    }
    if (n == 9 + l) { // case 4E
      int le = ((apdu[n - 2] & 0xFF) << 8) | (apdu[n - 1] & 0xFF);
      return new CommandApdu(
          cla, ins, p1, p2, Arrays.copyOfRange(apdu, 7, n - 2), le == 0 ? 65_536 : le);
    }
    throw new CardFormatException(
        "extended Lc " + l + " needs " + (7 + l) + " or " + (9 + l) + " bytes, got " + n, 5);
  }

  /** True when {@code apdu} is laid out with extended length fields (case 2E, 3E or 4E). */
  public static boolean isExtendedEncoding(byte[] apdu) {
    return apdu.length >= 7 && apdu[4] == 0;
  }

  /** The class byte. */
  public int cla() {
    return cla;
  }

  /** The instruction byte. */
  public int ins() {
    return ins;
  }

  /** Parameter 1. */
  public int p1() {
    return p1;
  }

  /** Parameter 2. */
  public int p2() {
    return p2;
  }

  /** A copy of the command data (empty when none). */
  public byte[] data() {
    return data.clone();
  }

  /** Nc: the number of command data bytes. */
  public int nc() {
    return data.length;
  }

  /** Ne: the expected response length in bytes, 0 when no response data is expected. */
  public int ne() {
    return ne;
  }

  /** True when the command fits the short encoding (Nc at most 255 and Ne at most 256). */
  public boolean fitsShort() {
    return data.length <= MAX_SHORT_NC && ne <= MAX_SHORT_NE;
  }

  /** This command with another Ne (used for the 6Cxx resend). */
  public CommandApdu withNe(int newNe) {
    if (newNe < 0 || newNe > MAX_EXTENDED_NE) {
      throw new IllegalArgumentException("Ne must be 0.." + MAX_EXTENDED_NE + ", was " + newNe);
    }
    return new CommandApdu(cla, ins, p1, p2, data, newNe);
  }

  /**
   * The short encoding.
   *
   * @throws IllegalStateException if the command does not {@link #fitsShort() fit} it
   */
  public byte[] encodeShort() {
    if (!fitsShort()) {
      throw new IllegalStateException(
          "Nc=" + data.length + ", Ne=" + ne + " does not fit a short APDU");
    }
    int n = 4 + (data.length > 0 ? 1 + data.length : 0) + (ne > 0 ? 1 : 0);
    byte[] out = header(n);
    int i = 4;
    if (data.length > 0) {
      out[i++] = (byte) data.length;
      System.arraycopy(data, 0, out, i, data.length);
      i += data.length;
    }
    if (ne > 0) {
      out[i] = (byte) ne; // 256 -> 00
    }
    return out;
  }

  /**
   * The extended encoding (ISO 7816-3 cases 2E, 3E, 4E; a case 1 command has only one encoding, its
   * 4 header bytes).
   */
  public byte[] encodeExtended() {
    if (data.length == 0 && ne == 0) {
      return header(4);
    }
    int n = 4 + 1 + (data.length > 0 ? 2 + data.length : 0) + (ne > 0 ? 2 : 0);
    byte[] out = header(n);
    int i = 5; // out[4] = 00 marks the extended fields
    if (data.length > 0) {
      out[i++] = (byte) (data.length >> 8);
      out[i++] = (byte) data.length;
      System.arraycopy(data, 0, out, i, data.length);
      i += data.length;
    }
    if (ne > 0) {
      out[i++] = (byte) (ne >> 8); // 65536 -> 0000
      out[i] = (byte) ne;
    }
    return out;
  }

  /** The short encoding when the command fits it, else the extended one. */
  public byte[] encode() {
    return fitsShort() ? encodeShort() : encodeExtended();
  }

  private byte[] header(int n) {
    byte[] out = new byte[n];
    out[0] = (byte) cla;
    out[1] = (byte) ins;
    out[2] = (byte) p1;
    out[3] = (byte) p2;
    return out;
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o instanceof CommandApdu c
        && c.cla == cla
        && c.ins == ins
        && c.p1 == p1
        && c.p2 == p2
        && c.ne == ne
        && Arrays.equals(c.data, data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(cla, ins, p1, p2, ne, Arrays.hashCode(data));
  }

  /** Header bytes and lengths only; never the data. */
  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "CommandApdu[%02X %02X %02X %02X, Nc=%d, Ne=%d]",
        cla,
        ins,
        p1,
        p2,
        data.length,
        ne);
  }
}
