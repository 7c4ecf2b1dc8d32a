package io.ambientretail.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ErrorLineTest {
  @Test
  void uncheckedIoWrappingAnIoException_printsTheReasonWithoutAClassName() {
    UncheckedIOException e =
        new UncheckedIOException(
            new IOException(
                "cannot open database jdbc:postgresql://127.0.0.1:1/x: Connection refused",
                new SQLException("Connection refused")));
    assertThat(ErrorLine.message(e))
        .isEqualTo("cannot open database jdbc:postgresql://127.0.0.1:1/x: Connection refused");
    assertThat(ErrorLine.exitCode(e)).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void messageCarryingAnotherExceptionsToString_losesTheClassName() {
    RuntimeException e =
        new RuntimeException(
            "java.lang.IllegalStateException: java.io.IOException: journal is open elsewhere");
    assertThat(ErrorLine.message(e)).isEqualTo("journal is open elsewhere");
  }

  @Test
  void fileErrors_nameTheFileAndExit2() {
    assertThat(ErrorLine.message(new NoSuchFileException("sales.csv")))
        .isEqualTo("sales.csv: no such file");
    assertThat(ErrorLine.message(new FileSystemException("data", null, "Is a directory")))
        .isEqualTo("data: is a directory, not a file");
    assertThat(ErrorLine.exitCode(new FileSystemException("data", null, "Is a directory")))
        .isEqualTo(ExitCode.USAGE);
    assertThat(ErrorLine.message(new IOException("Is a directory")))
        .isEqualTo("an input path is a directory, not a file");
    assertThat(ErrorLine.exitCode(new IOException("Is a directory"))).isEqualTo(ExitCode.USAGE);
    assertThat(ErrorLine.message(new MalformedInputException(1)))
        .doesNotContain("Input length")
        .contains("not valid UTF-8");
  }

  @Test
  void inputFileException_isPrintedAsIsAndExits2() {
    InputFileException e = new InputFileException("p.yaml", 4, "not valid UTF-8 (byte 0xff)");
    assertThat(ErrorLine.message(e)).isEqualTo("p.yaml line 4: not valid UTF-8 (byte 0xff)");
    assertThat(ErrorLine.exitCode(e)).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void multiLineMessage_becomesOneLine_andNullMessageSaysWhatHappened() {
    assertThat(ErrorLine.message(new IllegalStateException("first\n  second\r\nthird")))
        .isEqualTo("first second third");
    assertThat(ErrorLine.message(new IllegalStateException()))
        .isEqualTo("unexpected IllegalStateException (rerun with --debug for details)");
    assertThat(ErrorLine.exitCode(new IllegalStateException())).isEqualTo(ExitCode.PROBLEM);
  }
}
