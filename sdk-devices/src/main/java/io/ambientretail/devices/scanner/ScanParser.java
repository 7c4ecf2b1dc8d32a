package io.ambientretail.devices.scanner;

import io.ambientretail.core.Gtin;
import io.ambientretail.devices.DeviceErrors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parses one scanner line (prefix and suffix already removed): an optional AIM symbology identifier
 * ({@code ]E0}, {@code ]C1}, {@code ]d2}, ...), then the data. EAN/UPC and ITF-14 data becomes a
 * GTIN; GS1 symbologies are split into elements on FNC1 (sent as GS, 0x1D) using the GS1
 * application identifier table (fixed lengths, variable lengths up to their maximum); GTIN and SSCC
 * check digits and dates are validated. A code that fails any check throws: a scan with a wrong
 * GTIN is never produced.
 *
 * <p>Supported AIs: 00, 01, 02, 10, 11, 12, 13, 15, 16, 17, 20, 21, 22, 30, 37, 240, 241, 250, 251,
 * 254, 400, 401, 402, 403, 410-417, 420, 422, 310n-369n, 390n-393n, 7003, 8005, 90-99. An unknown
 * AI throws (its length cannot be known).
 *
 * <p>Immutable and thread-safe.
 */
public final class ScanParser {
  /** The default longest scan accepted: 512 bytes. */
  public static final int DEFAULT_MAX_LENGTH = 512;

  private static final char GS = 0x1D;
  private final int maxLength;

  private ScanParser(int maxLength) {
    this.maxLength = maxLength;
  }

  /** A parser with {@link #DEFAULT_MAX_LENGTH}. */
  public static ScanParser create() {
    return new ScanParser(DEFAULT_MAX_LENGTH);
  }

