package fi.paja.storage;

import static fi.paja.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.support.Await;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The embedded store's reopen, in-process: an opening that failed is replaced, what it acknowledged is in the next
 * one, and a write made in the failed opening is never acknowledged by the next one. The store "fails" by being
 * let go of under the running server, as H2 does itself after a failed write ({@link DiskFullIT} and the others
 * make real faults).
 */
@ExtendWith(VertxExtension.class)
class EmbeddedStoreIT {

  private final List<EmbeddedStore.Connection> openings = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private Path dataDir;
  private EmbeddedStore store;

  private void open(Vertx vertx) throws Exception {
    this.vertx = vertx;
    dataDir = Files.createTempDirectory("paja-reopen");
    store = await(EmbeddedStore.open(vertx, dataDir, () -> {
      EmbeddedStore.Connection c = Storage.connectEmbedded(vertx, dataDir, "paja", 2000);
      openings.add(c);
      return c;
    }));
  }

  @AfterEach
  void close() throws Exception {
    if (store != null) {
      await(store.close());
    }
    if (dataDir != null) {
      try (var files = Files.walk(dataDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** The current opening's store closes, as after a failed write; the store notices within a second or two. */
  private void breakCurrentOpening() throws Exception {
    EmbeddedMongo mongo = openings.get(openings.size() - 1).mongo();
    await(vertx.executeBlocking(() -> {
      mongo.abandon();
      return null;
    }));
    Await.until("the store to notice the fault", Duration.ofSeconds(5), () -> store.fault() != null);
  }

  private static ErrorCode codeOf(Future<?> future) throws Exception {
    try {
      await(future);
      return null;
    } catch (ExecutionException e) {
      return e.getCause() instanceof PajaException p ? p.code() : null;
    }
  }

  @Test
  void whileDownEverythingIsRefusedAtOnceAndAfterTheReopenWhatWasAcknowledgedIsThere(Vertx vertx)
      throws Exception {
    open(vertx);
    await(store.durably(db -> db.insert("things", new JsonObject().put("_id", "before"))));

    breakCurrentOpening();
    long start = System.currentTimeMillis();
    assertEquals(ErrorCode.STORAGE_UNAVAILABLE, codeOf(store.client().findOne("things", new JsonObject(), null)));
    assertEquals(ErrorCode.STORAGE_UNAVAILABLE,
        codeOf(store.durably(db -> db.insert("things", new JsonObject().put("_id", "during")))));
    assertTrue(System.currentTimeMillis() - start < 1_000, "refusals should not wait for a server that is gone");

    Await.until("the store to recover from the fault", Duration.ofSeconds(10), () -> store.fault() == null);
    assertEquals(2, openings.size());
    assertNotNull(await(store.client().findOne("things", new JsonObject().put("_id", "before"), null)));
    assertNull(await(store.client().findOne("things", new JsonObject().put("_id", "during"), null)));
    await(store.durably(db -> db.insert("things", new JsonObject().put("_id", "after"))));
  }

  /**
   * A write reaches the store, the store fails before the write's commit and is reopened: the commit must not be
   * the new opening's, which never received the write.
   */
  @Test
  void aWriteWhoseOpeningFailedBeforeItsCommitIsNotAcknowledgedByTheNextOpening(Vertx vertx) throws Exception {
    open(vertx);
    Promise<Void> written = Promise.promise();
    Promise<Void> goOn = Promise.promise();
    Future<Void> durable = store.durably(db -> db.insert("things", new JsonObject().put("_id", "lost"))
        .compose(id -> {
          written.complete();
          return goOn.future();
        }));
    await(written.future());

    breakCurrentOpening();
    Await.until("the store to recover from the fault", Duration.ofSeconds(10), () -> store.fault() == null);
    goOn.complete();

    assertEquals(ErrorCode.STORAGE_UNAVAILABLE, codeOf(durable));
    assertNull(await(store.client().findOne("things", new JsonObject().put("_id", "lost"), null)));
  }
}
