package io.ambientretail.devices.scanner;

import io.ambientretail.devices.DeviceErrors;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits and checks GS1 element strings by the rules of the GS1 General Specifications: an AI's
 * length follows from its first two digits, the data length of AIs in the predefined-length table
 * (00-04, 11-20, 31-36, 41) is fixed and every other AI's data runs to the next FNC1 (GS) or the
 * end. AIs we know in detail are also checked for their format (numeric, length, check digit,
 * YYMMDD date); an AI we do not know is kept with its data as sent, so a new AI never refuses the
 * whole scan. Every error names its offset in the scan line.
 */
final class Gs1ElementStrings {
  static final char GS = 0x1D;

  /** The most data characters any AI carries. */
  private static final int MAX_VALUE = 90;

  /** AI length by its first two digits; 0 for prefixes no AI starts with. */
  private static final byte[] AI_LENGTH = new byte[100];

  /** Predefined data length by the AI's first two digits; 0 when the data needs an FNC1. */
  private static final byte[] PREDEFINED = new byte[100];

  static {
    for (int p = 0; p <= 4; p++) {
      AI_LENGTH[p] = 2;
    }
    for (int p = 10; p <= 22; p++) {
      AI_LENGTH[p] = 2;
    }
    AI_LENGTH[23] = 3;
    AI_LENGTH[24] = 3;
    AI_LENGTH[25] = 3;
    AI_LENGTH[30] = 2;
    for (int p = 31; p <= 36; p++) {
      AI_LENGTH[p] = 4;
      PREDEFINED[p] = 6;
    }
    AI_LENGTH[37] = 2;
    AI_LENGTH[39] = 4;
    AI_LENGTH[40] = 3;
    AI_LENGTH[41] = 3;
    AI_LENGTH[42] = 3;
    AI_LENGTH[43] = 4;
    AI_LENGTH[70] = 4;
    AI_LENGTH[71] = 3;
    AI_LENGTH[72] = 4;
    AI_LENGTH[80] = 4;
    AI_LENGTH[81] = 4;
    AI_LENGTH[82] = 4;
    for (int p = 90; p <= 99; p++) {
      AI_LENGTH[p] = 2;
    }
    PREDEFINED[0] = 18;
    PREDEFINED[1] = 14;
    PREDEFINED[2] = 14;
    PREDEFINED[3] = 14;
    PREDEFINED[4] = 16;
    for (int p = 11; p <= 19; p++) {
      PREDEFINED[p] = 6;
    }
    PREDEFINED[20] = 2;
    PREDEFINED[41] = 13;
  }

  /** What we check of a known AI's data. */
  private enum Check {
    NONE,
    MOD10,
    DATE,
    DATE_TIME,
    DECIMALS,
    CURRENCY_AMOUNT
  }

  /** A known AI's format: data length min..max, numeric or not, and what else to check. */
  private record Format(int min, int max, boolean numeric, Check check) {
    boolean fixed() {
      return min == max;
    }
  }

  private static final Format GENERIC = new Format(1, MAX_VALUE, false, Check.NONE);

  private Gs1ElementStrings() {}

  /** True when {@code ai} is a syntactically possible AI (its length fits its first two digits). */
  static boolean isAi(String ai) {
    if (ai.length() < 2 || ai.length() > 4) {
      return false;
    }
    for (int i = 0; i < ai.length(); i++) {
      char c = ai.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return AI_LENGTH[(ai.charAt(0) - '0') * 10 + (ai.charAt(1) - '0')] == ai.length();
  }

  /**
   * Splits an element string; {@code base} is the offset of {@code s} in the scan line.
   *
   * @throws ScanFormatException naming the offset in the line
   */
  static List<Gs1Element> split(String s, int base) {
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
      if (out.size() == 32) {
        throw new ScanFormatException(DeviceErrors.SCAN_INVALID, "more than 32 elements", base + i);
      }
      int aiLength = aiLength(s, i, base);
      String ai = s.substring(i, i + aiLength);
      Format f = format(ai);
      int two = (ai.charAt(0) - '0') * 10 + (ai.charAt(1) - '0');
      int fixed = f != null ? (f.fixed() ? f.max() : 0) : PREDEFINED[two];
      int max = f != null ? f.max() : fixed > 0 ? fixed : MAX_VALUE;
      int valueStart = i + aiLength;
      int valueEnd;
      if (fixed > 0) {
        valueEnd = valueStart + fixed;
        if (valueEnd > n
            || s.indexOf(GS, valueStart) >= 0 && s.indexOf(GS, valueStart) < valueEnd) {
          int left = Math.min(n, gsOrEnd(s, valueStart)) - valueStart;
          throw new ScanFormatException(
              DeviceErrors.SCAN_INVALID,
              "AI (" + ai + ") needs " + fixed + " characters, " + left + " left",
              base + valueStart);
        }
      } else {
        valueEnd = gsOrEnd(s, valueStart);
        if (valueEnd - valueStart > max) {
          throw new ScanFormatException(
              DeviceErrors.SCAN_INVALID,
              "AI (" + ai + ") value longer than " + max + " (missing FNC1 separator?)",
              base + valueStart + max);
        }
      }
      String value = s.substring(valueStart, valueEnd);
      check(ai, value, base + valueStart, f);
      add(out, new Gs1Element(ai, value), base + i);
      i = valueEnd;
      if (i < n && s.charAt(i) == GS) {
        i++; // a trailing FNC1 is harmless
      }
    }
    return out;
  }

