package fi.paja.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Undo and redo of one's own actions, sent as ordinary commands so that everyone sees them: a participant adds,
 * edits, recolours, moves, groups and deletes a note that has her dot; Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y and the header
 * buttons take it back and make it again, and the facilitator's browser shows each step. Undo of the delete brings
 * the note back for everyone with its group and dot. An undo never overwrites someone else's later change, and never
 * takes back someone else's action. The buttons name what they would undo and pass axe.
 */
class UndoBrowserIT extends BrowserTestBase {

  private static final String TEXT = "Lomakkeet ovat liian pitkiä";
  private static final String EDITED = "Lomakkeet ovat liian pitkiä ja vaikeita";
  private static final String THEIRS = "Fasilitaattorin lappu";
  private static final String GROUP = "Asiointi";

  private void addNote(ChromeDriver driver, String text) {
    writeNote(driver, text);
  }

  private static By noteById(String id) {
    return By.cssSelector("#canvas article.note[data-note-id='" + id + "']");
  }

  /** The note on the canvas with this text, once it is there (confirmed, not pending). */
  private WebElement noteWith(WebDriver driver, String text) {
    return waitUpTo(driver, 5).until(d -> d.findElements(By.cssSelector("#canvas article.note")).stream()
        .filter(n -> n.findElement(By.cssSelector(".note-text")).getText().equals(text)).findFirst().orElse(null));
  }

  private WebElement note(WebDriver driver, String id) {
    return waitUpTo(driver, 5).until(ExpectedConditions.presenceOfElementLocated(noteById(id)));
  }

  private void gone(WebDriver driver, String id) {
    waitUpTo(driver, 5).until(d -> d.findElements(noteById(id)).isEmpty());
  }

  private void textIs(WebDriver driver, String id, String text) {
    waitUpTo(driver, 5).until(d -> d.findElements(noteById(id)).stream()
        .anyMatch(n -> n.findElement(By.cssSelector(".note-text")).getText().equals(text)));
  }

  private void colourIs(WebDriver driver, String id, String colour) {
    waitUpTo(driver, 5).until(d -> d.findElements(noteById(id)).stream()
        .anyMatch(n -> n.getAttribute("class").contains("color-" + colour)));
  }

  private static String left(ChromeDriver driver, String id) {
    return (String) driver.executeScript("return arguments[0].style.left", driver.findElement(noteById(id)));
  }

  private void leftIs(ChromeDriver driver, String id, String left) {
    waitUpTo(driver, 5).until(d -> {
      List<WebElement> found = d.findElements(noteById(id));
      return !found.isEmpty() && left.equals(left(driver, id));
    });
  }

  private boolean inGroup(WebDriver driver, String title) {
    return driver.findElements(By.cssSelector("#canvas .cluster .cluster-title")).stream()
        .anyMatch(h -> h.getAttribute("textContent").equals(title));
  }

  /** Ctrl (or Ctrl+Shift) and a key, with the focus on the board, not in a text field. */
  private static void shortcut(ChromeDriver driver, boolean shift, String key) {
    Actions keys = new Actions(driver).keyDown(Keys.CONTROL);
    if (shift)
      keys = keys.keyDown(Keys.SHIFT);
    keys = keys.sendKeys(key);
    if (shift)
      keys = keys.keyUp(Keys.SHIFT);
    keys.keyUp(Keys.CONTROL).perform();
  }

  private static void focusBoard(ChromeDriver driver) {
    driver.executeScript("document.getElementById('canvas').focus()");
  }

  private void buttonSays(ChromeDriver driver, String id, String key, String whatKey) {
    String expected = fi(key).replace("{what}", fi(whatKey));
    waitUpTo(driver, 5).until(d -> expected.equals(d.findElement(By.id(id)).getAttribute("aria-label"))
        && "false".equals(d.findElement(By.id(id)).getAttribute("aria-disabled")));
  }

  private void announced(ChromeDriver driver, String text) {
    waitUpTo(driver, 5).until(ExpectedConditions.textToBe(By.id("announcer"), text));
  }

  private static void focusNotOnBody(ChromeDriver driver) {
    Object tag = driver.executeScript("return document.activeElement && document.activeElement.tagName");
    assertNotEquals("BODY", tag, "focus fell to <body>");
  }

