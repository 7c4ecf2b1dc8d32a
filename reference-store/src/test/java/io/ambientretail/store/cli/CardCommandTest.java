package io.ambientretail.store.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ambientretail.devices.smartcard.VpcdCardEmulator;
import io.ambientretail.devices.smartcard.VpcdLock;
import io.ambientretail.testing.PanLeakScanner;
import io.ambientretail.testing.emv.VirtualEmvCard;
import io.ambientretail.testing.emv.VirtualEmvCards;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ambient card read} against virtual cards in the vpcd reader, through pcscd. */
class CardCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir Path tmp;

  @BeforeAll
  static void requirePcscdWithVpcd() {
    boolean listening;
    try (Socket s = new Socket("127.0.0.1", 35963)) {
      listening = true;
    } catch (IOException e) {
      listening = false;
    }
    assumeTrue(listening, "pcscd with vsmartcard-vpcd is not running (scripts/test starts it)");
  }

  private int readWith(VirtualEmvCard card, String... extra) throws Exception {
    String[] withKey = new String[extra.length + 2];
    withKey[0] = "--token-key-file";
    withKey[1] = tmp.resolve("data/token.key").toString();
    System.arraycopy(extra, 0, withKey, 2, extra.length);
    return readWithout(card, withKey);
  }

  private int readWithout(VirtualEmvCard card, String... extra) throws Exception {
    try (VpcdLock lock = VpcdLock.acquire(Duration.ofSeconds(120))) {
      String[] base = {"card", "read", "--reader", "Virtual PCD", "--wait", "10"};
      String[] args = new String[base.length + extra.length];
      System.arraycopy(base, 0, args, 0, base.length);
      System.arraycopy(extra, 0, args, base.length, extra.length);
      int code;
      try (VpcdCardEmulator emulator =
          VpcdCardEmulator.insert(card, VpcdCardEmulator.DEFAULT_ADDRESS)) {
        code = AmbientMain.run(args, new PrintWriter(out), new PrintWriter(err));
      }
      CardTerminal t =
          TerminalFactory.getDefault().terminals().list().stream()
              .filter(x -> x.getName().startsWith("Virtual PCD"))
              .findFirst()
              .orElseThrow();
      assertThat(t.waitForCardAbsent(10_000)).isTrue();
      return code;
    }
  }

  @Test
  void read_printsTheContractLine_withMaskedPanAndToken_andWritesNoPan() throws Exception {
    assertThat(
            readWith(
                VirtualEmvCards.visa(VirtualEmvCards.Interface.CONTACTLESS),
                "--amount",
                "2.50",
                "--currency",
                "EUR"))
        .as(err.toString())
        .isZero();
    String line = out.toString().strip();
    assertThat(line.lines()).hasSize(1);
    assertThat(line)
        .startsWith("{\"reader\":\"Virtual PCD")
        .contains(
            "\"aid\":\"A0000000031010\"",
            "\"brand\":\"VISA\"",
            "\"label\":\"VISA CREDIT\"",
            "\"maskedPan\":\"476173******0119\"",
            "\"expiry\":\"2031-12\"",
            "\"token\":\"v2:",
            "\"panSequence\":\"01\"")
        .doesNotContain(VirtualEmvCards.VISA_PAN);
    // the same card and key give the same token; the key file was created once
    String first = line;
    out.getBuffer().setLength(0);
    assertThat(readWith(VirtualEmvCards.visa(VirtualEmvCards.Interface.CONTACT))).isZero();
    assertThat(token(out.toString())).isEqualTo(token(first));
    Files.writeString(tmp.resolve("stdout.txt"), first + out + err, StandardCharsets.UTF_8);
    assertThat(PanLeakScanner.allowing(VirtualEmvCards.AID_DIGIT_RUNS).scan(tmp)).isEmpty();
  }

  @Test
  void read_withoutTokenKeyFile_printsTheContractLine_andWritesNoFile() throws Exception {
    Path defaultKey = Path.of("data", "token.key");
    boolean existedBefore = Files.exists(defaultKey);
    assertThat(readWithout(VirtualEmvCards.mastercard(VirtualEmvCards.Interface.CONTACT)))
        .as(err.toString())
        .isZero();
    String line = out.toString().strip();
    assertThat(line.lines()).hasSize(1);
    assertThat(line)
        .startsWith("{\"reader\":\"Virtual PCD")
        .contains(
            "\"aid\":",
            "\"brand\":\"MASTERCARD\"",
            "\"maskedPan\":",
            "\"expiry\":",
            "\"token\":\"v2:",
            "\"panSequence\":",
            "\"label\":")
        .doesNotContain(VirtualEmvCards.MASTERCARD_PAN);
    assertThat(err.toString()).contains("one-off key");
    assertThat(Files.exists(defaultKey)).isEqualTo(existedBefore);
  }

  @Test
  void help_namesOnlySpecOptionsPlusTheDocumentedAddition() {
    int code =
        AmbientMain.run(
            new String[] {"card", "read", "--help"}, new PrintWriter(out), new PrintWriter(err));
    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("--reader", "--amount", "--currency", "--wait", "--token-key-file", "Example");
  }

  @Test
  void noCard_exits1WithOneLine() throws Exception {
    try (VpcdLock lock = VpcdLock.acquire(Duration.ofSeconds(120))) {
      int code =
          AmbientMain.run(
              new String[] {
                "card",
                "read",
                "--reader",
                "Virtual PCD",
                "--wait",
                "1",
                "--token-key-file",
                tmp.resolve("k").toString()
              },
              new PrintWriter(out),
              new PrintWriter(err));
      assertThat(code).isEqualTo(1);
      assertThat(err.toString().strip().lines()).hasSize(1);
      assertThat(err.toString()).contains("no card");
      assertThat(out.toString()).isEmpty();
    }
  }

  @Test
  void unknownReader_exits1NamingIt() {
    int code =
        AmbientMain.run(
            new String[] {"card", "read", "--reader", "No Such Reader 9"},
            new PrintWriter(out),
            new PrintWriter(err));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString()).contains("No Such Reader 9");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void badAmount_exits2BeforeTouchingAReader() {
    int code =
        AmbientMain.run(
            new String[] {"card", "read", "--amount", "1,00"},
            new PrintWriter(out),
            new PrintWriter(err));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--amount '1,00'");
  }

  private static String token(String line) {
    int i = line.indexOf("\"token\":\"");
    return line.substring(i, line.indexOf('"', i + 9));
  }
}
