package fi.paja.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import fi.paja.support.ServerTestBase;
import fi.paja.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What the hostile-client test imported: each refused as a whole (400 invalid_import naming the field), nothing
 * stored. Before, each was stored, and the board answered 503 for ever, exports hung, or limits were bypassed.
 */
class ImportRefusalIT extends ServerTestBase {

  private JsonObject exportOf(String facilitator) throws Exception {
    JsonObject workshop = api.createWorkshop(facilitator, "Lähtötilanne");
    String id = workshop.getString("id");
    String aino = api.join(workshop.getString("joinCode"), "Aino").getString("token");
    String noteId = api.command(id, aino, Api.addNote("Jonot ovat pitkiä", 0, 0)).body().getString("noteId");
    assertEquals(200, api.command(id, facilitator, new JsonObject().put("op", "vote.open").put("targets", "notes")
        .put("budget", 3).put("maxPerItem", 2)).status());
    assertEquals(200, api.command(id, aino, new JsonObject().put("op", "vote.cast").put("targetId", noteId)).status());
    assertEquals(200, api.command(id, facilitator, new JsonObject().put("op", "vote.close")).status());
    assertEquals(200, api.command(id, facilitator, new JsonObject().put("op", "journey.create").put("title", "Polku")
        .put("stages", new JsonArray().add("Alku"))
        .put("lanes", new JsonArray().add(new JsonObject().put("title", "Kanavat").put("kind", "channel"))
            .add(new JsonObject().put("title", "Tunteet").put("kind", "emotion"))))
        .status());
    String body = TestServer.await(WebClient.create(vertx).get(server.port(), "127.0.0.1",
        "/api/workshops/" + id + "/export?format=json").putHeader("Authorization", "Bearer " + facilitator).send())
        .bodyAsString();
    return new JsonObject(body);
  }

  private static JsonObject journey(JsonObject export) {
    return export.getJsonArray("journeys").getJsonObject(0);
  }

  private static JsonObject laneCell(JsonObject export, int lane) {
    JsonObject j = journey(export);
    return new JsonObject().put("stageId", j.getJsonArray("stages").getJsonObject(0).getString("id"))
        .put("laneId", j.getJsonArray("lanes").getJsonObject(lane).getString("id"));
  }

  @Test
  void damagedImportsAreRefusedWholeAndNothingIsStored() throws Exception {
    String facilitator = api.login();
    JsonObject export = exportOf(facilitator);
    assertEquals(201, api.post("/api/workshops/import", facilitator, export).status(), "the export itself imports");

    Map<String, Consumer<JsonObject>> damage = new LinkedHashMap<>();
    damage.put("settings.locked", e -> e.getJsonObject("settings").put("locked", "yes"));
    damage.put("votes[0].budget", e -> e.getJsonArray("votes").getJsonObject(0).put("budget", "x"));
    damage.put("journeys[0].cells[0].score",
        e -> journey(e).getJsonArray("cells").add(laneCell(e, 1).put("score", "x")));
    damage.put("votes[0].results[0].rank", e -> e.getJsonArray("votes").getJsonObject(0).getJsonArray("results")
        .getJsonObject(0).put("rank", "x"));
    damage.put("journeys", e -> {
      for (int i = 1; i < 15; i++) {
        e.getJsonArray("journeys").add(journey(e).copy().put("id", "journey-copy-" + i));
      }
    });
    damage.put("journeys[0].stages", e -> {
      for (int i = 0; i < 30; i++) {
        journey(e).getJsonArray("stages").add(new JsonObject().put("id", "stage-copy-" + i).put("title", "S" + i));
      }
    });
    damage.put("journeys[0].lanes", e -> {
      for (int i = 0; i < 20; i++) {
        journey(e).getJsonArray("lanes").add(new JsonObject().put("id", "lane-copy-" + i).put("title", "L" + i)
            .put("kind", "text"));
      }
    });
    damage.put("journeys[0].cells[0].text", e -> journey(e).getJsonArray("cells")
        .add(laneCell(e, 0).put("text", "soita\u0007\u001b]0;x\u0007")));
    damage.put("journeys[0].cells[0].text ", e -> journey(e).getJsonArray("cells")
        .add(laneCell(e, 0).put("text", "x".repeat(5_000))));
    damage.put("defaults.arbitrary", e -> e.getJsonObject("defaults").put("arbitrary", "stored and served"));

    int before = api.get("/api/workshops", facilitator).body().getJsonArray("workshops").size();
    for (Map.Entry<String, Consumer<JsonObject>> d : damage.entrySet()) {
      JsonObject damaged = export.copy();
      d.getValue().accept(damaged);
      Api.Reply r = api.post("/api/workshops/import", facilitator, damaged);
      assertEquals(400, r.status(), d.getKey() + ": " + r.body().encode());
      assertEquals("invalid_import", r.errorCode(), d.getKey());
      String field = d.getKey().strip();
      assertTrue(r.body().getJsonObject("error").getString("message").contains(field),
          d.getKey() + ": " + r.body().encode());
    }
    assertEquals(before, api.get("/api/workshops", facilitator).body().getJsonArray("workshops").size(),
        "nothing was stored");
  }
}
