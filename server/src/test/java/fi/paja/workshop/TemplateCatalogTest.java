package fi.paja.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/PROTOCOL.md, "GET /api/templates": the shipped workshop templates and the checks every template file goes
 * through (workshop-templates/schema/template.schema.json).
 */
class TemplateCatalogTest {

  private static final Set<String> SHIPPED = Set.of("blank", "customer-journey", "client-panel", "co-development",
      "feedback-to-improvements", "co-production-planning", "own-service-plan", "participation-retrospective");
  private static final List<String> LANGUAGES = List.of("fi", "sv", "en");

  private static TemplateCatalog catalog;

  @BeforeAll
  static void loadShipped() throws IOException {
    catalog = TemplateCatalog.load(Optional.empty());
  }

  private static JsonObject texts(String fi, String sv, String en) {
    return new JsonObject().put("fi", fi).put("sv", sv).put("en", en);
  }

  /** A small template that passes the schema; the refusal tests break one thing in it. */
  private static JsonObject valid(String id) {
    return new JsonObject()
        .put("id", id)
        .put("level", "any")
        .put("name", texts("Testipaja", "Testverkstad", "Test workshop"))
        .put("description", texts("Kuvaus", "Beskrivning", "Description"))
        .put("phases", new JsonArray().add(new JsonObject()
            .put("title", texts("Ideointi", "Idéer", "Ideas"))
            .put("instructions", texts("Kirjoita", "Skriv", "Write"))))
        .put("journeys", new JsonArray().add(new JsonObject()
            .put("kind", "current")
            .put("title", texts("Polku", "Stig", "Journey"))
            .put("stages", new JsonArray().add(texts("Alku", "Början", "Start")))
            .put("lanes", new JsonArray().add(new JsonObject().put("kind", "notes")
                .put("title", texts("Tekee", "Gör", "Does"))))));
  }

  private static IOException refusal(String source, String text) {
    return assertThrows(IOException.class, () -> catalog.parse(source, text),
        () -> "expected " + source + " to be refused: " + text);
  }

