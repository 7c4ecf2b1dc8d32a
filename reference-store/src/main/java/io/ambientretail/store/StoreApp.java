package io.ambientretail.store;

import io.ambientretail.inventory.fusion.FusionConfig;
import io.ambientretail.payments.gateway.http.HttpPaymentGateway;
import io.ambientretail.payments.gateway.http.RetryPolicy;
import io.ambientretail.privacy.AccessController;
import io.ambientretail.privacy.ConsentRegistry;
import io.ambientretail.store.config.Role;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.config.StoreKind;
import io.ambientretail.store.db.Database;
import io.ambientretail.store.devices.StoreDevices;
import io.ambientretail.store.engine.DeviceHealth;
import io.ambientretail.store.engine.PrivacyDesk;
import io.ambientretail.store.engine.StoreEngine;
import io.ambientretail.store.pay.StorePayments;
import io.ambientretail.store.privacy.AuditCheckpoints;
import io.ambientretail.store.privacy.CheckpointWitness;
import io.ambientretail.store.privacy.ConsentAuditSink;
import io.ambientretail.store.privacy.StoreAuditSink;
import io.ambientretail.store.privacy.StorePrivacyStore;
import io.ambientretail.store.sim.ShopperSimulation;
import io.ambientretail.store.sim.SimulatedShelves;
import io.ambientretail.store.sim.SimulatedStaffReviews;
import io.ambientretail.store.web.StoreServer;
import io.ambientretail.testing.acquirer.SimulatedAcquirer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One running store: configuration, database (migrated), payment gateway (the simulated acquirer on
 * loopback HTTP unless configured), engine, REST API and dashboard, and, for the demo, the
 * simulated world. Built by {@link #start(Options)}; {@link #close()} stops everything in reverse
 * order.
 */
public final class StoreApp implements AutoCloseable {
  /** How to start a store. */
  public record Options(
      StoreConfig config,
      Path dataDir,
      String dbUrl,
      int port,
      boolean serve,
      boolean simulate,
      ShopperSimulation.Pace pace,
      long seed,
      int simThreads,
      boolean realTransports) {
    /** Validates. */
    public Options {
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(dataDir, "dataDir");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("--port: must be 0 to 65535, was " + port);
      }
    }

    /** Options with in-process transports. */
    public Options(
        StoreConfig config,
        Path dataDir,
        String dbUrl,
        int port,
        boolean serve,
        boolean simulate,
        ShopperSimulation.Pace pace,
        long seed,
        int simThreads) {
      this(config, dataDir, dbUrl, port, serve, simulate, pace, seed, simThreads, false);
    }

    /**
     * A copy that reads cards through pcscd and the vpcd virtual reader when vpcd answers (and says
     * so on stderr when it does not).
     */
    public Options withRealTransports(boolean r) {
      return new Options(config, dataDir, dbUrl, port, serve, simulate, pace, seed, simThreads, r);
    }

    /** Demo options for a store kind, data under {@code dataDir}, SQLite. */
    public static Options demo(StoreConfig config, Path dataDir, int port, long seed) {
      return new Options(
          config, dataDir, null, port, true, true, ShopperSimulation.Pace.FAST, seed, 4);
    }

    /** A copy with another pace. */
    public Options withPace(ShopperSimulation.Pace p) {
      return new Options(
          config, dataDir, dbUrl, port, serve, simulate, p, seed, simThreads, realTransports);
    }

    /** A copy with another database URL (null: SQLite in the data directory). */
    public Options withDb(String url) {
      return new Options(
          config, dataDir, url, port, serve, simulate, pace, seed, simThreads, realTransports);
    }

    /** A copy with or without the simulated world (shoppers, staff, shelves). */
    public Options withSimulate(boolean s) {
      return new Options(
          config, dataDir, dbUrl, port, serve, s, pace, seed, simThreads, realTransports);
    }

    /** A copy with or without the web server. */
    public Options withServe(boolean s) {
      return new Options(
          config, dataDir, dbUrl, port, s, simulate, pace, seed, simThreads, realTransports);
    }
  }

  private final Options options;
  private final StoreDevices.Transport transport;
  private StoreDevices devices;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final long startedMs;
  private Database db;
  private SimulatedAcquirer acquirer;
  private StorePayments payments;
  private String cardTapNote = "card taps are read in process";
  private StoreEngine engine;
  private DeviceHealth health;
  private StoreServer server;
  private ShopperSimulation simulation;
  private PrometheusMeterRegistry metrics;
  private ScheduledExecutorService housekeeping;
  private int recovered;
  private PrivacyDesk dsr;
  private long lastRetentionMs;
  private StoreAuditSink auditSink;
  private AccessController access;
  private AuditCheckpoints checkpoints;
  private CheckpointWitness witness;
  private volatile long witnessedSize = -1;
  private long lastReconcileMs = System.currentTimeMillis();
  private boolean resumedRequests;

  private StoreApp(Options options, StoreDevices.Transport transport) {
    this.options = options;
    this.transport = transport;
    this.startedMs = System.currentTimeMillis();
  }

  /** Starts a store; on failure everything started so far is stopped again. */
  public static StoreApp start(Options options) {
    return start(options, StoreDevices.Transport.MEMORY);
  }

  /**
   * Starts a store whose simulated devices' bytes travel over {@code transport}; on failure
   * everything started so far is stopped again.
   */
  public static StoreApp start(Options options, StoreDevices.Transport transport) {
    StoreApp app = new StoreApp(options, transport);
    try {
      app.boot();
      return app;
    } catch (RuntimeException | IOException e) {
      app.close();
      if (e instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw (RuntimeException) e;
    }
  }

  private void boot() throws IOException {
    StoreConfig config = options.config();
    Path data = options.dataDir();
    Files.createDirectories(data);
    // first of all: a second store on this directory stops here, having touched nothing
    closeables.add(DataDirectoryLock.acquire(data));
    Clock clock = Clock.systemUTC();
    metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    mark("registry");
    db = Database.open(options.dbUrl() == null ? Database.sqliteUrl(data) : options.dbUrl());
    closeables.add(db);
    mark("db");
    java.net.URI gatewayUrl;
    if (config.payment().gateway().equals("simulated")) {
      // the configured round trip and issuer declines, drawn from the run's seed: a demo run
      // with the same seed meets the same declines (in the order its shoppers reach the acquirer)
      acquirer =
          SimulatedAcquirer.builder()
              .clock(clock)
              .latency(Duration.ofMillis(config.payment().acquirerLatencyMs()))
              .declineRate(config.payment().declineRate())
              .seed(options.seed())
              // its books in the data directory: a demo restarted on it finds its holds open
              .stateFile(data.resolve(ACQUIRER_STATE_FILE))
              .start();
      closeables.add(acquirer);
      gatewayUrl = acquirer.uri();
    } else {
      gatewayUrl = java.net.URI.create(config.payment().gateway());
    }
    HttpPaymentGateway.Builder gb =
        HttpPaymentGateway.builder(gatewayUrl)
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(5))
            .retryPolicy(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1)));
    if ("http".equals(gatewayUrl.getScheme())) {
      gb.allowCleartextLoopback();
    }
    HttpPaymentGateway gateway = gb.build();
    closeables.add(gateway);
    payments =
        StorePayments.open(
            data,
            gateway,
            config.money(config.payment().holdMinor()),
            config.payment().offline(),
            tokenizerSecret(data),
            config.privacy().returningCardConsent(),
            clock);
    closeables.add(payments);
    if (options.realTransports()) {
      var vpcd = io.ambientretail.store.pay.VpcdTaps.open(Duration.ofSeconds(5));
      if (vpcd.isPresent()) {
        payments.useVpcd(vpcd.get());
        cardTapNote =
            "card taps go through pcscd and the vpcd reader (" + vpcd.get().readerName() + ")";
      } else {
        cardTapNote =
            "note: vpcd does not answer on 127.0.0.1:35963 (is pcscd running with"
                + " vsmartcard-vpcd?); card taps are read in process";
      }
    }
    mark("acquirer");
    boolean fast = options.simulate() && options.pace() == ShopperSimulation.Pace.FAST;
    int timeScale =
        !fast
            ? 1
            : transport == StoreDevices.Transport.PSEUDO_TERMINALS
                ? ShopperSimulation.Pace.FAST_TIME_SCALE_REAL_TRANSPORTS
                : ShopperSimulation.Pace.FAST_TIME_SCALE;
    engine = new StoreEngine(config, db, payments, clock, metrics, fusionConfig(fast), timeScale);
    closeables.add(engine);
    String record =
        System.getProperty("ambient.fusion.record", System.getenv("AMBIENT_FUSION_RECORD"));
    if (record != null) {
      engine.fusion().record(Files.newBufferedWriter(Path.of(record)));
    }
    engine.audit().name(config.storeId() + "/audit");
    engine.start();
    recovered = engine.recover();
    wirePrivacy(config, data, clock);
    mark("engine");
    health = new DeviceHealth(config.devices(), clock, 3000);
    housekeeping =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "store-housekeeping");
              t.setDaemon(true);
              return t;
            });
    closeables.add(housekeeping::shutdownNow);
    housekeeping.scheduleAtFixedRate(this::housekeep, 1, 1, TimeUnit.SECONDS);
    if (options.simulate()) {
      // recovery first, then the shelves: the demo's staff decide what recovery held for review,
      // so the shelves rebuilt from the stock on hand already count those shoppers' sales
      new SimulatedStaffReviews(engine, truthFile()).decidePending();
    }
    SimulatedShelves shelves =
        options.simulate()
            ? new SimulatedShelves(config, db.read(c -> engine.stock().onHand(c)), options.seed())
            : null;
    devices =
        StoreDevices.start(
            config,
            shelves != null
                ? shelves.loadsMg()
                : StoreDevices.loadsOf(config, db.read(c -> engine.stock().onHand(c))),
            transport,
            engine::shelfReading,
            System.err::println,
            data.resolve("pty"));
    closeables.add(devices);
    health.attach(devices::online);
    engine.useKiosk(io.ambientretail.store.devices.KioskStation.attach(engine, devices));
    engine.useDoors(io.ambientretail.store.devices.Doors.of(config, devices));
    mark("devices");
    if (options.simulate()) {
      shelves.attach(StoreDevices.sensorsOf(devices, engine.shelves()));
      simulation =
          new ShopperSimulation(
              engine,
              shelves,
              health,
              options.pace(),
              timeScale,
              options.seed(),
              truthFile(),
              options.simThreads());
      closeables.add(simulation);
      simulation.startBackground();
    }
    if (options.serve()) {
      server = StoreServer.start(this, options.port());
      closeables.add(server);
    }
    mark("server");
  }

  /**
   * Cart fusion's settings: the library's defaults for real shelves. The fast demo's world runs ten
   * times faster than the wall clock, so its shelves' readings (50 Hz in process, about 30 Hz
   * through socat pseudo-terminals) come 3 to 5 times a second of that world: a lane settles over
   * 1.2 s of it, which holds at least four readings either way.
   */
  private static FusionConfig fusionConfig(boolean fast) {
    return fast ? FusionConfig.builder().stableWindowMillis(1200).build() : FusionConfig.defaults();
  }

  /** The privacy path on sdk-privacy: audit sink, access control, checkpoints, DSR desk. */
  private void wirePrivacy(StoreConfig config, Path data, Clock clock) throws IOException {
    auditSink = new StoreAuditSink(db, engine.audit(), clock);
    access = AccessController.create(Role.POLICY, auditSink);
    // the store's one consent registry and its DSR progress and legal holds, kept by
    // sdk-privacy's JdbcPrivacyStore in the store's database (privacy_* tables, migration V32):
    // returning-card recognition asks it, requests erase it and record objections in it
    StorePrivacyStore privacy = StorePrivacyStore.open(db);
    ConsentAuditSink consentAudit = new ConsentAuditSink(db, engine.audit(), clock);
    ConsentRegistry consent = ConsentRegistry.create(clock, consentAudit, privacy);
    payments.returningCards().share(consent, consentAudit);
    dsr = new PrivacyDesk(engine, auditSink, consent, privacy, clock);
    checkpoints =
        AuditCheckpoints.open(db, engine.audit(), data, config.storeId() + "-audit", clock);
    if (config.audit().witness() != null) {
      witness = new CheckpointWitness(config.audit().witness());
    }
    // closed before the database: the last checkpoint covers everything up to shutdown, and the
    // witness holds it
    closeables.add(this::publishCheckpoint);
  }

  private long lastMark = System.nanoTime();

  private void mark(String what) {
    if (System.getenv("AMBIENT_TIMING") != null) {
      long n = System.nanoTime();
      System.err.println("timing " + what + " " + (n - lastMark) / 1_000_000 + " ms");
      lastMark = n;
    }
  }

  private void housekeep() {
    try {
      if (!resumedRequests) {
        // once per start: requests a restart left part-way ask the stores that failed again
        resumedRequests = true;
        dsr.resumePending();
      }
      List<String> offline = health.sample();
      long now = System.currentTimeMillis();
      db.tx(
          c -> {
            for (DeviceHealth.Status s : health.statuses()) {
              if (offline.contains(s.id())) {
                engine
                    .alerts()
                    .raise(
                        c,
                        "device_offline",
                        s.id(),
                        s.id() + " (" + s.type() + ") has not been heard for more than 3 s",
                        now);
              } else {
                engine.alerts().clear(c, "device_offline", s.id(), now);
              }
            }
            return null;
          });
      if (now - lastRetentionMs > 3_600_000L) {
        lastRetentionMs = now;
        dsr.applyRetention();
      }
      if (checkpoints.due(config().audit(), now) || witnessBehind()) {
        publishCheckpoint();
      }
      engine.paymentHousekeeping();
      engine.reviews().applyDeadlines(System.currentTimeMillis());
      // with nobody inside, compare shelves and ledger: a micromarket at once (its shrink is
      // booked), a walk-out store once a minute (stock that left with no sale raises an alert)
      boolean micromarket = config().kind() == StoreKind.MICROMARKET;
      if (engine.peopleInStore() == 0
          && (micromarket || now - lastReconcileMs >= WALKOUT_RECONCILE_EVERY_MS)) {
        lastReconcileMs = now;
        engine.reconcileShelves("reconcile:" + engine.ids().next("rc"));
      }
    } catch (RuntimeException e) {
      // the next round tries again
    }
  }

  /** The configuration. */
  public StoreConfig config() {
    return options.config();
  }

  /** The engine. */
  public StoreEngine engine() {
    return engine;
  }

  /** How often an empty walk-out store compares its shelves with the ledger. */
  static final long WALKOUT_RECONCILE_EVERY_MS = 60_000L;

  /** The simulated acquirer's state file in the data directory. */
  public static final String ACQUIRER_STATE_FILE = "acquirer.jsonl";

  /**
   * Signs a checkpoint of the audit log (nothing new when nothing was added) and sends it to the
   * configured witness; a witness that cannot be reached gets it at a later round.
   */
  private synchronized void publishCheckpoint() {
    io.ambientretail.privacy.audit.SignedCheckpoint cp = checkpoints.sign();
    if (witness == null || cp.checkpoint().size() <= witnessedSize) {
      return;
    }
    try {
      witness.send(cp);
      witnessedSize = cp.checkpoint().size();
    } catch (IOException e) {
      // kept as the latest: the next round sends it again
    }
  }

  private boolean witnessBehind() {
    return witness != null
        && checkpoints.latest().map(cp -> cp.checkpoint().size() > witnessedSize).orElse(false);
  }

  /** The sink sdk-privacy components of this store audit to. */
  public StoreAuditSink auditSink() {
    return auditSink;
  }

  /** Role-based access control of the API's tokens. */
  public AccessController access() {
    return access;
  }

  /** The audit log's signed checkpoints. */
  public AuditCheckpoints checkpoints() {
    return checkpoints;
  }

  /** The data-subject request desk. */
  public PrivacyDesk dsr() {
    return dsr;
  }

  /**
   * Restocks a lane: in the demo the simulated staff fill the shelf as it is booked; in a real
   * store the booking follows what staff already put on the shelf.
   */
  public void restock(String laneId, int qty, String actor, String ref) {
    if (simulation != null) {
      simulation.fill(laneId, qty, actor, ref);
    } else {
      engine.restock(laneId, qty, actor, ref);
    }
  }

  /** The store's devices (sdk-devices registry and simulators). */
  public StoreDevices devices() {
    return devices;
  }

  /** Device health. */
  public DeviceHealth health() {
    return health;
  }

  /** The Prometheus registry behind {@code /metrics}. */
  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /** True when the store runs a simulated world (the demo). */
  public boolean simulated() {
    return simulation != null;
  }

  /** The simulation, when this is a demo. */
  public ShopperSimulation simulation() {
    if (simulation == null) {
      throw new IllegalStateException("not a simulated store");
    }
    return simulation;
  }

  /** The web server's port, or -1 when not serving. */
  public int port() {
    return server == null ? -1 : server.port();
  }

  /**
   * What a stop now leaves for the next start to settle: visits still open (their shoppers inside)
   * and receipts held for review.
   *
   * @param openVisits walk-out shoppers inside or kiosk sales under way; the next start holds a
   *     walk-out cart for review and finishes or cancels a kiosk sale
   * @param heldForReview receipts waiting for staff; they stay held across the restart
   */
  public record Unsettled(long openVisits, long heldForReview) {}

  /**
   * Stops the simulated shoppers and staff (a no-op when this is no demo), so nothing changes the
   * store while it is being stopped.
   */
  public void stopSimulation() {
    if (simulation != null) {
      simulation.close();
    }
  }

  /** What is open now and would be settled by the next start on the same data. */
  public Unsettled unsettled() {
    return db.read(
        c -> {
          try (var q =
                  c.prepareStatement(
                      "SELECT SUM(CASE WHEN state IN ('AUTHORIZING','OPEN','CHECKOUT') THEN 1 ELSE 0"
                          + " END), SUM(CASE WHEN state = 'REVIEW' THEN 1 ELSE 0 END) FROM sessions");
              var r = q.executeQuery()) {
            r.next();
            return new Unsettled(r.getLong(1), r.getLong(2));
          }
        });
  }

  /** Sessions settled by recovery at start-up. */
  public int recoveredSessions() {
    return recovered;
  }

  /** When this store started (epoch ms): the summary covers records from then on. */
  public long startedMs() {
    return startedMs;
  }

  /** The simulated acquirer of the demo, or null when a gateway URL is configured. */
  public SimulatedAcquirer acquirer() {
    return acquirer;
  }

  /** How card taps reach the EMV flow, for the start-up notes. */
  public String cardTapNote() {
    return cardTapNote;
  }

  /** The store's payments (SDK gateway, walk-out sessions, payment journal, offline queue). */
  public StorePayments payments() {
    return payments;
  }

  /** The simulator's truth file. */
  public Path truthFile() {
    return options.dataDir().resolve("truth.jsonl");
  }

  /** The data directory. */
  public Path dataDir() {
    return options.dataDir();
  }

  /**
   * Waits until no receipt is held for review (the demo's simulated staff decide them within a few
   * tens of milliseconds; a real store's staff take their time), at most {@code timeout}.
   *
   * @return true when none is held
   */
  public boolean awaitReviewsDecided(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (engine.reviews().openCount() > 0) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
    }
    return true;
  }

  /** How long {@link #summary()} waits for the demo's staff to decide held receipts. */
  static final long REVIEWS_SETTLE_MS = 60_000;

  /**
   * Reconciles the shelves and computes the summary of this run. In the demo, receipts held for
   * review are decided by the simulated staff first (waiting at most a minute), so the summary
   * counts them; a real store's summary counts what is settled now.
   */
  public RunSummary summary() {
    if (simulation != null) {
      awaitReviewsDecided(Duration.ofMillis(REVIEWS_SETTLE_MS));
    }
    engine.reconcileShelves("reconcile:" + engine.ids().next("rc"));
    return RunSummary.compute(engine, payments, startedMs, options.dataDir(), truthFile());
  }

  @Override
  public void close() {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception ignored) {
        // keep closing the rest
      }
    }
    closeables.clear();
  }

  private static byte[] tokenizerSecret(Path data) throws IOException {
    Path f = data.resolve("tokenizer.key");
    if (Files.exists(f)) {
      return Base64.getDecoder().decode(Files.readString(f).strip());
    }
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    io.ambientretail.store.privacy.SecretFile.create(
        f,
        Base64.getEncoder().encodeToString(k).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return k;
  }
}
