package fi.paja.privacy;

import static fi.paja.support.Api.addNote;
import static fi.paja.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import fi.paja.support.Await;
import fi.paja.support.MovableClock;
import fi.paja.support.StoredData;
import fi.paja.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retention and erasure seen from outside: after them, the people erased are nowhere in MongoDB (every collection
 * read, the op log included) and on no channel (snapshot, catch-up, REST, every export format, public page).
 */
@ExtendWith(VertxExtension.class)
class RetentionIT {

  private static final String KUKKA = "Kukkaruukku";
  private static final String PILVI = "Pilvilinna";
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

  private String noteId(Api.Reply reply) {
    assertEquals(200, reply.status(), reply.body().encode());
    return reply.body().getString("noteId");
  }

  /** Every channel a facilitator or the public has; none may name the people or their ids. */
  private void noChannelNames(Api api, String id, String facilitator, String... secrets) throws Exception {
    Api.Reply snapshot = api.get("/api/workshops/" + id, facilitator);
    assertEquals(200, snapshot.status(), snapshot.body().encode());
    StoredData.assertNowhere("the snapshot", snapshot.body().encode(), secrets);
    Api.Reply events = api.get("/api/workshops/" + id + "/events?after=0", facilitator);
    assertTrue(events.status() == 409 || events.status() == 200, events.body().encode());
    if (events.status() == 409) {
      assertEquals("snapshot_required", events.errorCode());
    }
    StoredData.assertNowhere("the events", events.body().encode(), secrets);
    for (String format : List.of("md", "json", "csv", "jira", "azure")) {
      String text = api.getText("/api/workshops/" + id + "/export?format=" + format, facilitator);
      StoredData.assertNowhere("the " + format + " export", text, secrets);
    }
    String publicId = snapshot.body().getString("publicId");
    Api.Reply page = api.get("/api/public/" + publicId, null);
    assertEquals(200, page.status());
    StoredData.assertNowhere("the public page", page.body().encode(), secrets);
  }

  @Test
  void retentionErasesEveryoneOnceThePeriodAfterClosingHasPassed(Vertx vertx) throws Exception {
    MovableClock clock = new MovableClock();
    server = TestServer.start(vertx, Map.of("PAJA_RETENTION_DAYS", "30", "PAJA_RETENTION_CHECK_SECONDS", "1"), clock);
    Api api = new Api(vertx, server.port());
    String facilitator = api.login();
    JsonObject workshop = api.createWorkshop(facilitator, "Asiakasraati, säilytysaika");
    String id = workshop.getString("id");
    JsonObject kukka = api.join(workshop.getString("joinCode"), KUKKA);
    JsonObject pilvi = api.join(workshop.getString("joinCode"), PILVI);
    String kukkaToken = kukka.getString("token");
    noteId(api.command(id, kukkaToken, addNote("Jonot ovat liian pitkiä", 0, 0)));
    String deleted = noteId(api.command(id, kukkaToken, addNote("Tämä poistetaan", 200, 0)));
    api.commandOk(id, kukkaToken, new JsonObject().put("op", "note.delete").put("id", deleted));
    noteId(api.command(id, pilvi.getString("token"), addNote("Neuvonta puhelimessa", 0, 200)));

    await(mongo().updateCollection("workshops", new JsonObject().put("_id", id),
        new JsonObject().put("$set", new JsonObject().put("closedAt", clock.instant().toString()))));
    // Not yet: the job runs every second, the period is 30 days. Watched while the job runs twice.
    Await.never("the workshop anonymised before its 30 days", Duration.ofMillis(2_500),
        () -> await(mongo().findOne("workshops", new JsonObject().put("_id", id), null))
            .getString("anonymisedAt") != null);
    assertTrue(StoredData.everything(mongo()).contains(KUKKA));

    clock.advance(Duration.ofDays(30).plusMinutes(1));
    JsonObject doc = Await.until("retention to anonymise the workshop", Duration.ofSeconds(20),
        () -> await(mongo().findOne("workshops", new JsonObject().put("_id", id), null)),
        d -> d.getString("anonymisedAt") != null);

    String[] secrets = {KUKKA, PILVI, kukka.getString("participantId"), pilvi.getString("participantId"),
        "Tämä poistetaan"};
    StoredData.assertNotStored(mongo(), secrets);
    assertEquals(0L, await(mongo().count("events", new JsonObject().put("w", id))));
    for (JsonObject note : await(mongo().find("notes", new JsonObject().put("w", id)))) {
      assertNull(note.getJsonObject("n").getString("authorId"), note.encode());
    }
    // The notes stay, anonymised.
    assertEquals(2L, await(mongo().count("notes", new JsonObject().put("w", id))));
    // A facilitator's token lasts 12 hours of the clock: log in again a month later.
    facilitator = api.login();
    noChannelNames(api, id, facilitator, secrets);
    Api.Reply snapshot = api.get("/api/workshops/" + id, facilitator);
    assertEquals(doc.getString("anonymisedAt"), snapshot.body().getString("anonymisedAt"));
    assertEquals(2, snapshot.body().getJsonArray("notes").size());
    Api.Reply page = api.get("/api/public/" + snapshot.body().getString("publicId"), null);
    assertEquals(doc.getString("anonymisedAt"), page.body().getString("anonymisedAt"));
    assertTrue(api.get("/api/workshops/" + id, kukkaToken).status() >= 400);

    // It stays so across a restart (the board is loaded from what was stored), and is not run again.
    server.restart();
    api = new Api(vertx, server.port());
    noChannelNames(api, id, api.login(), secrets);
  }

