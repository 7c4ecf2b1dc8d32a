package io.ambientretail.devices.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jSerialComm on a noexec temporary folder, for real: a child JVM runs in its own mount namespace
 * where its java.io.tmpdir and user.home are a tmpfs mounted noexec. Without configuration the
 * error says what happened and how to fix it; with nativeLibraryDirectory the port list works.
 */
class NativeLibraryNoexecTest {
  @TempDir Path dir;

  /** Runs in the child JVM: lists ports through our API, prints OK or the error. */
  public static final class Probe {
    public static void main(String[] args) {
      try {
        if (args.length > 0) {
          Path port = Files.createTempFile(Path.of(args[1]), "not-a-port", "");
          SerialConnector.of(
                  SerialSettings.builder(port.toString())
                      .nativeLibraryDirectory(Path.of(args[0]))
                      .build())
              .connect();
        } else {
          SerialConnector.of(SerialSettings.builder("/dev/null").build()).connect();
        }
        System.out.println("OK");
      } catch (NativeLibraryException e) {
        System.out.println("NATIVE " + e.getMessage());
      } catch (Exception e) {
        System.out.println("LOADED " + e.getClass().getSimpleName());
      }
    }
  }

  private String runChild(String... probeArgs) throws Exception {
    Path noexec = dir.resolve("noexec");
    Files.createDirectories(noexec);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    StringBuilder cmd =
        new StringBuilder(
            "mount -t tmpfs -o noexec tmpfs '"
                + noexec
                + "' && exec '"
                + java
                + "' -Djava.io.tmpdir='"
                + noexec
                + "' -Duser.home='"
                + noexec
                + "' -cp '"
                + System.getProperty("java.class.path")
                + "' '"
                + Probe.class.getName()
                + "'");
    for (String a : probeArgs) {
      cmd.append(" '").append(a).append('\'');
    }
    Process p =
        new ProcessBuilder("unshare", "-m", "sh", "-c", cmd.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assumeTrue(
        !out.contains("mount:") && !out.contains("unshare:"),
        "cannot mount a noexec tmpfs here (needs root): " + out);
    return out;
  }

  @Test
  void noexecTmp_default_failsWithHowToFix() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/ns")), "needs Linux namespaces");
    String out = runChild();
    assertThat(out)
        .contains("NATIVE jSerialComm could not load its native library")
        .contains("noexec")
        .contains("nativeLibraryDirectory");
  }

  @Test
  void noexecTmp_withNativeLibraryDirectory_loads() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/ns")), "needs Linux namespaces");
    Path lib = dir.resolve("lib");
    String out = runChild(lib.toString(), dir.toString());
    assertThat(out).contains("LOADED").doesNotContain("NATIVE");
    assertThat(lib.resolve("libjSerialComm.so")).exists();
  }
}
