package io.ambientretail.devices.scanner;

import io.ambientretail.core.Gtin;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One decoded scan line: symbology, data, GTIN (check digit verified), GS1 elements, EAN/UPC add-on
 * and embedded price or weight.
 *
 * @param symbology the symbology
 * @param data the data after the AIM identifier
 * @param gtin the GTIN, or null when the code carries none
 * @param elements the GS1 elements (of a GS1 symbology or a GS1 Digital Link URI), else empty
 * @param addOn the 2- or 5-digit EAN/UPC add-on, else empty
 * @param embedded the item and price or weight of a restricted-circulation code read by an {@link
 *     EmbeddedCodeRule}, else null
 */
public record Scan(
    Symbology symbology,
    String data,
    @Nullable Gtin gtin,
    List<Gs1Element> elements,
    String addOn,
    @Nullable EmbeddedValue embedded) {
  /** Copies the list and checks for nulls. */
  public Scan {
    Objects.requireNonNull(symbology, "symbology");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(addOn, "addOn");
    elements = List.copyOf(elements);
  }

  /** A scan without add-on or embedded value. */
  public Scan(Symbology symbology, String data, @Nullable Gtin gtin, List<Gs1Element> elements) {
    this(symbology, data, gtin, elements, "", null);
  }
}
