package fi.paja.board;

import static fi.paja.support.Api.addNote;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fi.paja.support.Api;
import fi.paja.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An overloaded server sheds stale work: a command that has waited more than 5 s since a node accepted it is
 * refused with {@code busy} (its sender retries) and changes nothing; a fresh one is applied.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaleCommandIT {

  private TestServer server;
  private Vertx vertx;
  private Api api;

  @BeforeAll
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    server = TestServer.start(vertx);
    api = new Api(vertx, server.port());
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  private Object send(String workshopId, String participantId, long acceptedAt) throws Exception {
    DeliveryOptions headers = new DeliveryOptions()
        .addHeader(Addresses.HEADER_PARTICIPANT, participantId)
        .addHeader(Addresses.HEADER_ROLE, Participant.PARTICIPANT)
        .addHeader(Addresses.HEADER_ACCEPTED_AT, Long.toString(acceptedAt));
    try {
      return vertx.eventBus().request(Addresses.commands(workshopId), addNote("odottanut", 1, 1), headers)
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).body();
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
  }

  @Test
  void aCommandThatWaitedMoreThanFiveSecondsIsRefusedBusyAndChangesNothing() throws Exception {
    JsonObject workshop = api.createWorkshop(api.login(), "Ruuhka");
    String id = workshop.getString("id");
    JsonObject pat = api.join(workshop.getString("joinCode"), "Pat");
    long before = api.get("/api/workshops/" + id, pat.getString("token")).body().getLong("seq");

    Object stale = send(id, pat.getString("participantId"), System.currentTimeMillis() - 6_000);
    ReplyException refused = (ReplyException) stale;
    assertEquals(503, refused.failureCode());
    assertEquals("busy", refused.getMessage());
    assertEquals(before, api.get("/api/workshops/" + id, pat.getString("token")).body().getLong("seq"));

    Object fresh = send(id, pat.getString("participantId"), System.currentTimeMillis());
    assertEquals(before + 1, ((JsonObject) fresh).getLong("seq"));
  }
}
