package fi.paja.privacy;

import static fi.paja.support.Api.addNote;
import static fi.paja.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import fi.paja.support.MovableClock;
import fi.paja.support.StoredData;
import fi.paja.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A person's request comes most often after the workshop ended: erasure on a workshop closed through the real close
 * route, the SVG pictures (board and journey map) after an erasure, and retention's second period deleting the
 * workshop with everything of it. Read back from every MongoDB collection.
 */
@ExtendWith(VertxExtension.class)
class ErasureAfterCloseIT {

  private static final String KUKKA = "Kukkaruukku";
  private TestServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private MongoClient mongo() {
    return server.storage().mongo();
  }

  private static String lane(JsonObject map, String kind) {
    return map.getJsonArray("lanes").stream().map(JsonObject.class::cast)
        .filter(l -> kind.equals(l.getString("kind"))).findFirst().orElseThrow().getString("id");
  }

  @Test
  void aPersonIsErasedFromAClosedWorkshopAndFromItsPictures(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of());
    Api api = new Api(vertx, server.port());
    String facilitator = api.login();
    Api.Reply created = api.post("/api/workshops", facilitator, new JsonObject().put("title", "Asiakaspolku")
        .put("template", "customer-journey").put("lang", "fi"));
    assertEquals(201, created.status(), created.body().encode());
    String id = created.body().getString("id");
    String code = created.body().getString("joinCode");
    JsonObject kukka = api.join(code, KUKKA);
    JsonObject other = api.join(code, "Toinen");
    String kukkaId = kukka.getString("participantId");
    JsonObject map = api.get("/api/workshops/" + id, facilitator).body().getJsonArray("journeys").getJsonObject(0);
    String mapId = map.getString("id");
    String onBoard = api.command(id, kukka.getString("token"), addNote("Kukan lappu taululla", 0, 0)).body()
        .getString("noteId");
    String inCell = api.command(id, kukka.getString("token"), addNote("Kukan lappu polulla", 300, 0)).body()
        .getString("noteId");
    api.commandOk(id, kukka.getString("token"), new JsonObject().put("op", "note.place").put("id", inCell)
        .put("journeyId", mapId).put("stageId", map.getJsonArray("stages").getJsonObject(0).getString("id"))
        .put("laneId", lane(map, "notes")));
    api.command(id, other.getString("token"), addNote("Toisen lappu", 0, 300));

    // The workshop ends through the real route.
    Api.Reply closed = api.post("/api/workshops/" + id + "/close", facilitator, new JsonObject());
    assertEquals(200, closed.status(), closed.body().encode());
    String boardSvg = api.getText("/api/workshops/" + id + "/export?format=svg", facilitator);
    String journeySvg = api.getText("/api/workshops/" + id + "/journeys/" + mapId + "/svg", facilitator);
    assertTrue(boardSvg.contains("Kukan lappu taululla") && journeySvg.contains("Kukan lappu polulla"));
    // The pictures show no authors today; they must not start naming erased people if they ever do.

    // A closed board still answers a person's request: her file, then her erasure.
    Api.Reply file = api.get("/api/workshops/" + id + "/participants/" + kukkaId + "/export", facilitator);
    assertEquals(200, file.status(), file.body().encode());
    assertEquals(KUKKA, file.body().getJsonObject("participant").getString("pseudonym"));
    Api.Reply erased = api.post("/api/workshops/" + id + "/participants/" + kukkaId + "/erase", facilitator,
        new JsonObject());
    assertEquals(200, erased.status(), erased.body().encode());

