package fi.paja.export;

import static fi.paja.support.Api.addNote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import fi.paja.support.ServerTestBase;
import fi.paja.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pushing an outcome to GitHub: one issue per item however many pushes race, and a bounded wait for GitHub. */
class GitHubPushIT extends ServerTestBase {

  private final FakeGitHub github = new FakeGitHub();

  /** The fake GitHub is started first: the server is given its address. */
  @Override
  protected Map<String, String> settings() throws Exception {
    int port = github.start(vertx);
    return Map.of("PAJA_GITHUB_TOKEN", FakeGitHub.TOKEN, "PAJA_GITHUB_REPO", FakeGitHub.REPO,
        "PAJA_GITHUB_API_URL", "http://127.0.0.1:" + port, "PAJA_GITHUB_TIMEOUT_SECONDS", "2");
  }

  @AfterAll
  void stopGitHub() throws Exception {
    github.stop();
  }

  @AfterEach
  void githubAnswersAgain() {
    github.answering = true;
    github.createMillis = 0;
  }

  /** A workshop with one action item; returns {workshopId, outcomeId, facilitator token}. */
  private String[] actionItem() throws Exception {
    String facilitator = api.facilitator();
    JsonObject workshop = api.createWorkshop(facilitator, "Palaute");
    String id = workshop.getString("id");
    String aino = api.join(workshop.getString("joinCode"), "Aino").getString("token");
    String noteId = api.command(id, aino, addNote("Takaisinsoitto ei toimi", 0, 0)).body().getString("noteId");
    String outcomeId = api.command(id, facilitator, new JsonObject().put("op", "outcome.create").put("kind", "action")
        .put("noteId", noteId)).body().getString("outcomeId");
    return new String[] {id, outcomeId, facilitator};
  }

  private Future<HttpResponse<Buffer>> push(WebClient client, String[] item) {
    return client.post(server.port(), "127.0.0.1", "/api/workshops/" + item[0] + "/outcomes/" + item[1] + "/github")
        .putHeader("Authorization", "Bearer " + item[2]).sendJsonObject(new JsonObject());
  }

  @Test
  void fiveConcurrentPushesOfOneItemMakeOneIssue() throws Exception {
    String[] item = actionItem();
    github.createMillis = 300;
    int before = github.created.size();
    WebClient client = WebClient.create(vertx);
    List<Future<HttpResponse<Buffer>>> pushes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      pushes.add(push(client, item));
    }
    TestServer.await(Future.join(new ArrayList<>(pushes)));
    assertEquals(1, github.created.size() - before, "one item, one issue");
    Integer number = null;
    for (Future<HttpResponse<Buffer>> p : pushes) {
      HttpResponse<Buffer> r = p.result();
      assertEquals(200, r.statusCode(), r.bodyAsString());
      int n = r.bodyAsJsonObject().getInteger("number");
      assertTrue(number == null || number == n, "every push answers with the same issue");
      number = n;
    }
    JsonObject stored = api.get("/api/workshops/" + item[0], item[2]).body().getJsonArray("outcomes")
        .getJsonObject(0).getJsonObject("github");
    assertEquals(number, stored.getInteger("number"), "the link is remembered");
    assertEquals(number, TestServer.await(push(client, item)).bodyAsJsonObject().getInteger("number"));
    assertEquals(1, github.created.size() - before);
  }

  @Test
  void aGitHubThatDoesNotAnswerGets504UpstreamTimeoutInBoundedTime() throws Exception {
    String[] item = actionItem();
    github.answering = false;
    long start = System.nanoTime();
    HttpResponse<Buffer> r = push(WebClient.create(vertx), item).toCompletionStage().toCompletableFuture()
        .get(20, TimeUnit.SECONDS);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals(504, r.statusCode(), r.bodyAsString());
    assertEquals("upstream_timeout", r.bodyAsJsonObject().getJsonObject("error").getString("code"));
    assertTrue(millis < 6_000, "answered after " + millis + " ms (timeout 2 s)");

    github.answering = true;
    HttpResponse<Buffer> again = TestServer.await(push(WebClient.create(vertx), item));
    assertEquals(200, again.statusCode(), "a push after the timeout works: " + again.bodyAsString());
    github.answering = false;
    Api.Reply sync = api.post("/api/workshops/" + item[0] + "/github/sync", item[2], new JsonObject());
    assertEquals(504, sync.status(), sync.body().encode());
    assertEquals("upstream_timeout", sync.errorCode());
  }
}
