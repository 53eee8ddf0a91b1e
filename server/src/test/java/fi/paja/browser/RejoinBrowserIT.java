package fi.paja.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import fi.paja.support.Api;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The same browser opening a workshop's join link again continues as the same participant ("Jatka nimellä Anna"),
 * with her private notes, or joins as someone else; a visit that has ended falls back to a normal join with a
 * message. And the accessibility statement, completed from the configuration and linked from every page's footer.
 */
class RejoinBrowserIT extends BrowserTestBase {

  private static final String ORGANISATION = "Pirkanmaan hyvinvointialue";
  private static final String PRIVATE_IDEA = "Toivon, että saisin soittaa suoraan omalle työntekijälle";

  @Override
  protected Map<String, String> serverEnv() {
    return Map.of("PAJA_A11Y_ORGANISATION", ORGANISATION, "PAJA_A11Y_CONTACT", "saavutettavuus@example.fi",
        "PAJA_A11Y_DATE", "2026-11-30");
  }

  private static String workshopId(ChromeDriver board) {
    return board.getCurrentUrl().replaceAll(".*[?&]w=([0-9a-f-]{36}).*", "$1");
  }

  private static JsonObject membership(ChromeDriver driver, String workshopId) {
    return new JsonObject((String) driver.executeScript("return localStorage.getItem(arguments[0])",
        "paja.member." + workshopId));
  }

  private static long membersNamed(Api api, String token, String workshopId, String name) throws Exception {
    return api.get("/api/workshops/" + workshopId, token).body().getJsonArray("participants").stream()
        .map(JsonObject.class::cast).filter(p -> name.equals(p.getString("name"))).count();
  }

  /** Closes the browser's tab and opens the link in a new one, as someone coming back later would. */
  private void reopenInNewTab(ChromeDriver driver, String path) {
    closeTab(driver);
    driver.get(url(path));
  }

  /** Closes the tab; the browser keeps a new, empty one (and its storage). */
  private static void closeTab(ChromeDriver driver) {
    String old = driver.getWindowHandle();
    driver.switchTo().newWindow(WindowType.TAB);
    String fresh = driver.getWindowHandle();
    driver.switchTo().window(old).close();
    driver.switchTo().window(fresh);
  }

  private static boolean notesShow(ChromeDriver driver, String text) {
    return driver.findElements(By.cssSelector("#canvas article.note, #list-view li.list-note")).stream()
        .anyMatch(n -> n.getAttribute("textContent").contains(text));
  }

