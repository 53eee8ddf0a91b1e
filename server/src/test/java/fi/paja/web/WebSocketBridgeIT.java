package fi.paja.web;

import fi.paja.support.RawBridge;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bridge contract over the raw WebSocket transport, {@code /eventbus/websocket}. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSocketBridgeIT extends BridgeContract {

  @Override
  RawBridge connect(Vertx vertx, int port) throws Exception {
    return RawBridge.connect(vertx, port);
  }
}
