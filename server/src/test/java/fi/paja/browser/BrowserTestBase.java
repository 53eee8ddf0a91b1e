package fi.paja.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import fi.paja.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the browser tests share: a real server per test, the browsers it opened (quit afterwards), and the steps every
 * scenario goes through on its way to the board (facilitator login and a new workshop, joining with a code).
 * Each test class keeps only its own scenario and the helpers that belong to it.
 */
@ExtendWith(VertxExtension.class)
@Tag("slow")
abstract class BrowserTestBase {

  /** Every browser a test opened, in order; quit after the test even when it fails. */
  protected final List<ChromeDriver> browsers = new ArrayList<>();
  private TestServer server;
  private JsonObject finnishCatalog;

  @BeforeEach
  void startServer(Vertx vertx) throws Exception {
    server = newServer(vertx);
  }

  /** Settings ({@code PAJA_*}) the test server starts with; none by default. */
  protected java.util.Map<String, String> serverEnv() {
    return java.util.Map.of();
  }

  /** The server a test runs against; a class may start it with its own settings or clock. */
  protected TestServer newServer(Vertx vertx) throws Exception {
    return TestServer.start(vertx, serverEnv());
  }

  protected TestServer testServer() {
    return server;
  }

  @AfterEach
  void quitBrowsersAndStopServer() throws Exception {
    browsers.forEach(WebDriver::quit);
    server.close();
  }

  /**
   * What a wait retries on instead of failing at once. Parts of the board are rebuilt when something changes, so by
   * default a stale element just means "look again"; a class can be stricter or more lenient.
   */
  protected List<Class<? extends Throwable>> retriedWhileWaiting() {
    return List.of(StaleElementReferenceException.class);
  }

  protected ChromeDriver browser() throws Exception {
    return remember(Browser.start());
  }

  /** A browser that saves downloads into {@code downloads} without asking. */
  protected ChromeDriver browser(Path downloads) throws Exception {
    return remember(Browser.start(downloads));
  }

  private ChromeDriver remember(ChromeDriver driver) {
    browsers.add(driver);
    return driver;
  }

  /** The test server's HTTP port, for setting a scene up through the API. */
  protected int port() {
    return server.port();
  }

