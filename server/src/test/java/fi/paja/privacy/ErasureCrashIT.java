package fi.paja.privacy;

import static fi.paja.support.Api.addNote;
import static fi.paja.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.storage.Storage;
import fi.paja.support.Api;
import fi.paja.support.ServerProcess;
import fi.paja.support.StoredData;
import fi.paja.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server process killed (SIGKILL) while an erasure is under way: between the erasure's event being stored and
 * the op log being dropped lies a window in which the log still names the person. Whatever moment the kill comes,
 * after the restart either the erasure did not happen (it was not acknowledged), or nothing the server gives out
 * names the person any more: snapshot, catch-up from the start of the log, every export.
 */
@Tag("slow")
@ExtendWith(VertxExtension.class)
class ErasureCrashIT {

  private static final Map<String, String> ENV = Map.of("PAJA_RATE_LIMITS", "off");
  private static final int ROUNDS = 6;
  private Vertx vertx;
  private Process server;

  @TempDir
  Path dataDir;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  private Api start(int port) throws Exception {
    server = ServerProcess.start(dataDir, port, ENV);
    Api api = new Api(vertx, port);
    ServerProcess.awaitHealthy(api);
    return api;
  }

  /** What a facilitator can get of the workshop, as one text. */
  private static String everythingGivenOut(Api api, String id, String facilitator) throws Exception {
    StringBuilder all = new StringBuilder();
    Api.Reply snapshot = api.get("/api/workshops/" + id, facilitator);
    assertEquals(200, snapshot.status(), snapshot.body().encode());
    all.append(snapshot.body().encode());
    Api.Reply events = api.get("/api/workshops/" + id + "/events?after=0", facilitator);
    assertTrue(events.status() == 200 || "snapshot_required".equals(events.errorCode()), events.body().encode());
    all.append(events.body().encode());
    for (String format : List.of("md", "json", "csv", "jira", "azure", "svg")) {
      all.append(api.getText("/api/workshops/" + id + "/export?format=" + format, facilitator));
    }
    return all.toString();
  }

  @Test
  void aKillDuringAnErasureLeavesNoErasedNameAfterTheRestart(Vertx vertx) throws Exception {
    this.vertx = vertx;
    int port = ServerProcess.freePort();
    Api api = start(port);
    String facilitator = api.login();
    JsonObject workshop = api.createWorkshop(facilitator, "Kaatuva työpaja");
    String id = workshop.getString("id");
    WebClient client = WebClient.create(vertx);

    // A bigger board makes the erasure's checkpoint take a while: the window the kills aim at.
    JsonObject others = api.join(workshop.getString("joinCode"), "Muut");
    for (int i = 0; i < 80; i++) {
      api.command(id, others.getString("token"), addNote("Muiden lappu " + i, (i % 15) * 220, (i / 15) * 140));
    }
    // One erasure not interrupted: how long it takes.
    JsonObject first = api.join(workshop.getString("joinCode"), "Ensimmäinen");
    api.command(id, first.getString("token"), addNote("Ensimmäisen lappu", 0, 2000));
    long t0 = System.nanoTime();
    assertEquals(200, api.post("/api/workshops/" + id + "/participants/" + first.getString("participantId")
        + "/erase", facilitator, new JsonObject()).status());
    long took = Math.max(4, (System.nanoTime() - t0) / 1_000_000);

    List<String> rounds = new ArrayList<>();
    List<String> erased = new ArrayList<>(List.of("Ensimmäinen", first.getString("participantId")));
    for (int round = 0; round < ROUNDS; round++) {
      String name = "Poistettava" + round;
      JsonObject person = api.join(workshop.getString("joinCode"), name);
      String pid = person.getString("participantId");
      erased.add(name);
      erased.add(pid);
      api.command(id, person.getString("token"), addNote("Kierroksen " + round + " lappu", 0, 2200 + round * 150));
      long delay = took * round / (ROUNDS - 2);
      Future<HttpResponse<Buffer>> erase = client.post(port, "127.0.0.1", "/api/workshops/" + id
          + "/participants/" + pid + "/erase").putHeader("Authorization", "Bearer " + facilitator)
          .sendJsonObject(new JsonObject());
      if (delay > 0) {
        Thread.sleep(delay);
      }
      server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      boolean acknowledged = erase.isComplete() && erase.succeeded() && erase.result().statusCode() == 200;

      api = start(port);
      facilitator = api.login();
      boolean present = api.get("/api/workshops/" + id, facilitator).body().getJsonArray("participants").stream()
          .map(JsonObject.class::cast).anyMatch(p -> pid.equals(p.getString("id")));
      String where = "round " + round + " (kill " + delay + " ms after the request; acknowledged " + acknowledged
          + ", still a member " + present + ")";
      rounds.add(where);
      assertFalse(acknowledged && present, "an acknowledged erasure was lost: " + where);
      String out = everythingGivenOut(api, id, facilitator);
      if (present) {
        // Not erased: then the request was not acknowledged, and it can be made again.
        assertEquals(200, api.post("/api/workshops/" + id + "/participants/" + pid + "/erase", facilitator,
            new JsonObject()).status(), where);
        out = everythingGivenOut(api, id, facilitator);
      }
      assertFalse(out.contains(name), "'" + name + "' still given out after " + where);
      assertFalse(out.contains(pid), "the erased id still given out after " + where);
      assertTrue(out.contains("Kierroksen " + round + " lappu"), "the note stays: " + where);
    }
    System.out.println("ErasureCrashIT: " + String.join("; ", rounds));

    // Killed once more, then the database itself, every collection read with no board loaded: nobody erased in it.
    server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    server = null;
    Storage storage = await(Storage.open(vertx, TestServer.config(dataDir, 0)));
    try {
      String all = StoredData.everything(storage.mongo());
      StoredData.assertNowhere("MongoDB after " + String.join("; ", rounds), all, erased.toArray(String[]::new));
      assertTrue(all.contains("Kierroksen 0 lappu"));
    } finally {
      await(storage.close(vertx));
    }
  }
}