  /**
   * Adds an element, refusing what the GS1 rules forbid in one element string: the same AI twice
   * with different data, and (01) with (02), so a code never carries two GTINs.
   */
  static void add(List<Gs1Element> out, Gs1Element e, int at) {
    for (Gs1Element o : out) {
      if (o.ai().equals(e.ai()) && !o.value().equals(e.value())) {
        throw new ScanFormatException(
            DeviceErrors.SCAN_INVALID, "AI (" + e.ai() + ") given twice with different data", at);
      }
      if (o.ai().equals("01") && e.ai().equals("02")
          || o.ai().equals("02") && e.ai().equals("01")) {
        throw new ScanFormatException(
            DeviceErrors.SCAN_INVALID, "AIs (01) and (02) cannot be in one element string", at);
      }
    }
    out.add(e);
  }

  private static int gsOrEnd(String s, int from) {
    int gs = s.indexOf(GS, from);
    return gs < 0 ? s.length() : gs;
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
    int len = AI_LENGTH[(a - '0') * 10 + (b - '0')];
    if (len == 0) {
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

  /** The format of an AI we know in detail, or null (then the generic rules apply). */
  private static Format format(String ai) {
    switch (ai) {
      case "00":
        return new Format(18, 18, true, Check.MOD10);
      case "01":
      case "02":
      case "03":
        return new Format(14, 14, true, Check.MOD10);
      case "11":
      case "12":
      case "13":
      case "15":
      case "16":
      case "17":
        return new Format(6, 6, true, Check.DATE);
      case "20":
        return new Format(2, 2, true, Check.NONE);
      case "10":
      case "21":
      case "22":
      case "243":
      case "254":
      case "420":
        return new Format(1, 20, false, Check.NONE);
      case "30":
      case "37":
        return new Format(1, 8, true, Check.NONE);
      case "240":
      case "241":
      case "250":
      case "251":
      case "400":
      case "401":
      case "403":
        return new Format(1, 30, false, Check.NONE);
      case "402":
        return new Format(17, 17, true, Check.MOD10);
      case "422":
      case "424":
      case "426":
        return new Format(3, 3, true, Check.NONE);
      case "7003":
        return new Format(10, 10, true, Check.DATE_TIME);
      case "7006":
        return new Format(6, 6, true, Check.DATE);
      case "7007":
        return new Format(6, 12, true, Check.DATE);
      case "8005":
        return new Format(6, 6, true, Check.NONE);
      case "8008":
        return new Format(8, 12, true, Check.DATE_TIME);
      case "8200":
        return new Format(1, 70, false, Check.NONE);
      default:
        break;
    }
    if (ai.length() == 3 && ai.startsWith("41") && ai.charAt(2) <= '7') {
      return new Format(13, 13, true, Check.MOD10);
    }
    if (ai.length() == 4 && ai.charAt(0) == '3') {
      int group = (ai.charAt(1) - '0') * 10 + (ai.charAt(2) - '0');
      if (group >= 10 && group <= 69) {
        return new Format(6, 6, true, Check.DECIMALS);
      }
      if (group == 90 || group == 92) {
        return new Format(1, 15, true, Check.DECIMALS);
      }
      if (group == 91 || group == 93) {
        return new Format(4, 18, true, Check.CURRENCY_AMOUNT);
      }
    }
    if (ai.length() == 2 && ai.charAt(0) == '9') {
      return new Format(1, ai.equals("90") ? 30 : 90, false, Check.NONE);
    }
    return null;
  }

  /** Checks the characters and, for a known AI, its format. {@code at} is the value's offset. */
  private static void check(String ai, String value, int at, Format known) {
    Format f = known == null ? GENERIC : known;
    if (value.isEmpty()) {
      throw new ScanFormatException(DeviceErrors.SCAN_INVALID, "AI (" + ai + ") has no value", at);
    }
    for (int k = 0; k < value.length(); k++) {
      char c = value.charAt(k);
      if (f.numeric() && (c < '0' || c > '9') || c < 0x21 || c > 0x7E) {
        throw new ScanFormatException(
            DeviceErrors.SCAN_INVALID, "bad character in AI (" + ai + ")", at + k);
      }
    }
    if (value.length() < f.min()) {
      throw new ScanFormatException(
          DeviceErrors.SCAN_INVALID,
          "AI (" + ai + ") needs at least " + f.min() + " characters, got " + value.length(),
          at);
    }
    switch (f.check()) {
      case MOD10:
        ScanParser.checkDigit(
            value,
            at,
            ai.equals("00")
                ? "SSCC"
                : ai.equals("01") || ai.equals("02") ? "GTIN" : "AI (" + ai + ")");
        break;
      case DATE:
      case DATE_TIME:
        checkDate(ai, value, at);
        break;
      case DECIMALS:
        if (ai.charAt(3) > '6' && !ai.startsWith("39")) {
          throw new ScanFormatException(
              DeviceErrors.SCAN_INVALID, "AI (" + ai + ") has more than 6 decimals", at - 1);
        }
        break;
      default:
        break;
    }
  }

  private static void checkDate(String ai, String value, int at) {
    int month = (value.charAt(2) - '0') * 10 + (value.charAt(3) - '0');
    int day = (value.charAt(4) - '0') * 10 + (value.charAt(5) - '0');
    if (month < 1 || month > 12 || day > 31) {
      throw new ScanFormatException(
          DeviceErrors.SCAN_INVALID, "AI (" + ai + ") is not a YYMMDD date", at);
    }
    if (value.length() >= 8) {
      int hour = (value.charAt(6) - '0') * 10 + (value.charAt(7) - '0');
      if (hour > 23) {
        throw new ScanFormatException(
            DeviceErrors.SCAN_INVALID, "AI (" + ai + ") hour is " + hour, at + 6);
      }
    }
  }
}
