package io.ambientretail.devices.scanner;

import io.ambientretail.core.Gtin;
import io.ambientretail.devices.DeviceErrors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Parses one scanner line (prefix and suffix already removed): an optional AIM symbology identifier
 * ({@code ]E0}, {@code ]C1}, {@code ]d2}, ...), then the data. A code that fails any check throws:
 * a scan with a wrong GTIN is never produced.
 *
 * <ul>
 *   <li>EAN/UPC ({@code ]E0}: 13 digits EAN-13, 12 UPC-A, 8 UPC-E; {@code ]E4} EAN-8; {@code ]E3}
 *       the code with its 2- or 5-digit add-on, kept in {@link Scan#addOn()}; {@code ]E1}/{@code
 *       ]E2} an add-on alone). UPC-E is expanded to its UPC-A GTIN by the zero-suppression rules of
 *       the GS1 General Specifications: {@code 01234565} is {@code 00012345000065}.
 *   <li>Without an AIM identifier, 8, 12, 13 or 14 digits are a GTIN; 8 digits starting with 0
 *       whose UPC-E check digit holds are UPC-E (a GS1-8 code starting with 0 is a
 *       restricted-circulation number, never a trade item), other 8 digits EAN-8.
 *   <li>ITF with 14 digits is an ITF-14 GTIN.
 *   <li>GS1 symbologies are split into elements on FNC1 (sent as GS, 0x1D) by the GS1 rules: an
 *       AI's length from its first two digits, fixed data lengths from the predefined-length table,
 *       every other AI to the next FNC1. AIs we know are checked (check digits, dates, numeric,
 *       lengths); others (such as 8008 before we knew it) are kept as sent.
 *   <li>A GS1 Digital Link URI ({@code https://id.gs1.org/01/09520123456788/10/ABC123?17=201225},
 *       any domain) in any symbology gives its GTIN and elements too.
 *   <li>With {@link EmbeddedCodeRule}s configured, an EAN-13 with a covered prefix (20-29) also
 *       gives the item and its embedded price or weight ({@link Scan#embedded()}).
 * </ul>
 *
 * <p>Every error is a {@link ScanFormatException} naming the offset in the line where it went
 * wrong. Immutable and thread-safe.
 */
public final class ScanParser {
  /** The default longest scan accepted: 512 bytes. */
  public static final int DEFAULT_MAX_LENGTH = 512;

  private static final char GS = Gs1ElementStrings.GS;
  private final int maxLength;
  private final List<EmbeddedCodeRule> embedded;

  private ScanParser(int maxLength, List<EmbeddedCodeRule> embedded) {
    this.maxLength = maxLength;
    this.embedded = List.copyOf(embedded);
  }

  /** A parser with {@link #DEFAULT_MAX_LENGTH} and no embedded-code rules. */
  public static ScanParser create() {
    return new ScanParser(DEFAULT_MAX_LENGTH, List.of());
  }

  /** A parser that rejects lines longer than {@code maxLength} bytes (1..65536). */
  public static ScanParser withMaxLength(int maxLength) {
    return builder().maxLength(maxLength).build();
  }

  /** A builder, for the length limit and embedded price/weight rules. */
  public static Builder builder() {
    return new Builder();
  }

  /** Parses the text of a scan line. */
  public Scan parse(String line) {
    byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
    return parse(b, 0, b.length);
  }

  /**
   * Parses {@code length} bytes of {@code line} from {@code offset}.
   *
   * @throws ScanFormatException with {@code SCAN_CHECK_DIGIT} or {@code SCAN_INVALID} and the
   *     offset where the line went wrong
   */
  public Scan parse(byte[] line, int offset, int length) {
    if (length == 0) {
      throw new ScanFormatException(DeviceErrors.SCAN_INVALID, "empty scan", 0);
    }
    if (length > maxLength) {
      throw new ScanFormatException(
          DeviceErrors.SCAN_INVALID,
          "scan of " + length + " bytes exceeds the limit of " + maxLength,
          maxLength);
    }
    char code = 0;
    char mod = 0;
    Symbology sym = Symbology.UNKNOWN;
    int start = offset;
    if (line[offset] == ']') {
      if (length < 3) {
        throw new ScanFormatException(DeviceErrors.SCAN_INVALID, "truncated AIM identifier", 0);
      }
      code = (char) (line[offset + 1] & 0xFF);
      mod = (char) (line[offset + 2] & 0xFF);
      if (!Character.isLetter(code) || mod < '0' || mod > 'z' || code > 'z') {
        throw new ScanFormatException(DeviceErrors.SCAN_INVALID, "bad AIM identifier", 1);
      }
      sym = Symbology.ofAim(code, mod);
      start = offset + 3;
    }
    int end = offset + length;
    int base = start - offset;
    for (int i = start; i < end; i++) {
      int c = line[i] & 0xFF;
      if (c < 0x20 && c != GS || c == 0x7F) {
        throw new ScanFormatException(
            DeviceErrors.SCAN_INVALID,
            "control byte 0x" + Integer.toHexString(c) + " in data",
            i - offset);
      }
    }
    String data = new String(line, start, end - start, StandardCharsets.ISO_8859_1);
    if (sym.isGs1()) {
      List<Gs1Element> elements = Gs1ElementStrings.split(data, base);
      return new Scan(sym, data, gtinOf(elements), elements, "", null);
    }
    if (code == 'E') {
      return eanUpc(mod, data, base);
    }
    if (sym == Symbology.ITF && data.length() == 14 && allDigits(data)) {
      return new Scan(sym, data, gtin(data, base), List.of(), "", null);
    }
    if (sym == Symbology.UNKNOWN && allDigits(data)) {
      int n = data.length();
      if (n == 8 && data.charAt(0) == '0' && upcECheckHolds(data)) {
        return eanUpcScan(Symbology.UPC_E, data, upcE(data, base), "");
      }
      if (n == 8 || n == 12 || n == 13 || n == 14) {
        return eanUpcScan(sym, data, gtin(data, base), "");
      }
    }
    if (data.length() > 10 && (data.charAt(0) == 'h' || data.charAt(0) == 'H')) {
      List<Gs1Element> elements = DigitalLinks.parse(data, base);
      if (elements != null) {
        return new Scan(sym, data, gtinOf(elements), elements, "", null);
      }
    }
    return new Scan(sym, data, null, List.of(), "", null);
  }

  private static @Nullable Gtin gtinOf(List<Gs1Element> elements) {
    for (Gs1Element e : elements) {
      if (e.ai().equals("01") || e.ai().equals("02")) {
        return Gtin.parse(e.value());
      }
    }
    return null;
  }

  /** EAN/UPC by AIM modifier: 0 the code alone, 1/2 an add-on alone, 3 code and add-on, 4 EAN-8. */
  private Scan eanUpc(char mod, String data, int base) {
    int n = data.length();
    if (!allDigits(data)) {
      for (int i = 0; i < n; i++) {
        if (data.charAt(i) < '0' || data.charAt(i) > '9') {
          throw new ScanFormatException(
              DeviceErrors.SCAN_INVALID, "non-digit in an EAN/UPC code", base + i);
        }
      }
      throw new ScanFormatException(DeviceErrors.SCAN_INVALID, "empty EAN/UPC code", base);
    }
    switch (mod) {
      case '4':
        if (n != 8) {
          throw new ScanFormatException(
              DeviceErrors.SCAN_INVALID, "EAN-8 needs 8 digits, got " + n, base);
        }
        return eanUpcScan(Symbology.EAN_8, data, gtin(data, base), "");
      case '1':
      case '2':
        if (n != (mod == '1' ? 2 : 5)) {
          throw new ScanFormatException(
              DeviceErrors.SCAN_INVALID,
              "an add-on alone (]E" + mod + ") has " + (mod == '1' ? 2 : 5) + " digits, got " + n,
              base);
        }
        return new Scan(Symbology.EAN_ADD_ON, data, null, List.of(), data, null);
      case '3':
        int main;
        if (n == 15 || n == 18) {
          main = 13;
        } else if (n == 14 || n == 17) {
          main = 12;
        } else if (n == 10 || n == 13) {
          main = 8;
        } else {
          throw new ScanFormatException(
              DeviceErrors.SCAN_INVALID,
              "]E3 needs an EAN-13, UPC-A or UPC-E code and a 2- or 5-digit add-on, got "
                  + n
                  + " digits",
              base);
        }
        String code = data.substring(0, main);
        String addOn = data.substring(main);
        if (main == 8) {
          return eanUpcScan(Symbology.UPC_E, data, upcE(code, base), addOn);
        }
        return eanUpcScan(
            main == 12 ? Symbology.UPC_A : Symbology.EAN_13, data, gtin(code, base), addOn);
      default:
        if (n == 8) {
          return eanUpcScan(Symbology.UPC_E, data, upcE(data, base), "");
        }
        if (n != 13 && n != 12) {
          throw new ScanFormatException(
              DeviceErrors.SCAN_INVALID,
              "EAN-13 needs 13 digits (UPC-A 12, UPC-E 8), got " + n,
              base);
        }
        return eanUpcScan(n == 12 ? Symbology.UPC_A : Symbology.EAN_13, data, gtin(data, base), "");
    }
  }

  private Scan eanUpcScan(Symbology sym, String data, Gtin gtin, String addOn) {
    EmbeddedValue value = null;
    String d14 = gtin.digits14();
    if (!embedded.isEmpty()
        && d14.charAt(0) == '0'
        && (d14.charAt(1) != '0' || d14.charAt(2) == '2' || d14.charAt(2) == '4')) {
      String d13 = d14.substring(1);
      for (EmbeddedCodeRule r : embedded) {
        if (r.covers(d13)) {
          value = r.read(d13);
          break;
        }
      }
    }
    return new Scan(sym, data, gtin, List.of(), addOn, value);
  }

  /** True when 8 digits read as UPC-E have a valid check digit. */
  private static boolean upcECheckHolds(String eight) {
    String upcA = expandUpcE(eight);
    return checkDigitOf(upcA.substring(0, 11)) == upcA.charAt(11) - '0';
  }

  /** The GTIN of an 8-digit UPC-E code (number system, six digits, check digit). */
  private static Gtin upcE(String eight, int base) {
    char ns = eight.charAt(0);
    if (ns != '0' && ns != '1') {
      throw new ScanFormatException(
          DeviceErrors.SCAN_INVALID, "UPC-E number system must be 0 or 1, was " + ns, base);
    }
    String upcA = expandUpcE(eight);
    int expected = checkDigitOf(upcA.substring(0, 11));
    int actual = eight.charAt(7) - '0';
    if (expected != actual) {
      throw new ScanFormatException(
          DeviceErrors.SCAN_CHECK_DIGIT,
          "UPC-E check digit is " + actual + ", expected " + expected,
          base + 7);
    }
    return Gtin.parse(upcA);
  }

  /**
   * UPC-E to UPC-A (GS1 General Specifications, zero suppression): by the sixth digit, 0-2 keep two
   * manufacturer digits and it, 3 keeps three, 4 keeps four, 5-9 keep five and it ends the item
   * reference.
   */
  private static String expandUpcE(String e) {
    char ns = e.charAt(0);
    String m = e.substring(1, 7);
    char last = m.charAt(5);
    String body;
    switch (last) {
      case '0':
      case '1':
      case '2':
        body = m.substring(0, 2) + last + "0000" + m.substring(2, 5);
        break;
      case '3':
        body = m.substring(0, 3) + "00000" + m.substring(3, 5);
        break;
      case '4':
        body = m.substring(0, 4) + "00000" + m.charAt(4);
        break;
      default:
        body = m.substring(0, 5) + "0000" + last;
        break;
    }
    return ns + body + e.charAt(7);
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return !s.isEmpty();
  }

  private static Gtin gtin(String digits, int base) {
    int n = digits.length();
    for (int i = 0; i < n; i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        throw new ScanFormatException(DeviceErrors.SCAN_INVALID, "non-digit in GTIN", base + i);
      }
    }
    checkDigit(digits, base, "GTIN");
    return Gtin.parse(digits);
  }

  /** The GS1 mod-10 check digit of {@code digits} (all of them, none being a check digit). */
  static int checkDigitOf(String digits) {
    int sum = 0;
    for (int i = digits.length() - 1, w = 3; i >= 0; i--, w = 4 - w) {
      sum += (digits.charAt(i) - '0') * w;
    }
    return (10 - sum % 10) % 10;
  }

  static void checkDigit(String digits, int base, String what) {
    int n = digits.length();
    int expected = checkDigitOf(digits.substring(0, n - 1));
    int actual = digits.charAt(n - 1) - '0';
    if (expected != actual) {
      throw new ScanFormatException(
          DeviceErrors.SCAN_CHECK_DIGIT,
          what + " check digit is " + actual + ", expected " + expected,
          base + n - 1);
    }
  }

  /** Splits a GS1 element string; {@code base} is the offset of {@code s} in the line. */
  static List<Gs1Element> elements(String s, int base) {
    return Gs1ElementStrings.split(s, base);
  }

  /** Returns the element with {@code ai}, or null. */
  public static @Nullable Gs1Element find(List<Gs1Element> elements, String ai) {
    for (Gs1Element e : elements) {
      if (e.ai().equals(ai)) {
        return e;
      }
    }
    return null;
  }

  /** Builds a {@link ScanParser}; not thread-safe. */
  public static final class Builder {
    private int maxLength = DEFAULT_MAX_LENGTH;
    private final List<EmbeddedCodeRule> embedded = new ArrayList<>();

    private Builder() {}

    /** Rejects lines longer than {@code maxLength} bytes (1..65536; default 512). */
    public Builder maxLength(int maxLength) {
      if (maxLength < 1 || maxLength > 65_536) {
        throw new IllegalArgumentException("maxLength must be 1..65536, was " + maxLength);
      }
      this.maxLength = maxLength;
      return this;
    }

    /** Adds a rule for embedded price or weight codes; the first rule covering a code wins. */
    public Builder embedded(EmbeddedCodeRule rule) {
      embedded.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Builds the parser. */
    public ScanParser build() {
      return new ScanParser(maxLength, embedded);
    }
  }
}
