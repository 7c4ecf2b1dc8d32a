package io.ambientretail.examples.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ambientretail.devices.SmartCard;
import io.ambientretail.devices.smartcard.VpcdCardEmulator;
import io.ambientretail.devices.smartcard.VpcdLock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WatchCardReaderTest {
  /** A card with a payment directory that answers SELECT with 9000. */
  static final class PpseCard implements SmartCard {
    @Override
    public byte[] atr() {
      return new byte[] {0x3B, (byte) 0x80, (byte) 0x80, 0x01, 0x01};
    }

    @Override
    public byte[] process(byte[] c) {
      return c[1] == (byte) 0xA4
          ? new byte[] {0x6F, 0x00, (byte) 0x90, 0x00}
          : new byte[] {0x6D, 0x00};
    }
  }

  @Test
  void run_cardInsertedIntoVpcd_isPrintedWithAtrAndSelectAnswer() throws Exception {
    boolean vpcd = VpcdLock.vpcdListening();
    assumeTrue(vpcd, "pcscd with vsmartcard-vpcd is not running (scripts/test starts it)");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (VpcdLock lock = VpcdLock.acquire(Duration.ofSeconds(120))) {
      CompletableFuture<Integer> watching =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return WatchCardReader.run("Virtual PCD*", out, Duration.ofSeconds(15));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      // the card goes in once the watcher watches: one already in when it starts is not news
      long watching0 = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!bytes.toString(StandardCharsets.UTF_8).contains("watching ")
          && System.nanoTime() < watching0
          && !watching.isDone()) {
        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
      assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("watching Virtual PCD*");
      try (VpcdCardEmulator card =
          VpcdCardEmulator.insert(new PpseCard(), VpcdCardEmulator.DEFAULT_ADDRESS)) {
        // the card stays in until the watcher has answered (pcscd notices a card within a poll)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(12);
        while (!bytes.toString(StandardCharsets.UTF_8).contains("SELECT PPSE")
            && System.nanoTime() < deadline) {
          java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
      }
      assertThat(watching.get(30, TimeUnit.SECONDS)).isEqualTo(1);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("card in  ATR 3B80800101", "SELECT PPSE -> SW 9000", "card out");
  }
}
