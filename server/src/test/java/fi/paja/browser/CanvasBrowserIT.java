package fi.paja.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The canvas as people use it: three participants write in a private brainstorm at the default spot and after the
 * reveal no two notes overlap on any page; a note at rest shows at most two buttons and its toolbar and menu come
 * with focus; double-click on the empty board writes a note there for everyone, double-click on a note edits it in
 * place and Escape cancels; zoom to fit shows every note; search highlights on the canvas and filters the list;
 * axe finds nothing on the canvas, the list, an open note menu, desktop and phone.
 */
class CanvasBrowserIT extends BrowserTestBase {

  private void addNote(WebDriver driver, String text) {
    writeNote((ChromeDriver) driver, text);
  }

  private static List<WebElement> canvasNotes(WebDriver driver) {
    return driver.findElements(By.cssSelector("#canvas article.note:not(.note-draft)"));
  }

  private WebElement canvasNote(WebDriver driver, String text) {
    return waitUpTo(driver, 5).until(d -> canvasNotes(d).stream()
        .filter(n -> n.getAttribute("textContent").contains(text)).findFirst().orElse(null));
  }

  /** Board positions (style left/top) of every note on the canvas, by text. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> positions(ChromeDriver driver) {
    return (List<Map<String, Object>>) driver.executeScript(
        "return Array.from(document.querySelectorAll('#canvas article.note')).map(a => ({"
            + "text: a.querySelector('.note-text') ? a.querySelector('.note-text').textContent : '',"
            + "x: parseFloat(a.style.left), y: parseFloat(a.style.top), w: a.offsetWidth, h: a.offsetHeight}))");
  }

  private static void assertNoOverlap(ChromeDriver driver, String page) {
    List<Map<String, Object>> notes = positions(driver);
    for (int i = 0; i < notes.size(); i++) {
      for (int j = i + 1; j < notes.size(); j++) {
        Map<String, Object> a = notes.get(i);
        Map<String, Object> b = notes.get(j);
        double ax = ((Number) a.get("x")).doubleValue();
        double ay = ((Number) a.get("y")).doubleValue();
        double bx = ((Number) b.get("x")).doubleValue();
        double by = ((Number) b.get("y")).doubleValue();
        boolean overlap = ax < bx + 200 && bx < ax + 200 && ay < by + 120 && by < ay + 120;
        assertTrue(!overlap, page + ": notes overlap: " + a + " and " + b);
      }
    }
  }

  /** The buttons a note shows (displayed ones only). */
  private static long shownButtons(WebElement note) {
    return note.findElements(By.tagName("button")).stream().filter(WebElement::isDisplayed).count();
  }

  private void assertNoViolations(ChromeDriver driver, String state) {
    List<Rule> violations = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
        .analyze(driver).getViolations();
    assertTrue(violations.isEmpty(), state + ": " + violations.stream()
        .map(v -> v.getId() + " (" + v.getImpact() + "): " + v.getNodes().stream()
            .map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
        .collect(Collectors.joining("; ")));
  }

  private static String debug(ChromeDriver driver, String text) throws Exception {
    screenshot(driver, "debug");
    return String.valueOf(driver.executeScript(
        "const a = document.activeElement; const t = Array.from(document.querySelectorAll('#canvas article.note')).find(x => x.textContent.includes(arguments[0]));"
            + "const m = t && t.querySelector('.note-menu'); return JSON.stringify({active: a && (a.tagName + ' ' + a.className + ' ' + a.dataset.action), m: m && getComputedStyle(m).display, rect: m && m.getBoundingClientRect(), html: t && t.outerHTML.slice(0, 1500)})",
        text));
  }

  /**
   * A point of the empty board (offset from the canvas's centre, as Actions wants it) with room for a note around it:
   * the first one from the top-left ({@code which} 0) or from the top-right (1).
   */
  @SuppressWarnings("unchecked")
  private static int[] emptySpot(ChromeDriver driver, int which) {
    List<Number> p = (List<Number>) driver.executeScript(
        "const c = document.getElementById('canvas'); const r = c.getBoundingClientRect();"
            + "const free = (x, y) => { for (const dx of [-110, 0, 110]) for (const dy of [-70, 0, 70]) {"
            + "  const e = document.elementFromPoint(x + dx, y + dy); if (e !== c && !(e && e.classList.contains('canvas-plane'))) return false; } return true; };"
            + "for (let y = r.top + 120; y < r.bottom - 130; y += 20) for (let i = 0; i < 60; i++) {"
            + "  const x = arguments[0] ? r.right - 130 - i * 20 : r.left + 130 + i * 20;"
            + "  if (x > r.left + 120 && x < r.right - 120 && free(x, y)) return [Math.round(x - r.left - r.width / 2), Math.round(y - r.top - r.height / 2)]; }"
            + "return null;",
        which);
    assertTrue(p != null, "no empty spot on the board");
    return new int[] {p.get(0).intValue(), p.get(1).intValue()};
  }

  /** The in-place editor (focused) of the note whose text contains this. */
  private WebElement editorWith(ChromeDriver driver, String text) {
    return waitUpTo(driver, 3)
        .until(d -> d.findElements(By.cssSelector("#canvas article.note.is-editing textarea")).stream()
            .filter(x -> x.getAttribute("value").contains(text) && x.equals(d.switchTo().activeElement())).findFirst()
            .orElse(null));
  }

  private static boolean inside(Rectangle outer, Rectangle r) {
    return r.getX() >= outer.getX() - 1 && r.getY() >= outer.getY() - 1
        && r.getX() + r.getWidth() <= outer.getX() + outer.getWidth() + 1
        && r.getY() + r.getHeight() <= outer.getY() + outer.getHeight() + 1;
  }

  private void toCanvasView(ChromeDriver driver) {
    WebElement toggle = driver.findElement(By.id("view-toggle"));
    if ("true".equals(toggle.getAttribute("aria-pressed")))
      toggle.click();
    waitUpTo(driver, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("canvas")));
  }

