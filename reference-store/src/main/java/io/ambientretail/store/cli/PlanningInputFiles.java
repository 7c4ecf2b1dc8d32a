package io.ambientretail.store.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks the files a forecasting or planning command is given before it reads them, so that a
 * missing file, a directory or an unreadable file is one line naming the option and the file (exit
 * 2) rather than a bare path or "Is a directory".
 */
final class PlanningInputFiles {
  private PlanningInputFiles() {}

  /**
   * Fails with a usage error unless {@code file} is a readable regular file.
   *
   * @param option the option that named the file, such as {@code --sales}
   */
  static void requireReadable(CommandSpec spec, String option, Path file) {
    String problem = null;
    if (Files.isDirectory(file)) {
      problem = "is a directory, not a file";
    } else if (!Files.exists(file)) {
      problem = "no such file";
    } else if (!Files.isRegularFile(file)) {
      problem = "not a regular file";
    } else if (!Files.isReadable(file)) {
      problem = "cannot be read (permission denied)";
    }
    if (problem != null) {
      throw new ParameterException(spec.commandLine(), option + " " + file + ": " + problem);
    }
  }
}
