package fi.paja.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import fi.paja.config.Limits;
import fi.paja.support.Api;
import fi.paja.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The board redesign's server promises end to end, over REST and across a restart (issue 14). */
@ExtendWith(VertxExtension.class)
class BoardRedesignIT {

  private static JsonObject op(String op) {
    return new JsonObject().put("op", op);
  }

  private static Map<String, String> positions(JsonObject snapshot) {
    Map<String, String> out = new TreeMap<>();
    snapshot.getJsonArray("notes").forEach(o -> {
      JsonObject n = (JsonObject) o;
      out.put(n.getString("id"), n.getDouble("x") + "," + n.getDouble("y"));
    });
    return out;
  }

  private static void assertNoOverlap(JsonArray notes) {
    for (int i = 0; i < notes.size(); i++) {
      for (int j = i + 1; j < notes.size(); j++) {
        JsonObject a = notes.getJsonObject(i);
        JsonObject b = notes.getJsonObject(j);
        assertFalse(Math.abs(a.getDouble("x") - b.getDouble("x")) < Limits.NOTE_WIDTH
            && Math.abs(a.getDouble("y") - b.getDouble("y")) < Limits.NOTE_HEIGHT, a + " overlaps " + b);
      }
    }
  }

  private static JsonObject noteIn(JsonObject snapshot, String id) {
    return snapshot.getJsonArray("notes").stream().map(JsonObject.class::cast)
        .filter(n -> n.getString("id").equals(id)).findFirst().orElse(null);
  }

  @Test
  void afterARevealOfNotesWrittenAtOneSpotNoTwoOverlapForAnyMemberAndAfterARestart(Vertx vertx) throws Exception {
    try (TestServer server = TestServer.start(vertx)) {
      Api api = new Api(vertx, server.port());
      String fac = api.login();
      JsonObject workshop = api.createWorkshop(fac, "Yksityinen ideointi");
      String id = workshop.getString("id");
      api.commandOk(id, fac, op("settings.update").put("privateMode", true));
      List<String> tokens = new ArrayList<>();
      for (String name : List.of("Aino", "Bertil", "Cecilia")) {
        String token = api.join(workshop.getString("joinCode"), name).getString("token");
        tokens.add(token);
        for (int i = 0; i < 3; i++) {
          api.commandOk(id, token, Api.addNote(name + " " + i, 100, 100));
        }
      }
      assertEquals(3, api.get("/api/workshops/" + id, tokens.get(0)).body().getJsonArray("notes").size());

      api.commandOk(id, fac, op("notes.reveal"));

      List<String> everyone = new ArrayList<>(tokens);
      everyone.add(fac);
      Map<String, String> first = positions(api.get("/api/workshops/" + id, fac).body());
      assertEquals(9, first.size());
      for (String token : everyone) {
        JsonObject snapshot = api.get("/api/workshops/" + id, token).body();
        assertNoOverlap(snapshot.getJsonArray("notes"));
        assertEquals(first, positions(snapshot));
      }

      server.restart();
      api = new Api(vertx, server.port());
      for (String token : everyone) {
        assertEquals(first, positions(api.get("/api/workshops/" + id, token).body()), "after the restart");
      }
    }
  }

