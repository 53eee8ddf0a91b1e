package fi.paja.web;

import fi.paja.metrics.PajaMetrics;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backpressure for sockets that stop reading: while a socket's write queue is full nothing more is queued for it
 * (it will see a gap in seq and catch up), and if it stays full it is closed. One slow reader then costs neither the
 * others' latency nor unbounded server memory. One instance per HTTP verticle, used on its event loop only.
 */
final class SlowSockets {

  private static final Logger LOG = LoggerFactory.getLogger(SlowSockets.class);

  /** A socket whose outbound queue stays full this long is closed; its client reconnects and catches up by seq. */
  static final long SLOW_CONSUMER_MILLIS = 5_000;

  private final Map<SockJSSocket, Long> behindSince = new HashMap<>();
  private final PajaMetrics metrics;

  SlowSockets(PajaMetrics metrics) {
    this.metrics = metrics;
  }

  /** True when a delivery to this socket must be dropped now; closes the socket once it has been behind too long. */
  boolean drop(SockJSSocket socket) {
    boolean full;
    try {
      full = socket.writeQueueFull();
    } catch (IllegalStateException closed) {
      // closed meanwhile (e.g. a person erased while events to them were on their way): nothing to deliver to
      behindSince.remove(socket);
      return true;
    }
    if (!full) {
      if (!behindSince.isEmpty()) {
        behindSince.remove(socket);
      }
      return false;
    }
    long now = System.currentTimeMillis();
    Long since = behindSince.putIfAbsent(socket, now);
    if (since != null && now - since > SLOW_CONSUMER_MILLIS) {
      LOG.info("Closing a socket that has not read for {} ms", now - since);
      behindSince.remove(socket);
      socket.close(4408, "too_slow");
    }
    metrics.error("slow_consumer_dropped");
    return true;
  }

  void closed(SockJSSocket socket) {
    behindSince.remove(socket);
  }
}
