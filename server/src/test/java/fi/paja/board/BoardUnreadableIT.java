package fi.paja.board;

import static fi.paja.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import fi.paja.support.Api;
import fi.paja.support.ServerTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A board whose stored data cannot be read (damaged in the database) is refused with {@code board_unreadable}: every
 * request about it is answered at once, the server logs it once, and every other board works. Before, each request
 * reloaded it and logged a stack trace (503 for ever), and exports of a board with a damaged vote result never
 * answered.
 */
class BoardUnreadableIT extends ServerTestBase {

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void captureLog() {
    log.start();
    root.addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    root.detachAppender(log);
  }

  /** A new workshop (its board not loaded yet) whose stored board is then changed by {@code set}. */
  private String damagedWorkshop(String facilitator, JsonObject set) throws Exception {
    String id = api.createWorkshop(facilitator, "Vaurioitunut").getString("id");
    await(server.storage().mongo().updateCollection("workshops", new JsonObject().put("_id", id),
        new JsonObject().put("$set", set)));
    return id;
  }

  private long logLinesAbout(String workshopId) {
    return log.list.stream().filter(e -> e.getFormattedMessage().contains(workshopId)).count();
  }

  @Test
  void aBoardWhoseStoredDataCannotBeReadIsRefusedClearlyAndLoggedOnce() throws Exception {
    String facilitator = api.login();
    String healthy = api.createWorkshop(facilitator, "Terve").getString("id");
    String damaged = damagedWorkshop(facilitator, new JsonObject().put("board.settings.locked", "yes"));
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      Api.Reply r = api.get("/api/workshops/" + damaged, facilitator);
      assertEquals("board_unreadable", r.errorCode(), r.body().encode());
      assertEquals(500, r.status());
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "answered at once");
      assertEquals("board_unreadable", api.command(damaged, facilitator, Api.addNote("x", 0, 0)).errorCode());
    }
    assertEquals(1, logLinesAbout(damaged), "logged once: " + log.list);
    assertTrue(log.list.stream().filter(e -> e.getFormattedMessage().contains(damaged))
        .allMatch(
            e -> e.getThrowableProxy() == null || e.getThrowableProxy().getStackTraceElementProxyArray().length < 200),
        "no stack trace per request");
    assertEquals(200, api.get("/api/workshops/" + healthy, facilitator).status(), "other boards work");
    assertEquals(200, api.command(healthy, facilitator, Api.addNote("toimii", 0, 0)).status());
  }

  @Test
  void everyExportOfADamagedBoardAnswers() throws Exception {
    String facilitator = api.login();
    JsonObject vote = new JsonObject().put("id", "vote-00000001").put("state", "closed").put("targets", "notes")
        .put("budget", 3).put("maxPerItem", 2).put("secret", true).putNull("endsAt")
        .put("results", new JsonArray().add(new JsonObject().put("targetId", "note-0000001").put("kind", "note")
            .put("votes", "many").put("rank", "first")))
        .put("ballots", new JsonObject()).put("kinds", new JsonObject());
    String damaged = damagedWorkshop(facilitator, new JsonObject().put("board.votes", new JsonArray().add(vote)));
    WebClient client = WebClient.create(vertx);
    for (String format : List.of("md", "json", "csv", "jira", "azure", "svg")) {
      HttpResponse<Buffer> r = client.get(server.port(), "127.0.0.1",
          "/api/workshops/" + damaged + "/export?format=" + format)
          .putHeader("Authorization", "Bearer " + facilitator).send()
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertTrue(r.statusCode() >= 400, format + ": " + r.statusCode());
      assertEquals("board_unreadable", r.bodyAsJsonObject().getJsonObject("error").getString("code"), format);
    }
  }
}
