package fi.paja.storage;

import static fi.paja.support.Api.addNote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import fi.paja.support.Await;
import fi.paja.support.ExternalMongo;
import fi.paja.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Paja on an external MongoDB (reached through a TCP proxy the test can cut): while the database is unreachable
 * commands fail with {@code storage_unavailable} and nothing is acknowledged, {@code /health} says DOWN, and
 * service comes back by itself when the database does.
 */
@ExtendWith(VertxExtension.class)
@Tag("slow")
class StorageOutageIT {

  /** Forwards TCP to the database until cut. */
  static final class Proxy {
    private final List<NetSocket> open = new CopyOnWriteArrayList<>();
    private volatile boolean cut;
    private NetServer server;

    int start(Vertx vertx, int targetPort) throws Exception {
      server = TestServer.await(vertx.createNetServer().connectHandler(client -> {
        if (cut) {
          client.close();
          return;
        }
        client.pause();
        vertx.createNetClient().connect(targetPort, "127.0.0.1").onSuccess(db -> {
          open.add(client);
          open.add(db);
          client.handler(db::write);
          db.handler(client::write);
          client.closeHandler(v -> db.close());
          db.closeHandler(v -> client.close());
          client.resume();
        }).onFailure(e -> client.close());
      }).listen(0, "127.0.0.1"));
      return server.actualPort();
    }

    void cut() {
      cut = true;
      open.forEach(NetSocket::close);
      open.clear();
    }

    void restore() {
      cut = false;
    }
  }

  @Test
  void commandsFailClearlyDuringAnOutageAndServiceResumesByItself(Vertx vertx) throws Exception {
    ExternalMongo mongo = ExternalMongo.start();
    Proxy proxy = new Proxy();
    int port = proxy.start(vertx, mongo.port());
    try (TestServer server = TestServer.start(vertx, Map.of("PAJA_MONGO_URL",
        "mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=1500&connectTimeoutMS=1000"))) {
      Api api = new Api(vertx, server.port());
      assertEquals("external", api.get("/health", null).body().getString("mode"));
      JsonObject workshop = api.createWorkshop(api.login(), "Katkos");
      String id = workshop.getString("id");
      String token = api.join(workshop.getString("joinCode"), "Aino").getString("token");
      assertEquals(200, api.command(id, token, addNote("ennen katkosta", 0, 0)).status());

      proxy.cut();
      Api.Reply during = api.command(id, token, addNote("katkoksen aikana", 0, 0));
      assertEquals(503, during.status(), during.body().encode());
      assertEquals("storage_unavailable", during.errorCode());
      Api.Reply health = api.get("/health", null);
      assertEquals(503, health.status());
      assertEquals("DOWN", health.body().getString("storage"));

      proxy.restore();
      Await.until("a command to be acknowledged once the database is back", Duration.ofSeconds(30),
          () -> api.command(id, token, addNote("katkoksen jälkeen", 0, 0)), r -> r.status() == 200);
      assertEquals(200, api.get("/health", null).status());
      String notes = api.get("/api/workshops/" + id, token).body().getJsonArray("notes").encode();
      assertTrue(notes.contains("ennen katkosta"));
      assertTrue(notes.contains("katkoksen jälkeen"));
      assertFalse(notes.contains("katkoksen aikana"), "a command that failed must not have been applied");
    } finally {
      mongo.close();
    }
  }
}