  private static List<String> ids(JsonArray list) {
    List<String> out = new ArrayList<>();
    list.forEach(o -> out.add(((JsonObject) o).getString("id")));
    return out;
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = TemplateCatalogTest.class.getClassLoader().getResourceAsStream(path)) {
      assertNotNull(in, "missing from the class path: " + path);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  // --- the shipped templates ------------------------------------------------------------------------------------

  @Test
  void theShippedTemplatesAreExactlyTheEightDocumentedOnes() {
    assertEquals(new TreeSet<>(SHIPPED), new TreeSet<>(ids(catalog.list("en"))));
  }

  @Test
  void everyShippedTemplateCanBeFetchedById() {
    for (String id : SHIPPED) {
      assertTrue(catalog.contains(id), id);
      assertEquals(id, catalog.get(id).getString("id"));
    }
  }

  @Test
  void anUnknownTemplateIsNotInTheCatalog() {
    assertFalse(catalog.contains("no-such-template"));
    assertNull(catalog.get("no-such-template"));
  }

  @Test
  void everyShippedTemplateFileValidatesAgainstTheSchema() throws IOException {
    for (String id : SHIPPED) {
      String text = resource("templates/" + id + ".json");
      JsonObject parsed = catalog.parse(id + ".json", text);
      assertEquals(id, parsed.getString("id"));
    }
  }

  @Test
  void everyShippedTemplateHasANameAndDescriptionInFinnishSwedishAndEnglish() {
    for (String id : SHIPPED) {
      JsonObject t = catalog.get(id);
      for (String lang : LANGUAGES) {
        String name = t.getJsonObject("name").getString(lang);
        String description = t.getJsonObject("description").getString(lang);
        assertNotNull(name, id + " name." + lang);
        assertFalse(name.isBlank(), id + " name." + lang);
        assertNotNull(description, id + " description." + lang);
        assertFalse(description.isBlank(), id + " description." + lang);
      }
    }
  }

  @Test
  void everyShippedTemplateIsActuallyTranslatedRatherThanCopied() {
    for (String id : SHIPPED) {
      JsonObject description = catalog.get(id).getJsonObject("description");
      assertNotEquals(description.getString("fi"), description.getString("en"), id);
      assertNotEquals(description.getString("fi"), description.getString("sv"), id);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"fi", "sv", "en"})
  void theListGivesEveryNameAndDescriptionInTheAskedLanguage(String lang) {
    JsonArray list = catalog.list(lang);
    assertEquals(SHIPPED.size(), list.size());
    for (Object o : list) {
      JsonObject entry = (JsonObject) o;
      JsonObject template = catalog.get(entry.getString("id"));
      assertEquals(template.getJsonObject("name").getString(lang), entry.getString("name"), entry.getString("id"));
      assertEquals(template.getJsonObject("description").getString(lang), entry.getString("description"),
          entry.getString("id"));
    }
  }

  @Test
  void theListInFinnishAndInSwedishDiffer() {
    JsonObject fi = findIn(catalog.list("fi"), "customer-journey");
    JsonObject sv = findIn(catalog.list("sv"), "customer-journey");
    assertEquals("Palvelupolkutyöpaja", fi.getString("name"));
    assertEquals("Verkstad om servicestigen", sv.getString("name"));
  }

  @Test
  void theListGivesEachTemplatesLevelAndWhetherItHasAJourneyMap() {
    JsonArray list = catalog.list("en");
    for (Object o : list) {
      JsonObject entry = (JsonObject) o;
      JsonObject template = catalog.get(entry.getString("id"));
      assertEquals(template.getString("level"), entry.getString("level"), entry.getString("id"));
      assertEquals(template.containsKey("journeys"), entry.getBoolean("hasJourney"), entry.getString("id"));
    }
    assertTrue(findIn(list, "customer-journey").getBoolean("hasJourney"));
    assertFalse(findIn(list, "blank").getBoolean("hasJourney"));
    assertEquals(Set.of("id", "level", "name", "description", "hasJourney"), findIn(list, "blank").fieldNames());
  }

  private static JsonObject findIn(JsonArray list, String id) {
    for (Object o : list) {
      if (id.equals(((JsonObject) o).getString("id"))) {
        return (JsonObject) o;
      }
    }
    throw new AssertionError("not listed: " + id);
  }

  // --- parse: what a broken template file is told -------------------------------------------------------------

  @Test
  void aValidTemplateParsesToTheSameJson() throws IOException {
    JsonObject template = valid("test-template");
    assertEquals(template, catalog.parse("test-template.json", template.encode()));
  }

  @Test
  void aNameWithoutSwedishIsRefusedNamingTheSourceAndTheField() {
    JsonObject template = valid("test-template");
    template.getJsonObject("name").remove("sv");

    String message = refusal("broken.json", template.encode()).getMessage();

    assertTrue(message.contains("broken.json"), message);
    assertTrue(message.contains("$.name"), message);
    assertTrue(message.contains("'sv'"), message);
  }

  @Test
  void anUnknownPropertyIsRefusedNamingIt() {
    JsonObject template = valid("test-template").put("colour", "blue");

    String message = refusal("broken.json", template.encode()).getMessage();

    assertTrue(message.contains("broken.json"), message);
    assertTrue(message.contains("'colour'"), message);
  }

  @Test
  void aLaneOfAnUnknownKindIsRefusedNamingTheLane() {
    JsonObject template = valid("test-template");
    template.getJsonArray("journeys").getJsonObject(0).getJsonArray("lanes").getJsonObject(0).put("kind", "feelings");

    String message = refusal("broken.json", template.encode()).getMessage();

    assertTrue(message.contains("broken.json"), message);
    assertTrue(message.contains("$.journeys[0].lanes[0].kind"), message);
  }

  @Test
  void anEmptyPhaseTitleIsRefusedNamingThePhaseTitle() {
    JsonObject template = valid("test-template");
    template.getJsonArray("phases").getJsonObject(0).put("title", texts("", "Idéer", "Ideas"));

    String message = refusal("broken.json", template.encode()).getMessage();

    assertTrue(message.contains("broken.json"), message);
    assertTrue(message.contains("$.phases[0].title.fi"), message);
  }

  @Test
  void aPhaseTitleWithoutAnyTextsIsRefused() {
    JsonObject template = valid("test-template");
    template.getJsonArray("phases").getJsonObject(0).put("title", new JsonObject());

    String message = refusal("broken.json", template.encode()).getMessage();

    assertTrue(message.contains("$.phases[0].title"), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Capital-Letters", "under_score", "spaces here", ""})
  void anIdOutsideThePatternIsRefusedNamingTheIdField(String id) {
    String message = refusal("broken.json", valid(id).encode()).getMessage();

    assertTrue(message.contains("broken.json"), message);
    assertTrue(message.contains("$.id"), message);
  }

  @Test
  void anIdLongerThanSixtyCharactersIsRefused() {
    refusal("broken.json", valid("a".repeat(61)).encode());
  }

  @Test
  void aTemplateWithoutPhasesIsRefusedNamingPhases() {
    JsonObject template = valid("test-template");
    template.remove("phases");

    String message = refusal("broken.json", template.encode()).getMessage();

    assertTrue(message.contains("phases"), message);
  }

  @Test
  void aJourneyOfAnUnknownKindIsRefused() {
    JsonObject template = valid("test-template");
    template.getJsonArray("journeys").getJsonObject(0).put("kind", "past");

    String message = refusal("broken.json", template.encode()).getMessage();

    assertTrue(message.contains("$.journeys[0].kind"), message);
  }

  @Test
  void moreThanTwoJourneyMapsAreRefused() {
    JsonObject template = valid("test-template");
    JsonObject journey = template.getJsonArray("journeys").getJsonObject(0);
    template.getJsonArray("journeys").add(journey.copy()).add(journey.copy());

    String message = refusal("broken.json", template.encode()).getMessage();

    assertTrue(message.contains("journeys"), message);
  }

  @Test
  void anUnknownLevelIsRefused() {
    String message = refusal("broken.json", valid("test-template").put("level", "expert").encode()).getMessage();

    assertTrue(message.contains("level"), message);
  }

  @Test
  void textThatIsNotJsonIsRefusedNamingTheSource() {
    String message = refusal("garbage.json", "this is { not json").getMessage();

    assertTrue(message.contains("garbage.json"), message);
    assertTrue(message.contains("not valid JSON"), message);
  }

  // --- loading a directory of extra templates -----------------------------------------------------------------

  @Test
  void aValidTemplateInTheExtraDirectoryIsListedWithTheShippedOnes(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("local-panel.json"), valid("local-panel").encodePrettily());

    TemplateCatalog withExtra = TemplateCatalog.load(Optional.of(dir));

    List<String> listed = ids(withExtra.list("fi"));
    assertTrue(listed.contains("local-panel"), listed.toString());
    assertTrue(listed.containsAll(SHIPPED), listed.toString());
    assertEquals("Testipaja", findIn(withExtra.list("fi"), "local-panel").getString("name"));
  }

  @Test
  void aFileWhoseIdDiffersFromItsFileNameIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("panel-one.json"), valid("panel-two").encode());

    IOException e = assertThrows(IOException.class, () -> TemplateCatalog.load(Optional.of(dir)));

    assertTrue(e.getMessage().contains("panel-one.json"), e.getMessage());
    assertTrue(e.getMessage().contains("'id'"), e.getMessage());
  }

