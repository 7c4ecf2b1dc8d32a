package io.ambientretail.inventory.fusion;

import java.io.Reader;

/**
 * A replay day of many shoppers generated as it is read, so a test can replay 100,000 shoppers
 * without the file itself taking memory: one lane, then for each shopper an {@code enter} line,
 * {@code tracks} track samples 100 ms apart and, when {@code leave}, an {@code exit} line.
 */
final class ManyShoppersDay extends Reader {
  private static final String LANE =
      "{\"v\":1,\"t\":0,\"type\":\"lane\",\"lane\":\"S1-L1\",\"shelf\":\"S1\","
          + "\"sku\":\"05012345678900\",\"unitGrams\":330.0,\"gramsStd\":2.5,\"x\":0.0,\"y\":0.0}\n";

  private final int shoppers;
  private final int tracks;
  private final boolean leave;
  private final StringBuilder pending = new StringBuilder(LANE);
  private int pos;
  private int next;

  ManyShoppersDay(int shoppers, int tracks, boolean leave) {
    this.shoppers = shoppers;
    this.tracks = tracks;
    this.leave = leave;
  }

  @Override
  public int read(char[] buf, int off, int len) {
    while (pos == pending.length()) {
      if (next == shoppers) {
        return -1;
      }
      pending.setLength(0);
      pos = 0;
      long t = 1000L + next * 10L;
      String id = "p" + next;
      pending.append("{\"v\":1,\"t\":").append(t);
      pending.append(",\"type\":\"enter\",\"shopper\":\"").append(id).append("\"}\n");
      for (int k = 0; k < tracks; k++) {
        pending.append("{\"v\":1,\"t\":").append(t);
        pending.append(",\"type\":\"track\",\"shopper\":\"").append(id);
        pending.append("\",\"x\":").append(k * 0.01).append(",\"y\":1.0}\n");
      }
      if (leave) {
        pending.append("{\"v\":1,\"t\":").append(t);
        pending.append(",\"type\":\"exit\",\"shopper\":\"").append(id).append("\"}\n");
      }
      next++;
    }
    int n = Math.min(len, pending.length() - pos);
    pending.getChars(pos, pos + n, buf, off);
    pos += n;
    return n;
  }

  @Override
  public void close() {}
}
