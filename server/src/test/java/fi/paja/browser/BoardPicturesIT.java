package fi.paja.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import fi.paja.support.Api;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The board as people see it in a real session — a co-development workshop after a private brainstorm was revealed,
 * grouped and voted on — for the facilitator and a participant, at desktop (1366×768) and phone (390×844) size, in
 * Finnish and Swedish. Each picture is kept in target/screenshots for people to look at, and each state must have no
 * axe-core violation of any impact (WCAG 2.1 A and AA).
 *
 * <p>{@code scripts/board-pictures} runs this test with {@code -Dpaja.pictures.readme=<file>} to renew the picture in
 * README.md.
 */
class BoardPicturesIT extends BrowserTestBase {

  private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
  private static final Dimension DESKTOP = new Dimension(1366, 768);
  private static final Dimension PHONE = new Dimension(390, 844);

  @Test
  void aRevealedGroupedAndVotedBoardForEveryRoleSizeAndLanguage(Vertx vertx) throws Exception {
    Api api = new Api(vertx, port());
    String facToken = api.login();
    JsonObject workshop = api.post("/api/workshops", facToken, new JsonObject()
        .put("title", "Asiakaspolun kehittäminen").put("template", "co-development").put("lang", "fi")).body();
    String id = workshop.getString("id");
    String code = workshop.getString("joinCode");

    JsonObject anna = api.join(code, "Anna");
    JsonObject pekka = api.join(code, "Pekka");
    JsonObject mervi = api.join(code, "Mervi");

    JsonObject snapshot = api.get("/api/workshops/" + id, facToken).body();
    JsonArray phases = snapshot.getJsonArray("phases");
    api.commandOk(id, facToken, new JsonObject().put("op", "phase.activate")
        .put("id", phases.getJsonObject(1).getString("id")));

    // a private brainstorm: everyone writes at the default spot; the reveal moves them apart
    List<String> ideas = new ArrayList<>();
    String[][] written = {
        {anna.getString("token"), "Ajanvarausta ei saa verkossa"},
        {pekka.getString("token"), "Puhelinjono on liian pitkä"},
        {mervi.getString("token"), "Takaisinsoitto ei tullut koskaan"},
        {anna.getString("token"), "Lomakkeita on vaikea löytää"},
        {pekka.getString("token"), "Kukaan ei kerro, kenelle soittaa"},
        {mervi.getString("token"), "Sama asia kysytään monta kertaa"},
    };
    for (String[] note : written) {
      Api.Reply r = api.command(id, note[0], new JsonObject().put("op", "note.add").put("text", note[1]));
      assertTrue(r.status() == 200, r.body().encode());
      ideas.add(r.body().getString("noteId"));
    }
    api.commandOk(id, facToken, new JsonObject().put("op", "notes.reveal"));
    api.commandOk(id, facToken, new JsonObject().put("op", "cluster.create").put("title", "Ajanvaraus")
        .put("noteIds", new JsonArray().add(ideas.get(0)).add(ideas.get(1)).add(ideas.get(2))));
    api.commandOk(id, facToken, new JsonObject().put("op", "notes.arrange").put("by", "group"));
    api.commandOk(id, facToken, new JsonObject().put("op", "vote.open").put("targets", "notes")
        .put("budget", 5).put("maxPerItem", 2).put("secret", false));
    for (JsonObject voter : List.of(pekka, mervi)) {
      for (int i : new int[] {0, 1, 1, 4}) {
        api.commandOk(id, voter.getString("token"),
            new JsonObject().put("op", "vote.cast").put("targetId", ideas.get(i)));
      }
    }

    ChromeDriver fac = browser();
    openAs(fac, id, "fi", "paja.facilitator", new JsonObject().put("token", facToken).put("username", "admin"));
    ChromeDriver participant = browser();
    openAs(participant, id, "sv", "paja.member." + id, anna);

    picture(fac, DESKTOP, "board-facilitator-desktop-fi");
    picture(participant, DESKTOP, "board-participant-desktop-sv");
    picture(participant, PHONE, "board-participant-phone-sv");
    picture(fac, PHONE, "board-facilitator-phone-fi");
    language(participant, "fi");
    picture(participant, PHONE, "board-participant-phone-fi");
    picture(participant, DESKTOP, "board-participant-desktop-fi");

    String readme = System.getProperty("paja.pictures.readme", "");
    if (!readme.isBlank()) {
      viewport(fac, DESKTOP);
      screenshot(fac, "readme");
      Files.copy(Path.of("target", "screenshots", "readme.png"), Path.of(readme), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * The page's viewport exactly this size (a window's size would include the browser's own bars); a phone-sized one is
   * a mobile one, as on a phone.
   */
  static void viewport(ChromeDriver driver, Dimension size) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", size.getWidth(),
        "height", size.getHeight(), "deviceScaleFactor", 1, "mobile", size.getWidth() < 600));
  }

  /** Opens the board as someone whose login or membership is already in this browser's storage. */
  private void openAs(ChromeDriver driver, String workshopId, String lang, String key, JsonObject value) {
    driver.get(url("/"));
    driver.executeScript("localStorage.setItem(arguments[0], arguments[1]);"
        + "localStorage.setItem('paja.lang', arguments[2]);", key, value.encode(), lang);
    driver.get(url("/board.html?w=" + workshopId));
    online(driver);
    waitUpTo(driver, 10).until(d -> lang.equals(d.findElement(By.tagName("html")).getAttribute("lang")));
  }

  private void language(ChromeDriver driver, String lang) {
    driver.executeScript("localStorage.setItem('paja.lang', arguments[0]);", lang);
    driver.navigate().refresh();
    online(driver);
    waitUpTo(driver, 10).until(d -> lang.equals(d.findElement(By.tagName("html")).getAttribute("lang")));
  }

  private void picture(ChromeDriver driver, Dimension size, String name) throws Exception {
    viewport(driver, size);
    // the board lays itself out again on resize; its notes are there once it has
    waitUpTo(driver, 10).until(d -> !d.findElements(By.cssSelector("article.note, li.list-note")).isEmpty());
    screenshot(driver, name);
    assertNoViolations(new AxeBuilder().withTags(WCAG).analyze(driver), name);
    // WCAG 2.5.3 (the visible label is part of the accessible name) is checked by a rule axe calls experimental
    assertNoViolations(new AxeBuilder().withRules(List.of("label-content-name-mismatch")).analyze(driver), name);
  }

  private static void assertNoViolations(Results results, String name) {
    assertTrue(results.getViolations().isEmpty(), name + ": " + results.getViolations().stream()
        .map(v -> v.getId() + " (" + v.getImpact() + "): " + v.getNodes().stream()
            .map(n -> String.valueOf(n.getTarget())).limit(5).collect(Collectors.joining(", ")))
        .collect(Collectors.joining("; ")));
  }
}
