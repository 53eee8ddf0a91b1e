package fi.paja.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.selenium.AxeBuilder;
import fi.paja.support.Await;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A facilitated session as a facilitator runs it, in three browsers: private brainstorm and reveal, grouping with
 * the keyboard (list view), a secret dot vote with a budget, and the ranked results for everyone. The facilitator's
 * page (panel open) and a participant's page during the vote pass axe-core.
 */
class FacilitatedSessionBrowserIT extends BrowserTestBase {

  private static final String IDEA = "Puhelinjonossa odottaminen kestää liian kauan";
  private static final String OTHER = "Ajanvaraus verkossa ei toimi mobiilissa";
  private static final String GROUP = "Yhteydenotto";

  /** Creates a workshop and opens its board with the facilitator's panel; returns the join code. */
  private String createAndOpenBoard(ChromeDriver driver) {
    String code = createAndOpenBoard(driver, "Asiakasraati: yhteydenotto");
    openDrawerTab(driver, "guide");
    waitUpTo(driver, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("facilitator-panel")));
    return code;
  }

  private void addNote(ChromeDriver driver, String text) {
    writeNote(driver, text);
  }

  /** Every note element (canvas and list view) showing this text. */
  private static List<WebElement> notesWith(WebDriver driver, String text) {
    return driver.findElements(By.cssSelector("#canvas article.note, #list-view li.list-note")).stream()
        .filter(n -> n.getAttribute("textContent").contains(text)).toList();
  }

  /** The list-view item of a note (the list view must be shown). */
  private WebElement listItem(WebDriver driver, String text) {
    return waitUpTo(driver, 5).until(d -> d.findElements(By.cssSelector("#list-view li.list-note")).stream()
        .filter(li -> li.isDisplayed() && li.getText().contains(text)).findFirst().orElse(null));
  }

  private WebElement canvasNote(WebDriver driver, String text) {
    return waitUpTo(driver, 5).until(d -> d.findElements(By.cssSelector("#canvas article.note")).stream()
        .filter(n -> n.getText().contains(text)).findFirst().orElse(null));
  }

  private static int myDots(WebElement note) {
    return Integer.parseInt(note.findElement(By.cssSelector(".my-dots")).getAttribute("data-count"));
  }

  @Test
  void privateBrainstormRevealGroupingAndASecretDotVote() throws Exception {
    ChromeDriver fac = browser();
    String code = createAndOpenBoard(fac);
    ChromeDriver aino = browser();
    ChromeDriver bertil = browser();
    join(aino, code, "Aino");
    join(bertil, code, "Bertil");
    assertNoSeriousViolations(new AxeBuilder().analyze(fac), "facilitator's board, panel open");
    screenshot(fac, "facilitation-panel");

    // private brainstorm
    fac.findElement(By.id("setting-privateMode")).click();
    waitUpTo(aino, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("banner-private")));
    waitUpTo(bertil, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("banner-private")));
    assertEquals(fi("banner.private"), aino.findElement(By.id("banner-private")).getText());
    addNote(aino, IDEA);
    WebElement own = canvasNote(aino, IDEA);
    waitUpTo(aino, 5).until(d -> !own.findElements(By.cssSelector(".note-private")).isEmpty());
    assertEquals(fi("note.private"), own.findElement(By.cssSelector(".note-private")).getText());
    // A thing that must not happen: Bertil's board is watched for it as long as a note takes to reach him.
    Await.never("Aino's private note reaching Bertil's board", Duration.ofMillis(1500),
        () -> !notesWith(bertil, IDEA).isEmpty());
    screenshot(aino, "facilitation-private-note");

    // reveal: everyone sees it at once
    fac.findElement(By.id("reveal-notes")).click();
    long revealedAt = System.nanoTime();
    canvasNote(bertil, IDEA);
    long millis = (System.nanoTime() - revealedAt) / 1_000_000;
    assertTrue(millis < 2_000, "reveal took " + millis + " ms");
    waitUpTo(aino, 5).until(
        d -> notesWith(d, IDEA).stream().allMatch(n -> n.findElements(By.cssSelector(".note-private")).isEmpty()));

    // private mode off; Bertil adds the second note
    fac.findElement(By.id("setting-privateMode")).click();
    waitUpTo(bertil, 5).until(ExpectedConditions.invisibilityOfElementLocated(By.id("banner-private")));
    addNote(bertil, OTHER);
    canvasNote(aino, OTHER);

    // grouping with the keyboard control of the list view
    aino.findElement(By.id("view-toggle")).click();
    chooseFromNoteMenu(aino, d -> listItem(d, IDEA), "group");
    WebElement first = listItem(aino, IDEA);
    new Select(first.findElement(By.cssSelector("select.group-select"))).selectByValue("__new");
    WebElement title = first.findElement(By.cssSelector("input.group-title-input"));
    waitUpTo(aino, 2).until(d -> title.isDisplayed());
    title.sendKeys(GROUP);
    first.findElement(By.cssSelector("button.group-apply")).click();
    waitUpTo(aino, 5).until(d -> d.findElements(By.cssSelector("#list-clusters .list-cluster h3")).stream()
        .anyMatch(h -> h.getText().equals(GROUP)));
    chooseFromNoteMenu(aino, d -> listItem(d, OTHER), "group");
    WebElement second = listItem(aino, OTHER);
    new Select(second.findElement(By.cssSelector("select.group-select"))).selectByVisibleText(GROUP);
    listItem(aino, OTHER).findElement(By.cssSelector("button.group-apply")).click();
    waitUpTo(aino, 5).until(d -> {
      List<WebElement> groups = d.findElements(By.cssSelector("#list-clusters .list-cluster"));
      return groups.size() == 1 && groups.get(0).findElements(By.cssSelector("li.list-note")).size() == 2;
    });
    // the others see the group drawn around both notes on the canvas
    for (ChromeDriver d : List.of(bertil, fac)) {
      waitUpTo(d, 5).until(x -> x.findElements(By.cssSelector("#canvas .cluster .cluster-title")).stream()
          .anyMatch(h -> h.getAttribute("textContent").equals(GROUP)));
    }
    screenshot(aino, "facilitation-groups-list");

    // a secret vote, two dots each
    openDrawerTab(fac, "vote");
    WebElement budget = fac.findElement(By.id("vote-budget"));
    budget.clear();
    budget.sendKeys("2");
    WebElement max = fac.findElement(By.id("vote-max"));
    max.clear();
    max.sendKeys("2");
    assertTrue(fac.findElement(By.id("vote-secret")).isSelected(), "votes are secret by default");
    fac.findElement(By.id("vote-open")).click();
    for (ChromeDriver d : List.of(aino, bertil)) {
      waitUpTo(d, 5).until(ExpectedConditions.textToBe(By.id("vote-status"),
          fi("vote.left").replace("{left}", "2").replace("{budget}", "2")));
    }

    listItem(aino, IDEA).findElement(By.cssSelector("button.vote-add")).click();
    waitUpTo(aino, 5).until(d -> myDots(listItem(d, IDEA)) == 1);
    listItem(aino, IDEA).findElement(By.cssSelector("button.vote-add")).click();
    waitUpTo(aino, 5).until(d -> myDots(listItem(d, IDEA)) == 2);
    waitUpTo(aino, 5).until(ExpectedConditions.textToBe(By.id("vote-status"),
        fi("vote.left").replace("{left}", "0").replace("{budget}", "2")));
    listItem(aino, OTHER).findElement(By.cssSelector("button.vote-add")).click();
    waitUpTo(aino, 5).until(ExpectedConditions.textToBe(By.id("vote-error"), fi("error.vote_budget_exceeded")));
    assertEquals(0, myDots(listItem(aino, OTHER)));

    canvasNote(bertil, OTHER).findElement(By.cssSelector("button.vote-add")).click();
    waitUpTo(bertil, 5).until(d -> myDots(canvasNote(d, OTHER)) == 1);
    assertNoSeriousViolations(new AxeBuilder().analyze(bertil), "participant's board during a vote");
    screenshot(bertil, "facilitation-vote-participant");

    // the facilitator sees how many dots were cast, not where, while the vote is secret
    waitUpTo(fac, 5).until(d -> d.findElement(By.id("vote-status")).getText()
        .contains(fi("vote.cast").replace("{count}", "3")));
    assertTrue(fac.findElements(By.cssSelector(".vote-tally")).isEmpty(), "no per-note counts while secret");
    assertEquals(0, myDots(canvasNote(fac, IDEA)));
    assertNoSeriousViolations(new AxeBuilder().analyze(fac), "facilitator's board during a vote");
    screenshot(fac, "facilitation-vote-facilitator");

    // closing shows the ranked results to everyone, the winner first
    fac.findElement(By.id("vote-close")).click();
    for (ChromeDriver d : List.of(fac, aino, bertil)) {
      openDrawerTab(d, "vote");
      List<WebElement> ranked = waitUpTo(d, 5).until(x -> {
        List<WebElement> items = x.findElements(By.cssSelector("#vote-results ol li"));
        return items.size() >= 2 && x.findElement(By.id("vote-results")).isDisplayed() ? items : null;
      });
      assertTrue(ranked.get(0).getText().contains(IDEA), ranked.get(0).getText());
      assertTrue(ranked.get(0).getText().contains(fi("results.votes").replace("{count}", "2")),
          ranked.get(0).getText());
      assertTrue(ranked.get(1).getText().contains(OTHER), ranked.get(1).getText());
      assertTrue(ExpectedConditions.invisibilityOfElementLocated(By.id("vote-area")).apply(d));
    }
    screenshot(aino, "facilitation-results");

    // the results are there after a reload too (from the snapshot's votes)
    bertil.navigate().refresh();
    online(bertil);
    WebElement winner = waitUpTo(bertil, 5).until(d -> d.findElements(By.cssSelector("#vote-results ol li")).stream()
        .findFirst().orElse(null));
    assertTrue(winner.getAttribute("textContent").contains(IDEA), winner.getAttribute("textContent"));
  }

  @Test
  void phasesTimerLockHandsFollowSpotlightAndRemoval() throws Exception {
    ChromeDriver fac = browser();
    String code = createAndOpenBoard(fac);
    ChromeDriver aino = browser();
    join(aino, code, "Aino");

    // a phase with instructions, started for everyone
    fac.findElement(By.cssSelector("#phase-form")).findElement(By.xpath("..")).findElement(By.tagName("summary"))
        .click();
    fac.findElement(By.id("phase-new-title")).sendKeys("Lämmittely");
    fac.findElement(By.id("phase-new-instructions")).sendKeys("Kerro yksi asia, joka sujui hyvin.");
    fac.findElement(By.cssSelector("#phase-form button[type=submit]")).click();
    // (the template may bring phases of its own: pick ours)
    waitUpTo(fac, 5).until(d -> d.findElements(By.cssSelector("#phase-list li")).stream()
        .filter(li -> li.getText().contains("Lämmittely")).findFirst()
        .map(li -> li.findElement(By.cssSelector("button[data-action=activate]"))).orElse(null)).click();
    waitUpTo(aino, 5).until(ExpectedConditions.textToBe(By.id("phase-title"), "Lämmittely"));
    assertEquals("Kerro yksi asia, joka sujui hyvin.", aino.findElement(By.id("phase-instructions")).getText());
    assertEquals("polite", aino.findElement(By.id("phase-info")).getAttribute("aria-live"));

    // the shared timer
    WebElement minutes = fac.findElement(By.id("timer-minutes"));
    minutes.clear();
    minutes.sendKeys("2");
    fac.findElement(By.id("timer-start")).click();
    String shown = waitUpTo(aino, 5).until(d -> {
      WebElement timer = d.findElement(By.id("timer"));
      return timer.isDisplayed() ? timer.getText() : null;
    });
    assertTrue(shown.matches("0[12]:\\d\\d"), shown);
    fac.findElement(By.id("timer-pause")).click();
    waitUpTo(aino, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("timer-state")));
    fac.findElement(By.id("timer-stop")).click();
    waitUpTo(aino, 5).until(ExpectedConditions.invisibilityOfElementLocated(By.id("timer")));

    // lock: the participant can read but not write
    fac.findElement(By.cssSelector("#setting-locked")).findElement(By.xpath("ancestor::details"))
        .findElement(By.tagName("summary")).click();
    fac.findElement(By.id("setting-locked")).click();
    waitUpTo(aino, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("banner-locked")));
    assertEquals(fi("banner.locked"), aino.findElement(By.id("banner-locked")).getText());
    assertTrue(!aino.findElement(By.id("new-note-button")).isDisplayed());
    fac.findElement(By.id("setting-locked")).click();
    waitUpTo(aino, 5).until(d -> d.findElement(By.id("new-note-button")).isDisplayed());

    // a raised hand, lowered by the facilitator
    aino.findElement(By.id("toggle-hand")).click();
    waitUpTo(aino, 5).until(ExpectedConditions.attributeToBe(By.id("toggle-hand"), "aria-pressed", "true"));
    openDrawerTab(fac, "people");
    WebElement lower = waitUpTo(fac, 5)
        .until(d -> d.findElements(By.cssSelector("#fac-participants button[data-action=lower-hand]"))
            .stream().findFirst().orElse(null));
    assertTrue(fac.findElement(By.id("fac-participants")).getText().contains("✋"));
    lower.click();
    waitUpTo(aino, 5).until(ExpectedConditions.attributeToBe(By.id("toggle-hand"), "aria-pressed", "false"));

    // follow the facilitator, and opt out locally
    openDrawerTab(fac, "guide");
    fac.findElement(By.id("follow-start")).click();
    waitUpTo(aino, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("banner-follow")));
    aino.findElement(By.id("stop-following")).click();
    waitUpTo(aino, 5).until(ExpectedConditions.textToBe(By.id("follow-text"), fi("banner.followStopped")));
    fac.findElement(By.id("follow-release")).click();
    waitUpTo(aino, 5).until(ExpectedConditions.invisibilityOfElementLocated(By.id("banner-follow")));

    // a note in the spotlight for everyone; Escape closes it locally
    addNote(aino, IDEA);
    chooseFromNoteMenu(fac, d -> canvasNote(d, IDEA), "focus");
    WebElement dialog = waitUpTo(aino, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("focus-dialog")));
    assertTrue(dialog.getText().contains(IDEA));
    screenshot(aino, "facilitation-spotlight");
    new org.openqa.selenium.interactions.Actions(aino).sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();
    waitUpTo(aino, 5).until(ExpectedConditions.invisibilityOfElementLocated(By.id("focus-dialog")));
    fac.findElement(By.id("focus-end")).click();
    waitUpTo(fac, 5).until(ExpectedConditions.invisibilityOfElementLocated(By.id("focus-dialog")));

    // removal
    openDrawerTab(fac, "people");
    waitUpTo(fac, 5)
        .until(d -> d.findElements(By.cssSelector("#fac-participants button[data-action=remove]")).size() == 1);
    fac.findElement(By.cssSelector("#fac-participants button[data-action=remove]")).click();
    waitUpTo(fac, 5).until(
        ExpectedConditions.elementToBeClickable(By.cssSelector("#fac-participants button[data-action=confirm-remove]")))
        .click();
    waitUpTo(aino, 5).until(ExpectedConditions.textToBe(By.id("board-message-text"), fi("board.removed")));
    // Aino leaves the members; she stays listed as removed, only for her data's download or erasure.
    waitUpTo(fac, 5).until(d -> d.findElements(By.cssSelector("#fac-participants li:not(.is-removed)")).size() == 1
        && d.findElements(By.cssSelector("#fac-participants li.is-removed")).size() == 1);
    assertTrue(
        fac.findElements(By.cssSelector("#fac-participants li.is-removed button[data-action=remove]")).isEmpty());
  }
}
