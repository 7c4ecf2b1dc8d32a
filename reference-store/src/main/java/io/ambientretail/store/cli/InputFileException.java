package io.ambientretail.store.cli;

import java.io.IOException;

/**
 * An input file of a command could not be read as text: it is missing, a directory, not readable,
 * or not valid UTF-8. The message names the file (as the user gave it), the 1-based line where one
 * applies, and what is wrong, in the form {@code "sales.csv line 3: not valid UTF-8 (byte 0xff)"},
 * fit for a one-line command-line error; {@link AmbientMain} exits with {@link ExitCode#USAGE}.
 */
public final class InputFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;
  private final String problem;

  /**
   * Creates the exception.
   *
   * @param file the file as the user named it
   * @param line the 1-based line, or 0 when the problem is not on one line
   * @param problem what is wrong, without the file name
   */
  public InputFileException(String file, long line, String problem) {
    super(file + (line > 0 ? " line " + line : "") + ": " + problem);
    this.file = file;
    this.line = line;
    this.problem = problem;
  }

  /** The file as the user named it. */
  public String file() {
    return file;
  }

  /** The 1-based line where the input went wrong, or 0 when not on one line. */
  public long line() {
    return line;
  }

  /** What is wrong, without the file name. */
  public String problem() {
    return problem;
  }
}
