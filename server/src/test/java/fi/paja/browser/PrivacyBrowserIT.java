package fi.paja.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import fi.paja.support.Api;
import fi.paja.support.MovableClock;
import fi.paja.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The people's side of erasure, in browsers: a participant on a phone deletes her notes and leaves through a
 * confirmation dialog (the facilitator's list loses her, her notes go); the facilitator downloads another person's
 * data (the file is read) and erases him (his notes stay on every board without his name); the closed board, the
 * dashboard and the public page say when the pseudonyms will be, and then were, erased. axe reports nothing on
 * these states, in Finnish and Swedish.
 */
class PrivacyBrowserIT extends BrowserTestBase {

  private static final Dimension DESK = new Dimension(1366, 768);
  private static final Dimension PHONE = new Dimension(390, 844);
  private final MovableClock clock = new MovableClock();

  @TempDir
  Path downloads;

  @Override
  protected TestServer newServer(Vertx vertx) throws Exception {
    // a day's check interval: the test runs retention itself, when it has moved the clock
    return TestServer.start(vertx, Map.of("PAJA_RETENTION_DAYS", "30", "PAJA_RETENTION_CHECK_SECONDS", "86400"),
        clock);
  }

  private static void axe(WebDriver driver, String page) {
    Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
    assertTrue(results.getViolations().isEmpty(), page + ": " + results.getViolations().stream()
        .map(v -> v.getId() + " (" + v.getImpact() + "): " + v.getNodes().stream()
            .map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
        .collect(Collectors.joining("; ")));
  }

  /** The language switch, wherever the layout put it. */
  private void language(ChromeDriver driver, String lang) {
    driver.executeScript("const s = document.getElementById('lang'); s.value = arguments[0];"
        + " s.dispatchEvent(new Event('change', {bubbles: true}));", lang);
    waitUpTo(driver, 5).until(d -> lang.equals(d.findElement(By.tagName("html")).getAttribute("lang")));
  }

  private static String active(ChromeDriver driver) {
    return driver.switchTo().activeElement().getAttribute("id");
  }

  /** A person's row in the facilitator's People tab, or null. */
  private static WebElement person(WebDriver driver, String name) {
    return driver.findElements(By.cssSelector("#fac-participants li.fac-participant")).stream()
        .filter(li -> li.findElement(By.cssSelector(".fac-participant-name")).getText().startsWith(name))
        .findFirst().orElse(null);
  }

  /** A button of a person's row, looked for until the list stands still (it is rebuilt as people come and go). */
  private WebElement personButton(WebDriver driver, String name, String action) {
    return waitUpTo(driver, 10).until(d -> {
      WebElement row = person(d, name);
      return row == null ? null : row.findElement(By.cssSelector("button[data-action=" + action + "]"));
    });
  }

  /** The accessible name of a person's button, read again if the list was rebuilt meanwhile. */
  private String personButtonLabel(WebDriver driver, String name, String action) {
    return waitUpTo(driver, 10).ignoring(StaleElementReferenceException.class)
        .until(d -> personButton(d, name, action).getAttribute("aria-label"));
  }

  /**
   * Clicks a person's button. The list is rebuilt when someone joins or comes online, which can happen between
   * finding the button and clicking it (CI once saw it stale right after a join): then it is found again.
   */
  private void clickPersonButton(WebDriver driver, String name, String action) {
    waitUpTo(driver, 10).ignoring(StaleElementReferenceException.class).until(d -> {
      personButton(d, name, action).click();
      return true;
    });
  }

  /** Everything the board shows, accessible names included. */
  private static String board(ChromeDriver driver) {
    return (String) driver.executeScript("return document.getElementById('board-app').innerHTML");
  }

  private String boardId(ChromeDriver driver) {
    return (String) driver.executeScript("return new URLSearchParams(location.search).get('w')");
  }

  @Test
  void participantsLeaveAndAreErasedAndRetentionIsShown(Vertx vertx) throws Exception {
    ChromeDriver fac = browser(downloads);
    fac.manage().window().setSize(DESK);
    String code = createAndOpenBoard(fac, "Perhekeskuksen palvelut");
    String workshopId = boardId(fac);
    ChromeDriver anna = browser();
    anna.manage().window().setSize(PHONE);
    join(anna, code, "Anna");
    writeNote(anna, "Annan oma ajatus");
    ChromeDriver pekka = browser();
    join(pekka, code, "Pekka");
    writeNote(pekka, "Pekan ajatus jää");
    waitUpTo(fac, 10).until(d -> board((ChromeDriver) d).contains("Annan oma ajatus")
        && board((ChromeDriver) d).contains("Pekan ajatus jää"));

    // Anna, on her phone: Help and info → Your data → Delete my notes and leave.
    openDrawerTab(anna, "guide");
    WebElement leave = waitUpTo(anna, 5).until(ExpectedConditions.elementToBeClickable(By.id("privacy-leave")));
    assertEquals(fi("privacy.leave.button"), leave.getText());
    leave.click();
    waitUpTo(anna, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("privacy-leave-dialog")));
    // The safe choice has the focus; the dialog says what happens.
    assertEquals("privacy-leave-cancel", active(anna));
    String said = anna.findElement(By.id("privacy-leave-dialog")).getText();
    assertTrue(said.contains(fi("privacy.leave.notes")) && said.contains(fi("privacy.cannotUndo")), said);
    axe(anna, "leave dialog (fi)");
    screenshot(anna, "privacy-leave-dialog-phone-fi");
    // Escape closes it and gives the focus back.
    anna.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    waitUpTo(anna, 5).until(ExpectedConditions.invisibilityOfElementLocated(By.id("privacy-leave-dialog")));
    assertEquals("privacy-leave", active(anna));
    language(anna, "sv");
    anna.findElement(By.id("privacy-leave")).sendKeys(Keys.ENTER);
    waitUpTo(anna, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("privacy-leave-dialog")));
    axe(anna, "leave dialog (sv)");
    screenshot(anna, "privacy-leave-dialog-phone-sv");
    language(anna, "fi");
    anna.findElement(By.id("privacy-leave-confirm")).click();
    waitUpTo(anna, 10).until(d -> d.findElement(By.id("board-message-text")).getText()
        .equals(fi("privacy.leave.done")));
    assertEquals("board-message-text", active(anna));
    axe(anna, "left (fi)");
    screenshot(anna, "privacy-left-phone-fi");

    // The facilitator's list loses her, and her note goes from the board.
    openDrawerTab(fac, "people");
    waitUpTo(fac, 10).until(d -> person(d, "Pekka") != null && person(d, "Anna") == null);
    waitUpTo(fac, 10).until(d -> !board((ChromeDriver) d).contains("Annan oma ajatus"));

    // Anna's phone joins again, as someone new: Liisa sees the board as anyone else does.
    ChromeDriver liisa = anna;
    join(liisa, code, "Liisa");
    waitUpTo(liisa, 10).until(d -> board((ChromeDriver) d).contains("Pekan ajatus jää"));
    assertFalse(board(liisa).contains("Annan oma ajatus"));

    // The facilitator downloads Pekka's data: a file with his pseudonym and his note.
    waitUpTo(fac, 10).until(d -> person(d, "Pekka") != null);
    assertEquals(fi("privacy.export.label").replace("{name}", "Pekka"),
        personButtonLabel(fac, "Pekka", "export-person"));
    clickPersonButton(fac, "Pekka", "export-person");
    Path file = waitUpTo(fac, 10).until(d -> {
      try (var files = Files.list(downloads)) {
        return files.filter(f -> f.getFileName().toString().matches("paja-.*\\.json")).findFirst().orElse(null);
      } catch (Exception e) {
        return null;
      }
    });
    String exported = waitUpTo(fac, 5).until(d -> {
      try {
        String text = Files.readString(file);
        new JsonObject(text);
        return text;
      } catch (Exception e) {
        return null;
      }
    });
    JsonObject export = new JsonObject(exported);
    assertEquals("Pekka", export.getJsonObject("participant").getString("pseudonym"));
    assertEquals("Pekan ajatus jää", export.getJsonArray("notes").getJsonObject(0).getString("text"));
    assertFalse(export.encode().contains("Anna"), export.encode());

    // ... and erases him through the dialog that names him and says what stays.
    assertEquals(fi("privacy.erase.label").replace("{name}", "Pekka"), personButtonLabel(fac, "Pekka", "erase-person"));
    clickPersonButton(fac, "Pekka", "erase-person");
    WebElement dialog = waitUpTo(fac, 5)
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("privacy-erase-dialog")));
    assertEquals(fi("privacy.erase.heading").replace("{name}", "Pekka"),
        fac.findElement(By.id("privacy-erase-heading")).getText());
    assertTrue(dialog.getText().contains(fi("privacy.erase.notes")), dialog.getText());
    assertEquals("privacy-erase-cancel", active(fac));
    axe(fac, "erase dialog (fi)");
    screenshot(fac, "privacy-erase-dialog-fi");
    language(fac, "sv");
    axe(fac, "erase dialog (sv)");
    screenshot(fac, "privacy-erase-dialog-sv");
    language(fac, "fi");
    fac.findElement(By.id("privacy-erase-confirm")).click();
    String toldPekka = waitUpTo(pekka, 10).until(d -> {
      String text = d.findElement(By.id("board-message-text")).getText();
      return text.isEmpty() ? null : text;
    });
    // The socket is closed with 4405 erased, so the page says why whichever comes first, the close or the event.
    assertEquals(fi("privacy.erasedYou"), toldPekka);
    waitUpTo(fac, 10).until(d -> person(d, "Pekka") == null);
    assertEquals("fac-participants-heading", active(fac));
    // The note stays on every board, without his name.
    for (ChromeDriver driver : List.of(fac, liisa)) {
      waitUpTo(driver, 10).until(d -> board((ChromeDriver) d).contains("Pekan ajatus jää")
          && !board((ChromeDriver) d).contains("Pekka"));
    }
    axe(fac, "people after erasure (fi)");
    screenshot(fac, "privacy-people-after-fi");

    // Someone removed earlier (not erased) is still listed, as removed, with her data's download and erasure: a
    // request to see or erase it can come from her too.
    Api facApi = new Api(vertx, port());
    JsonObject sanna = facApi.join(code, "Sanna");
    facApi.commandOk(workshopId, sanna.getString("token"), Api.addNote("Kolmas ajatus jää", 0, 600));
    facApi.commandOk(workshopId, facApi.login(), new JsonObject().put("op", "participant.remove")
        .put("participantId", sanna.getString("participantId")));
    personButton(fac, "Sanna", "erase-person");
    assertTrue(person(fac, "Sanna").getText().contains(fi("fac.participant.removedState")),
        person(fac, "Sanna").getText());
    assertTrue(person(fac, "Sanna").findElements(By.cssSelector("button[data-action=remove], select")).isEmpty());
    axe(fac, "people with a removed person (fi)");
    screenshot(fac, "privacy-people-removed-fi");
    clickPersonButton(fac, "Sanna", "erase-person");
    waitUpTo(fac, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("privacy-erase-dialog")));
    fac.findElement(By.id("privacy-erase-confirm")).click();
    waitUpTo(fac, 10).until(d -> person(d, "Sanna") == null && board((ChromeDriver) d).contains("Kolmas ajatus jää")
        && !board((ChromeDriver) d).contains("Sanna"));

    // The workshop is closed through the real route: the board says when the pseudonyms will be erased.
    Api api = new Api(vertx, port());
    String token = api.login();
    assertEquals(200, api.post("/api/workshops/" + workshopId + "/close", token, new JsonObject()).status());
    fac.navigate().refresh();
    online(fac);
    WebElement due = waitUpTo(fac, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("banner-retention")));
    String dueText = fi("privacy.retention.due");
    assertTrue(due.getText().startsWith(dueText.substring(0, dueText.indexOf("{date}"))), due.getText());
    // The closed board still lists the people, with only their data's download and erasure: Liisa is erased now.
    openDrawerTab(fac, "people");
    personButton(fac, "Liisa", "erase-person");
    assertTrue(person(fac, "Liisa").findElements(By.cssSelector("button[data-action=remove], select")).isEmpty());
    axe(fac, "closed board (fi)");
    screenshot(fac, "privacy-closed-board-fi");
    clickPersonButton(fac, "Liisa", "erase-person");
    waitUpTo(fac, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("privacy-erase-dialog")));
    fac.findElement(By.id("privacy-erase-confirm")).click();
    waitUpTo(fac, 10).until(d -> person(d, "Liisa") == null && !board((ChromeDriver) d).contains("Liisa"));
    language(fac, "sv");
    axe(fac, "closed board (sv)");
    screenshot(fac, "privacy-closed-board-sv");
    language(fac, "fi");

    fac.get(url("/facilitator.html"));
    String dueShort = fi("privacy.retention.dueShort").replace(" {date}", "");
    waitUpTo(fac, 10).until(d -> d.findElements(By.cssSelector("#workshop-list .life-meta")).stream()
        .anyMatch(m -> m.getText().contains(dueShort)));

    // Thirty days later retention has run: the dashboard and the public page say when.
    clock.advance(Duration.ofDays(30).plusMinutes(1));
    TestServer.await(testServer().server().retention().run());
    fac.get(url("/facilitator.html"));
    // the facilitator's token is a month old: the page asks to log in again
    waitUpTo(fac, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
    logIn(fac);
    String doneShort = fi("privacy.retention.doneShort").replace(" {date}", "");
    waitUpTo(fac, 10).until(d -> d.findElements(By.cssSelector("#workshop-list .life-meta")).stream()
        .anyMatch(m -> m.getText().contains(doneShort)));
    axe(fac, "dashboard anonymised (fi)");
    screenshot(fac, "privacy-dashboard-fi");
    language(fac, "sv");
    axe(fac, "dashboard anonymised (sv)");
    screenshot(fac, "privacy-dashboard-sv");
    language(fac, "fi");

    String publicId = api.get("/api/workshops/" + workshopId, api.login()).body().getString("publicId");
    fac.get(url("/outcomes.html?p=" + publicId));
    String done = fi("privacy.retention.done");
    WebElement page = waitUpTo(fac, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("public-retention")));
    assertTrue(page.getText().startsWith(done.substring(0, done.indexOf("{date}"))), page.getText());
    axe(fac, "public page (fi)");
    screenshot(fac, "privacy-public-fi");
    fac.manage().window().setSize(PHONE);
    language(fac, "sv");
    axe(fac, "public page (sv)");
    screenshot(fac, "privacy-public-phone-sv");
  }
}
