package io.ambientretail.store.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The entry point of {@code ambient}: parses the command line, runs the subcommand and turns errors
 * into the contract's one-line messages and exit codes.
 */
public final class AmbientMain {
  private AmbientMain() {}

  /** Runs {@code ambient} and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Runs {@code ambient} with the given streams and returns the exit code; for tests and embedding.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    boolean debug = Arrays.asList(args).contains("--debug");
    CommandLine cli = new CommandLine(new AmbientCommand());
    HelpLayout.apply(cli);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(ErrorLine::exitCode);
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          PrintWriter e = ex.getCommandLine().getErr();
          e.println(
              "ambient: "
                  + ex.getMessage()
                  + " (see '"
                  + ex.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help')");
          if (debug) {
            ex.printStackTrace(e);
          }
          e.flush();
          return ExitCode.USAGE;
        });
    cli.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          PrintWriter e = c.getErr();
          e.println("ambient: " + ErrorLine.message(ex));
          if (debug) {
            ex.printStackTrace(e);
          }
          e.flush();
          return ErrorLine.exitCode(ex);
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
