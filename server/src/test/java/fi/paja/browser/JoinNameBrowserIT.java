package fi.paja.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** The join page explains a refused pseudonym in the page's language and puts the cursor back in the name. */
class JoinNameBrowserIT extends BrowserTestBase {

  private String refusal(ChromeDriver driver, String code, String name) {
    openJoinPage(driver, code);
    finnish(driver);
    driver.findElement(By.id("join-name")).clear();
    driver.findElement(By.id("join-name")).sendKeys(name);
    driver.findElement(By.cssSelector("#join-form button[type=submit]")).click();
    waitUpTo(driver, 10).until(d -> !d.findElement(By.id("join-error")).getText().isBlank());
    assertEquals("join-name", driver.switchTo().activeElement().getAttribute("id"), name + ": the name has focus");
    return driver.findElement(By.id("join-error")).getText();
  }

  @Test
  void aLookAlikeOrRoleNameIsExplainedOnTheJoinPage() throws Exception {
    String code = createAndOpenBoard(browser(), "Nimikoe");
    ChromeDriver aino = browser();
    openJoinPage(aino, code);
    submitJoin(aino, "Aino");

    ChromeDriver other = browser();
    assertEquals(fi("error.name_taken"), refusal(other, code, "AINO"));
    assertEquals(fi("error.name_reserved"), refusal(other, code, "Fasilitaattori"));
    assertEquals(fi("error.invalid_name"), refusal(other, code, "Ai\u200Bno"));
  }
}