  @Test
  void aBrokenFileInTheExtraDirectoryStopsTheLoadNamingTheFileAndField(@TempDir Path dir) throws IOException {
    JsonObject broken = valid("half-done");
    broken.getJsonObject("description").remove("en");
    Files.writeString(dir.resolve("half-done.json"), broken.encode());

    IOException e = assertThrows(IOException.class, () -> TemplateCatalog.load(Optional.of(dir)));

    assertTrue(e.getMessage().contains("half-done.json"), e.getMessage());
    assertTrue(e.getMessage().contains("$.description"), e.getMessage());
    assertTrue(e.getMessage().contains("'en'"), e.getMessage());
  }

  @Test
  void filesThatAreNotJsonFilesInTheExtraDirectoryAreIgnored(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("README.txt"), "not a template");

    TemplateCatalog withExtra = TemplateCatalog.load(Optional.of(dir));

    assertEquals(new TreeSet<>(SHIPPED), new TreeSet<>(ids(withExtra.list("en"))));
  }

  @Test
  void aTemplatePutIntoTheCatalogIsListedFromThenOn() throws IOException {
    TemplateCatalog own = TemplateCatalog.load(Optional.empty());
    JsonObject saved = own.parse("saved", valid("saved-from-board").encode());

    own.put(saved);

    assertTrue(own.contains("saved-from-board"));
    assertEquals("Test workshop", findIn(own.list("en"), "saved-from-board").getString("name"));
    assertFalse(catalog.contains("saved-from-board"), "catalogs do not share their templates");
  }
}
