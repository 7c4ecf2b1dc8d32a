package io.ambientretail.privacy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.privacy.PrivacyException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditEntryTest {
  /** The canonical encoding written out independently, field by field, as docs/privacy.md says. */
  private static byte[] reference(long seq, long micros, AuditEvent e, Sha256Hash prev)
      throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(0x00);
    out.writeByte(1);
    out.writeLong(seq);
    out.writeLong(micros);
    out.writeByte(e.outcome() == AuditOutcome.SUCCESS ? 0 : 1);
    for (String s : new String[] {e.actor(), e.action(), e.origin(), e.resource(), e.detail()}) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    }
    out.write(prev.bytes());
    return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
  }

  @Test
  void hash_isSha256OfTheDocumentedEncoding_forAnyText() throws Exception {
    String[] texts = {"plain", "é ü ß", "€ 漢字", "emoji \uD83D\uDED2 cart", "", "x".repeat(3000)};
    EntryHasher hasher = new EntryHasher();
    Sha256Hash prev = AuditEntry.GENESIS;
    for (int i = 0; i < texts.length; i++) {
      AuditEvent e =
          AuditEvent.builder()
              .actor("a" + texts[i % 3])
              .action("act")
              .outcome(i % 2 == 0 ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE)
              .origin("o" + texts[(i + 1) % 4])
              .resource("r" + texts[i % 4])
              .detail(texts[i])
              .build();
      Instant t = Instant.parse("2026-11-27T10:00:00.000123Z").plusSeconds(i);
      AuditEntry entry = AuditEntry.create(i, t, e, prev, hasher);
      assertThat(entry.hash().bytes())
          .as(texts[i])
          .isEqualTo(reference(i, entry.timeMicros(), e, prev));
      prev = entry.hash();
    }
  }

  @Test
  void of_subMicrosecondTime_isRefused() {
    AuditEvent e = AuditFixtures.event(1);
    assertThatThrownBy(
            () ->
                AuditEntry.of(
                    0,
                    Instant.parse("2026-11-27T10:00:00.000000001Z"),
                    e,
                    AuditEntry.GENESIS,
                    AuditEntry.GENESIS))
        .isInstanceOf(PrivacyException.class)
        .hasMessageContaining("microsecond");
    assertThatThrownBy(
            () -> AuditEntry.of(-1, Instant.EPOCH, e, AuditEntry.GENESIS, AuditEntry.GENESIS))
        .hasMessageContaining("negative");
  }

  @Test
  void sha256Hash_parseHex_badInputNamesPosition() {
    assertThatThrownBy(() -> Sha256Hash.parseHex("0".repeat(63) + "g"))
        .hasMessageContaining("position 63");
    assertThatThrownBy(() -> Sha256Hash.parseHex("00")).hasMessageContaining("64");
    assertThat(Sha256Hash.parseHex("AB".repeat(32)).hex()).isEqualTo("ab".repeat(32));
  }
}
