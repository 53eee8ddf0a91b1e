package fi.paja.web;

import static fi.paja.support.Api.addNote;
import static fi.paja.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import fi.paja.support.RawBridge;
import fi.paja.support.ServerTestBase;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Malformed frames and bodies, floods and oversized input against the running server. */
class HostileInputIT extends ServerTestBase {

  private String workshopId;
  private JsonObject workshop;
  private JsonObject aino;

  @BeforeEach
  void workshop() throws Exception {
    workshop = api.createWorkshop(api.facilitator(), "Kestävyys");
    workshopId = workshop.getString("id");
    aino = api.join(workshop.getString("joinCode"), "Aino");
  }

  private long seq() throws Exception {
    return api.get("/api/workshops/" + workshopId, aino.getString("token")).body().getLong("seq");
  }

  private String cmd() {
    return "workshop." + workshopId + ".cmd";
  }

  private static String randomFrame(Random random, String cmd, String token) {
    return switch (random.nextInt(8)) {
      case 0 -> "{";
      case 1 -> "[" + random.nextInt() + "]";
      case 2 -> new JsonObject().put("type", "send").put("address", cmd).put("body", random.nextInt())
          .put("headers", new JsonObject().put("token", token)).encode();
      case 3 -> new JsonObject().put("type", "send").put("address", cmd)
          .put("body", new JsonObject().put("op", "note.add").put("text", new JsonObject().put("$gt", ""))
              .put("x", 0).put("y", 0))
          .put("headers", new JsonObject().put("token", token)).encode();
      case 4 -> new JsonObject().put("type", "register").put("address", "x".repeat(random.nextInt(500))).encode();
      case 5 -> new JsonObject().put("type", random.nextBoolean() ? "publish" : "unregister")
          .put("address", cmd).put("body", new JsonArray().add(1)).encode();
      case 6 -> new JsonObject().put("type", "send").put("address", cmd).put("replyAddress", "r".repeat(80))
          .put("body", new JsonObject().put("op", "note.add")).encode();
      default -> {
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(200); i > 0; i--) {
          sb.append((char) (random.nextInt(0xD000)));
        }
        yield sb.toString();
      }
    };
  }

  @Test
  void twoThousandMalformedBridgeFramesChangeNothingAndTheServerStaysHealthy() throws Exception {
    Random random = new Random(42);
    long before = seq();
    int frames = 0;
    while (frames < 2_000) {
      try (RawBridge socket = RawBridge.connect(vertx, server.port())) {
        for (int i = 0; i < 250 && !socket.isClosed(); i++, frames++) {
          socket.writeRaw(randomFrame(random, cmd(), aino.getString("token")));
        }
      } catch (Exception closedByServer) {
        // A socket the server closed is a fine answer to garbage; go on with a new one.
      }
    }
    assertEquals(before, seq());
    assertEquals(200, api.get("/health", null).status());
    try (RawBridge good = RawBridge.connect(vertx, server.port())) {
      assertEquals("rec", good.request(cmd(), addNote("yhä toimii", 0, 0), aino.getString("token")).getString("type"));
    }
  }

  @Test
  void brokenSockJsFramingClosesOnlyThatConnection() throws Exception {
    long before = seq();
    WebSocketClient client = vertx.createWebSocketClient();
    try (RawBridge bystander = RawBridge.connectSockJsWebSocket(vertx, server.port())) {
      for (String broken : List.of("not json", "[1,2]", "{\"a\":1}", "[null]", "[\"a\"] trailing",
          "[".repeat(3_000) + "]".repeat(3_000), "[\"" + cmdFrame() + "\",{}]")) {
        WebSocket socket = await(client.connect(server.port(), "127.0.0.1",
            "/eventbus/7/" + UUID.randomUUID() + "/websocket"));
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        socket.textMessageHandler(frames::add);
        CompletableFuture<Void> closed = new CompletableFuture<>();
        socket.closeHandler(v -> closed.complete(null));
        socket.writeTextMessage(broken);
        closed.get(5, TimeUnit.SECONDS);
        assertTrue(frames.contains("c[1002,\"Broken framing.\"]"), "close frame for " + broken + ": " + frames);
      }
      assertEquals(before, seq(), "a command inside a broken frame was applied");
      assertEquals(200, api.get("/health", null).status());
      assertEquals("rec", bystander.request(cmd(), addNote("yhä toimii", 0, 0), aino.getString("token"))
          .getString("type"));
    } finally {
      await(client.close());
    }
  }

  /** A valid note.add bridge frame, escaped to sit inside a SockJS array. */
  private String cmdFrame() {
    String frame = new JsonObject().put("type", "send").put("address", cmd()).put("replyAddress", "r1")
        .put("headers", new JsonObject().put("token", aino.getString("token")))
        .put("body", addNote("ei saa mennä läpi", 0, 0)).encode();
    return frame.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  @Test
  void malformedHttpBodiesGetStableClientErrorsNeverA500() throws Exception {
    Random random = new Random(7);
    long before = seq();
    for (int i = 0; i < 400; i++) {
      String body = randomFrame(random, "x", "y");
      Api.Reply r = api.post("/api/workshops/" + workshopId + "/commands", aino.getString("token"), body);
      assertTrue(r.status() >= 400 && r.status() < 500, "status " + r.status() + " for " + body);
      assertTrue(r.errorCode() != null && r.errorCode().matches("[a-z_]+"), r.body().encode());
    }
    assertEquals(before, seq());
  }

  @Test
  void aMalformedPercentEscapeInTheAddressIsAClientErrorOnEveryRouteNeverA500() throws Exception {
    String token = aino.getString("token");
    for (String path : List.of("/api/templates?lang=%zz", "/api/templates?lang=%", "/api/templates?%E0%A4%A=fi",
        "/api/workshops/" + workshopId + "/export?format=%zz", "/api/workshops/" + workshopId + "/events?after=%G1",
        "/api/public/x?lang=%zz", "/api/nothing?x=%zz", "/?code=%zz", "/board.html?w=%", "/health?x=%zz")) {
      Api.Reply r = api.get(path, token);
      assertEquals(400, r.status(), path + ": " + r.body());
      assertEquals("invalid_address", r.errorCode(), path);
    }
    assertEquals(200, api.get("/api/templates?lang=sv", null).status());
  }

  @Test
  void aFloodOfCommandsFromOneSocketIsRateLimitedWithAClearError() throws Exception {
    try (RawBridge socket = RawBridge.connect(vertx, server.port())) {
      java.util.List<String> replies = new java.util.ArrayList<>();
      // 60 in flight: under the bridge's own limit of 64 pending replies per socket, over the burst of 40.
      for (int i = 0; i < 60; i++) {
        replies.add(
            socket.send(cmd(), addNote("tulva " + i, i, 0), new JsonObject().put("token", aino.getString("token"))));
      }
      int ok = 0;
      int limited = 0;
      for (String address : replies) {
        JsonObject reply = socket.awaitFrame(f -> address.equals(f.getString("address")), 10_000);
        if ("rec".equals(reply.getString("type"))) {
          ok++;
        } else if ("rate_limited".equals(reply.getString("message"))) {
          assertEquals(429, reply.getInteger("failureCode"));
          limited++;
        }
      }
      assertTrue(ok >= 40, "ok " + ok);
      assertTrue(limited > 0, "none limited");
      assertEquals(60, ok + limited);
    }
  }

  @Test
  void guessingJoinCodesIsStoppedAfterAFewWrongOnes() throws Exception {
    int limited = 0;
    for (int i = 0; i < 14; i++) {
      Api.Reply r = api.post("/api/join", null, new JsonObject().put("code", "ZZZZZ" + "23456789".charAt(i % 8))
          .put("name", "Arvaaja"));
      if (r.status() == 429) {
        assertEquals("rate_limited", r.errorCode());
        limited++;
      } else {
        assertEquals(404, r.status());
      }
    }
    assertTrue(limited >= 3, "limited " + limited);
  }

  @Test
  void anOversizedFrameIsDroppedAndChangesNothing() throws Exception {
    long before = seq();
    RawBridge big = RawBridge.connect(vertx, server.port());
    try {
      String address = big.send(cmd(), addNote("x".repeat(100_000), 0, 0),
          new JsonObject().put("token", aino.getString("token")));
      // Over the 64 KiB message limit the WebSocket layer drops it: it never reaches the bridge or a board.
      assertTrue(
          !big.receives(f -> address.equals(f.getString("address")) && "rec".equals(f.getString("type")), 2_000));
    } catch (Exception closedByServer) {
      // also fine
    } finally {
      big.close();
    }
    assertEquals(before, seq());
    try (RawBridge good = RawBridge.connect(vertx, server.port())) {
      assertEquals("rec", good.request(cmd(), addNote("ok", 0, 0), aino.getString("token")).getString("type"));
    }
  }
}
