package fi.paja.board;

import static fi.paja.support.Api.addNote;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fi.paja.support.ServerTestBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An overloaded server sheds stale work: a command that has waited more than 5 s since a node accepted it is
 * refused with {@code busy} (its sender retries) and changes nothing; a fresh one is applied.
 */
class StaleCommandIT extends ServerTestBase {

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
