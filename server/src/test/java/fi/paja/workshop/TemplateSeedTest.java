package fi.paja.workshop;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.board.Board;
import fi.paja.journey.Journey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/PROTOCOL.md, "POST /api/workshops" (a template seeds a board in one language) and
 * "POST /api/workshops/{id}/template" (a board becomes a template again).
 */
class TemplateSeedTest {

  private static TemplateCatalog catalog;

  private final AtomicInteger counter = new AtomicInteger();
  private final List<String> issued = new ArrayList<>();
  private final Supplier<String> ids = () -> {
    String id = String.format("seed-id-%04d", counter.incrementAndGet());
    issued.add(id);
    return id;
  };

  @BeforeAll
  static void loadShipped() throws IOException {
    catalog = TemplateCatalog.load(Optional.empty());
  }

  private JsonObject seed(String template, String lang) {
    return TemplateSeed.board(catalog.get(template), lang, ids);
  }

  private static List<String> titles(JsonArray items) {
    List<String> out = new ArrayList<>();
    items.forEach(o -> out.add(((JsonObject) o).getString("title")));
    return out;
  }

  private static List<String> texts(JsonArray items, String lang) {
    List<String> out = new ArrayList<>();
    items.forEach(o -> out.add(((JsonObject) o).getString(lang)));
    return out;
  }

  private static List<String> field(JsonArray items, String field, String lang) {
    List<String> out = new ArrayList<>();
    items.forEach(o -> out.add(((JsonObject) o).getJsonObject(field).getString(lang)));
    return out;
  }

  // --- board(...) -----------------------------------------------------------------------------------------------

  @Test
  void phasesAreSeededInTheChosenLanguage() {
    JsonArray templatePhases = catalog.get("customer-journey").getJsonArray("phases");

    JsonArray phases = seed("customer-journey", "fi").getJsonArray("phases");

    assertEquals(field(templatePhases, "title", "fi"), titles(phases));
    List<String> instructions = new ArrayList<>();
    phases.forEach(p -> instructions.add(((JsonObject) p).getString("instructions")));
    assertEquals(field(templatePhases, "instructions", "fi"), instructions);
  }

  @Test
  void finnishAndSwedishSeedsGetDifferentTexts() {
    List<String> fi = titles(seed("customer-journey", "fi").getJsonArray("phases"));
    List<String> sv = titles(seed("customer-journey", "sv").getJsonArray("phases"));

    assertEquals("Lämmittely", fi.get(0));
    assertEquals("Uppvärmning", sv.get(0));
    assertEquals(fi.size(), sv.size());
    for (int i = 0; i < fi.size(); i++) {
      assertNotEquals(fi.get(i), sv.get(i), "phase " + i);
    }
  }

  @Test
  void englishSeedsUseTheEnglishTexts() {
    assertEquals("Warm-up", seed("customer-journey", "en").getJsonArray("phases").getJsonObject(0)
        .getString("title"));
  }

  @Test
  void theFirstPhaseIsTheCurrentOne() {
    JsonObject meta = seed("customer-journey", "fi");

    assertEquals(meta.getJsonArray("phases").getJsonObject(0).getString("id"), meta.getString("currentPhaseId"));
  }

  @Test
  void everyPhaseGetsAFreshIdFromTheSupplier() {
    JsonArray phases = seed("client-panel", "fi").getJsonArray("phases");

    Set<String> phaseIds = new HashSet<>();
    phases.forEach(p -> phaseIds.add(((JsonObject) p).getString("id")));
    assertEquals(phases.size(), phaseIds.size());
    assertTrue(issued.containsAll(phaseIds));
  }

  @Test
  void settingsComeFromTheTemplate() {
    JsonObject journey = seed("customer-journey", "fi").getJsonObject("settings");
    JsonObject blank = seed("blank", "fi").getJsonObject("settings");
    JsonObject coDevelopment = seed("co-development", "fi").getJsonObject("settings");

    assertTrue(journey.getBoolean("anonymous"));
    assertFalse(journey.getBoolean("privateMode"));
    assertFalse(blank.getBoolean("anonymous"));
    assertTrue(coDevelopment.getBoolean("privateMode"));
  }

  @Test
  void settingsTheTemplateLeavesOutTakeTheirDefaults() {
    JsonObject settings = seed("customer-journey", "fi").getJsonObject("settings");

    assertFalse(settings.getBoolean("locked"));
    assertFalse(settings.getBoolean("anonymousToFacilitators"));
    assertTrue(settings.getBoolean("facilitatorsSeePrivate"));
  }