  @Test
  void aParticipantLeavesWithTheirNotesAndAFacilitatorExportsAndErasesAnother(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of());
    Api api = new Api(vertx, server.port());
    String facilitator = api.login();
    JsonObject workshop = api.createWorkshop(facilitator, "Kehittäjäryhmä");
    String id = workshop.getString("id");
    JsonObject kukka = api.join(workshop.getString("joinCode"), KUKKA);
    JsonObject pilvi = api.join(workshop.getString("joinCode"), PILVI);
    JsonObject third = api.join(workshop.getString("joinCode"), "Kolmas");
    String kukkaToken = kukka.getString("token");
    String pilviToken = pilvi.getString("token");
    noteId(api.command(id, kukkaToken, addNote("Kukan oma ajatus", 0, 0)));
    noteId(api.command(id, kukkaToken, addNote("Kukan toinen ajatus", 200, 0)));
    String pilviNote = noteId(api.command(id, pilviToken, addNote("Pilven ajatus jää", 0, 200)));

    // A participant may erase nobody, and nobody may erase the owner.
    String ownerId = api.get("/api/workshops/" + id, facilitator).body().getJsonObject("you")
        .getString("participantId");
    assertEquals(403, api.post("/api/workshops/" + id + "/participants/" + pilvi.getString("participantId")
        + "/erase", third.getString("token"), new JsonObject()).status());
    assertEquals(403, api.post("/api/workshops/" + id + "/participants/" + ownerId + "/erase", facilitator,
        new JsonObject()).status());
    assertEquals(403, api.get("/api/workshops/" + id + "/participants/" + kukka.getString("participantId")
        + "/export", pilviToken).status());

    // The facilitator's export of one participant: a file with their pseudonym and notes.
    String file = api.getText("/api/workshops/" + id + "/participants/" + kukka.getString("participantId")
        + "/export", facilitator);
    JsonObject export = new JsonObject(file);
    assertEquals(KUKKA, export.getJsonObject("participant").getString("pseudonym"));
    assertEquals(2, export.getJsonArray("notes").size());
    assertFalse(file.contains(PILVI));

    // Kukkaruukku deletes her notes and leaves.
    Api.Reply left = api.post("/api/workshops/" + id + "/leave", kukkaToken, new JsonObject());
    assertEquals(200, left.status(), left.body().encode());
    String[] hers = {KUKKA, kukka.getString("participantId"), "Kukan oma ajatus", "Kukan toinen ajatus"};
    StoredData.assertNotStored(mongo(), hers);
    assertEquals(0L, await(mongo().count("events", new JsonObject().put("w", id)
        .put("s", new JsonObject().put("$lte", left.body().getLong("seq"))))));
    noChannelNames(api, id, facilitator, hers);
    // Her sessions are gone with her.
    assertEquals(401, api.get("/api/workshops/" + id, kukkaToken).status());

    // The facilitator erases Pilvilinna: her note stays, without its author.
    Api.Reply erased = api.post("/api/workshops/" + id + "/participants/" + pilvi.getString("participantId")
        + "/erase", facilitator, new JsonObject());
    assertEquals(200, erased.status(), erased.body().encode());
    String[] theirs = {KUKKA, PILVI, kukka.getString("participantId"), pilvi.getString("participantId")};
    StoredData.assertNotStored(mongo(), theirs);
    JsonObject stored = await(mongo().findOne("notes", new JsonObject().put("_id", id + "/" + pilviNote), null));
    assertEquals("Pilven ajatus jää", stored.getJsonObject("n").getString("text"));
    assertNull(stored.getJsonObject("n").getString("authorId"));
    noChannelNames(api, id, facilitator, theirs);
    assertEquals(404, api.get("/api/workshops/" + id + "/participants/" + pilvi.getString("participantId")
        + "/export", facilitator).status());
    // The third one still works on the board, which goes on after the log was dropped.
    noteId(api.command(id, third.getString("token"), addNote("Jatketaan", 400, 0)));

    server.restart();
    api = new Api(vertx, server.port());
    noChannelNames(api, id, api.login(), theirs);
  }
}
