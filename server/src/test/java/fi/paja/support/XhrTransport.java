package fi.paja.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What SockJS's xhr transports share: a session path, frames in ({@code o} open, {@code h} heartbeat,
 * {@code a[...]} messages, {@code c[...]} close) and {@code POST .../xhr_send} out. Subclasses receive.
 */
abstract class XhrTransport implements RawBridge.Transport {

  protected final WebClient web;
  protected final int port;
  protected final String base = "/eventbus/000/" + UUID.randomUUID().toString().replace("-", "");
  /** The {@code Origin} header of every request, as a browser page sends it; null for none. */
  protected final String origin;
  private final Promise<Void> opened = Promise.promise();
  private Consumer<JsonObject> sink;
  protected volatile boolean closed;

  XhrTransport(Vertx vertx, int port, String origin) {
    // SockJS answers with "Connection: close" at times; fresh connections keep the test client simple.
    this.web = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
    this.port = port;
    this.origin = origin;
  }

  /** A POST to this session's {@code path} (e.g. {@code /xhr}), with the {@code Origin} header if there is one. */
  protected io.vertx.ext.web.client.HttpRequest<Buffer> post(String path) {
    io.vertx.ext.web.client.HttpRequest<Buffer> request = web.post(port, "127.0.0.1", base + path);
    if (origin != null) {
      request.putHeader("Origin", origin);
    }
    return request;
  }

  RawBridge.Transport start(Consumer<JsonObject> sink) {
    this.sink = sink;
    receive();
    return this;
  }

  /** Starts receiving frames and hands each to {@link #frame}. */
  protected abstract void receive();

  Future<Void> opened() {
    return opened.future();
  }

  protected void failed(Throwable err) {
    closed = true;
    opened.tryFail(err);
  }

  protected void frame(String text) {
    if (text == null || text.isBlank()) {
      return;
    }
    switch (text.charAt(0)) {
      case 'o' -> opened.tryComplete();
      case 'a' -> new JsonArray(text.substring(1).trim()).forEach(m -> sink.accept(new JsonObject((String) m)));
      case 'c' -> closed = true;
      default -> {
        // 'h': heartbeats (and xhr-streaming's prelude)
      }
    }
  }

  @Override
  public Future<Void> write(String frame) {
    Buffer payload = new JsonArray().add(frame).toBuffer();
    return post("/xhr_send").sendBuffer(payload).compose(r -> r.statusCode() == 204 ? Future.succeededFuture()
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
