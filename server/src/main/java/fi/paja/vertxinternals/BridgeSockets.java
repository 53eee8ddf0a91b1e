package fi.paja.vertxinternals;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import io.vertx.ext.web.handler.sockjs.impl.EventBusBridgeImpl;

/**
 * Vert.x's event-bus bridge as a handler of sockets. {@code SockJSHandler.bridge} keeps the bridge to itself; Paja
 * gives it the sockets of Vert.x's SockJS transports and those of its own WebSocket transport alike.
 */
public final class BridgeSockets {

  private BridgeSockets() {
  }

  public static Handler<SockJSSocket> bridge(Vertx vertx, SockJSBridgeOptions options, Handler<BridgeEvent> events) {
    return new EventBusBridgeImpl(vertx, null, options, events);
  }
}
