package io.ambientretail.payments.tokenize;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * FF1 format-preserving encryption (NIST SP 800-38G, March 2016) with AES, for radix 2 to 36:
 * encrypts a string of numerals to another string of the same length over the same alphabet.
 * Bit-exact with the standard's samples and with Bouncy Castle's {@code FPEFF1Engine}.
 *
 * <pre>{@code
 * Ff1 ff1 = Ff1.create(key, 10);
 * String c = ff1.encrypt("0123456789", new byte[0]);   // "2433477484" with the NIST sample key
 * }</pre>
 *
 * <p>Text uses the alphabet {@code 0-9a-z} truncated to the radix (upper case is accepted on input;
 * output is lower case). Lengths run from the smallest with radix<sup>n</sup> &ge; {@value
 * #MIN_DOMAIN} (the minimum domain of NIST SP 800-38G Revision 1; the 2016 text allowed 100, which
 * leaves too few values to resist guessing) to {@value #MAX_LENGTH} numerals; tweaks up to {@value
 * #MAX_TWEAK} bytes. When radix<sup>n/2</sup> fits in 55 bits (e.g. any card number) the rounds run
 * in {@code long} arithmetic on the JDK's hardware-accelerated AES, otherwise in {@link
 * BigInteger}.
 *
 * <p>Not thread-safe (it holds a {@link Cipher}): use one instance per thread, or synchronize.
 * Invalid input fails with a {@link TokenizationException} ({@code FF1_INPUT}) that names the
 * position, never the numerals.
 */
public final class Ff1 {
  /** The smallest domain (radix<sup>length</sup>) accepted, as NIST SP 800-38G Rev. 1 requires. */
  public static final int MIN_DOMAIN = 1_000_000;

  /** The longest input accepted, in numerals. */
  public static final int MAX_LENGTH = 4096;

  /** The longest tweak accepted, in bytes. */
  public static final int MAX_TWEAK = 256;

  private static final long FAST_LIMIT = 1L << 55;
  private static final int ROUNDS = 10;

  private final Cipher aes;
  private final int radix;
  private final int minLength;
  private final byte[] block = new byte[16];
  private final byte[] state = new byte[16];

  /** The minimum domain of the 2016 text, for decrypting tokens made under it only. */
  static final int LEGACY_MIN_DOMAIN = 100;

  private Ff1(Cipher aes, int radix, int minDomain) {
    this.aes = aes;
    this.radix = radix;
    this.minLength = minLengthFor(radix, minDomain);
  }

  /**
   * Creates FF1 with an AES key of 16, 24 or 32 bytes (copied) over {@code radix}.
   *
   * @throws InvalidKeyException if the key length is not an AES key length
   * @throws IllegalArgumentException if the radix is not 2..36
   */
  public static Ff1 create(byte[] key, int radix) throws GeneralSecurityException {
    Objects.requireNonNull(key, "key");
    if (key.length != 16 && key.length != 24 && key.length != 32) {
      throw new InvalidKeyException("an AES key is 16, 24 or 32 bytes, was " + key.length);
    }
    return create(new SecretKeySpec(key, "AES"), radix);
  }

  /**
   * Creates FF1 with an AES key over {@code radix}.
   *
   * @throws GeneralSecurityException if the JDK cannot use the key for AES
   * @throws IllegalArgumentException if the radix is not 2..36
   */
  public static Ff1 create(SecretKey key, int radix) throws GeneralSecurityException {
    return create(key, radix, MIN_DOMAIN);
  }

  /**
   * FF1 accepting domains down to {@code minDomain}: {@link #LEGACY_MIN_DOMAIN} only to decrypt
   * tokens made before the revised minimum; package use.
   */
  static Ff1 create(byte[] key, int radix, int minDomain) throws GeneralSecurityException {
    Objects.requireNonNull(key, "key");
    if (key.length != 16 && key.length != 24 && key.length != 32) {
      throw new InvalidKeyException("an AES key is 16, 24 or 32 bytes, was " + key.length);
    }
    return create(new SecretKeySpec(key, "AES"), radix, minDomain);
  }

