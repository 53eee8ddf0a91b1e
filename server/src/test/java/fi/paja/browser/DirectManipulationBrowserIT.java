package fi.paja.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * Direct manipulation on the canvas with real pointer moves: a note dragged onto another makes a group that every
 * page shows, a third note dropped on the group's frame joins it, a note dragged out of the frame leaves it, the frame
 * dragged by its title moves all its notes for everyone; shift-click picks notes that are then recoloured, grouped and
 * deleted (with a question) together; a rectangle selects; the keys select and group; the list view's group form
 * takes Enter in the name field and keeps focus; axe finds nothing with a selection shown.
 */
class DirectManipulationBrowserIT extends BrowserTestBase {

  /** A point inside the note with this text where the note itself (not a button, not another note) is hit. */
  private static final String GRAB = """
      const text = arguments[0];
      const note = Array.from(document.querySelectorAll('#canvas article.note'))
        .find((n) => (n.querySelector('.note-text') || n).textContent.includes(text));
      if (!note) return null;
      const r = note.getBoundingClientRect();
      for (let y = r.top + 6; y < r.bottom - 4; y += 5) {
        for (let x = r.left + 6; x < r.right - 4; x += 5) {
          const hit = document.elementFromPoint(x, y);
          if (hit && hit.closest('article.note') === note && !hit.closest('button, a, select, textarea, input, .note-text')) {
            return [Math.round(x), Math.round(y)];
          }
        }
      }
      return null;""";

  /** A point inside the only group's frame where no note is (the frame itself is hit). */
  private static final String FRAME_POINT = """
      const frame = document.querySelector('#canvas .cluster');
      if (!frame) return null;
      const r = frame.getBoundingClientRect();
      for (let y = r.top + 4; y < r.bottom - 2; y += 3) {
        for (let x = r.left + 4; x < r.right - 2; x += 3) {
          const hit = document.elementFromPoint(x, y);
          if (hit === frame) return [Math.round(x), Math.round(y)];
        }
      }
      return null;""";

  /**
   * A point on the empty board where a note grabbed near its top-left corner fits when dropped: the area of
   * arguments[0] × arguments[1] px right and below it touches no note, frame or control; the first in reading order.
   */
  private static final String EMPTY_POINT = """
      const w = arguments[0], h = arguments[1], m = 12;
      const canvas = document.getElementById('canvas');
      const c = canvas.getBoundingClientRect();
      const busy = Array.from(canvas.querySelectorAll('article.note, .cluster, .cluster-bar, .select-tools'))
        .filter((e) => e.offsetParent !== null).map((e) => e.getBoundingClientRect());
      for (let y = c.top + m; y + h < Math.min(c.bottom, innerHeight) - m; y += 8) {
        for (let x = c.left + m; x + w < c.right - m; x += 8) {
          const area = { left: x - m, top: y - m, right: x + w + m, bottom: y + h + m };
          if (busy.some((b) => area.left < b.right && b.left < area.right && area.top < b.bottom && b.top < area.bottom)) continue;
          const hit = document.elementFromPoint(x, y);
          if (hit === canvas || hit?.id === 'canvas-plane') return [Math.round(x), Math.round(y)];
        }
      }
      return null;""";

  /** Whether the one group frame on this page encloses every note with the given texts (and how many frames). */
  private static final String FRAMED = """
      const frames = Array.from(document.querySelectorAll('#canvas .cluster'));
      if (frames.length !== 1) return false;
      const f = frames[0].getBoundingClientRect();
      const notes = Array.from(document.querySelectorAll('#canvas article.note'));
      return arguments[0].every((text) => {
        const n = notes.find((x) => (x.querySelector('.note-text') || x).textContent.includes(text));
        if (!n) return false;
        const r = n.getBoundingClientRect();
        return r.left >= f.left && r.right <= f.right && r.top >= f.top && r.bottom <= f.bottom;
      }) && arguments[1].every((text) => {
        const n = notes.find((x) => (x.querySelector('.note-text') || x).textContent.includes(text));
        if (!n) return false;
        const r = n.getBoundingClientRect();
        return r.right <= f.left || r.left >= f.right || r.bottom <= f.top || r.top >= f.bottom;
      });""";

