package fi.paja.storage;

import static fi.paja.support.Api.addNote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import fi.paja.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class RestartIT {

  @Test
  void aRestartOnTheSameDataDirectoryKeepsEveryAcknowledgedNote(Vertx vertx) throws Exception {
    try (TestServer server = TestServer.start(vertx)) {
      Api api = new Api(vertx, server.port());
      JsonObject workshop = api.createWorkshop(api.login(), "Ennen ja jälkeen");
      String id = workshop.getString("id");
      JsonObject aino = api.join(workshop.getString("joinCode"), "Aino");
      String token = aino.getString("token");
      Set<String> texts = new HashSet<>();
      for (int i = 0; i < 30; i++) {
        String text = "Muistilappu " + i + " – åäö";
        assertEquals(200, api.command(id, token, addNote(text, i * 10, i * 5)).status());
        texts.add(text);
      }
      String moved = api.command(id, token, addNote("liikkuva", 0, 0)).body().getString("noteId");
      api.command(id, token, new JsonObject().put("op", "note.move").put("id", moved).put("x", 777).put("y", 888));
      texts.add("liikkuva");
      long seqBefore = api.get("/api/workshops/" + id, token).body().getLong("seq");

      server.restart();
      api = new Api(vertx, server.port());

      JsonObject snapshot = api.get("/api/workshops/" + id, token).body();
      assertEquals(seqBefore, snapshot.getLong("seq"));
      JsonArray notes = snapshot.getJsonArray("notes");
      Set<String> after = new HashSet<>();
      notes.forEach(n -> after.add(((JsonObject) n).getString("text")));
      assertEquals(texts, after);
      JsonObject movedNote = notes.stream().map(JsonObject.class::cast)
          .filter(n -> n.getString("id").equals(moved)).findFirst().orElseThrow();
      assertEquals(777.0, movedNote.getDouble("x"));
      // Tokens, join codes and sequence numbers carry on too.
      assertEquals(seqBefore + 1, api.command(id, token, addNote("after restart", 0, 0)).body().getLong("seq"));
      assertEquals(id, api.join(workshop.getString("joinCode"), "Bertil").getString("workshopId"));
      assertTrue(api.get("/api/workshops/" + id + "/events?after=" + (seqBefore - 3), token).body()
          .getJsonArray("events").size() >= 3);
    }
  }
}
