package io.ambientretail.devices.scanner;

import java.util.Objects;

/**
 * A barcode symbology as named by its AIM symbology identifier ({@code ]E0} EAN-13/UPC-A, {@code
 * ]C1} GS1-128, ...). An open set: unknown identifiers become an "other" symbology that keeps the
 * identifier, so adding a constant never breaks a caller.
 *
 * <p>Immutable; compare with {@link #equals}.
 */
public final class Symbology {
  /** EAN-13, and UPC-A sent as 13 digits ({@code ]E0}). */
  public static final Symbology EAN_13 = new Symbology("EAN-13", "]E0", false);

  /** EAN-8 ({@code ]E4}). */
  public static final Symbology EAN_8 = new Symbology("EAN-8", "]E4", false);

  /** UPC-A sent as 12 digits ({@code ]E0} with 12 data digits). */
  public static final Symbology UPC_A = new Symbology("UPC-A", "]E0", false);

  /** UPC-E, 8 digits sent with {@code ]E0}; its GTIN is the expanded UPC-A. */
  public static final Symbology UPC_E = new Symbology("UPC-E", "]E0", false);

  /** A 2- or 5-digit EAN/UPC add-on sent alone ({@code ]E1}, {@code ]E2}). */
  public static final Symbology EAN_ADD_ON = new Symbology("EAN add-on", "]E1", false);

  /** Code 128 ({@code ]C0}). */
  public static final Symbology CODE_128 = new Symbology("Code 128", "]C0", false);

  /** GS1-128 ({@code ]C1}). */
  public static final Symbology GS1_128 = new Symbology("GS1-128", "]C1", true);

  /** Code 39 ({@code ]A0}). */
  public static final Symbology CODE_39 = new Symbology("Code 39", "]A0", false);

  /** Interleaved 2 of 5 ({@code ]I0}, {@code ]I1}); 14 digits make an ITF-14 GTIN. */
  public static final Symbology ITF = new Symbology("ITF", "]I0", false);

  /** Data Matrix ({@code ]d1}). */
  public static final Symbology DATA_MATRIX = new Symbology("Data Matrix", "]d1", false);

  /** GS1 DataMatrix ({@code ]d2}). */
  public static final Symbology GS1_DATA_MATRIX = new Symbology("GS1 DataMatrix", "]d2", true);

  /** QR Code ({@code ]Q1}). */
  public static final Symbology QR = new Symbology("QR", "]Q1", false);

  /** GS1 QR Code ({@code ]Q3}). */
  public static final Symbology GS1_QR = new Symbology("GS1 QR", "]Q3", true);

  /** GS1 DataBar ({@code ]e0}). */
  public static final Symbology GS1_DATABAR = new Symbology("GS1 DataBar", "]e0", true);

  /** No AIM identifier was sent. */
  public static final Symbology UNKNOWN = new Symbology("unknown", "", false);

  private final String name;
  private final String aim;
  private final boolean gs1;

  private Symbology(String name, String aim, boolean gs1) {
    this.name = name;
    this.aim = aim;
    this.gs1 = gs1;
  }

  /**
   * The symbology for AIM identifier {@code ]} {@code code} {@code modifier}; an "other" one for
   * identifiers not listed here.
   */
  public static Symbology ofAim(char code, char modifier) {
    switch (code) {
      case 'E':
        return modifier == '4' ? EAN_8 : modifier == '1' || modifier == '2' ? EAN_ADD_ON : EAN_13;
      case 'C':
        return modifier == '1' ? GS1_128 : modifier == '0' ? CODE_128 : other(code, modifier);
      case 'A':
        return CODE_39;
      case 'I':
        return ITF;
      case 'd':
        return modifier == '2'
            ? GS1_DATA_MATRIX
            : modifier == '1' ? DATA_MATRIX : other(code, modifier);
      case 'Q':
        return modifier == '3' ? GS1_QR : modifier == '1' ? QR : other(code, modifier);
      case 'e':
        return GS1_DATABAR;
      default:
        return other(code, modifier);
    }
  }

  private static Symbology other(char code, char modifier) {
    return new Symbology("AIM ]" + code + modifier, "]" + code + modifier, false);
  }

  /** The name, e.g. {@code "EAN-13"}, as printed by {@code ambient device watch}. */
  public String name() {
    return name;
  }

  /** The AIM identifier, e.g. {@code "]E0"}; empty for {@link #UNKNOWN}. */
  public String aim() {
    return aim;
  }

  /** True when the data is a GS1 element string (FNC1 in first position). */
  public boolean isGs1() {
    return gs1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Symbology
        && ((Symbology) o).name.equals(name)
        && ((Symbology) o).aim.equals(aim);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, aim);
  }

  @Override
  public String toString() {
    return name;
  }
}
