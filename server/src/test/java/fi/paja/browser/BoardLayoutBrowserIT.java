package fi.paja.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The board page's shell: the board fills at least 70 % of a 1366×768 screen for a facilitator and a participant;
 * the drawer's tabs work by keyboard and are remembered; the template's defaults fill the vote and timer forms; the
 * timer's end is shown and spoken; on a phone the board (list) comes right under the strip and the "+ New note"
 * sheet adds a note others see. axe-core (WCAG 2.1 A/AA) finds nothing in any of these states.
 */
class BoardLayoutBrowserIT extends BoardLayoutSupport {

  @Test
  void desktopLayoutDrawerTemplateDefaultsAndTimerEnd() throws Exception {
    ChromeDriver fac = browser();
    viewport(fac, 1366, 768);
    String code = createBoardFromTemplate(fac, "Asiakaspolun kehittäminen", "co-development");
    ChromeDriver aino = browser();
    viewport(aino, 1366, 768);
    join(aino, code, "Aino Niemi");
    screenshot(fac, "layout-desk-facilitator-fi");
    screenshot(aino, "layout-desk-participant-fi");

    // the board is the page: ≥ 70 % of the screen, no page scroll, for both roles
    for (ChromeDriver d : List.of(fac, aino)) {
      double share = canvasShare(d);
      assertTrue(share >= 0.70, "the canvas takes " + Math.round(share * 100) + " % of the screen");
      assertEquals(Boolean.FALSE, d.executeScript("return document.scrollingElement.scrollHeight > innerHeight + 1"));
      assertTrue(d.findElement(By.cssSelector(".board-header")).getSize().getHeight() < 60, "a one-line header");
    }
    assertTrue(fac.findElement(By.id("join-code-display")).getText().contains(code));
    assertTrue(fac.findElement(By.id("my-workshops-item")).isDisplayed());
    assertAxeClean(fac, "facilitator, board");
    assertAxeClean(aino, "participant, board");

    // the drawer: opened from the header, tabs by keyboard (arrows, End, Home)
    fac.findElement(By.id("drawer-toggle")).click();
    waitUpTo(fac, 5).until(d -> "tab-guide".equals(activeId(d)));
    assertEquals("true", fac.findElement(By.id("drawer-toggle")).getAttribute("aria-expanded"));
    assertAxeClean(fac, "facilitator, drawer: guide");
    // the template's phases (the first one is on): on to the next; the timer field follows the phase's planned minutes
    waitUpTo(aino, 5).until(ExpectedConditions.textToBePresentInElementLocated(By.id("phase-step"), "1/7"));
    fac.findElement(By.id("phase-next")).click();
    waitUpTo(aino, 5).until(ExpectedConditions.textToBePresentInElementLocated(By.id("phase-step"), "2/"));
    waitUpTo(fac, 5).until(ExpectedConditions.attributeToBe(By.id("timer-minutes"), "value", "15"));
    screenshot(fac, "layout-desk-facilitator-guide-fi");
    screenshot(aino, "layout-desk-participant-phase-fi");

    fac.findElement(By.id("tab-guide")).sendKeys(Keys.ARROW_RIGHT);
    waitUpTo(fac, 5).until(d -> "tab-vote".equals(activeId(d)));
    assertEquals("true", fac.findElement(By.id("tab-vote")).getAttribute("aria-selected"));
    assertTrue(fac.findElement(By.id("panel-vote")).isDisplayed());
    assertTrue(!fac.findElement(By.id("panel-guide")).isDisplayed());
    // the template (co-development) gives five dots, at most two on one
    assertEquals("5", fac.findElement(By.id("vote-budget")).getAttribute("value"));
    assertEquals("2", fac.findElement(By.id("vote-max")).getAttribute("value"));
    assertAxeClean(fac, "facilitator, drawer: vote");
    fac.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
    waitUpTo(fac, 5).until(d -> "tab-people".equals(activeId(d)));
    waitUpTo(fac, 5).until(d -> d.findElement(By.id("fac-participants")).getText().contains("Aino Niemi"));
    assertAxeClean(fac, "facilitator, drawer: people");
    fac.switchTo().activeElement().sendKeys(Keys.END);
    waitUpTo(fac, 5).until(d -> "tab-decisions".equals(activeId(d)));
    assertAxeClean(fac, "facilitator, drawer: decisions");
    fac.switchTo().activeElement().sendKeys(Keys.HOME);
    waitUpTo(fac, 5).until(d -> "tab-guide".equals(activeId(d)));
    fac.switchTo().activeElement().sendKeys(Keys.ARROW_LEFT);
    waitUpTo(fac, 5).until(d -> "tab-decisions".equals(activeId(d)));

    // a vote with the template's budget: the participant sees it in the strip
    openDrawerTab(fac, "vote");
    fac.findElement(By.id("vote-open")).click();
    waitUpTo(aino, 5).until(ExpectedConditions.textToBe(By.id("vote-status"),
        fi("vote.left").replace("{left}", "5").replace("{budget}", "5")));
    assertAxeClean(aino, "participant, vote open");
    screenshot(aino, "layout-desk-participant-vote-fi");
    fac.findElement(By.id("vote-close")).click();
    waitUpTo(aino, 5).until(ExpectedConditions.elementToBeClickable(By.id("results-open"))).click();
    waitUpTo(aino, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("vote-results")));
    assertAxeClean(aino, "participant, drawer: vote results");
    for (String tab : List.of("guide", "people", "decisions")) {
      openDrawerTab(aino, tab);
      assertAxeClean(aino, "participant, drawer: " + tab);
    }
    // the participant's board still has ≥ 70 % with... the drawer closed again; focus goes back to the opener
    aino.findElement(By.id("drawer-close")).click();
    waitUpTo(aino, 5).until(ExpectedConditions.invisibilityOfElementLocated(By.id("drawer")));
    assertTrue(!"body".equals(aino.switchTo().activeElement().getTagName()), "focus after closing the drawer");

