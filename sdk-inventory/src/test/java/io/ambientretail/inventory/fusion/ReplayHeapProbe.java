package io.ambientretail.inventory.fusion;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Replays a {@link ManyShoppersDay} in this JVM (started by {@code ReplayMemoryTest} with a small
 * {@code -Xmx}) and prints {@code receipts=N live=BYTES}, where live is the heap in use after a
 * full collection at the moment the most shoppers are known, or {@code limit=CODE line=N} when the
 * replay refused the input. Arguments: shoppers, track samples per shopper, {@code leave} or {@code
 * stay}.
 */
final class ReplayHeapProbe {
  private ReplayHeapProbe() {}

  public static void main(String[] args) throws Exception {
    int shoppers = Integer.parseInt(args[0]);
    int tracks = Integer.parseInt(args[1]);
    boolean leave = args[2].equals("leave");
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long[] live = {0};
    long[] receipts = {0};
    // Staying shoppers get their receipts when the input ends: measure at the first, when all of
    // them are still known. Leaving shoppers are forgotten as they go: measure at the last.
    long measureAt = leave ? shoppers - 1 : 0;
    CartListener listener =
        new CartListener() {
          @Override
          public void cartUpdated(CartUpdate update) {}

          @Override
          public void receipt(Receipt receipt) {
            if (receipts[0]++ == measureAt) {
              System.gc();
              live[0] = memory.getHeapMemoryUsage().getUsed();
            }
          }
        };
    try (ReplayReader in =
        ReplayReader.open(new ManyShoppersDay(shoppers, tracks, leave), ReplayLimits.defaults())) {
      FusionReplay.stream(in, FusionConfig.defaults(), listener);
    } catch (ReplayFormatException e) {
      System.out.println("limit=" + e.code() + " line=" + e.line());
      return;
    }
    System.out.println("receipts=" + receipts[0] + " live=" + live[0]);
  }
}
