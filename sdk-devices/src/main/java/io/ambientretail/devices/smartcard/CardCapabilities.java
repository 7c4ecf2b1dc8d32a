package io.ambientretail.devices.smartcard;

/**
 * What a card announces about APDU lengths in the "card capabilities" data object of its ATR
 * historical bytes (ISO 7816-4 §12.1.1: compact-TLV tag 7, its third byte, the third software
 * function table): bit b8 command chaining, bit b7 extended Lc and Le fields.
 *
 * <p>A card that does not carry the object (or carries fewer than three bytes of it) announces
 * neither; {@link #announced()} tells the two cases apart. Immutable and thread-safe.
 */
public final class CardCapabilities {
  /** Neither extended length nor command chaining (nothing announced). */
  public static final CardCapabilities NONE = new CardCapabilities(false, false, false);

  private final boolean announced;
  private final boolean extendedLength;
  private final boolean commandChaining;

  private CardCapabilities(boolean announced, boolean extendedLength, boolean commandChaining) {
    this.announced = announced;
    this.extendedLength = extendedLength;
    this.commandChaining = commandChaining;
  }

  /** Capabilities as given (for a reader or card known by other means than its ATR). */
  public static CardCapabilities of(boolean extendedLength, boolean commandChaining) {
    return new CardCapabilities(true, extendedLength, commandChaining);
  }

  /**
   * Reads the card capabilities from historical bytes. Category indicator {@code 80} means
   * compact-TLV objects to the end, {@code 00} compact-TLV objects followed by a 3-byte status
   * indicator; any other category (proprietary, DIR reference) announces nothing. Malformed
   * compact-TLV (a length past the end) also announces nothing: the ATR is the card's, and a card
   * with odd historical bytes still works with short APDUs.
   */
  public static CardCapabilities fromHistoricalBytes(byte[] historical) {
    if (historical.length == 0) {
      return NONE;
    }
    int category = historical[0] & 0xFF;
    int end;
    if (category == 0x80) {
      end = historical.length;
    } else if (category == 0x00) {
      end = historical.length - 3;
    } else {
      return NONE;
    }
    int i = 1;
    while (i < end) {
      int tl = historical[i] & 0xFF;
      int tag = tl >> 4;
      int len = tl & 0x0F;
      if (i + 1 + len > end) {
        return NONE;
      }
      if (tag == 0x7) {
        if (len < 3) {
          return NONE;
        }
        int third = historical[i + 3] & 0xFF;
        return new CardCapabilities(true, (third & 0x40) != 0, (third & 0x80) != 0);
      }
      i += 1 + len;
    }
    return NONE;
  }

  /** True when the card (or caller) stated its capabilities; false when the ATR said nothing. */
  public boolean announced() {
    return announced;
  }

  /** True when the card accepts extended Lc and Le fields (Nc up to 65,535, Ne up to 65,536). */
  public boolean extendedLength() {
    return extendedLength;
  }

  /** True when the card accepts command chaining (CLA bit b5 set on all but the last command). */
  public boolean commandChaining() {
    return commandChaining;
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o instanceof CardCapabilities c
        && c.announced == announced
        && c.extendedLength == extendedLength
        && c.commandChaining == commandChaining;
  }

  @Override
  public int hashCode() {
    return (announced ? 4 : 0) | (extendedLength ? 2 : 0) | (commandChaining ? 1 : 0);
  }

  @Override
  public String toString() {
    return "CardCapabilities[extendedLength="
        + extendedLength
        + ", commandChaining="
        + commandChaining
        + (announced ? "" : ", not announced")
        + "]";
  }
}
