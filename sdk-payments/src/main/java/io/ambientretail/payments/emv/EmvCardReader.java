package io.ambientretail.payments.emv;

import io.ambientretail.core.ErrorCode;
import io.ambientretail.devices.ApduChannel;
import io.ambientretail.payments.CardBrand;
import io.ambientretail.payments.emv.internal.Hex;
import io.ambientretail.payments.emv.internal.Text;
import io.ambientretail.payments.emv.internal.TrackData;
import io.ambientretail.payments.tlv.EmvTags;
import io.ambientretail.payments.tlv.TlvBuilder;
import io.ambientretail.payments.tlv.TlvException;
import io.ambientretail.payments.tlv.TlvReader;
import io.ambientretail.payments.tokenize.Pan;
import io.ambientretail.payments.tokenize.TokenizationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the card data needed for tokenization from an EMV card over an {@link ApduChannel}: finds
 * the applications (contactless PPSE, contact PSE and its directory records, or the terminal's
 * candidate AID list), chooses one by brand preference and priority indicator, selects it, sends
 * GET PROCESSING OPTIONS with the PDOL filled from terminal data (with a fresh unpredictable
 * number), reads every record the AFL lists, and extracts the PAN (5A, else track 2 equivalent 57,
 * else magstripe-mode 9F6B or 56), expiry, PAN sequence number, label and cardholder name.
 *
 * <pre>{@code
 * EmvCardReader reader = EmvCardReader.create(EmvReaderConfig.builder()
 *     .amount(Money.parse("1.00 EUR")).build());
 * try (CardRead card = reader.read(channel)) {
 *   CardToken token = tokenizer.tokenize(card.pan());
 * }
 * }</pre>
 *
 * <p>This is card reading for tokenization, not a certified EMV kernel: no offline data
 * authentication, cardholder verification, terminal risk management or cryptogram generation.
 * Payments that need those go through a certified terminal behind {@link PaymentTerminal}.
 *
 * <p>Hostile or broken cards fail with an {@link EmvException} naming the command, status word or
 * byte offset; responses are bounded by {@link EmvReaderConfig#limits()} and the number of records
 * by {@link EmvReaderConfig#maxRecords()}. A record the AFL lists but the card answers with {@code
 * 6A83} (record not found) is skipped, since this reader authenticates no data; any other error
 * status ends the read. A status word ISO 7816-4 does not define (a garbled answer, such as {@code
 * 0000}) is sent again once, then fails with {@link EmvException#EMV_TRANSMISSION}. Track data and
 * cryptograms are not kept; the card's sensitive bytes are wiped once the result is built.
 * Thread-safe: each read keeps its state on the stack.
 */
public final class EmvCardReader {
  private static final byte[] PPSE = "2PAY.SYS.DDF01".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PSE = "1PAY.SYS.DDF01".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_DIRECTORY_RECORDS = 16;
  private static final int MAX_CHAINED_RESPONSES = 16;
  private static final Set<Integer> KEPT =
      Set.of(
          EmvTags.PAN,
          EmvTags.TRACK2_EQUIVALENT,
          EmvTags.TRACK1,
          EmvTags.TRACK2,
          EmvTags.EXPIRY,
          EmvTags.PAN_SEQUENCE,
          EmvTags.CARDHOLDER_NAME,
          EmvTags.APPLICATION_LABEL,
          EmvTags.PREFERRED_NAME);

  private final EmvReaderConfig config;

  private EmvCardReader(EmvReaderConfig config) {
    this.config = config;
  }

  /** A reader with {@code config}. */
  public static EmvCardReader create(EmvReaderConfig config) {
    return new EmvCardReader(Objects.requireNonNull(config, "config"));
  }

  /**
   * Reads the card on {@code channel}, from application selection to the last record. The caller
   * closes the result (which wipes the PAN).
   *
   * @throws EmvException when no application can be read or the card's data is malformed
   * @throws IOException when the channel fails
   */
  public CardRead read(ApduChannel channel) throws IOException {
    Objects.requireNonNull(channel, "channel");
    Map<Integer, byte[]> data = new HashMap<>();
    try {
      return readInto(channel, data);
    } finally {
      for (byte[] v : data.values()) {
        Arrays.fill(v, (byte) 0);
      }
    }
  }

  private static final class Candidate {
    final byte[] aid;
    final @Nullable String label;
    final int priority;
    final int order;
    final CardBrand brand;

    Candidate(byte[] aid, @Nullable String label, int priority, int order) {
      this.aid = aid;
      this.label = label;
      this.priority = priority;
      this.order = order;
      this.brand = CardBrand.ofAid(Hex.of(aid));
    }
  }

  private CardRead readInto(ApduChannel channel, Map<Integer, byte[]> data) throws IOException {
    CardRead.Selection selection = CardRead.Selection.PPSE;
    List<Candidate> candidates = new ArrayList<>();
    Response r = transmit(channel, select(PPSE), "SELECT PPSE");
    if (r.sw == 0x9000) {
      readDirectory(r.data, "SELECT PPSE", candidates);
    }
    if (candidates.isEmpty()) {
      selection = CardRead.Selection.PSE;
      r = transmit(channel, select(PSE), "SELECT PSE");
      if (r.sw == 0x9000) {
        int sfi = sfiOfPse(r.data);
        if (sfi > 0) {
          for (int rec = 1; rec <= MAX_DIRECTORY_RECORDS; rec++) {
            String what = "READ RECORD SFI " + sfi + " record " + rec + " (PSE directory)";
            Response dr = transmit(channel, readRecord(sfi, rec), what);
            if (dr.sw != 0x9000) {
              break; // 6A83: no more records
            }
            readDirectory(dr.data, what, candidates);
          }
        }
      }
    }
    if (candidates.isEmpty()) {
      selection = CardRead.Selection.AID_LIST;
      int order = 0;
      for (String aidHex : config.candidateAids()) {
        byte[] aid = Hex.parse(aidHex);
        Response ar = transmit(channel, select(aid), "SELECT " + aidHex);
        if (ar.sw == 0x9000) {
          byte[] df = firstValue(ar.data, EmvTags.DF_NAME, "SELECT " + aidHex);
          candidates.add(new Candidate(df != null && df.length >= 5 ? df : aid, null, 0, order++));
        }
      }
    }
    if (candidates.isEmpty()) {
      throw new EmvException(
          EmvException.EMV_NO_APPLICATION,
          "the card offers no application "
              + "this terminal supports (tried PPSE, PSE and "
              + config.candidateAids().size()
              + " AIDs)",
          -1,
          null);
    }
    candidates.sort(order());

    int lastSw = -1;
    for (Candidate c : candidates) {
      String aidHex = Hex.of(c.aid);
      Response fci = transmit(channel, select(c.aid), "SELECT " + aidHex);
      if (fci.sw != 0x9000) {
        lastSw = fci.sw;
        continue;
      }
      return readApplication(channel, c, aidHex, fci.data, selection, data);
    }
    throw new EmvException(
        EmvException.EMV_NO_APPLICATION,
        "no listed application could be " + "selected (last status " + Hex.sw(lastSw) + ")",
        lastSw,
        null);
  }

  private CardRead readApplication(
      ApduChannel channel,
      Candidate c,
      String aidHex,
      byte[] fci,
      CardRead.Selection selection,
      Map<Integer, byte[]> data)
      throws IOException {
    String what = "SELECT " + aidHex;
    byte[] pdol = null;
    TlvReader fr = reader(fci);
    try {
      while (fr.next()) {
        int tag = fr.tag();
        if (tag == EmvTags.PDOL && pdol == null) {
          pdol = fr.copyValue();
        } else if (!fr.isConstructed() && KEPT.contains(tag)) {
          data.putIfAbsent(tag, fr.copyValue());
        }
      }
    } catch (TlvException e) {
      throw malformed(what, e);
    }

    byte[] pdolData = pdol == null ? new byte[0] : fillDol(pdol, what);
    byte[] gpoData = TlvBuilder.create().add(0x83, pdolData).build();
    if (gpoData.length > 255) {
      throw new EmvException(
          EmvException.EMV_RESPONSE,
          what + ": the PDOL asks for " + pdolData.length + " bytes, more than a short APDU holds",
          -1,
          null);
    }
    byte[] gpo = new byte[5 + gpoData.length + 1];
    gpo[0] = (byte) 0x80;
    gpo[1] = (byte) 0xA8;
    gpo[4] = (byte) gpoData.length;
    System.arraycopy(gpoData, 0, gpo, 5, gpoData.length);
    Response g = transmit(channel, gpo, "GET PROCESSING OPTIONS");
    if (g.sw != 0x9000) {
      throw status("GET PROCESSING OPTIONS", g.sw);
    }
    byte[] afl = parseGpo(g.data, data);

    int records = 0;
    for (int e = 0; e + 4 <= afl.length; e += 4) {
      int sfi = (afl[e] & 0xFF) >> 3;
      int first = afl[e + 1] & 0xFF;
      int last = afl[e + 2] & 0xFF;
      int oda = afl[e + 3] & 0xFF;
      if (sfi < 1 || sfi > 30 || first < 1 || last < first || oda > last - first + 1) {
        throw new EmvException(
            EmvException.EMV_AFL,
            "AFL entry " + (e / 4) + " (" + Hex.of(afl, e, 4) + ") is invalid",
            -1,
            null);
      }
      records += last - first + 1;
      if (records > config.maxRecords()) {
        throw new EmvException(
            EmvException.EMV_AFL,
            "the AFL lists more than " + config.maxRecords() + " records",
            -1,
            null);
      }
      for (int rec = first; rec <= last; rec++) {
        String rw = "READ RECORD SFI " + sfi + " record " + rec;
        Response rr = transmit(channel, readRecord(sfi, rec), rw);
        if (rr.sw == 0x6A83) {
          continue; // record not found: nothing to keep from it (we do no data authentication)
        }
        if (rr.sw != 0x9000) {
          throw status(rw, rr.sw);
        }
        collectRecord(rr.data, rw, data);
      }
    }
    return result(c, aidHex, selection, data);
  }

  private byte[] parseGpo(byte[] resp, Map<Integer, byte[]> data) {
    String what = "GET PROCESSING OPTIONS";
    TlvReader r = reader(resp);
    try {
      if (!r.next()) {
        throw new EmvException(EmvException.EMV_RESPONSE, what + " returned no data", -1, null);
      }
      if (r.tag() == 0x80) {
        int len = r.valueLength();
        if (len < 2 || (len - 2) % 4 != 0) {
          throw new EmvException(
              EmvException.EMV_RESPONSE,
              what + " format 1 has " + len + " bytes; expected AIP (2) and AFL entries of 4",
              -1,
              null);
        }
        return Arrays.copyOfRange(resp, r.valueOffset() + 2, r.valueEnd());
      }
      if (r.tag() != 0x77) {
        throw new EmvException(
            EmvException.EMV_RESPONSE,
            what
                + " returned tag "
                + EmvTags.hex(r.tag())
                + "; expected format 1 (80) or format 2 (77)",
            -1,
            null);
      }
      byte[] afl = new byte[0];
      int end = r.valueEnd();
      while (r.next() && r.tagOffset() < end) {
        if (r.tag() == EmvTags.AFL) {
          if (r.valueLength() % 4 != 0) {
            throw new EmvException(
                EmvException.EMV_RESPONSE,
                what + ": AFL of " + r.valueLength() + " bytes is not a multiple of 4",
                -1,
                null);
          }
          afl = r.copyValue();
        } else if (!r.isConstructed() && KEPT.contains(r.tag())) {
          data.putIfAbsent(r.tag(), r.copyValue());
        }
      }
      return afl;
    } catch (TlvException e) {
      throw malformed(what, e);
    }
  }

  private void collectRecord(byte[] resp, String what, Map<Integer, byte[]> data) {
    TlvReader r = reader(resp);
    try {
      if (!r.next()) {
        return; // an empty record holds nothing to keep
      }
      if (r.tag() != 0x70) {
        throw new EmvException(
            EmvException.EMV_RESPONSE,
            what
                + " returned tag "
                + EmvTags.hex(r.tag())
                + " at byte offset "
                + r.tagOffset()
                + "; expected a record template (70)",
            -1,
            null);
      }
      while (r.next()) {
        if (!r.isConstructed() && KEPT.contains(r.tag())) {
          data.putIfAbsent(r.tag(), r.copyValue());
        }
      }
    } catch (TlvException e) {
      throw malformed(what, e);
    }
  }

  private CardRead result(
      Candidate c, String aidHex, CardRead.Selection selection, Map<Integer, byte[]> data) {
    Pan pan = null;
    CardRead.PanSource source;
    YearMonth expiry = null;
    String name = null;
    try {
      byte[] v;
      if ((v = data.get(EmvTags.PAN)) != null) {
        source = CardRead.PanSource.TAG_5A;
        pan = Pan.fromBcd(v, 0, v.length);
      } else if ((v = data.get(EmvTags.TRACK2_EQUIVALENT)) != null) {
        source = CardRead.PanSource.TRACK2_EQUIVALENT;
        TrackData.Parsed t = TrackData.track2(v, 0, v.length);
        pan = t.pan;
        expiry = t.expiry;
      } else if ((v = data.get(EmvTags.TRACK2)) != null) {
        source = CardRead.PanSource.TRACK2;
        TrackData.Parsed t = TrackData.track2(v, 0, v.length);
        pan = t.pan;
        expiry = t.expiry;
      } else if ((v = data.get(EmvTags.TRACK1)) != null) {
        source = CardRead.PanSource.TRACK1;
        TrackData.Parsed t = TrackData.track1(v, 0, v.length);
        pan = t.pan;
        expiry = t.expiry;
        name = t.name;
      } else {
        throw new EmvException(
            EmvException.EMV_NO_PAN,
            "application " + aidHex + " holds no PAN (no 5A, 57, 9F6B or 56)",
            -1,
            null);
      }
      byte[] exp = data.get(EmvTags.EXPIRY);
      if (exp != null) {
        if (exp.length != 3) {
          throw new IllegalArgumentException("tag 5F24 has " + exp.length + " bytes; expected 3");
        }
        expiry = TrackData.yearMonth(bcd(exp[0]), bcd(exp[1]), "tag 5F24");
      }
      String seq = null;
      byte[] psn = data.get(EmvTags.PAN_SEQUENCE);
      if (psn != null && psn.length == 1 && bcd(psn[0]) >= 0) {
        seq = String.format(java.util.Locale.ROOT, "%02d", bcd(psn[0]));
      }
      byte[] nm = data.get(EmvTags.CARDHOLDER_NAME);
      if (nm != null) {
        String n = Text.printable(nm, 0, nm.length);
        if (n != null) {
          name = n;
        }
      }
      String label = c.label;
      byte[] lb = data.get(EmvTags.APPLICATION_LABEL);
      if (lb == null) {
        lb = data.get(EmvTags.PREFERRED_NAME);
      }
      if (lb != null) {
        label = Text.printable(lb, 0, lb.length);
      }
      CardRead read =
          new CardRead(aidHex, c.brand, label, pan, source, expiry, seq, name, selection);
      pan = null;
      return read;
    } catch (TokenizationException | IllegalArgumentException e) {
      throw new EmvException(
          EmvException.EMV_RESPONSE,
          "application " + aidHex + " holds malformed card data: " + e.getMessage(),
          -1,
          e);
    } finally {
      if (pan != null) {
        pan.close();
      }
    }
  }

  private static int bcd(byte b) {
    int hi = (b >> 4) & 0xF;
    int lo = b & 0xF;
    if (hi > 9 || lo > 9) {
      throw new IllegalArgumentException("BCD byte has a non-digit nibble");
    }
    return hi * 10 + lo;
  }

  private Comparator<Candidate> order() {
    List<CardBrand> pref = config.brandPreference();
    return Comparator.<Candidate>comparingInt(
            c -> {
              int i = pref.indexOf(c.brand);
              return i < 0 ? Integer.MAX_VALUE : i;
            })
        .thenComparingInt(c -> c.priority == 0 ? 16 : c.priority)
        .thenComparingInt(c -> c.order);
  }

  /** Adds an entry for each application template (61) in a PPSE FCI or PSE record. */
  private void readDirectory(byte[] resp, String what, List<Candidate> out) {
    TlvReader r = reader(resp);
    int end = -1;
    byte[] aid = null;
    String label = null;
    int priority = 0;
    try {
      while (r.next()) {
        if (end >= 0 && r.tagOffset() >= end) {
          addCandidate(aid, label, priority, out);
          end = -1;
        }
        int tag = r.tag();
        if (tag == 0x61) {
          end = r.valueEnd();
          aid = null;
          label = null;
          priority = 0;
        } else if (end >= 0 && tag == EmvTags.AID) {
          aid = r.copyValue();
        } else if (end >= 0 && tag == EmvTags.APPLICATION_LABEL) {
          label = Text.printable(resp, r.valueOffset(), r.valueLength());
        } else if (end >= 0 && tag == EmvTags.PRIORITY && r.valueLength() == 1) {
          priority = resp[r.valueOffset()] & 0x0F;
        }
      }
      if (end >= 0) {
        addCandidate(aid, label, priority, out);
      }
    } catch (TlvException e) {
      throw malformed(what, e);
    }
  }

  private static void addCandidate(
      byte @Nullable [] aid, @Nullable String label, int priority, List<Candidate> out) {
    if (aid != null && aid.length >= 5 && aid.length <= 16) {
      out.add(new Candidate(aid, label, priority, out.size()));
    }
  }

  private int sfiOfPse(byte[] fci) {
    byte[] sfi = firstValue(fci, 0x88, "SELECT PSE");
    if (sfi == null || sfi.length != 1 || sfi[0] < 1 || sfi[0] > 30) {
      return -1;
    }
    return sfi[0];
  }

  private byte @Nullable [] firstValue(byte[] resp, int tag, String what) {
    TlvReader r = reader(resp);
    try {
      while (r.next()) {
        if (r.tag() == tag) {
          return r.copyValue();
        }
      }
      return null;
    } catch (TlvException e) {
      throw malformed(what, e);
    }
  }

  /** The PDOL's data, each element from terminal data, formatted to the length the card asks. */
  private byte[] fillDol(byte[] dol, String what) {
    Map<Integer, byte[]> terminal = terminalData();
    byte[] out = new byte[256];
    int size = 0;
    int i = 0;
    while (i < dol.length) {
      int start = i;
      int tag = dol[i++] & 0xFF;
      if ((tag & 0x1F) == 0x1F) {
        int b;
        int n = 1;
        do {
          if (i >= dol.length || ++n > 4) {
            throw new EmvException(
                EmvException.EMV_RESPONSE,
                what + ": PDOL tag at byte offset " + start + " is malformed",
                -1,
                null);
          }
          b = dol[i++] & 0xFF;
          tag = (tag << 8) | b;
        } while ((b & 0x80) != 0);
      }
      if (i >= dol.length) {
        throw new EmvException(
            EmvException.EMV_RESPONSE,
            what + ": PDOL entry at byte offset " + start + " has no length",
            -1,
            null);
      }
      int len = dol[i++] & 0xFF;
      if (size + len > 252) {
        throw new EmvException(
            EmvException.EMV_RESPONSE,
            what + ": the PDOL asks for more than " + "252 bytes (at byte offset " + start + ")",
            -1,
            null);
      }
      byte[] v = terminal.get(tag);
      if (v != null) {
        boolean numeric = NUMERIC.contains(tag);
        if (v.length >= len) {
          System.arraycopy(v, numeric ? v.length - len : 0, out, size, len);
        } else {
          System.arraycopy(v, 0, out, size + (numeric ? len - v.length : 0), v.length);
        }
      }
      size += len;
    }
    return Arrays.copyOf(out, size);
  }

  private static final Set<Integer> NUMERIC =
      Set.of(0x9F02, 0x9F03, 0x9F1A, 0x5F2A, 0x9A, 0x9C, 0x9F21, 0x5F36);

  private Map<Integer, byte[]> terminalData() {
    Map<Integer, byte[]> t = new HashMap<>();
    t.put(0x9F02, bcd(config.amount().minor(), 6));
    t.put(0x9F03, bcd(config.otherAmount().minor(), 6));
    t.put(0x9F1A, bcd(config.countryCode(), 2));
    t.put(0x5F2A, bcd(config.amount().currency().getNumericCode(), 2));
    t.put(0x5F36, bcd(Math.max(config.amount().currency().getDefaultFractionDigits(), 0), 1));
    t.put(0x95, new byte[5]);
    LocalDateTime now = LocalDateTime.now(config.clock());
    t.put(
        0x9A,
        bcd((now.getYear() % 100) * 10000L + now.getMonthValue() * 100L + now.getDayOfMonth(), 3));
    t.put(0x9F21, bcd(now.getHour() * 10000L + now.getMinute() * 100L + now.getSecond(), 3));
    t.put(0x9C, new byte[] {0x00});
    byte[] un = new byte[4];
    config.random().nextBytes(un);
    t.put(0x9F37, un);
    t.put(0x9F66, config.ttq());
    t.put(0x9F35, new byte[] {(byte) config.terminalType()});
    t.put(0x9F33, config.capabilities());
    t.put(0x9F40, new byte[] {0x60, 0x00, (byte) 0xF0, (byte) 0xA0, 0x01});
    t.put(0x9F09, new byte[] {0x00, (byte) 0x8C});
    return t;
  }

  private static byte[] bcd(long value, int bytes) {
    byte[] out = new byte[bytes];
    for (int i = bytes - 1; i >= 0; i--) {
      int lo = (int) (value % 10);
      value /= 10;
      int hi = (int) (value % 10);
      value /= 10;
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  private TlvReader reader(byte[] b) {
    return TlvReader.of(b, 0, b.length, config.limits());
  }

  private static EmvException malformed(String what, TlvException e) {
    return new EmvException(
        EmvException.EMV_RESPONSE,
        what + " returned malformed TLV: " + e.getMessage() + " [" + e.code() + "]",
        -1,
        e);
  }

  private static EmvException status(String what, int sw) {
    ErrorCode code = EmvException.EMV_STATUS;
    return new EmvException(code, what + " answered status " + Hex.sw(sw), sw, null);
  }

  private static byte[] select(byte[] name) {
    byte[] c = new byte[5 + name.length + 1];
    c[1] = (byte) 0xA4;
    c[2] = 0x04;
    c[4] = (byte) name.length;
    System.arraycopy(name, 0, c, 5, name.length);
    return c;
  }

  private static byte[] readRecord(int sfi, int record) {
    return new byte[] {0x00, (byte) 0xB2, (byte) record, (byte) ((sfi << 3) | 4), 0x00};
  }

  /** A response split into data and status word. */
  private static final class Response {
    final byte[] data;
    final int sw;

    Response(byte[] data, int sw) {
      this.data = data;
      this.sw = sw;
    }
  }

  /**
   * Sends a command, following 61xx with GET RESPONSE and 6Cxx with a resend, bounded. A final
   * status word ISO 7816-4 does not define (SW1 outside 61-6F and 90-9F) is a transmission error:
   * the command is sent once more from the start, then the read fails with {@code EMV_TRANSMISSION}
   * naming it.
   */
  private Response transmit(ApduChannel channel, byte[] command, String what) throws IOException {
    Response r = transmitOnce(channel, command, what);
    if (isDefined(r.sw)) {
      return r;
    }
    Arrays.fill(r.data, (byte) 0);
    Response again = transmitOnce(channel, command, what);
    if (isDefined(again.sw)) {
      return again;
    }
    Arrays.fill(again.data, (byte) 0);
    throw new EmvException(
        EmvException.EMV_TRANSMISSION,
        what
            + " answered status "
            + Hex.sw(r.sw)
            + ", then "
            + Hex.sw(again.sw)
            + ", which ISO 7816-4 does not define: a garbled transmission (retried once)",
        again.sw,
        null);
  }

  /** True for the status words ISO 7816-4 defines: SW1 61-6F or 90-9F. */
  private static boolean isDefined(int sw) {
    int sw1 = sw >>> 8;
    return sw1 >= 0x61 && sw1 <= 0x6F || sw1 >= 0x90 && sw1 <= 0x9F;
  }

  private Response transmitOnce(ApduChannel channel, byte[] command, String what)
      throws IOException {
    byte[] cmd = command;
    byte[] acc = new byte[0];
    for (int step = 0; step < MAX_CHAINED_RESPONSES; step++) {
      byte[] resp = channel.transmit(cmd);
      if (resp == null || resp.length < 2) {
        throw new EmvException(
            EmvException.EMV_RESPONSE,
            what
                + " got a response of "
                + (resp == null ? 0 : resp.length)
                + " bytes; a response has at least SW1 SW2",
            -1,
            null);
      }
      int n = resp.length - 2;
      if (acc.length + n > config.limits().maxInputLength()) {
        throw new EmvException(
            EmvException.EMV_RESPONSE,
            what + " returned more than " + config.limits().maxInputLength() + " bytes",
            -1,
            null);
      }
      int sw1 = resp[n] & 0xFF;
      int sw2 = resp[n + 1] & 0xFF;
      byte[] joined = Arrays.copyOf(acc, acc.length + n);
      System.arraycopy(resp, 0, joined, acc.length, n);
      Arrays.fill(resp, (byte) 0);
      Arrays.fill(acc, (byte) 0);
      acc = joined;
      if (sw1 == 0x61) {
        cmd = new byte[] {0x00, (byte) 0xC0, 0x00, 0x00, (byte) sw2};
      } else if (sw1 == 0x6C && cmd == command) {
        cmd = command.clone();
        cmd[cmd.length - 1] = (byte) sw2;
        acc = new byte[0];
      } else {
        return new Response(acc, (sw1 << 8) | sw2);
      }
    }
    throw new EmvException(
        EmvException.EMV_RESPONSE,
        what + " chained more than " + MAX_CHAINED_RESPONSES + " responses",
        -1,
        null);
  }
}
