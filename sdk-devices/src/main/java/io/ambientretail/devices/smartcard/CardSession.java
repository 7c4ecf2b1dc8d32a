package io.ambientretail.devices.smartcard;

import io.ambientretail.devices.ApduChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.OptionalInt;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;

/**
 * A connection to the card in a PC/SC reader: its ATR, the protocol in use and an {@link
 * ApduChannel} that handles {@code 61xx} and {@code 6Cxx} itself and sends long commands with
 * extended Lc/Le fields where card and reader support them (see {@link Iso7816Channel}). Close it
 * to disconnect (the card is left powered for the next session).
 *
 * <p>Extended length is used when the card's ATR announces it ({@link #capabilities()}), the
 * protocol is not T=0 (which would need ENVELOPE), and the reader does not report short APDUs only
 * ({@link #readerMaxApduDataSize()}, asked once at connect through PC/SC part 10; a reader that
 * does not answer is tried).
 *
 * <p>One thread at a time; never logs APDUs.
 */
public final class CardSession implements AutoCloseable {
  /** pcsc-lite's SCARD_CTL_CODE(3400): CM_IOCTL_GET_FEATURE_REQUEST (PC/SC part 10). */
  private static final int GET_FEATURE_REQUEST = 0x42000000 + 3400;

  private static final int FEATURE_GET_TLV_PROPERTIES = 0x12;
  private static final int PROPERTY_MAX_APDU_DATA_SIZE = 0x0A;
  private static final int EXTENDED_RESPONSE_BUFFER = CommandApdu.MAX_EXTENDED_NE + 2;

  private final Card card;
  private final CardCapabilities capabilities;
  private final OptionalInt readerMax;
  private final Iso7816Channel channel;

  CardSession(Card card) {
    this.card = card;
    this.capabilities = capabilitiesOf(card.getATR().getBytes());
    this.readerMax = readerMaxApduDataSize(card);
    boolean readerExtended =
        !"T=0".equals(card.getProtocol())
            && (readerMax.isEmpty() || readerMax.getAsInt() > CommandApdu.MAX_SHORT_NC);
    CardChannel basic = card.getBasicChannel();
    this.channel =
        Iso7816Channel.over(
            command -> {
              try {
                if (CommandApdu.isExtendedEncoding(command)) {
                  ByteBuffer response = ByteBuffer.allocate(EXTENDED_RESPONSE_BUFFER);
                  int n = basic.transmit(ByteBuffer.wrap(command), response);
                  byte[] r = new byte[n];
                  response.flip();
                  response.get(r);
                  return r;
                }
                return basic.transmit(new CommandAPDU(command)).getBytes();
              } catch (CardException | IllegalStateException | IllegalArgumentException e) {
                throw new IOException("APDU exchange failed: " + PcscService.describe(e), e);
              }
            },
            capabilities,
            readerExtended);
  }

  private static CardCapabilities capabilitiesOf(byte[] atr) {
    try {
      return Atr.parse(atr).capabilities();
    } catch (CardFormatException e) {
      return CardCapabilities.NONE; // an odd ATR still works with short APDUs
    }
  }

  /** PC/SC part 10 dwMaxAPDUDataSize, or empty when the reader driver does not say. */
  private static OptionalInt readerMaxApduDataSize(Card card) {
    try {
      int ioctl =
          featureControlCode(
              card.transmitControlCommand(GET_FEATURE_REQUEST, new byte[0]),
              FEATURE_GET_TLV_PROPERTIES);
      if (ioctl == -1) {
        return OptionalInt.empty();
      }
      return maxApduDataSize(card.transmitControlCommand(ioctl, new byte[0]));
    } catch (CardException | RuntimeException e) {
      return OptionalInt.empty(); // the driver has no part 10 support (vpcd, many others)
    }
  }

  /**
   * The control code of {@code feature} in a GET_FEATURE_REQUEST answer (TLVs of tag, length 4,
   * big-endian control code), or -1 when absent. Malformed input ends the search.
   */
  static int featureControlCode(byte[] tlv, int feature) {
    for (int i = 0; i + 2 <= tlv.length; i += 2 + (tlv[i + 1] & 0xFF)) {
      int len = tlv[i + 1] & 0xFF;
      if (i + 2 + len > tlv.length) {
        return -1;
      }
      if ((tlv[i] & 0xFF) == feature && len == 4) {
        return ByteBuffer.wrap(tlv, i + 2, 4).getInt();
      }
    }
    return -1;
  }

  /**
   * dwMaxAPDUDataSize (tag 0x0A, 4 bytes little-endian) from a GET_TLV_PROPERTIES answer, or empty
   * when absent or malformed.
   */
  static OptionalInt maxApduDataSize(byte[] tlv) {
    for (int i = 0; i + 2 <= tlv.length; i += 2 + (tlv[i + 1] & 0xFF)) {
      int len = tlv[i + 1] & 0xFF;
      if (i + 2 + len > tlv.length) {
        return OptionalInt.empty();
      }
      if ((tlv[i] & 0xFF) == PROPERTY_MAX_APDU_DATA_SIZE && len == 4) {
        int v =
            (tlv[i + 2] & 0xFF)
                | (tlv[i + 3] & 0xFF) << 8
                | (tlv[i + 4] & 0xFF) << 16
                | (tlv[i + 5] & 0xFF) << 24;
        return v < 0 ? OptionalInt.empty() : OptionalInt.of(v);
      }
    }
    return OptionalInt.empty();
  }

  /** The card's Answer To Reset. */
  public byte[] atr() {
    return card.getATR().getBytes();
  }

  /** The ATR as upper-case hex. */
  public String atrHex() {
    return HexFormat.of().withUpperCase().formatHex(atr());
  }

  /** The protocol in use: {@code "T=0"} or {@code "T=1"} (or {@code "T=CL"} contactless). */
  public String protocol() {
    return card.getProtocol();
  }

  /** What the card's ATR announces (extended length, command chaining). */
  public CardCapabilities capabilities() {
    return capabilities;
  }

  /**
   * The largest APDU data size the reader driver reports (PC/SC part 10 {@code dwMaxAPDUDataSize};
   * 0 means short APDUs only), or empty when the driver does not report it.
   */
  public OptionalInt readerMaxApduDataSize() {
    return readerMax;
  }

  /** True when this session sends commands with extended Lc/Le fields where they are needed. */
  public boolean extendedLength() {
    return channel.extendedLength();
  }

  /** The APDU channel to the card's basic logical channel. */
  public ApduChannel channel() {
    return channel;
  }

  /**
   * Sends a command in the encoding card and reader support (short, extended, or chained).
   *
   * @throws ApduLengthException if it is too long for this card and reader; nothing was sent
   */
  public byte[] transmit(CommandApdu command) throws IOException {
    return channel.transmit(command);
  }

  /** Disconnects without resetting the card. */
  @Override
  public void close() throws IOException {
    try {
      card.disconnect(false);
    } catch (CardException | IllegalStateException e) {
      throw new IOException("disconnect failed: " + PcscService.describe(e), e);
    }
  }
}
