package fi.paja.web;

import fi.paja.support.RawBridge;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bridge contract over SockJS's xhr-polling fallback, as used where WebSockets are blocked. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XhrPollingBridgeIT extends BridgeContract {

  @Override
  RawBridge connect(Vertx vertx, int port) throws Exception {
    return RawBridge.connectXhrPolling(vertx, port);
  }
}