  @Test
  void notesNeverOverlapAndTheCanvasWorksByMouseKeyboardAndSearch() throws Exception {
    ChromeDriver fac = browser();
    String code = createAndOpenBoard(fac, "Asiakaspolun kehittäminen");
    openDrawerTab(fac, "guide");
    fac.findElement(By.id("setting-privateMode")).click();
    ChromeDriver aino = browser();
    ChromeDriver bertil = browser();
    ChromeDriver cecilia = browser();
    join(aino, code, "Aino");
    join(bertil, code, "Bertil");
    join(cecilia, code, "Cecilia");
    List<ChromeDriver> everyone = List.of(fac, aino, bertil, cecilia);
    for (ChromeDriver d : everyone)
      toCanvasView(d);

    // three people write in private at the default spot (the middle of the same view)
    waitUpTo(aino, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("banner-private")));
    addNote(aino, "Ajanvarausta ei saa verkossa");
    addNote(aino, "Puhelinjono on liian pitkä ja takaisinsoitto ei tule koskaan, vaikka sitä lupataan");
    addNote(bertil, "Lomakkeita on vaikea löytää");
    addNote(cecilia, "Kukaan ei kerro, kenelle soittaa");
    canvasNote(aino, "Puhelinjono");
    canvasNote(bertil, "Lomakkeita");
    canvasNote(cecilia, "Kukaan");
    // one's own notes do not land on each other either
    assertNoOverlap(aino, "Aino before the reveal");

    fac.findElement(By.id("reveal-notes")).click();
    for (ChromeDriver d : everyone) {
      waitUpTo(d, 5)
          .until(x -> canvasNotes(x).size() == 4 && x.findElements(By.cssSelector("#canvas .note-private")).isEmpty());
      assertNoOverlap(d, "after the reveal");
    }

    fac.findElement(By.id("setting-privateMode")).click();
    waitUpTo(aino, 5).until(ExpectedConditions.invisibilityOfElementLocated(By.id("banner-private")));
    // (the tools drawer narrows the facilitator's board: close it again)
    fac.findElement(By.id("drawer-close")).click();

