package fi.paja.export;

import fi.paja.config.PajaConfig;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * Pushes action items to GitHub Issues through its REST API, and reads their state back. The token comes from the
 * server's configuration only; the browser never sees it.
 */
public final class GitHubIssues {

  private final WebClient client;
  private final PajaConfig config;

  public GitHubIssues(Vertx vertx, PajaConfig config) {
    this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("Paja").setConnectTimeout(10_000));
    this.config = config;
  }

  public boolean configured() {
    return config.githubToken().isPresent() && config.githubRepo().isPresent();
  }

  /** Creates an issue; returns {@code {number, url, state}}. */
  public Future<JsonObject> create(JsonObject outcome, String workshopTitle) {
    StringBuilder body = new StringBuilder();
    if (outcome.getString("description") != null) {
      body.append(outcome.getString("description")).append("\n\n");
    }
    if (outcome.getString("owner") != null) {
      body.append("Owner: ").append(outcome.getString("owner")).append("\n");
    }
    if (outcome.getString("due") != null) {
      body.append("Due: ").append(outcome.getString("due")).append("\n");
    }
    if (outcome.getInteger("votes", 0) > 0) {
      body.append("Votes in the workshop: ").append(outcome.getInteger("votes")).append("\n");
    }
    body.append("\nFrom the Paja workshop \"").append(workshopTitle).append("\".");
    JsonObject issue = new JsonObject().put("title", outcome.getString("title")).put("body", body.toString())
        .put("labels", new JsonArray().add("paja").add(outcome.getString("kind")));
    return request("POST", "/issues").sendJsonObject(issue).compose(r -> {
      if (r.statusCode() != 201) {
        return Future.failedFuture(new PajaException(ErrorCode.UPSTREAM_FAILED,
            "GitHub answered " + r.statusCode()));
      }
      JsonObject created = r.bodyAsJsonObject();
      return Future.succeededFuture(new JsonObject().put("number", created.getInteger("number"))
          .put("url", created.getString("html_url")).put("state", created.getString("state")));
    });
  }

  /** The issue's state: {@code open}, or {@code closed} with {@code state_reason} completed / not_planned. */
  public Future<JsonObject> get(int number) {
    return request("GET", "/issues/" + number).send().compose(r -> r.statusCode() == 200
        ? Future.succeededFuture(r.bodyAsJsonObject())
        : Future.failedFuture(new PajaException(ErrorCode.UPSTREAM_FAILED, "GitHub answered " + r.statusCode())));
  }

  private HttpRequest<Buffer> request(String method, String path) {
    if (!configured()) {
      throw new PajaException(ErrorCode.NOT_CONFIGURED, "Set PAJA_GITHUB_TOKEN and PAJA_GITHUB_REPO.");
    }
    String url = config.githubApiUrl() + "/repos/" + config.githubRepo().get() + path;
    return client.requestAbs(io.vertx.core.http.HttpMethod.valueOf(method), url)
        .putHeader("Accept", "application/vnd.github+json")
        .putHeader("X-GitHub-Api-Version", "2022-11-28")
        .putHeader("Authorization", "Bearer " + config.githubToken().get());
  }

  /** GitHub's state in Paja's words: closed as completed → done, closed as not planned → won't do. */
  public static String statusOf(JsonObject issue, String current) {
    if (!"closed".equals(issue.getString("state"))) {
      return "done".equals(current) || "wont_do".equals(current) ? "in_progress" : current;
    }
    return "not_planned".equals(issue.getString("state_reason")) ? "wont_do" : "done";
  }
}
