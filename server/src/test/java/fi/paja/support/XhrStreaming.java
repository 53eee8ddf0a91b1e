package fi.paja.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * SockJS's xhr-streaming transport: one long {@code POST .../xhr_streaming} response carries the frames, one per
 * line, after a 2 KiB prelude of {@code h}s; once it has carried enough bytes the server ends it and the client
 * opens the next. Sending is {@code POST .../xhr_send}, as with polling.
 */
final class XhrStreaming implements RawBridge.Transport {

  private final HttpClient http;
  private final WebClient web;
  private final int port;
  private final String base;
  private final Promise<Void> opened = Promise.promise();
  private Consumer<JsonObject> sink;
  private volatile boolean closed;

  XhrStreaming(Vertx vertx, int port) {
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    this.web = WebClient.create(vertx);
    this.port = port;
    this.base = "/eventbus/000/" + UUID.randomUUID().toString().replace("-", "");
  }

  RawBridge.Transport start(Consumer<JsonObject> sink) {
    this.sink = sink;
    stream();
    return this;
  }

  Future<Void> opened() {
    return opened.future();
  }

  private void stream() {
    if (closed) {
      return;
    }
    http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
            .setURI(base + "/xhr_streaming"))
        .compose(req -> req.send())
        .onSuccess(resp -> {
          resp.handler(RecordParser.newDelimited("\n", line -> frame(line.toString(StandardCharsets.UTF_8))));
          // The server ends a stream after enough bytes; the next one picks up where it left off.
          resp.endHandler(v -> stream());
          resp.exceptionHandler(err -> closed = true);
        })
        .onFailure(err -> {
          closed = true;
          opened.tryFail(err);
        });
  }

  private void frame(String line) {
    if (line.isEmpty()) {
      return;
    }
    switch (line.charAt(0)) {
      case 'o' -> opened.tryComplete();
      case 'a' -> new JsonArray(line.substring(1)).forEach(m -> sink.accept(new JsonObject((String) m)));
      case 'c' -> closed = true;
      default -> {
        // 'h': the prelude and heartbeats
      }
    }
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
    return http.close();
  }

  @Override
  public boolean isClosed() {
    return closed;
  }
}
