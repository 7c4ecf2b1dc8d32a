package io.ambientretail.store.cli;

import io.ambientretail.core.AmbientException;
import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * The one line and the exit code that {@code ambient} prints for an error a command threw: what is
 * wrong and where (file, line, option), never a stack trace or an exception class name. Bad input
 * (a typed SDK error, a bad argument, a file that is missing, a directory, unreadable or not UTF-8,
 * a database that cannot be opened) exits with {@link ExitCode#USAGE}; anything else with {@link
 * ExitCode#PROBLEM}. Stateless.
 */
final class ErrorLine {
  /**
   * A leading {@code java.io.IOException: } that {@code Throwable.toString()} left in a message.
   */
  private static final Pattern CLASS_PREFIX =
      Pattern.compile("^(?:(?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): )+");

  private ErrorLine() {}

  /** The exit code for an error. */
  static int exitCode(Throwable ex) {
    Throwable t = unwrap(ex);
    if (t instanceof AmbientException
        || t instanceof IllegalArgumentException
        || t instanceof InputFileException
        || t instanceof FileNotFoundException
        || t instanceof NoSuchFileException
        || t instanceof AccessDeniedException
        || t instanceof CharacterCodingException
        || t instanceof FileSystemException
        || isUnnamedDirectory(t)
        || t instanceof SQLException
        || t.getCause() instanceof SQLException
        || t.getCause() instanceof FileSystemException) {
      return ExitCode.USAGE;
    }
    return ExitCode.PROBLEM;
  }

  /** The message for an error, on one line, without the {@code "ambient: "} prefix. */
  static String message(Throwable ex) {
    Throwable t = unwrap(ex);
    String msg;
    if (t instanceof AmbientException) {
      msg = "[" + ((AmbientException) t).code() + "] " + text(t);
    } else if (t instanceof NoSuchFileException) {
      msg = fileOf(t) + ": no such file";
    } else if (t instanceof AccessDeniedException) {
      msg = fileOf(t) + ": cannot be read or written (permission denied)";
    } else if (isDirectory(t)) {
      msg = fileOf(t) + ": is a directory, not a file";
    } else if (t instanceof FileSystemException) {
      FileSystemException f = (FileSystemException) t;
      msg = fileOf(t) + ": " + (f.getReason() == null ? "cannot be used" : f.getReason());
    } else if (isUnnamedDirectory(t)) {
      msg = "an input path is a directory, not a file";
    } else if (t instanceof CharacterCodingException) {
      msg = "an input file is not valid UTF-8; save it as UTF-8";
    } else if (t instanceof SQLException) {
      msg = "database error: " + text(t);
    } else {
      msg = text(t);
    }
    return msg.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }

  private static Throwable unwrap(Throwable ex) {
    Throwable t = ex;
    while (t instanceof UncheckedIOException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static boolean isDirectory(Throwable t) {
    return t instanceof FileSystemException
        && "Is a directory".equals(((FileSystemException) t).getReason());
  }

  /** The JDK's plain {@code IOException} for reading a directory opened as a file. */
  private static boolean isUnnamedDirectory(Throwable t) {
    return t.getClass() == java.io.IOException.class && "Is a directory".equals(t.getMessage());
  }

  private static String fileOf(Throwable t) {
    String f = ((FileSystemException) t).getFile();
    return f == null ? "a file" : f;
  }

  private static String text(Throwable t) {
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      return "unexpected " + t.getClass().getSimpleName() + " (rerun with --debug for details)";
    }
    return CLASS_PREFIX.matcher(m).replaceFirst("");
  }
}
