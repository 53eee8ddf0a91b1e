package fi.paja.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Access that ends or changes while the board is open. A facilitator keeps a removed person out, with the keyboard
 * only: removal that bars the device the person joined from (that browser cannot join again), and a new join code
 * (the old one stops working, the new one is shown); the facilitator's board passes axe-core with the removal choice
 * open and after the new code. A role change reconnects the person's board as the new role without looking like a
 * removal, and logging out in another tab ends the board's session.
 */
class AccessChangesBrowserIT extends BrowserTestBase {

  private static WebElement focused(ChromeDriver driver) {
    return driver.switchTo().activeElement();
  }

  private static void press(ChromeDriver driver, CharSequence keys) {
    new Actions(driver).sendKeys(keys).perform();
  }

  private static void shiftTab(ChromeDriver driver) {
    new Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
  }

  private void joinAttemptFails(ChromeDriver driver, String code, String name, String errorKey) {
    openJoinPage(driver, code);
    finnish(driver);
    driver.findElement(By.id("join-name")).sendKeys(name);
    driver.findElement(By.cssSelector("#join-form button[type=submit]")).click();
    waitUpTo(driver, 10).until(ExpectedConditions.textToBe(By.id("join-error"), fi(errorKey)));
  }

  @Test
  void aRemovedPersonIsBarredFromThatBrowserAndTheOldCodeStopsWorking() throws Exception {
    ChromeDriver fac = browser();
    String code = createAndOpenBoard(fac, "Asiakasraati: rauhallinen ilta");
    openDrawerTab(fac, "people");
    waitUpTo(fac, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("fac-participants")));
    ChromeDriver aino = browser();
    join(aino, code, "Aino");

    // Remove, with the choice to bar the device, by keyboard.
    // (the list is rebuilt when presence changes: focus stays where it was, so ask for the focused element anew)
    waitUpTo(fac, 5).until(d -> (Boolean) fac.executeScript(
        "const b = document.querySelector('#fac-participants button[data-action=remove]');"
            + " if (b) b.focus(); return !!b && document.activeElement === b;"));
    press(fac, Keys.ENTER);
    waitUpTo(fac, 5).until(d -> "cancel-remove".equals(focused(fac).getAttribute("data-action")));
    shiftTab(fac);
    waitUpTo(fac, 5).until(d -> "confirm-remove".equals(focused(fac).getAttribute("data-action")));
    shiftTab(fac);
    waitUpTo(fac, 5).until(d -> "bar".equals(focused(fac).getAttribute("data-action")));
    String barId = focused(fac).getAttribute("id");
    waitUpTo(fac, 5).until(d -> fi("fac.participant.bar").equals(
        d.findElement(By.cssSelector("label[for='" + barId + "']")).getText().trim()));
    press(fac, Keys.SPACE);
    waitUpTo(fac, 5).until(d -> d.findElement(By.id(barId)).isSelected());
    assertNoSeriousViolations(new AxeBuilder().analyze(fac), "facilitator's board, removal with the bar choice");
    press(fac, Keys.TAB);
    waitUpTo(fac, 5).until(d -> "confirm-remove".equals(focused(fac).getAttribute("data-action")));
    press(fac, Keys.ENTER);

    waitUpTo(aino, 10).until(ExpectedConditions.textToBe(By.id("board-message-text"), fi("board.removed")));
    waitUpTo(fac, 5).until(d -> d.findElements(By.cssSelector("#fac-participants li:not(.is-removed)")).size() == 1);
    // The same browser cannot come back with the same code.
    joinAttemptFails(aino, code, "Aino uudestaan", "error.device_barred");

    // A new join code, by keyboard: the old one stops working, the new one is shown.
    fac.executeScript("arguments[0].focus()", fac.findElement(By.id("fac-join-code-new")));
    press(fac, Keys.ENTER);
    waitUpTo(fac, 5).until(d -> "fac-join-code-no".equals(focused(fac).getAttribute("id")));
    shiftTab(fac);
    assertEquals("fac-join-code-yes", focused(fac).getAttribute("id"));
    press(fac, Keys.ENTER);
    String fresh = waitUpTo(fac, 10).until(d -> {
      String text = d.findElement(By.id("fac-join-code-status")).getText();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Z2-9]{6}").matcher(text);
      return m.find() ? m.group() : null;
    });
    assertNotEquals(code, fresh);
    assertEquals(fi("fac.joinCode.changed").replace("{code}", fresh),
        fac.findElement(By.id("fac-join-code-status")).getText());
    assertTrue(fac.findElement(By.id("join-code-display")).getText().contains(fresh));
    assertTrue(fac.findElement(By.id("fac-join-code-link")).getAttribute("href").endsWith("?code=" + fresh));
    assertEquals("fac-join-code-new", focused(fac).getAttribute("id"));
    assertNoSeriousViolations(new AxeBuilder().analyze(fac), "facilitator's board after a new join code");

    ChromeDriver cecilia = browser();
    joinAttemptFails(cecilia, code, "Cecilia", "error.unknown_join_code");
    openJoinPage(cecilia, fresh);
    submitJoin(cecilia, "Cecilia");
    online(cecilia);
  }

  @Test
  void aRoleChangeReconnectsAsTheNewRoleAndLogoutInAnotherTabEndsTheBoard() throws Exception {
    ChromeDriver fac = browser();
    String code = createAndOpenBoard(fac, "Asiakasraati: roolit");
    openDrawerTab(fac, "people");
    waitUpTo(fac, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("fac-participants")));
    ChromeDriver olli = browser();
    join(olli, code, "Olli");
    waitUpTo(olli, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("new-note-button")));

    // Participant → observer: Olli's board reconnects and cannot add notes; it is not shown as removed.
    waitUpTo(fac, 5).until(d -> !d.findElements(By.cssSelector("#fac-participants select.role-select")).isEmpty());
    // the list is rebuilt as presence changes: a select found a moment ago may be gone, so find it again
    waitUpTo(fac, 5).until(d -> {
      new Select(d.findElement(By.cssSelector("#fac-participants select.role-select"))).selectByValue("observer");
      return true;
    });
    // an observer gets no "+ New note" button, and the sheet's fields are off
    waitUpTo(olli, 10).until(d -> !d.findElement(By.id("new-note-button")).isDisplayed()
        && !d.findElement(By.id("new-note-text")).isEnabled());
    connected(olli);
    assertTrue(olli.findElement(By.id("board-message")).getAttribute("hidden") != null, "a message was shown");
    assertTrue(olli.findElement(By.id("board-app")).isDisplayed());

    // Logging out on the facilitator page, in another tab, ends the board in this one.
    String boardTab = fac.getWindowHandle();
    fac.switchTo().newWindow(WindowType.TAB);
    fac.get(url("/facilitator.html"));
    waitUpTo(fac, 10).until(ExpectedConditions.elementToBeClickable(By.id("logout"))).click();
    waitUpTo(fac, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
    fac.switchTo().window(boardTab);
    waitUpTo(fac, 10).until(ExpectedConditions.textToBe(By.id("board-message-text"), fi("board.tokenGone")));
  }
}
