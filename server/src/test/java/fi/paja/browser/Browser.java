package fi.paja.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
    return start(null);
  }

  /** A browser that saves downloads into {@code downloads} without asking (null: the default behaviour). */
  static ChromeDriver start(Path downloads) throws Exception {
    ChromeOptions options = new ChromeOptions();
    if (downloads != null) {
      options.setExperimentalOption("prefs", Map.of(
          "download.default_directory", downloads.toAbsolutePath().toString(),
          "download.prompt_for_download", false,
          "download.directory_upgrade", true));
    }
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
    if (downloads != null) {
      // headless Chromium needs to be told as well
      driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of(
          "behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
    }
    return driver;
  }
}