  @Test
  void journeyMapsAreSeededWithStagesAndLanesInTheChosenLanguage() {
    JsonArray templateJourneys = catalog.get("customer-journey").getJsonArray("journeys");

    JsonArray journeys = seed("customer-journey", "sv").getJsonArray("journeys");

    assertEquals(2, journeys.size());
    for (int i = 0; i < journeys.size(); i++) {
      JsonObject seeded = journeys.getJsonObject(i);
      JsonObject template = templateJourneys.getJsonObject(i);
      assertEquals(template.getJsonObject("title").getString("sv"), seeded.getString("title"));
      assertEquals(template.getString("kind"), seeded.getString("kind"));
      assertEquals(texts(template.getJsonArray("stages"), "sv"), titles(seeded.getJsonArray("stages")));
      assertEquals(field(template.getJsonArray("lanes"), "title", "sv"), titles(seeded.getJsonArray("lanes")));
      List<String> kinds = new ArrayList<>();
      seeded.getJsonArray("lanes").forEach(l -> kinds.add(((JsonObject) l).getString("kind")));
      List<String> templateKinds = new ArrayList<>();
      template.getJsonArray("lanes").forEach(l -> templateKinds.add(((JsonObject) l).getString("kind")));
      assertEquals(templateKinds, kinds);
      assertTrue(seeded.getJsonArray("cells").isEmpty());
    }
    assertEquals("Behovet märks", journeys.getJsonObject(0).getJsonArray("stages").getJsonObject(0)
        .getString("title"));
  }

  @Test
  void journeyMapsStagesAndLanesAllGetFreshDistinctIds() {
    JsonArray journeys = seed("customer-journey", "fi").getJsonArray("journeys");

    List<String> all = new ArrayList<>();
    for (Object o : journeys) {
      JsonObject j = (JsonObject) o;
      all.add(j.getString("id"));
      j.getJsonArray("stages").forEach(s -> all.add(((JsonObject) s).getString("id")));
      j.getJsonArray("lanes").forEach(l -> all.add(((JsonObject) l).getString("id")));
    }
    assertEquals(all.size(), new HashSet<>(all).size(), "ids are unique: " + all);
    assertTrue(issued.containsAll(all));
  }

  @Test
  void twoSeedsOfTheSameTemplateShareNoIds() {
    JsonObject first = seed("customer-journey", "fi");
    JsonObject second = seed("customer-journey", "fi");

    assertNotEquals(first.getJsonArray("journeys").getJsonObject(0).getString("id"),
        second.getJsonArray("journeys").getJsonObject(0).getString("id"));
    assertNotEquals(first.getString("currentPhaseId"), second.getString("currentPhaseId"));
  }

  @Test
  void areasAreSeededWithTitleAndHintInTheChosenLanguage() {
    JsonArray templateAreas = catalog.get("customer-journey").getJsonArray("areas");

    JsonArray areas = seed("customer-journey", "fi").getJsonArray("areas");

    assertEquals(field(templateAreas, "title", "fi"), titles(areas));
    assertEquals(field(templateAreas, "hint", "fi").get(0), areas.getJsonObject(0).getString("hint"));
    assertTrue(issued.contains(areas.getJsonObject(0).getString("id")));
  }

  @Test
  void aTemplateWithoutAreasOrJourneysSeedsNone() {
    JsonObject meta = seed("blank", "fi");

    assertTrue(meta.getJsonArray("areas").isEmpty());
    assertTrue(meta.getJsonArray("journeys").isEmpty());
  }

  @Test
  void theVoteBudgetDefaultComesFromTheTemplate() {
    JsonObject defaults = seed("co-development", "fi").getJsonObject("defaults");

    assertEquals(5, defaults.getInteger("voteBudget"));
    assertEquals(2, defaults.getInteger("voteMaxPerItem"));
  }

  @Test
  void theMaximumPerItemDefaultsToTheBudgetWhenTheTemplateGivesNone() {
    JsonObject defaults = seed("feedback-to-improvements", "fi").getJsonObject("defaults");

    assertEquals(5, defaults.getInteger("voteBudget"));
    assertEquals(5, defaults.getInteger("voteMaxPerItem"));
  }

