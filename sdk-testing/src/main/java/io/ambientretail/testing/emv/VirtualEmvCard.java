package io.ambientretail.testing.emv;

import io.ambientretail.devices.SmartCard;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A virtual EMV card that answers by meaning: SELECT by DF name, GET PROCESSING OPTIONS and READ
 * RECORD (by P1/P2) for the currently selected application, from files given to its builder. The
 * card profiles in {@link VirtualEmvCards} and the recorded traces of {@link EmvTraceCard} are
 * built on it; plug it into the vpcd reader with {@code VpcdCardEmulator}, or use {@code
 * card::process} as an in-process {@code ApduChannel}.
 *
 * <p>Unknown names answer {@code 6A82}, unknown records {@code 6A83}, GPO without a selected
 * application {@code 6985}, other instructions {@code 6D00}. Records every command it saw (commands
 * carry no card data). Called from one thread at a time, as {@link SmartCard} says.
 */
public final class VirtualEmvCard implements SmartCard {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private static final byte[] ATR = {
    0x3B,
    (byte) 0x8A,
    (byte) 0x80,
    0x01,
    0x45,
    0x4D,
    0x56,
    0x20,
    0x56,
    0x49,
    0x52,
    0x54,
    0x55,
    0x41,
    0x4C
  };

  private final String name;
  private final Map<String, byte[]> selects;
  private final Map<String, List<byte[]>> gpos;
  private final Map<String, List<byte[]>> records;
  private final Map<String, Integer> turns = new HashMap<>();
  private final List<String> commands = new ArrayList<>();
  private @Nullable String selected;

  private VirtualEmvCard(Builder b) {
    this.name = b.name;
    this.selects = Map.copyOf(b.selects);
    this.gpos = copy(b.gpos);
    this.records = copy(b.records);
  }

  private static Map<String, List<byte[]>> copy(Map<String, List<byte[]>> m) {
    Map<String, List<byte[]>> out = new HashMap<>();
    m.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return Map.copyOf(out);
  }

  /** A builder for a card called {@code name} (for test messages). */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The card's name, e.g. {@code visa-contactless}. */
  public String name() {
    return name;
  }

  @Override
  public byte[] atr() {
    return ATR.clone();
  }

  @Override
  public void reset() {
    selected = null;
  }

  /** The commands received so far, as upper-case hex. */
  public synchronized List<String> commands() {
    return List.copyOf(commands);
  }

  @Override
  public byte[] process(byte[] c) {
    synchronized (this) {
      commands.add(HEX.formatHex(c));
    }
    if (c.length < 4) {
      return sw(0x6700);
    }
    int cla = c[0] & 0xFF;
    int ins = c[1] & 0xFF;
    if (cla == 0x00 && ins == 0xA4) {
      if (c[2] != 0x04 || c.length < 5 || c.length < 5 + (c[4] & 0xFF)) {
        return sw(0x6A86);
      }
      String df = HEX.formatHex(Arrays.copyOfRange(c, 5, 5 + (c[4] & 0xFF)));
      byte[] fci = selects.get(df);
      if (fci == null) {
        // partial selection: the first name starting with the requested one
        for (Map.Entry<String, byte[]> e : selects.entrySet()) {
          if (e.getKey().startsWith(df) && df.length() >= 10) {
            selected = e.getKey();
            return e.getValue().clone();
          }
        }
        return sw(0x6A82);
      }
      selected = df;
      return fci.clone();
    }
    if (cla == 0x80 && ins == 0xA8) {
      byte[] r = selected == null ? null : inTurn(gpos, "gpo " + selected);
      return r == null ? sw(0x6985) : r.clone();
    }
    if (cla == 0x00 && ins == 0xB2) {
      byte[] r =
          selected == null
              ? null
              : inTurn(records, selected + "/" + HEX.toHexDigits(c[2]) + HEX.toHexDigits(c[3]));
      return r == null ? sw(0x6A83) : r.clone();
    }
    return sw(0x6D00);
  }

  /** The next of the answers for {@code key} (the last one again once all were given), or null. */
  private synchronized byte @Nullable [] inTurn(Map<String, List<byte[]>> answers, String key) {
    String k = key.startsWith("gpo ") ? key.substring(4) : key;
    List<byte[]> list = answers.get(k);
    if (list == null || list.isEmpty()) {
      return null;
    }
    int i = turns.merge(key, 1, Integer::sum) - 1;
    return list.get(Math.min(i, list.size() - 1));
  }

  private static byte[] sw(int sw) {
    return new byte[] {(byte) (sw >> 8), (byte) sw};
  }

  @Override
  public String toString() {
    return "VirtualEmvCard[" + name + "]";
  }

  /** Builds a {@link VirtualEmvCard}; every response includes its status word. */
  public static final class Builder {
    private final String name;
    private final Map<String, byte[]> selects = new HashMap<>();
    private final Map<String, List<byte[]>> gpos = new HashMap<>();
    private final Map<String, List<byte[]>> records = new HashMap<>();
    private boolean inTurn;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Keeps every response given for the same GPO or READ RECORD and answers them in turn (the last
     * one again after that), as a recorded session that had to ask twice; by default only the first
     * response given counts.
     */
    public Builder inTurn() {
      this.inTurn = true;
      return this;
    }

    private void add(Map<String, List<byte[]>> m, String key, byte[] response) {
      List<byte[]> list = m.computeIfAbsent(key, k -> new ArrayList<>());
      if (list.isEmpty() || inTurn) {
        list.add(response.clone());
      }
    }

    /** The response (FCI and status word) to SELECT of the DF {@code dfName}. */
    public Builder select(byte[] dfName, byte[] response) {
      selects.putIfAbsent(HEX.formatHex(dfName), response.clone());
      return this;
    }

    /** The response to GET PROCESSING OPTIONS while {@code dfName} is selected. */
    public Builder gpo(byte[] dfName, byte[] response) {
      add(gpos, HEX.formatHex(dfName), response);
      return this;
    }

    /** The response to READ RECORD {@code p1}/{@code p2} while {@code dfName} is selected. */
    public Builder record(byte[] dfName, int p1, int p2, byte[] response) {
      add(
          records,
          HEX.formatHex(dfName) + "/" + HEX.toHexDigits((byte) p1) + HEX.toHexDigits((byte) p2),
          response);
      return this;
    }

    /** Returns the card. */
    public VirtualEmvCard build() {
      return new VirtualEmvCard(this);
    }
  }
}
