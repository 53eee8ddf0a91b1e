package fi.paja.web;

import static fi.paja.support.Api.addNote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.RawBridge;
import fi.paja.support.ServerTestBase;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Someone drags a note: many moves in a row without waiting for replies. Moves that a later move of the same
 * person replaces within one group are not applied on their own, yet every one is answered, the note ends where
 * the last move put it, and the events every socket sees stay consecutive and agree with the snapshot.
 */
class DragStormIT extends ServerTestBase {

  /** Within the per-socket burst (40 commands) and the bridge's 64 handlers per socket. */
  private static final int MOVES = 40;

  @Test
  void everyMoveOfADragIsAnsweredAndTheNoteEndsAtTheLastPosition() throws Exception {
    JsonObject workshop = api.createWorkshop(api.login(), "Raahaus");
    String id = workshop.getString("id");
    String dragger = api.join(workshop.getString("joinCode"), "Raahaaja").getString("token");
    JsonObject watcherJoined = api.join(workshop.getString("joinCode"), "Katsoja");
    String watcher = watcherJoined.getString("token");
    String noteId = api.command(id, dragger, addNote("raahattava", 0, 0)).body().getString("noteId");
    long before = api.get("/api/workshops/" + id, dragger).body().getLong("seq");

    try (RawBridge drag = RawBridge.connect(vertx, server.port());
        RawBridge watch = RawBridge.connect(vertx, server.port())) {
      watch.register("workshop." + id + ".presence", watcher);
      watch.register("workshop." + id + ".events", watcher);
      watch.awaitOnline(id, watcherJoined.getString("participantId"), 10_000);
      JsonObject headers = new JsonObject().put("token", dragger);
      List<String> replies = new ArrayList<>();
      for (int i = 1; i <= MOVES; i++) {
        replies.add(drag.send("workshop." + id + ".cmd",
            new JsonObject().put("op", "note.move").put("id", noteId).put("x", i).put("y", -i), headers));
      }
      long lastAckSeq = 0;
      for (String reply : replies) {
        JsonObject frame = drag.awaitFrame(f -> reply.equals(f.getString("address")), 20_000);
        assertEquals("rec", frame.getString("type"), frame::encode);
        lastAckSeq = Math.max(lastAckSeq, frame.getJsonObject("body").getLong("seq"));
      }

      JsonObject snapshot = api.get("/api/workshops/" + id, watcher).body();
      long after = snapshot.getLong("seq");
      assertEquals(after, lastAckSeq, "the last answer carries the seq of the last applied move");
      assertTrue(after - before <= MOVES, "no more events than moves");
      JsonObject note = snapshot.getJsonArray("notes").stream().map(n -> (JsonObject) n)
          .filter(n -> noteId.equals(n.getString("id"))).findFirst().orElseThrow();
      assertEquals(MOVES, note.getDouble("x"));
      assertEquals(-MOVES, note.getDouble("y"));

      List<JsonObject> seen = watch.events("workshop." + id + ".events", (int) (after - before), 20_000);
      long expected = before + 1;
      for (JsonObject event : seen) {
        assertEquals(expected++, event.getLong("seq"));
      }
      JsonObject lastMove = seen.get(seen.size() - 1);
      assertEquals(MOVES, lastMove.getDouble("x"));
    }
  }
}
