package io.ambientretail.store.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.ambientretail.privacy.audit.SignedCheckpoint;
import io.ambientretail.store.StoreApp;
import io.ambientretail.store.cli.AmbientMain;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import io.ambientretail.store.sim.ShopperSimulation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store publishes audit checkpoints every N entries, every S seconds and at shutdown to a
 * witness over real loopback HTTP; a log cut back to an older checkpoint passes a check against its
 * own file but is caught against the witness's copy.
 */
class AuditWitnessTest {
  @TempDir Path dir;

  private HttpServer witness;
  private final List<String> notes = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startWitness() throws Exception {
    witness = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    witness.createContext(
        "/witness",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          if (ex.getRequestMethod().equals("POST")) {
            notes.add(new String(body, StandardCharsets.UTF_8));
          }
          ex.sendResponseHeaders(ex.getRequestMethod().equals("POST") ? 204 : 405, -1);
          ex.close();
        });
    witness.start();
  }

  @AfterEach
  void stopWitness() {
    witness.stop(0);
  }

  private StoreConfig config(int everyEntries, int everySeconds) throws Exception {
    // the example configuration's own audit section, with these bounds and the witness
    String yaml =
        StoreConfigReader.demoYaml(StoreKind.WALKOUT)
            .replace("checkpointEveryEntries: 1000", "checkpointEveryEntries: " + everyEntries)
            .replace("checkpointEverySeconds: 10 ", "checkpointEverySeconds: " + everySeconds + " ")
            .replace(
                "# witness: https://hq.example.com/audit/witness",
                "witness: http://127.0.0.1:" + witness.getAddress().getPort() + "/witness");
    Path f = dir.resolve("store.yaml");
    Files.writeString(f, yaml, StandardCharsets.UTF_8);
    StoreConfig c = StoreConfigReader.withDefaults().read(f);
    assertThat(c.audit().checkpointEveryEntries()).isEqualTo(everyEntries);
    assertThat(c.audit().checkpointEverySeconds()).isEqualTo(everySeconds);
    assertThat(c.audit().witness()).isNotNull();
    return c;
  }

  private static StoreApp start(StoreConfig config, Path data) {
    return StoreApp.start(
        new StoreApp.Options(
            config, data, null, 0, false, false, ShopperSimulation.Pace.FAST, 1, 1));
  }

  private static void append(StoreApp app, int n) {
    long now = System.currentTimeMillis();
    app.engine()
        .database()
        .tx(
            c -> {
              for (int i = 0; i < n; i++) {
                app.engine().audit().append(c, "op-1", "receipt.read", "receipt/R-" + i, "", now);
              }
              return null;
            });
  }

  private long witnessed() {
    return notes.isEmpty()
        ? -1
        : SignedCheckpoint.parse(notes.get(notes.size() - 1)).checkpoint().size();
  }

  private void awaitWitnessed(long atLeast) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (witnessed() < atLeast) {
      assertThat(System.nanoTime())
          .as("the witness received a checkpoint of %d entries (has %d)", atLeast, witnessed())
          .isLessThan(deadline);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  @Test
  void everyNEntries_andAtShutdown_theWitnessHoldsTheNewest_andACutBackLogIsCaught()
      throws Exception {
    Path data = dir.resolve("data");
    long size;
    try (StoreApp app = start(config(5, 3600), data)) {
      long before = app.engine().database().read(c -> app.engine().audit().size(c));
      append(app, 12);
      awaitWitnessed(before + 12);
      append(app, 3); // fewer than N: waits for the shutdown checkpoint
      size = app.engine().database().read(c -> app.engine().audit().size(c));
    }
    // the clean shutdown published a checkpoint covering everything, and the witness has it
    assertThat(witnessed()).isGreaterThanOrEqualTo(size);

    // someone cuts the log back to its first checkpoint, dropping the later ones with it
    List<String> export = run("audit", "export", "--db", "jdbc:sqlite:" + data.resolve("store.db"));
    int firstCheckpoint = -1;
    for (int i = 0; i < export.size() && firstCheckpoint < 0; i++) {
      if (export.get(i).startsWith("{\"checkpoint\":")) {
        firstCheckpoint = i;
      }
    }
    assertThat(firstCheckpoint).isPositive();
    List<String> cut = new ArrayList<>(export.subList(0, firstCheckpoint + 1));
    assertThat(cut.size()).isLessThan(export.size());
    Path cutFile = dir.resolve("cut.jsonl");
    Files.write(cutFile, cut, StandardCharsets.UTF_8);
    String vkey = data.resolve(AuditCheckpoints.VERIFIER_KEY_FILE).toString();

    // on its own the cut file is consistent: its checkpoints all match
    assertThat(code("audit", "verify", cutFile.toString(), "--key", vkey)).isZero();
    // against the witness's newest note the cut is found
    Path note = dir.resolve("witness.note");
    Files.writeString(note, notes.get(notes.size() - 1), StandardCharsets.UTF_8);
    assertThat(
            code(
                "audit",
                "verify",
                cutFile.toString(),
                "--checkpoint",
                note.toString(),
                "--key",
                vkey))
        .isEqualTo(1);
    assertThat(lastOut).contains("\"ok\":false", "cut off");
  }

  @Test
  void everySSeconds_aSingleNewEntryIsWitnessedWithoutShutdown() throws Exception {
    try (StoreApp app = start(config(1000, 1), dir.resolve("data"))) {
      append(app, 1);
      long size = app.engine().database().read(c -> app.engine().audit().size(c));
      awaitWitnessed(size);
      assertThat(notes).isNotEmpty();
    }
  }

  @Test
  void sign_askedFromAnApiRequestsThread_isAuditedAsTheStoresOwnCheckpointer() throws Exception {
    try (StoreApp app = start(config(1000, 3600), dir.resolve("data"))) {
      append(app, 2);
      // what GET /api/audit/checkpoint does on a request thread carrying the request's origin
      app.engine().audit().withOrigin("api 127.0.0.1", () -> app.checkpoints().sign());
      var signing =
          app.engine().database().read(c -> app.engine().audit().recent(c, 50)).stream()
              .filter(e -> e.action().equals("audit.checkpoint"))
              .toList();
      assertThat(signing).isNotEmpty();
      assertThat(signing)
          .allSatisfy(e -> assertThat(e.origin()).isEqualTo("store"))
          .allSatisfy(e -> assertThat(e.actor()).isEqualTo("audit-checkpointer"));
    }
  }

  private String lastOut = "";

  private int code(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = AmbientMain.run(args, new PrintWriter(out), new PrintWriter(err));
    lastOut = out + "\n" + err;
    return code;
  }

  private List<String> run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(AmbientMain.run(args, new PrintWriter(out), new PrintWriter(err)))
        .as(err.toString())
        .isZero();
    return out.toString().lines().toList();
  }
}
