package cifar.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cifar.EnvironmentDependent;
import cifar.report.SweepReport;
import cifar.sweep.plan.Overrides;
import cifar.sweep.plan.Shard;
import cifar.sweep.run.FakeExecutor;
import cifar.sweep.session.SweepTesting;
import cifar.training.CnnEstimator;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * report.html in a real browser: Debian's headless Chromium, driven by its chromedriver through
 * Selenium, for a sweep of one run and one of a hundred configs with three seeds each (a 10 × 10
 * grid). The page must load with no console error and fetch nothing, show one table row per
 * config, give every chart a size, and sort; a screenshot of each goes to target/report-html/.
 * Skipped, saying why, where chromium or chromedriver is not installed; .ci/run installs both.
 */
@EnvironmentDependent
class ReportPageBrowserTest {
  private static final Path CHROMIUM = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));
  private static final Path DRIVER =
      Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver"));
  private static final Path SHOTS = Path.of("target", "report-html");

  /**
   * Selenium looks for devtools classes matching the browser (156) at start and warns that it
   * has none; this test drives the browser through WebDriver alone and needs none. Kept in a
   * field: java.util.logging forgets the level of a logger nobody holds.
   */
  private static final Logger CDP_FINDER = Logger.getLogger("org.openqa.selenium.devtools");

  @TempDir static Path tmp;
  private static ChromeDriver browser;

  @BeforeAll
  static void openBrowser() throws Exception {
    CDP_FINDER.setLevel(Level.SEVERE);
    if (!installed()) {
      return; // each test skips itself, saying why
    }
    System.setProperty("webdriver.chrome.driver", DRIVER.toString()); // no Selenium Manager
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // The network is closed here: without these, Chromium keeps trying to reach Google.
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + Files.createDirectories(tmp.resolve("profile")),
        "--window-size=1400,1000", "--hide-scrollbars");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(DRIVER.toString())).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    Files.createDirectories(SHOTS);
  }

  private static boolean installed() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
  }

  @BeforeEach
  void needsTheBrowser() {
    assumeTrue(browser != null, "skipped: no " + CHROMIUM + " or " + DRIVER + " (apt-get install"
        + " chromium chromium-driver; .ci/run installs them)");
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  /** Writes the report of a sweep trained by {@link FakeExecutor} and opens it. */
  private static Path open(String name, String yaml, int seeds) {
    Path dir = tmp.resolve(name);
    SweepTesting.run(SweepTesting.plan(yaml, new Overrides(seeds, null, null, null)), dir,
        Shard.ALL, new FakeExecutor(), 2, false);
    SweepReport.of(dir, List.of(), CnnEstimator.CNN).write(dir);
    Path page = dir.resolve(ReportPage.FILE);
    browser.get(page.toUri().toString());
    return page;
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  @Test
  void oneRun() throws Exception {
    Path page = open("one", """
        name: one
        reference_accuracy: 0.62
        baseline: {epochs: 3}
        runs:
          - name: baseline
            reported: 0.62
        """, 1);
    checkPage(page, 1, "one.png");
  }

  @Test
  void aHundredConfigsOfThreeSeedsInAGrid() throws Exception {
    StringBuilder lrs = new StringBuilder();
    for (int i = 1; i <= 10; i++) {
      lrs.append(i == 1 ? "" : ", ").append(0.001 * i);
    }
    Path page = open("hundred", """
        name: hundred
        reference_accuracy: 0.62
        baseline: {epochs: 4}
        grids:
          - name: lr-x-momentum
            grid: {lr: [%s], momentum: [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]}
        """.formatted(lrs), 3);
    checkPage(page, 100, "hundred.png");
    assertTrue(Files.size(page) < 8_000_000, "report.html of 100 configs: " + Files.size(page)
        + " bytes");
    assertEquals(1L, js("return document.querySelectorAll('#grids svg.chart').length;"),
        "a heatmap for the two-key grid");
  }

  private static void checkPage(Path page, int configs, String shot) throws Exception {
    String html = Files.readString(page);
    assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "links to the network");
    assertFalse(html.contains("<link") || html.contains("<script src"), "loads another file");
    assertEquals(0L, js("return performance.getEntriesByType('resource').length;"),
        "fetched nothing");

    List<String> errors = new ArrayList<>();
    for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
        errors.add(e.getLevel() + " " + e.getMessage());
      }
    }
    assertEquals(List.of(), errors, "console errors and warnings");
    js("console.error('probe of the console log');"); // the log is read for real
    assertTrue(browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .anyMatch(e -> e.getMessage().contains("probe of the console log")));

    assertEquals(configs, browser.findElements(By.cssSelector("#results tbody tr")).size());
    List<WebElement> charts = browser.findElements(By.cssSelector("svg.chart"));
    // the accuracy chart, a heatmap per two-key grid, the learning curves of every config
    assertTrue(charts.size() >= 1 + configs, charts.size() + " charts");
    for (WebElement chart : charts) {
      @SuppressWarnings("unchecked")
      Map<String, Object> box = (Map<String, Object>) js(
          "var r = arguments[0].getBoundingClientRect(); return {w: r.width, h: r.height};", chart);
      assertTrue(((Number) box.get("w")).doubleValue() > 50 && ((Number) box.get("h")).doubleValue() > 50,
          chart.getAttribute("id") + " has size " + box);
    }
    assertEquals(configs, browser.findElements(By.cssSelector("#confusion table")).size(),
        "a confusion matrix per config");

    checkSort();
    // the window, less the viewport, is what the browser's frame takes: add it to the page
    long frame = (Long) js("return window.outerHeight - window.innerHeight;");
    long height = (Long) js("return document.documentElement.scrollHeight;");
    browser.manage().window().setSize(new Dimension(1400, (int) Math.min(height + frame, 9000)));
    Files.write(SHOTS.resolve(shot), browser.getScreenshotAs(OutputType.BYTES));
    browser.manage().window().setSize(new Dimension(1400, 1000));
  }

  /** A click on "test accuracy %" sorts the rows by mean accuracy, a second click reverses. */
  private static void checkSort() {
    WebElement heading = browser.findElements(By.cssSelector("#results thead th")).stream()
        .filter(h -> h.getText().startsWith("test accuracy")).findFirst().orElseThrow();
    int column = browser.findElements(By.cssSelector("#results thead th")).indexOf(heading);
    heading.click();
    List<Double> up = column(column);
    assertEquals("ascending", heading.getAttribute("aria-sort"));
    assertEquals(up.stream().sorted().toList(), up, "ascending");
    heading.click();
    List<Double> down = column(column);
    assertEquals(up.stream().sorted((a, b) -> Double.compare(b, a)).toList(), down, "descending");
  }

  private static List<Double> column(int column) {
    @SuppressWarnings("unchecked")
    List<String> keys = (List<String>) js("return Array.from(document.querySelectorAll("
        + "'#results tbody tr'), r => r.cells[arguments[0]].getAttribute('data-sort'));", column);
    return keys.stream().map(Double::parseDouble).toList();
  }
}
