package fi.paja.web;

import static fi.paja.support.Api.addNote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import fi.paja.support.RawBridge;
import fi.paja.support.ServerTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A client that was away catches up by seq and ends with exactly the server's state, or is told to reload. */
class ReconnectIT extends ServerTestBase {

  /** {@code writers} people each make {@code each} changes at once (adds, then moves and edits of their notes). */
  private void busyWorkshop(JsonObject workshop, int writers, int each) throws Exception {
    String id = workshop.getString("id");
    List<String> tokens = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      tokens.add(api.join(workshop.getString("joinCode"), "Kirjoittaja " + w).getString("token"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new ArrayList<>();
    for (String token : tokens) {
      done.add(pool.submit(() -> {
        String last = null;
        for (int i = 0; i < each; i++) {
          JsonObject command = last == null || i % 3 == 0 ? addNote("lappu " + i, i, i)
              : i % 3 == 1 ? new JsonObject().put("op", "note.move").put("id", last).put("x", i * 7).put("y", -i)
                  : new JsonObject().put("op", "note.update").put("id", last).put("text", "muokattu " + i);
          Api.Reply r = api.command(id, token, command);
          if (r.status() != 200) {
            throw new AssertionError(r.body().encode());
          }
          if (r.body().getString("noteId") != null) {
            last = r.body().getString("noteId");
          }
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
  }

  private static void apply(Map<String, JsonObject> notes, JsonObject event) {
    switch (event.getString("type")) {
      case "note.added", "note.updated" -> notes.put(event.getJsonObject("note").getString("id"),
          event.getJsonObject("note").copy());
      case "note.moved" -> {
        JsonObject n = notes.get(event.getString("id"));
        if (n != null) {
          n.put("x", event.getDouble("x")).put("y", event.getDouble("y"));
        }
      }
      case "note.deleted" -> notes.remove(event.getString("id"));
      default -> {
      }
    }
  }

  private static Map<String, String> essence(Map<String, JsonObject> notes) {
    Map<String, String> out = new TreeMap<>();
    notes.forEach((id, n) -> out.put(id, n.getString("text") + "@" + n.getDouble("x") + "," + n.getDouble("y")));
    return out;
  }

  @Test
  void aClientAway500EventsCatchesUpBySeqToTheServersExactState() throws Exception {
    JsonObject workshop = api.createWorkshop(api.login(), "Poissa ja takaisin");
    String id = workshop.getString("id");
    JsonObject aino = api.join(workshop.getString("joinCode"), "Aino");
    String token = aino.getString("token");
    JsonObject snapshot;
    try (RawBridge socket = RawBridge.connect(vertx, server.port())) {
      socket.register("workshop." + id + ".events", token);
      api.command(id, token, addNote("ennen katkosta", 1, 1));
      snapshot = api.get("/api/workshops/" + id, token).body();
    }
    long lastSeq = snapshot.getLong("seq");
    Map<String, JsonObject> local = new TreeMap<>();
    snapshot.getJsonArray("notes").forEach(n -> local.put(((JsonObject) n).getString("id"), (JsonObject) n));

    busyWorkshop(workshop, 15, 33); // 15 joins + 495 changes while Aino is away

    Api.Reply missed = api.get("/api/workshops/" + id + "/events?after=" + lastSeq, token);
    assertEquals(200, missed.status());
    JsonArray events = missed.body().getJsonArray("events");
    assertEquals(510, events.size());
    long expected = lastSeq + 1;
    for (Object e : events) {
      assertEquals(expected++, ((JsonObject) e).getLong("seq"));
      apply(local, (JsonObject) e);
    }
    JsonObject now = api.get("/api/workshops/" + id, token).body();
    Map<String, JsonObject> server = new TreeMap<>();
    now.getJsonArray("notes").forEach(n -> server.put(((JsonObject) n).getString("id"), (JsonObject) n));
    assertEquals(now.getLong("seq"), missed.body().getLong("seq"));
    assertEquals(essence(server), essence(local));
  }

  @Test
  void aClientAwayTooLongIsToldToLoadTheSnapshot() throws Exception {
    JsonObject workshop = api.createWorkshop(api.login(), "Liian kauan poissa");
    JsonObject aino = api.join(workshop.getString("joinCode"), "Aino");
    busyWorkshop(workshop, 30, 36); // 30 joins + 1,080 changes: more than the 1,000 kept for catching up
    Api.Reply r = api.get("/api/workshops/" + workshop.getString("id") + "/events?after=1", aino.getString("token"));
    assertEquals(409, r.status());
    assertEquals("snapshot_required", r.errorCode());
    Api.Reply recent = api.get("/api/workshops/" + workshop.getString("id") + "/events?after=1000",
        aino.getString("token"));
    assertEquals(200, recent.status());
    assertTrue(recent.body().getJsonArray("events").size() > 100);
  }
}
