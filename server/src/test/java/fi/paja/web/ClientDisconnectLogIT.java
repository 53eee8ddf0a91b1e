package fi.paja.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import fi.paja.support.ServerProcess;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Anyone can open connections and drop them: a client that goes away — reset, closed without a close frame, cut off
 * in the middle of a request or a frame, on every transport — or sends a request the server refuses is the client's
 * doing, not a server error. The server (the jar, with its own logback.xml) writes no ERROR for any of it, and its log
 * grows by a bounded number of lines however many clients do it.
 */
@ExtendWith(VertxExtension.class)
class ClientDisconnectLogIT {

  private static final int ROUNDS = 60;
  private int port;

  @Test
  void clientsThatGoAwayAbruptlyLeaveNoErrorsAndABoundedLog(Vertx vertx) throws Exception {
    Path dataDir = Files.createTempDirectory("paja-disconnects");
    port = ServerProcess.freePort();
    Path log = dataDir.resolve("server.log");
    Process server = ServerProcess.start(dataDir, port, Map.of(), log);
    try {
      Api api = new Api(vertx, port);
      ServerProcess.awaitHealthy(api);
      JsonObject workshop = api.createWorkshop(api.login(), "Asiakasraati");
      String token = api.join(workshop.getString("joinCode"), "Aino").getString("token");
      String register = new JsonObject().put("type", "register")
          .put("address", "workshop." + workshop.getString("id") + ".events")
          .put("headers", new JsonObject().put("token", token)).encode();
      Thread.sleep(500); // time passes on purpose: start-up's last log lines are written before the count
      int before = lines(log).size();

      for (int i = 0; i < ROUNDS; i++) {
        // Registered bridge sockets, reset or closed without a close frame, on both WebSocket transports.
        Socket raw = upgrade("/eventbus/websocket");
        send(raw, text(register));
        Thread.sleep(5); // on purpose: the register frame is on its way when the socket ends
        end(raw, i);
        Socket sockJs = upgrade("/eventbus/1/" + session() + "/websocket");
        send(sockJs, text(new JsonArray().add(register).encode()));
        Thread.sleep(5);
        end(sockJs, i);
        // Cut off in the middle of a WebSocket frame.
        Socket half = upgrade("/eventbus/websocket");
        send(half, new byte[] {(byte) 0x81, (byte) 0xFE, 0x10, 0x00, 1, 2, 3, 4, 'a', 'b'});
        end(half, i);
        // SockJS's xhr transports: a stream and a waiting poll dropped.
        String session = "/eventbus/1/" + session();
        Socket stream = request("POST " + session + "/xhr_streaming", "");
        stream.getInputStream().read(new byte[512]);
        end(stream, i);
        request("POST " + session + "2/xhr", "").close();
        Socket poll = request("POST " + session + "2/xhr", "");
        Thread.sleep(5);
        end(poll, i);
        // Static file and API requests dropped before their answers are read, or before their headers are complete.
        end(request("GET /", ""), i);
        end(request("GET /api/config", ""), i);
        Socket partial = new Socket("127.0.0.1", port);
        send(partial, "GET /api/config HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
        end(partial, i);
        // Requests the server refuses: a broken %-escape, a body over the limit.
        request("GET /%zz", "").close();
        request("POST " + session + "2/xhr_send", "a".repeat(70_000)).close();
      }
      Thread.sleep(2_000); // time passes on purpose: what must not be logged would be logged by now
      assertEquals(200, api.get("/health", null).status(), "the server still serves");

      List<String> after = lines(log).subList(before, lines(log).size());
      List<String> errors = after.stream().filter(l -> l.contains(" ERROR ")).toList();
      assertEquals(List.of(), errors.subList(0, Math.min(5, errors.size())),
          errors.size() + " ERROR lines from " + ROUNDS * 11 + " client connections");
      assertTrue(after.size() <= 20, () -> after.size() + " log lines from " + ROUNDS * 11 + " client connections: "
          + after.subList(0, Math.min(20, after.size())));
    } finally {
      server.destroy();
      server.waitFor();
    }
  }

  private static List<String> lines(Path log) throws IOException {
    return Files.readAllLines(log, StandardCharsets.UTF_8);
  }

  private static String session() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  /** Every other connection is reset (RST), the others closed without a word (FIN, no close frame). */
  private static void end(Socket socket, int i) throws IOException {
    if (i % 2 == 0) {
      socket.setSoLinger(true, 0);
    }
    socket.close();
  }

  private Socket request(String requestLine, String body) throws IOException {
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout(5_000);
    send(s, (requestLine + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Length: "
        + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
    return s;
  }

  private Socket upgrade(String path) throws IOException {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout(5_000);
    send(s, ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
        + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    String head = head(s.getInputStream());
    assertTrue(head.startsWith("HTTP/1.1 101"), head);
    return s;
  }

  private static String head(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private static void send(Socket s, byte[] bytes) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(bytes);
    out.flush();
  }

  /** A masked text frame, as a client must send it. */
  private static byte[] text(String message) {
    byte[] payload = message.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xFF);
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    frame.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    return frame.toByteArray();
  }
}
