package fi.paja.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import fi.paja.support.RawBridge;
import fi.paja.support.ServerTestBase;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Events that reach a node together are written to each browser on SockJS as one frame: still every event, in seq
 * order, each as that member may see it.
 */
class FanOutBatchingIT extends ServerTestBase {

  private static final int WRITERS = 16;
  private static final int NOTES_EACH = 12;

  @Test
  void eventsThatArriveTogetherReachEveryoneInOrderAndFilteredForThem() throws Exception {
    String facilitatorToken = api.login();
    JsonObject workshop = api.createWorkshop(facilitatorToken, "Yhtä aikaa");
    String id = workshop.getString("id");
    String code = workshop.getString("joinCode");
    assertEquals(200, api.command(id, facilitatorToken, new JsonObject().put("op", "settings.update")
        .put("anonymous", true).put("anonymousToFacilitators", false)).status());
    JsonObject aino = api.join(code, "Aino");
    JsonObject bertil = api.join(code, "Bertil");
    List<String> writers = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      writers.add(api.join(code, "Kirjoittaja " + i).getString("token"));
    }
    String events = "workshop." + id + ".events";
    try (RawBridge facilitator = member(RawBridge.connectSockJsWebSocket(vertx, server.port()), id, facilitatorToken);
        RawBridge ainoBrowser = member(RawBridge.connectSockJsWebSocket(vertx, server.port()), id,
            aino.getString("token"));
        RawBridge bertilRaw = member(RawBridge.connect(vertx, server.port()), id, bertil.getString("token"))) {
      long firstSeq = api.get("/api/workshops/" + id, facilitatorToken).body().getLong("seq") + 1;

      List<String> everyone = new ArrayList<>(writers);
      everyone.add(aino.getString("token"));
      ExecutorService pool = Executors.newFixedThreadPool(everyone.size());
      List<Future<?>> done = new ArrayList<>();
      for (String token : everyone) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < NOTES_EACH; i++) {
            api.commandOk(id, token, Api.addNote("lappu " + i, i, 0));
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      int total = everyone.size() * NOTES_EACH;

      String ainoId = aino.getString("participantId");
      for (RawBridge socket : List.of(facilitator, ainoBrowser, bertilRaw)) {
        List<JsonObject> received = socket.events(events, total, 30_000);
        int mine = 0;
        for (int i = 0; i < total; i++) {
          assertEquals(firstSeq + i, received.get(i).getLong("seq"), "events out of order or missing");
          assertEquals("note.added", received.get(i).getString("type"));
        }
        for (JsonObject e : received) {
          JsonObject note = e.getJsonObject("note");
          boolean ainos = ainoId.equals(note.getString("authorId"));
          if (socket == facilitator) {
            assertNotNull(note.getString("authorId"), "the facilitator sees authors (not anonymous to them)");
          } else if (socket == ainoBrowser && note.getBoolean("mine", false)) {
            assertTrue(ainos, "Aino's own note keeps her as its author");
            mine++;
          } else {
            assertFalse(note.containsKey("authorId"), "an anonymous board shows no author to participants");
          }
        }
        assertEquals(socket == ainoBrowser ? NOTES_EACH : 0, mine, "notes marked as the viewer's own");
      }
      assertTrue(ainoBrowser.framesWithSeveralMessages() > 0 && facilitator.framesWithSeveralMessages() > 0,
          "no SockJS frame carried more than one event");
    }
  }

  /** Registers on the board's events and presence, and waits until the registration has taken effect. */
  private RawBridge member(RawBridge bridge, String workshopId, String token) throws Exception {
    String participantId = api.get("/api/workshops/" + workshopId, token).body().getJsonObject("you")
        .getString("participantId");
    bridge.register("workshop." + workshopId + ".presence", token);
    bridge.register("workshop." + workshopId + ".events", token);
    bridge.awaitOnline(workshopId, participantId, 10_000);
    return bridge;
  }

  @Test
  void everySocketOfABigBoardGetsEveryBatchInOrderThoughTheyAreWrittenInSlices() throws Exception {
    String facilitatorToken = api.login();
    JsonObject workshop = api.createWorkshop(facilitatorToken, "Iso taulu");
    String id = workshop.getString("id");
    String events = "workshop." + id + ".events";
    JsonObject viewer = api.join(workshop.getString("joinCode"), "Katsoja");
    List<String> writers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      writers.add(api.join(workshop.getString("joinCode"), "Kirjoittaja " + i).getString("token"));
    }
    // One person in many tabs: more sockets than one slice on each HTTP verticle.
    int count = 3 * EventFanOut.SOCKETS_PER_TASK + 7;
    List<RawBridge> sockets = new ArrayList<>();
    try {
      String presence = "workshop." + id + ".presence";
      for (int i = 0; i < count; i++) {
        RawBridge socket = RawBridge.connectSockJsWebSocket(vertx, server.port());
        sockets.add(socket);
        socket.register(events, viewer.getString("token"));
        socket.register(presence, viewer.getString("token"));
      }
      // A socket's frames are handled in order: once its presence came, its events registration is in place.
      for (RawBridge socket : sockets) {
        socket.awaitFrame(f -> presence.equals(f.getString("address")), 10_000);
      }
      long firstSeq = api.get("/api/workshops/" + id, facilitatorToken).body().getLong("seq") + 1;

      ExecutorService pool = Executors.newFixedThreadPool(writers.size());
      List<Future<?>> done = new ArrayList<>();
      for (String token : writers) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < 5; i++) {
            api.commandOk(id, token, Api.addNote("viipale " + i, i, 0));
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      int total = writers.size() * 5;

      for (RawBridge socket : sockets) {
        List<JsonObject> received = socket.events(events, total, 30_000);
        for (int i = 0; i < total; i++) {
          assertEquals(firstSeq + i, received.get(i).getLong("seq"), "events out of order or missing");
        }
      }
    } finally {
      for (RawBridge socket : sockets) {
        socket.close();
      }
    }
  }
}
