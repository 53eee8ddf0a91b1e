package fi.paja.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.selenium.AxeBuilder;
import fi.paja.support.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * "You said, we did" in three browsers: a participant's note becomes an action item (the button on the note), the
 * facilitator gives it an owner and a due date and shares the public link; a third browser with no login sees the
 * item on the public page and its status and explanation change live; the facilitator downloads the Markdown and
 * CSV exports through the buttons. The public page and the board with the outcomes panel pass axe-core.
 */
class OutcomesBrowserIT extends BrowserTestBase {

  private static final String IDEA = "Puhelinaika alkaa liian myöhään aamulla";
  private static final String OWNER = "Palveluesimies Laine";
  private static final String DUE = "2030-12-31";
  private static final String EXPLANATION = "Neuvonta vastaa nyt puhelimeen jo kello 8.";

  private Path downloads;

  @BeforeEach
  void createDownloadFolder() throws Exception {
    downloads = Files.createTempDirectory("paja-downloads");
  }

  /** Creates a workshop and opens its board with the outcomes tools; returns the join code. */
  private String createAndOpenBoard(ChromeDriver driver) {
    String code = createAndOpenBoard(driver, "Asiakasraati: neuvonnan puhelinpalvelu");
    openDrawerTab(driver, "decisions");
    waitUpTo(driver, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("outcome-tools")));
    return code;
  }

  private WebElement canvasNote(WebDriver driver, String text) {
    return waitUpTo(driver, 5).until(d -> d.findElements(By.cssSelector("#canvas article.note")).stream()
        .filter(n -> n.getText().contains(text)).findFirst().orElse(null));
  }

  /** The facilitator's item in the action list. */
  private WebElement actionItem(WebDriver driver, String title) {
    return waitUpTo(driver, 5).until(d -> d.findElements(By.cssSelector("#action-list li.outcome")).stream()
        .filter(li -> li.findElement(By.cssSelector(".outcome-heading")).getText().equals(title)).findFirst()
        .orElse(null));
  }

  private WebElement publicItem(WebDriver driver, String title) {
    return waitUpTo(driver, 10).until(d -> d.findElements(By.cssSelector("#public-action-list li.outcome")).stream()
        .filter(li -> li.getText().contains(title)).findFirst().orElse(null));
  }

  /** Sets a date field the way a date picker does (typing into one depends on the browser's locale). */
  private static void setDate(WebDriver driver, WebElement input, String value) {
    ((JavascriptExecutor) driver).executeScript(
        "arguments[0].value = arguments[1];"
            + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
            + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        input, value);
  }

  /** Waits for a finished download with this extension and returns its text. */
  private String downloaded(String extension) throws Exception {
    List<Path> folder = Await.until("a finished ." + extension + " download in the downloads folder",
        Duration.ofSeconds(15), () -> {
          try (Stream<Path> files = Files.list(downloads)) {
            return files.toList();
          }
        }, files -> files.stream().anyMatch(p -> finished(p, extension)));
    Path file = folder.stream().filter(p -> finished(p, extension)).findFirst().orElseThrow();
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static boolean finished(Path file, String extension) {
    try {
      return file.getFileName().toString().endsWith("." + extension) && Files.size(file) > 0;
    } catch (IOException renamedMeanwhile) {
      return false;
    }
  }

  @Test
  void aNoteBecomesAnActionItemThatThePublicPageFollowsLive() throws Exception {
    ChromeDriver fac = browser(downloads);
    String code = createAndOpenBoard(fac);
    ChromeDriver aino = browser();
    join(aino, code, "Aino");
    writeNote(aino, IDEA);
    canvasNote(aino, IDEA).findElement(By.cssSelector(".note-text")).click();
    waitUpTo(aino, 3)
        .until(d -> canvasNote(d, IDEA).findElement(By.cssSelector("button[data-action=menu-more]")).isDisplayed());
    canvasNote(aino, IDEA).findElement(By.cssSelector("button[data-action=menu-more]")).click();
    waitUpTo(aino, 3).until(
        d -> canvasNote(d, IDEA).findElements(By.cssSelector("[role=menuitem][data-action=delete]")).size() == 1);
    assertTrue(
        aino.findElements(By.cssSelector("button.outcome-make-action, [role=menuitem][data-action^=make-]")).isEmpty(),
        "participants do not make action items");
    openDrawerTab(aino, "decisions");

    // the facilitator makes an action item from the note: its details open with the owner field focused
    chooseFromNoteMenu(fac, d -> canvasNote(d, IDEA), "make-action");
    WebElement item = actionItem(fac, IDEA);
    WebElement owner = waitUpTo(fac, 5)
        .until(d -> actionItem(d, IDEA).findElement(By.cssSelector("input.outcome-owner")));
    waitUpTo(fac, 5).until(d -> owner.equals(d.switchTo().activeElement()));
    owner.sendKeys(OWNER);
    setDate(fac, actionItem(fac, IDEA).findElement(By.cssSelector("input.outcome-due")), DUE);
    actionItem(fac, IDEA).findElement(By.cssSelector("button.outcome-details-save")).click();
    waitUpTo(fac, 5)
        .until(d -> actionItem(d, IDEA).getText().contains(fi("outcome.ownerLine").replace("{owner}", OWNER)));
    item = actionItem(fac, IDEA);
    assertTrue(item.getText().contains(fi("outcome.dueLine").replace("{date}", "31.12.2030")), item.getText());
    assertTrue(item.getText().contains(fi("outcome.fromNote").replace("{excerpt}", IDEA)), item.getText());
    assertEquals("open", new Select(item.findElement(By.cssSelector("select.outcome-status"))).getFirstSelectedOption()
        .getAttribute("value"));
    // the participant sees the item too, read-only
    waitUpTo(aino, 5).until(d -> actionItem(d, IDEA).getText().contains(fi("outcome.statusLine")
        .replace("{status}", fi("outcome.status.open"))));
    assertTrue(actionItem(aino, IDEA).findElements(By.cssSelector("select.outcome-status")).isEmpty());

    // GitHub is not set up on this server: said calmly, nothing breaks
    actionItem(fac, IDEA).findElement(By.cssSelector("button.outcome-push")).click();
    waitUpTo(fac, 5).until(ExpectedConditions.textToBe(By.id("github-status"), fi("outcome.githubNotConfigured")));
    assertFalse(fac.findElement(By.id("outcome-error")).isDisplayed());

    // the public link, copied by the facilitator
    fac.findElement(By.id("public-link-copy")).click();
    waitUpTo(fac, 5).until(d -> !d.findElement(By.id("public-link-status")).getText().isEmpty());
    String link = fac.findElement(By.id("public-link")).getAttribute("href");
    assertTrue(link.matches("http://127\\.0\\.0\\.1:\\d+/outcomes\\.html\\?p=[A-Za-z0-9_-]{22}"), link);
    assertEquals(link, fac.findElement(By.id("public-link")).getText());

    // a third browser, no login: the public page
    ChromeDriver pub = browser();
    pub.get(link);
    waitUpTo(pub, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("public-workshop")));
    finnish(pub);
    assertEquals(fi("public.heading"), pub.findElement(By.tagName("h1")).getText());
    assertEquals(fi("public.workshop").replace("{title}", "Asiakasraati: neuvonnan puhelinpalvelu"),
        pub.findElement(By.id("public-workshop")).getText());
    WebElement shown = publicItem(pub, IDEA);
    assertTrue(shown.getText().contains(fi("outcome.statusLine").replace("{status}", fi("outcome.status.open"))),
        shown.getText());
    waitUpTo(pub, 10).until(ExpectedConditions.attributeToBe(By.id("public-live"), "data-state", "online"));
    String page = pub.findElement(By.tagName("body")).getText();
    assertFalse(page.contains(OWNER), "no names on the public page");
    assertFalse(page.contains("Aino"), "no names on the public page");
    assertNoSeriousViolations(new AxeBuilder().analyze(pub), "public page");
    screenshot(pub, "outcomes-public-open");

    // done, with an explanation: the public page follows without a reload
    Object marker = ((JavascriptExecutor) pub).executeScript("window.__notReloaded = true; return true;");
    assertEquals(Boolean.TRUE, marker);
    item = actionItem(fac, IDEA);
    new Select(item.findElement(By.cssSelector("select.outcome-status"))).selectByValue("done");
    item.findElement(By.cssSelector("textarea.outcome-explanation")).sendKeys(EXPLANATION);
    item.findElement(By.cssSelector("button.outcome-save")).click();
    long savedAt = System.nanoTime();
    String doneLine = fi("outcome.statusLine").replace("{status}", fi("outcome.status.done"));
    waitUpTo(pub, 5).until(d -> {
      String text = publicItem(d, IDEA).getText();
      return text.contains(doneLine) && text.contains(EXPLANATION);
    });
    long millis = (System.nanoTime() - savedAt) / 1_000_000;
    assertTrue(millis < 2_000, "the public page took " + millis + " ms");
    assertEquals(Boolean.TRUE, ((JavascriptExecutor) pub).executeScript("return window.__notReloaded === true;"),
        "updated live, not reloaded");
    waitUpTo(pub, 5).until(d -> d.findElement(By.id("public-announcer")).getAttribute("textContent")
        .contains(
            fi("public.announce.status").replace("{title}", IDEA).replace("{status}", fi("outcome.status.done"))));
    assertEquals("polite", pub.findElement(By.id("public-announcer")).getAttribute("aria-live"));
    screenshot(pub, "outcomes-public-done");

    // the facilitator's item shows the new status too
    waitUpTo(fac, 5).until(d -> actionItem(d, IDEA).getText().contains(doneLine));

    // exports through the buttons: Markdown and CSV
    fac.findElement(By.cssSelector("a.export-md")).click();
    waitUpTo(fac, 10).until(
        d -> d.findElement(By.id("export-status")).getText().startsWith(fi("export.ready").replace("{file}", "")));
    String markdown = downloaded("md");
    assertTrue(markdown.contains(IDEA), markdown);
    assertTrue(markdown.contains("done"), markdown);
    assertTrue(markdown.contains(OWNER), markdown);
    fac.findElement(By.cssSelector("a.export-csv")).click();
    waitUpTo(fac, 10).until(d -> d.findElement(By.id("export-status")).getText().endsWith(".csv"));
    String csv = downloaded("csv");
    String row = csv.lines().filter(l -> l.contains(IDEA) && l.startsWith("action")).findFirst()
        .orElseThrow(() -> new AssertionError(csv));
    assertTrue(row.contains(",done,"), row);
    assertTrue(row.contains(DUE), row);
    WebElement again = fac.findElement(By.id("export-again"));
    assertTrue(again.isDisplayed() && again.getAttribute("href").startsWith("blob:"), "a link to save the file again");

    ((JavascriptExecutor) fac).executeScript("document.getElementById('outcomes').scrollIntoView()");
    assertNoSeriousViolations(new AxeBuilder().analyze(fac), "facilitator's board with the outcomes panel");
    screenshot(fac, "outcomes-board-facilitator");
    assertNoSeriousViolations(new AxeBuilder().analyze(aino), "participant's board with the outcomes panel");

    // the JSON export, imported again on the facilitator page, becomes a second workshop in the list
    fac.findElement(By.cssSelector("a.export-json")).click();
    waitUpTo(fac, 10).until(d -> d.findElement(By.id("export-status")).getText().endsWith(".json"));
    downloaded("json");
    Path json;
    try (Stream<Path> files = Files.list(downloads)) {
      json = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
    }
    String board = fac.getCurrentUrl();
    fac.get(url("/facilitator.html"));
    waitUpTo(fac, 10).until(d -> d.findElements(By.cssSelector("#workshop-list li")).size() == 1);
    fac.findElement(By.id("import-file")).sendKeys(json.toAbsolutePath().toString());
    waitUpTo(fac, 10).until(ExpectedConditions.textToBe(By.id("import-status"),
        fi("export.import.done").replace("{title}", "Asiakasraati: neuvonnan puhelinpalvelu")));
    waitUpTo(fac, 10).until(d -> d.findElements(By.cssSelector("#workshop-list li")).size() == 2);
    assertNoSeriousViolations(new AxeBuilder().analyze(fac), "facilitator page after an import");
    fac.get(board);
    online(fac);

    // removing it removes it from the public page too
    actionItem(fac, IDEA).findElement(By.cssSelector("button.outcome-delete")).click();
    waitUpTo(fac, 5)
        .until(
            ExpectedConditions.elementToBeClickable(By.cssSelector("#action-list button[data-action=confirm-delete]")))
        .click();
    waitUpTo(pub, 5).until(d -> d.findElements(By.cssSelector("#public-action-list li.outcome")).isEmpty());
    assertTrue(pub.findElement(By.id("public-empty")).isDisplayed());
  }
}
