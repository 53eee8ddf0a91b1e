package fi.paja.privacy;

import static fi.paja.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.PajaServer;
import fi.paja.support.Await;
import fi.paja.support.ExternalMongo;
import fi.paja.support.TestNode;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Two nodes, both with the retention timer: each period is run by exactly one of them. */
@Tag("slow")
class RetentionMultiNodeIT {

  private final ExternalMongo mongo = ExternalMongo.start();
  private final List<TestNode> nodes = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).close();
    }
    mongo.close();
  }

  @Test
  void onlyOneNodeRunsEachPeriod() throws Exception {
    for (int i = 0; i < 2; i++) {
      nodes.add(TestNode.start(mongo.url(), Map.of("PAJA_RETENTION_CHECK_SECONDS", "1")));
    }
    List<PajaServer> servers = nodes.stream().map(TestNode::server).toList();
    // Both nodes tick every second; wait until periods were found taken by the other node a few times.
    Await.within(Duration.ofSeconds(30),
        () -> servers.get(0).retention().skips() + servers.get(1).retention().skips() >= 3);
    // Stop the timers, then count: every run claimed a period of its own, and no period ran twice.
    servers.forEach(s -> s.retention().stop());
    Thread.sleep(300); // time passes on purpose: a run already under way when the timers stopped ends
    int runs = servers.get(0).retention().runs() + servers.get(1).retention().runs();
    int skips = servers.get(0).retention().skips() + servers.get(1).retention().skips();
    List<JsonObject> claims = await(servers.get(0).storage().mongo().find(RetentionJob.JOBS,
        new JsonObject().put("job", "retention")));
    assertTrue(skips >= 3, "both nodes tried the same periods: " + runs + " runs, " + skips + " skips");
    assertEquals(runs, claims.size(), claims.toString());
    for (JsonObject claim : claims) {
      assertTrue(claim.containsKey("doneAt"), claim.encode());
    }
    // One run per period: the periods claimed are as many as the runs, each by one node.
    assertEquals(claims.size(), claims.stream().map(c -> c.getLong("period")).distinct().count());
  }
}