    String[] hers = {KUKKA, kukkaId};
    StoredData.assertNotStored(mongo(), hers);
    for (String noteId : new String[] {onBoard, inCell}) {
      JsonObject stored = await(mongo().findOne("notes", new JsonObject().put("_id", id + "/" + noteId), null));
      assertNull(stored.getJsonObject("n").getString("authorId"), stored.encode());
    }
    // The pictures keep her notes, without her name.
    boardSvg = api.getText("/api/workshops/" + id + "/export?format=svg", facilitator);
    journeySvg = api.getText("/api/workshops/" + id + "/journeys/" + mapId + "/svg", facilitator);
    assertTrue(boardSvg.contains("Kukan lappu taululla"), boardSvg);
    assertTrue(journeySvg.contains("Kukan lappu polulla"), journeySvg);
    StoredData.assertNowhere("the board SVG", boardSvg, hers);
    StoredData.assertNowhere("the journey SVG", journeySvg, hers);
    // It is still closed, and the board still read-only.
    JsonObject snapshot = api.get("/api/workshops/" + id, facilitator).body();
    assertEquals(closed.body().getString("closedAt"), snapshot.getString("closedAt"));
    assertEquals("workshop_closed", api.command(id, facilitator, addNote("Ei enää", 0, 600)).errorCode());
  }

  @Test
  void retentionsSecondPeriodDeletesTheWorkshopWithEverythingOfIt(Vertx vertx) throws Exception {
    MovableClock clock = new MovableClock();
    server = TestServer.start(vertx, Map.of("PAJA_RETENTION_DAYS", "30", "PAJA_DELETE_AFTER_DAYS", "60",
        "PAJA_RETENTION_CHECK_SECONDS", "86400"), clock);
    Api api = new Api(vertx, server.port());
    String facilitator = api.login();
    JsonObject workshop = api.createWorkshop(facilitator, "Poistuva työpaja");
    String id = workshop.getString("id");
    JsonObject kept = api.createWorkshop(facilitator, "Jäävä työpaja");
    JsonObject kukka = api.join(workshop.getString("joinCode"), KUKKA);
    api.command(id, kukka.getString("token"), addNote("Kukan ajatus", 0, 0));
    api.command(id, facilitator, new JsonObject().put("op", "outcome.create").put("kind", "decision")
        .put("title", "Päätös jää"));
    assertEquals(200, api.post("/api/workshops/" + id + "/close", facilitator, new JsonObject()).status());
    String publicId = api.get("/api/workshops/" + id, facilitator).body().getString("publicId");
    assertTrue(StoredData.everything(mongo()).contains(id));

    // The first period anonymises; the workshop stays.
    clock.advance(Duration.ofDays(30).plusMinutes(1));
    RetentionJob.Result first = await(server.server().retention().run());
    assertEquals(java.util.List.of(id), first.anonymised());
    assertTrue(first.deleted().isEmpty());
    StoredData.assertNotStored(mongo(), KUKKA, kukka.getString("participantId"));
    assertTrue(StoredData.everything(mongo()).contains("Kukan ajatus"));

    // The second deletes it: nothing in any collection names it, its title, its notes or its public page.
    clock.advance(Duration.ofDays(30));
    RetentionJob.Result second = await(server.server().retention().run());
    assertEquals(java.util.List.of(id), second.deleted());
    String all = StoredData.everything(mongo());
    StoredData.assertNowhere("MongoDB", all, id, "Poistuva työpaja", "Kukan ajatus", "Päätös jää", publicId,
        workshop.getString("joinCode"));
    for (String collection : await(mongo().getCollections())) {
      for (String field : new String[] {"w", "workshopId"}) {
        assertEquals(0L, await(mongo().count(collection, new JsonObject().put(field, id))), collection);
      }
    }
    assertTrue(all.contains(kept.getString("id")), "the other workshop stays");
    facilitator = api.login();
    assertEquals(404, api.get("/api/workshops/" + id, facilitator).status());
    assertEquals(404, api.get("/api/public/" + publicId, null).status());
    JsonArray list = api.get("/api/workshops", facilitator).body().getJsonArray("workshops")
        .addAll(api.get("/api/workshops?archived=true", facilitator).body().getJsonArray("workshops"));
    assertFalse(list.encode().contains(id), list.encode());
  }
}