    // the drawer and its tab are remembered for this workshop
    openDrawerTab(fac, "people");
    fac.navigate().refresh();
    online(fac);
    waitUpTo(fac, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("panel-people")));
    assertEquals("true", fac.findElement(By.id("tab-people")).getAttribute("aria-selected"));

    // the timer's end: a two-second timer (over the REST command route; the form counts in minutes)
    assertEquals(200L, command(fac, Map.of("op", "timer.start", "seconds", 2)));
    for (ChromeDriver d : List.of(fac, aino)) {
      waitUpTo(d, 8).until(ExpectedConditions.textToBe(By.id("timer-state"), fi("layout.timer.ended")));
      assertTrue(d.findElement(By.id("timer-box")).getAttribute("class").contains("is-ended"));
      assertTrue(d.findElement(By.id("phase-bar")).getAttribute("class").contains("is-time-up"));
      waitUpTo(d, 3).until(ExpectedConditions.textToBe(By.id("announcer"), fi("timer.end")));
    }
    // the chime: on for the facilitator, off by default for a participant
    assertEquals("true", fac.findElement(By.id("chime-toggle")).getAttribute("aria-pressed"));
    assertEquals("false", aino.findElement(By.id("chime-toggle")).getAttribute("aria-pressed"));
    assertEquals("false", aino.findElement(By.id("timer-box")).getAttribute("data-chimed"));
    assertAxeClean(aino, "participant, time is up");
    screenshot(aino, "layout-desk-participant-timeup-fi");

    // Swedish
    for (ChromeDriver d : List.of(fac, aino)) {
      new Select(d.findElement(By.id("lang"))).selectByValue("sv");
      waitUpTo(d, 5).until(x -> "sv".equals(x.findElement(By.tagName("html")).getAttribute("lang")));
    }
    openDrawerTab(fac, "guide");
    assertAxeClean(fac, "facilitator, Swedish, guide");
    screenshot(fac, "layout-desk-facilitator-guide-sv");
    screenshot(aino, "layout-desk-participant-sv");
  }

  @Test
  void phoneBoardFirstAndTheNewNoteSheet() throws Exception {
    ChromeDriver fac = browser();
    String code = createBoardFromTemplate(fac, "Asiakasraati", "blank");
    ChromeDriver aino = browser();
    viewport(aino, 390, 844);
    join(aino, code, "Aino");
    screenshot(aino, "layout-phone-participant-fi");

    // the header is one line; right under the strip (and banners) comes the board — the list, on a phone
    assertTrue(aino.findElement(By.cssSelector(".board-header")).getSize().getHeight() < 60, "a one-line header");
    WebElement list = waitUpTo(aino, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("list-view")));
    Number gap = (Number) aino.executeScript(
        "const above = Math.max(...['phase-bar', 'banners'].map(id => document.getElementById(id))"
            + ".filter(e => e.offsetParent !== null).map(e => e.getBoundingClientRect().bottom));"
            + "return Math.round(document.getElementById('canvas-wrap').getBoundingClientRect().top - above);");
    assertTrue(Math.abs(gap.intValue()) <= 2, "the board starts " + gap + " px under the strip");
    // (above the list only the board's own view switch, one row)
    int wrapTop = aino.findElement(By.id("canvas-wrap")).getLocation().getY();
    assertTrue(list.getLocation().getY() - wrapTop < 70, "the list starts at y=" + list.getLocation().getY());
    assertAxeClean(aino, "participant, phone, list");

    // "+ New note" opens the bottom sheet; Ctrl+Enter adds; the focus returns to the button
    WebElement open = aino.findElement(By.id("new-note-open"));
    assertTrue(open.isDisplayed());
    open.click();
    waitUpTo(aino, 5).until(d -> "new-note-text".equals(activeId(d)));
    WebElement sheet = aino.findElement(By.id("new-note-sheet"));
    assertTrue(sheet.getRect().getY() + sheet.getRect().getHeight() >= 842, "a sheet at the bottom of the screen");
    assertAxeClean(aino, "participant, phone, new-note sheet");
    aino.findElement(By.id("new-note-text")).sendKeys("Lomake on vaikea ymmärtää");
    screenshot(aino, "layout-phone-sheet-fi");
    new Actions(aino).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
    waitUpTo(aino, 5).until(ExpectedConditions.invisibilityOfElementLocated(By.id("new-note-sheet")));
    waitUpTo(aino, 5).until(d -> "new-note-open".equals(activeId(d)));
    waitUpTo(fac, 5).until(d -> d.findElements(By.cssSelector("#canvas article.note, #list-view li.list-note")).stream()
        .anyMatch(n -> n.getAttribute("textContent").contains("Lomake on vaikea ymmärtää")));
    waitUpTo(aino, 5).until(d -> d.findElement(By.id("list-view")).getText().contains("Lomake on vaikea ymmärtää"));

    // Escape closes the sheet too, and the focus comes back
    aino.findElement(By.id("new-note-open")).click();
    waitUpTo(aino, 5).until(d -> "new-note-text".equals(activeId(d)));
    aino.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    waitUpTo(aino, 5).until(d -> "new-note-open".equals(activeId(d)));

    // the phone menu holds the rest of the header; the drawer is a full-screen sheet
    aino.findElement(By.id("header-menu-toggle")).click();
    waitUpTo(aino, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("presence-open")));
    assertAxeClean(aino, "participant, phone, menu open");
    screenshot(aino, "layout-phone-menu-fi");
    aino.findElement(By.id("presence-open")).click();
    waitUpTo(aino, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("panel-people")));
    assertTrue(aino.findElement(By.id("drawer")).getSize().getWidth() >= 385, "a full-screen drawer");
    assertAxeClean(aino, "participant, phone, drawer");
    screenshot(aino, "layout-phone-drawer-fi");
    aino.findElement(By.id("drawer-close")).click();
    waitUpTo(aino, 5).until(ExpectedConditions.invisibilityOfElementLocated(By.id("drawer")));
    assertTrue(!"body".equals(aino.switchTo().activeElement().getTagName()), "focus after closing the drawer");

    // a facilitator on a phone: tools in the menu, the full-screen drawer
    viewport(fac, 390, 844);
    fac.navigate().refresh();
    online(fac);
    openDrawerTab(fac, "guide");
    assertAxeClean(fac, "facilitator, phone, guide");
    screenshot(fac, "layout-phone-facilitator-guide-fi");
    fac.findElement(By.id("drawer-close")).click();

    new Select(aino.findElement(By.id("lang"))).selectByValue("sv");
    waitUpTo(aino, 5).until(x -> "sv".equals(x.findElement(By.tagName("html")).getAttribute("lang")));
    aino.findElement(By.id("new-note-open")).click();
    waitUpTo(aino, 5).until(d -> "new-note-text".equals(activeId(d)));
    assertAxeClean(aino, "participant, phone, Swedish, sheet");
    screenshot(aino, "layout-phone-sheet-sv");
    aino.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    screenshot(aino, "layout-phone-participant-sv");
    screenshot(fac, "layout-phone-facilitator-fi");
  }
}

