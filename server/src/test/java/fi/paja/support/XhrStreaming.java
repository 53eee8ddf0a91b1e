package fi.paja.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;

/**
 * SockJS's xhr-streaming transport: one long {@code POST .../xhr_streaming} response carries the frames, one per
 * line, after a 2 KiB prelude of {@code h}s; once it has carried enough bytes the server ends it and the client
 * opens the next.
 */
final class XhrStreaming extends XhrTransport {

  private final HttpClient http;

  XhrStreaming(Vertx vertx, int port, String origin) {
    super(vertx, port, origin);
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
  }

  @Override
  protected void receive() {
    if (closed) {
      return;
    }
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
        .setURI(base + "/xhr_streaming");
    if (origin != null) {
      options.putHeader("Origin", origin);
    }
    http.request(options)
        .compose(req -> req.send())
        .onSuccess(resp -> {
          if (resp.statusCode() != 200) {
            failed(new IllegalStateException("xhr_streaming answered " + resp.statusCode()));
            return;
          }
          resp.handler(RecordParser.newDelimited("\n", line -> frame(line.toString(StandardCharsets.UTF_8))));
          // The server ends a stream after enough bytes; the next one picks up where it left off.
          resp.endHandler(v -> receive());
          resp.exceptionHandler(err -> closed = true);
        })
        .onFailure(this::failed);
  }

  @Override
  public Future<Void> close() {
    return super.close().compose(v -> http.close());
  }
}
