package io.ambientretail.payments.tokenize;

import io.ambientretail.payments.internal.Luhn;
import java.lang.System.Logger.Level;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A primary account number (card number) held as a secret: {@link #toString()}, logs and exception
 * messages only ever show the masked form ({@link #masked()}: at most the first 6 and last 4
 * digits, fewer for short PANs), equality is checked in constant time, and {@link #close()} zeroes
 * the digits.
 *
 * <pre>{@code
 * try (Pan pan = Pan.parse(digits)) {
 *   CardToken token = tokenizer.tokenize(pan);
 * }
 * }</pre>
 *
 * <p>Security: no method returns the digits as a {@code String} except {@link
 * #revealDigits(String)}, which says why in its argument and writes an audit record (masked) to the
 * {@code io.ambientretail.payments.audit} {@link System.Logger}; grep for {@code revealDigits} to
 * find every place a full PAN leaves this type. Tokenization and fingerprinting read the digits
 * inside this package without making a {@code String}.
 *
 * <p>Thread-safe for reads; closing while another thread reads is a caller error. Any use after
 * {@link #close()} throws {@link IllegalStateException}.
 */
public final class Pan implements AutoCloseable {
  private static final System.Logger AUDIT = System.getLogger("io.ambientretail.payments.audit");

  /** The shortest PAN accepted (ISO/IEC 7812 allows 8; card schemes issue 12 and more). */
  public static final int MIN_LENGTH = 12;

  /** The longest PAN accepted. */
  public static final int MAX_LENGTH = 19;

  private final byte[] digits; // values 0..9
  private volatile boolean closed;

  private Pan(byte[] digits) {
    this.digits = digits;
  }

  /**
   * A PAN from its decimal digits (no spaces).
   *
   * @throws TokenizationException ({@code PAN_FORMAT}) for a non-digit or a length outside 12..19;
   *     the message names the position, never the digits
   */
  public static Pan parse(CharSequence text) {
    Objects.requireNonNull(text, "text");
    checkLength(text.length());
    byte[] d = new byte[text.length()];
    for (int i = 0; i < d.length; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        Arrays.fill(d, (byte) 0);
        throw new TokenizationException(
            TokenizationException.PAN_FORMAT, "PAN has a non-digit at position " + i);
      }
      d[i] = (byte) (c - '0');
    }
    return new Pan(d);
  }

  /**
   * A PAN from packed BCD as EMV tag 5A holds it: two digits a byte, padded with trailing {@code F}
   * nibbles.
   *
   * @throws TokenizationException ({@code PAN_FORMAT}) for a nibble that is neither a digit nor
   *     trailing padding, or a length outside 12..19
   */
  public static Pan fromBcd(byte[] bcd, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bcd.length);
    byte[] d = new byte[Math.min(length * 2, MAX_LENGTH + 1)];
    int n = 0;
    boolean padding = false;
    for (int i = 0; i < length * 2; i++) {
      int nib = (bcd[offset + i / 2] >> ((i & 1) == 0 ? 4 : 0)) & 0xF;
      if (nib == 0xF) {
        padding = true;
        continue;
      }
      if (nib > 9 || padding) {
        Arrays.fill(d, (byte) 0);
        throw new TokenizationException(
            TokenizationException.PAN_FORMAT, "PAN BCD has a bad nibble at digit " + i);
      }
      if (n == d.length) {
        Arrays.fill(d, (byte) 0);
        throw new TokenizationException(
            TokenizationException.PAN_FORMAT, "PAN is longer than " + MAX_LENGTH + " digits");
      }
      d[n++] = (byte) nib;
    }
    try {
      checkLength(n);
      return new Pan(Arrays.copyOf(d, n));
    } finally {
      Arrays.fill(d, (byte) 0);
    }
  }

  /**
   * A PAN from ASCII digits in {@code ascii[offset, offset + length)}, e.g. from track 1 data.
   *
   * @throws TokenizationException ({@code PAN_FORMAT}) for a non-digit or a bad length
   */
  public static Pan fromAscii(byte[] ascii, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, ascii.length);
    checkLength(length);
    byte[] d = new byte[length];
    for (int i = 0; i < length; i++) {
      int c = ascii[offset + i];
      if (c < '0' || c > '9') {
        Arrays.fill(d, (byte) 0);
        throw new TokenizationException(
            TokenizationException.PAN_FORMAT, "PAN has a non-digit at position " + i);
      }
      d[i] = (byte) (c - '0');
    }
    return new Pan(d);
  }

  /** A PAN from digit values 0..9 (copied); for package use by token and fingerprint code. */
  static Pan ofDigitValues(byte[] values) {
    checkLength(values.length);
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0 || values[i] > 9) {
        throw new TokenizationException(
            TokenizationException.PAN_FORMAT, "PAN has a non-digit at position " + i);
      }
    }
    return new Pan(values.clone());
  }

  private static void checkLength(int n) {
    if (n < MIN_LENGTH || n > MAX_LENGTH) {
      throw new TokenizationException(
          TokenizationException.PAN_FORMAT,
          "PAN has " + n + " digits; expected " + MIN_LENGTH + ".." + MAX_LENGTH);
    }
  }

  /** The number of digits. */
  public int length() {
    check();
    return digits.length;
  }

  /** The first {@code n} digits (the BIN/IIN), {@code n} at most 8. */
  public String prefix(int n) {
    check();
    if (n < 0 || n > 8) {
      throw new IllegalArgumentException("prefix length must be 0..8, was " + n);
    }
    return text(0, n);
  }

  /** The last four digits. */
  public String last4() {
    check();
    return text(digits.length - 4, digits.length);
  }

  /**
   * The masked form shown everywhere, within what PCI DSS (requirement 3.4.1) allows to display:
   * never more than the first 6 and the last 4 digits, and always at least {@value #MIN_HIDDEN}
   * digits hidden, so a short PAN shows fewer leading digits: {@code 476173******0119} (16 digits),
   * {@code 371449*****8431} (15), {@code 4111*****1111} (13), {@code 411*****1111} (12).
   */
  public String masked() {
    check();
    int n = digits.length;
    int head = shownHead(n);
    int tail = shownTail(n);
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(i < head || i >= n - tail ? (char) ('0' + digits[i]) : '*');
    }
    return sb.toString();
  }

  /** The fewest digits {@link #masked()} hides. */
  public static final int MIN_HIDDEN = 5;

  private static int shownTail(int n) {
    return Math.min(4, Math.max(0, n - MIN_HIDDEN));
  }

  private static int shownHead(int n) {
    return Math.max(0, Math.min(6, n - shownTail(n) - MIN_HIDDEN));
  }

  /** Masks a string of digits as {@link #masked()} does; package use, for tokens in audit lines. */
  static String mask(CharSequence digits) {
    int n = digits.length();
    int head = shownHead(n);
    int tail = shownTail(n);
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(i < head || i >= n - tail ? digits.charAt(i) : '*');
    }
    return sb.toString();
  }

  /** True when the digits pass the Luhn (mod 10) check. */
  public boolean isLuhnValid() {
    check();
    return Luhn.sum(digits, digits.length) % 10 == 0;
  }

  /**
   * The full PAN as a string: the one audited way a PAN leaves this type, for handing it to a
   * certified payment host. Writes an audit record with the masked PAN, the purpose and the calling
   * class.
   *
   * @param purpose why the digits are needed, e.g. {@code "authorise with acquirer"}
   */
  public String revealDigits(String purpose) {
    Objects.requireNonNull(purpose, "purpose");
    check();
    String caller =
        StackWalker.getInstance()
            .walk(s -> s.skip(1).findFirst().map(f -> f.getClassName()).orElse("?"));
    AUDIT.log(Level.INFO, "PAN {0} revealed to {1} for: {2}", masked(), caller, purpose);
    return text(0, digits.length);
  }

  /** The digit at {@code i} as 0..9; package use only. */
  int digit(int i) {
    check();
    return digits[i];
  }

  /** A copy of the digit values (0..9); the caller zeroes it. Package use only. */
  byte[] copyDigitValues() {
    check();
    return digits.clone();
  }

  /** The digits as ASCII bytes; the caller zeroes them. Package use only. */
  byte[] asciiDigits() {
    check();
    byte[] a = new byte[digits.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = (byte) ('0' + digits[i]);
    }
    return a;
  }

  private String text(int from, int to) {
    char[] c = new char[to - from];
    for (int i = from; i < to; i++) {
      c[i - from] = (char) ('0' + digits[i]);
    }
    return new String(c);
  }

  private void check() {
    if (closed) {
      throw new IllegalStateException("this PAN was closed and its digits wiped");
    }
  }

  /** True once {@link #close()} has wiped the digits. */
  public boolean isClosed() {
    return closed;
  }

  /** Zeroes the digits; later calls do nothing. */
  @Override
  public void close() {
    closed = true;
    Arrays.fill(digits, (byte) 0);
  }

  /** Compares the digits in constant time (for PANs of equal length). */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Pan)) {
      return false;
    }
    Pan other = (Pan) o;
    check();
    other.check();
    return MessageDigest.isEqual(digits, other.digits);
  }

  /** A hash of the masked form only, so hash tables never see the full number. */
  @Override
  public int hashCode() {
    return closed ? 0 : masked().hashCode();
  }

  /** The masked form, e.g. {@code Pan[476173******0119]}; never the full number. */
  @Override
  public String toString() {
    return closed ? "Pan[closed]" : "Pan[" + masked() + "]";
  }
}
