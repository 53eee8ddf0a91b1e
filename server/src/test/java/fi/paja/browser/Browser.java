package fi.paja.browser;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium through Debian's chromedriver: no browser or driver is downloaded. */
final class Browser {

  static final String CHROMIUM = System.getProperty("paja.chromium", "/usr/bin/chromium");
  static final String CHROMEDRIVER = System.getProperty("paja.chromedriver", "/usr/bin/chromedriver");

  private Browser() {
  }

  static ChromeDriver start() throws Exception {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1280,900", "--lang=fi",
        "--user-data-dir=" + Files.createTempDirectory("paja-chromium"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort()
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().implicitlyWait(Duration.ZERO);
    return driver;
  }
}