  @Test
  void phaseMinutesAreKeyedByTheNewPhaseIds() {
    JsonObject meta = seed("customer-journey", "fi");

    JsonObject minutes = meta.getJsonObject("defaults").getJsonObject("phaseMinutes");
    JsonArray phases = meta.getJsonArray("phases");
    JsonArray templatePhases = catalog.get("customer-journey").getJsonArray("phases");
    assertEquals(phases.size(), minutes.size());
    for (int i = 0; i < phases.size(); i++) {
      assertEquals(templatePhases.getJsonObject(i).getInteger("minutes"),
          minutes.getInteger(phases.getJsonObject(i).getString("id")), "phase " + i);
    }
    assertEquals(5, minutes.getInteger(phases.getJsonObject(0).getString("id")));
    assertEquals(20, minutes.getInteger(phases.getJsonObject(1).getString("id")));
  }

  @Test
  void phasesWithoutMinutesHaveNoPhaseMinutes() {
    assertTrue(seed("blank", "fi").getJsonObject("defaults").getJsonObject("phaseMinutes").isEmpty());
  }

  @Test
  void theSeedRestoresIntoABoardWithItsJourneyMaps() {
    JsonObject meta = seed("customer-journey", "fi");
    Board board = new Board("11111111-2222-3333-4444-555555555555", ids);

    board.restoreMeta(meta);

    assertEquals(2, board.journeys().size());
    Journey current = board.journey(meta.getJsonArray("journeys").getJsonObject(0).getString("id"));
    assertEquals("Palvelupolku nyt", current.title());
    assertEquals(6, current.stages().size());
    assertEquals(meta, board.metaToJson());
  }

  @Test
  void everyShippedTemplateSeedsInEveryLanguageWithoutEmptyTexts() {
    for (Object o : catalog.list("en")) {
      String id = ((JsonObject) o).getString("id");
      for (String lang : List.of("fi", "sv", "en")) {
        JsonObject meta = seed(id, lang);
        for (String title : titles(meta.getJsonArray("phases"))) {
          assertFalse(title.isBlank(), id + "/" + lang);
        }
        for (String title : titles(meta.getJsonArray("areas"))) {
          assertFalse(title.isBlank(), id + "/" + lang);
        }
      }
    }
  }

  // --- fromBoard(...) -------------------------------------------------------------------------------------------

  @Test
  void aBoardSeededFromTheCustomerJourneyBecomesAValidTemplate() {
    JsonObject meta = seed("customer-journey", "fi");

    JsonObject template = TemplateSeed.fromBoard("my-journey", "Oma polku", meta);

    JsonObject parsed = assertDoesNotThrow(() -> catalog.parse("my-journey", template.encode()));
    assertEquals("my-journey", parsed.getString("id"));
    assertEquals("any", parsed.getString("level"));
  }

  @Test
  void theTemplateFromABoardKeepsStageAndLaneTitlesAndKinds() throws IOException {
    JsonObject meta = seed("customer-journey", "fi");

    JsonObject template = catalog.parse("my-journey",
        TemplateSeed.fromBoard("my-journey", "Oma polku", meta).encode());

    JsonArray boardJourneys = meta.getJsonArray("journeys");
    JsonArray journeys = template.getJsonArray("journeys");
    assertEquals(boardJourneys.size(), journeys.size());
    for (int i = 0; i < journeys.size(); i++) {
      JsonObject fromBoard = boardJourneys.getJsonObject(i);
      JsonObject kept = journeys.getJsonObject(i);
      assertEquals(fromBoard.getString("kind"), kept.getString("kind"));
      assertEquals(fromBoard.getString("title"), kept.getJsonObject("title").getString("fi"));
      assertEquals(titles(fromBoard.getJsonArray("stages")), texts(kept.getJsonArray("stages"), "fi"));
      assertEquals(titles(fromBoard.getJsonArray("lanes")), field(kept.getJsonArray("lanes"), "title", "fi"));
      for (int l = 0; l < kept.getJsonArray("lanes").size(); l++) {
        assertEquals(fromBoard.getJsonArray("lanes").getJsonObject(l).getString("kind"),
            kept.getJsonArray("lanes").getJsonObject(l).getString("kind"));
      }
    }
  }

  @Test
  void theBoardsOneLanguageFillsAllThreeLanguagesOfTheTemplate() {
    JsonObject template = TemplateSeed.fromBoard("my-journey", "Oma polku", seed("customer-journey", "fi"));

    JsonObject name = template.getJsonObject("name");
    assertEquals(new JsonObject().put("fi", "Oma polku").put("sv", "Oma polku").put("en", "Oma polku"), name);
    JsonObject stage = template.getJsonArray("journeys").getJsonObject(0).getJsonArray("stages").getJsonObject(0);
    assertEquals("Tarpeen huomaaminen", stage.getString("sv"));
    assertEquals("Tarpeen huomaaminen", stage.getString("en"));
  }

