package fi.paja.support;

import static fi.paja.support.TestServer.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** A small blocking HTTP client for the public API, as an integration would use it. */
public final class Api {

  /** A response: status and JSON body (empty object when there is none). */
  public record Reply(int status, JsonObject body) {
    public String errorCode() {
      JsonObject error = body.getJsonObject("error");
      return error == null ? null : error.getString("code");
    }
  }

  private final WebClient client;
  private final int port;
  private String facilitatorSession;

  public Api(Vertx vertx, int port) {
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1"));
    this.port = port;
  }

  public Reply get(String path, String token) throws Exception {
    return send(client.get(port, "127.0.0.1", path), token, null);
  }

  /**
   * A GET that fails when no answer comes {@code within}: a probe of a server process that is starting, or was just
   * killed, where a request can be left unanswered (one on a connection that died with the old process) and should
   * be asked again rather than waited on for {@link TestServer#await}'s 30 s.
   */
  public Reply getWithin(String path, java.time.Duration within) throws Exception {
    return send(client.get(port, "127.0.0.1", path).timeout(within.toMillis()), null, null);
  }

  /** A GET that nobody waits for (e.g. to make the server load a board just before it is killed). */
  public io.vertx.core.Future<HttpResponse<Buffer>> getAsync(String path, String token) {
    HttpRequest<Buffer> request = client.get(port, "127.0.0.1", path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return request.send();
  }

  /** A GET whose body is not JSON (e.g. {@code /metrics}). */
  public String getText(String path) throws Exception {
    Buffer body = await(client.get(port, "127.0.0.1", path).send()).body();
    return body == null ? "" : body.toString();
  }

  /** A GET whose body is not JSON (a download), with a bearer token. */
  public String getText(String path, String token) throws Exception {
    HttpRequest<Buffer> request = client.get(port, "127.0.0.1", path);
    request.putHeader("Authorization", "Bearer " + token);
    HttpResponse<Buffer> response = await(request.send());
    if (response.statusCode() != 200) {
      throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    Buffer body = response.body();
    return body == null ? "" : body.toString();
  }

  public Reply post(String path, String token, Object body) throws Exception {
    return send(client.post(port, "127.0.0.1", path), token, body);
  }

  /** A POST as a reverse proxy would pass it on for the client at {@code forwardedFor}. */
  public Reply postForwarded(String path, String forwardedFor, Object body) throws Exception {
    return send(client.post(port, "127.0.0.1", path).putHeader("X-Forwarded-For", forwardedFor), null, body);
  }

  private Reply send(HttpRequest<Buffer> request, String token, Object body) throws Exception {
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    HttpResponse<Buffer> response;
    if (body == null) {
      response = await(request.send());
    } else {
      Buffer buffer = body instanceof JsonObject json ? json.toBuffer() : Buffer.buffer(body.toString());
      response = await(request.putHeader("Content-Type", "application/json").sendBuffer(buffer));
    }
    Buffer payload = response.body();
    JsonObject json = payload == null || payload.length() == 0 ? new JsonObject() : new JsonObject(payload);
    return new Reply(response.statusCode(), json);
  }

  public String login() throws Exception {
    Reply r = post("/api/login", null,
        new JsonObject().put("username", TestServer.ADMIN).put("password", TestServer.ADMIN_PASSWORD));
    if (r.status() != 200) {
      throw new AssertionError("login failed: " + r);
    }
    return r.body().getString("token");
  }

  /**
   * The admin facilitator's session, logged in once for this client. A login costs a bcrypt check (a third of a
   * second), so a set-up that only needs some facilitator takes this one rather than logging in before every test; a
   * test that ends a session or needs a fresh one calls {@link #login()}.
   */
  public String facilitator() throws Exception {
    if (facilitatorSession == null) {
      facilitatorSession = login();
    }
    return facilitatorSession;
  }

  /** Creates a workshop as the admin facilitator; returns its JSON (id, joinCode, ...). */
  public JsonObject createWorkshop(String facilitatorToken, String title) throws Exception {
    Reply r = post("/api/workshops", facilitatorToken, new JsonObject().put("title", title));
    if (r.status() != 201) {
      throw new AssertionError("create failed: " + r);
    }
    return r.body();
  }

  /** Joins; returns the join reply (token, workshopId, participantId). */
  public JsonObject join(String code, String name) throws Exception {
    Reply r = post("/api/join", null, new JsonObject().put("code", code).put("name", name));
    if (r.status() != 200) {
      throw new AssertionError("join failed: " + r);
    }
    return r.body();
  }

  public Reply command(String workshopId, String token, JsonObject command) throws Exception {
    return post("/api/workshops/" + workshopId + "/commands", token, command);
  }

  /** Sends a command that must succeed, waiting out the rate limit (429) as a well-behaved client does. */
  public void commandOk(String workshopId, String token, JsonObject command) throws Exception {
    while (true) {
      Reply r = command(workshopId, token, command);
      if (r.status() == 200) {
        return;
      }
      if (r.status() != 429) {
        throw new AssertionError(r.body().encode());
      }
      Thread.sleep(50); // time passes on purpose: a rate limit refills with time
    }
  }

  public static JsonObject addNote(String text, double x, double y) {
    return new JsonObject().put("op", "note.add").put("text", text).put("x", x).put("y", y);
  }
}