  private static Object js(WebDriver driver, String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private static void showCanvas(WebDriver driver) {
    js(driver, "document.getElementById('canvas').scrollIntoView({block: 'start'})");
  }

  private int[] point(WebDriver driver, String script, Object... args) {
    return waitUpTo(driver, 5).until(d -> {
      Object r = js(d, script, args);
      if (!(r instanceof List<?> l) || l.size() < 2)
        return null;
      return new int[] {((Number) l.get(0)).intValue(), ((Number) l.get(1)).intValue()};
    });
  }

  private int[] grab(WebDriver driver, String text) {
    showCanvas(driver);
    return point(driver, GRAB, text);
  }

  /** Presses at {@code from}, moves in steps (as a hand does) and releases at {@code to}. */
  private static void drag(ChromeDriver driver, int[] from, int[] to) {
    Actions a = new Actions(driver).moveToLocation(from[0], from[1]).clickAndHold();
    for (int i = 1; i <= 6; i++) {
      a.moveToLocation(from[0] + (to[0] - from[0]) * i / 6, from[1] + (to[1] - from[1]) * i / 6);
    }
    a.release().perform();
  }

  private void addNote(ChromeDriver driver, String text) {
    writeNote(driver, text);
  }

  /** Adds a note and waits until the server has it (no longer waiting to be sent). */
  private void addConfirmedNote(ChromeDriver driver, String text) {
    addNote(driver, text);
    waitUpTo(driver, 5).until(d -> d.findElements(By.cssSelector("#canvas article.note:not(.is-pending)")).stream()
        .anyMatch(n -> n.getAttribute("textContent").contains(text)));
  }

  private WebElement canvasNote(WebDriver driver, String text) {
    return waitUpTo(driver, 5).until(d -> d.findElements(By.cssSelector("#canvas article.note")).stream()
        .filter(n -> n.getAttribute("textContent").contains(text)).findFirst().orElse(null));
  }

  private void framed(WebDriver driver, List<String> inside, List<String> outside) {
    waitUpTo(driver, 5).until(d -> Boolean.TRUE.equals(js(d, FRAMED, inside, outside)));
  }

  private static int left(WebDriver driver, String text) {
    Object v = js(driver,
        """
            const n = Array.from(document.querySelectorAll('#canvas article.note')).find((x) => x.textContent.includes(arguments[0]));
            return n ? parseInt(n.style.left, 10) : null;""",
        text);
    return ((Number) v).intValue();
  }

  private static void assertFocusNotLost(WebDriver driver, String after) {
    String tag = (String) js(driver, "return document.activeElement ? document.activeElement.tagName : 'BODY'");
    assertNotEquals("BODY", tag, "focus fell to <body> after " + after);
  }

  private static void assertNoViolations(Results results, String state) {
    assertTrue(results.getViolations().isEmpty(), state + ": " + results.getViolations().stream()
        .map(v -> v.getId() + " (" + v.getImpact() + "): " + v.getNodes().stream()
            .map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
        .collect(Collectors.joining("; ")));
  }

  private static AxeBuilder axe() {
    return new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"));
  }

  private String count(int n) {
    return fi("select.count").replace("{count}", String.valueOf(n));
  }

  @Test
  void dragOntoANoteGroupsForEveryoneThenJoinLeaveAndMoveTheFrame() throws Exception {
    ChromeDriver fac = browser();
    String code = createAndOpenBoard(fac, "Ryhmittely vetämällä");
    ChromeDriver aino = browser();
    join(aino, code, "Aino");
    fac.manage().window().setSize(new Dimension(1366, 768));
    aino.manage().window().setSize(new Dimension(1366, 768));
    for (String text : List.of("Jonot ovat pitkiä", "Lomake on vaikea", "Soittopyyntö ei toimi",
        "Ajanvaraus verkossa")) {
      addConfirmedNote(aino, text);
    }
    for (String text : List.of("Jonot ovat pitkiä", "Ajanvaraus verkossa"))
      canvasNote(fac, text);

    // A onto B: one group, drawn around both on every page
    drag(aino, grab(aino, "Jonot ovat pitkiä"), grab(aino, "Lomake on vaikea"));
    for (ChromeDriver d : List.of(aino, fac))
      framed(d, List.of("Jonot ovat pitkiä", "Lomake on vaikea"), List.of());
    screenshot(aino, "drag-grouped-desktop");

    // a third note dropped on the frame joins the group
    showCanvas(aino);
    drag(aino, grab(aino, "Soittopyyntö ei toimi"), point(aino, FRAME_POINT));
    for (ChromeDriver d : List.of(aino, fac)) {
      framed(d, List.of("Jonot ovat pitkiä", "Lomake on vaikea", "Soittopyyntö ei toimi"), List.of());
    }

    // dragged out of the frame, it leaves the group
    int[] from = grab(aino, "Soittopyyntö ei toimi");
    drag(aino, from, point(aino, EMPTY_POINT, 260, 150));
    for (ChromeDriver d : List.of(aino, fac)) {
      framed(d, List.of("Jonot ovat pitkiä", "Lomake on vaikea"), List.of("Soittopyyntö ei toimi"));
    }

    // the frame dragged by its title moves its notes for everyone
    int before = left(fac, "Jonot ovat pitkiä");
    int otherBefore = left(fac, "Lomake on vaikea");
    showCanvas(aino);
    WebElement title = aino.findElement(By.cssSelector("#canvas .cluster .cluster-title"));
    int[] bar = point(aino, """
        const r = arguments[0].getBoundingClientRect();
        return [Math.round(r.left + 4), Math.round(r.top + r.height / 2)];""", title);
    drag(aino, bar, new int[] {bar[0] + 90, bar[1] + 60});
    waitUpTo(fac, 5)
        .until(d -> left(d, "Jonot ovat pitkiä") == before + 90 && left(d, "Lomake on vaikea") == otherBefore + 90);
    waitUpTo(aino, 5).until(d -> left(d, "Jonot ovat pitkiä") == before + 90);
    framed(fac, List.of("Jonot ovat pitkiä", "Lomake on vaikea"), List.of());
    showCanvas(fac);
    screenshot(fac, "drag-frame-moved-facilitator");
  }

  @Test
  void selectionRecoloursGroupsAndDeletesAndTheKeysDoTheSame() throws Exception {
    ChromeDriver fac = browser();
    createAndOpenBoard(fac, "Valinta");
    fac.manage().window().setSize(new Dimension(1366, 768));
    for (String text : List.of("Yksi", "Kaksi", "Kolme", "Neljä", "Viisi"))
      addConfirmedNote(fac, text);
    // spread them out first (a little zoomed out): each note dragged to a free spot on the board
    fac.findElement(By.id("zoom-out")).click();
    fac.findElement(By.id("zoom-out")).click();
    for (String text : List.of("Yksi", "Kaksi", "Kolme", "Neljä", "Viisi")) {
      drag(fac, grab(fac, text), point(fac, EMPTY_POINT, 180, 125));
    }

    // shift-click two notes: the bar says how many, and axe finds nothing
    new Actions(fac).keyDown(Keys.SHIFT).perform();
    int[] one = grab(fac, "Yksi");
    new Actions(fac).moveToLocation(one[0], one[1]).click().perform();
    int[] two = grab(fac, "Kaksi");
    new Actions(fac).moveToLocation(two[0], two[1]).click().keyUp(Keys.SHIFT).perform();
    WebElement bar = fac.findElement(By.id("selection-bar"));
    waitUpTo(fac, 5).until(d -> bar.isDisplayed() && bar.getText().contains(count(2)));
    assertEquals(2, fac.findElements(By.cssSelector("#canvas article.note.is-selected")).size());
    screenshot(fac, "selection-two-desktop");
    assertNoViolations(axe().analyze(fac), "board with two notes selected");
    // the experimental rule, on what this part draws (the note cards' and header's own buttons are checked elsewhere)
    assertNoViolations(
        new AxeBuilder().include(".select-tools").withRules(List.of("label-content-name-mismatch")).analyze(fac),
        "board with two notes selected");

    // recolour both
    bar.findElement(By.cssSelector("[data-action=selection-color]")).click();
    bar.findElement(By.cssSelector("[data-action=selection-color-blue]")).click();
    waitUpTo(fac, 5).until(d -> canvasNote(d, "Yksi").getAttribute("class").contains("color-blue")
        && canvasNote(d, "Kaksi").getAttribute("class").contains("color-blue"));
    assertTrue(canvasNote(fac, "Kolme").getAttribute("class").contains("color-yellow"));
    assertFocusNotLost(fac, "recolouring");

    // group both
    bar.findElement(By.cssSelector("[data-action=selection-group]")).click();
    framed(fac, List.of("Yksi", "Kaksi"), List.of());

    // delete both, after a question
    bar.findElement(By.cssSelector("[data-action=selection-delete]")).click();
    WebElement yes = bar.findElement(By.cssSelector("[data-action=selection-delete-yes]"));
    waitUpTo(fac, 2).until(d -> yes.isDisplayed());
    assertTrue(bar.getText().contains(fi("select.confirmDelete").replace("{count}", "2")));
    assertEquals(2, fac.findElements(By.cssSelector("#canvas article.note")).stream()
        .filter(n -> n.getText().contains("Yksi") || n.getText().contains("Kaksi")).count(),
        "nothing deleted before yes");
    yes.click();
    waitUpTo(fac, 5).until(d -> d.findElements(By.cssSelector("#canvas article.note")).size() == 3);
    assertFocusNotLost(fac, "deleting the selection");

    // a rectangle with the "select area" tool
    fac.findElement(By.id("select-mode")).click();
    showCanvas(fac);
    // the box around both notes (inside the visible canvas), and the notes it touches
    List<?> b = (List<?>) js(fac,
        """
            const c = document.getElementById('canvas').getBoundingClientRect();
            const notes = Array.from(document.querySelectorAll('#canvas article.note'));
            const rs = notes.filter((n) => /Kolme|Neljä/.test(n.textContent)).map((n) => n.getBoundingClientRect());
            const box = [Math.max(c.left + 2, Math.min(...rs.map((r) => r.left)) - 10), Math.max(c.top + 2, Math.min(...rs.map((r) => r.top)) - 10),
                         Math.min(c.right - 2, innerWidth - 2, Math.max(...rs.map((r) => r.right)) + 10),
                         Math.min(c.bottom - 2, innerHeight - 2, Math.max(...rs.map((r) => r.bottom)) + 10)].map(Math.round);
            const hit = notes.filter((n) => { const r = n.getBoundingClientRect();
              return r.left < box[2] && box[0] < r.right && r.top < box[3] && box[1] < r.bottom; }).length;
            const free = (x, y) => { const e = document.elementFromPoint(x, y); return !(e && e.closest('article.note, .cluster, .select-tools')); };
            return [...box, hit, free(box[0], box[1]) ? 1 : 0, free(box[2], box[3]) ? 1 : 0];""");
    int[] corner = {((Number) b.get(0)).intValue(), ((Number) b.get(1)).intValue()};
    int[] far = {((Number) b.get(2)).intValue(), ((Number) b.get(3)).intValue()};
    int touched = ((Number) b.get(4)).intValue();
    // the rectangle starts on the empty board: from whichever corner is free
    if (((Number) b.get(5)).intValue() == 1)
      drag(fac, corner, far);
    else
      drag(fac, far, corner);
    waitUpTo(fac, 5).until(d -> bar.isDisplayed() && bar.getText().contains(count(touched)));
    assertTrue(canvasNote(fac, "Kolme").getAttribute("class").contains("is-selected"));
    assertTrue(canvasNote(fac, "Neljä").getAttribute("class").contains("is-selected"));
    assertEquals(touched, fac.findElements(By.cssSelector("#canvas article.note.is-selected")).size());
    screenshot(fac, "selection-rectangle-desktop");
    fac.findElement(By.id("select-mode")).click();

    // Esc clears; then the keys: Space picks the focused note, G groups
    js(fac, "arguments[0].focus()", canvasNote(fac, "Kolme"));
    new Actions(fac).sendKeys(Keys.ESCAPE).perform();
    waitUpTo(fac, 2).until(d -> !bar.isDisplayed());
    js(fac, "arguments[0].focus()", canvasNote(fac, "Kolme"));
    new Actions(fac).sendKeys(Keys.SPACE).perform();
    js(fac, "arguments[0].focus()", canvasNote(fac, "Viisi"));
    new Actions(fac).sendKeys(Keys.SPACE).perform();
    waitUpTo(fac, 5).until(d -> bar.isDisplayed() && bar.getText().contains(count(2)));
    new Actions(fac).sendKeys("g").perform();
    framed(fac, List.of("Kolme", "Viisi"), List.of());
    assertFocusNotLost(fac, "grouping with G");

    // the list view's group form: the name comes before the button, Enter there groups, focus stays
    fac.findElement(By.id("view-toggle")).click();
    java.util.function.Function<WebDriver, WebElement> row = x -> waitUpTo(x, 5)
        .until(d -> d.findElements(By.cssSelector("#list-view li.list-note")).stream()
            .filter(li -> li.isDisplayed() && li.getText().contains("Neljä")).findFirst().orElse(null));
    chooseFromNoteMenu(fac, row, "group");
    WebElement item = row.apply(fac);
    new Select(item.findElement(By.cssSelector("select.group-select"))).selectByValue("__new");
    WebElement name = item.findElement(By.cssSelector("input.group-title-input"));
    waitUpTo(fac, 2).until(d -> name.isDisplayed());
    assertEquals(Boolean.TRUE,
        js(fac, "return !!(arguments[0].compareDocumentPosition(arguments[1]) & Node.DOCUMENT_POSITION_FOLLOWING)",
            name, item.findElement(By.cssSelector("button.group-apply"))),
        "the name field comes before the button");
    name.sendKeys("Neljän ryhmä", Keys.ENTER);
    waitUpTo(fac, 5).until(d -> d.findElements(By.cssSelector("#list-clusters .list-cluster")).stream()
        .anyMatch(s -> s.getText().contains("Neljän ryhmä") && s.getText().contains("Neljä")));
    waitUpTo(fac, 5).until(d -> "SELECT".equals(js(d, "return document.activeElement.tagName")));
    assertTrue(
        (Boolean) js(fac, "return document.activeElement.closest('li.list-note').textContent.includes('Neljä')"));
  }

  @Test
  void onAPhoneTheSelectionBarFitsAndPassesAxe() throws Exception {
    ChromeDriver fac = browser();
    createAndOpenBoard(fac, "Puhelin");
    fac.manage().window().setSize(new Dimension(390, 844));
    for (String text : List.of("Pieni näyttö", "Toinen lappu"))
      addConfirmedNote(fac, text);
    if (!fac.findElement(By.id("canvas")).isDisplayed())
      fac.findElement(By.id("view-toggle")).click();
    waitUpTo(fac, 5).until(d -> d.findElement(By.id("canvas")).isDisplayed());
    js(fac, "arguments[0].focus()", canvasNote(fac, "Pieni näyttö"));
    new Actions(fac).sendKeys(Keys.SPACE).perform();
    js(fac, "arguments[0].focus()", canvasNote(fac, "Toinen lappu"));
    new Actions(fac).sendKeys(Keys.SPACE).perform();
    WebElement bar = fac.findElement(By.id("selection-bar"));
    waitUpTo(fac, 5).until(d -> bar.isDisplayed() && bar.getText().contains(count(2)));
    showCanvas(fac);
    screenshot(fac, "selection-two-phone");
    assertNoViolations(axe().analyze(fac), "phone board with two notes selected");
    // the experimental rule, on what this part draws (the note cards' and header's own buttons are checked elsewhere)
    assertNoViolations(
        new AxeBuilder().include(".select-tools").withRules(List.of("label-content-name-mismatch")).analyze(fac),
        "phone board with two notes selected");
  }
}