  protected String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  /** Polls every 25 ms: the tests measure live updates against a 2-second budget. */
  protected WebDriverWait waitUpTo(WebDriver driver, long seconds) {
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(25));
    wait.ignoreAll(retriedWhileWaiting());
    return wait;
  }

  /**
   * A text of the Finnish catalog: pages are switched to Finnish and expected texts come from the catalog rather
   * than being copied into the tests. Read on first use, as not every test compares texts.
   */
  protected String fi(String key) {
    if (finnishCatalog == null) {
      try {
        finnishCatalog = new JsonObject(Files.readString(Path.of("..", "web-client", "src", "i18n", "fi.json")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return finnishCatalog.getString(key);
  }

  /** Chooses Finnish in the language switch; the choice is kept for the later pages. */
  protected void finnish(ChromeDriver driver) {
    new Select(driver.findElement(By.id("lang"))).selectByValue("fi");
    waitUpTo(driver, 5).until(d -> "fi".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
  }

  /** Waits until the board's live connection is up. */
  protected void connected(ChromeDriver driver) {
    waitUpTo(driver, 15).until(ExpectedConditions.attributeToBe(By.id("connection-status"), "data-state", "online"));
  }

  /** Waits until the board is connected and shown. */
  protected void online(ChromeDriver driver) {
    connected(driver);
    waitUpTo(driver, 15).until(ExpectedConditions.visibilityOfElementLocated(By.id("board-app")));
  }

  protected void openFacilitatorPage(ChromeDriver driver) {
    driver.get(url("/facilitator.html"));
    waitUpTo(driver, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
  }

  /** Logs in on the facilitator page and waits for the form that creates a workshop. */
  protected void logIn(ChromeDriver driver) {
    driver.findElement(By.id("login-username")).sendKeys(TestServer.ADMIN);
    driver.findElement(By.id("login-password")).sendKeys(TestServer.ADMIN_PASSWORD);
    driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
    waitUpTo(driver, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("workshop-title")));
  }

  /** Submits the filled-in create form; returns the new workshop's join code. */
  protected String submitWorkshop(ChromeDriver driver) {
    driver.findElement(By.cssSelector("#create-form button[type=submit]")).click();
    return waitUpTo(driver, 10).until(d -> {
      String text = d.findElement(By.id("created-join-code")).getText().trim();
      return text.matches("[A-Z0-9]{6}") ? text : null;
    });
  }

  /** Opens the board of the workshop just created, with the facilitator's token in the link. */
  protected void openCreatedBoard(ChromeDriver driver) {
    WebElement open = waitUpTo(driver, 10).until(d -> d.findElements(By.cssSelector("a.open-board")).stream()
        .filter(WebElement::isDisplayed).findFirst().orElse(null));
    driver.get(open.getAttribute("href"));
    online(driver);
  }

  /** Logs in in Finnish, creates a workshop with this title and opens its board; returns the join code. */
  protected String createAndOpenBoard(ChromeDriver driver, String title) {
    openFacilitatorPage(driver);
    finnish(driver);
    logIn(driver);
    driver.findElement(By.id("workshop-title")).sendKeys(title);
    String code = submitWorkshop(driver);
    openCreatedBoard(driver);
    return code;
  }

  protected void openJoinPage(ChromeDriver driver, String code) {
    driver.get(url("/?code=" + code));
    waitUpTo(driver, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("join-name")));
  }

  /** Joins under this name from the filled-in join page and waits for the board's address. */
  protected void submitJoin(ChromeDriver driver, String name) {
    driver.findElement(By.id("join-name")).sendKeys(name);
    driver.findElement(By.cssSelector("#join-form button[type=submit]")).click();
    waitUpTo(driver, 10).until(ExpectedConditions.urlContains("board.html"));
  }

  /** Joins the workshop in Finnish and waits for the board to be online. */
  protected void join(ChromeDriver driver, String code, String name) {
    openJoinPage(driver, code);
    finnish(driver);
    submitJoin(driver, name);
    online(driver);
  }

  /**
   * Focuses a note (on the canvas or a list row) by clicking its text, opens its "More…" menu and chooses the item
   * with this data-action. The note is looked up again each time, as it may be rebuilt meanwhile.
   */
  protected void chooseFromNoteMenu(WebDriver driver, java.util.function.Function<WebDriver, WebElement> note,
                                    String action) {
    note.apply(driver).findElement(By.cssSelector(".note-text")).click();
    waitUpTo(driver, 3)
        .until(d -> note.apply(d).findElement(By.cssSelector("button[data-action=menu-more]")).isDisplayed());
    note.apply(driver).findElement(By.cssSelector("button[data-action=menu-more]")).click();
    WebElement item = waitUpTo(driver, 3)
        .until(d -> note.apply(d).findElements(By.cssSelector("[role=menuitem][data-action=" + action + "]"))
            .stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    item.click();
  }

  /**
   * A button of a note's toolbar (edit, menu-color, menu-more …), shown once the note has focus: focuses the note
   * (on the canvas or a list row) and waits for the button.
   */
  protected WebElement noteToolbarButton(ChromeDriver driver, java.util.function.Function<WebDriver, WebElement> note,
                                         String action) {
    driver.executeScript("arguments[0].focus()", note.apply(driver));
    return waitUpTo(driver, 3)
        .until(d -> note.apply(d).findElements(By.cssSelector(".note-toolbar button[data-action=" + action + "]"))
            .stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
  }

  /**
   * Writes a note through the new-note sheet: opens it with the "+ New note" button when it is not open, types,
   * adds, and waits until the sheet has closed.
   */
  protected void writeNote(ChromeDriver driver, String text) {
    WebElement sheet = driver.findElement(By.id("new-note-sheet"));
    if (sheet.getAttribute("open") == null) {
      // the phone's big button at the bottom, or the board corner's button on a wider screen
      waitUpTo(driver, 5).until(d -> d.findElements(By.cssSelector("#new-note-open, #new-note-button")).stream()
          .filter(b -> b.isDisplayed() && b.isEnabled()).findFirst().orElse(null)).click();
      waitUpTo(driver, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("new-note-text")));
    }
    driver.findElement(By.id("new-note-text")).sendKeys(text);
    driver.findElement(By.cssSelector("#new-note-form button[type=submit]")).click();
    waitUpTo(driver, 5).until(ExpectedConditions.invisibilityOfElementLocated(By.id("new-note-sheet")));
  }

  /** Opens the board's drawer (facilitator tools, vote, people, decisions) on a tab: guide, vote, people, decisions. */
  protected void openDrawerTab(ChromeDriver driver, String tab) {
    if (!driver.findElement(By.id("drawer")).isDisplayed()) {
      WebElement toggle = driver.findElement(By.id("drawer-toggle"));
      if (!toggle.isDisplayed()) {
        driver.findElement(By.id("header-menu-toggle")).click();
      }
      waitUpTo(driver, 5).until(ExpectedConditions.elementToBeClickable(By.id("drawer-toggle"))).click();
    }
    WebElement tabButton = waitUpTo(driver, 5).until(ExpectedConditions.elementToBeClickable(By.id("tab-" + tab)));
    if (!"true".equals(tabButton.getAttribute("aria-selected"))) {
      tabButton.click();
    }
    waitUpTo(driver, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("panel-" + tab)));
  }

  /** Kept under target/screenshots for people to look at; not compared. */
  protected static void screenshot(ChromeDriver driver, String name) throws Exception {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
  }

  /** Fails with every serious or critical axe-core violation and where it is; minor ones are let through. */
  protected static void assertNoSeriousViolations(Results results, String page) {
    List<Rule> serious = results.getViolations().stream()
        .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact()))
        .toList();
    assertTrue(serious.isEmpty(), page + ": " + serious.stream()
        .map(v -> v.getId() + " (" + v.getImpact() + "): " + v.getNodes().stream()
            .map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
        .collect(Collectors.joining("; ")));
  }
}
