package io.ambientretail.devices.smartcard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A card's Answer To Reset read per ISO 7816-3 §8.2: the protocols it offers (from the TDi bytes),
 * its historical bytes, and the {@link CardCapabilities} those announce (ISO 7816-4 §12.1.1,
 * compact-TLV tag 7x).
 *
 * <p>Limits: an ATR has at most 33 bytes (TS plus 32), the standard's own bound; longer input, a
 * wrong TS, interface bytes or historical bytes running past the end, or bytes left over after TCK
 * are rejected with a {@link CardFormatException} naming the offset. TCK is not verified (some
 * cards get it wrong and still work); a contactless ATR built by the reader (PC/SC part 3) parses
 * like any other. Immutable and thread-safe.
 */
public final class Atr {
  /** The longest ATR ISO 7816-3 allows: TS and at most 32 further bytes. */
  public static final int MAX_LENGTH = 33;

  private final byte[] bytes;
  private final List<Integer> protocols;
  private final byte[] historical;
  private final CardCapabilities capabilities;

  private Atr(byte[] bytes, List<Integer> protocols, byte[] historical) {
    this.bytes = bytes;
    this.protocols = protocols;
    this.historical = historical;
    this.capabilities = CardCapabilities.fromHistoricalBytes(historical);
  }

  /**
   * Reads an ATR.
   *
   * @throws CardFormatException if the bytes are not a well-formed ATR (offset given)
   */
  public static Atr parse(byte[] atr) {
    int n = atr.length;
    if (n < 2) {
      throw new CardFormatException("an ATR has at least TS and T0, got " + n + " bytes", n);
    }
    if (n > MAX_LENGTH) {
      throw new CardFormatException(
          "an ATR has at most " + MAX_LENGTH + " bytes, got " + n, MAX_LENGTH);
    }
    int ts = atr[0] & 0xFF;
    if (ts != 0x3B && ts != 0x3F) {
      throw new CardFormatException(
          String.format(java.util.Locale.ROOT, "TS must be 3B or 3F, was %02X", ts), 0);
    }
    int y = (atr[1] & 0xF0) >> 4;
    int k = atr[1] & 0x0F;
    int i = 2;
    List<Integer> protocols = new ArrayList<>();
    boolean tckExpected = false;
    while (true) {
      i += Integer.bitCount(y & 0x7); // TAi, TBi, TCi
      if ((y & 0x8) == 0) {
        break;
      }
      if (i >= n) {
        throw new CardFormatException("TD byte announced past the end of the ATR", n);
      }
      int td = atr[i++] & 0xFF;
      int t = td & 0x0F;
      if (t != 15 && !protocols.contains(t)) { // T=15 marks global bytes, not a protocol
        protocols.add(t);
      }
      if (t != 0) {
        tckExpected = true;
      }
      y = td >> 4;
    }
    if (i > n) {
      throw new CardFormatException("interface bytes run past the end of the ATR", n);
    }
    if (protocols.isEmpty()) {
      protocols.add(0); // no TD1: T=0 only
    }
    int end = i + k;
    if (end > n) {
      throw new CardFormatException(k + " historical bytes announced, " + (n - i) + " present", n);
    }
    int expected = end + (tckExpected ? 1 : 0);
    if (n != expected) {
      throw new CardFormatException(
          "ATR should end at "
              + expected
              + " bytes"
              + (tckExpected ? " (with TCK)" : "")
              + ", has "
              + n,
          Math.min(expected, n));
    }
    return new Atr(atr.clone(), List.copyOf(protocols), Arrays.copyOfRange(atr, i, end));
  }

  /** A copy of the ATR bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The protocols offered (0 for T=0, 1 for T=1, ...), in the order the ATR lists them. */
  public List<Integer> protocols() {
    return protocols;
  }

  /** A copy of the historical bytes (empty when none). */
  public byte[] historicalBytes() {
    return historical.clone();
  }

  /** What the historical bytes say the card can do. */
  public CardCapabilities capabilities() {
    return capabilities;
  }

  /** The ATR as upper-case hex (an ATR holds no card-holder data). */
  @Override
  public String toString() {
    return HexFormat.of().withUpperCase().formatHex(bytes);
  }
}
