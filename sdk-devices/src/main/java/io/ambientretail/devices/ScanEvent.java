package io.ambientretail.devices;

import io.ambientretail.core.DeviceId;
import io.ambientretail.core.Gtin;
import io.ambientretail.devices.scanner.EmbeddedValue;
import io.ambientretail.devices.scanner.Gs1Element;
import io.ambientretail.devices.scanner.Symbology;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A decoded barcode: its symbology, the data after the AIM identifier, the GTIN when the code
 * carries one (its check digit already verified) and the GS1 element string split into elements.
 *
 * @param device the scanner
 * @param at when it was received
 * @param symbology the symbology from the AIM identifier
 * @param data the data characters after the AIM identifier (GS for FNC1)
 * @param gtin the GTIN, or null when the code carries none
 * @param elements the GS1 elements in order (of a GS1 symbology or a GS1 Digital Link URI); empty
 *     otherwise
 * @param addOn the 2- or 5-digit EAN/UPC add-on, else empty
 * @param embedded the item and its price or weight of a restricted-circulation code, when the
 *     scanner's {@link io.ambientretail.devices.scanner.ScanParser} has a rule for it, else null
 */
public record ScanEvent(
    DeviceId device,
    Instant at,
    Symbology symbology,
    String data,
    @Nullable Gtin gtin,
    List<Gs1Element> elements,
    String addOn,
    @Nullable EmbeddedValue embedded)
    implements DeviceEvent {
  /** Copies the element list and checks for nulls. */
  public ScanEvent {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(symbology, "symbology");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(addOn, "addOn");
    elements = List.copyOf(elements);
  }

  /** A scan event without add-on or embedded value. */
  public ScanEvent(
      DeviceId device,
      Instant at,
      Symbology symbology,
      String data,
      @Nullable Gtin gtin,
      List<Gs1Element> elements) {
    this(device, at, symbology, data, gtin, elements, "", null);
  }
}
