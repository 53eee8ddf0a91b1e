package fi.paja.owner;

import static fi.paja.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.storage.Storage;
import fi.paja.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** One owner per board, on the embedded server as on MongoDB: the lease operations both understand. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoardLeasesIT {

  private Storage storage;
  private final AtomicLong now = new AtomicLong(1_000_000);
  private BoardLeases a;
  private BoardLeases b;

  @BeforeAll
  void open(Vertx vertx) throws Exception {
    storage = await(Storage.open(vertx, TestServer.config(Files.createTempDirectory("paja-leases"), 0)));
    a = new BoardLeases(storage.mongo(), "node-a", now::get);
    b = new BoardLeases(storage.mongo(), "node-b", now::get);
  }

  @AfterAll
  void close(Vertx vertx) throws Exception {
    await(storage.close(vertx));
  }

  @Test
  void theFirstNodeTakesAFreeBoardAndTheSecondIsRefused() throws Exception {
    assertTrue(await(a.acquire("w1")));
    assertFalse(await(b.acquire("w1")));
    assertEquals("node-a", await(b.holder("w1")));
  }

  @Test
  void theHolderRenewsItsOwnLease() throws Exception {
    assertTrue(await(a.acquire("w2")));
    now.addAndGet(BoardLeases.TTL_MILLIS - 1);
    assertTrue(await(a.acquire("w2")));
    now.addAndGet(BoardLeases.TTL_MILLIS - 1);
    assertFalse(await(b.acquire("w2")), "renewed, so still held");
  }

  @Test
  void aLeaseThatRanOutGoesToTheNextNodeThatAsks() throws Exception {
    assertTrue(await(a.acquire("w3")));
    now.addAndGet(BoardLeases.TTL_MILLIS + 1);
    assertNull(await(b.holder("w3")));
    assertTrue(await(b.acquire("w3")));
    assertFalse(await(a.acquire("w3")), "the old holder has lost it");
  }

  @Test
  void aReleasedBoardIsFreeAtOnce() throws Exception {
    assertTrue(await(a.acquire("w4")));
    await(b.release("w4"));
    assertFalse(await(b.acquire("w4")), "only the holder can release");
    await(a.release("w4"));
    assertTrue(await(b.acquire("w4")));
  }
}