  private static Ff1 create(SecretKey key, int radix, int minDomain)
      throws GeneralSecurityException {
    Objects.requireNonNull(key, "key");
    if (radix < 2 || radix > 36) {
      throw new IllegalArgumentException("radix must be 2..36, was " + radix);
    }
    Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, key);
    return new Ff1(c, radix, minDomain);
  }

  private static int minLengthFor(int radix, int minDomain) {
    int n = 1;
    long domain = radix;
    while (domain < minDomain) {
      domain *= radix;
      n++;
    }
    return n;
  }

  /** The radix. */
  public int radix() {
    return radix;
  }

  /** The shortest input accepted: the least n with radix<sup>n</sup> &ge; {@value #MIN_DOMAIN}. */
  public int minLength() {
    return minLength;
  }

  /** Encrypts text over {@code 0-9a-z} truncated to the radix; returns lower-case text. */
  public String encrypt(CharSequence plaintext, byte[] tweak) {
    return toText(encrypt(toNumerals(plaintext), tweak));
  }

  /** Decrypts text over {@code 0-9a-z} truncated to the radix; returns lower-case text. */
  public String decrypt(CharSequence ciphertext, byte[] tweak) {
    return toText(decrypt(toNumerals(ciphertext), tweak));
  }

  /** Encrypts numerals (each 0..radix-1); returns new numerals of the same length. */
  public int[] encrypt(int[] numerals, byte[] tweak) {
    return run(numerals, tweak, true);
  }

  /** Decrypts numerals (each 0..radix-1); returns new numerals of the same length. */
  public int[] decrypt(int[] numerals, byte[] tweak) {
    return run(numerals, tweak, false);
  }

  private int[] run(int[] x, byte[] tweak, boolean encrypt) {
    Objects.requireNonNull(x, "numerals");
    Objects.requireNonNull(tweak, "tweak");
    int n = x.length;
    if (n < minLength || n > MAX_LENGTH) {
      throw new TokenizationException(
          TokenizationException.FF1_INPUT,
          "FF1 input of "
              + n
              + " numerals is outside "
              + minLength
              + ".."
              + MAX_LENGTH
              + " for radix "
              + radix
              + " (radix^length must be at least "
              + (minLength == minLengthFor(radix, MIN_DOMAIN) ? "1,000,000" : "100")
              + ")");
    }
    if (tweak.length > MAX_TWEAK) {
      throw new TokenizationException(
          TokenizationException.FF1_INPUT,
          "FF1 tweak of " + tweak.length + " bytes is longer than " + MAX_TWEAK);
    }
    for (int i = 0; i < n; i++) {
      if (x[i] < 0 || x[i] >= radix) {
        throw new TokenizationException(
            TokenizationException.FF1_INPUT,
            "FF1 numeral at position " + i + " is outside radix " + radix);
      }
    }
    try {
      int v = n - n / 2;
      long mv = pow(radix, v);
      return mv > 0 && mv <= FAST_LIMIT ? runLong(x, tweak, encrypt) : runBig(x, tweak, encrypt);
    } catch (ShortBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  /** radix^e, or -1 when it exceeds 2^55. */
  private static long pow(int radix, int e) {
    long r = 1;
    for (int i = 0; i < e; i++) {
      r *= radix;
      if (r > FAST_LIMIT) {
        return -1;
      }
    }
    return r;
  }

  /** Steps 1-4 of Algorithm 7: the P block, encrypted into {@code state}; returns Q. */
  private byte[] start(int n, int u, int t, int b) throws ShortBufferException {
    byte[] p = block;
    p[0] = 1;
    p[1] = 2;
    p[2] = 1;
    p[3] = (byte) (radix >>> 16);
    p[4] = (byte) (radix >>> 8);
    p[5] = (byte) radix;
    p[6] = 10;
    p[7] = (byte) u;
    p[8] = (byte) (n >>> 24);
    p[9] = (byte) (n >>> 16);
    p[10] = (byte) (n >>> 8);
    p[11] = (byte) n;
    p[12] = (byte) (t >>> 24);
    p[13] = (byte) (t >>> 16);
    p[14] = (byte) (t >>> 8);
    p[15] = (byte) t;
    aes.update(p, 0, 16, state, 0);
    int pad = Math.floorMod(-t - b - 1, 16);
    return new byte[t + pad + 1 + b];
  }

  /** R = PRF(P || Q) given the encrypted P in {@code state}; writes R into {@code r}. */
  private void prf(byte[] q, byte[] r) throws ShortBufferException {
    System.arraycopy(state, 0, r, 0, 16);
    byte[] blk = block;
    for (int off = 0; off < q.length; off += 16) {
      for (int i = 0; i < 16; i++) {
        blk[i] = (byte) (r[i] ^ q[off + i]);
      }
      aes.update(blk, 0, 16, r, 0);
    }
  }

  private int[] runLong(int[] x, byte[] tweak, boolean encrypt) throws ShortBufferException {
    int n = x.length;
    int u = n / 2;
    int v = n - u;
    long mu = pow(radix, u);
    long mv = pow(radix, v);
    int b = (64 - Long.numberOfLeadingZeros(mv - 1) + 7) / 8;
    int d = 4 * ((b + 3) / 4) + 4;
    int t = tweak.length;
    byte[] q = start(n, u, t, b);
    System.arraycopy(tweak, 0, q, 0, t);
    int roundIndex = q.length - b - 1;
    byte[] r = new byte[16];
    long a = num(x, 0, u);
    long bb = num(x, u, n);
    for (int k = 0; k < ROUNDS; k++) {
      int i = encrypt ? k : ROUNDS - 1 - k;
      long src = encrypt ? bb : a;
      q[roundIndex] = (byte) i;
      for (int j = b - 1, at = roundIndex + 1 + j; j >= 0; j--, at--) {
        q[at] = (byte) src;
        src >>>= 8;
      }
      prf(q, r);
      long m = (i & 1) == 0 ? mu : mv;
      long y = d > 8 ? modBytes(r, d, m) : Long.remainderUnsigned(readLong(r, d), m);
      if (encrypt) {
        long c = (a + y) % m;
        a = bb;
        bb = c;
      } else {
        long c = Math.floorMod(bb - y, m);
        bb = a;
        a = c;
      }
    }
    int[] out = new int[n];
    str(a, out, 0, u);
    str(bb, out, u, n);
    return out;
  }

  private static long readLong(byte[] r, int d) {
    long y = 0;
    for (int i = 0; i < d; i++) {
      y = (y << 8) | (r[i] & 0xFF);
    }
    return y;
  }

  private static long modBytes(byte[] r, int d, long m) {
    // d <= 12 here; m <= 2^55, so r * 256 + 255 stays below 2^63.
    long y = 0;
    for (int i = 0; i < d; i++) {
      y = ((y << 8) | (r[i] & 0xFF)) % m;
    }
    return y;
  }

  private long num(int[] x, int from, int to) {
    long r = 0;
    for (int i = from; i < to; i++) {
      r = r * radix + x[i];
    }
    return r;
  }

  private void str(long value, int[] out, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      out[i] = (int) (value % radix);
      value /= radix;
    }
  }

  private int[] runBig(int[] x, byte[] tweak, boolean encrypt) throws ShortBufferException {
    int n = x.length;
    int u = n / 2;
    int v = n - u;
    BigInteger bigRadix = BigInteger.valueOf(radix);
    BigInteger mu = bigRadix.pow(u);
    BigInteger mv = bigRadix.pow(v);
    int b = (mv.subtract(BigInteger.ONE).bitLength() + 7) / 8;
    int d = 4 * ((b + 3) / 4) + 4;
    int t = tweak.length;
    byte[] q = start(n, u, t, b);
    System.arraycopy(tweak, 0, q, 0, t);
    int roundIndex = q.length - b - 1;
    byte[] r = new byte[16];
    int blocks = (d + 15) / 16;
    byte[] s = new byte[blocks * 16];
    byte[] counter = new byte[16];
    BigInteger a = numBig(x, 0, u);
    BigInteger bb = numBig(x, u, n);
    for (int k = 0; k < ROUNDS; k++) {
      int i = encrypt ? k : ROUNDS - 1 - k;
      BigInteger src = encrypt ? bb : a;
      q[roundIndex] = (byte) i;
      byte[] num = src.toByteArray();
      Arrays.fill(q, roundIndex + 1, q.length, (byte) 0);
      int copy = Math.min(num.length, b);
      System.arraycopy(num, num.length - copy, q, q.length - copy, copy);
      prf(q, r);
      System.arraycopy(r, 0, s, 0, 16);
      for (int j = 1; j < blocks; j++) {
        for (int z = 0; z < 16; z++) {
          counter[z] = (byte) (r[z] ^ (z >= 12 ? (j >>> (8 * (15 - z))) : 0));
        }
        aes.update(counter, 0, 16, s, 16 * j);
      }
      BigInteger y = new BigInteger(1, Arrays.copyOf(s, d));
      BigInteger m = (i & 1) == 0 ? mu : mv;
      if (encrypt) {
        BigInteger c = a.add(y).mod(m);
        a = bb;
        bb = c;
      } else {
        BigInteger c = bb.subtract(y).mod(m);
        bb = a;
        a = c;
      }
    }
    int[] out = new int[n];
    strBig(a, out, 0, u);
    strBig(bb, out, u, n);
    return out;
  }

  private BigInteger numBig(int[] x, int from, int to) {
    StringBuilder sb = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      sb.append(Character.forDigit(x[i], radix));
    }
    return sb.length() == 0 ? BigInteger.ZERO : new BigInteger(sb.toString(), radix);
  }

  private void strBig(BigInteger value, int[] out, int from, int to) {
    String s = value.toString(radix);
    int pad = (to - from) - s.length();
    for (int i = from; i < to; i++) {
      int j = i - from - pad;
      out[i] = j < 0 ? 0 : Character.digit(s.charAt(j), radix);
    }
  }

  private int[] toNumerals(CharSequence text) {
    Objects.requireNonNull(text, "text");
    int[] x = new int[text.length()];
    for (int i = 0; i < x.length; i++) {
      int dgt = Character.digit(text.charAt(i), radix);
      if (dgt < 0 || text.charAt(i) > 'z') {
        throw new TokenizationException(
            TokenizationException.FF1_INPUT,
            "character at position "
                + i
                + " is not a numeral of radix "
                + radix
                + " (alphabet 0-9a-z)");
      }
      x[i] = dgt;
    }
    return x;
  }

  private static String toText(int[] x) {
    char[] c = new char[x.length];
    for (int i = 0; i < x.length; i++) {
      c[i] = Character.forDigit(x[i], 36);
    }
    return new String(c);
  }
}
