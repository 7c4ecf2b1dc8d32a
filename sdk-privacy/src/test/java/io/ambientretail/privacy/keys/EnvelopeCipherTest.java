package io.ambientretail.privacy.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.privacy.SubjectId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnvelopeCipherTest {
  private final InMemoryKeyStore kms = InMemoryKeyStore.create(new SecureRandom());
  private final EnvelopeCipher cipher = EnvelopeCipher.create(kms, new SecureRandom());
  private final byte[] data =
      "{\"receipt\":\"R-1001\",\"total\":1234}".getBytes(StandardCharsets.UTF_8);
  private final byte[] aad = "receipt/R-1001".getBytes(StandardCharsets.UTF_8);

  @BeforeEach
  void firstKek() throws Exception {
    kms.rotate("S001");
  }

  @Test
  void encryptDecrypt_roundTrips_andHidesThePlaintext() throws Exception {
    byte[] sealed = cipher.encrypt("S001", data, aad);
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("R-1001\",");
    assertThat(cipher.decrypt(sealed, aad)).isEqualTo(data);
    assertThat(cipher.encrypt("S001", data, aad)).isNotEqualTo(sealed);
  }

  @Test
  void rotation_oldEnvelopesStillOpen_rewrapMovesThemAndOldKekCanGo() throws Exception {
    byte[] old = cipher.encrypt("S001", data, aad);
    assertThat(kms.rotate("S001")).isEqualTo(2);
    byte[] fresh = cipher.encrypt("S001", data, aad);
    assertThat(cipher.kekVersion(fresh)).isEqualTo(2);
    assertThat(cipher.decrypt(old, aad)).isEqualTo(data);

    byte[] moved = cipher.rewrap(old);
    assertThat(cipher.kekVersion(moved)).isEqualTo(2);
    kms.destroy("S001", 1);
    assertThat(cipher.decrypt(moved, aad)).isEqualTo(data);
    assertThatThrownBy(() -> cipher.decrypt(old, aad))
        .isInstanceOf(UnknownKeyException.class)
        .hasMessageContaining("version 1");
  }

  @Test
  void decrypt_wrongAssociatedDataOrFlippedBit_fails() throws Exception {
    byte[] sealed = cipher.encrypt("S001", data, aad);
    assertThatThrownBy(
            () -> cipher.decrypt(sealed, "receipt/R-1002".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AEADBadTagException.class);
    for (int i = 0; i < sealed.length; i++) {
      byte[] bad = sealed.clone();
      bad[i] ^= 0x01;
      assertThatThrownBy(() -> cipher.decrypt(bad, aad))
          .as("bit flipped at %d", i)
          .isInstanceOf(GeneralSecurityException.class);
    }
  }

  @Test
  void decrypt_truncatedOrGarbage_failsNamingTheOffset() throws Exception {
    byte[] sealed = cipher.encrypt("S001", data, aad);
    for (int len = 0; len < sealed.length; len++) {
      byte[] cut = Arrays.copyOf(sealed, len);
      assertThatThrownBy(() -> cipher.decrypt(cut, aad))
          .as("length %d", len)
          .isInstanceOf(GeneralSecurityException.class);
    }
    assertThatThrownBy(() -> cipher.decrypt(new byte[] {9, 9, 9, 9, 9, 9, 9}, aad))
        .hasMessageContaining("offset 0");
  }

  @Test
  void keyStore_wrongVersionOrPrimaryDestroy_isRefused() throws Exception {
    assertThatThrownBy(() -> kms.destroy("S001", 1)).hasMessageContaining("primary");
    assertThatThrownBy(() -> kms.unwrap(new WrappedKey("S001", 7, new byte[40])))
        .isInstanceOf(UnknownKeyException.class)
        .hasMessageContaining("version 7");
    assertThatThrownBy(() -> cipher.encrypt("S999", data, aad))
        .isInstanceOf(UnknownKeyException.class)
        .hasMessageContaining("S999");
  }

  @Test
  void subjectVault_shred_makesEveryRecordUnreadable() throws Exception {
    SubjectVault vault = SubjectVault.create(kms, "S001", new SecureRandom());
    SubjectId alice = SubjectId.of("loyalty:1");
    SubjectId bob = SubjectId.of("loyalty:2");
    byte[] a1 = vault.encrypt(alice, data, aad);
    byte[] a2 = vault.encrypt(alice, "second".getBytes(StandardCharsets.UTF_8), aad);
    byte[] b1 = vault.encrypt(bob, data, aad);
    assertThatThrownBy(() -> vault.decrypt(bob, a1, aad))
        .isInstanceOf(GeneralSecurityException.class);
    assertThat(vault.shred(alice)).isTrue();
    assertThatThrownBy(() -> vault.decrypt(alice, a1, aad)).isInstanceOf(UnknownKeyException.class);
    assertThatThrownBy(() -> vault.decrypt(alice, a2, aad)).isInstanceOf(UnknownKeyException.class);
    assertThat(vault.decrypt(bob, b1, aad)).isEqualTo(data);
  }
}
