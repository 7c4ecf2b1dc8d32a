package io.ambientretail.payments.terminal;

import java.util.List;
import java.util.Objects;

/**
 * Text for one terminal display.
 *
 * @param device e.g. {@code "CustomerDisplay"} or {@code "CashierDisplay"}
 * @param infoQualify e.g. {@code "Display"}, {@code "Status"}, {@code "Error"}
 * @param minimumDisplayTime seconds, 0 for the terminal's default
 */
public record DisplayOutput(
    String device,
    String infoQualify,
    List<String> lines,
    boolean responseRequired,
    int minimumDisplayTime) {
  /** Checks the fields and copies the lines. */
  public DisplayOutput {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(infoQualify, "infoQualify");
    lines = List.copyOf(lines);
    if (minimumDisplayTime < 0) {
      throw new IllegalArgumentException("minimumDisplayTime must not be negative");
    }
  }
}
