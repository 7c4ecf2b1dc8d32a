package io.ambientretail.devices.smartcard;

import io.ambientretail.devices.ApduChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An {@link ApduChannel} that handles the ISO 7816-4 transport status words itself over a raw
 * channel that does not: {@code 61xx} (more data: GET RESPONSE with Le = xx, repeated while the card
 * says more is waiting, the data concatenated) and {@code 6Cxx} (wrong Le: the same command sent
 * again with Le = xx). Callers see the final data followed by the final SW1 SW2.
 *
 * <p>Bounded against hostile cards: at most 64 exchanges per command and 65,536 bytes of response
 * data, else an {@link IOException} naming the limit. Extended-length APDUs are passed through
 * unchanged (a reader that cannot carry them fails the exchange with an IOException).
 *
 * <p>Thread-safe if the raw channel is; never logs APDU contents.
 */
public final class Iso7816Channel implements ApduChannel {
  private static final int MAX_ROUNDS = 64;
  private static final int MAX_DATA = 65_536;

  private final ApduChannel raw;

  private Iso7816Channel(ApduChannel raw) {
    this.raw = raw;
  }

  /** Wraps a raw channel (one that returns 61xx and 6Cxx to its caller). */
  public static Iso7816Channel over(ApduChannel raw) {
    return new Iso7816Channel(Objects.requireNonNull(raw, "raw"));
  }

  @Override
  public byte[] transmit(byte[] command) throws IOException {
    if (command.length < 4) {
      throw new IllegalArgumentException("a command APDU has at least 4 bytes, got "
          + command.length);
    }
    byte[] cmd = command;
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (int round = 0; round < MAX_ROUNDS; round++) {
      byte[] r = raw.transmit(cmd);
      if (r.length < 2) {
        throw new IOException("card answered " + r.length + " bytes, fewer than SW1 SW2");
      }
      int sw1 = r[r.length - 2] & 0xFF;
      int sw2 = r[r.length - 1] & 0xFF;
      if (sw1 == 0x6C && cmd != command) {
        throw new IOException("card answered 6C" + hex(sw2) + " twice");
      }
      if (sw1 == 0x6C) {
        cmd = withLe(command, sw2);
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
    throw new IOException("card kept asking for GET RESPONSE / resend after " + MAX_ROUNDS
        + " exchanges");
  }

  /** {@code command} with its Le (short form) set to {@code le} (0 means 256). */
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
