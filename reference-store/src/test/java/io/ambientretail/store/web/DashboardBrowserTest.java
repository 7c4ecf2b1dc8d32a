package io.ambientretail.store.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ambientretail.store.StoreApp;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in Debian's headless Chromium, driven by Selenium against a running demo store:
 * checks live content (plan, receipts, KPIs, devices, audit) and that it updates by server-sent
 * events without a reload. Screenshots go to target/screenshots. Skips when Chromium is absent.
 */
class DashboardBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir Path tmp;
  private StoreApp app;
  private WebDriver browser;

  @BeforeEach
  void start() throws Exception {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
        "Chromium or chromedriver absent (/usr/bin/chromium, /usr/bin/chromedriver): scripts/test"
            + " installs them with apt-get as root");
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toFile());
    o.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,1800",
        "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, o);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (app != null) {
      app.close();
    }
  }

  @Test
  void dashboard_showsLiveStore_andUpdatesWithoutReload() throws Exception {
    app =
        StoreApp.start(
            StoreApp.Options.demo(
                StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT),
                tmp.resolve("data"),
                0,
                21));
    app.simulation().run(8);
    assertThat(app.simulation().awaitDone(120, TimeUnit.SECONDS)).isTrue();
    browser.get("http://127.0.0.1:" + app.port() + "/#token=demo-admin");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    wait.until(
        d ->
            count("#receipts tbody tr[data-receipt]") > 0
                && count("#plan .lane") > 0
                && count("#audit tbody tr") > 0
                && kpiReceipts() > 0);
    wait.until(d -> text("#live").equals("live"));
    assertThat(text("#store-name")).isEqualTo("Ambient demo smart store");
    assertThat(count("#plan .lane")).isEqualTo(24);
    assertThat(count("#devices tbody tr")).isEqualTo(9);
    assertThat(text("#devices")).contains("shelf-A", "online");
    assertThat(text("#audit")).contains("receipt.issued");
    assertThat(text("#receipts")).contains("€").contains("rc_").contains("••••");
    long receiptsBefore = kpiReceipts();
    assertThat(receiptsBefore).isPositive();
    screenshot("dashboard-walkout");

    // the audit panel shows the log verified and its latest signed checkpoint, each labelled
    wait.until(
        d ->
            text("#audit-state").contains("intact") && text("#audit-state").contains("checkpoint"));
    assertThat(text("#audit-state"))
        .contains("Chain verified at", "newest signed checkpoint covers the first");
    // one source per figure: every lane badge is the ledger's count, as the stock table's, and a
    // legend says what the badges mean
    assertThat(text("#plan-legend"))
        .contains("units in stock by the ledger", "below its minimum", "flagged for review");
    var ledger = app.engine().database().read(c -> app.engine().stock().lanes(c));
    wait.until(
        d ->
            ledger.stream()
                .allMatch(
                    l ->
                        text(".lane[data-lane='" + l.laneId() + "'] .qty")
                            .equals(
                                l.onHand()
                                    + "/"
                                    + app.config().lanes().stream()
                                        .filter(x -> x.id().equals(l.laneId()))
                                        .findFirst()
                                        .orElseThrow()
                                        .capacity())));
    // a data-subject request from the DSR panel runs through sdk-privacy's orchestrator
    String shopper =
        app.engine()
            .database()
            .read(
                c -> {
                  try (var r =
                      c.createStatement()
                          .executeQuery(
                              "SELECT shopper_ref FROM receipts WHERE shopper_ref LIKE 'sh!_%' ESCAPE '!' OR"
                                  + " shopper_ref LIKE 'sv!_%' ESCAPE '!'")) {
                    assertThat(r.next()).as("a receipt with a shopper reference").isTrue();
                    return r.getString(1);
                  }
                });
    browser.findElement(org.openqa.selenium.By.id("dsr-shopper")).sendKeys(shopper);
    browser.findElement(org.openqa.selenium.By.cssSelector("#dsr-form button")).click();
    wait.until(d -> text("#dsr-result").contains("access COMPLETED"));
    assertThat(text("#dsr-result")).contains("receipts", "card-data");
    wait.until(d -> text("#dsr").contains("COMPLETED"));
    assertThat(text("#dsr")).doesNotContain(shopper);
    screenshot("dashboard-dsr");

    app.simulation().run(6);
    assertThat(app.simulation().awaitDone(120, TimeUnit.SECONDS)).isTrue();
    long receiptsNow =
        app.engine()
            .database()
            .read(
                c -> {
                  try (var r = c.createStatement().executeQuery("SELECT COUNT(*) FROM receipts")) {
                    r.next();
                    return r.getLong(1);
                  }
                });
    if (receiptsNow > receiptsBefore) {
      wait.until(d -> kpiReceipts() == receiptsNow);
    }
    assertThat(kpiReceipts()).isEqualTo(receiptsNow);
    screenshot("dashboard-walkout-after-more-shoppers");
  }

  @Test
  void exitGateAlert_offersTheRemoteOverride_whichOpensTheGateOnceItAnswers() throws Exception {
    app =
        StoreApp.start(
            StoreApp.Options.demo(
                StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT),
                tmp.resolve("data"),
                0,
                21));
    app.simulation().run(8);
    assertThat(app.simulation().awaitDone(120, TimeUnit.SECONDS)).isTrue();
    var gate = app.devices().lock("exit-gate-1");
    var store = app.engine();
    // the demo's issuer declines 3 % of entries: a declined card simply tries the next one
    io.ambientretail.store.engine.StoreEngine.EntryResult e = null;
    for (int card = 90; card < 110 && (e == null || !e.admitted()); card++) {
      e = store.enter(io.ambientretail.store.sim.TestCards.next(new java.util.Random(card)));
    }
    assertThat(e.admitted()).as(e.declineReason()).isTrue();
    String sid = e.sessionId();
    // the last simulated shopper's exit released the gate for a few seconds: let it lock again
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> gate.isLocked());
    gate.silent(true);
    assertThat(store.exit(sid).outcome()).startsWith("nothing taken");
    assertThat(gate.isLocked()).isTrue();

    browser.get("http://127.0.0.1:" + app.port() + "/#token=demo-operator");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    String button = "#alerts button.gate-override[data-session=\"" + sid + "\"]";
    wait.until(d -> count(button) == 1);
    assertThat(text("#alerts")).contains("exit-gate-1", "did not open for " + sid);
    click(button);
    wait.until(d -> text("#alerts").contains("gate still not answering"));
    assertThat(gate.isLocked()).isTrue();
    screenshot("dashboard-exit-gate-not-answering");

    gate.silent(false);
    wait.until(d -> count(button) == 1);
    click(button);
    wait.until(d -> text("#gate-log").contains("Exit gate opened remotely for " + sid));
    assertThat(gate.isLocked()).as("the gate after the dashboard's override").isFalse();
    wait.until(d -> count(button) == 0);
    screenshot("dashboard-exit-gate-opened");
  }

  private void click(String css) {
    ((JavascriptExecutor) browser)
        .executeScript("document.querySelector(arguments[0]).click();", css);
  }

  @Test
  void reviewPanel_approvesAHeldReceipt_andTheCartIsCapturedOnce() throws Exception {
    // a store without simulated staff, so the held receipt waits for the person at the dashboard
    app =
        StoreApp.start(
            StoreApp.Options.demo(
                    StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT),
                    tmp.resolve("data"),
                    0,
                    22)
                .withSimulate(false));
    String sid = io.ambientretail.store.ReviewFixture.holdOne(app);
    long total =
        app.engine().database().read(c -> app.engine().sessions().cart(c, sid)).stream()
            .mapToLong(io.ambientretail.store.db.SessionBook.CartLine::priceMinor)
            .sum();
    assertThat(
            app.acquirer().performed(io.ambientretail.testing.acquirer.AcquirerOperation.CAPTURE))
        .isZero();
    browser.get("http://127.0.0.1:" + app.port() + "/#token=demo-operator");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    wait.until(d -> count("#reviews tr[data-review='" + sid + "'] button.approve") == 1);
    assertThat(text("#reviews")).contains("(ambiguous)");
    screenshot("dashboard-review-pending");
    browser
        .findElement(
            org.openqa.selenium.By.cssSelector(
                "#reviews tr[data-review='" + sid + "'] button.approve"))
        .click();
    wait.until(
        d ->
            count("#reviews tr[data-review]") == 0
                && text("#reviews").contains("No receipts held for review"));
    wait.until(d -> count("#receipts tbody tr[data-receipt]") == 1);
    assertThat(app.acquirer().captures()).containsExactly(app.config().money(total));
    java.util.Optional<io.ambientretail.store.db.ReceiptBook.Receipt> receipt =
        app.engine().database().read(c -> app.engine().receipts().ofSession(c, sid));
    assertThat(receipt).isPresent();
    screenshot("dashboard-review-approved");
  }

  private long kpiReceipts() {
    String t = text("#kpi-receipts .v").strip();
    return t.isEmpty() ? -1 : Long.parseLong(t);
  }

  /** Text of the first match, read in one script so re-rendering cannot make it stale. */
  private String text(String css) {
    Object r =
        ((JavascriptExecutor) browser)
            .executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';",
                css);
    return String.valueOf(r);
  }

  private long count(String css) {
    Object r =
        ((JavascriptExecutor) browser)
            .executeScript("return document.querySelectorAll(arguments[0]).length;", css);
    return ((Number) r).longValue();
  }

  private void screenshot(String name) throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "screenshots"));
    File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(f.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
