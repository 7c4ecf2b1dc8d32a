package io.ambientretail.devices.smartcard;

import io.ambientretail.devices.ApduChannel;
import java.io.IOException;
import java.util.HexFormat;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;

/**
 * A connection to the card in a PC/SC reader: its ATR, the protocol in use and an {@link
 * ApduChannel} that handles {@code 61xx} and {@code 6Cxx} itself (see {@link Iso7816Channel}).
 * Close it to disconnect (the card is left powered for the next session).
 *
 * <p>One thread at a time; never logs APDUs.
 */
public final class CardSession implements AutoCloseable {
  private final Card card;
  private final ApduChannel channel;

  CardSession(Card card) {
    this.card = card;
    CardChannel basic = card.getBasicChannel();
    this.channel = Iso7816Channel.over(command -> {
      try {
        return basic.transmit(new CommandAPDU(command)).getBytes();
      } catch (CardException | IllegalStateException e) {
        throw new IOException("APDU exchange failed: " + PcscService.describe(e), e);
      }
    });
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

  /** The APDU channel to the card's basic logical channel. */
  public ApduChannel channel() {
    return channel;
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
