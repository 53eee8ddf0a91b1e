package fi.paja.storage;

import static fi.paja.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fi.paja.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Storage on the embedded database, through the driver's in-process connections ({@link InProcessSocketChannel}). */
@ExtendWith(VertxExtension.class)
class EmbeddedStorageTest {

  private static final String BIG = "åäö ".repeat(1_000_000); // ~7 MB of BSON: many buffers each way

  @Test
  void bigDocumentsAndManyConcurrentRequestsRoundTripAndSurviveAReopen(Vertx vertx) throws Exception {
    Path dataDir = Files.createTempDirectory("paja-embedded");
    Storage storage = await(Storage.open(vertx, TestServer.config(dataDir, 0)));
    assertEquals("embedded", storage.mode());
    MongoClient mongo = storage.mongo();
    await(mongo.insert("test", new JsonObject().put("_id", "big").put("text", BIG)));
    List<Future<String>> inserts = new ArrayList<>();
    for (int i = 0; i < 200; i++) { // more than the driver's pool: requests queue for and share connections
      inserts.add(mongo.insert("test", new JsonObject().put("_id", "n" + i).put("i", i)));
    }
    await(Future.all(inserts));
    await(storage.durably(db -> Future.succeededFuture()));
    await(storage.close(vertx));

    Storage reopened = await(Storage.open(vertx, TestServer.config(dataDir, 0)));
    try {
      await(reopened.ping());
      assertEquals(BIG, await(reopened.mongo().findOne("test", new JsonObject().put("_id", "big"), null))
          .getString("text"));
      assertEquals(201L, await(reopened.mongo().count("test", new JsonObject())));
    } finally {
      await(reopened.close(vertx));
    }
  }
}
