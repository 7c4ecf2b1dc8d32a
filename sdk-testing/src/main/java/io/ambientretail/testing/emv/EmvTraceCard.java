package io.ambientretail.testing.emv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A virtual card that answers from a recorded APDU trace (one hex line per command, one per
 * response; a response may be missing) by meaning: SELECT by DF name, GET PROCESSING OPTIONS and
 * READ RECORD by P1/P2 for the application selected at that point of the trace. Where a trace
 * repeats a command, a {@code 9000} answer wins over others.
 *
 * <p>Used with a folder of recorded traces, which the project's continuous integration keeps beside
 * the repository; see {@link #corpusDirectory()}.
 */
public final class EmvTraceCard {
  private static final HexFormat HEX = HexFormat.of();

  private EmvTraceCard() {}

  /**
   * Loads a trace file into a virtual card.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if a line is not hex (line number given)
   */
  public static VirtualEmvCard load(Path trace) throws IOException {
    return load(trace, false);
  }

  /**
   * Loads a trace into a faithful virtual card: where the trace holds the same command twice with
   * different answers (the contact Visa session's first READ RECORD came back garbled, {@code
   * 00000000}, and the terminal asked again), the card gives the recorded answers in turn.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if a line is not hex (line number given)
   */
  public static VirtualEmvCard loadInTurn(Path trace) throws IOException {
    return load(trace, true);
  }

  private static VirtualEmvCard load(Path trace, boolean inTurn) throws IOException {
    List<String> lines = Files.readAllLines(trace, StandardCharsets.US_ASCII);
    List<byte[][]> pairs = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      byte[] bytes;
      try {
        bytes = HEX.parseHex(line);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(trace + " line " + (i + 1) + " is not hex", e);
      }
      if (isCommand(bytes)) {
        pairs.add(new byte[][] {bytes, null});
      } else if (!pairs.isEmpty() && pairs.get(pairs.size() - 1)[1] == null) {
        pairs.get(pairs.size() - 1)[1] = bytes;
      }
    }
    VirtualEmvCard.Builder b = VirtualEmvCard.builder(trace.getFileName().toString());
    if (inTurn) {
      b.inTurn();
    }
    // two passes: answers ending in 9000 first, so they win over failed repeats (in turn: one pass
    // in the trace's order)
    for (int pass = 0; pass < 2; pass++) {
      byte[] selected = null;
      for (byte[][] p : pairs) {
        byte[] c = p[0];
        byte[] r = p[1];
        int ins = c[1] & 0xFF;
        if (ins == 0xA4 && c.length >= 5) {
          selected = Arrays.copyOfRange(c, 5, Math.min(c.length, 5 + (c[4] & 0xFF)));
        }
        if (r == null || r.length < 2 || (inTurn ? pass == 1 : isOk(r) != (pass == 0))) {
          continue;
        }
        if (ins == 0xA4 && selected != null) {
          b.select(selected, r);
        } else if (ins == 0xA8 && selected != null) {
          b.gpo(selected, r);
        } else if (ins == 0xB2 && selected != null) {
          b.record(selected, c[2] & 0xFF, c[3] & 0xFF, r);
        }
      }
    }
    return b.build();
  }

  private static boolean isOk(byte[] r) {
    return r[r.length - 2] == (byte) 0x90 && r[r.length - 1] == 0x00;
  }

  /** Commands the traces hold: SELECT, GPO, READ RECORD, GET DATA, GENERATE AC and friends. */
  private static boolean isCommand(byte[] b) {
    if (b.length < 4) {
      return false;
    }
    int cla = b[0] & 0xFF;
    int ins = b[1] & 0xFF;
    boolean known =
        (cla == 0x00
                && (ins == 0xA4
                    || ins == 0xB2
                    || ins == 0x82
                    || ins == 0x84
                    || ins == 0x88
                    || ins == 0xC0
                    || ins == 0x20))
            || (cla == 0x80 && (ins == 0xA8 || ins == 0xCA || ins == 0xAE || ins == 0x2A));
    if (!known) {
      return false;
    }
    // header + Le, or header + Lc + data (+ Le)
    return b.length == 5
        || (b.length >= 6 && (b.length == 5 + (b[4] & 0xFF) || b.length == 6 + (b[4] & 0xFF)));
  }

  /**
   * The folder of recorded EMV traces that continuous integration places beside the repository
   * (looked up from the working directory upwards), or empty when it is absent, as on a developer's
   * machine.
   */
  public static Optional<Path> corpusDirectory() {
    Path dir = Path.of("").toAbsolutePath();
    for (int up = 0; up < 6 && dir != null; up++, dir = dir.getParent()) {
      Path candidate = dir.resolve("../shared/corpus/emv-traces").normalize();
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The trace files in the corpus folder, sorted by name. */
  public static List<Path> corpusTraces(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt"))
          .filter(p -> !p.getFileName().toString().startsWith("LICENSE"))
          .sorted()
          .toList();
    }
  }
}
