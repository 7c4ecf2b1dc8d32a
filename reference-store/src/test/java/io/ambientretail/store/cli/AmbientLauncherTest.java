package io.ambientretail.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./ambient} launcher script, run with a scripted {@code mvn} and {@code java} on the
 * PATH: its first build says what Maven is doing, and it runs the jar it built.
 */
class AmbientLauncherTest {
  private static final String MAVEN_OUTPUT =
      String.join(
          "\n",
          "[INFO] Scanning for projects...",
          "[INFO] Building Ambient Retail SDK: sdk-core 0.1.0-SNAPSHOT               [1/2]",
          "[INFO] --- maven-compiler-plugin:3.14.1:compile (default-compile) @ sdk-core ---",
          "[INFO] --- maven-jar-plugin:3.4.2:jar (default-jar) @ sdk-core ---",
          "[INFO] Building jar: /x/sdk-core/target/sdk-core-0.1.0-SNAPSHOT.jar",
          "[INFO] Building Ambient Retail SDK: reference-store 0.1.0-SNAPSHOT        [2/2]",
          "[INFO] --- maven-compiler-plugin:3.14.1:compile (default-compile) @ reference-store ---",
          "[INFO] --- maven-shade-plugin:3.6.0:shade (default) @ reference-store ---",
          "[INFO] BUILD SUCCESS");

  @TempDir Path root;
  private Path bin;

  @BeforeEach
  void setUp() throws IOException {
    Path script = Path.of("..", "ambient").toAbsolutePath().normalize();
    Files.copy(script, root.resolve("ambient"));
    Files.createDirectories(root.resolve("reference-store/src/main/java"));
    bin = Files.createDirectories(root.resolve("fake-bin"));
    executable(bin.resolve("java"), "#!/bin/sh\necho \"java $*\"\n");
  }

  private static void executable(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
  }

  /** A scripted mvn: prints Maven-like output and builds the jar, or fails when told so. */
  private void mavenThat(String whenOffline, String whenOnline) throws IOException {
    String jar = "reference-store/target/reference-store-0.1.0-SNAPSHOT-all.jar";
    executable(
        bin.resolve("mvn"),
        "#!/bin/sh\n"
            + "echo \"mvn $*\" >> \"$FAKE_MVN_LOG\"\n"
            + "case \" $* \" in *' -o '*) mode='"
            + whenOffline
            + "';; *) mode='"
            + whenOnline
            + "';; esac\n"
            + "if [ \"$mode\" = fail ]; then echo '[ERROR] could not resolve x:y:1'; exit 1; fi\n"
            + "cat <<'OUT'\n"
            + MAVEN_OUTPUT
            + "\nOUT\n"
            + "mkdir -p reference-store/target && : > "
            + jar
            + "\n");
  }

  private record Run(int code, String out, String err) {}

  private Run run(String... args) throws Exception {
    String[] cmd = new String[args.length + 2];
    cmd[0] = "bash";
    cmd[1] = root.resolve("ambient").toString();
    System.arraycopy(args, 0, cmd, 2, args.length);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("FAKE_MVN_LOG", root.resolve("mvn.log").toString());
    Path out = root.resolve("out.txt");
    Path err = root.resolve("err.txt");
    pb.redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.PIPE);
    Process p = pb.start();
    p.getOutputStream().close();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void firstBuild_showsEachModuleAsMavenReachesIt_thenRunsTheJar() throws Exception {
    mavenThat("ok", "ok");
    Run r = run("--version");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("ambient: building reference-store and the SDK it uses")
        .contains("ambient: building sdk-core [1/2]")
        .contains("ambient: building reference-store [2/2]")
        .containsPattern("ambient: built in \\d+ s");
    assertThat(r.out().strip())
        .isEqualTo(
            "java -jar "
                + root.resolve("reference-store/target/reference-store-0.1.0-SNAPSHOT-all.jar")
                + " --version");
    assertThat(Files.readString(root.resolve("mvn.log")))
        .contains(" -o ")
        .contains("-Dassembly.skipAssembly=true")
        .doesNotContain(" -q ");
  }

  @Test
  void upToDateJar_runsWithoutBuilding() throws Exception {
    mavenThat("ok", "ok");
    run("--version");
    Files.delete(root.resolve("mvn.log"));
    Run r = run("--help");
    assertThat(r.err()).doesNotContain("building");
    assertThat(root.resolve("mvn.log")).doesNotExist();
  }

  @Test
  void offlineBuildFails_retriesWithDownloadsAndSaysSo() throws Exception {
    mavenThat("fail", "ok");
    Run r = run("--version");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("the offline build failed; trying again with downloads allowed")
        .contains("ambient: building reference-store [2/2]");
  }

  @Test
  void buildFails_exits2WithTheEndOfMavensLog() throws Exception {
    mavenThat("fail", "fail");
    Run r = run("--version");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("ambient: the build failed; the last lines of its log:")
        .contains("[ERROR] could not resolve x:y:1");
    assertThat(r.out()).isEmpty();
  }
}
