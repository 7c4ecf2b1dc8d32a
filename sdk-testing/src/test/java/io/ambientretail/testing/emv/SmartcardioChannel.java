package io.ambientretail.testing.emv;

import io.ambientretail.payments.emv.CardConnector;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.TerminalFactory;

/** javax.smartcardio to the vpcd reader, as an ApduChannel connection, for tests. */
final class SmartcardioChannel implements CardConnector.Connection {
  private final Card card;
  private final CardChannel channel;

  private SmartcardioChannel(Card card) {
    this.card = card;
    this.channel = card.getBasicChannel();
  }

  static void useSystemPcscLite() {
    for (String lib :
        new String[] {
          "/usr/lib/x86_64-linux-gnu/libpcsclite.so.1",
          "/usr/lib/aarch64-linux-gnu/libpcsclite.so.1",
          "/usr/lib/libpcsclite.so.1"
        }) {
      if (Files.exists(Path.of(lib))) {
        System.setProperty("sun.security.smartcardio.library", lib);
        return;
      }
    }
  }

  static CardConnector vpcdConnector() {
    return timeout -> {
      try {
        CardTerminal t =
            TerminalFactory.getDefault().terminals().list().stream()
                .filter(x -> x.getName().startsWith("Virtual PCD"))
                .findFirst()
                .orElseThrow(() -> new IOException("no Virtual PCD reader in pcscd"));
        if (!t.waitForCardPresent(Math.max(1, timeout.toMillis()))) {
          throw new InterruptedIOException("no card within " + timeout.toMillis() + " ms");
        }
        return new SmartcardioChannel(t.connect("*"));
      } catch (CardException e) {
        throw new IOException("PC/SC: " + e.getMessage(), e);
      }
    };
  }

  static SmartcardioChannel connectVpcd(Duration timeout) throws IOException {
    return (SmartcardioChannel) vpcdConnector().connect(timeout);
  }

  @Override
  public byte[] transmit(byte[] command) throws IOException {
    try {
      return channel.transmit(new CommandAPDU(command)).getBytes();
    } catch (CardException | IllegalArgumentException e) {
      throw new IOException("PC/SC transmit failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      card.disconnect(false);
    } catch (CardException e) {
      throw new IOException(e);
    }
  }
}
