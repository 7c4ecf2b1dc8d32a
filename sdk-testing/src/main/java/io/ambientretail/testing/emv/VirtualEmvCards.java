package io.ambientretail.testing.emv;

import io.ambientretail.payments.tlv.TlvBuilder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Set;

/**
 * Ready-made virtual EMV cards for tests and the demo: Visa, Mastercard and Amex, each as a contact
 * card (PSE with a directory record) or a contactless card (PPSE), with the published EMV test-card
 * numbers in {@link #FIXTURE_PANS}.
 *
 * <p>The profiles differ where real cards do: the contactless Visa gives its PAN only in track 2
 * equivalent data (57) in a format-2 GPO response, like qVSDC cards; the Mastercard answers GPO in
 * format 1 (80) and spreads records over two SFIs; the Amex has a 15-digit PAN and a PDOL asking
 * for the terminal type.
 */
public final class VirtualEmvCards {
  /** Which interface a card presents. */
  public enum Interface {
    /** Contact chip: PSE (1PAY.SYS.DDF01) and a directory record, no PPSE. */
    CONTACT,
    /** Contactless: PPSE (2PAY.SYS.DDF01), no PSE. */
    CONTACTLESS
  }

  /** The Visa test PAN. */
  public static final String VISA_PAN = "4761739001010119";

  /** The Mastercard test PAN. */
  public static final String MASTERCARD_PAN = "5413330089020011";

  /** The Amex test PAN. */
  public static final String AMEX_PAN = "374245001751006";

  /** Every PAN these cards and the recorded traces hold: deliberate test fixtures for scanners. */
  public static final Set<String> FIXTURE_PANS =
      Set.of(
          VISA_PAN,
          MASTERCARD_PAN,
          AMEX_PAN,
          "4761340000000050",
          "5413330089600044",
          "5413330056003511",
          "6210948000000011",
          "374245455400001");

