package fi.paja.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.error.PajaException;
import fi.paja.workshop.WorkshopImport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * An import is read with the same checks as commands (types, limits, keys, text rules): anything a command would
 * refuse refuses the whole import as {@code invalid_import}, with a message naming the field.
 */
class ImportValidationTest {

  private static final String NOW = "2026-11-26T08:00:00Z";

  /** The fixture workshop as its JSON export. */
  static JsonObject export() {
    StringBuilder out = new StringBuilder();
    new JsonExport().write(ExportView.of(ExportFixture.snapshot(false)), out::append);
    return new JsonObject(out.toString());
  }

  private static WorkshopImport.Result read(JsonObject export) {
    AtomicInteger ids = new AtomicInteger();
    return new WorkshopImport(() -> String.format("new-%08d", ids.incrementAndGet())).read(export, "importer-0001",
        NOW);
  }

  /** The fixture with one change; it must be refused as invalid_import with a message naming {@code field}. */
  private static void refused(String field, Consumer<JsonObject> change) {
    JsonObject export = export();
    change.accept(export);
    PajaException e = assertThrows(PajaException.class, () -> read(export), field);
    assertEquals("invalid_import", e.code().code(), field + ": " + e.getMessage());
    assertTrue(e.getMessage().contains(field), "the message names " + field + ": " + e.getMessage());
  }

  private static JsonObject journey(JsonObject export) {
    return export.getJsonArray("journeys").getJsonObject(0);
  }

  private static String lane(JsonObject export, String kind) {
    for (Object o : journey(export).getJsonArray("lanes")) {
      if (kind.equals(((JsonObject) o).getString("kind"))) {
        return ((JsonObject) o).getString("id");
      }
    }
    throw new AssertionError("no " + kind + " lane");
  }

  private static String stage(JsonObject export) {
    return journey(export).getJsonArray("stages").getJsonObject(0).getString("id");
  }

  private static void cell(JsonObject export, JsonObject cell) {
    journey(export).getJsonArray("cells").add(cell.put("stageId", stage(export)));
  }

  @Test
  void theFixtureExportImports() {
    WorkshopImport.Result result = read(export());
    assertEquals("Asiakasraati: puhelinpalvelu & chat", result.title());
    assertEquals(5, result.notes().size());
  }

  @Test
  void settingsAreBooleansAsInSettingsUpdate() {
    refused("settings.locked", e -> e.getJsonObject("settings").put("locked", "yes"));
    refused("settings.surprise", e -> e.getJsonObject("settings").put("surprise", true));
  }

  @Test
  void votesFollowVoteOpensRules() {
    refused("votes[0].budget", e -> e.getJsonArray("votes").getJsonObject(0).put("budget", "x"));
    refused("votes[0].budget", e -> e.getJsonArray("votes").getJsonObject(0).put("budget", 1_000_000));
    refused("votes[0].maxPerItem", e -> e.getJsonArray("votes").getJsonObject(0).put("maxPerItem", 0));
    refused("votes[0].targets", e -> e.getJsonArray("votes").getJsonObject(0).put("targets", "people"));
  }

  @Test
  void voteResultsMustBeWellFormed() {
    refused("votes[0].results[0].rank",
        e -> e.getJsonArray("votes").getJsonObject(0).getJsonArray("results").getJsonObject(0).put("rank", "x"));
    refused("votes[0].results[0].votes",
        e -> e.getJsonArray("votes").getJsonObject(0).getJsonArray("results").getJsonObject(0).remove("votes"));
    refused("votes[0].results[1]",
        e -> e.getJsonArray("votes").getJsonObject(0).getJsonArray("results").set(1, "x"));
    refused("votes[0].results[0].kind",
        e -> e.getJsonArray("votes").getJsonObject(0).getJsonArray("results").getJsonObject(0).put("kind", 7));
  }

  @Test
  void emotionScoresFollowJourneyCellEmotion() {
    refused("journeys[0].cells[0].score", e -> cell(e, new JsonObject().put("laneId", lane(e, "emotion"))
        .put("score", "x")));
    refused("journeys[0].cells[0].score", e -> cell(e, new JsonObject().put("laneId", lane(e, "emotion"))
        .put("score", 3)));
    refused("journeys[0].cells[0].why", e -> cell(e, new JsonObject().put("laneId", lane(e, "emotion"))
        .put("score", 1).put("why", "a".repeat(501))));
  }

