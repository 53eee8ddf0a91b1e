package fi.paja.web;

import static fi.paja.support.Api.addNote;
import static fi.paja.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.RawBridge;
import fi.paja.support.ServerTestBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The event bus answers only pages of its own origin, {@code PAJA_PUBLIC_URL}'s and those in
 * {@code PAJA_ALLOWED_ORIGINS} (docs/PROTOCOL.md "Origins"): on every transport a foreign page's request is refused
 * (403, upgrade refused) and never gets SockJS's CORS headers, while the allowed ones and programs without an
 * {@code Origin} work as before.
 */
class OriginIT extends ServerTestBase {

  private static final String PARTNER = "https://partner.example";
  private static final String PUBLIC = "https://paja.example.fi";
  private static final String FOREIGN = "https://evil.example";

  private WebClient web;
  private String workshopId;
  private JsonObject aino;

  @FunctionalInterface
  interface Connect {
    RawBridge connect(Vertx vertx, int port, String origin) throws Exception;
  }

  @Override
  protected Map<String, String> settings() {
    return Map.of("PAJA_ALLOWED_ORIGINS", PARTNER, "PAJA_PUBLIC_URL", PUBLIC + "/");
  }

  @BeforeAll
  void setUp() throws Exception {
    web = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
    JsonObject workshop = api.createWorkshop(api.login(), "Asiakasraati");
    workshopId = workshop.getString("id");
    aino = api.join(workshop.getString("joinCode"), "Aino");
  }

  private String own() {
    return "http://127.0.0.1:" + server.port();
  }