  /**
   * The decimal runs inside AIDs (e.g. {@code A000000025010901} holds 15 digits that pass Luhn):
   * not card numbers, so PAN scans of output that prints AIDs allow them.
   */
  public static final Set<String> AID_DIGIT_RUNS = aidDigitRuns();

  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] PPSE = ascii("2PAY.SYS.DDF01");
  private static final byte[] PSE = ascii("1PAY.SYS.DDF01");
  private static final byte[] OK = {(byte) 0x90, 0x00};

  private VirtualEmvCards() {}

  /** A Visa card (AID A0000000031010). */
  public static VirtualEmvCard visa(Interface iface) {
    byte[] aid = HEX.parseHex("A0000000031010");
    VirtualEmvCard.Builder b = VirtualEmvCard.builder("visa-" + name(iface));
    directory(b, iface, aid, "VISA CREDIT", 1);
    b.select(
        aid,
        ok(
            TlvBuilder.create()
                .begin(0x6F)
                .add(0x84, aid)
                .begin(0xA5)
                .add(0x50, ascii("VISA CREDIT"))
                .add(0x87, new byte[] {1})
                .add(0x9F38, HEX.parseHex("9F66049F02069F37045F2A029A03"))
                .end()
                .end()
                .build()));
    byte[] track2 = HEX.parseHex("4761739001010119D31122011143804400000F");
    if (iface == Interface.CONTACTLESS) {
      b.gpo(
          aid,
          ok(
              TlvBuilder.create()
                  .begin(0x77)
                  .add(0x82, HEX.parseHex("2000"))
                  .add(0x94, HEX.parseHex("08010100"))
                  .add(0x57, track2)
                  .add(0x5F34, new byte[] {0x01})
                  .add(0x9F10, HEX.parseHex("06011203A00000"))
                  .add(0x9F26, HEX.parseHex("1122334455667788"))
                  .end()
                  .build()));
      b.record(
          aid,
          1,
          0x0C,
          ok(
              TlvBuilder.create()
                  .begin(0x70)
                  .add(0x5F20, ascii("CARDHOLDER/VISA"))
                  .add(0x5F28, HEX.parseHex("0276"))
                  .end()
                  .build()));
    } else {
      b.gpo(
          aid,
          ok(TlvBuilder.create().add(0x80, HEX.parseHex("1C00080101001001010018010200")).build()));
      b.record(
          aid,
          1,
          0x0C,
          ok(
              TlvBuilder.create()
                  .begin(0x70)
                  .add(0x57, track2)
                  .add(0x5F20, ascii("CARDHOLDER/VISA"))
                  .end()
                  .build()));
      b.record(
          aid,
          1,
          0x14,
          ok(
              TlvBuilder.create()
                  .begin(0x70)
                  .add(0x5A, HEX.parseHex("4761739001010119"))
                  .add(0x5F24, HEX.parseHex("311231"))
                  .add(0x5F34, new byte[] {0x01})
                  .end()
                  .build()));
      b.record(
          aid,
          1,
          0x1C,
          ok(
              TlvBuilder.create()
                  .begin(0x70)
                  .add(0x8E, HEX.parseHex("000000000000000042031E031F03"))
                  .end()
                  .build()));
      b.record(
          aid,
          2,
          0x1C,
          ok(TlvBuilder.create().begin(0x70).add(0x9F07, HEX.parseHex("FF00")).end().build()));
    }
    return b.build();
  }

  /** A Mastercard card (AID A0000000041010), GPO in format 1, records over SFI 1 and 2. */
  public static VirtualEmvCard mastercard(Interface iface) {
    byte[] aid = HEX.parseHex("A0000000041010");
    VirtualEmvCard.Builder b = VirtualEmvCard.builder("mastercard-" + name(iface));
    directory(b, iface, aid, "MASTERCARD", 1);
    // a Maestro application of lower priority, so selection by priority is exercised
    byte[] maestro = HEX.parseHex("A0000000043060");
    b.select(
        aid,
        ok(
            TlvBuilder.create()
                .begin(0x6F)
                .add(0x84, aid)
                .begin(0xA5)
                .add(0x50, ascii("MASTERCARD"))
                .add(0x87, new byte[] {1})
                .end()
                .end()
                .build()));
    b.select(
        maestro,
        ok(
            TlvBuilder.create()
                .begin(0x6F)
                .add(0x84, maestro)
                .begin(0xA5)
                .add(0x50, ascii("MAESTRO"))
                .add(0x87, new byte[] {2})
                .end()
                .end()
                .build()));
    b.gpo(aid, ok(TlvBuilder.create().add(0x80, HEX.parseHex("19800801010010010200")).build()));
    b.record(
        aid,
        1,
        0x0C,
        ok(
            TlvBuilder.create()
                .begin(0x70)
                .add(0x5F20, ascii("MC TEST CARD  "))
                .add(0x9F08, HEX.parseHex("0002"))
                .end()
                .build()));
    b.record(
        aid,
        1,
        0x14,
        ok(
            TlvBuilder.create()
                .begin(0x70)
                .add(0x5A, HEX.parseHex("5413330089020011"))
                .add(0x5F24, HEX.parseHex("301231"))
                .add(0x5F34, new byte[] {0x03})
                .end()
                .build()));
    b.record(
        aid,
        2,
        0x14,
        ok(
            TlvBuilder.create()
                .begin(0x70)
                .add(0x8C, HEX.parseHex("9F02069F03069F1A0295055F2A029A039C019F3704"))
                .end()
                .build()));
    return b.build();
  }

  /** An Amex card (AID A00000002501), 15-digit PAN, PDOL asking for the terminal type. */
  public static VirtualEmvCard amex(Interface iface) {
    byte[] aid = HEX.parseHex("A00000002501");
    VirtualEmvCard.Builder b = VirtualEmvCard.builder("amex-" + name(iface));
    directory(b, iface, aid, "AMERICAN EXPRESS", 1);
    b.select(
        aid,
        ok(
            TlvBuilder.create()
                .begin(0x6F)
                .add(0x84, aid)
                .begin(0xA5)
                .add(0x50, ascii("AMERICAN EXPRESS"))
                .add(0x9F38, HEX.parseHex("9F3501"))
                .end()
                .end()
                .build()));
    b.gpo(
        aid,
        ok(
            TlvBuilder.create()
                .begin(0x77)
                .add(0x82, HEX.parseHex("1900"))
                .add(0x94, HEX.parseHex("08010200"))
                .end()
                .build()));
    b.record(
        aid,
        1,
        0x0C,
        ok(
            TlvBuilder.create()
                .begin(0x70)
                .add(0x5F20, ascii("AMEX TEST"))
                .add(0x57, HEX.parseHex("374245001751006D29032011000000000F"))
                .end()
                .build()));
    b.record(
        aid,
        2,
        0x0C,
        ok(
            TlvBuilder.create()
                .begin(0x70)
                .add(0x5A, HEX.parseHex("374245001751006F"))
                .add(0x5F24, HEX.parseHex("290331"))
                .add(0x5F34, new byte[] {0x00})
                .end()
                .build()));
    return b.build();
  }

  private static void directory(
      VirtualEmvCard.Builder b, Interface iface, byte[] aid, String label, int priority) {
    TlvBuilder entry =
        TlvBuilder.create()
            .begin(0x61)
            .add(0x4F, aid)
            .add(0x50, ascii(label))
            .add(0x87, new byte[] {(byte) priority})
            .end();
    byte[] entries = entry.build();
    if (aid[4] == 0x04) { // Mastercard cards also carry Maestro, at priority 2
      entries =
          TlvBuilder.create()
              .add(
                  0x61,
                  TlvBuilder.create()
                      .add(0x4F, HEX.parseHex("A0000000043060"))
                      .add(0x50, ascii("MAESTRO"))
                      .add(0x87, new byte[] {2})
                      .build())
              .build();
      entries = concat(entries, entry.build());
    }
    if (iface == Interface.CONTACTLESS) {
      b.select(
          PPSE,
          ok(
              TlvBuilder.create()
                  .begin(0x6F)
                  .add(0x84, PPSE)
                  .begin(0xA5)
                  .add(0xBF0C, entries)
                  .end()
                  .end()
                  .build()));
    } else {
      b.select(
          PSE,
          ok(
              TlvBuilder.create()
                  .begin(0x6F)
                  .add(0x84, PSE)
                  .begin(0xA5)
                  .add(0x88, new byte[] {1})
                  .end()
                  .end()
                  .build()));
      b.record(PSE, 1, 0x0C, ok(TlvBuilder.create().add(0x70, entries).build()));
    }
  }

  private static Set<String> aidDigitRuns() {
    java.util.Set<String> runs = new java.util.HashSet<>();
    java.util.List<String> aids =
        new java.util.ArrayList<>(
            io.ambientretail.payments.emv.EmvReaderConfig.defaultCandidateAids());
    aids.add("A000000025010901");
    for (String aid : aids) {
      for (String run : aid.split("[A-F]+")) {
        if (!run.isEmpty()) {
          runs.add(run);
        }
      }
    }
    return Set.copyOf(runs);
  }

  private static String name(Interface iface) {
    return iface == Interface.CONTACT ? "contact" : "contactless";
  }

  private static byte[] ok(byte[] data) {
    return concat(data, OK);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = new byte[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
