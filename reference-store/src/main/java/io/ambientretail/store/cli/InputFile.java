package io.ambientretail.store.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one way {@code ambient} commands open the files a user names: a sales CSV, a policy, a replay
 * log. Whatever is wrong with the file comes back as an {@link InputFileException} whose message
 * names the file and, for content, the line: a missing file, a directory, a file that cannot be
 * read, bytes that are not UTF-8. {@link AmbientMain} prints it as one line and exits with {@link
 * ExitCode#USAGE}.
 *
 * <pre>{@code
 * InputFile sales = InputFile.of(path);
 * try (Reader r = sales.openUtf8()) {
 *   SalesHistory h = SalesCsv.read(r, sales.name(), InputLimits.defaults());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe; each reader it opens belongs to the caller, who closes it.
 */
public final class InputFile {
  private final Path path;
  private final String name;

  private InputFile(Path path) {
    this.path = path;
    this.name = path.toString();
  }

  /** The file at a path, as the user gave it (the path is also how messages name it). */
  public static InputFile of(Path path) {
    return new InputFile(path);
  }

  /** The path of the file. */
  public Path path() {
    return path;
  }

  /** How messages name the file: the path as the user gave it. */
  public String name() {
    return name;
  }

  /**
   * Opens the file as strict UTF-8 text (buffered). Reading from the reader fails with an {@link
   * InputFileException} naming the line of the first byte that is not UTF-8.
   *
   * @throws InputFileException if the file is missing, a directory, or cannot be read
   */
  public Reader openUtf8() throws InputFileException {
    return new BufferedReader(new StrictUtf8Reader(openBytes(), name));
  }

  /**
   * Reads the whole file as strict UTF-8 text, refusing a file of more than {@code maxChars}
   * characters before reading all of it.
   *
   * @throws InputFileException if the file is missing, a directory, unreadable, not UTF-8, or
   *     longer than {@code maxChars}
   */
  public String readUtf8(int maxChars) throws InputFileException {
    if (maxChars < 0) {
      throw new IllegalArgumentException("maxChars must be 0 or more, was " + maxChars);
    }
    StringBuilder sb = new StringBuilder();
    char[] buf = new char[8192];
    try (Reader r = openUtf8()) {
      for (int n; (n = r.read(buf)) >= 0; ) {
        if (sb.length() + n > maxChars) {
          throw new InputFileException(name, 0, "longer than " + maxChars + " characters");
        }
        sb.append(buf, 0, n);
      }
    } catch (InputFileException e) {
      throw e;
    } catch (IOException e) {
      throw describe(e);
    }
    return sb.toString();
  }

  /**
   * Opens the file's bytes, for binary input or a parser that decodes itself.
   *
   * @throws InputFileException if the file is missing, a directory, or cannot be read
   */
  public InputStream openBytes() throws InputFileException {
    if (Files.isDirectory(path)) {
      throw new InputFileException(name, 0, "is a directory, not a file");
    }
    if (!Files.exists(path)) {
      throw new InputFileException(name, 0, "no such file");
    }
    if (!Files.isReadable(path)) {
      throw new InputFileException(name, 0, "cannot be read (permission denied)");
    }
    try {
      return Files.newInputStream(path);
    } catch (IOException e) {
      throw describe(e);
    }
  }

  private InputFileException describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return new InputFileException(name, 0, "no such file");
    }
    if (e instanceof AccessDeniedException) {
      return new InputFileException(name, 0, "cannot be read (permission denied)");
    }
    String reason =
        e instanceof FileSystemException && ((FileSystemException) e).getReason() != null
            ? ((FileSystemException) e).getReason()
            : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new InputFileException(name, 0, "cannot be read: " + reason);
  }

  @Override
  public String toString() {
    return "InputFile[" + name + "]";
  }
}