    // at rest: at most two buttons on a note; the toolbar comes with focus
    WebElement note = canvasNote(fac, "Lomakkeita");
    for (WebElement n : canvasNotes(fac))
      assertTrue(shownButtons(n) <= 2, "buttons at rest: " + shownButtons(n));
    note.click();
    waitUpTo(fac, 3).until(d -> canvasNote(d, "Lomakkeita").findElement(By.cssSelector(".note-toolbar")).isDisplayed());
    canvasNote(fac, "Lomakkeita").findElement(By.cssSelector("button[data-action=menu-more]")).click();
    WebElement menu;
    try {
      menu = waitUpTo(fac, 2)
          .until(d -> canvasNote(d, "Lomakkeita").findElements(By.cssSelector("[role=menu]")).stream()
              .filter(WebElement::isDisplayed).findFirst().orElse(null));
    } catch (RuntimeException e) {
      throw new AssertionError(debug(fac, "Lomakkeita"), e);
    }
    assertEquals("true", canvasNote(fac, "Lomakkeita").findElement(By.cssSelector("button[data-action=menu-more]"))
        .getAttribute("aria-expanded"));
    assertTrue(menu.findElements(By.cssSelector("[role=menuitem]")).size() >= 3, "delete, group, spotlight and more");
    // the menu by keyboard: focus on its first item, arrows move, Escape closes it and puts focus back on the note
    waitUpTo(fac, 2).until(d -> "menuitem".equals(d.switchTo().activeElement().getAttribute("role")));
    fac.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
    waitUpTo(fac, 2).until(d -> "focus".equals(d.switchTo().activeElement().getAttribute("data-action")));
    fac.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    waitUpTo(fac, 3).until(d -> canvasNote(d, "Lomakkeita").equals(d.switchTo().activeElement()));
    assertTrue(canvasNote(fac, "Lomakkeita").findElements(By.cssSelector("[role=menu]")).stream()
        .noneMatch(WebElement::isDisplayed));
    // open again for axe and the picture
    canvasNote(fac, "Lomakkeita").findElement(By.cssSelector("button[data-action=menu-more]")).click();
    waitUpTo(fac, 2).until(d -> canvasNote(d, "Lomakkeita").findElements(By.cssSelector("[role=menu]")).stream()
        .anyMatch(WebElement::isDisplayed));
    assertNoViolations(fac, "canvas, a note's menu open");
    screenshot(fac, "canvas-menu-fi");
    fac.findElement(By.id("canvas")).sendKeys(Keys.ESCAPE);

    // double-click on the empty board: a note written there, Enter saves, others see it at that spot
    WebElement canvas = aino.findElement(By.id("canvas"));
    int[] spot = emptySpot(aino, 0);
    new Actions(aino).moveToElement(canvas, spot[0], spot[1]).doubleClick().perform();
    WebElement draft = waitUpTo(aino, 3)
        .until(d -> d.findElements(By.cssSelector("#canvas .note-draft textarea")).stream().findFirst().orElse(null));
    assertEquals(draft, aino.switchTo().activeElement());
    draft.sendKeys("Chatti palvelisi iltaisin");
    draft.sendKeys(Keys.ENTER);
    WebElement added = canvasNote(aino, "Chatti palvelisi");
    WebElement seen = canvasNote(bertil, "Chatti palvelisi");
    assertEquals(added.getAttribute("style").replaceAll(".*?(left[^;]*;\\s*top[^;]*;).*", "$1"),
        seen.getAttribute("style").replaceAll(".*?(left[^;]*;\\s*top[^;]*;).*", "$1"));
    for (ChromeDriver d : everyone)
      waitUpTo(d, 5).until(x -> canvasNotes(x).size() == 5);
    assertNoOverlap(bertil, "after the double-click note");
    // an empty draft is thrown away with Escape
    int[] spot2 = emptySpot(aino, 1);
    new Actions(aino).moveToElement(canvas, spot2[0], spot2[1]).doubleClick().perform();
    WebElement empty = waitUpTo(aino, 3)
        .until(d -> d.findElements(By.cssSelector("#canvas .note-draft textarea")).stream().findFirst().orElse(null));
    empty.sendKeys(Keys.ESCAPE);
    waitUpTo(aino, 2).until(d -> d.findElements(By.cssSelector("#canvas .note-draft")).isEmpty());

    // double-click a note edits it in place; Enter saves for everyone, Escape cancels
    new Actions(aino).doubleClick(canvasNote(aino, "Chatti palvelisi").findElement(By.cssSelector(".note-text")))
        .perform();
    WebElement editor = editorWith(aino, "Chatti palvelisi iltaisin");
    editor.sendKeys(" ja viikonloppuisin");
    editor.sendKeys(Keys.ENTER);
    canvasNote(bertil, "Chatti palvelisi iltaisin ja viikonloppuisin");
    WebElement again = canvasNote(aino, "viikonloppuisin");
    again.click();
    again.sendKeys(Keys.ENTER);
    WebElement editor2 = editorWith(aino, "viikonloppuisin");
    editor2.sendKeys(" POIS");
    editor2.sendKeys(Keys.ESCAPE);
    waitUpTo(aino, 3).until(d -> d.findElements(By.cssSelector("#canvas article.note.is-editing")).isEmpty());
    assertTrue(!canvasNote(aino, "viikonloppuisin").getAttribute("textContent").contains("POIS"));
    waitUpTo(aino, 3).until(d -> canvasNote(d, "viikonloppuisin").equals(d.switchTo().activeElement()));

