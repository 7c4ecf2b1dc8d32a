package io.ambientretail.store.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
  @TempDir Path tmp;

  @Test
  void create_makesAnOwnerOnlyFileWithTheContent_andItsParents() throws Exception {
    Path f = tmp.resolve("data/keys/token.key");
    SecretFile.create(f, "00112233\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(Files.readString(f)).isEqualTo("00112233\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
        .isEqualTo("rw-------");
  }

  @Test
  void create_neverOverwritesAnExistingFile() throws Exception {
    Path f = Files.writeString(tmp.resolve("token.key"), "old");
    assertThatThrownBy(() -> SecretFile.create(f, new byte[] {1}))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(f)).isEqualTo("old");
  }

  @Test
  void create_isOwnerOnlyFromTheFirstByte_evenUnderAPermissiveDirectory() throws Exception {
    // An empty secret: the file exists with no content written yet, and is already owner-only
    // (a chmod after writing would leave it world-readable while the key was being written).
    Path dir = Files.createDirectories(tmp.resolve("shared"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path f = dir.resolve("empty.key");
    SecretFile.create(f, new byte[0]);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
        .isEqualTo("rw-------");
  }
}
