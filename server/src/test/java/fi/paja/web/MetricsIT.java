package fi.paja.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fi.paja.support.Await;
import fi.paja.support.RawBridge;
import fi.paja.support.ServerTestBase;
import fi.paja.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What operators read at /metrics counts the whole node, whichever HTTP verticle a socket landed on. */
class MetricsIT extends ServerTestBase {

  private static final Pattern SOCKETS = Pattern.compile("(?m)^paja_bridge_sockets (\\S+)$");

  private double sockets() throws Exception {
    String text = TestServer.await(io.vertx.ext.web.client.WebClient.create(vertx)
        .get(server.port(), "127.0.0.1", "/metrics").send()).bodyAsString();
    Matcher m = SOCKETS.matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }

  private double socketsBecome(double expected) throws Exception {
    return Await.until("the open socket count to become " + expected, Duration.ofSeconds(5), this::sockets,
        seen -> seen == expected);
  }

  @Test
  void openBridgeSocketsAreCountedOverAllHttpVerticles() throws Exception {
    double before = socketsBecome(0);
    assertEquals(0, before);
    List<RawBridge> open = new ArrayList<>();
    try {
      for (int i = 0; i < 6; i++) {
        open.add(RawBridge.connect(vertx, server.port()));
      }
      assertEquals(6, socketsBecome(6));
      open.remove(0).close();
      open.remove(0).close();
      assertEquals(4, socketsBecome(4));
    } finally {
      for (RawBridge b : open) {
        b.close();
      }
    }
    assertEquals(0, socketsBecome(0));
  }
}
