package io.ambientretail.devices.smartcard;

import io.ambientretail.devices.ApduChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * An {@link ApduChannel} that handles the ISO 7816-4 transport status words itself over a raw
 * channel that does not: {@code 61xx} (more data: GET RESPONSE with Le = xx, repeated while the
 * card says more is waiting, the data concatenated) and {@code 6Cxx} (wrong Le: the same command
 * sent again with Le = xx). Callers see the final data followed by the final SW1 SW2.
 *
 * <p>Lengths: {@link #transmit(CommandApdu)} sends a command that fits the short encoding as a
 * short APDU. A longer one (Nc over 255 or Ne over 256) is sent with extended Lc/Le fields when the
 * card announces them in its ATR and the reader and protocol carry them; otherwise, with command
 * chaining when the card announces that (data in 255-byte pieces); otherwise, when only Ne is too
 * long, as a short command with Le = 00 whose rest the card returns through 61xx; otherwise it
 * fails with an {@link ApduLengthException} before anything is sent. A channel made with {@link
 * #over(ApduChannel)} knows nothing of the card and passes extended encodings through unchanged.
 *
 * <p>Bounded against hostile cards: at most 64 exchanges per command and 65,536 bytes of response
 * data, else an {@link IOException} naming the limit.
 *
 * <p>Thread-safe if the raw channel is; never logs APDU contents.
 */
public final class Iso7816Channel implements ApduChannel {
  private static final int MAX_ROUNDS = 64;
  private static final int MAX_DATA = 65_536;
  private static final int SW_OK = 0x9000;

  private final ApduChannel raw;
  private final CardCapabilities card;
  private final boolean readerExtended;
  private final boolean passThrough;

  private Iso7816Channel(
      ApduChannel raw, CardCapabilities card, boolean readerExtended, boolean passThrough) {
    this.raw = raw;
    this.card = card;
    this.readerExtended = readerExtended;
    this.passThrough = passThrough;
  }

  /**
   * Wraps a raw channel (one that returns 61xx and 6Cxx to its caller) without knowledge of the
   * card: extended-length commands are sent as given and left to the card and reader to refuse.
   */
  public static Iso7816Channel over(ApduChannel raw) {
    return new Iso7816Channel(
        Objects.requireNonNull(raw, "raw"), CardCapabilities.NONE, true, true);
  }

  /**
   * Wraps a raw channel to a card with known capabilities.
   *
   * @param card what the card announces (see {@link Atr#capabilities()})
   * @param readerExtended true when the reader and protocol carry extended APDUs (false for T=0, or
   *     a reader that reports short APDUs only)
   */
  public static Iso7816Channel over(
      ApduChannel raw, CardCapabilities card, boolean readerExtended) {
    return new Iso7816Channel(
        Objects.requireNonNull(raw, "raw"),
        Objects.requireNonNull(card, "card"),
        readerExtended,
        false);
  }

  /** The card capabilities this channel works with ({@link CardCapabilities#NONE} if unknown). */
  public CardCapabilities capabilities() {
    return card;
  }

  /** True when commands with extended Lc/Le fields may be sent on this channel. */
  public boolean extendedLength() {
    return passThrough || (card.extendedLength() && readerExtended);
  }

  /**
   * Sends an encoded command APDU. An extended-length encoding is checked against the card and
   * reader (and sent as chained short commands where that is what they support), unless the channel
   * was made with {@link #over(ApduChannel)}.
   *
   * @throws IllegalArgumentException if {@code command} is shorter than 4 bytes
   * @throws CardFormatException if an extended-length encoding's length fields do not match
   * @throws ApduLengthException if the command is too long for the card and reader
   */
  @Override
  public byte[] transmit(byte[] command) throws IOException {
    if (command.length < 4) {
      throw new IllegalArgumentException(
          "a command APDU has at least 4 bytes, got " + command.length);
    }
    if (CommandApdu.isExtendedEncoding(command)) {
      CommandApdu parsed = CommandApdu.parse(command);
      if (!passThrough) {
        return transmit(parsed);
      }
      return exchange(command, le -> parsed.withNe(le).encodeExtended());
    }
    return exchange(command, le -> withLe(command, le));
  }

  /**
   * Sends a command in the encoding the card and reader support (see the class description).
   *
   * @throws ApduLengthException if the command is too long for the card and reader; nothing was
   *     sent
   */
  public byte[] transmit(CommandApdu command) throws IOException {
    Objects.requireNonNull(command, "command");
    if (command.fitsShort()) {
      byte[] encoded = command.encodeShort();
      return exchange(encoded, le -> withLe(encoded, le));
    }
    if (extendedLength()) {
      return exchange(command.encodeExtended(), le -> command.withNe(le).encode());
    }
    if (command.nc() > CommandApdu.MAX_SHORT_NC && card.commandChaining()) {
      return chain(command);
    }
    if (command.nc() <= CommandApdu.MAX_SHORT_NC) {
      // Only Ne is too long: ask for 256 and let the card hand over the rest through 61xx.
      CommandApdu shortNe = command.withNe(CommandApdu.MAX_SHORT_NE);
      byte[] encoded = shortNe.encodeShort();
      return exchange(encoded, le -> withLe(encoded, le));
    }
    String why =
        !card.extendedLength()
            ? (card.announced()
                ? "the card's ATR says it takes no extended Lc/Le fields"
                : "the card's ATR does not announce extended Lc/Le fields")
            : "the reader or protocol cannot carry extended APDUs";
    throw new ApduLengthException(
        command.nc(), command.ne(), why + ", and the card does not announce command chaining");
  }

  /** ISO 7816-4 command chaining: all but the last piece with CLA bit b5 set, each 9000. */
  private byte[] chain(CommandApdu command) throws IOException {
    byte[] data = command.data();
    int off = 0;
    while (data.length - off > CommandApdu.MAX_SHORT_NC) {
      byte[] piece = Arrays.copyOfRange(data, off, off + CommandApdu.MAX_SHORT_NC);
      byte[] r =
          raw.transmit(
              CommandApdu.of(
                      command.cla() | 0x10, command.ins(), command.p1(), command.p2(), piece, 0)
                  .encodeShort());
      if (r.length < 2) {
        throw new IOException("card answered " + r.length + " bytes, fewer than SW1 SW2");
      }
      int sw = ((r[r.length - 2] & 0xFF) << 8) | (r[r.length - 1] & 0xFF);
      if (sw != SW_OK) {
        return r; // the card refused the chain; its status word is the answer
      }
      off += CommandApdu.MAX_SHORT_NC;
    }
    CommandApdu last =
        CommandApdu.of(
            command.cla(),
            command.ins(),
            command.p1(),
            command.p2(),
            Arrays.copyOfRange(data, off, data.length),
            Math.min(command.ne(), CommandApdu.MAX_SHORT_NE));
    byte[] encoded = last.encodeShort();
    return exchange(encoded, le -> withLe(encoded, le));
  }

  /** One command with its 61xx / 6Cxx follow-ups; {@code resend} re-encodes with a new Ne. */
  private byte[] exchange(byte[] command, IntFunction<byte[]> resend) throws IOException {
    byte[] cmd = command;
    boolean resent = false;
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (int round = 0; round < MAX_ROUNDS; round++) {
      byte[] r = raw.transmit(cmd);
      if (r.length < 2) {
        throw new IOException("card answered " + r.length + " bytes, fewer than SW1 SW2");
      }
      int sw1 = r[r.length - 2] & 0xFF;
      int sw2 = r[r.length - 1] & 0xFF;
      if (sw1 == 0x6C && resent) {
        throw new IOException("card answered 6C" + hex(sw2) + " twice");
      }
      if (sw1 == 0x6C) {
        resent = true;
        cmd = resend.apply(sw2 == 0 ? 256 : sw2);
        continue;
      }
      data.write(r, 0, r.length - 2);
      if (data.size() > MAX_DATA) {
        throw new IOException("card response exceeds " + MAX_DATA + " bytes");
      }
      if (sw1 == 0x61) {
        cmd = new byte[] {(byte) (command[0] & 0x03), (byte) 0xC0, 0, 0, (byte) sw2};
        continue;
      }
      byte[] out = Arrays.copyOf(data.toByteArray(), data.size() + 2);
      out[out.length - 2] = (byte) sw1;
      out[out.length - 1] = (byte) sw2;
      return out;
    }
    throw new IOException(
        "card kept asking for GET RESPONSE / resend after " + MAX_ROUNDS + " exchanges");
  }

  /** {@code command} with its Le (short form) set to {@code le} (256 is sent as 00). */
  static byte[] withLe(byte[] command, int le) {
    if (command.length == 4) {
      return new byte[] {command[0], command[1], command[2], command[3], (byte) le};
    }
    int lc = command[4] & 0xFF;
    if (lc == 0 && command.length > 5) {
      throw new IllegalArgumentException("6Cxx resend of an extended-length APDU is not defined");
    }
    if (command.length == 5) {
      byte[] c = command.clone();
      c[4] = (byte) le;
      return c;
    }
    byte[] c = Arrays.copyOf(command, 5 + lc + 1);
    c[5 + lc] = (byte) le;
    return c;
  }

  private static String hex(int b) {
    return String.format(java.util.Locale.ROOT, "%02X", b);
  }
}
