package fi.paja.nodes;

import static fi.paja.support.Api.addNote;
import static fi.paja.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.board.Addresses;
import fi.paja.support.Api;
import fi.paja.support.ExternalMongo;
import fi.paja.support.RawBridge;
import fi.paja.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two nodes as one clustered Vert.x (Hazelcast on loopback) sharing one MongoDB, as an operator would run them
 * behind a load balancer: participants on either node work on the same board, which has one owner at a time.
 */
@Tag("slow")
class MultiNodeIT {

  private ExternalMongo mongo;
  private final List<TestNode> nodes = new ArrayList<>();
  private final List<RawBridge> bridges = new ArrayList<>();

  @BeforeEach
  void database() {
    mongo = ExternalMongo.start();
  }

  @AfterEach
  void stop() throws Exception {
    for (RawBridge b : bridges) {
      b.close();
    }
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).close();
    }
    mongo.close();
  }

  private int startNode() throws Exception {
    nodes.add(TestNode.start(mongo.url()));
    return nodes.size() - 1;
  }

  private void stopNode(int i) throws Exception {
    nodes.get(i).close();
  }

  private Api api(int node) {
    return nodes.get(node).api();
  }

  private RawBridge listen(int node, String workshopId, String token) throws Exception {
    RawBridge bridge = RawBridge.connect(nodes.get(node).vertx(), nodes.get(node).port());
    bridges.add(bridge);
    bridge.register(Addresses.events(workshopId), token);
    bridge.register(Addresses.presence(workshopId), token);
    // Frames are handled in order: once presence came (from the board's owner, maybe on the other node), the
    // events registration is in place across the cluster.
    bridge.awaitFrame(f -> Addresses.presence(workshopId).equals(f.getString("address")), 10_000);
    return bridge;
  }

  private static boolean added(JsonObject frame, String text) {
    return frame.getValue("body") instanceof JsonObject body && "note.added".equals(body.getString("type"))
        && body.getValue("note") instanceof JsonObject note && text.equals(note.getString("text"));
  }

  private List<JsonObject> owners(Vertx vertx) throws Exception {
    MongoClient client = MongoClient.create(vertx, new JsonObject().put("connection_string", mongo.url())
        .put("db_name", "paja"));
    try {
      return await(client.find("board_owners", new JsonObject()));
    } finally {
      await(client.close());
    }
  }

  @Test
  void participantsOnDifferentNodesWorkOnOneBoardWithOneOwner() throws Exception {
    int a = startNode();
    int b = startNode();
    JsonObject workshop = api(a).createWorkshop(api(a).login(), "Asiakasraati, kaksi solmua");
    String id = workshop.getString("id");
    String aino = api(a).join(workshop.getString("joinCode"), "Aino").getString("token");
    String bertil = api(b).join(workshop.getString("joinCode"), "Bertil").getString("token");
    RawBridge onA = listen(a, id, aino);
    RawBridge onB = listen(b, id, bertil);

    Api.Reply first = api(a).command(id, aino, addNote("solmulta A", 0, 0));
    Api.Reply second = api(b).command(id, bertil, addNote("solmulta B", 0, 0));
    assertEquals(200, first.status(), first.body().encode());
    assertEquals(200, second.status(), second.body().encode());
    assertEquals(first.body().getLong("seq") + 1, second.body().getLong("seq"), "one writer, one sequence");

    for (RawBridge bridge : List.of(onA, onB)) {
      bridge.awaitFrame(f -> added(f, "solmulta A"), 5_000);
      bridge.awaitFrame(f -> added(f, "solmulta B"), 5_000);
    }
    List<JsonObject> owners = owners(nodes.get(a).vertx());
    assertEquals(1, owners.size(), owners.toString());
    assertEquals(2, api(b).get("/health", null).body().getJsonObject("cluster").getInteger("nodes"));
    JsonObject snapshot = api(b).get("/api/workshops/" + id, bertil).body();
    assertEquals(2, snapshot.getJsonArray("notes").size());
  }

  /** Removal, a role change and logout given on one node close the member's sockets on every node. */
  @Test
  void accessThatEndsOnOneNodeEndsOnEveryNode() throws Exception {
    int a = startNode();
    int b = startNode();
    String facilitator = api(a).login();
    JsonObject workshop = api(a).createWorkshop(facilitator, "Pääsy päättyy kaikkialla");
    String id = workshop.getString("id");
    JsonObject aino = api(a).join(workshop.getString("joinCode"), "Aino");
    JsonObject bertil = api(b).join(workshop.getString("joinCode"), "Bertil");
    RawBridge ainoOnB = listen(b, id, aino.getString("token"));
    RawBridge bertilOnA = listen(a, id, bertil.getString("token"));
    RawBridge bertilOnB = listen(b, id, bertil.getString("token"));
    RawBridge facilitatorOnB = listen(b, id, facilitator);

    api(a).command(id, facilitator, new JsonObject().put("op", "participant.role")
        .put("participantId", aino.getString("participantId")).put("role", "observer"));
    ainoOnB.awaitClosed(5_000);
    assertEquals(4409, ainoOnB.closeCode());

    api(a).command(id, facilitator, new JsonObject().put("op", "participant.remove")
        .put("participantId", bertil.getString("participantId")));
    bertilOnA.awaitClosed(5_000);
    bertilOnB.awaitClosed(5_000);
    assertEquals(4403, bertilOnA.closeCode());
    assertEquals(4403, bertilOnB.closeCode());

    assertEquals(204, api(a).post("/api/logout", facilitator, new JsonObject()).status());
    facilitatorOnB.awaitClosed(5_000);
    assertEquals(4401, facilitatorOnB.closeCode());
  }

  @Test
  void whenTheOwnersNodeStopsAnotherNodeTakesTheBoardOver() throws Exception {
    int a = startNode();
    int b = startNode();
    JsonObject workshop = api(a).createWorkshop(api(a).login(), "Vaihtuva omistaja");
    String id = workshop.getString("id");
    String aino = api(a).join(workshop.getString("joinCode"), "Aino").getString("token");
    assertEquals(200, api(a).command(id, aino, addNote("ennen", 0, 0)).status());
    String ownerBefore = owners(nodes.get(b).vertx()).get(0).getString("node");
    String bertil = api(b).join(workshop.getString("joinCode"), "Bertil").getString("token");

    stopNode(a);

    long started = System.currentTimeMillis();
    Api.Reply after = api(b).command(id, bertil, addNote("jälkeen", 0, 0));
    assertEquals(200, after.status(), after.body().encode());
    assertTrue(System.currentTimeMillis() - started < 5_000, "a node that stops hands its boards over at once");
    List<JsonObject> owners = owners(nodes.get(b).vertx());
    assertEquals(1, owners.size());
    assertTrue(!ownerBefore.equals(owners.get(0).getString("node")), "node B owns it now");
    JsonObject snapshot = api(b).get("/api/workshops/" + id, bertil).body();
    assertEquals(2, snapshot.getJsonArray("notes").size(), snapshot.encode());
  }
}
