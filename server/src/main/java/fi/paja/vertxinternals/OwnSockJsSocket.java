package fi.paja.vertxinternals;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.impl.SockJSSocketBase;

/**
 * The base of a SockJS socket served by Paja rather than by a Vert.x transport. Vert.x's {@code SockJSSocketBase}
 * supplies what the bridge asks of every socket besides reading and writing (the routing context, the web session
 * and user, the write handler when asked for).
 */
public abstract class OwnSockJsSocket extends SockJSSocketBase {

  protected OwnSockJsSocket(Vertx vertx, RoutingContext rc, SockJSHandlerOptions options) {
    super(vertx, rc, options);
  }
}
