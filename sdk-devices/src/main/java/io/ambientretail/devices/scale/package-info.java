/**
 * Scale drivers: Mettler Toledo MT-SICS and the NCI/Toledo "W" protocol, with exact integer
 * milligram weights, and a simulator for each.
 *
 * <pre>{@code
 * MtSicsResponse r = MtSicsParser.create().parse("S S     100.25 g");
 * r.weight();  // 100.250 g, exactly 100250 mg
 * }</pre>
 */
@NullMarked
package io.ambientretail.devices.scale;

import org.jspecify.annotations.NullMarked;
