package io.ambientretail.devices.scanner;

import io.ambientretail.core.Gtin;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One decoded scan line: symbology, data, GTIN (check digit verified) and GS1 elements.
 *
 * @param symbology the symbology
 * @param data the data after the AIM identifier
 * @param gtin the GTIN, or null when the code carries none
 * @param elements the GS1 elements, empty for non-GS1 codes
 */
public record Scan(
    Symbology symbology, String data, @Nullable Gtin gtin, List<Gs1Element> elements) {
  /** Copies the list and checks for nulls. */
  public Scan {
    Objects.requireNonNull(symbology, "symbology");
    Objects.requireNonNull(data, "data");
    elements = List.copyOf(elements);
  }
}
