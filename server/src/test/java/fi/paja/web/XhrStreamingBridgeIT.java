package fi.paja.web;

import fi.paja.support.RawBridge;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bridge contract over SockJS's xhr-streaming fallback, the first one a browser tries where WebSockets fail. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XhrStreamingBridgeIT extends BridgeContract {

  @Override
  RawBridge connect(Vertx vertx, int port) throws Exception {
    return RawBridge.connectXhrStreaming(vertx, port);
  }
}