  private static void assertNoViolations(ChromeDriver driver, String page) {
    Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
    assertTrue(results.getViolations().isEmpty(), page + ": " + results.getViolations().stream()
        .map(v -> v.getId() + " (" + v.getImpact() + "): " + v.getNodes().stream()
            .map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
        .collect(Collectors.joining("; ")));
  }

  private static void swedish(ChromeDriver driver) {
    new Select(driver.findElement(By.id("lang"))).selectByValue("sv");
  }

  @Test
  void theSameBrowserContinuesAsTheSameParticipantWithHerPrivateNotes(Vertx vertx) throws Exception {
    ChromeDriver fac = browser();
    String code = createAndOpenBoard(fac, "Asiakasraati: palaaminen");
    String id = workshopId(fac);
    Api api = new Api(vertx, port());
    String facToken = api.login();
    api.commandOk(id, facToken, new JsonObject().put("op", "settings.update").put("privateMode", true));

    ChromeDriver anna = browser();
    join(anna, code, "Anna");
    waitUpTo(anna, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("banner-private")));
    writeNote(anna, PRIVATE_IDEA);
    waitUpTo(anna, 5).until(d -> notesShow(anna, PRIVATE_IDEA));
    String participantId = membership(anna, id).getString("participantId");

    reopenInNewTab(anna, "/?code=" + code);
    WebElement continueButton = waitUpTo(anna, 10)
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("rejoin-continue")));
    assertEquals(fi("rejoin.continue").replace("{name}", "Anna"), continueButton.getText());
    assertEquals("rejoin-continue", anna.switchTo().activeElement().getAttribute("id"), "focus on the choice");
    assertFalse(anna.findElement(By.id("join-form")).isDisplayed(), "the choice, not the form");
    assertNoViolations(anna, "landing page, continue as Anna (fi)");
    anna.manage().window().setSize(new Dimension(1366, 768));
    screenshot(anna, "rejoin-choice-fi-1366");
    anna.manage().window().setSize(new Dimension(390, 844));
    screenshot(anna, "rejoin-choice-fi-390");
    swedish(anna);
    waitUpTo(anna, 5).until(d -> d.findElement(By.id("rejoin-continue")).getText().equals("Fortsätt som Anna"));
    assertNoViolations(anna, "landing page, continue as Anna (sv)");
    screenshot(anna, "rejoin-choice-sv-390");
    anna.manage().window().setSize(new Dimension(1366, 768));
    screenshot(anna, "rejoin-choice-sv-1366");
    finnish(anna);

    anna.findElement(By.id("rejoin-continue")).click();
    online(anna);
    assertEquals(participantId, membership(anna, id).getString("participantId"), "the same participant");
    waitUpTo(anna, 5).until(d -> notesShow(anna, PRIVATE_IDEA));
    // The facilitator sees one Anna, not "Anna (offline)" and "Anna (online)".
    assertEquals(1, membersNamed(api, facToken, id, "Anna"));
    openDrawerTab(fac, "people");
    waitUpTo(fac, 5).until(d -> d.findElements(By.cssSelector("#fac-participants li")).stream()
        .filter(li -> li.getText().contains("Anna")).count() == 1);
  }

  @Test
  void joiningAsSomeoneElseMakesANewParticipantAndEndsTheOldToken(Vertx vertx) throws Exception {
    ChromeDriver fac = browser();
    String code = createAndOpenBoard(fac, "Asiakasraati: toinen nimi");
    String id = workshopId(fac);
    Api api = new Api(vertx, port());
    String facToken = api.login();

    ChromeDriver anna = browser();
    join(anna, code, "Anna");
    String oldToken = membership(anna, id).getString("token");

    reopenInNewTab(anna, "/?code=" + code);
    waitUpTo(anna, 10).until(ExpectedConditions.elementToBeClickable(By.id("rejoin-other"))).click();
    waitUpTo(anna, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("join-name")));
    assertEquals("join-name", anna.switchTo().activeElement().getAttribute("id"), "focus goes to the name");
    submitJoin(anna, "Bertta");
    online(anna);

    assertEquals("Bertta", membership(anna, id).getString("name"));
    assertEquals(1, membersNamed(api, facToken, id, "Anna"), "the earlier participant stays (offline)");
    assertEquals(1, membersNamed(api, facToken, id, "Bertta"));
    assertEquals(401, api.get("/api/workshops/" + id, oldToken).status(), "the token this browser let go is ended");
  }

  @Test
  void aVisitThatHasEndedFallsBackToANormalJoinWithAMessage(Vertx vertx) throws Exception {
    ChromeDriver fac = browser();
    String code = createAndOpenBoard(fac, "Asiakasraati: päättynyt käynti");
    String id = workshopId(fac);
    Api api = new Api(vertx, port());
    String facToken = api.login();

    ChromeDriver anna = browser();
    join(anna, code, "Anna");
    // She closed the tab; meanwhile the facilitator removed her (as after an expiry, her browser does not know).
    String participantId = membership(anna, id).getString("participantId");
    closeTab(anna);
    api.commandOk(id, facToken, new JsonObject().put("op", "participant.remove").put("participantId", participantId));

    anna.get(url("/?code=" + code));
    waitUpTo(anna, 10).until(ExpectedConditions.textToBe(By.id("rejoin-notice"),
        fi("rejoin.ended").replace("{name}", "Anna")));
    assertFalse(anna.findElement(By.id("rejoin")).isDisplayed(), "nothing to continue");
    assertTrue(anna.findElement(By.id("join-form")).isDisplayed());
    waitUpTo(anna, 5).until(d -> "join-name".equals(d.switchTo().activeElement().getAttribute("id")));
    assertNoViolations(anna, "landing page, an ended visit");
    anna.manage().window().setSize(new Dimension(390, 844));
    screenshot(anna, "rejoin-ended-fi-390");
    submitJoin(anna, "Anna uudelleen");
    online(anna);
  }

  @Test
  void theAccessibilityStatementIsLinkedFromEveryPageAndShowsTheConfiguredOrganisation(Vertx vertx)
      throws Exception {
    ChromeDriver fac = browser();
    createAndOpenBoard(fac, "Asiakasraati: seloste");
    String id = workshopId(fac);
    String publicId = new Api(vertx, port()).get("/api/workshops/" + id, new Api(vertx, port()).login())
        .body().getString("publicId");

    for (String page : List.of("/", "/facilitator.html", "/board.html?w=" + id, "/outcomes.html?p=" + publicId,
        "/presenter.html?w=" + id, "/account.html", "/accessibility.html")) {
      fac.get(url(page));
      WebElement link = waitUpTo(fac, 10)
          .until(d -> d.findElements(By.cssSelector("footer a[href='accessibility.html']"))
              .stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
      assertEquals(fi("a11y.footer.link"), link.getText(), page);
      if (page.startsWith("/board")) {
        online(fac);
        fac.manage().window().setSize(new Dimension(1366, 768));
        screenshot(fac, "rejoin-board-footer-1366");
        fac.manage().window().setSize(new Dimension(390, 844));
        screenshot(fac, "rejoin-board-footer-390");
        fac.manage().window().setSize(new Dimension(1280, 900));
      }
    }

    fac.findElement(By.cssSelector("footer a[href='accessibility.html']")).click();
    waitUpTo(fac, 10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("a11y-intro"), ORGANISATION));
    assertEquals(fi("a11y.heading"), fac.findElement(By.tagName("h1")).getText());
    assertTrue(fac.findElement(By.id("a11y-contact")).getText().contains("saavutettavuus@example.fi"));
    assertEquals("mailto:saavutettavuus@example.fi",
        fac.findElement(By.cssSelector("#a11y-contact a")).getAttribute("href"));
    assertTrue(fac.findElement(By.id("a11y-date")).getText().contains("2026"), "the assessment's date");
    assertNoViolations(fac, "accessibility statement (fi)");
    fac.manage().window().setSize(new Dimension(1366, 768));
    screenshot(fac, "rejoin-a11y-fi-1366");
    fac.executeScript("document.getElementById('a11y-contact').scrollIntoView()");
    screenshot(fac, "rejoin-a11y-fi-1366-contact");
    fac.manage().window().setSize(new Dimension(390, 844));
    screenshot(fac, "rejoin-a11y-fi-390");

    swedish(fac);
    waitUpTo(fac, 5).until(ExpectedConditions.textToBe(By.tagName("h1"), "Tillgänglighetsutlåtande"));
    assertTrue(fac.findElement(By.id("a11y-intro")).getText().contains(ORGANISATION));
    assertEquals("https://www.tillganglighetskrav.fi/",
        fac.findElement(By.id("a11y-authority-web")).getAttribute("href"));
    assertNoViolations(fac, "accessibility statement (sv)");
    screenshot(fac, "rejoin-a11y-sv-390");
    fac.manage().window().setSize(new Dimension(1366, 768));
    screenshot(fac, "rejoin-a11y-sv-1366");
    finnish(fac);
  }
}
