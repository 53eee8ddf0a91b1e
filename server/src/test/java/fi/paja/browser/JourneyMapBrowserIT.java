package fi.paja.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import fi.paja.support.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A customer-journey workshop in Finnish: the facilitator creates it from the {@code customer-journey} template, a
 * participant fills the current journey in from the accessible table view with form controls only (a channel text,
 * a score on the feelings curve, a note moved into a cell with "Move to…"), the facilitator sees it live and adds and
 * moves a stage; the map is read back through {@code table#journey-table}, the SVG download holds the stages, and
 * the journey view (grid and table) passes axe-core.
 */
class JourneyMapBrowserIT extends BrowserTestBase {

  private static final String CHANNEL_TEXT = "Puhelin ja chat";
  private static final String WHY = "Jonossa odottaminen";
  private static final String NOTE = "Jonotin puhelimessa tunnin";
  private static final String NEW_STAGE = "Jälkihoito";

  private JsonObject template;

  @BeforeEach
  void loadTemplate() throws Exception {
    template = new JsonObject(Files.readString(Path.of("..", "workshop-templates", "customer-journey.json")));
  }

  /** The journey's cells are looked up by header and may not be drawn yet: a missing element means "look again". */
  @Override
  protected List<Class<? extends Throwable>> retriedWhileWaiting() {
    return List.of(StaleElementReferenceException.class, NoSuchElementException.class);
  }

  /** The Finnish texts of the template's current journey: its title, stage titles and lane titles. */
  private JsonObject currentJourney() {
    return template.getJsonArray("journeys").stream().map(JsonObject.class::cast)
        .filter(j -> "current".equals(j.getString("kind"))).findFirst().orElseThrow();
  }

  private List<String> stageTitles() {
    return currentJourney().getJsonArray("stages").stream().map(s -> ((JsonObject) s).getString("fi")).toList();
  }

  private List<String> laneTitles() {
    return currentJourney().getJsonArray("lanes").stream()
        .map(l -> ((JsonObject) l).getJsonObject("title").getString("fi")).toList();
  }

  private String laneOfKind(String kind) {
    JsonArray lanes = currentJourney().getJsonArray("lanes");
    return lanes.stream().map(JsonObject.class::cast).filter(l -> kind.equals(l.getString("kind")))
        .map(l -> l.getJsonObject("title").getString("fi")).findFirst().orElseThrow();
  }

  /** The last notes lane of the map (the template's pain points). */
  private String painPointLane() {
    List<String> notesLanes = currentJourney().getJsonArray("lanes").stream().map(JsonObject.class::cast)
        .filter(l -> "notes".equals(l.getString("kind"))).map(l -> l.getJsonObject("title").getString("fi")).toList();
    return notesLanes.get(notesLanes.size() - 2);
  }

  /** Logs in and creates a workshop from the customer-journey template in Finnish; returns the join code. */
  private String createFromTemplate(ChromeDriver driver) {
    openFacilitatorPage(driver);
    finnish(driver);
    logIn(driver);
    driver.findElement(By.id("workshop-title")).sendKeys("Kotihoidon palvelupolku");
    waitUpTo(driver, 10)
        .until(d -> !d.findElements(By.cssSelector("#workshop-template option[value='customer-journey']")).isEmpty());
    Select templates = new Select(driver.findElement(By.id("workshop-template")));
    templates.selectByValue("customer-journey");
    // the template's name in Finnish, under the translated name of its level, and its description
    WebElement option = driver.findElement(By.cssSelector("#workshop-template option[value='customer-journey']"));
    assertEquals(template.getJsonObject("name").getString("fi"), option.getText());
    WebElement group = option.findElement(By.xpath(".."));
    assertEquals(fi("template.level.co-development"), group.getAttribute("label"));
    String description = driver.findElement(By.id("template-description")).getText();
    assertTrue(description.contains(template.getJsonObject("description").getString("fi")), description);
    assertTrue(description.contains(fi("template.hasJourney")), description);
    assertEquals("fi",
        new Select(driver.findElement(By.id("workshop-lang"))).getFirstSelectedOption().getAttribute("value"));
    return submitWorkshop(driver);
  }

  /** Switches to the journey view and to its table. */
  private void openJourneyTable(ChromeDriver driver) {
    WebElement toggle = waitUpTo(driver, 5).until(ExpectedConditions.elementToBeClickable(By.id("journey-toggle")));
    if (!"true".equals(toggle.getAttribute("aria-pressed"))) {
      toggle.click();
    }
    waitUpTo(driver, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("journey-view")));
    // the toggle's pressed state follows on the next render
    waitUpTo(driver, 5).until(ExpectedConditions.attributeToBe(By.id("journey-toggle"), "aria-pressed", "true"));
    if (!"true".equals(driver.findElement(By.id("journey-table-toggle")).getAttribute("aria-pressed"))) {
      driver.findElement(By.id("journey-table-toggle")).click();
    }
    waitUpTo(driver, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("journey-table")));
    assertEquals("true", driver.findElement(By.id("journey-table-toggle")).getAttribute("aria-pressed"));
  }

  /** A screenshot with the journey view at the top of the window (the page scrolled to it). */
  private static void journeyShot(ChromeDriver driver, String name) throws Exception {
    driver.executeScript("document.getElementById('journey-view').scrollIntoView({block: 'start'})");
    screenshot(driver, name);
  }

  /** The page itself does not scroll sideways: only the map's own box does. */
  private static void assertNoPageOverflow(ChromeDriver driver, String page) {
    Number wide = (Number) driver
        .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    Object who = driver.executeScript(
        "const w = document.documentElement.clientWidth; return Array.from(document.querySelectorAll('body *'))"
            + ".filter(e => e.getBoundingClientRect().right > w + 1 && e.getClientRects().length)"
            + ".slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')");
    assertTrue(wide.intValue() <= 0, page + ": the page is " + wide + " px wider than the window: " + who);
  }

  private static void phone(WebDriver driver) {
    driver.manage().window().setSize(new Dimension(390, 844));
  }

  private static void desktop(WebDriver driver) {
    driver.manage().window().setSize(new Dimension(1366, 768));
  }

  /** The table cell of a lane (row header) and a stage (column header). */
  private static WebElement cell(WebDriver driver, String lane, String stage) {
    List<String> stages = columnHeaders(driver);
    int column = stages.indexOf(stage);
    assertTrue(column >= 0, stage + " in " + stages);
    return driver.findElement(By.xpath("//table[@id='journey-table']/tbody/tr[th[@scope='row'][normalize-space()='"
        + lane + "']]/td[" + (column + 1) + "]"));
  }

  private static List<String> columnHeaders(WebDriver driver) {
    return driver.findElements(By.cssSelector("#journey-table thead th[scope=col]")).stream()
        .map(th -> th.getText().trim()).toList();
  }

  private static List<String> rowHeaders(WebDriver driver) {
    return driver.findElements(By.cssSelector("#journey-table tbody th[scope=row]")).stream()
        .map(th -> th.getText().trim()).toList();
  }

  private static String cellText(WebDriver driver, String lane, String stage) {
    return cell(driver, lane, stage).getText();
  }

  /**
   * Fails with every axe-core violation of the WCAG 2.1 A and AA rules, of any impact, and where it is. axe-core
   * counts {@code label-content-name-mismatch} (WCAG 2.5.3, visible text part of the accessible name) as experimental
   * and leaves it out of a run by tags, so it is run by name as well, on the journey view (the rest of the board
   * page has its own tests).
   */
  private static void assertNoViolations(WebDriver driver, String page) {
    List<Rule> violations = new ArrayList<>(
        new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver).getViolations());
    violations.addAll(new AxeBuilder().withOnlyRules(List.of("label-content-name-mismatch")).include("#journey-view")
        .analyze(driver).getViolations());
    assertTrue(violations.isEmpty(), page + ": " + violations.stream()
        .map(v -> v.getId() + " (" + v.getImpact() + "): " + v.getNodes().stream()
            .map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
        .collect(Collectors.joining("; ")));
  }

  @Test
  void participantFillsTheJourneyFromTheTableAndTheFacilitatorShapesIt() throws Exception {
    try {
      run();
    } catch (Throwable e) {
      // leave what the browsers showed and logged, for whoever reads the failure
      for (int i = 0; i < browsers.size(); i++) {
        screenshot(browsers.get(i), "journey-failure-" + i);
        String log = browsers.get(i).manage().logs().get("browser").getAll().stream()
            .map(String::valueOf).collect(Collectors.joining("\n"));
        System.err.println("browser " + i + " console:\n" + log);
      }
      throw e;
    }
  }

  private void run() throws Exception {
    ChromeDriver fac = browser();
    String code = createFromTemplate(fac);
    openCreatedBoard(fac);
    ChromeDriver aino = browser();
    join(aino, code, "Aino");
    desktop(fac);
    desktop(aino);

    List<String> stages = stageTitles();
    String stage = stages.get(1);
    String channelLane = laneOfKind("channel");
    String emotionLane = laneOfKind("emotion");
    String painLane = painPointLane();
    String journeyTitle = currentJourney().getJsonObject("title").getString("fi");

    // the participant opens the journey map: the grid first, then the table
    waitUpTo(aino, 5).until(ExpectedConditions.elementToBeClickable(By.id("journey-toggle"))).click();
    waitUpTo(aino, 5)
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#journey-grid .journey-grid")));
    if ("true".equals(aino.findElement(By.id("journey-table-toggle")).getAttribute("aria-pressed"))) {
      aino.findElement(By.id("journey-table-toggle")).click();
      waitUpTo(aino, 5)
          .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#journey-grid .journey-grid")));
    }
    assertEquals(journeyTitle, aino.findElement(By.id("journey-title")).getText());
    assertEquals(fi("journey.kind.current"), aino.findElement(By.id("journey-kind")).getText());
    assertNoViolations(aino, "journey grid (participant)");
    journeyShot(aino, "journey-grid-participant");
    // a calm grid: the cells' controls are there for the keyboard, but show only for the hovered or focused cell
    WebElement firstAdd = aino.findElement(By.cssSelector("#journey-grid .journey-cell button.journey-add"));
    assertEquals("0", firstAdd.getCssValue("opacity"));
    aino.executeScript("arguments[0].focus()", firstAdd);
    waitUpTo(aino, 5).until(d -> "1".equals(firstAdd.getCssValue("opacity")));
    phone(aino);
    journeyShot(aino, "journey-grid-participant-phone");
    assertNoViolations(aino, "journey grid (participant, phone)");
    assertNoPageOverflow(aino, "journey grid (participant, phone)");
    desktop(aino);
    openJourneyTable(aino);
    assertEquals(journeyTitle, aino.findElement(By.cssSelector("#journey-table caption")).getText());

    // a channel text, with the keyboard: Edit, type, Ctrl+Enter
    cell(aino, channelLane, stage).findElement(By.cssSelector("button.journey-edit")).click();
    WebElement area = waitUpTo(aino, 5).until(d -> {
      WebElement active = d.switchTo().activeElement();
      return "textarea".equals(active.getTagName()) ? active : null;
    });
    assertNoViolations(aino, "journey table, cell editor (participant)");
    area.sendKeys(CHANNEL_TEXT);
    area.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    waitUpTo(aino, 5).until(d -> cellText(d, channelLane, stage).contains(CHANNEL_TEXT));

    // a score on the feelings curve, with a reason
    cell(aino, emotionLane, stage).findElement(By.cssSelector("button.journey-edit")).click();
    WebElement score = waitUpTo(aino, 5)
        .until(d -> cell(d, emotionLane, stage).findElement(By.cssSelector("select.journey-score-select")));
    assertEquals(score, aino.switchTo().activeElement());
    assertNoViolations(aino, "journey table, feelings editor (participant)");
    new Select(score).selectByValue("-2");
    cell(aino, emotionLane, stage).findElement(By.cssSelector("input.journey-why-input")).sendKeys(WHY);
    cell(aino, emotionLane, stage).findElement(By.cssSelector("form.journey-editor button[type=submit]")).click();
    String scored = fi("journey.score.text").replace("{score}", "−2").replace("{label}", fi("journey.score.m2"));
    waitUpTo(aino, 5).until(d -> cellText(d, emotionLane, stage).contains(scored));
    assertTrue(cellText(aino, emotionLane, stage).contains(fi("journey.emotion.whyShown").replace("{why}", WHY)));

    // a note from the form, moved into a pain-point cell with "Move to…"
    writeNote(aino, NOTE);
    waitUpTo(aino, 5).until(d -> d.findElements(By.cssSelector("#journey-loose-list li.journey-note")).stream()
        .filter(li -> li.getText().contains(NOTE)).findFirst().orElse(null))
        .findElement(By.cssSelector("button.place-open")).click();
    // the note's place control opens with the focus on its select
    WebElement loose = waitUpTo(aino, 5).until(d -> {
      WebElement active = d.switchTo().activeElement();
      return active.getAttribute("class").contains("place-select") ? active.findElement(By.xpath("ancestor::li[1]"))
          : null;
    });
    assertTrue(loose.getText().contains(NOTE), loose.getText());
    assertNoViolations(aino, "journey, placing a note (participant)");
    String target = fi("journey.place.option").replace("{stage}", stage).replace("{lane}", painLane);
    // the template has two maps: the options are grouped by map
    WebElement option = loose.findElement(By.xpath(".//select[contains(@class,'place-select')]/optgroup[@label='"
        + journeyTitle + "']/option[normalize-space()='" + target + "']"));
    new Select(loose.findElement(By.cssSelector("select.place-select"))).selectByValue(option.getAttribute("value"));
    long placedAt = System.nanoTime();
    loose.findElement(By.cssSelector("button.place-apply")).click();
    waitUpTo(aino, 5).until(d -> cellText(d, painLane, stage).contains(NOTE));
    assertTrue(aino.findElements(By.cssSelector("#journey-loose-list li.journey-note")).stream()
        .noneMatch(li -> li.getText().contains(NOTE)), "the note left the loose list");

    // the facilitator sees all of it live in the table
    openJourneyTable(fac);
    waitUpTo(fac, 5).until(d -> cellText(d, painLane, stage).contains(NOTE));
    long millis = (System.nanoTime() - placedAt) / 1_000_000;
    assertTrue(millis < 2_000, "the placed note reached the facilitator after " + millis + " ms");
    assertTrue(cellText(fac, channelLane, stage).contains(CHANNEL_TEXT));
    assertTrue(cellText(fac, emotionLane, stage).contains(scored));
    // a note on the map is not on the free canvas; the list view says where it is
    assertTrue(fac.findElements(By.cssSelector("#canvas article.note")).stream()
        .noneMatch(n -> n.getAttribute("textContent").contains(NOTE)), "a placed note is not on the canvas");
    journeyShot(aino, "journey-table-participant");
    // the list view keeps the note and says where on the map it is
    fac.findElement(By.id("view-toggle")).click();
    String where = fi("journey.place.onMap").replace("{place}",
        fi("journey.place.optionMap").replace("{map}", journeyTitle).replace("{stage}", stage).replace("{lane}",
            painLane));
    waitUpTo(fac, 5).until(d -> d.findElements(By.cssSelector("#list-view li.list-note")).stream()
        .anyMatch(li -> li.isDisplayed() && li.getText().contains(NOTE) && li.getText().contains(where)));
    // the template's areas are shown as headings in the list view
    assertTrue(fac.findElement(By.id("list-areas")).getText().contains(
        template.getJsonArray("areas").getJsonObject(0).getJsonObject("title").getString("fi")));
    openJourneyTable(fac);

    // the facilitator adds a stage (it goes last) and moves it one step left
    WebElement tools = fac.findElement(By.id("journey-tools"));
    if (tools.getAttribute("open") == null) {
      tools.findElement(By.tagName("summary")).click();
    }
    waitUpTo(fac, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("journey-new-stage")))
        .sendKeys(NEW_STAGE);
    fac.findElement(By.id("journey-add-stage")).click();
    waitUpTo(fac, 5).until(d -> {
      List<String> headers = columnHeaders(d);
      return NEW_STAGE.equals(headers.get(headers.size() - 1));
    });
    WebElement item = waitUpTo(fac, 5)
        .until(d -> d.findElements(By.cssSelector("#journey-tools-body .journey-item")).stream()
            .filter(li -> li.getText().contains(NEW_STAGE)).findFirst().orElse(null));
    // each stage has one menu (rename, move, remove): the list path of the headers' menus
    WebElement menuButton = item.findElement(By.cssSelector("button.journey-menu-button"));
    assertEquals(fi("journey.menu.stage").replace("{title}", NEW_STAGE), menuButton.getAttribute("aria-label"));
    assertEquals("false", menuButton.getAttribute("aria-expanded"));
    menuButton.click();
    String leftLabel = fi("journey.item.leftLabel").replace("{title}", NEW_STAGE);
    WebElement left = waitUpTo(fac, 5)
        .until(d -> d.findElement(By.cssSelector("#journey-tools-body button[aria-label='" + leftLabel + "']")));
    assertEquals(fi("journey.item.left"), left.getText());
    assertTrue(fac.findElements(By.cssSelector("#journey-tools-body button[aria-label='"
        + fi("journey.item.rightLabel").replace("{title}", NEW_STAGE) + "']")).isEmpty(),
        "the last stage cannot move right");
    assertNoViolations(fac, "journey tools, a stage's menu open (facilitator)");
    left.click();
    List<String> expected = new ArrayList<>(stages);
    expected.add(stages.size() - 1, NEW_STAGE);
    waitUpTo(fac, 5).until(d -> columnHeaders(d).equals(expected));
    // the menu closed and the focus is back on its button
    waitUpTo(fac, 5).until(d -> fi("journey.menu.stage").replace("{title}", NEW_STAGE)
        .equals(d.switchTo().activeElement().getAttribute("aria-label")));
    // ...and so does the participant
    waitUpTo(aino, 5).until(d -> columnHeaders(d).equals(expected));

    // the map read back through the table
    for (ChromeDriver d : List.of(fac, aino)) {
      assertEquals(journeyTitle, d.findElement(By.cssSelector("#journey-table caption")).getText());
      assertEquals(expected, columnHeaders(d));
      assertEquals(laneTitles(), rowHeaders(d));
      assertTrue(cellText(d, channelLane, stage).contains(CHANNEL_TEXT));
      assertTrue(cellText(d, emotionLane, stage).contains(scored));
      assertTrue(cellText(d, painLane, stage).contains(NOTE));
      assertTrue(cellText(d, channelLane, NEW_STAGE).contains(fi("journey.cell.empty")));
      assertTrue(cellText(d, emotionLane, NEW_STAGE).contains(fi("journey.score.none")));
    }
    assertNoViolations(fac, "journey table (facilitator, tools open)");
    journeyShot(fac, "journey-table-facilitator");
    fac.findElement(By.id("journey-table-toggle")).click();
    waitUpTo(fac, 5)
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#journey-grid .journey-grid")));
    assertNoViolations(fac, "journey grid (facilitator)");
    journeyShot(fac, "journey-grid-facilitator");
    // one menu per column header: opened, checked, closed with Escape (the focus goes back to its button)
    WebElement head = fac.findElements(By.cssSelector("#journey-grid .journey-stage-head")).stream()
        .filter(h -> h.getText().contains(NEW_STAGE)).findFirst().orElseThrow();
    head.findElement(By.cssSelector("button.journey-menu-button")).click();
    WebElement rename = waitUpTo(fac, 5).until(d -> {
      WebElement active = d.switchTo().activeElement();
      return active.getAttribute("class").contains("journey-menu-item") ? active : null;
    });
    assertEquals(fi("journey.item.renameLabel").replace("{title}", NEW_STAGE), rename.getAttribute("aria-label"));
    assertNoViolations(fac, "journey grid, a stage's menu open (facilitator)");
    journeyShot(fac, "journey-grid-menu-facilitator");
    rename.sendKeys(Keys.ESCAPE);
    waitUpTo(fac, 5).until(d -> d.findElements(By.cssSelector("#journey-grid .journey-menu")).isEmpty());
    waitUpTo(fac, 5).until(d -> fi("journey.menu.stage").replace("{title}", NEW_STAGE)
        .equals(d.switchTo().activeElement().getAttribute("aria-label")));
    // a click on a text cell edits it in place; Escape gives the focus to the cell's Edit button
    WebElement channelText = fac
        .findElement(By.cssSelector("#journey-grid .journey-cell[aria-label='" + fi("journey.cellLabel")
            .replace("{stage}", stage).replace("{lane}", channelLane) + "'] .journey-text"));
    fac.executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", channelText);
    channelText.click();
    WebElement editor = waitUpTo(fac, 5).until(d -> {
      WebElement active = d.switchTo().activeElement();
      return "textarea".equals(active.getTagName()) ? active : null;
    });
    assertEquals(CHANNEL_TEXT, editor.getAttribute("value"));
    assertNoViolations(fac, "journey grid, cell editor (facilitator)");
    journeyShot(fac, "journey-grid-editing-facilitator");
    editor.sendKeys(Keys.ESCAPE);
    waitUpTo(fac, 5).until(d -> d.switchTo().activeElement().getAttribute("class").contains("journey-edit"));
    phone(fac);
    assertNoViolations(fac, "journey grid (facilitator, phone)");
    journeyShot(fac, "journey-grid-facilitator-phone");
    desktop(fac);
    assertNoViolations(aino, "journey table (participant)");

    // in Swedish: the participant's grid and table, desktop and phone
    new Select(aino.findElement(By.id("lang"))).selectByValue("sv");
    waitUpTo(aino, 5).until(d -> "sv".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    journeyShot(aino, "journey-table-participant-sv");
    aino.findElement(By.id("journey-table-toggle")).click();
    waitUpTo(aino, 5)
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#journey-grid .journey-grid")));
    assertNoViolations(aino, "journey grid (participant, sv)");
    journeyShot(aino, "journey-grid-participant-sv");
    phone(aino);
    assertNoViolations(aino, "journey grid (participant, sv, phone)");
    journeyShot(aino, "journey-grid-participant-sv-phone");
    desktop(aino);

    // the SVG download: the link's address with the facilitator's token
    String href = fac.findElement(By.id("journey-svg")).getAttribute("href");
    assertTrue(href.matches(".*/api/workshops/[0-9a-f-]{36}/journeys/[^/]+/svg"), href);
    String token = new JsonObject((String) fac.executeScript("return localStorage.getItem('paja.facilitator')"))
        .getString("token");
    HttpResponse<String> svg = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, svg.statusCode());
    assertTrue(svg.headers().firstValue("Content-Type").orElse("").startsWith("image/svg+xml"));
    assertTrue(svg.body().contains("<svg"), svg.body());
    for (String s : expected) {
      assertTrue(svg.body().contains(s), "the SVG has the stage " + s);
    }
    assertTrue(svg.body().contains(CHANNEL_TEXT));
    // the page's own download fetches the same picture with the token (an object URL, no error shown)
    fac.executeScript("window.pajaObjectUrls = 0; const make = URL.createObjectURL;"
        + " URL.createObjectURL = (blob) => { window.pajaObjectUrls++; return make.call(URL, blob); };");
    fac.findElement(By.id("journey-svg")).click();
    WebElement error = fac.findElement(By.id("journey-error"));
    Await.until("the page's SVG download to make its object URL or show an error", Duration.ofSeconds(10),
        () -> error.isDisplayed() || ((Number) fac.executeScript("return window.pajaObjectUrls")).intValue() > 0);
    assertTrue(!error.isDisplayed(), error.getText());
  }

  @Test
  void aWorkshopIsSavedAsATemplateFromTheWorkshopList() throws Exception {
    ChromeDriver fac = browser();
    try {
      createFromTemplate(fac);
      WebElement workshop = waitUpTo(fac, 10)
          .until(d -> d.findElements(By.cssSelector("#workshop-list li.workshop")).stream()
              .findFirst().orElse(null));
      WebElement toggle = workshop.findElement(By.cssSelector("button.template-save-toggle"));
      assertEquals("false", toggle.getAttribute("aria-expanded"));
      toggle.click();
      WebElement id = waitUpTo(fac, 5).until(d -> {
        WebElement active = d.switchTo().activeElement();
        return active.getAttribute("class").contains("template-id") ? active : null;
      });
      // the id is suggested from the title
      assertEquals("kotihoidon-palvelupolku", id.getAttribute("value"));
      WebElement name = workshop.findElement(By.cssSelector("input.template-name"));
      name.clear();
      name.sendKeys("Kotihoidon polku");
      workshop.findElement(By.cssSelector("form.template-save-form button[type=submit]")).click();
      waitUpTo(fac, 10).until(d -> workshop.findElement(By.cssSelector(".template-save-status")).getText()
          .equals(fi("template.save.done").replace("{name}", "Kotihoidon polku")));
      // the new template is offered at once, and it brings a journey map
      WebElement saved = waitUpTo(fac, 10)
          .until(d -> d.findElements(By.cssSelector("#workshop-template option[value='kotihoidon-palvelupolku']"))
              .stream().findFirst().orElse(null));
      assertEquals("Kotihoidon polku", saved.getText());
      new Select(fac.findElement(By.id("workshop-template"))).selectByValue("kotihoidon-palvelupolku");
      assertTrue(fac.findElement(By.id("template-description")).getText().contains(fi("template.hasJourney")));
      assertTrue(fac.findElement(By.id("template-download")).getAttribute("href")
          .endsWith("/api/templates/kotihoidon-palvelupolku"));

      // the same id again: the error is translated
      toggle.click();
      workshop.findElement(By.cssSelector("form.template-save-form button[type=submit]")).click();
      waitUpTo(fac, 10).until(d -> workshop.findElement(By.cssSelector("form.template-save-form .error")).getText()
          .equals(fi("error.template_exists")));
      assertNoViolations(fac, "facilitator page, save as template");
      screenshot(fac, "template-save");

      // a board without maps: the facilitator's journey view offers to create one; the new map's grid is empty
      ChromeDriver blank = browser();
      createAndOpenBoard(blank, "Ilman karttaa");
      desktop(blank);
      waitUpTo(blank, 5).until(ExpectedConditions.elementToBeClickable(By.id("journey-toggle"))).click();
      waitUpTo(blank, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("journey-new-title")));
      assertEquals(fi("journey.noneFacilitator"), blank.findElement(By.id("journey-empty")).getText());
      assertNoViolations(blank, "journey view without maps (facilitator)");
      journeyShot(blank, "journey-none-facilitator");
      blank.findElement(By.id("journey-new-title")).sendKeys("Polku");
      blank.findElement(By.cssSelector("#journey-create-form button[type=submit]")).click();
      waitUpTo(blank, 5)
          .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#journey-grid .journey-grid")));
      assertEquals(6, blank.findElements(By.cssSelector("#journey-grid .journey-stage-head")).size());
      assertNoViolations(blank, "an empty journey grid (facilitator)");
      journeyShot(blank, "journey-grid-empty-facilitator");
    } catch (Throwable e) {
      screenshot(fac, "template-save-failure");
      throw e;
    }
  }
}
