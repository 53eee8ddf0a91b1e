package fi.paja.export;

import static fi.paja.support.Api.addNote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutcomesAndExportsIT extends ServerTestBase {

  private final FakeGitHub github = new FakeGitHub();
  private String facilitator;
  private String workshopId;
  private JsonObject workshop;
  private JsonObject aino;

  /** The fake GitHub is started first: the server is given its address. */
  @Override
  protected Map<String, String> settings() throws Exception {
    int port = github.start(vertx);
    return Map.of("PAJA_GITHUB_TOKEN", FakeGitHub.TOKEN, "PAJA_GITHUB_REPO", FakeGitHub.REPO,
        "PAJA_GITHUB_API_URL", "http://127.0.0.1:" + port);
  }

  @AfterAll
  void stopGitHub() throws Exception {
    github.stop();
  }

  @BeforeEach
  void workshop() throws Exception {
    facilitator = api.facilitator();
    workshop = api.createWorkshop(facilitator, "Palautteesta parannuksiin");
    workshopId = workshop.getString("id");
    aino = api.join(workshop.getString("joinCode"), "Aino");
  }

  private JsonObject facilitate(JsonObject command) throws Exception {
    Api.Reply r = api.command(workshopId, facilitator, command);
    assertEquals(200, r.status(), r.body().encode());
    return r.body();
  }

  private HttpResponse<Buffer> export(String format, String token) throws Exception {
    return TestServer.await(WebClient.create(vertx).get(server.port(), "127.0.0.1",
        "/api/workshops/" + workshopId + "/export?format=" + format).putHeader("Authorization", "Bearer " + token)
        .send());
  }

  private String actionFromAinosNote() throws Exception {
    String noteId = api.command(workshopId, aino.getString("token"), addNote("Takaisinsoitto ei toimi", 0, 0)).body()
        .getString("noteId");
    return facilitate(new JsonObject().put("op", "outcome.create").put("kind", "action").put("noteId", noteId)
        .put("owner", "Palvelupäällikkö").put("due", "2026-12-31").put("fromFeedback", true)).getString("outcomeId");
  }

  @Test
  void anActionItemFromFeedbackGetsAReplyByDateFiveWorkingDaysAhead() throws Exception {
    actionFromAinosNote();
    JsonObject item = api.get("/api/workshops/" + workshopId, facilitator).body().getJsonArray("outcomes")
        .getJsonObject(0);
    assertEquals("Takaisinsoitto ei toimi", item.getString("title"));
    assertEquals(fi.paja.outcome.WorkingDays.add(java.time.LocalDate.now(java.time.ZoneId.of("Europe/Helsinki")), 5)
        .toString(), item.getString("replyBy"));
    assertFalse(item.getBoolean("overdue"));
  }

  @Test
  void exportsAreForFacilitatorsAndComeInEveryFormat() throws Exception {
    actionFromAinosNote();
    assertEquals(403, export("md", aino.getString("token")).statusCode());
    assertEquals(400, export("docx", facilitator).statusCode());
    Map<String, String> types = Map.of("md", "text/markdown", "json", "application/json", "csv", "text/csv",
        "jira", "text/csv", "azure", "text/csv", "svg", "image/svg+xml");
    for (Map.Entry<String, String> t : types.entrySet()) {
      HttpResponse<Buffer> r = export(t.getKey(), facilitator);
      assertEquals(200, r.statusCode(), t.getKey());
      assertTrue(r.getHeader("Content-Type").startsWith(t.getValue()), t.getKey());
      assertTrue(r.getHeader("Content-Disposition").startsWith("attachment"), t.getKey());
      assertTrue(r.bodyAsString().contains("Takaisinsoitto ei toimi"), t.getKey());
    }
  }

  @Test
  void aJsonExportImportsIntoAnEqualWorkshopWithNewIds() throws Exception {
    actionFromAinosNote();
    facilitate(new JsonObject().put("op", "phase.add").put("title", "Ryhmittely").put("instructions", "Yhdistä."));
    String other = api.command(workshopId, aino.getString("token"), addNote("Chat on hyvä", 300, 40)).body()
        .getString("noteId");
    facilitate(new JsonObject().put("op", "cluster.create").put("title", "Kanavat")
        .put("noteIds", new JsonArray().add(other)));
    facilitate(new JsonObject().put("op", "journey.create").put("title", "Polku")
        .put("stages", new JsonArray().add("Alku"))
        .put("lanes", new JsonArray().add(new JsonObject().put("title", "Kanavat").put("kind", "channel"))));
    String exported = export("json", facilitator).bodyAsString();

    Api.Reply imported = api.post("/api/workshops/import", facilitator, exported);
    assertEquals(201, imported.status(), imported.body().encode());
    String copyId = imported.body().getString("id");
    assertFalse(copyId.equals(workshopId));
    String again = TestServer.await(WebClient.create(vertx).get(server.port(), "127.0.0.1",
        "/api/workshops/" + copyId + "/export?format=json").putHeader("Authorization", "Bearer " + facilitator)
        .send()).bodyAsString();

    JsonObject first = normalise(new JsonObject(exported));
    JsonObject second = normalise(new JsonObject(again));
    assertEquals(first, second);
    assertFalse(again.contains(other), "ids are remapped");
  }

  /** Ids replaced by their order of first appearance; author names and creation times left out. */
  private static JsonObject normalise(JsonObject export) {
    export.getJsonObject("workshop").remove("createdAt");
    export.getJsonArray("notes").forEach(n -> {
      ((JsonObject) n).remove("author");
      ((JsonObject) n).remove("createdAt");
      ((JsonObject) n).remove("updatedAt");
    });
    export.getJsonArray("outcomes").forEach(o -> {
      ((JsonObject) o).remove("createdAt");
      ((JsonObject) o).remove("updatedAt");
    });
    Map<String, String> ids = new LinkedHashMap<>();
    String text = export.encode();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"([A-Za-z0-9_-]{22})\"").matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, "\"id" + ids.computeIfAbsent(m.group(1), k -> String.valueOf(ids.size())) + "\"");
    }
    m.appendTail(out);
    return new JsonObject(out.toString());
  }

  @Test
  void importRefusesWhatIsNotAnExport() throws Exception {
    Api.Reply r = api.post("/api/workshops/import", facilitator, new JsonObject().put("title", "x"));
    assertEquals(400, r.status());
    assertEquals("invalid_import", r.errorCode());
    assertEquals("forbidden_key", api.post("/api/workshops/import", facilitator,
        new JsonObject().put("format", "paja-workshop").put("$where", "1")).errorCode());
  }

  @Test
  void anActionItemIsPushedToGitHubAndItsStatusSyncedBack() throws Exception {
    String item = actionFromAinosNote();
    Api.Reply pushed = api.post("/api/workshops/" + workshopId + "/outcomes/" + item + "/github", facilitator,
        new JsonObject());
    assertEquals(200, pushed.status(), pushed.body().encode());
    int number = pushed.body().getInteger("number");
    JsonObject sent = github.created.get(github.created.size() - 1);
    assertEquals("Takaisinsoitto ei toimi", sent.getString("title"));
    assertTrue(sent.getString("body").contains("Palvelupäällikkö"));
    assertTrue(sent.getJsonArray("labels").contains("action"));
    assertTrue(github.problems.isEmpty(), github.problems.toString());
    JsonObject stored = api.get("/api/workshops/" + workshopId, facilitator).body().getJsonArray("outcomes")
        .getJsonObject(0).getJsonObject("github");
    assertEquals(number, stored.getInteger("number"));
    assertEquals("https://github.com/" + FakeGitHub.REPO + "/issues/" + number, stored.getString("url"));

    assertEquals(number, api.post("/api/workshops/" + workshopId + "/outcomes/" + item + "/github", facilitator,
        new JsonObject()).body().getInteger("number"), "pushing twice makes no second issue");

    github.issues.get(number).put("state", "closed").put("state_reason", "completed");
    assertEquals(200,
        api.post("/api/workshops/" + workshopId + "/github/sync", facilitator, new JsonObject()).status());
    assertEquals("done", api.get("/api/workshops/" + workshopId, facilitator).body().getJsonArray("outcomes")
        .getJsonObject(0).getString("status"));
    assertEquals(403, api.post("/api/workshops/" + workshopId + "/outcomes/" + item + "/github",
        aino.getString("token"), new JsonObject()).status());
  }

  @Test
  void thePublicPageShowsOutcomesWithoutPersonalDataAndUpdatesLive() throws Exception {
    String item = actionFromAinosNote();
    String publicId = api.get("/api/workshops/" + workshopId, aino.getString("token")).body().getString("publicId");
    assertNotNull(publicId);
    Api.Reply page = api.get("/api/public/" + publicId, null);
    assertEquals(200, page.status());
    assertEquals("Takaisinsoitto ei toimi", page.body().getJsonArray("outcomes").getJsonObject(0).getString("title"));
    String encoded = page.body().encode();
    for (String personal : new String[] {"Aino", "Palvelupäällikkö", aino.getString("participantId"), "admin"}) {
      assertFalse(encoded.contains(personal), "public page shows " + personal);
    }
    assertEquals(404, api.get("/api/public/AAAAAAAAAAAAAAAAAAAAAA", null).status());

    try (RawBridge anyone = RawBridge.connect(vertx, server.port())) {
      anyone.register(page.body().getString("address"), null);
      anyone.register("workshop." + workshopId + ".events", null);
      // The public registration has no reply, but a socket's frames are handled in order and the public address
      // needs no lookup: once the frame after it has been refused, the public registration is in place.
      assertEquals("rejected", anyone.awaitFrame(f -> "err".equals(f.getString("type")), 5_000).getString("body"));
      facilitate(new JsonObject().put("op", "outcome.update").put("id", item).put("status", "done")
          .put("explanation", "Takaisinsoitto korjattiin 1.12."));
      JsonObject live = anyone.awaitFrame(f -> "rec".equals(f.getString("type")), 5_000).getJsonObject("body");
      assertEquals("outcome.changed", live.getString("type"));
      assertEquals("done", live.getJsonObject("outcome").getString("status"));
      assertFalse(live.encode().contains("Palvelupäällikkö"));
    }
  }
}
