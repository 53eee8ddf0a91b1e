package fi.paja.owner;

import static fi.paja.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fi.paja.auth.Member;
import fi.paja.auth.Tokens;
import fi.paja.board.Participant;
import fi.paja.metrics.PajaMetrics;
import fi.paja.storage.Storage;
import fi.paja.support.Await;
import fi.paja.support.TestServer;
import fi.paja.workshop.WorkshopStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Boards leave a node's memory when nobody uses them or another node took them, and come back as they were. */
@ExtendWith(VertxExtension.class)
class BoardUnloadIT {

  private Vertx vertx;
  private Storage storage;
  private BoardVerticle boards;
  private BoardClient client;
  private Member member;

  /** A node's boards (unloaded after {@code idleMillis} unused) and one workshop with its facilitator. */
  private void node(Vertx vertx, long idleMillis) throws Exception {
    this.vertx = vertx;
    storage = await(Storage.open(vertx, TestServer.config(Files.createTempDirectory("paja-unload"), 0)));
    boards = new BoardVerticle(storage, new BoardLeases(storage.mongo(), "this-node", System::currentTimeMillis),
        Tokens::newId, Clock.systemUTC(), PajaMetrics.create(), idleMillis);
    await(vertx.deployVerticle(boards));
    String workshopId = UUID.randomUUID().toString();
    Participant host = new Participant(Tokens.newId(), "Fasilitaattori", Participant.FACILITATOR);
    await(new WorkshopStore(storage).create(new JsonObject().put("_id", workshopId).put("title", "Hiljainen")
        .put("template", "blank").put("ownerAccountId", "acc").put("facilitatorParticipantId", host.id())
        .put("createdAt", "2026-11-25T10:00:00Z").put("seq", 0L), host));
    client = new BoardClient(vertx);
    member = new Member(workshopId, host.id(), Participant.FACILITATOR);
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

  @Test
  void anIdleBoardIsUnloadedAndLoadedAgainOnTheNextRequest(Vertx vertx) throws Exception {
    node(vertx, 300);
    assertEquals(1, addNote("muistan").getLong("seq"));
    assertEquals(1, boards.active());

    Await.until("the idle board to leave memory", Duration.ofSeconds(5), () -> boards.active() == 0);

    JsonObject snapshot = await(client.snapshot(member));
    assertEquals(1, snapshot.getLong("seq"));
    assertEquals("muistan", snapshot.getJsonArray("notes").getJsonObject(0).getString("text"));
    assertEquals(1, boards.active());
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

    Await.until("the board another node owns to be unloaded here", Duration.ofMillis(3 * BoardLeases.RENEW_MILLIS),
        () -> boards.active() == 0);
  }
}
