package io.ambientretail.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ambientretail.store.StoreApp;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A store that cannot start says why in one line and exits 2, with no stack trace or ERROR log. */
class StoreStartRefusalTest {
  private record Run(int code, String err) {}

  private static Run demo(Path data, int port) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        AmbientMain.run(
            new String[] {
              "store",
              "demo",
              "--kind",
              "micromarket",
              "--data",
              data.toString(),
              "--port",
              Integer.toString(port),
              "--shoppers",
              "1",
              "--exit-when-done"
            },
            new PrintWriter(out),
            new PrintWriter(err));
    return new Run(code, err.toString());
  }

  @Test
  void secondStoreOnTheSameDataDirectory_saysAnotherStoreHoldsIt_exit2(@TempDir Path data)
      throws Exception {
    try (StoreApp first =
        StoreApp.start(
            StoreApp.Options.demo(
                    StoreConfigReader.withDefaults().demo(StoreKind.MICROMARKET), data, 0, 1)
                .withServe(false))) {
      Run r = demo(data, 0);
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err().strip())
          .isEqualTo(
              "ambient: [STORE_DATA_IN_USE] data directory "
                  + data
                  + " is in use by another store process (it holds store.lock); stop that store"
                  + " first or choose another --data directory");
      // the first store is untouched and still works
      boolean valid = first.engine().database().read(c -> c.isValid(2));
      assertThat(valid).isTrue();
    }
  }

  @Test
  void portInUse_oneClearLine_noJavalinErrorLog_exit2(@TempDir Path data) throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    root.addAppender(logged);
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = taken.getLocalPort();
      Run r = demo(data, port);
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err().strip())
          .startsWith("ambient: --port: 127.0.0.1:" + port + " is in use by another program (")
          .endsWith("); stop it or choose another --port")
          .doesNotContain("\n");
      assertThat(logged.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR));
    } finally {
      root.detachAppender(logged);
    }
  }
}
