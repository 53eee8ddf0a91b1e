package fi.paja.web;

import static fi.paja.support.Api.addNote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import fi.paja.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One person with many pseudonyms must not fill a board for everyone: each participant has a quota of notes and of
 * text, a join code lets only so many people join a minute, and the browser learns the numbers from /api/config.
 * Defaults throughout (docs/SECURITY.md); behind a trusted proxy so that joins can come from many addresses.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParticipantQuotasIT {

  private TestServer server;
  private Api api;
  private String facilitator;

  @BeforeAll
  void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("PAJA_TRUSTED_PROXIES", "127.0.0.1"));
    api = new Api(vertx, server.port());
    facilitator = api.login();
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  private JsonObject join(String code, String name, String from) throws Exception {
    Api.Reply r = api.postForwarded("/api/join", from, new JsonObject().put("code", code).put("name", name));
    assertEquals(200, r.status(), r.body().encode());
    return r.body();
  }

  @Test
  void configTellsTheBrowserThePerParticipantLimits() throws Exception {
    JsonObject config = api.get("/api/config", null).body();
    assertEquals(200, config.getInteger("maxNotesPerParticipant"));
    assertEquals(50_000, config.getInteger("maxTextPerParticipant"));
    assertEquals(200, config.getInteger("maxParticipants"));
  }

  @Test
  void aParticipantsTextIsLimitedAndOthersCanStillWrite() throws Exception {
    JsonObject workshop = api.createWorkshop(facilitator, "Tekstikiintiö");
    String id = workshop.getString("id");
    JsonObject aino = join(workshop.getString("joinCode"), "Aino", "198.51.100.1");
    String full = "ä".repeat(2_000);
    for (int i = 0; i < 25; i++) {
      api.commandOk(id, aino.getString("token"), addNote(full, i, 0));
    }
    Api.Reply refused = api.command(id, aino.getString("token"), addNote("vielä yksi", 0, 0));
    assertEquals(409, refused.status(), refused.body().encode());
    assertEquals("text_quota_exceeded", refused.errorCode());

    // Shrinking a note makes room; growing one is charged like a new note.
    String first = api.get("/api/workshops/" + id, aino.getString("token")).body().getJsonArray("notes")
        .getJsonObject(0).getString("id");
    Api.Reply shrink = api.command(id, aino.getString("token"),
        new JsonObject().put("op", "note.update").put("id", first).put("text", "lyhyt"));
    assertEquals(200, shrink.status(), shrink.body().encode());
    assertEquals(200, api.command(id, aino.getString("token"), addNote("y".repeat(1_995), 0, 0)).status());
    Api.Reply grow = api.command(id, aino.getString("token"),
        new JsonObject().put("op", "note.update").put("id", first).put("text", "lyhyet"));
    assertEquals("text_quota_exceeded", grow.errorCode());

    JsonObject bertil = join(workshop.getString("joinCode"), "Bertil", "198.51.100.2");
    assertEquals(200, api.command(id, bertil.getString("token"), addNote(full, 0, 300)).status());
  }

  @Test
  void aParticipantHasAtMost200Notes() throws Exception {
    JsonObject workshop = api.createWorkshop(facilitator, "Lappukiintiö");
    String id = workshop.getString("id");
    JsonObject aino = join(workshop.getString("joinCode"), "Aino", "198.51.100.3");
    for (int i = 0; i < 200; i++) {
      api.commandOk(id, aino.getString("token"), addNote("lappu " + i, i, 0));
    }
    Api.Reply refused;
    do {
      refused = api.command(id, aino.getString("token"), addNote("liikaa", 0, 0));
    } while (refused.status() == 429);
    assertEquals(409, refused.status(), refused.body().encode());
    assertEquals("note_quota_exceeded", refused.errorCode());
    assertEquals(200, api.get("/api/workshops/" + id, aino.getString("token")).body().getJsonArray("notes").size());
  }

  @Test
  void aJoinCodeLetsAtMost120PeopleJoinAMinuteFromAnyNumberOfAddresses() throws Exception {
    JsonObject workshop = api.createWorkshop(facilitator, "Liittymisraja");
    String code = workshop.getString("joinCode");
    int joined = 0;
    int limited = 0;
    long start = System.nanoTime();
    for (int i = 0; i < 140; i++) {
      Api.Reply r = api.postForwarded("/api/join", "203.0.113." + (i + 1),
          new JsonObject().put("code", code).put("name", "Nimi " + i));
      if (r.status() == 200) {
        joined++;
      } else {
        assertEquals(429, r.status(), r.body().encode());
        assertEquals("rate_limited", r.errorCode());
        limited++;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    // 120 at once, then two a second.
    assertTrue(joined >= 120 && joined <= 120 + 2 * seconds + 1, joined + " joined in " + seconds + " s");
    assertTrue(limited >= 1, "none limited");
    // Another workshop's code is not affected.
    JsonObject other = api.createWorkshop(facilitator, "Toinen");
    join(other.getString("joinCode"), "Aino", "192.0.2.77");
  }

  @Test
  void aFullWorkshopRefusesJoinsWithWorkshopFullUntilSomeoneIsRemoved() throws Exception {
    // A Vert.x of its own: two servers on one event bus would answer for each other's boards.
    Vertx vertx = Vertx.vertx();
    try (TestServer small = TestServer.start(vertx, Map.of("PAJA_MAX_PARTICIPANTS", "3"))) {
      Api smallApi = new Api(vertx, small.port());
      String owner = smallApi.login();
      JsonObject workshop = smallApi.createWorkshop(owner, "Kolme paikkaa");
      JsonObject aino = smallApi.join(workshop.getString("joinCode"), "Aino");
      smallApi.join(workshop.getString("joinCode"), "Bertil");
      Api.Reply full = smallApi.post("/api/join", null,
          new JsonObject().put("code", workshop.getString("joinCode")).put("name", "Cecilia"));
      assertEquals(409, full.status(), full.body().encode());
      assertEquals("workshop_full", full.errorCode());
      assertEquals(3, smallApi.get("/api/config", null).body().getInteger("maxParticipants"));

      smallApi.commandOk(workshop.getString("id"), owner, new JsonObject().put("op", "participant.remove")
          .put("participantId", aino.getString("participantId")));
      smallApi.join(workshop.getString("joinCode"), "Cecilia");
    } finally {
      TestServer.await(vertx.close());
    }
  }
}
