package fi.paja.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * "My workshops" as a facilitator uses it, by keyboard where it matters: search, duplicate, close (the participant's
 * board says it ended; the facilitator's shows it closed), archive, the presenter view, and delete through its
 * confirmation dialog. axe reports nothing on the dashboard, the dialog and the presenter view, in Finnish and
 * Swedish.
 */
class WorkshopLifeBrowserIT extends BrowserTestBase {

  private static final Dimension DESK = new Dimension(1366, 768);
  private static final Dimension PHONE = new Dimension(390, 844);

  private static void axe(WebDriver driver, String page) {
    Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
    assertTrue(results.getViolations().isEmpty(), page + ": " + results.getViolations().stream()
        .map(v -> v.getId() + " (" + v.getImpact() + "): " + v.getNodes().stream()
            .map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
        .collect(Collectors.joining("; ")));
  }

  private WebElement item(WebDriver driver, String title) {
    return waitUpTo(driver, 10).until(d -> d.findElements(By.cssSelector("#workshop-list li.life-workshop")).stream()
        .filter(li -> li.findElement(By.cssSelector(".workshop-title")).getText().equals(title)).findFirst()
        .orElse(null));
  }

  private List<String> titles(WebDriver driver) {
    return driver.findElements(By.cssSelector("#workshop-list li.life-workshop .workshop-title")).stream()
        .map(WebElement::getText).toList();
  }

  private void actOn(ChromeDriver driver, String title, String action) {
    WebElement button = item(driver, title).findElement(By.cssSelector("button[data-action=" + action + "]"));
    // By keyboard: focus the button and press Enter.
    driver.executeScript("arguments[0].focus()", button);
    button.sendKeys(Keys.ENTER);
  }

  private void announced(WebDriver driver, String text) {
    waitUpTo(driver, 10).until(d -> d.findElement(By.id("life-announce")).getText().contains(text));
  }

  private void focusIsNotLost(WebDriver driver) {
    Object tag = ((ChromeDriver) driver)
        .executeScript("return document.activeElement && document.activeElement.tagName");
    assertTrue(tag != null && !"BODY".equals(tag), "focus went to " + tag);
  }

  @Test
  void aFacilitatorRunsAWorkshopsWholeLifeFromTheDashboard() throws Exception {
    ChromeDriver fac = browser();
    fac.manage().window().setSize(DESK);
    String title = "Asukasraati kevät";
    String code = createAndOpenBoard(fac, title);
    ChromeDriver aino = browser();
    join(aino, code, "Aino");
    writeNote(aino, "Lisää iltavastaanottoja");

    fac.get(url("/facilitator.html"));
    waitUpTo(fac, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("workshop-title")));
    fac.findElement(By.id("workshop-title")).sendKeys("Toinen työpaja");
    submitWorkshop(fac);
    item(fac, "Toinen työpaja");
    WebElement live = item(fac, title);
    assertEquals(fi("life.state.live"), live.findElement(By.cssSelector(".life-badge")).getText()
        .replace(fi("life.stateLabel"), "").trim());

    // Search narrows the list as one types.
    fac.findElement(By.id("life-search")).sendKeys("asukas");
    waitUpTo(fac, 5).until(d -> titles(d).equals(List.of(title)));
    axe(fac, "dashboard (fi)");
    screenshot(fac, "life-dashboard-fi");
    fac.findElement(By.id("life-search")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    waitUpTo(fac, 5).until(d -> titles(d).size() == 2);

    // Duplicate: a copy with the same structure and a new code.
    actOn(fac, title, "duplicate");
    String copy = fi("life.copyTitle").replace("{title}", title);
    announced(fac, copy);
    item(fac, copy);
    focusIsNotLost(fac);

    // Close: the participant's board says the workshop ended; the facilitator's board shows it closed.
    String workshopId = item(fac, title).getAttribute("data-workshop-id");
    actOn(fac, title, "close");
    announced(fac, fi("life.closedDone").replace("{title}", title).substring(0, 12));
    waitUpTo(aino, 10).until(d -> d.findElement(By.id("board-message-text")).getText()
        .equals(fi("life.board.ended")));
    screenshot(aino, "life-participant-ended-fi");
    focusIsNotLost(fac);
    assertEquals(fi("life.state.closed"), item(fac, title).findElement(By.cssSelector(".life-badge")).getText()
        .replace(fi("life.stateLabel"), "").trim());

    fac.get(url("/board.html?w=" + workshopId));
    online(fac);
    WebElement banner = waitUpTo(fac, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("banner-closed")));
    assertEquals(fi("life.banner.closedFacilitator"), banner.getText());
    assertTrue(fac.findElements(By.id("new-note-button")).stream().noneMatch(WebElement::isDisplayed));
    screenshot(fac, "life-board-closed-fi");
    // Back to My workshops from the board.
    fac.findElement(By.cssSelector("#my-workshops-item a")).click();
    waitUpTo(fac, 10).until(ExpectedConditions.urlContains("facilitator.html"));

    // Archive: gone from the default list, there under "Archived".
    actOn(fac, title, "archive");
    announced(fac, fi("life.filter.archived"));
    waitUpTo(fac, 10).until(d -> !titles(d).contains(title));
    focusIsNotLost(fac);
    new Select(fac.findElement(By.id("life-filter"))).selectByValue("archived");
    item(fac, title);

    // Delete, through the dialog that names it.
    actOn(fac, title, "delete");
    WebElement dialog = waitUpTo(fac, 5)
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("life-delete-dialog")));
    assertTrue(dialog.getText().contains(title), dialog.getText());
    assertEquals("life-delete-name", fac.switchTo().activeElement().getAttribute("id"));
    axe(fac, "delete dialog (fi)");
    screenshot(fac, "life-delete-dialog-fi");
    fac.switchTo().activeElement().sendKeys("Asukasraati", Keys.ENTER);
    waitUpTo(fac, 5).until(d -> d.findElement(By.id("life-delete-error")).getText()
        .equals(fi("life.delete.mismatch")));
    WebElement name = fac.findElement(By.id("life-delete-name"));
    name.clear();
    name.sendKeys(title, Keys.ENTER);
    announced(fac, fi("life.deleted").replace("{title}", title));
    waitUpTo(fac, 10).until(d -> !titles(d).contains(title));
    assertEquals("life-search", fac.switchTo().activeElement().getAttribute("id"));

    // Swedish, and the phone.
    new Select(fac.findElement(By.id("life-filter"))).selectByValue("active");
    item(fac, copy);
    new Select(fac.findElement(By.id("lang"))).selectByValue("sv");
    waitUpTo(fac, 5).until(d -> "sv".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    axe(fac, "dashboard (sv)");
    screenshot(fac, "life-dashboard-sv");
    fac.manage().window().setSize(PHONE);
    screenshot(fac, "life-dashboard-phone-sv");
    new Select(fac.findElement(By.id("lang"))).selectByValue("fi");
    fac.executeScript("arguments[0].scrollIntoView()", item(fac, copy));
    screenshot(fac, "life-dashboard-phone-fi");

    // The presenter view of the copy: large code, link and a QR code.
    String copyCode = item(fac, copy).findElement(By.cssSelector(".join-code")).getText();
    fac.manage().window().setSize(DESK);
    item(fac, copy).findElement(By.cssSelector("a[href^='presenter.html']")).click();
    waitUpTo(fac, 10).until(d -> d.findElement(By.id("presenter-code")).getText().equals(copyCode));
    assertEquals("127.0.0.1:" + port(), fac.findElement(By.id("presenter-link")).getText());
    assertEquals(1, fac.findElements(By.cssSelector("#presenter-qr svg[role=img] path")).size());
    axe(fac, "presenter (fi)");
    screenshot(fac, "life-presenter-fi");
    new Select(fac.findElement(By.id("lang"))).selectByValue("sv");
    waitUpTo(fac, 5).until(d -> "sv".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    axe(fac, "presenter (sv)");
    screenshot(fac, "life-presenter-sv");
    fac.manage().window().setSize(PHONE);
    screenshot(fac, "life-presenter-phone-sv");
  }
}
