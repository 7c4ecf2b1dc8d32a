package io.ambientretail.payments.tlv;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A dictionary of EMV data element tags (EMV Book 3 Annex A, plus the common contactless kernel
 * tags) for names in diagnostics, and the set of tags that carry cardholder data and must never be
 * shown.
 *
 * <p>Stateless and thread-safe.
 */
public final class EmvTags {
  /** Application Primary Account Number (PAN), {@code 5A}. */
  public static final int PAN = 0x5A;

  /** Track 2 Equivalent Data, {@code 57}. */
  public static final int TRACK2_EQUIVALENT = 0x57;

  /** Track 1 Data (magstripe mode), {@code 56}. */
  public static final int TRACK1 = 0x56;

  /** Track 2 Data (magstripe mode), {@code 9F6B}. */
  public static final int TRACK2 = 0x9F6B;

  /** Application Expiration Date YYMMDD, {@code 5F24}. */
  public static final int EXPIRY = 0x5F24;

  /** Application PAN Sequence Number, {@code 5F34}. */
  public static final int PAN_SEQUENCE = 0x5F34;

  /** Cardholder Name, {@code 5F20}. */
  public static final int CARDHOLDER_NAME = 0x5F20;

  /** Application Label, {@code 50}. */
  public static final int APPLICATION_LABEL = 0x50;

  /** Application Preferred Name, {@code 9F12}. */
  public static final int PREFERRED_NAME = 0x9F12;

  /** Application Identifier (ADF Name) in a directory entry, {@code 4F}. */
  public static final int AID = 0x4F;

  /** Dedicated File (DF) Name in an FCI, {@code 84}. */
  public static final int DF_NAME = 0x84;

  /** Application Priority Indicator, {@code 87}. */
  public static final int PRIORITY = 0x87;

  /** Processing Options Data Object List, {@code 9F38}. */
  public static final int PDOL = 0x9F38;

  /** Application Interchange Profile, {@code 82}. */
  public static final int AIP = 0x82;

  /** Application File Locator, {@code 94}. */
  public static final int AFL = 0x94;

  private static final Set<Integer> SENSITIVE =
      Set.of(
          PAN,
          TRACK2_EQUIVALENT,
          TRACK1,
          TRACK2,
          CARDHOLDER_NAME,
          0x9F1F,
          0x9F20,
          0x5F25,
          EXPIRY,
          0x9F26,
          0x9F4B,
          0x9F6F,
          0x99,
          0x9F1E);

  private static final Map<Integer, String> NAMES = new HashMap<>();

  static {
    String[][] entries = {
      {"42", "Issuer Identification Number"},
      {"4F", "Application Identifier (AID)"},
      {"50", "Application Label"},
      {"56", "Track 1 Data"},
      {"57", "Track 2 Equivalent Data"},
      {"5A", "Application PAN"},
      {"5F20", "Cardholder Name"},
      {"5F24", "Application Expiration Date"},
      {"5F25", "Application Effective Date"},
      {"5F28", "Issuer Country Code"},
      {"5F2A", "Transaction Currency Code"},
      {"5F2D", "Language Preference"},
      {"5F30", "Service Code"},
      {"5F34", "Application PAN Sequence Number"},
      {"5F36", "Transaction Currency Exponent"},
      {"61", "Application Template"},
      {"6F", "File Control Information (FCI) Template"},
      {"70", "READ RECORD Response Message Template"},
      {"77", "Response Message Template Format 2"},
      {"80", "Response Message Template Format 1"},
      {"82", "Application Interchange Profile"},
      {"83", "Command Template"},
      {"84", "Dedicated File (DF) Name"},
      {"87", "Application Priority Indicator"},
      {"88", "Short File Identifier (SFI)"},
      {"8C", "CDOL1"},
      {"8D", "CDOL2"},
      {"8E", "Cardholder Verification Method (CVM) List"},
      {"8F", "Certification Authority Public Key Index"},
      {"90", "Issuer Public Key Certificate"},
      {"92", "Issuer Public Key Remainder"},
      {"93", "Signed Static Application Data"},
      {"94", "Application File Locator (AFL)"},
      {"95", "Terminal Verification Results"},
      {"9A", "Transaction Date"},
      {"9C", "Transaction Type"},
      {"9F02", "Amount, Authorised (Numeric)"},
      {"9F03", "Amount, Other (Numeric)"},
      {"9F06", "Application Identifier (AID) - terminal"},
      {"9F07", "Application Usage Control"},
      {"9F08", "Application Version Number"},
      {"9F0D", "Issuer Action Code - Default"},
      {"9F0E", "Issuer Action Code - Denial"},
      {"9F0F", "Issuer Action Code - Online"},
      {"9F10", "Issuer Application Data"},
      {"9F11", "Issuer Code Table Index"},
      {"9F12", "Application Preferred Name"},
      {"9F1A", "Terminal Country Code"},
      {"9F1F", "Track 1 Discretionary Data"},
      {"9F20", "Track 2 Discretionary Data"},
      {"9F21", "Transaction Time"},
      {"9F26", "Application Cryptogram"},
      {"9F27", "Cryptogram Information Data"},
      {"9F2A", "Kernel Identifier"},
      {"9F32", "Issuer Public Key Exponent"},
      {"9F33", "Terminal Capabilities"},
      {"9F35", "Terminal Type"},
      {"9F36", "Application Transaction Counter (ATC)"},
      {"9F37", "Unpredictable Number"},
      {"9F38", "Processing Options Data Object List (PDOL)"},
      {"9F42", "Application Currency Code"},
      {"9F44", "Application Currency Exponent"},
      {"9F46", "ICC Public Key Certificate"},
      {"9F47", "ICC Public Key Exponent"},
      {"9F48", "ICC Public Key Remainder"},
      {"9F49", "DDOL"},
      {"9F4A", "Static Data Authentication Tag List"},
      {"9F4B", "Signed Dynamic Application Data"},
      {"9F4D", "Log Entry"},
      {"9F5D", "Available Offline Spending Amount"},
      {"9F62", "PCVC3 (Track1)"},
      {"9F63", "PUNATC (Track1)"},
      {"9F64", "NATC (Track1)"},
      {"9F65", "PCVC3 (Track2)"},
      {"9F66", "Terminal Transaction Qualifiers (TTQ)"},
      {"9F67", "NATC (Track2)"},
      {"9F69", "Card Authentication Related Data"},
      {"9F6B", "Track 2 Data"},
      {"9F6C", "Card Transaction Qualifiers (CTQ)"},
      {"9F6E", "Form Factor Indicator / Third Party Data"},
      {"A5", "FCI Proprietary Template"},
      {"BF0C", "FCI Issuer Discretionary Data"},
      {"DF8115", "Error Indication"},
    };
    for (String[] e : entries) {
      NAMES.put(Integer.parseInt(e[0], 16), e[1]);
    }
  }

  private EmvTags() {}

  /** The tag's EMV name, or {@code "Unknown tag"}. */
  public static String name(int tag) {
    return NAMES.getOrDefault(tag, "Unknown tag");
  }

  /** True for tags holding cardholder data (PAN, track data, name, expiry) or cryptograms. */
  public static boolean isSensitive(int tag) {
    return SENSITIVE.contains(tag);
  }

  /** The tag as upper-case hex of its bytes, e.g. {@code "9F37"}. */
  public static String hex(int tag) {
    String h = Integer.toHexString(tag).toUpperCase(Locale.ROOT);
    return h.length() % 2 == 0 ? h : "0" + h;
  }
}