  /** axe (WCAG 2.1 A and AA): no violation of any impact. */
  private static void noViolations(ChromeDriver driver, String state) {
    List<Rule> violations = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
        .analyze(driver).getViolations();
    assertTrue(violations.isEmpty(),
        state + ": " + violations.stream().map(v -> v.getId() + ": " + v.getNodes().stream()
            .map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
            .collect(Collectors.joining("; ")));
  }

  @Test
  void ownActionsAreUndoneAndRedoneForEveryoneAndADeletedNoteComesBackWithGroupAndDots() throws Exception {
    ChromeDriver fac = browser();
    String code = createAndOpenBoard(fac, "Kumoamisen kokeilu");
    // the facilitator's own note, before Aino is there
    addNote(fac, THEIRS);
    noteWith(fac, THEIRS);
    ChromeDriver aino = browser();
    aino.manage().window().setSize(new Dimension(1366, 768));
    join(aino, code, "Aino");
    // nothing to undo yet
    assertEquals("true", aino.findElement(By.id("undo")).getAttribute("aria-disabled"));
    assertEquals("true", aino.findElement(By.id("redo")).getAttribute("aria-disabled"));

    // add: Ctrl+Z takes it away for everyone, Ctrl+Shift+Z brings it back
    addNote(aino, TEXT);
    String id = noteWith(fac, TEXT).getAttribute("data-note-id");
    buttonSays(aino, "undo", "undo.buttonLabel", "undo.what.add");
    noteWith(aino, THEIRS);
    focusBoard(aino);
    shortcut(aino, false, "z");
    gone(fac, id);
    gone(aino, id);
    announced(aino, fi("undo.done").replace("{what}", fi("undo.what.add")));
    buttonSays(aino, "redo", "redo.buttonLabel", "undo.what.add");
    focusBoard(aino);
    shortcut(aino, true, "z");
    note(fac, id);
    note(aino, id);
    announced(aino, fi("redo.done").replace("{what}", fi("undo.what.add")));

    // edit: the header button undoes it, Ctrl+Y redoes it
    noteToolbarButton(aino, d -> note(d, id), "edit").click();
    WebElement textarea = waitUpTo(aino, 5).until(d -> d.findElement(noteById(id)).findElement(By.tagName("textarea")));
    // Ctrl+Z in a text field is the browser's own text undo, not the board's (else the note would be gone)
    textarea.sendKeys(Keys.chord(Keys.CONTROL, "z"));
    textarea.clear();
    textarea.sendKeys(EDITED);
    textarea.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    textIs(fac, id, EDITED);
    buttonSays(aino, "undo", "undo.buttonLabel", "undo.what.edit");
    aino.findElement(By.id("undo")).click();
    textIs(fac, id, TEXT);
    textIs(aino, id, TEXT);
    assertEquals("undo", aino.switchTo().activeElement().getAttribute("id"), "the button keeps the focus");
    focusBoard(aino);
    shortcut(aino, false, "y");
    textIs(fac, id, EDITED);

    // recolour and move (keyboard)
    noteToolbarButton(aino, d -> note(d, id), "menu-color").click();
    waitUpTo(aino, 5).until(
        d -> d.findElement(noteById(id)).findElements(By.cssSelector("[role=menuitemradio][data-action=color-pink]"))
            .stream().filter(WebElement::isDisplayed).findFirst().orElse(null))
        .click();
    colourIs(fac, id, "pink");
    String startLeft = left(aino, id);
    aino.executeScript("arguments[0].focus()", aino.findElement(noteById(id)));
    new Actions(aino).keyDown(Keys.SHIFT).sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT)
        .keyUp(Keys.SHIFT).perform();
    waitUpTo(fac, 5).until(d -> !startLeft.equals(left(fac, id)));
    String movedLeft = left(fac, id);
    buttonSays(aino, "undo", "undo.buttonLabel", "undo.what.move");

    // group it (keyboard path of the list view), and put a dot on it
    aino.findElement(By.id("view-toggle")).click();
    java.util.function.Function<WebDriver, WebElement> row = x -> waitUpTo(x, 5)
        .until(d -> d.findElements(By.cssSelector("#list-view li.list-note")).stream()
            .filter(li -> li.isDisplayed() && id.equals(li.getAttribute("data-note-id"))).findFirst().orElse(null));
    chooseFromNoteMenu(aino, row, "group");
    WebElement item = row.apply(aino);
    new Select(item.findElement(By.cssSelector("select.group-select"))).selectByValue("__new");
    WebElement title = item.findElement(By.cssSelector("input.group-title-input"));
    waitUpTo(aino, 2).until(d -> title.isDisplayed());
    title.sendKeys(GROUP);
    item.findElement(By.cssSelector("button.group-apply")).click();
    waitUpTo(fac, 5).until(d -> inGroup(d, GROUP));
    buttonSays(aino, "undo", "undo.buttonLabel", "undo.what.group");
    aino.findElement(By.id("view-toggle")).click();
    openDrawerTab(fac, "vote");
    fac.findElement(By.id("vote-open")).click();
    // (the drawer narrows the facilitator's board: close it again, so the notes stay in view)
    fac.findElement(By.id("drawer-close")).click();
    WebElement dot = waitUpTo(aino, 5)
        .until(d -> d.findElement(noteById(id)).findElements(By.cssSelector("button.vote-add"))
            .stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    dot.click();
    waitUpTo(aino, 5).until(d -> "1"
        .equals(d.findElement(noteById(id)).findElement(By.cssSelector(".my-dots")).getAttribute("data-count")));

    // axe with both buttons in use, and what the participant sees
    assertEquals("false", aino.findElement(By.id("undo")).getAttribute("aria-disabled"));
    noViolations(aino, "participant's board, undo and redo in use");
    aino.executeScript("window.scrollTo(0, 0)");
    screenshot(aino, "undo-desktop");

    // delete it; Ctrl+Z brings it back for everyone, with its text, colour, group and dot
    chooseFromNoteMenu(aino, d -> note(d, id), "delete");
    waitUpTo(aino, 5)
        .until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[data-action=confirm-delete]"))).click();
    gone(fac, id);
    waitUpTo(fac, 5).until(d -> !inGroup(d, GROUP));
    buttonSays(aino, "undo", "undo.buttonLabel", "undo.what.delete");
    focusNotOnBody(aino);
    shortcut(aino, false, "z");
    note(fac, id);
    textIs(fac, id, EDITED);
    colourIs(fac, id, "pink");
    leftIs(fac, id, movedLeft);
    waitUpTo(fac, 5).until(d -> inGroup(d, GROUP));
    waitUpTo(aino, 5).until(d -> inGroup(d, GROUP));
    waitUpTo(aino, 5).until(d -> "1"
        .equals(d.findElement(noteById(id)).findElement(By.cssSelector(".my-dots")).getAttribute("data-count")));
    announced(aino, fi("undo.done").replace("{what}", fi("undo.what.delete")));
    focusNotOnBody(aino);

    // further back: the group, the move, the colour
    buttonSays(aino, "undo", "undo.buttonLabel", "undo.what.group");
    aino.findElement(By.id("undo")).click();
    waitUpTo(fac, 5).until(d -> !inGroup(d, GROUP));
    aino.findElement(By.id("undo")).click();
    leftIs(fac, id, startLeft);
    aino.findElement(By.id("undo")).click();
    colourIs(fac, id, "yellow");
    buttonSays(aino, "undo", "undo.buttonLabel", "undo.what.edit");

    // someone else changes the text after Aino's edit: her undo of the edit leaves their text alone and says why
    fac.findElement(By.id("view-toggle")).click();
    By facItem = By.cssSelector("#list-view li.list-note[data-note-id='" + id + "']");
    noteToolbarButton(fac, d -> waitUpTo(d, 5).until(ExpectedConditions.visibilityOfElementLocated(facItem)), "edit")
        .click();
    WebElement theirs = waitUpTo(fac, 5).until(d -> d.findElement(facItem).findElement(By.tagName("textarea")));
    theirs.clear();
    theirs.sendKeys("Fasilitaattori muokkasi");
    theirs.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    fac.findElement(By.id("view-toggle")).click();
    textIs(aino, id, "Fasilitaattori muokkasi");
    aino.findElement(By.id("undo")).click();
    announced(aino, fi("undo.changed"));
    textIs(fac, id, "Fasilitaattori muokkasi");

    // the last of Aino's own actions is the add; the facilitator's note is never hers to undo
    buttonSays(aino, "undo", "undo.buttonLabel", "undo.what.add");
    aino.findElement(By.id("undo")).click();
    gone(fac, id);
    waitUpTo(aino, 5).until(ExpectedConditions.attributeToBe(By.id("undo"), "aria-disabled", "true"));
    shortcut(aino, false, "z");
    announced(aino, fi("undo.nothing"));
    noteWith(aino, THEIRS);
    noteWith(fac, THEIRS);
    assertFalse(aino.findElements(By.cssSelector("#canvas article.note")).isEmpty());
    focusNotOnBody(aino);

    // on a phone the buttons are icons with the same names
    aino.manage().window().setSize(new Dimension(390, 844));
    buttonSays(aino, "redo", "redo.buttonLabel", "undo.what.add");
    aino.executeScript("window.scrollTo(0, 0)");
    noViolations(aino, "participant's board on a phone, redo in use");
    screenshot(aino, "undo-phone");
  }
}
