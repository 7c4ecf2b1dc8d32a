package io.ambientretail.payments.emv;

import io.ambientretail.devices.ApduChannel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A test card answering commands whose hex starts with a given prefix; 6A82 otherwise. */
final class ScriptedCard implements ApduChannel {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private final Map<String, byte[]> answers = new LinkedHashMap<>();
  final List<String> seen = new ArrayList<>();

  ScriptedCard on(String commandPrefix, String responseHex) {
    answers.put(
        commandPrefix.toUpperCase(java.util.Locale.ROOT),
        HEX.parseHex(responseHex.replace(" ", "")));
    return this;
  }

  @Override
  public byte[] transmit(byte[] command) {
    String c = HEX.formatHex(command);
    seen.add(c);
    for (Map.Entry<String, byte[]> e : answers.entrySet()) {
      if (c.startsWith(e.getKey())) {
        return e.getValue().clone();
      }
    }
    return new byte[] {0x6A, (byte) 0x82};
  }
}
