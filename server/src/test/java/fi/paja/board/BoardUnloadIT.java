package fi.paja.board;

import static fi.paja.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fi.paja.auth.Member;
import fi.paja.auth.Tokens;
import fi.paja.metrics.PajaMetrics;
import fi.paja.storage.Storage;
import fi.paja.support.TestServer;
import fi.paja.workshop.WorkshopStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Boards leave a node's memory when nobody uses them or another node took them, and come back as they were. */
@ExtendWith(VertxExtension.class)
class BoardUnloadIT {

  private Vertx vertx;
  private Storage storage;
  private BoardVerticle boards;
  private String deployment;
  private BoardClient client;
  private Member member;

  /** A node's boards (unloaded after {@code idleMillis} unused) and one workshop with its facilitator. */
  private void node(Vertx vertx, long idleMillis) throws Exception {
    this.vertx = vertx;
    storage = await(Storage.open(vertx, TestServer.config(Files.createTempDirectory("paja-unload"), 0)));
    deployBoards(idleMillis);
    String workshopId = UUID.randomUUID().toString();
    Participant host = new Participant(Tokens.newId(), "Fasilitaattori", Participant.FACILITATOR);
    await(new WorkshopStore(storage).create(new JsonObject().put("_id", workshopId).put("title", "Hiljainen")
        .put("template", "blank").put("ownerAccountId", "acc").put("facilitatorParticipantId", host.id())
        .put("createdAt", "2026-11-25T10:00:00Z").put("seq", 0L), host));
    client = new BoardClient(vertx);
    member = new Member(workshopId, host.id(), Participant.FACILITATOR);
  }

  /** This node's boards (again), unloaded after {@code idleMillis} unused. */
  private void deployBoards(long idleMillis) throws Exception {
    boards = new BoardVerticle(storage, new BoardLeases(storage.mongo(), "this-node", System::currentTimeMillis),
        Tokens::newId, Clock.systemUTC(), PajaMetrics.create(), idleMillis);
    deployment = await(vertx.deployVerticle(boards));
  }

  /** The seq up to which the workshop's notes are checkpointed in the database. */
  private long checkpointSeq() {
    try {
      return await(storage.mongo().findOne("workshops", new JsonObject().put("_id", member.workshopId()), null))
          .getLong("seq", 0L);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void close() throws Exception {
    if (storage != null) {
      await(storage.close(vertx));
    }
  }

  private JsonObject addNote(String text) throws Exception {
    return await(client.command(member, new JsonObject().put("op", "note.add").put("text", text).put("x", 1)
        .put("y", 2)));
  }

  private static void waitUntil(BooleanSupplier done, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (!done.getAsBoolean() && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
  }

  @Test
  void anIdleBoardIsUnloadedAndLoadedAgainOnTheNextRequest(Vertx vertx) throws Exception {
    node(vertx, 300);
    assertEquals(1, addNote("muistan").getLong("seq"));
    assertEquals(1, boards.active());

    waitUntil(() -> boards.active() == 0, 5_000);
    assertEquals(0, boards.active(), "the idle board is still in memory");

    JsonObject snapshot = await(client.snapshot(member));
    assertEquals(1, snapshot.getLong("seq"));
    assertEquals("muistan", snapshot.getJsonArray("notes").getJsonObject(0).getString("text"));
    assertEquals(1, boards.active());
  }

  /**
   * A board loaded with events after its last checkpoint (left so by a crash, a storage fault, or, here, an unload
   * before its first checkpoint) replays them from the log; its next checkpoint must write their notes too, since it
   * moves the checkpoint past them and later loads replay only what comes after.
   */
  @Test
  void notesReplayedFromTheLogAtLoadAreWrittenByTheNextCheckpoint(Vertx vertx) throws Exception {
    node(vertx, 300);
    addNote("vain lokissa");
    waitUntil(() -> boards.active() == 0, 5_000);
    assertEquals(0, boards.active(), "the idle board is still in memory");
    assertEquals(0, checkpointSeq(), "checkpointed before it was unloaded: no events after the checkpoint");

    await(vertx.undeploy(deployment));
    deployBoards(BoardVerticle.IDLE_MILLIS);
    addNote("uusi");
    waitUntil(() -> checkpointSeq() == 2, 3 * BoardActor.CHECKPOINT_MILLIS);
    assertEquals(2, checkpointSeq());

    await(vertx.undeploy(deployment));
    deployBoards(BoardVerticle.IDLE_MILLIS);
    JsonObject snapshot = await(client.snapshot(member));
    assertEquals(2, snapshot.getLong("seq"));
    assertEquals(List.of("vain lokissa", "uusi"), snapshot.getJsonArray("notes").stream()
        .map(n -> ((JsonObject) n).getString("text")).toList());
  }

  @Test
  void aBoardWhoseLeaseAnotherNodeTookIsUnloadedHere(Vertx vertx) throws Exception {
    node(vertx, BoardVerticle.IDLE_MILLIS);
    addNote("täällä");
    assertEquals(1, boards.active());

    // As if this node had been cut off from the database while its lease ran out and another node took it.
    await(storage.mongo().updateCollection("board_owners", new JsonObject().put("_id", member.workshopId()),
        new JsonObject().put("$set", new JsonObject().put("node", "other-node")
            .put("until", System.currentTimeMillis() + 60_000))));

    waitUntil(() -> boards.active() == 0, 3 * BoardLeases.RENEW_MILLIS);
    assertEquals(0, boards.active(), "still writing a board another node owns");
  }
}
