package io.ambientretail.payments.emv;

import io.ambientretail.payments.CardBrand;
import io.ambientretail.payments.tokenize.Pan;
import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a card read found: the application chosen, its brand and label, the PAN (as a {@link Pan}
 * secret), expiry, PAN sequence number and cardholder name when the card gives them. Track data and
 * cryptograms are not kept.
 *
 * <p>Close it as soon as the PAN is tokenized: {@link #close()} wipes the PAN. {@link #toString()}
 * shows the masked PAN only. Not thread-safe once closed concurrently; otherwise immutable.
 */
public final class CardRead implements AutoCloseable {
  /** How the application was found. */
  public enum Selection {
    /** Through the contactless Proximity Payment System Environment (2PAY.SYS.DDF01). */
    PPSE,
    /** Through the contact Payment System Environment (1PAY.SYS.DDF01) and its directory. */
    PSE,
    /** By selecting the terminal's candidate AIDs one by one. */
    AID_LIST
  }

  /** Where the PAN came from. */
  public enum PanSource {
    /** Tag 5A, Application PAN. */
    TAG_5A,
    /** Tag 57, Track 2 Equivalent Data. */
    TRACK2_EQUIVALENT,
    /** Tag 9F6B, Track 2 Data (magstripe mode). */
    TRACK2,
    /** Tag 56, Track 1 Data (magstripe mode). */
    TRACK1
  }

  private final String aid;
  private final CardBrand brand;
  private final @Nullable String label;
  private final Pan pan;
  private final PanSource panSource;
  private final @Nullable YearMonth expiry;
  private final @Nullable String panSequence;
  private final @Nullable String cardholderName;
  private final Selection selection;

  /**
   * Creates a result; used by readers and by {@link PaymentTerminal} implementations. Takes
   * ownership of {@code pan}.
   */
  public CardRead(
      String aid,
      CardBrand brand,
      @Nullable String label,
      Pan pan,
      PanSource panSource,
      @Nullable YearMonth expiry,
      @Nullable String panSequence,
      @Nullable String cardholderName,
      Selection selection) {
    this.aid = Objects.requireNonNull(aid, "aid");
    this.brand = Objects.requireNonNull(brand, "brand");
    this.label = label;
    this.pan = Objects.requireNonNull(pan, "pan");
    this.panSource = Objects.requireNonNull(panSource, "panSource");
    this.expiry = expiry;
    this.panSequence = panSequence;
    this.cardholderName = cardholderName;
    this.selection = Objects.requireNonNull(selection, "selection");
  }

  /** The AID of the application read, upper-case hex. */
  public String aid() {
    return aid;
  }

  /** The brand, from the AID. */
  public CardBrand brand() {
    return brand;
  }

  /** The application label (50) or preferred name (9F12), if the card gave one. */
  public Optional<String> label() {
    return Optional.ofNullable(label);
  }

  /** The PAN; owned by this result and wiped by {@link #close()}. */
  public Pan pan() {
    return pan;
  }

  /** Which data element the PAN came from. */
  public PanSource panSource() {
    return panSource;
  }

  /** The expiry month (5F24 or track data), if the card gave one. */
  public Optional<YearMonth> expiry() {
    return Optional.ofNullable(expiry);
  }

  /** The PAN sequence number (5F34) as two digits, if present. */
  public Optional<String> panSequence() {
    return Optional.ofNullable(panSequence);
  }

  /** The cardholder name (5F20 or track 1), trimmed, if present. Personal data. */
  public Optional<String> cardholderName() {
    return Optional.ofNullable(cardholderName);
  }

  /** How the application was found. */
  public Selection selection() {
    return selection;
  }

  /** True when read through the contactless PPSE. */
  public boolean isContactless() {
    return selection == Selection.PPSE;
  }

  /** Wipes the PAN. */
  @Override
  public void close() {
    pan.close();
  }

  /** AID, brand and masked PAN only. */
  @Override
  public String toString() {
    return "CardRead{aid="
        + aid
        + ", brand="
        + brand
        + ", pan="
        + pan
        + ", selection="
        + selection
        + "}";
  }
}
