package io.ambientretail.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Finds card numbers where none may be: scans bytes, files and folder trees for runs of 13 to 19
 * ASCII digits that pass the Luhn check, the way a PCI assessor's data-discovery tool does.
 *
 * <p>Tests use it to prove that nothing a run wrote (logs, databases, journals, reports) holds a
 * PAN. A run is a maximal sequence of digits, optionally split by single spaces or dashes (as PANs
 * are printed); a run of 13 to 19 digits that passes Luhn is a finding. Longer runs (timestamps,
 * counters) are not windowed, as data-discovery tools do not, because any long digit string has
 * Luhn-valid windows. Findings report where, never the digits themselves.
 *
 * <p>Thread-safe and stateless apart from its allow-list.
 */
public final class PanLeakScanner {
  /** One Luhn-valid digit run: the file (or {@code "<bytes>"}), byte offset and length. */
  public record Finding(String source, long offset, int digits) {
    @Override
    public String toString() {
      return source + " @" + offset + " (" + digits + " digits)";
    }
  }

  private final Set<String> allowed;

  private PanLeakScanner(Set<String> allowed) {
    this.allowed = allowed;
  }

  /** A scanner that reports every Luhn-valid run. */
  public static PanLeakScanner strict() {
    return new PanLeakScanner(Set.of());
  }

  /** A scanner that ignores runs equal to the given deliberate test fixtures (digits only). */
  public static PanLeakScanner allowing(Set<String> fixturePans) {
    return new PanLeakScanner(Set.copyOf(fixturePans));
  }

  /** Scans every regular file under {@code root} (or the file itself). */
  public List<Finding> scan(Path root) {
    return scan(root, f -> true);
  }

  /**
   * Scans the regular files under {@code root} that {@code include} accepts, for example to leave
   * out files the run did not write itself (Surefire's {@code TEST-*.xml} property dumps hold
   * 17-digit temp-file timestamps, which pass Luhn one time in ten).
   */
  public List<Finding> scan(Path root, Predicate<Path> include) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(include, "include");
    List<Finding> out = new ArrayList<>();
    if (!Files.exists(root)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).filter(include)::iterator) {
        try (InputStream in = Files.newInputStream(f)) {
          out.addAll(scan(in.readAllBytes(), f.toString()));
        } catch (IOException e) {
          // a file removed while walking is not a finding
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Scans a byte array; {@code source} names it in findings. */
  public List<Finding> scan(byte[] data, String source) {
    List<Finding> out = new ArrayList<>();
    int i = 0;
    while (i < data.length) {
      if (!isDigit(data[i])) {
        i++;
        continue;
      }
      // collect a run of digits, allowing single ' ' or '-' separators between digits
      StringBuilder digits = new StringBuilder();
      List<Integer> offsets = new ArrayList<>();
      int j = i;
      while (j < data.length) {
        if (isDigit(data[j])) {
          digits.append((char) data[j]);
          offsets.add(j);
          j++;
        } else if ((data[j] == ' ' || data[j] == '-')
            && j + 1 < data.length
            && isDigit(data[j + 1])
            && digits.length() > 0) {
          j++;
        } else {
          break;
        }
      }
      checkRun(digits, offsets, source, out);
      i = j;
    }
    return out;
  }

  private void checkRun(
      CharSequence digits, List<Integer> offsets, String source, List<Finding> out) {
    int n = digits.length();
    if (n >= 13
        && n <= 19
        && luhnValid(digits)
        && !allowed.contains(digits.toString())
        && !allZero(digits)) {
      out.add(new Finding(source, offsets.get(0), n));
    }
  }

  private static boolean allZero(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }

  /** True when the digits pass the Luhn (mod 10) check. */
  public static boolean luhnValid(CharSequence digits) {
    int sum = 0;
    boolean dbl = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}
