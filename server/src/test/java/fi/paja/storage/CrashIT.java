package fi.paja.storage;

import static fi.paja.support.Api.addNote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import fi.paja.support.Await;
import fi.paja.support.ServerProcess;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The built server jar in its own process, killed with SIGKILL while clients are writing: after a restart every
 * acknowledged note is there, and every note that is there is whole.
 */
@ExtendWith(VertxExtension.class)
@Tag("slow")
class CrashIT {

  @Test
  void killingTheServerLosesNoAcknowledgedCommand(Vertx vertx) throws Exception {
    Path dataDir = Files.createTempDirectory("paja-crash");
    int port = ServerProcess.freePort();
    Process server = ServerProcess.start(dataDir, port, Map.of());
    Map<String, String> acknowledged = new ConcurrentHashMap<>();
    String workshopId;
    String token;
    try {
      Api api = new Api(vertx, port);
      ServerProcess.awaitHealthy(api);
      JsonObject workshop = api.createWorkshop(api.login(), "Kaatumistesti");
      workshopId = workshop.getString("id");
      token = api.join(workshop.getString("joinCode"), "Aino").getString("token");

      AtomicBoolean running = new AtomicBoolean(true);
      ExecutorService writers = Executors.newFixedThreadPool(4);
      for (int w = 0; w < 4; w++) {
        int writer = w;
        String id = workshopId;
        writers.submit(() -> {
          for (int i = 0; running.get(); i++) {
            String text = "writer " + writer + " note " + i;
            try {
              Api.Reply r = api.command(id, token, addNote(text, i, writer));
              if (r.status() == 200) {
                acknowledged.put(r.body().getString("noteId"), text);
              }
            } catch (Exception connectionLost) {
              return;
            }
          }
        });
      }
      Await.within(Duration.ofSeconds(10), () -> acknowledged.size() >= 200);
      server.destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
      server.waitFor(10, TimeUnit.SECONDS);
      running.set(false);
      writers.shutdown();
      assertTrue(writers.awaitTermination(20, TimeUnit.SECONDS));
    } finally {
      server.destroyForcibly();
    }
    assertTrue(acknowledged.size() >= 50, "only " + acknowledged.size() + " commands were acknowledged");

    Process restarted = ServerProcess.start(dataDir, port, Map.of());
    try {
      Api api = new Api(vertx, port);
      ServerProcess.awaitHealthy(api);
      JsonObject snapshot = api.get("/api/workshops/" + workshopId, token).body();
      Map<String, String> stored = new ConcurrentHashMap<>();
      snapshot.getJsonArray("notes").forEach(n -> stored.put(((JsonObject) n).getString("id"),
          ((JsonObject) n).getString("text")));
      for (Map.Entry<String, String> ack : acknowledged.entrySet()) {
        assertEquals(ack.getValue(), stored.get(ack.getKey()), "acknowledged note lost: " + ack);
      }
      Set<String> extra = new java.util.HashSet<>(stored.keySet());
      extra.removeAll(acknowledged.keySet());
      // At most the commands in flight at the kill may have been stored without their acknowledgement; whole ones.
      assertTrue(extra.size() <= 8, "unexpected notes: " + extra.size());
      snapshot.getJsonArray("notes").forEach(n -> assertTrue(
          ((JsonObject) n).getString("text").matches("writer \\d note \\d+")));
      assertEquals(stored.size() + 1, snapshot.getLong("seq")); // one participant.joined, then one event per note
    } finally {
      restarted.destroy();
      restarted.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
