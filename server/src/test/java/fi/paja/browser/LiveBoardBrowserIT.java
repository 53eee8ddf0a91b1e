package fi.paja.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * One workshop as people run it: a facilitator creates it in the browser, two participants join from their own
 * browsers (one of them on SockJS's xhr-polling fallback, as behind a proxy that blocks WebSockets), a note written
 * by one appears live for the other, in the canvas and in the list view, and the board passes axe-core.
 */
class LiveBoardBrowserIT extends BrowserTestBase {

  /** This scenario waits strictly, as it always has: a stale element fails it rather than being looked up again. */
  @Override
  protected List<Class<? extends Throwable>> retriedWhileWaiting() {
    return List.of();
  }

  /** Creates a workshop in the browser's own language; returns the join code. */
  private String createWorkshopAsFacilitator(ChromeDriver driver) {
    openFacilitatorPage(driver);
    logIn(driver);
    driver.findElement(By.id("workshop-title")).sendKeys("Sosiaalipalvelujen palvelupolku");
    return submitWorkshop(driver);
  }

  /**
   * Joins in the browser's own language through the link with the code filled in, optionally on the given SockJS
   * transports, and waits only for the connection.
   */
  private void join(ChromeDriver driver, String code, String name, String transports) {
    openJoinPage(driver, code);
    assertEquals(code, driver.findElement(By.id("join-code")).getAttribute("value"));
    submitJoin(driver, name);
    if (transports != null) {
      driver.get(driver.getCurrentUrl() + "&transports=" + transports);
    }
    connected(driver);
  }

  @Test
  void aNoteAddedByOneParticipantAppearsForAnotherWithin2Seconds() throws Exception {
    String code = createWorkshopAsFacilitator(browser());
    ChromeDriver aino = browser();
    ChromeDriver bertil = browser();
    join(aino, code, "Aino", null);
    join(bertil, code, "Bertil", "xhr-polling");

    String text = "Puhelinjonossa odottaminen on liian pitkää <b>ei html</b>";
    long sentAt = System.nanoTime();
    addNote(aino, text);
    WebElement note = noteAppears(bertil, text, 2);
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

  @Test
  void whereWebSocketsAreBlockedXhrStreamingCarriesNotesBothWays() throws Exception {
    String code = createWorkshopAsFacilitator(browser());
    ChromeDriver aino = browser();
    ChromeDriver cecilia = browser();
    join(aino, code, "Aino", null);
    join(cecilia, code, "Cecilia", "xhr-streaming");

    addNote(aino, "Ajanvaraus puhelimessa kestää");
    noteAppears(cecilia, "Ajanvaraus puhelimessa kestää", 5);
    addNote(cecilia, "Chatt på svenska behövs");
    noteAppears(aino, "Chatt på svenska behövs", 5);
  }

  private void addNote(ChromeDriver driver, String text) {
    writeNote(driver, text);
  }

  /** The note on the canvas, once it has arrived (fails after {@code seconds}). */
  private WebElement noteAppears(ChromeDriver driver, String text, int seconds) {
    return waitUpTo(driver, seconds).until(d -> d.findElements(By.cssSelector("#canvas article.note")).stream()
        .filter(n -> n.getText().contains(text)).findFirst().orElse(null));
  }

  @Test
  void theBoardPageHasNoSeriousAccessibilityViolations() throws Exception {
    String code = createWorkshopAsFacilitator(browser());
    ChromeDriver aino = browser();
    join(aino, code, "Aino", null);
    writeNote(aino, "Esteettömyys on kaikkien asia");
    waitUpTo(aino, 5).until(d -> !d.findElements(By.cssSelector("#canvas article.note")).isEmpty());

    assertNoSeriousViolations(new AxeBuilder().analyze(aino), "board, canvas view");
    aino.findElement(By.id("view-toggle")).click();
    waitUpTo(aino, 5)
        .until(d -> d.findElements(By.cssSelector("#note-list li")).stream().anyMatch(WebElement::isDisplayed));
    assertNoSeriousViolations(new AxeBuilder().analyze(aino), "board, list view");
    aino.get(url("/"));
    waitUpTo(aino, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("join-name")));
    assertNoSeriousViolations(new AxeBuilder().analyze(aino), "landing page");
  }
}
