package fi.paja.storage;

import static fi.paja.support.Api.addNote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import fi.paja.support.Await;
import fi.paja.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Changes that a load replays from the op log are written by the next checkpoint like new ones: before, that
 * checkpoint moved the board's checkpoint past them without writing them, and the second restart lost them.
 */
@ExtendWith(VertxExtension.class)
class RepeatedRestartIT {

  private static final Pattern CHECKPOINTS = Pattern.compile("paja_checkpoints_total\\{result=\"ok\"} ([0-9.]+)");

  @Test
  void changesReplayedAtLoadSurviveTheNextCheckpointAndRestart(Vertx vertx) throws Exception {
    try (TestServer server = TestServer.start(vertx)) {
      Api api = new Api(vertx, server.port());
      String facilitator = api.login();
      JsonObject workshop = api.createWorkshop(facilitator, "Kaksi uudelleenkäynnistystä");
      String id = workshop.getString("id");
      JsonObject aino = api.join(workshop.getString("joinCode"), "Aino");
      String token = aino.getString("token");
      String first = api.command(id, token, addNote("first", 10, 10)).body().getString("noteId");
      String edited = api.command(id, token, addNote("old text", 20, 20)).body().getString("noteId");
      api.commandOk(id, token, new JsonObject().put("op", "note.update").put("id", edited).put("text", "new text"));
      api.commandOk(id, facilitator, new JsonObject().put("op", "participant.role")
          .put("participantId", aino.getString("participantId")).put("role", "cofacilitator"));

      // Restarted before any checkpoint: all of that is only in the log and is replayed at the next load.
      server.restart();
      api = new Api(vertx, server.port());
      double before = checkpoints(api);
      String second = api.command(id, token, addNote("second", 30, 30)).body().getString("noteId");
      JsonObject bertil = api.join(workshop.getString("joinCode"), "Bertil");
      awaitCheckpointAfter(api, before);

      server.restart();
      api = new Api(vertx, server.port());
      JsonObject snapshot = api.get("/api/workshops/" + id, token).body();
      Map<String, String> notes = snapshot.getJsonArray("notes").stream().map(JsonObject.class::cast)
          .collect(Collectors.toMap(n -> n.getString("id"), n -> n.getString("text")));
      assertEquals(Map.of(first, "first", edited, "new text", second, "second"), notes);
      Map<String, String> roles = snapshot.getJsonArray("participants").stream().map(JsonObject.class::cast)
          .collect(Collectors.toMap(p -> p.getString("id"), p -> p.getString("role")));
      assertEquals("cofacilitator", roles.get(aino.getString("participantId")));
      assertEquals("participant", roles.get(bertil.getString("participantId")));
    }
  }

  @Test
  void aBoardUnloadedForIdlenessWritesItsCheckpointFirst(Vertx vertx) throws Exception {
    try (TestServer server = TestServer.start(vertx, Map.of("PAJA_BOARD_IDLE_SECONDS", "1"))) {
      Api api = new Api(vertx, server.port());
      JsonObject workshop = api.createWorkshop(api.login(), "Joutilas");
      String token = api.join(workshop.getString("joinCode"), "Aino").getString("token");
      double before = checkpoints(api);
      api.commandOk(workshop.getString("id"), token, addNote("viimeinen", 1, 1));
      Await.until("the idle board to be unloaded", Duration.ofSeconds(15),
          () -> api.getText("/metrics").contains("paja_boards_active 0.0"));
      // Unloaded within 1-2 s of the last change, before the periodic checkpoint (2 s after loading) could run.
      assertTrue(checkpoints(api) > before, "unloaded without a checkpoint: the next load replays the log");
    }
  }

  private static double checkpoints(Api api) throws Exception {
    String body = api.getText("/metrics");
    Matcher m = CHECKPOINTS.matcher(body);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  /** A checkpoint is written within a few seconds of a change; the metric says when. */
  private static void awaitCheckpointAfter(Api api, double before) throws Exception {
    Await.until("a checkpoint to be written", Duration.ofSeconds(15), () -> checkpoints(api), n -> n > before);
  }
}