    // zoom to fit: every note in view
    cecilia.findElement(By.id("zoom-in")).click();
    cecilia.findElement(By.id("zoom-in")).click();
    cecilia.findElement(By.id("zoom-fit")).click();
    waitUpTo(cecilia, 3).until(d -> {
      Rectangle c = d.findElement(By.id("canvas")).getRect();
      return canvasNotes(d).stream().allMatch(n -> inside(c, n.getRect()));
    });
    screenshot(cecilia, "canvas-fit-fi");

    // search: matches highlighted, the others dimmed, the list filtered
    fac.findElement(By.id("search-toggle")).click();
    WebElement field = waitUpTo(fac, 2).until(ExpectedConditions.visibilityOfElementLocated(By.id("search-input")));
    assertEquals(field, fac.switchTo().activeElement());
    field.sendKeys("puhelin");
    waitUpTo(fac, 3).until(d -> d.findElements(By.cssSelector("#canvas article.note.is-match")).size() == 1
        && d.findElements(By.cssSelector("#canvas article.note.is-dimmed")).size() == 4);
    assertTrue(canvasNote(fac, "Puhelinjono").getAttribute("class").contains("is-match"));
    field.sendKeys(Keys.ENTER);
    waitUpTo(fac, 3).until(d -> canvasNote(d, "Puhelinjono").equals(d.switchTo().activeElement()));
    screenshot(fac, "canvas-search-fi");
    fac.findElement(By.id("view-toggle")).click();
    waitUpTo(fac, 3).until(d -> d.findElements(By.cssSelector("#list-view li.list-note")).stream()
        .filter(WebElement::isDisplayed).count() == 1);
    assertNoViolations(fac, "list view, searching");
    fac.findElement(By.id("search-close")).click();
    waitUpTo(fac, 3).until(d -> d.findElements(By.cssSelector("#list-view li.list-note")).stream()
        .filter(WebElement::isDisplayed).count() == 5);

    // the list view: compact rows, the same toolbar on focus
    WebElement row = fac.findElements(By.cssSelector("#list-view li.list-note")).get(0);
    assertTrue(shownButtons(row) <= 2, "a row at rest shows at most two buttons");
    row.click();
    waitUpTo(fac, 2).until(d -> d.findElements(By.cssSelector("#list-view li.list-note .note-toolbar")).stream()
        .anyMatch(WebElement::isDisplayed));
    assertNoViolations(fac, "list view, a row focused");
    screenshot(fac, "list-fi");

    // axe on the canvas (a participant), and a phone-size board in Swedish
    assertNoViolations(aino, "canvas, participant");
    screenshot(aino, "canvas-participant-fi");
    new Select(bertil.findElement(By.id("lang"))).selectByValue("sv");
    waitUpTo(bertil, 5).until(d -> "sv".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    canvasNote(bertil, "Lomakkeita").click();
    waitUpTo(bertil, 2)
        .until(d -> canvasNote(d, "Lomakkeita").findElement(By.cssSelector(".note-toolbar")).isDisplayed());
    canvasNote(bertil, "Lomakkeita").findElement(By.cssSelector("button[data-action=menu-color]")).click();
    waitUpTo(bertil, 2)
        .until(d -> canvasNote(d, "Lomakkeita").findElements(By.cssSelector("[role=menuitemradio]")).size() > 2);
    assertNoViolations(bertil, "canvas in Swedish, colour menu open");
    screenshot(bertil, "canvas-color-menu-sv");
    cecilia.manage().window().setSize(new Dimension(390, 844));
    waitUpTo(cecilia, 3).until(d -> d.findElement(By.id("search-toggle")).isDisplayed());
    assertNoViolations(cecilia, "phone, canvas");
    screenshot(cecilia, "canvas-phone-fi");
    cecilia.findElement(By.id("view-toggle")).click();
    waitUpTo(cecilia, 3).until(ExpectedConditions.visibilityOfElementLocated(By.id("list-view")));
    assertNoViolations(cecilia, "phone, list");
    screenshot(cecilia, "list-phone-fi");
    bertil.manage().window().setSize(new Dimension(390, 844));
    bertil.findElement(By.id("view-toggle")).click();
    waitUpTo(bertil, 3).until(ExpectedConditions.visibilityOfElementLocated(By.id("list-view")));
    screenshot(bertil, "list-phone-sv");
  }
}
