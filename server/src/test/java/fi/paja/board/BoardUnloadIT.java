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
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Boards nobody uses leave memory, and come back as they were on the next request. */
@ExtendWith(VertxExtension.class)
class BoardUnloadIT {

  @Test
  void anIdleBoardIsUnloadedAndLoadedAgainOnTheNextRequest(Vertx vertx) throws Exception {
    Storage storage = await(Storage.open(vertx, TestServer.config(Files.createTempDirectory("paja-unload"), 0)));
    try {
      BoardVerticle boards = new BoardVerticle(storage,
          new BoardLeases(storage.mongo(), "unload-test", System::currentTimeMillis), Tokens::newId, Clock.systemUTC(),
          PajaMetrics.create(), 300);
      await(vertx.deployVerticle(boards));
      String workshopId = UUID.randomUUID().toString();
      Participant host = new Participant(Tokens.newId(), "Fasilitaattori", Participant.FACILITATOR);
      await(new WorkshopStore(storage).create(new JsonObject().put("_id", workshopId).put("title", "Hiljainen")
          .put("template", "blank").put("ownerAccountId", "acc").put("facilitatorParticipantId", host.id())
          .put("createdAt", "2026-11-25T10:00:00Z").put("seq", 0L), host));
      BoardClient client = new BoardClient(vertx);
      Member member = new Member(workshopId, host.id(), Participant.FACILITATOR);
      JsonObject reply = await(client.command(member, new JsonObject().put("op", "note.add").put("text", "muistan")
          .put("x", 1).put("y", 2)));
      assertEquals(1, reply.getLong("seq"));
      assertEquals(1, boards.active());

      long deadline = System.currentTimeMillis() + 5_000;
      while (boards.active() > 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(0, boards.active(), "the idle board is still in memory");

      JsonObject snapshot = await(client.snapshot(member));
      assertEquals(1, snapshot.getLong("seq"));
      assertEquals("muistan", snapshot.getJsonArray("notes").getJsonObject(0).getString("text"));
      assertEquals(1, boards.active());
    } finally {
      await(storage.close(vertx));
    }
  }

  @Test
  void aBoardWhoseLeaseAnotherNodeTookIsUnloadedHere(Vertx vertx) throws Exception {
    Storage storage = await(Storage.open(vertx, TestServer.config(Files.createTempDirectory("paja-lease-lost"), 0)));
    try {
      BoardVerticle boards = new BoardVerticle(storage,
          new BoardLeases(storage.mongo(), "this-node", System::currentTimeMillis), Tokens::newId, Clock.systemUTC(),
          PajaMetrics.create());
      await(vertx.deployVerticle(boards));
      String workshopId = UUID.randomUUID().toString();
      Participant host = new Participant(Tokens.newId(), "Fasilitaattori", Participant.FACILITATOR);
      await(new WorkshopStore(storage).create(new JsonObject().put("_id", workshopId).put("title", "Siirtyvä")
          .put("template", "blank").put("ownerAccountId", "acc").put("facilitatorParticipantId", host.id())
          .put("createdAt", "2026-11-25T10:00:00Z").put("seq", 0L), host));
      BoardClient client = new BoardClient(vertx);
      Member member = new Member(workshopId, host.id(), Participant.FACILITATOR);
      await(client.command(member, new JsonObject().put("op", "note.add").put("text", "täällä").put("x", 1).put("y", 2)));
      assertEquals(1, boards.active());

      // As if this node had been cut off from the database while its lease ran out and another node took it.
      await(storage.mongo().updateCollection("board_owners", new JsonObject().put("_id", workshopId),
          new JsonObject().put("$set", new JsonObject().put("node", "other-node")
              .put("until", System.currentTimeMillis() + 60_000))));

      long deadline = System.currentTimeMillis() + 3 * BoardLeases.RENEW_MILLIS;
      while (boards.active() > 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(0, boards.active(), "still writing a board another node owns");
    } finally {
      await(storage.close(vertx));
    }
  }
}
