package io.ambientretail.store.sim;

import io.ambientretail.payments.tlv.TlvBuilder;
import io.ambientretail.testing.emv.VirtualEmvCard;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

/**
 * Makes virtual contactless EMV cards (sdk-testing's {@link VirtualEmvCard}) for simulated
 * shoppers: 16-digit numbers on test BINs with a valid Luhn check digit, given by the card only in
 * its track 2 equivalent data (tag 57) of a format-2 GPO response, as qVSDC cards do. The number
 * exists only inside the card: the store reads it with the SDK's EMV flow and keeps only the token
 * and fingerprint.
 */
public final class TestCards {
  private static final String[] BINS = {"476173", "541333", "222300", "401200"};
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] PPSE = "2PAY.SYS.DDF01".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OK = {(byte) 0x90, 0x00};

  private TestCards() {}

  /** A new virtual card whose number is drawn from {@code random}. */
  public static VirtualEmvCard next(Random random) {
    char[] d = new char[16];
    String bin = BINS[random.nextInt(BINS.length)];
    for (int i = 0; i < 6; i++) {
      d[i] = bin.charAt(i);
    }
    for (int i = 6; i < 15; i++) {
      d[i] = (char) ('0' + random.nextInt(10));
    }
    int sum = 0;
    for (int i = 14, k = 0; i >= 0; i--, k++) {
      int v = d[i] - '0';
      if (k % 2 == 0) {
        v *= 2;
        if (v > 9) {
          v -= 9;
        }
      }
      sum += v;
    }
    d[15] = (char) ('0' + (10 - sum % 10) % 10);
    boolean visa = d[0] == '4';
    byte[] aid = HEX.parseHex(visa ? "A0000000031010" : "A0000000041010");
    String label = visa ? "VISA CREDIT" : "MASTERCARD";
    // track 2 equivalent: PAN, separator D, expiry YYMM, service code, discretionary, pad F
    char[] t2 = new char[38];
    System.arraycopy(d, 0, t2, 0, 16);
    "D31122010000000000000".getChars(0, 21, t2, 16);
    t2[37] = 'F';
    byte[] track2 = new byte[19];
    for (int i = 0; i < 19; i++) {
      track2[i] = (byte) (Character.digit(t2[2 * i], 16) << 4 | Character.digit(t2[2 * i + 1], 16));
    }
    Arrays.fill(d, '0');
    Arrays.fill(t2, '0');
    VirtualEmvCard.Builder b = VirtualEmvCard.builder("shopper-card");
    b.select(
        PPSE,
        ok(
            TlvBuilder.create()
                .begin(0x6F)
                .add(0x84, PPSE)
                .begin(0xA5)
                .add(
                    0xBF0C,
                    TlvBuilder.create()
                        .begin(0x61)
                        .add(0x4F, aid)
                        .add(0x50, ascii(label))
                        .add(0x87, new byte[] {1})
                        .end()
                        .build())
                .end()
                .end()
                .build()));
    b.select(
        aid,
        ok(
            TlvBuilder.create()
                .begin(0x6F)
                .add(0x84, aid)
                .begin(0xA5)
                .add(0x50, ascii(label))
                .add(0x87, new byte[] {1})
                .end()
                .end()
                .build()));
    b.gpo(
        aid,
        ok(
            TlvBuilder.create()
                .begin(0x77)
                .add(0x82, HEX.parseHex("2000"))
                .add(0x94, HEX.parseHex("08010100"))
                .add(0x57, track2)
                .add(0x5F34, new byte[] {0x01})
                .add(0x9F26, HEX.parseHex("1122334455667788"))
                .end()
                .build()));
    b.record(
        aid,
        1,
        0x0C,
        ok(TlvBuilder.create().begin(0x70).add(0x5F28, HEX.parseHex("0276")).end().build()));
    Arrays.fill(track2, (byte) 0);
    return b.build();
  }

  private static byte[] ok(byte[] data) {
    byte[] r = Arrays.copyOf(data, data.length + 2);
    r[data.length] = OK[0];
    r[data.length + 1] = OK[1];
    return r;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
