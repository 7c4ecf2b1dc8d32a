package io.ambientretail.devices.scanner;

import io.ambientretail.devices.DeviceErrors;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads GS1 Digital Link URIs ({@code https://id.gs1.org/01/09520123456788/10/ABC123?17=201225}, on
 * any domain and below any path prefix) into GS1 element strings: the primary key and its key
 * qualifiers from the path, numeric query parameters as further AIs (others, such as {@code
 * linkType}, are not AIs and are skipped). Values are percent-decoded and then checked like the
 * same AIs in a barcode.
 *
 * <p>A URI is taken for a Digital Link only when its path holds a primary key whose value has the
 * shape of that key (for {@code 01}: 8, 12, 13 or 14 digits); any other URL stays plain text.
 */
final class DigitalLinks {
  /**
   * Primary keys of the Digital Link URI syntax and the digits-only shape their value must have.
   */
  private static final List<String> PRIMARY_KEYS =
      List.of(
          "01", "00", "253", "255", "401", "402", "414", "417", "8003", "8004", "8006", "8010",
          "8013", "8017", "8018");

  private DigitalLinks() {}

  /**
   * The elements of {@code data} if it is a GS1 Digital Link URI, else null. {@code base} is the
   * offset of {@code data} in the scan line.
   *
   * @throws ScanFormatException if it is a Digital Link whose values are invalid
   */
  static @Nullable List<Gs1Element> parse(String data, int base) {
    int scheme = schemeEnd(data);
    if (scheme < 0) {
      return null;
    }
    int end = data.indexOf('#');
    if (end < 0) {
      end = data.length();
    }
    int pathStart = data.indexOf('/', scheme);
    int query = data.indexOf('?', scheme);
    if (query > end || query < 0) {
      query = end;
    }
    if (pathStart < 0 || pathStart > query) {
      return null;
    }
    List<int[]> segments = new ArrayList<>();
    int p = pathStart;
    while (p < query) {
      int next = data.indexOf('/', p + 1);
      if (next < 0 || next > query) {
        next = query;
      }
      segments.add(new int[] {p + 1, next});
      p = next;
    }
    int key = -1;
    for (int s = 0; s + 1 < segments.size(); s++) {
      String name = text(data, segments.get(s));
      if (PRIMARY_KEYS.contains(name) && looksLikeKey(name, text(data, segments.get(s + 1)))) {
        key = s;
        break;
      }
    }
    if (key < 0) {
      return null;
    }
    List<Gs1Element> out = new ArrayList<>();
    for (int s = key; s < segments.size(); s += 2) {
      int[] a = segments.get(s);
      String ai = text(data, a);
      if (s + 1 >= segments.size()) {
        throw new ScanFormatException(
            DeviceErrors.SCAN_INVALID, "Digital Link AI (" + ai + ") has no value", base + a[1]);
      }
      if (!Gs1ElementStrings.isAi(ai)) {
        throw new ScanFormatException(
            DeviceErrors.SCAN_INVALID,
            "Digital Link path segment '" + ai + "' is not an AI",
            base + a[0]);
      }
      int[] v = segments.get(s + 1);
      Gs1ElementStrings.add(out, element(ai, data, v[0], v[1], base), base + a[0]);
    }
    int q = query + 1;
    while (q < end) {
      int amp = data.indexOf('&', q);
      if (amp < 0 || amp > end) {
        amp = end;
      }
      int eq = data.indexOf('=', q);
      if (eq > q && eq < amp) {
        String name = data.substring(q, eq);
        if (Gs1ElementStrings.isAi(name)) {
          Gs1ElementStrings.add(out, element(name, data, eq + 1, amp, base), base + q);
        }
      }
      q = amp + 1;
    }
    if (out.size() > 32) {
      throw new ScanFormatException(DeviceErrors.SCAN_INVALID, "more than 32 elements", base);
    }
    return out;
  }

  private static int schemeEnd(String d) {
    if (d.regionMatches(true, 0, "https://", 0, 8)) {
      return 8;
    }
    if (d.regionMatches(true, 0, "http://", 0, 7)) {
      return 7;
    }
    return -1;
  }

  private static String text(String d, int[] seg) {
    return d.substring(seg[0], seg[1]);
  }

  private static boolean looksLikeKey(String ai, String value) {
    if (value.isEmpty()) {
      return false;
    }
    boolean digits = value.chars().allMatch(c -> c >= '0' && c <= '9');
    if (ai.equals("01")) {
      int n = value.length();
      return digits && (n == 8 || n == 12 || n == 13 || n == 14);
    }
    return true;
  }

  /** One element: the value decoded, a GTIN padded to 14 digits, checked as in a barcode. */
  private static Gs1Element element(String ai, String data, int from, int to, int base) {
    String raw = data.substring(from, to);
    String value = raw.indexOf('%') < 0 ? raw : decode(raw, base + from);
    int at = base + from;
    if (ai.equals("01")
        && value.length() < 14
        && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      int pad = 14 - value.length();
      // check the digits as sent, so an error names the offset of the digit in the line
      Gs1ElementStrings.split("01" + "0".repeat(pad) + value, at - 2 - pad);
      value = "0".repeat(pad) + value;
      return new Gs1Element(ai, value);
    }
    String elementString = ai + value;
    if (value.indexOf(Gs1ElementStrings.GS) >= 0) {
      throw new ScanFormatException(
          DeviceErrors.SCAN_INVALID, "bad character in AI (" + ai + ")", at);
    }
    List<Gs1Element> one = Gs1ElementStrings.split(elementString, at - ai.length());
    if (one.size() != 1) {
      throw new ScanFormatException(
          DeviceErrors.SCAN_INVALID,
          "AI (" + ai + ") value has " + value.length() + " characters, more than it takes",
          at);
    }
    return one.get(0);
  }

  private static String decode(String s, int at) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '%') {
        sb.append(c);
        continue;
      }
      if (i + 2 >= s.length()) {
        throw new ScanFormatException(
            DeviceErrors.SCAN_INVALID, "truncated percent-encoding", at + i);
      }
      int hi = Character.digit(s.charAt(i + 1), 16);
      int lo = Character.digit(s.charAt(i + 2), 16);
      if (hi < 0 || lo < 0) {
        throw new ScanFormatException(DeviceErrors.SCAN_INVALID, "bad percent-encoding", at + i);
      }
      sb.append((char) (hi * 16 + lo));
      i += 2;
    }
    return sb.toString();
  }
}
