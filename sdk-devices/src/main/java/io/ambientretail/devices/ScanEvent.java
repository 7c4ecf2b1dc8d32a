package io.ambientretail.devices;

import io.ambientretail.core.DeviceId;
import io.ambientretail.core.Gtin;
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
 * @param elements the GS1 elements in order; empty for a non-GS1 code
 */
public record ScanEvent(
    DeviceId device,
    Instant at,
    Symbology symbology,
    String data,
    @Nullable Gtin gtin,
    List<Gs1Element> elements)
    implements DeviceEvent {
  /** Copies the element list and checks for nulls. */
  public ScanEvent {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(symbology, "symbology");
    Objects.requireNonNull(data, "data");
    elements = List.copyOf(elements);
  }
}