  @Test
  void aDeletedNoteInAGroupWithDotsIsRestoredForEveryoneAndAfterARestartAndIsSeenNowhereMeanwhile(Vertx vertx)
      throws Exception {
    try (TestServer server = TestServer.start(vertx)) {
      Api api = new Api(vertx, server.port());
      String fac = api.login();
      JsonObject workshop = api.createWorkshop(fac, "Kumoa");
      String id = workshop.getString("id");
      String aino = api.join(workshop.getString("joinCode"), "Aino").getString("token");
      String bertil = api.join(workshop.getString("joinCode"), "Bertil").getString("token");
      String note = api.command(id, aino, Api.addNote("Salaisuus-teksti 42", 10, 10)).body().getString("noteId");
      String other = api.command(id, aino, Api.addNote("Toinen", 400, 10)).body().getString("noteId");
      api.commandOk(id, fac, op("cluster.create").put("id", "group-restore-1").put("title", "Ryhmä")
          .put("noteIds", new JsonArray().add(note).add(other)));
      api.commandOk(id, fac, op("vote.open").put("targets", "notes").put("budget", 3).put("maxPerItem", 3)
          .put("secret", false));
      api.commandOk(id, bertil, op("vote.cast").put("targetId", note));
      api.commandOk(id, bertil, op("vote.cast").put("targetId", note));
      long deletedAt = api.command(id, aino, op("note.delete").put("id", note)).body().getLong("seq");

      // Meanwhile the tombstone is nowhere: snapshot, export, catch-up.
      for (String token : List.of(fac, aino, bertil)) {
        assertNull(noteIn(api.get("/api/workshops/" + id, token).body(), note));
      }
      assertFalse(api.get("/api/workshops/" + id + "/export?format=json", fac).body().encode()
          .contains("Salaisuus-teksti"), "json export");
      assertFalse(api.get("/api/workshops/" + id + "/events?after=" + (deletedAt - 1), bertil).body().encode()
          .contains("Salaisuus-teksti"), "catch-up from the deletion");
      Api.Reply refused = api.command(id, bertil, op("note.restore").put("id", note));
      assertEquals(403, refused.status(), "Bertil did not delete it");

      api.commandOk(id, aino, op("note.restore").put("id", note));

      for (int round = 0; round < 2; round++) {
        for (String token : List.of(fac, aino, bertil)) {
          JsonObject snapshot = api.get("/api/workshops/" + id, token).body();
          JsonObject back = noteIn(snapshot, note);
          assertNotNull(back, "restored" + (round == 1 ? " after the restart" : ""));
          assertEquals("group-restore-1", back.getString("clusterId"));
          assertEquals(2, snapshot.getJsonObject("vote").getJsonObject("tally").getInteger(note));
        }
        if (round == 0) {
          assertEquals(404, api.command(id, aino, op("note.restore").put("id", note)).status(), "not deleted now");
          server.restart();
          api = new Api(vertx, server.port());
        }
      }
    }
  }

  @Test
  void aTombstoneSurvivesARestartAndCanBeRestoredAfterIt(Vertx vertx) throws Exception {
    try (TestServer server = TestServer.start(vertx)) {
      Api api = new Api(vertx, server.port());
      String fac = api.login();
      JsonObject workshop = api.createWorkshop(fac, "Kumoa myöhemmin");
      String id = workshop.getString("id");
      String note = api.command(id, fac, Api.addNote("Palaan", 0, 0)).body().getString("noteId");
      api.commandOk(id, fac, op("cluster.create").put("id", "group-restore-2").put("title", "Yksin")
          .put("noteIds", new JsonArray().add(note)));
      api.commandOk(id, fac, op("note.delete").put("id", note));

      server.restart();
      api = new Api(vertx, server.port());
      assertNull(noteIn(api.get("/api/workshops/" + id, fac).body(), note));
      api.commandOk(id, fac, op("note.restore").put("id", note));
      JsonObject snapshot = api.get("/api/workshops/" + id, fac).body();
      assertEquals("group-restore-2", noteIn(snapshot, note).getString("clusterId"));
      assertEquals("Yksin", snapshot.getJsonArray("clusters").getJsonObject(0).getString("title"));
    }
  }

  @Test
  void arrangeIsOneEventForEveryoneAndOnlyForFacilitators(Vertx vertx) throws Exception {
    try (TestServer server = TestServer.start(vertx)) {
      Api api = new Api(vertx, server.port());
      String fac = api.login();
      JsonObject workshop = api.createWorkshop(fac, "Siivous");
      String id = workshop.getString("id");
      String aino = api.join(workshop.getString("joinCode"), "Aino").getString("token");
      for (int i = 0; i < 5; i++) {
        api.commandOk(id, aino, Api.addNote("n" + i, 0, i * 10));
      }
      assertEquals(403, api.command(id, aino, op("notes.arrange").put("by", "group")).status());
      long seq = api.command(id, fac, op("notes.arrange").put("by", "color")).body().getLong("seq");
      JsonArray events = api.get("/api/workshops/" + id + "/events?after=" + (seq - 1), aino).body()
          .getJsonArray("events");
      assertEquals(1, events.size());
      assertEquals("notes.arranged", events.getJsonObject(0).getString("type"));
      assertNoOverlap(api.get("/api/workshops/" + id, aino).body().getJsonArray("notes"));
      JsonObject placed = api.command(id, aino, op("note.add").put("text", "minne?")).body();
      assertEquals(200, api.command(id, aino, op("note.add").put("text", "minne?")).status());
      assertNoOverlap(api.get("/api/workshops/" + id, aino).body().getJsonArray("notes"));
      assertNotNull(placed.getValue("x"));
    }
  }
}
