package fi.paja.export;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for GitHub's REST API (issues of one repository), strict the way the real one is about paths,
 * headers and body fields, and answering in its shape. Never the internet.
 */
final class FakeGitHub {

  static final String TOKEN = "ghp_test_token_not_real";
  static final String REPO = "kaupunki/palvelut";

  final List<JsonObject> created = new CopyOnWriteArrayList<>();
  final List<String> problems = new CopyOnWriteArrayList<>();
  final Map<Integer, JsonObject> issues = new ConcurrentHashMap<>();
  /** How long creating an issue takes (GitHub takes a while): concurrent pushes overlap. */
  volatile long createMillis;
  /** When false, requests are read and never answered, as when GitHub hangs. */
  volatile boolean answering = true;
  private HttpServer server;
  private Vertx vertx;

  int start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    server = fi.paja.support.TestServer.await(vertx.createHttpServer().requestHandler(this::handle)
        .listen(0, "127.0.0.1"));
    return server.actualPort();
  }

  void stop() throws Exception {
    fi.paja.support.TestServer.await(server.close());
  }

  private void handle(HttpServerRequest req) {
    if (!answering) {
      return;
    }
    if (!("Bearer " + TOKEN).equals(req.getHeader("Authorization"))) {
      reply(req, 401, new JsonObject().put("message", "Bad credentials"));
      return;
    }
    if (!"application/vnd.github+json".equals(req.getHeader("Accept"))) {
      problems.add("Accept: " + req.getHeader("Accept"));
    }
    if (req.getHeader("User-Agent") == null) {
      // GitHub refuses requests without a User-Agent.
      reply(req, 403, new JsonObject().put("message", "User-Agent required"));
      return;
    }
    if (req.getHeader("X-GitHub-Api-Version") == null) {
      problems.add("no X-GitHub-Api-Version");
    }
    String base = "/repos/" + REPO + "/issues";
    if (req.method().name().equals("POST") && req.path().equals(base)) {
      req.body().onSuccess(body -> {
        JsonObject issue = body.toJsonObject();
        if (!(issue.getValue("title") instanceof String title) || title.isBlank()) {
          reply(req, 422, new JsonObject().put("message", "Validation Failed"));
          return;
        }
        if (issue.containsKey("labels") && !(issue.getValue("labels") instanceof JsonArray)) {
          reply(req, 422, new JsonObject().put("message", "labels must be an array"));
          return;
        }
        created.add(issue);
        int number = 40 + created.size();
        JsonObject stored = new JsonObject().put("number", number).put("state", "open").putNull("state_reason")
            .put("title", title).put("html_url", "https://github.com/" + REPO + "/issues/" + number);
        issues.put(number, stored);
        if (createMillis > 0) {
          vertx.setTimer(createMillis, id -> reply(req, 201, stored));
        } else {
          reply(req, 201, stored);
        }
      });
      return;
    }
    if (req.method().name().equals("GET") && req.path().startsWith(base + "/")) {
      JsonObject issue = issues.get(Integer.parseInt(req.path().substring(base.length() + 1)));
      reply(req, issue == null ? 404 : 200, issue == null ? new JsonObject().put("message", "Not Found") : issue);
      return;
    }
    reply(req, 404, new JsonObject().put("message", "Not Found"));
  }

  private static void reply(HttpServerRequest req, int status, JsonObject body) {
    req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
