package io.ambientretail.store.cli;

/** The exit codes of every {@code ambient} subcommand, as the CLI contract fixes them. */
public final class ExitCode {
  /** The work ran and succeeded. */
  public static final int OK = 0;

  /** The work ran and found a problem (a tampered log, a failed check). */
  public static final int PROBLEM = 1;

  /** Bad usage or bad input. */
  public static final int USAGE = 2;

  private ExitCode() {}
}
