package fi.paja.nodes;

import static fi.paja.support.Api.addNote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import fi.paja.support.ExternalMongo;
import fi.paja.support.ServerProcess;
import fi.paja.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The node that owns a board, in its own process, is killed with SIGKILL: the other node takes the board over
 * once the dead node's lease runs out, with everything that was acknowledged.
 */
@Tag("slow")
@ExtendWith(VertxExtension.class)
class NodeCrashIT {

  @Test
  void whenTheOwnersNodeDiesAnotherNodeTakesTheBoardOverWithEverythingAcknowledged(Vertx vertx) throws Exception {
    ExternalMongo mongo = ExternalMongo.start();
    Path dataA = Files.createTempDirectory("paja-node-a");
    int portA = ServerProcess.freePort();
    Process nodeA = ServerProcess.start(dataA, portA, TestNode.env(mongo.url()));
    TestNode nodeB = null;
    try {
      Api apiA = new Api(vertx, portA);
      ServerProcess.awaitHealthy(apiA);
      nodeB = TestNode.start(mongo.url());
      Api apiB = nodeB.api();

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
      if (nodeB != null) {
        nodeB.close();
      }
      mongo.close();
    }
  }
}
