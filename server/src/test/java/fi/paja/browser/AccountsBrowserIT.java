package fi.paja.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin creates an account on the account page, shares a workshop with it from the board; the new facilitator
 * logs in with the password shown once, changes it, sees the shared workshop and opens it as a co-facilitator.
 * axe reports nothing on the account page and the share dialog; screenshots in fi and sv, wide and narrow.
 */
class AccountsBrowserIT extends BrowserTestBase {

  private static void axe(ChromeDriver driver, String state) {
    Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
    assertTrue(results.getViolations().isEmpty(), state + ": " + results.getViolations().stream()
        .map(v -> v.getId() + " (" + v.getImpact() + "): " + v.getNodes().stream()
            .map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
        .collect(Collectors.joining("; ")));
  }

  private String focusedId(ChromeDriver driver) {
    return driver.switchTo().activeElement().getAttribute("id");
  }

  private void language(ChromeDriver driver, String lang) {
    new Select(driver.findElement(By.id("lang"))).selectByValue(lang);
    waitUpTo(driver, 5).until(d -> lang.equals(d.findElement(By.tagName("html")).getAttribute("lang")));
  }

  @Test
  void anAdminCreatesAnAccountThatOpensASharedWorkshopAsCoFacilitator() throws Exception {
    ChromeDriver admin = browser();
    admin.manage().window().setSize(new Dimension(1366, 768));
    openFacilitatorPage(admin);
    finnish(admin);
    logIn(admin);
    admin.findElement(By.id("workshop-title")).sendKeys("Yhteinen paja");
    submitWorkshop(admin);

    // The one link from the facilitator page.
    admin.findElement(By.cssSelector(".site-nav a[href='account.html']")).click();
    waitUpTo(admin, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-area")));
    waitUpTo(admin, 10).until(d -> d.findElements(By.cssSelector("#account-list .account-item")).size() == 1);
    axe(admin, "account page, admin");

    admin.findElement(By.id("new-username")).sendKeys("Mari");
    admin.findElement(By.id("new-display-name")).sendKeys("Mari Mäki");
    admin.findElement(By.id("create-account-submit")).click();
    WebElement password = waitUpTo(admin, 10).until(ExpectedConditions.visibilityOfElementLocated(
        By.id("account-created-password")));
    String generated = password.getText().trim();
    assertEquals(20, generated.length(), generated);
    assertEquals("account-created", focusedId(admin), "the focus moves to the result");
    waitUpTo(admin, 10).until(d -> d.findElements(By.cssSelector("#account-list .account-item")).size() == 2);
    axe(admin, "account page with a generated password");
    screenshot(admin, "accounts-admin-fi-1366");

    // The removal confirmation is a dialog naming the account; cancelling returns the focus.
    WebElement removeMari = admin.findElement(By.xpath(
        "//ul[@id='account-list']//button[@data-action='remove']"));
    assertTrue(removeMari.getText().contains("mari"), removeMari.getText());
    removeMari.click();
    waitUpTo(admin, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("remove-dialog")));
    assertTrue(admin.findElement(By.id("remove-heading")).getText().contains("mari"));
    assertEquals("remove-cancel", focusedId(admin));
    axe(admin, "removal dialog");
    admin.findElement(By.id("remove-cancel")).click();
    waitUpTo(admin, 5).until(d -> "remove".equals(d.switchTo().activeElement().getAttribute("data-action")));

    language(admin, "sv");
    screenshot(admin, "accounts-admin-sv-1366");
    admin.manage().window().setSize(new Dimension(390, 844));
    screenshot(admin, "accounts-admin-sv-390");
    language(admin, "fi");
    screenshot(admin, "accounts-admin-fi-390");
    admin.manage().window().setSize(new Dimension(1366, 768));

    // The owner shares the workshop from the board's People tab.
    admin.get(url("/facilitator.html"));
    openCreatedBoard(admin);
    openDrawerTab(admin, "people");
    WebElement share = waitUpTo(admin, 10).until(ExpectedConditions.elementToBeClickable(By.id("share-open")));
    share.click();
    waitUpTo(admin, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("share-dialog")));
    assertEquals("share-username", focusedId(admin));
    admin.findElement(By.id("share-username")).sendKeys("nobody");
    admin.findElement(By.id("share-add")).click();
    waitUpTo(admin, 5).until(d -> d.findElement(By.id("share-error")).getText()
        .equals(fi("error.account_not_found")));
    admin.findElement(By.id("share-username")).clear();
    admin.findElement(By.id("share-username")).sendKeys("mari");
    admin.findElement(By.id("share-add")).click();
    waitUpTo(admin, 10).until(d -> d.findElement(By.id("share-list")).getText().contains("Mari Mäki"));
    assertEquals("share-username", focusedId(admin));
    axe(admin, "share dialog");
    screenshot(admin, "accounts-share-fi-1366");
    admin.findElement(By.id("share-close")).click();
    waitUpTo(admin, 5).until(d -> "share-open".equals(d.switchTo().activeElement().getAttribute("id")));

    // The new facilitator logs in with the password shown once and changes it.
    ChromeDriver mari = browser();
    mari.manage().window().setSize(new Dimension(390, 844));
    openFacilitatorPage(mari);
    finnish(mari);
    mari.findElement(By.id("login-username")).sendKeys("mari");
    mari.findElement(By.id("login-password")).sendKeys(generated);
    mari.findElement(By.cssSelector("#login-form button[type=submit]")).click();
    waitUpTo(mari, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("workshop-title")));
    mari.get(url("/account.html"));
    waitUpTo(mari, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("password-form")));
    assertFalse(mari.findElement(By.id("admin-area")).isDisplayed(), "no admin tools for a facilitator");
    mari.findElement(By.id("password-current")).sendKeys("wrong-password");
    mari.findElement(By.id("password-next")).sendKeys("maris-own-password");
    mari.findElement(By.id("password-submit")).click();
    waitUpTo(mari, 10).until(d -> d.findElement(By.id("password-error")).getText()
        .equals(fi("error.wrong_password")));
    assertEquals("password-current", focusedId(mari));
    mari.findElement(By.id("password-current")).clear();
    mari.findElement(By.id("password-current")).sendKeys(generated);
    mari.findElement(By.id("password-next")).clear();
    mari.findElement(By.id("password-next")).sendKeys("maris-own-password");
    mari.findElement(By.id("password-submit")).click();
    waitUpTo(mari, 10).until(d -> d.findElement(By.id("password-status")).getText()
        .equals(fi("accounts.password.changed")));
    axe(mari, "account page, facilitator, password changed");
    screenshot(mari, "accounts-facilitator-fi-390");
    language(mari, "sv");
    screenshot(mari, "accounts-facilitator-sv-390");
    language(mari, "fi");

    // The shared workshop is in Mari's list; she opens it as a co-facilitator.
    mari.get(url("/facilitator.html"));
    WebElement open = waitUpTo(mari, 10).until(d -> d.findElements(By.cssSelector("a.open-board")).stream()
        .filter(WebElement::isDisplayed).findFirst().orElse(null));
    assertTrue(mari.findElement(By.id("workshop-list")).getText().contains("Yhteinen paja"));
    mari.get(open.getAttribute("href"));
    online(mari);
    openDrawerTab(mari, "people");
    waitUpTo(mari, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("fac-people")));
    assertFalse(mari.findElement(By.id("share-section")).isDisplayed(), "only the owner shares");
    // The owner sees her there, online, as a co-facilitator.
    waitUpTo(admin, 15).until(d -> d.findElement(By.id("fac-participants")).getText()
        .contains("Mari Mäki (" + fi("role.cofacilitator") + ") (" + fi("fac.participant.online") + ")"));
  }
}
