package fi.paja.nodes;

import static fi.paja.support.Api.addNote;
import static fi.paja.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import fi.paja.MultiNode;
import fi.paja.PajaServer;
import fi.paja.config.PajaConfig;
import fi.paja.support.Api;
import fi.paja.support.ServerProcess;
import fi.paja.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The node that owns a board, in its own process, is killed with SIGKILL: the other node takes the board over
 * once the dead node's lease runs out, with everything that was acknowledged.
 */
@Tag("slow")
class NodeCrashIT {

  @Test
  void whenTheOwnersNodeDiesAnotherNodeTakesTheBoardOverWithEverythingAcknowledged() throws Exception {
    MongoServer mongo = new MongoServer(H2Backend.inMemory());
    mongo.bind("127.0.0.1", 0);
    String mongoUrl = "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort();
    Path dataA = Files.createTempDirectory("paja-node-a");
    int portA = ServerProcess.freePort();
    Process nodeA = ServerProcess.start(dataA, portA, Map.of("PAJA_MONGO_URL", mongoUrl,
        "PAJA_CLUSTER_MEMBERS", "127.0.0.1", "PAJA_CLUSTER_HOST", "127.0.0.1"));
    Vertx nodeB = null;
    PajaServer serverB = null;
    Vertx client = Vertx.vertx();
    try {
      Api apiA = new Api(client, portA);
      ServerProcess.awaitHealthy(apiA);
      PajaConfig configB = TestServer.config(Files.createTempDirectory("paja-node-b"), 0, Map.of(
          "PAJA_MONGO_URL", mongoUrl, "PAJA_CLUSTER_MEMBERS", "127.0.0.1", "PAJA_CLUSTER_HOST", "127.0.0.1"));
      nodeB = await(MultiNode.join(Vertx.builder(), new VertxOptions(), configB));
      serverB = await(PajaServer.start(nodeB, configB));
      Api apiB = new Api(nodeB, serverB.port());

      JsonObject workshop = apiA.createWorkshop(apiA.login(), "Kaatuva solmu");
      String id = workshop.getString("id");
      String aino = apiA.join(workshop.getString("joinCode"), "Aino").getString("token");
      assertEquals(200, apiA.command(id, aino, addNote("kuitattu ennen kaatumista", 0, 0)).status());
      String bertil = apiB.join(workshop.getString("joinCode"), "Bertil").getString("token");

      nodeA.destroyForcibly(); // SIGKILL: no shutdown hook, its lease stays until it runs out
      nodeA.waitFor(10, TimeUnit.SECONDS);

      long killedAt = System.currentTimeMillis();
      Api.Reply after;
      java.util.Set<String> meanwhile = new java.util.TreeSet<>();
      do {
        after = apiB.command(id, bertil, addNote("kaatumisen jälkeen", 0, 0));
        if (after.status() != 200) {
          meanwhile.add(after.status() + " " + after.errorCode());
        }
      } while (after.status() != 200 && System.currentTimeMillis() - killedAt < 60_000);
      long tookOver = System.currentTimeMillis() - killedAt;
      assertEquals(200, after.status(), after.body().encode());
      assertTrue(tookOver < 40_000, "took " + tookOver + " ms");
      System.out.println("Board taken over " + tookOver + " ms after its node was killed; meanwhile " + meanwhile);
      // While the owner is gone, refusals say to come back later; nothing else.
      assertTrue(meanwhile.stream().allMatch(r -> r.startsWith("503")), meanwhile.toString());

      JsonObject snapshot = apiB.get("/api/workshops/" + id, bertil).body();
      assertEquals(2, snapshot.getJsonArray("notes").size(), snapshot.encode());
      assertTrue(snapshot.getJsonArray("notes").encode().contains("kuitattu ennen kaatumista"));
    } finally {
      nodeA.destroyForcibly();
      if (serverB != null) {
        await(serverB.stop());
      }
      if (nodeB != null) {
        await(nodeB.close());
      }
      await(client.close());
      mongo.shutdownNow();
    }
  }
}
