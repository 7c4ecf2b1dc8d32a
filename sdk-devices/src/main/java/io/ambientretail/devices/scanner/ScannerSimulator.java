package io.ambientretail.devices.scanner;

import io.ambientretail.devices.transport.ByteLink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The far end of a barcode scanner: writes scan lines (AIM identifier + data + CR LF) to a link,
 * exactly as a serial scanner in AIM-identifier mode does. For demos and tests.
 *
 * <p>Thread-safe (writes are serialised).
 */
public final class ScannerSimulator {
  private final ByteLink link;
  private final byte[] suffix;

  private ScannerSimulator(ByteLink link, byte[] suffix) {
    this.link = link;
    this.suffix = suffix;
  }

  /** A simulator writing to {@code link} with a CR LF suffix. */
  public static ScannerSimulator on(ByteLink link) {
    return new ScannerSimulator(Objects.requireNonNull(link, "link"), new byte[] {'\r', '\n'});
  }

  /** Sends an EAN-13 scan ({@code ]E0} + 13 digits). */
  public void scanEan13(String digits) throws IOException {
    send("]E0" + digits);
  }

  /**
   * Sends a GS1-128 scan of element strings: each argument is AI + value; variable-length elements
   * are followed by FNC1 (GS) when more elements come.
   */
  public void scanGs1_128(String... elements) throws IOException {
    send("]C1" + String.join("\u001D", elements));
  }

  /** Sends a raw line (AIM identifier and data) followed by the suffix. */
  public synchronized void send(String line) throws IOException {
    byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = new byte[b.length + suffix.length];
    System.arraycopy(b, 0, out, 0, b.length);
    System.arraycopy(suffix, 0, out, b.length, suffix.length);
    link.write(out);
  }

  /** Sends bytes as they are (garbage, split frames). */
  public synchronized void sendRaw(byte[] bytes) throws IOException {
    link.write(bytes);
  }
}
