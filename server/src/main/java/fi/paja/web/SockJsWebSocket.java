package fi.paja.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import fi.paja.vertxinternals.OwnSockJsSocket;
import fi.paja.vertxinternals.SockJsText;
import fi.paja.vertxinternals.WebSocketFrames;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * SockJS's WebSocket transport ({@code /eventbus/<server>/<session>/websocket}), the way the browser client connects
 * wherever WebSockets are allowed, served here instead of by Vert.x's {@code SockJSSession}.
 *
 * <p>Why: the stock session JSON-escapes every message into its own SockJS frame ({@code a["..."]}) per socket, and
 * its {@link #writeQueueFull()} only counts messages it has not handed to the WebSocket yet, which is always none.
 * With a thousand browsers on a board the escaping was two thirds of the server's CPU in the fan-out (JFR), and a
 * browser that stopped reading was never seen as slow. This socket takes a frame that {@link EventFanOut} encoded
 * once for all ({@link #frames}, {@link #writeFrame}), and reports the WebSocket's own write queue, so {@link SlowSockets} works here
 * as on the raw endpoint. It also passes the close code and reason to the client ({@code c[4408,"too_slow"]}).
 *
 * <p>The wire is SockJS's: {@code o} on open, {@code h} every heartbeat interval, {@code a[...]} for messages and
 * {@code c[code,"reason"]} before closing; the client sends a JSON array of strings (or one string), and a frame that
 * is not one closes the connection. xhr-streaming, xhr-polling and the rest stay with Vert.x's SockJS handler.
 * Everything runs on the event loop of the connection.
 */
final class SockJsWebSocket extends OwnSockJsSocket {

  /** The path SockJS clients use for this transport; server and session ids have no slashes or dots. */
  static final String PATH_REGEX = "^/eventbus/[^/.]+/[^/.]+/websocket$";

  /**
   * Messages above this many bytes in one SockJS frame go on in the next frame: clients cap a WebSocket frame (Vert.x's
   * client at 64 KiB by default), and a batch of hundreds of events must not exceed that.
   */
  static final int MAX_FRAME_BYTES = 32 * 1024;

  private static final JsonFactory JSON = new JsonFactory();

  private final ServerWebSocket ws;
  private final MultiMap headers;
  private final String uri;
  private final SocketAddress remoteAddress;
  private final SocketAddress localAddress;
  private final long heartbeat;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Void> closeHandler;
  private Handler<Throwable> exceptionHandler;
  private boolean closed;

  private SockJsWebSocket(Vertx vertx, RoutingContext rc, SockJSHandlerOptions options, ServerWebSocket ws) {
    super(vertx, rc, options);
    this.ws = ws;
    HttpServerRequest req = rc.request();
    // As the SockJS handler does: the application gets no cookies (a session cookie could identify a person).
    this.headers = MultiMap.caseInsensitiveMultiMap().addAll(req.headers()).remove(HttpHeaders.COOKIE);
    this.uri = req.uri();
    this.remoteAddress = req.remoteAddress();
    this.localAddress = req.localAddress();
    ws.textMessageHandler(this::received);
    ws.closeHandler(v -> ended());
    ws.exceptionHandler(this::failed);
    ws.writeTextMessage("o");
    this.heartbeat = vertx.setPeriodic(options.getHeartbeatInterval(), id -> {
      if (!closed) {
        ws.writeTextMessage("h");
      }
    });
  }

  /** Upgrades SockJS WebSocket requests and hands each socket to {@code sockets} (the bridge). */
  static Handler<RoutingContext> handler(Vertx vertx, SockJSHandlerOptions options, Handler<SockJSSocket> sockets) {
    return ctx -> {
      if (!ctx.request().canUpgradeToWebSocket()) {
        // Vert.x's SockJS handler answers these as SockJS specifies (400 or 405).
        ctx.next();
        return;
      }
      ctx.request().toWebSocket()
          .onFailure(ctx::fail)
          .onSuccess(ws -> {
            WebSocketFrames.withoutChunkedWriter(ctx.request().connection());
            sockets.handle(new SockJsWebSocket(vertx, ctx, options, ws));
          });
    };
  }

  /**
   * The SockJS frames that carry these messages, {@code a["...","..."]}, as the bytes of WebSocket text frames. Made
   * once and written to any number of sockets with {@link #writeFrame}. SockJS escapes every non-ASCII character, so
   * the text is ASCII and its bytes are its characters.
   */
  static List<byte[]> frames(List<String> messages) {
    List<byte[]> frames = new ArrayList<>(1);
    StringBuilder frame = new StringBuilder("a[");
    for (String message : messages) {
      String item = SockJsText.quoted(message);
      if (frame.length() > 2 && frame.length() + item.length() + 2 > MAX_FRAME_BYTES) {
        frames.add(frame.append(']').toString().getBytes(StandardCharsets.US_ASCII));
        frame.setLength(2);
      }
      if (frame.length() > 2) {
        frame.append(',');
      }
      frame.append(item);
    }
    if (frame.length() > 2) {
      frames.add(frame.append(']').toString().getBytes(StandardCharsets.US_ASCII));
    }
    return frames;
  }

  /**
   * Writes a frame made by {@link #frames}. The same array goes to every socket: Vert.x wraps it without a copy
   * ({@code writeTextMessage} would encode the text again for each socket, which was a third of the server's
   * allocation in the fan-out).
   */
  Future<Void> writeFrame(byte[] frame) {
    if (closed) {
      return Future.failedFuture("socket closed");
    }
    return ws.writeFrame(WebSocketFrames.text(frame));
  }

  private void received(String text) {
    if (closed || text.isEmpty() || text.equals("[]")) {
      return;
    }
    List<String> messages = decode(text);
    if (messages == null) {
      // Not SockJS framing: SockJS closes such a connection.
      close(1002, "Broken framing.");
      return;
    }
    for (String message : messages) {
      Handler<Buffer> h = handler;
      if (h == null || closed) {
        return;
      }
      h.handle(Buffer.buffer(message));
    }
  }

  /**
   * What a client sent: a JSON array of strings or one JSON string, and nothing after it; null for anything else
   * (numbers, objects, nesting, nulls, trailing text), which is broken framing.
   */
  static List<String> decode(String text) {
    try (JsonParser p = JSON.createParser(text)) {
      JsonToken token = p.nextToken();
      List<String> messages;
      if (token == JsonToken.VALUE_STRING) {
        messages = List.of(p.getText());
      } else if (token == JsonToken.START_ARRAY) {
        messages = new ArrayList<>();
        while ((token = p.nextToken()) == JsonToken.VALUE_STRING) {
          messages.add(p.getText());
        }
        if (token != JsonToken.END_ARRAY) {
          return null;
        }
      } else {
        return null;
      }
      return p.nextToken() == null ? messages : null;
    } catch (IOException e) {
      return null;
    }
  }

  private void failed(Throwable t) {
    Handler<Throwable> h = exceptionHandler;
    if (h != null) {
      h.handle(t);
    }
    close();
  }

  private void ended() {
    closed = true;
    vertx.cancelTimer(heartbeat);
    super.close();
    Handler<Void> end = endHandler;
    if (end != null) {
      end.handle(null);
    }
    Handler<Void> h = closeHandler;
    if (h != null) {
      h.handle(null);
    }
  }

  @Override
  public Future<Void> write(Buffer data) {
    return write(data.toString());
  }

  @Override
  public Future<Void> write(String data) {
    Future<Void> written = null;
    for (byte[] frame : frames(List.of(data))) {
      written = writeFrame(frame);
    }
    return written;
  }

  @Override
  public void close() {
    close(3000, "Go away!");
  }

  @Override
  public void close(int statusCode, String reason) {
    if (closed) {
      return;
    }
    closed = true;
    ws.writeTextMessage("c[" + statusCode + "," + SockJsText.quoted(reason) + "]");
    ws.close((short) 1000, reason);
  }

  @Override
  public void closeAfterSessionExpired() {
    close(1001, "Session expired");
  }

  @Override
  public SockJSSocket handler(Handler<Buffer> handler) {
    this.handler = handler;
    return this;
  }

  @Override
  public SockJSSocket exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public SockJSSocket endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    return this;
  }

  @Override
  public SockJSSocket closeHandler(Handler<Void> closeHandler) {
    this.closeHandler = closeHandler;
    return this;
  }

  @Override
  public SockJSSocket pause() {
    ws.pause();
    return this;
  }

  @Override
  public SockJSSocket resume() {
    ws.resume();
    return this;
  }

  @Override
  public SockJSSocket fetch(long amount) {
    ws.fetch(amount);
    return this;
  }

  @Override
  public SockJSSocket setWriteQueueMaxSize(int maxSize) {
    ws.setWriteQueueMaxSize(maxSize);
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return ws.writeQueueFull();
  }

  @Override
  public SockJSSocket drainHandler(Handler<Void> handler) {
    ws.drainHandler(handler);
    return this;
  }

  @Override
  public SocketAddress remoteAddress() {
    return remoteAddress;
  }

  @Override
  public SocketAddress localAddress() {
    return localAddress;
  }

  @Override
  public MultiMap headers() {
    return headers;
  }

  @Override
  public String uri() {
    return uri;
  }
}