/** The helpers of the layout tests. */
abstract class BoardLayoutSupport extends BrowserTestBase {

  /** Logs in in Finnish, creates a workshop from a template and opens its board; returns the join code. */
  protected String createBoardFromTemplate(ChromeDriver driver, String title, String template) {
    openFacilitatorPage(driver);
    finnish(driver);
    logIn(driver);
    driver.findElement(By.id("workshop-title")).sendKeys(title);
    waitUpTo(driver, 10)
        .until(d -> !d.findElements(By.cssSelector("#workshop-template option[value='" + template + "']")).isEmpty());
    new Select(driver.findElement(By.id("workshop-template"))).selectByValue(template);
    String code = submitWorkshop(driver);
    openCreatedBoard(driver);
    return code;
  }

  /** Gives the page exactly this viewport (a phone's when narrow), whatever the window's own frame takes. */
  protected static void viewport(ChromeDriver driver, int width, int height) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
        "width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 700));
  }

  /** The share of the window the canvas (or, where it is not shown, the board region) covers. */
  protected static double canvasShare(ChromeDriver driver) {
    return ((Number) driver.executeScript(
        "const c = document.getElementById('canvas'); const r = c.getBoundingClientRect();"
            + "return (r.width * r.height) / (innerWidth * innerHeight);"))
        .doubleValue();
  }

  protected static String activeId(org.openqa.selenium.WebDriver driver) {
    return driver.switchTo().activeElement().getAttribute("id");
  }

  /** Sends a command over REST with the facilitator's token of this page; returns the HTTP status. */
  protected static Object command(ChromeDriver driver, Map<String, Object> cmd) {
    return driver.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "const w = new URLSearchParams(location.search).get('w');"
            + "const token = JSON.parse(localStorage.getItem('paja.facilitator')).token;"
            + "fetch('/api/workshops/' + encodeURIComponent(w) + '/commands', {method: 'POST',"
            + " headers: {'Content-Type': 'application/json', Authorization: 'Bearer ' + token},"
            + " body: JSON.stringify(arguments[0])}).then(r => done(r.status), e => done(String(e)));",
        cmd);
  }

  /** axe-core with the WCAG 2.0/2.1 A and AA rules: no violation of any impact. */
  protected static void assertAxeClean(ChromeDriver driver, String state) {
    Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
    List<Rule> violations = results.getViolations();
    assertTrue(violations.isEmpty(), state + ": " + violations.stream()
        .map(v -> v.getId() + " (" + v.getImpact() + "): " + v.getNodes().stream()
            .map(n -> String.valueOf(n.getTarget()) + " " + n.getFailureSummary()).collect(Collectors.joining(", ")))
        .collect(Collectors.joining("; ")));
  }
}
