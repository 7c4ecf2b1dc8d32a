package io.ambientretail.store.privacy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates a file that holds a secret (a tokenization key, a signing key) readable and writable by
 * its owner only from its first byte: the permissions are given when the file is created, not set
 * after the secret was written, so no other user can open it in between.
 *
 * <p>On a file system without POSIX permissions the file is created with the file system's
 * defaults. Stateless.
 */
public final class SecretFile {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private SecretFile() {}

  /**
   * Creates {@code file} (and its missing parent directories) owner-only, writes {@code content}
   * and forces it to the device.
   *
   * @throws java.nio.file.FileAlreadyExistsException if the file exists: a secret is never
   *     overwritten
   * @throws IOException if the file cannot be created or written
   */
  public static void create(Path file, byte[] content) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] attrs =
        posix
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
            : new FileAttribute<?>[0];
    try (FileChannel ch =
        FileChannel.open(
            file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attrs)) {
      ByteBuffer b = ByteBuffer.wrap(content);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
  }
}