  @Test
  void cellTextsFollowJourneyCellText() {
    refused("journeys[0].cells[0].text", e -> cell(e, new JsonObject().put("laneId", lane(e, "channel"))
        .put("text", "Puhelin\u0007\u001b[31m")));
    refused("journeys[0].cells[0].text", e -> cell(e, new JsonObject().put("laneId", lane(e, "channel"))
        .put("text", "x".repeat(5_000))));
    refused("journeys[0].cells[0]", e -> cell(e, new JsonObject().put("laneId", lane(e, "emotion"))
        .put("text", "a text in an emotion lane")));
    refused("journeys[0].cells[0].laneId", e -> cell(e, new JsonObject().put("laneId", "no-such-lane-id")
        .put("text", "x")));
  }

  @Test
  void journeyMapsKeepTheBoardsLimits() {
    refused("journeys", e -> {
      JsonArray maps = e.getJsonArray("journeys");
      JsonObject first = maps.getJsonObject(0);
      for (int i = 1; i < 15; i++) {
        maps.add(first.copy().put("id", "journey-" + String.format("%04d", i)));
      }
    });
    refused("journeys[0].stages", e -> {
      JsonArray stages = journey(e).getJsonArray("stages");
      for (int i = 0; i < 30; i++) {
        stages.add(new JsonObject().put("id", "stage-" + String.format("%04d", i)).put("title", "Vaihe " + i));
      }
    });
    refused("journeys[0].lanes", e -> {
      JsonArray lanes = journey(e).getJsonArray("lanes");
      for (int i = 0; i < 20; i++) {
        lanes.add(new JsonObject().put("id", "lane-" + String.format("%04d", i)).put("title", "Rivi " + i)
            .put("kind", "text"));
      }
    });
    refused("journeys[0].lanes[0].kind", e -> journey(e).getJsonArray("lanes").getJsonObject(0).put("kind", "html"));
  }

  @Test
  void defaultsTakeOnlyTheirOwnKeys() {
    refused("defaults.evil", e -> e.getJsonObject("defaults").put("evil", new JsonObject().put("a", "b")));
    refused("defaults.voteBudget", e -> e.getJsonObject("defaults").put("voteBudget", "x"));
    refused("defaults.phaseMinutes", e -> e.getJsonObject("defaults").put("phaseMinutes", "x"));
  }

  @Test
  void unknownFieldsAreRefusedAnywhere() {
    refused("surprise", e -> e.put("surprise", 1));
    refused("notes[0].surprise", e -> e.getJsonArray("notes").getJsonObject(0).put("surprise", 1));
    refused("phases[0].surprise", e -> e.getJsonArray("phases").getJsonObject(0).put("surprise", 1));
    refused("outcomes[0].surprise", e -> e.getJsonArray("outcomes").getJsonObject(0).put("surprise", 1));
  }

  @Test
  void notesFollowNoteAdd() {
    refused("notes[0].text", e -> e.getJsonArray("notes").getJsonObject(0).put("text", "x".repeat(2_001)));
    refused("notes[0].text", e -> e.getJsonArray("notes").getJsonObject(0).put("text", "a\u0000b"));
    refused("notes[0].x", e -> e.getJsonArray("notes").getJsonObject(0).put("x", 1e12));
    refused("notes[0].color", e -> e.getJsonArray("notes").getJsonObject(0).put("color", "url(javascript:x)"));
    refused("notes[0].id", e -> e.getJsonArray("notes").getJsonObject(0).put("id", "$bad id"));
    refused("notes[0].clusterId", e -> e.getJsonArray("notes").getJsonObject(0).put("clusterId", "no-such-cluster"));
  }

  @Test
  void outcomesFollowOutcomeCreateAndUpdate() {
    refused("outcomes[0].status", e -> e.getJsonArray("outcomes").getJsonObject(0).put("status", "maybe"));
    refused("outcomes[0].explanation",
        e -> e.getJsonArray("outcomes").getJsonObject(0).put("explanation", "x".repeat(501)));
    refused("outcomes[0].due", e -> e.getJsonArray("outcomes").getJsonObject(0).put("due", "tomorrow"));
    refused("outcomes[0].title", e -> e.getJsonArray("outcomes").getJsonObject(0).put("title", "a\u202Eb\nc"));
  }

  @Test
  void titlesAndPhasesFollowTheirCommands() {
    refused("workshop.title", e -> e.getJsonObject("workshop").put("title", "x".repeat(201)));
    refused("phases[0].instructions", e -> e.getJsonArray("phases").getJsonObject(0).put("instructions", 5));
    refused("clusters[0].title", e -> e.getJsonArray("clusters").getJsonObject(0).put("title", "a\u0001"));
    refused("currentPhaseId", e -> e.put("currentPhaseId", "no-such-phase-id"));
  }
}
