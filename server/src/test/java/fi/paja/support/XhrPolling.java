package fi.paja.support;

import io.vertx.core.Vertx;

/** SockJS's xhr-polling transport: long-polling {@code POST .../xhr} for frames, one answer per poll. */
final class XhrPolling extends XhrTransport {

  XhrPolling(Vertx vertx, int port, String origin) {
    super(vertx, port, origin);
  }

  @Override
  protected void receive() {
    if (closed) {
      return;
    }
    post("/xhr").send().onComplete(ar -> {
      if (ar.failed()) {
        failed(ar.cause());
        return;
      }
      if (ar.result().statusCode() != 200) {
        failed(new IllegalStateException("xhr answered " + ar.result().statusCode()));
        return;
      }
      frame(ar.result().bodyAsString());
      receive();
    });
  }
}
