package fi.paja.support;

import io.vertx.core.Vertx;

/** SockJS's xhr-polling transport: long-polling {@code POST .../xhr} for frames, one answer per poll. */
final class XhrPolling extends XhrTransport {

  XhrPolling(Vertx vertx, int port) {
    super(vertx, port);
  }

  @Override
  protected void receive() {
    if (closed) {
      return;
    }
    web.post(port, "127.0.0.1", base + "/xhr").send().onComplete(ar -> {
      if (ar.failed()) {
        failed(ar.cause());
        return;
      }
      frame(ar.result().bodyAsString());
      receive();
    });
  }
}
