package fi.paja.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * SockJS's xhr-polling transport: long-polling {@code POST .../xhr} for frames ({@code o} open, {@code h}
 * heartbeat, {@code a[...]} messages, {@code c[...]} close) and {@code POST .../xhr_send} to send.
 */
final class XhrPolling implements RawBridge.Transport {

  private final WebClient web;
  private final int port;
  private final String base;
  private final Promise<Void> opened = Promise.promise();
  private Consumer<JsonObject> sink;
  private volatile boolean closed;

  XhrPolling(Vertx vertx, int port) {
    // SockJS answers polls with "Connection: close" at times; fresh connections keep the test client simple.
    this.web = WebClient.create(vertx, new io.vertx.ext.web.client.WebClientOptions().setKeepAlive(false));
    this.port = port;
    this.base = "/eventbus/000/" + UUID.randomUUID().toString().replace("-", "");
  }

  RawBridge.Transport start(Consumer<JsonObject> sink) {
    this.sink = sink;
    poll();
    return this;
  }

  Future<Void> opened() {
    return opened.future();
  }

  private void poll() {
    if (closed) {
      return;
    }
    web.post(port, "127.0.0.1", base + "/xhr").send().onComplete(ar -> {
      if (ar.failed()) {
        closed = true;
        opened.tryFail(ar.cause());
        return;
      }
      String body = ar.result().bodyAsString();
      if (body == null || body.isEmpty()) {
        poll();
        return;
      }
      switch (body.charAt(0)) {
        case 'o' -> opened.tryComplete();
        case 'a' -> new JsonArray(body.substring(1).trim()).forEach(m -> sink.accept(new JsonObject((String) m)));
        case 'c' -> closed = true;
        default -> {
        }
      }
      poll();
    });
  }

  @Override
  public Future<Void> write(String frame) {
    Buffer payload = new JsonArray().add(frame).toBuffer();
    return web.post(port, "127.0.0.1", base + "/xhr_send").sendBuffer(payload).compose(r ->
        r.statusCode() == 204 ? Future.succeededFuture()
            : Future.failedFuture("xhr_send answered " + r.statusCode() + ": " + r.bodyAsString()));
  }

  @Override
  public Future<Void> close() {
    closed = true;
    return Future.succeededFuture();
  }

  @Override
  public boolean isClosed() {
    return closed;
  }
}
