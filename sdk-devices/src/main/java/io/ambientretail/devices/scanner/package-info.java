/**
 * The barcode scanner driver: AIM symbology identifiers, GS1 element strings with check-digit
 * validation, and a simulator that speaks the same line protocol.
 *
 * <pre>{@code
 * Scan s = ScanParser.create().parse("]C1" + "0109506000134352" + "17261231" + "10ABC");
 * s.gtin();      // 09506000134352
 * s.elements();  // (01) 09506000134352, (17) 261231, (10) ABC
 * }</pre>
 */
@NullMarked
package io.ambientretail.devices.scanner;

import org.jspecify.annotations.NullMarked;
