package fi.paja.journey;

import static fi.paja.support.Api.addNote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import fi.paja.support.RawBridge;
import fi.paja.support.ServerTestBase;
import fi.paja.support.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplatesAndJourneysIT extends ServerTestBase {

  private JsonObject createFrom(String template, String lang) throws Exception {
    Api.Reply r = api.post("/api/workshops", api.login(), new JsonObject().put("title", "Polku")
        .put("template", template).put("lang", lang));
    assertEquals(201, r.status(), r.body().encode());
    return r.body();
  }

  private JsonObject snapshot(String workshopId, String token) throws Exception {
    return api.get("/api/workshops/" + workshopId, token).body();
  }

  private String svg(String workshopId, String journeyId, String token) throws Exception {
    HttpResponse<Buffer> r = TestServer.await(WebClient.create(vertx)
        .get(server.port(), "127.0.0.1", "/api/workshops/" + workshopId + "/journeys/" + journeyId + "/svg")
        .putHeader("Authorization", "Bearer " + token).send());
    assertEquals(200, r.statusCode());
    assertTrue(r.getHeader("Content-Type").startsWith("image/svg+xml"));
    return r.bodyAsString();
  }

  @Test
  void templatesAreListedInTheRequestedLanguage() throws Exception {
    JsonArray sv = api.get("/api/templates?lang=sv", null).body().getJsonArray("templates");
    JsonArray fi = api.get("/api/templates?lang=fi", null).body().getJsonArray("templates");
    List<String> ids = sv.stream().map(t -> ((JsonObject) t).getString("id")).toList();
    assertTrue(ids.containsAll(List.of("blank", "customer-journey", "client-panel", "co-development",
        "feedback-to-improvements", "co-production-planning", "own-service-plan", "participation-retrospective")));
    JsonObject journeySv = sv.stream().map(JsonObject.class::cast)
        .filter(t -> t.getString("id").equals("customer-journey")).findFirst().orElseThrow();
    JsonObject journeyFi = fi.stream().map(JsonObject.class::cast)
        .filter(t -> t.getString("id").equals("customer-journey")).findFirst().orElseThrow();
    assertFalse(journeySv.getString("name").equals(journeyFi.getString("name")));
    assertTrue(journeySv.getBoolean("hasJourney"));
  }

  @Test
  void aWorkshopFromATemplateHasItsPhasesSettingsAndJourneyMapInTheChosenLanguage() throws Exception {
    JsonObject workshop = createFrom("customer-journey", "sv");
    JsonObject snap = snapshot(workshop.getString("id"), api.login());
    assertTrue(snap.getJsonArray("phases").size() >= 4);
    assertEquals(snap.getJsonArray("phases").getJsonObject(0).getString("id"), snap.getString("currentPhaseId"));
    assertTrue(snap.getJsonObject("settings").getBoolean("anonymous"));
    JsonObject map = snap.getJsonArray("journeys").getJsonObject(0);
    assertEquals("current", map.getString("kind"));
    JsonObject template = api.get("/api/templates/customer-journey", null).body();
    assertEquals(template.getJsonArray("journeys").getJsonObject(0).getJsonArray("stages").getJsonObject(0)
        .getString("sv"), map.getJsonArray("stages").getJsonObject(0).getString("title"));
  }

  @Test
  void journeyMapEditsReachTheOtherParticipantLive() throws Exception {
    JsonObject workshop = createFrom("customer-journey", "fi");
    String id = workshop.getString("id");
    JsonObject aino = api.join(workshop.getString("joinCode"), "Aino");
    JsonObject bertil = api.join(workshop.getString("joinCode"), "Bertil");
    JsonObject map = snapshot(id, aino.getString("token")).getJsonArray("journeys").getJsonObject(0);
    String stage = map.getJsonArray("stages").getJsonObject(1).getString("id");
    String channelLane = lane(map, "channel");
    String notesLane = lane(map, "notes");
    String events = "workshop." + id + ".events";
    try (RawBridge b = RawBridge.connect(vertx, server.port())) {
      b.register(events, bertil.getString("token"));
      b.register("workshop." + id + ".presence", bertil.getString("token"));
      b.awaitFrame(f -> ("workshop." + id + ".presence").equals(f.getString("address")), 5_000);

      assertEquals(200, api.command(id, aino.getString("token"), new JsonObject().put("op", "journey.cell.text")
          .put("journeyId", map.getString("id")).put("stageId", stage).put("laneId", channelLane)
          .put("text", "Puhelin ja chat")).status());
      JsonObject changed = b.awaitFrame(f -> "rec".equals(f.getString("type"))
          && "journey.changed".equals(f.getJsonObject("body").getString("type")), 5_000).getJsonObject("body");
      assertEquals("Puhelin ja chat", changed.getJsonObject("journey").getJsonArray("cells").getJsonObject(0)
          .getString("text"));

      String noteId = api.command(id, aino.getString("token"), addNote("Jonotan puhelimessa", 0, 0)).body()
          .getString("noteId");
      assertEquals(200, api.command(id, aino.getString("token"), new JsonObject().put("op", "note.place")
          .put("id", noteId).put("journeyId", map.getString("id")).put("stageId", stage).put("laneId", notesLane))
          .status());
      JsonObject placed = b.awaitFrame(f -> "rec".equals(f.getString("type"))
          && "note.updated".equals(f.getJsonObject("body").getString("type")), 5_000).getJsonObject("body");
      assertEquals(stage, placed.getJsonObject("note").getJsonObject("cell").getString("stageId"));
    }
  }

  private static String lane(JsonObject map, String kind) {
    return map.getJsonArray("lanes").stream().map(JsonObject.class::cast)
        .filter(l -> kind.equals(l.getString("kind"))).findFirst().orElseThrow().getString("id");
  }

  @Test
  void theJourneyMapRendersAsSvgWithOnlyWhatTheMemberMaySee() throws Exception {
    JsonObject workshop = createFrom("customer-journey", "fi");
    String id = workshop.getString("id");
    String facilitator = api.login();
    JsonObject aino = api.join(workshop.getString("joinCode"), "Aino");
    JsonObject bertil = api.join(workshop.getString("joinCode"), "Bertil");
    JsonObject map = snapshot(id, facilitator).getJsonArray("journeys").getJsonObject(0);
    String mapId = map.getString("id");
    String emotion = lane(map, "emotion");
    JsonArray stages = map.getJsonArray("stages");
    for (int i = 0; i < 3; i++) {
      assertEquals(200, api.command(id, aino.getString("token"), new JsonObject().put("op", "journey.cell.emotion")
          .put("journeyId", mapId).put("stageId", stages.getJsonObject(i).getString("id")).put("laneId", emotion)
          .put("score", i - 1)).status());
    }
    api.command(id, facilitator, new JsonObject().put("op", "settings.update").put("privateMode", true));
    String secret = api.command(id, aino.getString("token"), addNote("Vain minun <b>lappuni</b>", 0, 0)).body()
        .getString("noteId");
    api.command(id, aino.getString("token"), new JsonObject().put("op", "note.place").put("id", secret)
        .put("journeyId", mapId).put("stageId", stages.getJsonObject(0).getString("id"))
        .put("laneId", lane(map, "notes")));

    String mine = svg(id, mapId, aino.getString("token"));
    assertTrue(mine.contains(stages.getJsonObject(0).getString("title")));
    assertTrue(mine.contains("Vain minun &lt;b&gt;lappuni&lt;/b&gt;"));
    assertTrue(mine.contains("class=\"emotion-curve\""));
    assertEquals(3, mine.split("class=\"emotion-point\"").length - 1);
    String theirs = svg(id, mapId, bertil.getString("token"));
    assertFalse(theirs.contains("lappuni"));
    assertEquals(401, api.get("/api/workshops/" + id + "/journeys/" + mapId + "/svg", null).status());
  }

  @Test
  void aBoardSavedAsATemplateCanSeedNewWorkshopsAndSurvivesARestart() throws Exception {
    String facilitator = api.login();
    JsonObject workshop = createFrom("blank", "fi");
    String id = workshop.getString("id");
    api.command(id, facilitator, new JsonObject().put("op", "phase.add").put("title", "Oma vaihe")
        .put("instructions", "Kirjoita yksi asia."));
    api.command(id, facilitator, new JsonObject().put("op", "journey.create").put("title", "Oma polku")
        .put("stages", new JsonArray().add("Alku").add("Loppu"))
        .put("lanes", new JsonArray().add(new JsonObject().put("title", "Tunteet").put("kind", "emotion"))));
    JsonObject participant = api.join(workshop.getString("joinCode"), "Aino");
    assertEquals(403, api.post("/api/workshops/" + id + "/template", participant.getString("token"),
        new JsonObject().put("id", "oma-pohja").put("name", "Oma pohja")).status());

    Api.Reply saved = api.post("/api/workshops/" + id + "/template", facilitator,
        new JsonObject().put("id", "oma-pohja").put("name", "Oma pohja"));
    assertEquals(201, saved.status(), saved.body().encode());
    assertEquals(409, api.post("/api/workshops/" + id + "/template", facilitator,
        new JsonObject().put("id", "oma-pohja").put("name", "Taas")).status());

    server.restart();
    api = new Api(vertx, server.port());
    assertTrue(api.get("/api/templates?lang=sv", null).body().encode().contains("oma-pohja"));
    JsonObject copy = createFrom("oma-pohja", "en");
    JsonObject snap = snapshot(copy.getString("id"), api.login());
    assertTrue(snap.getJsonArray("phases").stream()
        .anyMatch(p -> "Oma vaihe".equals(((JsonObject) p).getString("title"))));
    assertEquals("Oma polku", snap.getJsonArray("journeys").getJsonObject(0).getString("title"));
  }
}
