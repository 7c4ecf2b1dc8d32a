package io.ambientretail.examples.devices;

import io.ambientretail.core.DeviceId;
import io.ambientretail.devices.CardEvent;
import io.ambientretail.devices.smartcard.CardReader;
import io.ambientretail.devices.smartcard.CardSession;
import io.ambientretail.devices.smartcard.ReaderPattern;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches a PC/SC card reader: prints each card inserted (with its ATR and the answer to SELECT of
 * the contactless payment directory) and removed. Usage: {@code WatchCardReader ["Reader*"]
 * [seconds]}. It keeps working when pcscd restarts.
 */
public final class WatchCardReader {
  private static final byte[] SELECT_PPSE =
      HexFormat.of().parseHex("00A404000E325041592E5359532E444446303100");

  private WatchCardReader() {}

  /** Watches readers matching {@code pattern} for {@code watchFor}; returns cards seen. */
  public static int run(String pattern, PrintStream out, Duration watchFor) throws Exception {
    AtomicInteger cards = new AtomicInteger();
    try (CardReader reader =
        CardReader.builder(DeviceId.of("card-1"), ReaderPattern.of(pattern)).build()) {
      reader.addListener(
          e -> {
            if (e instanceof CardEvent c && c.present()) {
              cards.incrementAndGet();
              out.println("card in  ATR " + HexFormat.of().withUpperCase().formatHex(c.atr()));
              try (CardSession s = reader.connect("*")) {
                byte[] r = s.channel().transmit(SELECT_PPSE); // 61xx/6Cxx handled for us
                out.println(
                    "  SELECT PPSE -> SW "
                        + HexFormat.of().withUpperCase().formatHex(r, r.length - 2, r.length));
              } catch (java.io.IOException ex) {
                out.println("  card did not answer: " + ex.getMessage());
              }
            } else if (e instanceof CardEvent) {
              out.println("card out");
            }
          });
      reader.open();
      reader.claim(Duration.ofSeconds(10));
      reader.enable();
      out.println("watching " + pattern + " for " + watchFor.toSeconds() + " s");
      new CountDownLatch(1).await(watchFor.toMillis(), TimeUnit.MILLISECONDS);
    }
    return cards.get();
  }

  /** Entry point: {@code WatchCardReader [PATTERN] [SECONDS]}. */
  public static void main(String[] args) throws Exception {
    run(
        args.length > 0 ? args[0] : "*",
        System.out,
        Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 60));
  }
}
