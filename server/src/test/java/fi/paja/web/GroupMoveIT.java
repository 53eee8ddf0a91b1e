package fi.paja.web;

import static fi.paja.support.Api.addNote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.RawBridge;
import fi.paja.support.ServerTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Moving a group is one event, however many notes it holds: twenty moves of a hundred-note group are twenty events
 * (they were two thousand, beyond the catch-up window), and a note that a member may not see does not move for her.
 */
class GroupMoveIT extends ServerTestBase {

  @Test
  void twentyMovesOfAHundredNoteGroupAreTwentyEventsFilteredPerViewer() throws Exception {
    String facilitator = api.login();
    JsonObject workshop = api.createWorkshop(facilitator, "Ryhmän siirto");
    String id = workshop.getString("id");
    JsonObject aino = api.join(workshop.getString("joinCode"), "Aino");
    JsonObject bertil = api.join(workshop.getString("joinCode"), "Bertil");

    JsonArray noteIds = new JsonArray();
    for (int i = 0; i < 99; i++) {
      String noteId = "note-" + String.format("%04d", i) + "-abcdef";
      api.commandOk(id, facilitator, addNote("idea " + i, i * 10, 0).put("id", noteId));
      noteIds.add(noteId);
    }
    api.commandOk(id, facilitator, new JsonObject().put("op", "settings.update").put("privateMode", true));
    String secret = "secret-note-of-aino";
    api.commandOk(id, aino.getString("token"), addNote("vain minulle", 500, 500).put("id", secret));
    api.commandOk(id, facilitator, new JsonObject().put("op", "settings.update").put("privateMode", false));
    String cluster = "group-of-a-hundred";
    api.commandOk(id, facilitator, new JsonObject().put("op", "cluster.create").put("id", cluster)
        .put("noteIds", noteIds).put("title", "Sata"));
    api.commandOk(id, aino.getString("token"), new JsonObject().put("op", "cluster.add").put("id", cluster)
        .put("noteId", secret));

    String events = "workshop." + id + ".events";
    try (RawBridge bertilSocket = RawBridge.connect(vertx, server.port())) {
      String presence = "workshop." + id + ".presence";
      bertilSocket.register(presence, bertil.getString("token"));
      bertilSocket.register(events, bertil.getString("token"));
      bertilSocket.awaitFrame(f -> presence.equals(f.getString("address")), 10_000);
      long before = api.get("/api/workshops/" + id, facilitator).body().getLong("seq");
      for (int i = 0; i < 20; i++) {
        api.commandOk(id, facilitator, new JsonObject().put("op", "cluster.move").put("id", cluster)
            .put("dx", 10).put("dy", 5));
      }
      long after = api.get("/api/workshops/" + id, facilitator).body().getLong("seq");
      assertEquals(20, after - before, "events for 20 group moves");

      List<JsonObject> seen = bertilSocket.events(events, 20, 10_000);
      for (JsonObject event : seen) {
        assertEquals("cluster.moved", event.getString("type"), event.encode());
        assertEquals(cluster, event.getString("clusterId"));
        JsonArray positions = event.getJsonArray("positions");
        assertEquals(99, positions.size(), "Bertil sees 99 of the 100 notes");
        assertFalse(positions.encode().contains(secret), "a hidden note's position reached Bertil");
        assertFalse(event.containsKey("_v"));
      }
      JsonObject last = seen.get(19).getJsonArray("positions").getJsonObject(0);
      assertEquals(200.0, last.getDouble("x"), 0.001);
      assertEquals(100.0, last.getDouble("y"), 0.001);
    }

    // Aino catches up: her own hidden note moves with the group.
    JsonObject caughtUp = api.get("/api/workshops/" + id + "/events?after=0", aino.getString("token")).body();
    JsonObject lastMove = null;
    for (Object e : caughtUp.getJsonArray("events")) {
      if ("cluster.moved".equals(((JsonObject) e).getString("type"))) {
        lastMove = (JsonObject) e;
      }
    }
    assertTrue(lastMove != null && lastMove.getJsonArray("positions").size() == 100,
        "Aino's catch-up: " + lastMove);
    JsonObject snapshot = api.get("/api/workshops/" + id, aino.getString("token")).body();
    JsonObject mine = snapshot.getJsonArray("notes").stream().map(JsonObject.class::cast)
        .filter(n -> secret.equals(n.getString("id"))).findFirst().orElseThrow();
    assertEquals(700.0, mine.getDouble("x"), 0.001);
    assertEquals(600.0, mine.getDouble("y"), 0.001);
    assertFalse(api.get("/api/workshops/" + id, bertil.getString("token")).body().encode().contains(secret));
  }
}