  static Stream<Arguments> transports() {
    return Stream.of(
        Arguments.of("raw WebSocket", (Connect) RawBridge::connect),
        Arguments.of("SockJS WebSocket", (Connect) RawBridge::connectSockJsWebSocket),
        Arguments.of("xhr-streaming", (Connect) RawBridge::connectXhrStreaming),
        Arguments.of("xhr-polling", (Connect) RawBridge::connectXhrPolling));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aForeignPageCannotConnect(String name, Connect transport) {
    Exception e = assertThrows(Exception.class, () -> transport.connect(vertx, server.port(), FOREIGN).close());
    Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
    if (cause instanceof UpgradeRejectedException rejected) {
      assertEquals(403, rejected.getStatus(), name);
    } else {
      assertTrue(String.valueOf(cause.getMessage()).contains("403"), () -> name + ": " + cause);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void ownPublicAndAllowedPagesAndProgramsWork(String name, Connect transport) throws Exception {
    for (String origin : new String[] {own(), PUBLIC, PARTNER, null}) {
      try (RawBridge bridge = transport.connect(vertx, server.port(), origin)) {
        JsonObject reply = bridge.request("workshop." + workshopId + ".cmd", addNote("from " + origin, 1, 2),
            aino.getString("token"));
        assertEquals("rec", reply.getString("type"), () -> name + " from " + origin + ": " + reply.encode());
      }
    }
  }

  /** A similar-looking origin is another origin: other scheme, other port, a longer host, a path, "null". */
  @ParameterizedTest
  @MethodSource("lookalikes")
  void lookalikeOriginsAreForeign(String origin) throws Exception {
    assertEquals(403, info(origin).statusCode(), origin);
  }

  Stream<String> lookalikes() {
    int port = server.port();
    return Stream.of("https://127.0.0.1:" + port, "http://127.0.0.1:" + (port + 1), "http://127.0.0.1",
        "http://127.0.0.1:" + port + ".evil.example", "http://127.0.0.1:" + port + "/", "null",
        "http://paja.example.fi",
        "https://paja.example.fi:8443", "https://partner.example.evil.example", "http://user@127.0.0.1:" + port, "");
  }

  @Test
  void infoAnswersAForeignPage403WithoutCorsHeaders() throws Exception {
    HttpResponse<Buffer> refused = info(FOREIGN);
    assertEquals(403, refused.statusCode());
    assertNull(refused.getHeader("Access-Control-Allow-Origin"));
    assertNull(refused.getHeader("Access-Control-Allow-Credentials"));
    HttpResponse<Buffer> preflight = await(origin(web.request(HttpMethod.OPTIONS, server.port(), "127.0.0.1",
        "/eventbus/info"), FOREIGN).putHeader("Access-Control-Request-Method", "GET").send());
    assertEquals(403, preflight.statusCode());
    assertNull(preflight.getHeader("Access-Control-Allow-Origin"));
  }

  @Test
  void infoAnswersOwnPublicAndAllowedPages() throws Exception {
    for (String origin : new String[] {own(), PUBLIC, PARTNER}) {
      HttpResponse<Buffer> ok = info(origin);
      assertEquals(200, ok.statusCode(), origin);
      assertEquals(origin, ok.getHeader("Access-Control-Allow-Origin"));
    }
    assertEquals(200, info(null).statusCode());
  }

  /** The origin is checked on every request of a session, not only when it opens. */
  @Test
  void xhrSendFromAForeignPageIsRefusedAndItsFrameNeverArrives() throws Exception {
    String session = "/eventbus/000/" + UUID.randomUUID().toString().replace("-", "");
    HttpResponse<Buffer> open = await(origin(web.post(server.port(), "127.0.0.1", session + "/xhr"), own()).send());
    assertEquals("o", open.bodyAsString().trim());
    long before = seq();

    HttpResponse<Buffer> refused = await(origin(web.post(server.port(), "127.0.0.1", session + "/xhr_send"), FOREIGN)
        .sendBuffer(frames(addNote("foreign", 0, 0))));
    assertEquals(403, refused.statusCode());
    assertNull(refused.getHeader("Access-Control-Allow-Origin"));

    HttpResponse<Buffer> accepted = await(origin(web.post(server.port(), "127.0.0.1", session + "/xhr_send"), own())
        .sendBuffer(frames(addNote("own", 0, 0))));
    assertEquals(204, accepted.statusCode());
    // The reply comes on the next poll; by then the own note is stored and the foreign one never was.
    String reply = await(origin(web.post(server.port(), "127.0.0.1", session + "/xhr"), own()).send()).bodyAsString();
    assertTrue(reply.startsWith("a"), reply);
    assertEquals(before + 1, seq());
    JsonArray notes = api.get("/api/workshops/" + workshopId, aino.getString("token")).body().getJsonArray("notes");
    assertTrue(notes.stream().map(JsonObject.class::cast).noneMatch(n -> n.getString("text").equals("foreign")));
  }

  @Test
  void aWebSocketWithSeveralOriginsIsRefused() throws Exception {
    WebSocketClient client = vertx.createWebSocketClient();
    try {
      Exception e = assertThrows(Exception.class, () -> await(client.connect(
          RawBridge.webSocket(server.port(), "/eventbus/websocket", own()).addHeader("Origin", FOREIGN))));
      assertEquals(403, ((UpgradeRejectedException) e.getCause()).getStatus());
    } finally {
      await(client.close());
    }
  }

  private long seq() throws Exception {
    return api.get("/api/workshops/" + workshopId, aino.getString("token")).body().getLong("seq");
  }

  private Buffer frames(JsonObject command) {
    JsonObject frame = new JsonObject().put("type", "send").put("address", "workshop." + workshopId + ".cmd")
        .put("body", command).put("replyAddress", UUID.randomUUID().toString())
        .put("headers", new JsonObject().put("token", aino.getString("token")));
    return new JsonArray().add(frame.encode()).toBuffer();
  }

  private HttpResponse<Buffer> info(String origin) throws Exception {
    return await(origin(web.get(server.port(), "127.0.0.1", "/eventbus/info"), origin).send());
  }

  private static HttpRequest<Buffer> origin(HttpRequest<Buffer> request, String origin) {
    if (origin != null) {
      request.putHeader("Origin", origin);
    }
    return request;
  }
}