  /** A parser that rejects lines longer than {@code maxLength} bytes (1..65536). */
  public static ScanParser withMaxLength(int maxLength) {
    if (maxLength < 1 || maxLength > 65_536) {
      throw new IllegalArgumentException("maxLength must be 1..65536, was " + maxLength);
    }
    return new ScanParser(maxLength);
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
    Symbology sym = Symbology.UNKNOWN;
    int start = offset;
    if (line[offset] == ']') {
      if (length < 3) {
        throw new ScanFormatException(DeviceErrors.SCAN_INVALID, "truncated AIM identifier", 0);
      }
      char code = (char) (line[offset + 1] & 0xFF);
      char mod = (char) (line[offset + 2] & 0xFF);
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
      List<Gs1Element> elements = elements(data, base);
      Gtin gtin = null;
      for (Gs1Element e : elements) {
        if (e.ai().equals("01") || e.ai().equals("02")) {
          gtin = Gtin.parse(e.value());
          break;
        }
      }
      return new Scan(sym, data, gtin, elements);
    }
    if (sym == Symbology.EAN_13 || sym == Symbology.EAN_8) {
      int n = data.length();
      boolean ean8 = sym == Symbology.EAN_8;
      if (ean8 ? n != 8 : n != 13 && n != 12) {
        throw new ScanFormatException(
            DeviceErrors.SCAN_INVALID,
            sym.name() + " needs " + (ean8 ? "8" : "12 or 13") + " digits, got " + n,
            base);
      }
      Gtin g = gtin(data, base);
      return new Scan(n == 12 ? Symbology.UPC_A : sym, data, g, List.of());
    }
    if (sym == Symbology.ITF && data.length() == 14 && allDigits(data)) {
      return new Scan(sym, data, gtin(data, base), List.of());
    }
    if (sym == Symbology.UNKNOWN && allDigits(data)) {
      int n = data.length();
      if (n == 8 || n == 12 || n == 13 || n == 14) {
        return new Scan(sym, data, gtin(data, base), List.of());
      }
    }
    return new Scan(sym, data, null, List.of());
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

  private static void checkDigit(String digits, int base, String what) {
    int n = digits.length();
    int sum = 0;
    for (int i = n - 2, w = 3; i >= 0; i--, w = 4 - w) {
      sum += (digits.charAt(i) - '0') * w;
    }
    int expected = (10 - sum % 10) % 10;
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
    List<Gs1Element> out = new ArrayList<>(4);
    int i = 0;
    int n = s.length();
    while (i < n && s.charAt(i) == GS) {
      i++; // FNC1 in first position, when the scanner sends it
    }
    if (i == n) {
      throw new ScanFormatException(DeviceErrors.SCAN_INVALID, "empty GS1 element string", base);
    }
    while (i < n) {
      int aiLength = aiLength(s, i, base);
      String ai = s.substring(i, i + aiLength);
      int[] spec = spec(ai);
      int fixed = spec[0];
      int maxLen = spec[1];
      boolean numeric = spec[2] == 1;
      int valueStart = i + aiLength;
      int valueEnd;
      if (fixed > 0) {
        valueEnd = valueStart + fixed;
        if (valueEnd > n) {
          throw new ScanFormatException(
              DeviceErrors.SCAN_INVALID,
              "AI (" + ai + ") needs " + fixed + " characters, " + (n - valueStart) + " left",
              base + valueStart);
        }
      } else {
        int gs = s.indexOf(GS, valueStart);
        valueEnd = gs < 0 ? n : gs;
        if (valueEnd - valueStart > maxLen) {
          throw new ScanFormatException(
              DeviceErrors.SCAN_INVALID,
              "AI (" + ai + ") value longer than " + maxLen + " (missing FNC1 separator?)",
              base + valueStart + maxLen);
        }
      }
      if (valueEnd == valueStart) {
        throw new ScanFormatException(
            DeviceErrors.SCAN_INVALID, "AI (" + ai + ") has no value", base + valueStart);
      }
      for (int k = valueStart; k < valueEnd; k++) {
        char c = s.charAt(k);
        if (c == GS || numeric && (c < '0' || c > '9') || c < 0x21 || c > 0x7E) {
          throw new ScanFormatException(
              DeviceErrors.SCAN_INVALID, "bad character in AI (" + ai + ")", base + k);
        }
      }
      String value = s.substring(valueStart, valueEnd);
      validate(ai, value, base + valueStart);
      out.add(new Gs1Element(ai, value));
      i = valueEnd;
      if (i < n && s.charAt(i) == GS) {
        i++;
        if (i == n) {
          break; // a trailing FNC1 is harmless
        }
      }
      if (out.size() > 32) {
        throw new ScanFormatException(DeviceErrors.SCAN_INVALID, "more than 32 elements", base + i);
      }
    }
    return out;
  }

  private static int aiLength(String s, int i, int base) {
    if (i + 2 > s.length()) {
      throw new ScanFormatException(DeviceErrors.SCAN_INVALID, "truncated AI", base + i);
    }
    char a = s.charAt(i);
    char b = s.charAt(i + 1);
    if (a < '0' || a > '9' || b < '0' || b > '9') {
      throw new ScanFormatException(DeviceErrors.SCAN_INVALID, "AI must be digits", base + i);
    }
    int two = (a - '0') * 10 + (b - '0');
    int len;
    if (two <= 30 || two == 37 || two >= 90) {
      len = two == 23 || two == 24 || two == 25 ? 3 : 2;
    } else if (two >= 31 && two <= 39 || two == 70 || two == 80) {
      len = 4;
    } else if (two >= 40 && two <= 42) {
      len = 3;
    } else {
      throw new ScanFormatException(
          DeviceErrors.SCAN_INVALID, "unsupported AI starting " + a + b, base + i);
    }
    if (i + len > s.length()) {
      throw new ScanFormatException(DeviceErrors.SCAN_INVALID, "truncated AI", base + i);
    }
    for (int k = i + 2; k < i + len; k++) {
      char c = s.charAt(k);
      if (c < '0' || c > '9') {
        throw new ScanFormatException(DeviceErrors.SCAN_INVALID, "AI must be digits", base + k);
      }
    }
    return len;
  }

  /** {fixed length or 0, max length, numeric}. */
  private static int[] spec(String ai) {
    switch (ai) {
      case "00":
        return new int[] {18, 18, 1};
      case "01":
      case "02":
        return new int[] {14, 14, 1};
      case "11":
      case "12":
      case "13":
      case "15":
      case "16":
      case "17":
        return new int[] {6, 6, 1};
      case "20":
        return new int[] {2, 2, 1};
      case "10":
      case "21":
      case "22":
      case "254":
      case "420":
        return new int[] {0, 20, 0};
      case "30":
      case "37":
        return new int[] {0, 8, 1};
      case "240":
      case "241":
      case "250":
      case "251":
      case "400":
      case "401":
      case "403":
        return new int[] {0, 30, 0};
      case "402":
        return new int[] {17, 17, 1};
      case "422":
        return new int[] {3, 3, 1};
      case "7003":
        return new int[] {10, 10, 1};
      case "8005":
        return new int[] {6, 6, 1};
      default:
        break;
    }
    if (ai.length() == 3 && ai.startsWith("41") && ai.charAt(2) <= '7') {
      return new int[] {13, 13, 1};
    }
    if (ai.length() == 4 && ai.charAt(0) == '3') {
      int group = (ai.charAt(1) - '0') * 10 + (ai.charAt(2) - '0');
      if (group >= 10 && group <= 69) {
        return new int[] {6, 6, 1};
      }
      if (group == 90 || group == 92) {
        return new int[] {0, 15, 1};
      }
      if (group == 91 || group == 93) {
        return new int[] {0, 18, 1};
      }
    }
    if (ai.length() == 2 && ai.charAt(0) == '9') {
      return new int[] {0, ai.equals("90") ? 30 : 90, 0};
    }
    throw new ScanFormatException(DeviceErrors.SCAN_INVALID, "unsupported AI (" + ai + ")", 0);
  }

  private static void validate(String ai, String value, int at) {
    switch (ai) {
      case "00":
        checkDigit(value, at, "SSCC");
        break;
      case "01":
      case "02":
        checkDigit(value, at, "GTIN");
        break;
      case "11":
      case "12":
      case "13":
      case "15":
      case "16":
      case "17":
        int month = (value.charAt(2) - '0') * 10 + (value.charAt(3) - '0');
        int day = (value.charAt(4) - '0') * 10 + (value.charAt(5) - '0');
        if (month < 1 || month > 12 || day > 31) {
          throw new ScanFormatException(
              DeviceErrors.SCAN_INVALID, "AI (" + ai + ") is not a YYMMDD date", at);
        }
        break;
      default:
        if (ai.length() == 4 && ai.charAt(0) == '3' && ai.charAt(3) > '6' && !ai.startsWith("39")) {
          throw new ScanFormatException(
              DeviceErrors.SCAN_INVALID, "AI (" + ai + ") has more than 6 decimals", at - 1);
        }
        if ((ai.startsWith("391") || ai.startsWith("393")) && value.length() < 4) {
          throw new ScanFormatException(
              DeviceErrors.SCAN_INVALID, "AI (" + ai + ") needs a currency code and an amount", at);
        }
        break;
    }
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
}
