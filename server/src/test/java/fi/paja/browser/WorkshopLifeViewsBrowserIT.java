package fi.paja.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import fi.paja.support.Api;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * What a facilitator sees of a workshop's life beyond the dashboard: a closed board offers nothing that writes (the
 * server would refuse it) and still reads, searches and exports; the presenter view shows the short address to type,
 * the code and the QR code on one screen, on a laptop, a projector and a phone. axe reports nothing.
 */
class WorkshopLifeViewsBrowserIT extends BoardLayoutSupport {

  private Vertx vertx;

  @BeforeEach
  void keepVertx(Vertx vertx) {
    this.vertx = vertx;
  }

  private static void axe(WebDriver driver, String page) {
    Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
    assertTrue(results.getViolations().isEmpty(), page + ": " + results.getViolations().stream()
        .map(v -> v.getId() + " (" + v.getImpact() + "): " + v.getNodes().stream()
            .map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
        .collect(Collectors.joining("; ")));
  }

  private static String workshopId(WebDriver driver) {
    String u = driver.getCurrentUrl();
    return u.replaceAll(".*[?&]w=([^&#]+).*", "$1");
  }

  private static List<WebElement> shown(WebDriver driver, String css) {
    return driver.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).toList();
  }

  /** Every control that would change the board, if any is shown and usable. */
  private static final String WRITING = String.join(", ",
      "#new-note-button", "#new-note-open", "#toggle-ready", "#toggle-hand", "#undo", "#redo", "#join-code-copy",
      "#phase-next", "#phase-list button", "#phase-form", "#timer-start", "#timer-pause", "#timer-stop", "#timer-add",
      "#reveal-notes", "[data-setting]", "#follow-start", "#notes-arrange", "#vote-open", "#vote-close", "#vote-reopen",
      "#fac-join-code-new",
      // a person's data can still be downloaded and erased after the end (Retention and data-subject requests)
      "#fac-participants button:not([data-action=export-person]):not([data-action=erase-person])",
      "#outcome-form", "#github-sync", "#focus-end",
      "#journey-tools", "#journey-create", ".journey-editor", ".journey-cell-input", "#journey-loose-list button",
      "article.note .note-toolbar button", "article.note button.vote-add", ".cluster button",
      "#decisions button", "#actions button", "button.outcome-make");

  @Test
  void aClosedBoardOffersNothingThatWritesButStillReads() throws Exception {
    ChromeDriver fac = browser();
    viewport(fac, 1366, 768);
    String code = createBoardFromTemplate(fac, "Suljettu palvelupolku", "customer-journey");
    String id = workshopId(fac);
    ChromeDriver aino = browser();
    join(aino, code, "Aino");
    writeNote(aino, "Ainon lappu iltavastaanotosta");
    writeNote(fac, "Fasilitaattorin lappu");

    // An open vote, a decision and a group: the controls that would be there on an open board.
    Api api = new Api(vertx, port());
    String token = api.login();
    api.commandOk(id, token, new JsonObject().put("op", "vote.open").put("targets", "notes").put("budget", 3)
        .put("maxPerItem", 3));
    api.commandOk(id, token, new JsonObject().put("op", "outcome.create").put("kind", "decision")
        .put("title", "Iltavastaanotto kokeiluun"));
    waitUpTo(fac, 10).until(d -> !shown(d, "#toggle-ready").isEmpty() && !shown(d, "#new-note-button").isEmpty());

    assertEquals(200, api.post("/api/workshops/" + id + "/close", token, null).status());
    WebElement banner = waitUpTo(fac, 15).until(ExpectedConditions.visibilityOfElementLocated(By.id("banner-closed")));
    assertEquals(fi("life.banner.closedFacilitator"), banner.getText());
    online(fac);

    // The notes are there to read, a note's toolbar has nothing to change it with.
    WebElement note = waitUpTo(fac, 10).until(d -> d.findElements(By.cssSelector("article.note")).stream()
        .filter(n -> n.getText().contains("Ainon lappu")).findFirst().orElse(null));
    fac.executeScript("arguments[0].focus()", note);
    assertTrue(shown(fac, WRITING).isEmpty(), "on the canvas: " + describe(shown(fac, WRITING)));
    for (String tab : List.of("guide", "vote", "people", "decisions")) {
      openDrawerTab(fac, tab);
      assertTrue(shown(fac, WRITING).isEmpty(), "drawer " + tab + ": " + describe(shown(fac, WRITING)));
    }
    // The decision is listed, the exports are offered.
    assertTrue(fac.findElement(By.id("decisions")).getText().contains("Iltavastaanotto kokeiluun"));
    assertTrue(fac.findElement(By.cssSelector("a.export-md")).isDisplayed());
    axe(fac, "closed board, drawer (fi)");
    fac.findElement(By.id("drawer-close")).click();

    // Search and the list view still work.
    fac.findElement(By.id("search-toggle")).click();
    fac.findElement(By.id("search-input")).sendKeys("iltavastaanotosta");
    waitUpTo(fac, 5).until(d -> !d.findElement(By.id("search-count")).getText().isBlank());
    fac.findElement(By.id("view-toggle")).click();
    waitUpTo(fac, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("list-view")));
    assertTrue(shown(fac, WRITING).isEmpty(), "list view: " + describe(shown(fac, WRITING)));
    fac.findElement(By.id("view-toggle")).click();

