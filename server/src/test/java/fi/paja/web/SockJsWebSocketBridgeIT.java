package fi.paja.web;

import static org.junit.jupiter.api.Assertions.assertNull;

import fi.paja.support.RawBridge;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bridge contract over SockJS's WebSocket transport, which is what the browser client uses where WebSockets
 * are allowed.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SockJsWebSocketBridgeIT extends BridgeContract {

  @Override
  RawBridge connect(Vertx vertx, int port) throws Exception {
    return RawBridge.connectSockJsWebSocket(vertx, port);
  }

  @Test
  void theServerDeclinesPerMessageDeflateThatBrowsersOffer() throws Exception {
    try (RawBridge bridge = connect(vertx, server.port())) {
      assertNull(bridge.extensions(), "Sec-WebSocket-Extensions accepted by the server");
    }
  }
}