  @Test
  void theTemplateFromABoardKeepsPhasesAreasSettingsAndVoteBudget() {
    JsonObject meta = seed("customer-journey", "fi");

    JsonObject template = TemplateSeed.fromBoard("my-journey", "Oma polku", meta);

    assertEquals(titles(meta.getJsonArray("phases")), field(template.getJsonArray("phases"), "title", "fi"));
    assertEquals(titles(meta.getJsonArray("areas")), field(template.getJsonArray("areas"), "title", "fi"));
    assertEquals("Kirjoita toimenpide, kuka sen tekee ja mihin mennessä.",
        template.getJsonArray("areas").getJsonObject(0).getJsonObject("hint").getString("fi"));
    assertTrue(template.getJsonObject("settings").getBoolean("anonymous"));
    assertEquals(3, template.getJsonObject("settings").getInteger("voteBudget"));
  }

  @Test
  void aTemplateMadeFromABoardSeedsTheSameStructureAgain() throws IOException {
    JsonObject meta = seed("customer-journey", "fi");
    JsonObject template = catalog.parse("again", TemplateSeed.fromBoard("again", "Again", meta).encode());

    JsonObject reseeded = TemplateSeed.board(template, "sv", ids);

    assertEquals(titles(meta.getJsonArray("phases")), titles(reseeded.getJsonArray("phases")));
    JsonObject before = meta.getJsonArray("journeys").getJsonObject(1);
    JsonObject after = reseeded.getJsonArray("journeys").getJsonObject(1);
    assertEquals(titles(before.getJsonArray("stages")), titles(after.getJsonArray("stages")));
    assertEquals(titles(before.getJsonArray("lanes")), titles(after.getJsonArray("lanes")));
  }

  @Test
  void aPhaseWithoutInstructionsUsesItsTitleSoTheTemplateStillValidates() {
    JsonObject snapshot = new JsonObject()
        .put("phases", new JsonArray().add(new JsonObject().put("id", "p-000001").put("title", "Ideointi")
            .put("instructions", "")));

    JsonObject template = TemplateSeed.fromBoard("bare", "Bare", snapshot);

    assertEquals("Ideointi", template.getJsonArray("phases").getJsonObject(0).getJsonObject("instructions")
        .getString("fi"));
    assertDoesNotThrow(() -> catalog.parse("bare", template.encode()));
  }

  @Test
  void aJourneyMapWithoutStagesIsLeftOutSoTheTemplateStillValidates() {
    JsonObject snapshot = new JsonObject()
        .put("phases", new JsonArray())
        .put("journeys", new JsonArray().add(new JsonObject().put("id", "journey-1").put("title", "Empty")
            .put("kind", "current").put("stages", new JsonArray())
            .put("lanes", new JsonArray().add(new JsonObject().put("id", "lane-0001").put("title", "Does")
                .put("kind", "notes")))));

    JsonObject template = TemplateSeed.fromBoard("no-stages", "No stages", snapshot);

    assertFalse(template.containsKey("journeys"));
    assertDoesNotThrow(() -> catalog.parse("no-stages", template.encode()));
  }

  @Test
  void atMostTwoJourneyMapsGoIntoATemplate() {
    JsonArray journeys = new JsonArray();
    for (int i = 0; i < 3; i++) {
      journeys.add(new JsonObject().put("id", "journey-" + i).put("title", "Map " + i).put("kind", "future")
          .put("stages", new JsonArray().add(new JsonObject().put("id", "stage-000" + i).put("title", "S")))
          .put("lanes", new JsonArray().add(new JsonObject().put("id", "lane-000" + i).put("title", "L")
              .put("kind", "emotion"))));
    }
    JsonObject snapshot = new JsonObject().put("phases", new JsonArray()).put("journeys", journeys);

    JsonObject template = TemplateSeed.fromBoard("three-maps", "Three maps", snapshot);

    assertEquals(2, template.getJsonArray("journeys").size());
    assertDoesNotThrow(() -> catalog.parse("three-maps", template.encode()));
  }

  @Test
  void aBoardWithoutAreasMakesATemplateWithoutAreas() {
    JsonObject template = TemplateSeed.fromBoard("plain", "Plain", seed("blank", "en"));

    assertFalse(template.containsKey("areas"));
    assertNull(template.getJsonArray("journeys"));
    assertDoesNotThrow(() -> catalog.parse("plain", template.encode()));
  }
}