    // The journey map reads, and offers no editing.
    fac.findElement(By.id("journey-toggle")).click();
    waitUpTo(fac, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("journey-grid")));
    fac.findElements(By.cssSelector("#journey-grid .journey-cell")).stream().filter(WebElement::isDisplayed)
        .findFirst().ifPresent(WebElement::click);
    assertTrue(shown(fac, WRITING).isEmpty(), "journey map: " + describe(shown(fac, WRITING)));
    assertTrue(shown(fac, "#journey-grid button, #journey-grid textarea, #journey-grid select").isEmpty(),
        describe(shown(fac, "#journey-grid button, #journey-grid textarea, #journey-grid select")));
    axe(fac, "closed board, journey map (fi)");
    fac.findElement(By.id("journey-toggle")).click();

    // Double-click on the canvas adds nothing.
    new org.openqa.selenium.interactions.Actions(fac)
        .doubleClick(fac.findElement(By.id("canvas"))).perform();
    assertTrue(shown(fac, "#new-note-sheet").isEmpty(), "no new-note sheet");
    axe(fac, "closed board (fi)");
    screenshot(fac, "life-closed-board-fi");
    new Select(fac.findElement(By.id("lang"))).selectByValue("sv");
    waitUpTo(fac, 5).until(d -> "sv".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    axe(fac, "closed board (sv)");
    screenshot(fac, "life-closed-board-sv");
    viewport(fac, 390, 844);
    assertTrue(shown(fac, WRITING).isEmpty(), "phone: " + describe(shown(fac, WRITING)));
    screenshot(fac, "life-closed-board-phone-sv");
  }

  private static String describe(List<WebElement> elements) {
    return elements.stream().map(e -> e.getTagName() + "#" + e.getAttribute("id") + "." + e.getAttribute("class")
        + "[" + e.getAttribute("data-action") + "] " + e.getText()).collect(Collectors.joining("; "));
  }

  @Test
  void thePresenterViewShowsTheAddressToTypeTheCodeAndTheQrCodeOnOneScreen() throws Exception {
    ChromeDriver fac = browser();
    viewport(fac, 1366, 768);
    String code = createAndOpenBoard(fac, "Asukasilta Kirkkonummella ja Siuntiossa");
    String id = workshopId(fac);
    fac.get(url("/presenter.html?w=" + id));
    waitUpTo(fac, 10).until(d -> d.findElement(By.id("presenter-code")).getText().equals(code));
    // What people type: the site's address (no scheme, no query), then the code; the QR code holds the whole link.
    assertEquals("127.0.0.1:" + port(), fac.findElement(By.id("presenter-link")).getText());
    assertTrue(fac.findElement(By.id("presenter-qr")).findElement(By.cssSelector("svg[role=img]"))
        .getAttribute("aria-label").endsWith("/?code=" + code));
    for (String lang : List.of("fi", "sv")) {
      new Select(fac.findElement(By.id("lang"))).selectByValue(lang);
      waitUpTo(fac, 5).until(d -> lang.equals(d.findElement(By.tagName("html")).getAttribute("lang")));
      for (int[] size : List.of(new int[] {1366, 768}, new int[] {1920, 1080}, new int[] {390, 844})) {
        viewport(fac, size[0], size[1]);
        String name = "life-presenter-" + size[0] + "x" + size[1] + "-" + lang;
        Number scroll = (Number) fac.executeScript(
            "return Math.max(document.documentElement.scrollHeight - innerHeight, document.documentElement.scrollWidth - innerWidth)");
        screenshot(fac, name);
        assertTrue(scroll.intValue() <= 0, name + " scrolls by " + scroll);
      }
      axe(fac, "presenter (" + lang + ")");
    }
  }
}
