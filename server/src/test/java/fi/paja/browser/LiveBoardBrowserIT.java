package fi.paja.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import fi.paja.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One workshop as people run it: a facilitator creates it in the browser, two participants join from their own
 * browsers (one of them on SockJS's xhr-polling fallback, as behind a proxy that blocks WebSockets), a note written
 * by one appears live for the other, in the canvas and in the list view, and the board passes axe-core.
 */
@ExtendWith(VertxExtension.class)
class LiveBoardBrowserIT {

  private TestServer server;
  private final List<ChromeDriver> browsers = new ArrayList<>();

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    browsers.forEach(WebDriver::quit);
    server.close();
  }

  private ChromeDriver browser() throws Exception {
    ChromeDriver driver = Browser.start();
    browsers.add(driver);
    return driver;
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  private static WebDriverWait waitUpTo(WebDriver driver, long seconds) {
    return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(25));
  }

  private String createWorkshopAsFacilitator(ChromeDriver driver) {
    driver.get(url("/facilitator.html"));
    waitUpTo(driver, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
    driver.findElement(By.id("login-username")).sendKeys(TestServer.ADMIN);
    driver.findElement(By.id("login-password")).sendKeys(TestServer.ADMIN_PASSWORD);
    driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
    waitUpTo(driver, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("workshop-title")));
    driver.findElement(By.id("workshop-title")).sendKeys("Sosiaalipalvelujen palvelupolku");
    driver.findElement(By.cssSelector("#create-form button[type=submit]")).click();
    WebElement code = waitUpTo(driver, 10).until(d -> {
      WebElement e = d.findElement(By.id("created-join-code"));
      return e.getText().trim().matches("[A-Z0-9]{6}") ? e : null;
    });
    return code.getText().trim();
  }

  private void join(ChromeDriver driver, String code, String name, String transports) {
    driver.get(url("/?code=" + code));
    waitUpTo(driver, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("join-name")));
    assertEquals(code, driver.findElement(By.id("join-code")).getAttribute("value"));
    driver.findElement(By.id("join-name")).sendKeys(name);
    driver.findElement(By.cssSelector("#join-form button[type=submit]")).click();
    waitUpTo(driver, 10).until(ExpectedConditions.urlContains("board.html"));
    if (transports != null) {
      driver.get(driver.getCurrentUrl() + "&transports=" + transports);
    }
    waitUpTo(driver, 15).until(ExpectedConditions.attributeToBe(By.id("connection-status"), "data-state", "online"));
  }

  @Test
  void aNoteAddedByOneParticipantAppearsForAnotherWithin2Seconds() throws Exception {
    String code = createWorkshopAsFacilitator(browser());
    ChromeDriver aino = browser();
    ChromeDriver bertil = browser();
    join(aino, code, "Aino", null);
    join(bertil, code, "Bertil", "xhr-polling");

    String text = "Puhelinjonossa odottaminen on liian pitkää <b>ei html</b>";
    aino.findElement(By.id("new-note-text")).sendKeys(text);
    long sentAt = System.nanoTime();
    aino.findElement(By.cssSelector("#new-note-form button[type=submit]")).click();

    WebElement note = waitUpTo(bertil, 2).until(d -> d.findElements(By.cssSelector("#canvas article.note")).stream()
        .filter(n -> n.getText().contains(text)).findFirst().orElse(null));
    long millis = (System.nanoTime() - sentAt) / 1_000_000;
    assertTrue(millis < 2_000, "took " + millis + " ms");
    // User text is text: the markup in it is shown, not interpreted.
    assertTrue(note.findElements(By.tagName("b")).isEmpty());

    screenshot(bertil, "board-canvas");

    bertil.findElement(By.id("view-toggle")).click();
    waitUpTo(bertil, 5).until(d -> d.findElements(By.cssSelector("#note-list li")).stream()
        .anyMatch(li -> li.isDisplayed() && li.getText().contains(text)));
    screenshot(bertil, "board-list");
  }

  /** Kept under target/screenshots for people to look at; not compared. */
  private static void screenshot(ChromeDriver driver, String name) throws Exception {
    java.nio.file.Path dir = java.nio.file.Path.of("target", "screenshots");
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Files.write(dir.resolve(name + ".png"),
        driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
  }

  @Test
  void theBoardPageHasNoSeriousAccessibilityViolations() throws Exception {
    String code = createWorkshopAsFacilitator(browser());
    ChromeDriver aino = browser();
    join(aino, code, "Aino", null);
    aino.findElement(By.id("new-note-text")).sendKeys("Esteettömyys on kaikkien asia");
    aino.findElement(By.cssSelector("#new-note-form button[type=submit]")).click();
    waitUpTo(aino, 5).until(d -> !d.findElements(By.cssSelector("#canvas article.note")).isEmpty());

    assertNoSeriousViolations(new AxeBuilder().analyze(aino), "board, canvas view");
    aino.findElement(By.id("view-toggle")).click();
    waitUpTo(aino, 5).until(d -> d.findElements(By.cssSelector("#note-list li")).stream().anyMatch(WebElement::isDisplayed));
    assertNoSeriousViolations(new AxeBuilder().analyze(aino), "board, list view");
    aino.get(url("/"));
    waitUpTo(aino, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("join-name")));
    assertNoSeriousViolations(new AxeBuilder().analyze(aino), "landing page");
  }

  private static void assertNoSeriousViolations(Results results, String page) {
    List<Rule> serious = results.getViolations().stream()
        .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact()))
        .toList();
    assertTrue(serious.isEmpty(), page + ": " + serious.stream()
        .map(v -> v.getId() + " (" + v.getImpact() + "): " + v.getNodes().stream()
            .map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
        .collect(Collectors.joining("; ")));
  }
}
