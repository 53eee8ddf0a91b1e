package fi.paja.web;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures a client causes — a connection reset or closed half-way, a broken request, a bad %-escape, a body over the
 * limit — are not the server's errors, and anyone can cause them at will: they are logged at DEBUG (logger
 * {@code fi.paja.web.ClientFailures}), so that nobody can fill the log with ERRORs and stack traces. Anything else
 * that goes wrong is still an ERROR with its stack trace.
 */
final class ClientFailures {

  private static final Logger LOG = LoggerFactory.getLogger(ClientFailures.class);

  private ClientFailures() {
  }

  /** Whether this is the connection going away under the server: reset, closed, broken pipe. */
  static boolean clientGone(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof IOException || c instanceof HttpClosedException) {
        return true;
      }
    }
    return false;
  }

  /** An HTTP connection's own failure (the server's exception handler): always the client's or the network's. */
  static void connectionFailed(Throwable t) {
    LOG.debug("Connection failed: {}", String.valueOf(t));
  }

  /** A WebSocket or SockJS socket that failed (reset, broken frame): the client's or the network's. */
  static void socketFailed(Object why) {
    LOG.debug("Socket failed: {}", String.valueOf(why));
  }

  /** A request that failed outside the API (static files, SockJS transports), answered with its status. */
  static void routeFailed(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    boolean closed = ctx.response().closed();
    if (closed || clientGone(failure) || (status >= 400 && status < 500) || secondAnswer(ctx, failure)) {
      LOG.debug("{} {} failed ({}): {}", ctx.request().method(), ctx.normalizedPath(), closed ? "closed" : status,
          String.valueOf(failure));
    } else {
      LOG.error("{} {} failed", ctx.request().method(), ctx.normalizedPath(), failure);
    }
    if (closed || ctx.response().ended()) {
      return;
    }
    if (ctx.response().headWritten()) {
      ctx.response().end(); // a stream that broke off half-way: its client sees it end
    } else {
      ctx.response().setStatusCode(status).end(HttpResponseStatus.valueOf(status).reasonPhrase());
    }
  }

  /**
   * A write to a response that was already sent in full. SockJS's xhr-polling does this when a client polls a session
   * that was just closed under it (the close frame goes to a poll it has already answered): the client has its whole
   * answer, and any client can make it happen at will.
   */
  private static boolean secondAnswer(RoutingContext ctx, Throwable failure) {
    return failure instanceof IllegalStateException && ctx.response().ended();
  }

  /** A request whose path could not even be matched (a broken %-escape): Vert.x answers it 400 after this. */
  static void badRequest(RoutingContext ctx) {
    LOG.debug("Bad request: {}", String.valueOf(ctx.failure()));
  }
}
