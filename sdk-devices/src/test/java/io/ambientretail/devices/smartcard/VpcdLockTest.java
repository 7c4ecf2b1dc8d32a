package io.ambientretail.devices.smartcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VpcdLockTest {
  @TempDir Path dir;

  @Test
  void acquire_whileHeld_timesOut() throws Exception {
    Path file = dir.resolve("vpcd.lock");
    try (VpcdLock held = VpcdLock.acquire(file, Duration.ofSeconds(5))) {
      assertThat(held.isHeld()).isTrue();
      CompletableFuture<Throwable> other =
          CompletableFuture.supplyAsync(
              () -> {
                try (VpcdLock l = VpcdLock.acquire(file, Duration.ofMillis(200))) {
                  return null;
                } catch (Exception e) {
                  return e;
                }
              });
      assertThat(other.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedIOException.class);
    }
  }

  @Test
  void acquire_afterRelease_succeedsInWaitingThread() throws Exception {
    Path file = dir.resolve("vpcd.lock");
    VpcdLock first = VpcdLock.acquire(file, Duration.ofSeconds(5));
    CountDownLatch waiting = new CountDownLatch(1);
    CompletableFuture<Boolean> second =
        CompletableFuture.supplyAsync(
            () -> {
              waiting.countDown();
              try (VpcdLock l = VpcdLock.acquire(file, Duration.ofSeconds(10))) {
                return l.isHeld();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(second).isNotDone();
    first.close();
    assertThat(first.isHeld()).isFalse();
    assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void acquire_heldByAnotherProcess_waitsForIt() throws Exception {
    Path file = dir.resolve("vpcd.lock");
    // flock(1) would be a different lock type; a second JVM takes the same FileChannel lock.
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path src = dir.resolve("Hold.java");
    Files.writeString(
        src,
        "import java.nio.channels.*;import java.nio.file.*;"
            + "public class Hold{public static void main(String[] a)throws Exception{"
            + "try(FileChannel c=FileChannel.open(Path.of(a[0]),StandardOpenOption.CREATE,"
            + "StandardOpenOption.WRITE);FileLock l=c.lock()){System.out.println(\"locked\");"
            + "System.out.flush();System.in.read();}}}",
        StandardCharsets.UTF_8);
    Process p =
        new ProcessBuilder(javaBin, "-Xshare:auto", src.toString(), file.toString())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertThat(r.readLine()).isEqualTo("locked");
      assertThatThrownBy(() -> VpcdLock.acquire(file, Duration.ofMillis(300)))
          .isInstanceOf(InterruptedIOException.class)
          .hasMessageContaining("another process");
      p.getOutputStream().write('\n');
      p.getOutputStream().flush();
      try (VpcdLock l = VpcdLock.acquire(file, Duration.ofSeconds(20))) {
        assertThat(l.isHeld()).isTrue();
      }
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void listening_seesOwnServerSocketWithoutConnecting() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.Files.exists(Path.of("/proc/net/tcp")), "needs Linux /proc/net/tcp");
    try (java.net.ServerSocket server =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThat(VpcdLock.listening(server.getLocalPort())).isTrue();
    }
  }
}
