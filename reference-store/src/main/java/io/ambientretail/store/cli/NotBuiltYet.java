package io.ambientretail.store.cli;

import java.io.PrintWriter;

/** Answers a subcommand whose module is not built yet: one line on stderr and exit code 2. */
final class NotBuiltYet {
  private NotBuiltYet() {}

  static int report(PrintWriter err, String command, String module) {
    err.println("ambient: '" + command + "' is not built yet (it comes with " + module + ")");
    err.flush();
    return ExitCode.USAGE;
  }
}
