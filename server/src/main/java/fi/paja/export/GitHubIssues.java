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
 * server's configuration only; the browser never sees it. Every request to GitHub is answered within
 * {@code PAJA_GITHUB_TIMEOUT_SECONDS}: one GitHub does not answer fails with {@code upstream_timeout}, one that
 * cannot be reached or refuses with {@code upstream_failed}.
 */
public final class GitHubIssues {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GitHubIssues.class);

  private final Vertx vertx;
  private final WebClient client;
  private final PajaConfig config;
  private final long timeoutMillis;

  public GitHubIssues(Vertx vertx, PajaConfig config) {
    this.vertx = vertx;
    this.timeoutMillis = config.githubTimeoutSeconds() * 1000L;
    this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("Paja")
        .setConnectTimeout((int) Math.min(10_000, timeoutMillis)));
    this.config = config;
  }

  /** How long a request to GitHub may take. */
  public long timeoutMillis() {
    return timeoutMillis;
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
    return bounded(request("POST", "/issues").sendJsonObject(issue)).compose(r -> {
      if (r.statusCode() != 201) {
        return Future.failedFuture(new PajaException(ErrorCode.UPSTREAM_FAILED,
            "GitHub answered " + r.statusCode()));
      }
      try {
        JsonObject created = r.bodyAsJsonObject();
        return Future.succeededFuture(new JsonObject().put("number", created.getInteger("number"))
            .put("url", created.getString("html_url")).put("state", created.getString("state")));
      } catch (RuntimeException e) {
        return Future.failedFuture(new PajaException(ErrorCode.UPSTREAM_FAILED, "GitHub's answer was not an issue."));
      }
    });
  }

  /** The issue's state: {@code open}, or {@code closed} with {@code state_reason} completed / not_planned. */
  public Future<JsonObject> get(int number) {
    return bounded(request("GET", "/issues/" + number).send()).compose(r -> r.statusCode() == 200
        ? Future.succeededFuture(r.bodyAsJsonObject())
        : Future.failedFuture(new PajaException(ErrorCode.UPSTREAM_FAILED, "GitHub answered " + r.statusCode())));
  }

  /**
   * GitHub's answer, or {@code upstream_timeout} once the time is up (the request is abandoned: its connection is
   * closed a little later by the client's own timeout), or {@code upstream_failed} when it cannot be reached.
   */
  private <T> Future<T> bounded(Future<T> request) {
    io.vertx.core.Promise<T> answer = io.vertx.core.Promise.promise();
    long timer = vertx.setTimer(timeoutMillis, id -> answer.tryFail(new PajaException(ErrorCode.UPSTREAM_TIMEOUT,
        "GitHub did not answer within " + timeoutMillis / 1000 + " s; the issue may or may not have been created.")));
    request.onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        answer.tryComplete(ar.result());
      } else if (ar.cause() instanceof PajaException) {
        answer.tryFail(ar.cause());
      } else {
        LOG.warn("GitHub request failed: {}", ar.cause().toString());
        answer.tryFail(new PajaException(ErrorCode.UPSTREAM_FAILED, "GitHub cannot be reached."));
      }
    });
    return answer.future();
  }

  private HttpRequest<Buffer> request(String method, String path) {
    if (!configured()) {
      throw new PajaException(ErrorCode.NOT_CONFIGURED, "Set PAJA_GITHUB_TOKEN and PAJA_GITHUB_REPO.");
    }
    String url = config.githubApiUrl() + "/repos/" + config.githubRepo().get() + path;
    return client.requestAbs(io.vertx.core.http.HttpMethod.valueOf(method), url)
        .putHeader("Accept", "application/vnd.github+json")
        .putHeader("X-GitHub-Api-Version", "2022-11-28")
        .putHeader("Authorization", "Bearer " + config.githubToken().get())
        // Closes the connection of a request abandoned by bounded() a little after it answered upstream_timeout.
        .timeout(timeoutMillis + 1_000);
  }

  /** GitHub's state in Paja's words: closed as completed → done, closed as not planned → won't do. */
  public static String statusOf(JsonObject issue, String current) {
    if (!"closed".equals(issue.getString("state"))) {
      return "done".equals(current) || "wont_do".equals(current) ? "in_progress" : current;
    }
    return "not_planned".equals(issue.getString("state_reason")) ? "wont_do" : "done";
  }
}
