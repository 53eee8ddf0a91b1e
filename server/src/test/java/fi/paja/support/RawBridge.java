package fi.paja.support;

import static fi.paja.support.TestServer.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A client of the event-bus bridge over its raw WebSocket transport ({@code /eventbus/websocket}), speaking the
 * bridge's JSON frames the way the browser's bridge client does. Every frame received is kept for assertions.
 */
public final class RawBridge implements AutoCloseable {

  /** How frames travel: the raw WebSocket, or SockJS's xhr-polling fallback for networks that block WebSockets. */
  interface Transport {
    default void pauseReading() {
      throw new UnsupportedOperationException();
    }

    default void resumeReading() {
      throw new UnsupportedOperationException();
    }

    /** The close code the server gave (WebSocket close frame, or SockJS's {@code c[code,"reason"]}), or null. */
    default Integer closeCode() {
      return null;
    }

    io.vertx.core.Future<Void> write(String frame);

    io.vertx.core.Future<Void> close();

    boolean isClosed();
  }

  private final Transport transport;
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final List<JsonObject> seen = new ArrayList<>();
  private final long pinger;
  private final Vertx vertx;
  private String extensions;
  private final java.util.concurrent.atomic.AtomicInteger framesWithSeveralMessages = new java.util.concurrent.atomic.AtomicInteger();

  private RawBridge(Vertx vertx, java.util.function.Function<java.util.function.Consumer<JsonObject>, Transport> open)
      throws Exception {
    this.vertx = vertx;
    this.transport = open.apply(frames::add);
    pinger = vertx.setPeriodic(5_000, id -> transport.write("{\"type\":\"ping\"}"));
  }

  /** Over {@code /eventbus/websocket}; the bridge writes binary frames holding UTF-8 JSON. */
  public static RawBridge connect(Vertx vertx, int port) throws Exception {
    return connect(vertx, port, null);
  }

  /** The same, as a page from {@code origin} would connect (null: no Origin header). */
  public static RawBridge connect(Vertx vertx, int port, String origin) throws Exception {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions());
    WebSocket socket;
    try {
      socket = await(client.connect(webSocket(port, "/eventbus/websocket", origin)));
    } catch (Exception e) {
      client.close();
      throw e;
    }
    return new RawBridge(vertx, sink -> {
      socket.binaryMessageHandler(b -> sink.accept(new JsonObject(b)));
      socket.textMessageHandler(t -> sink.accept(new JsonObject(t)));
      return new Transport() {
        public void pauseReading() {
          socket.pause();
        }

        public void resumeReading() {
          socket.resume();
        }

        public Integer closeCode() {
          Short code = socket.closeStatusCode();
          return code == null ? null : (int) code;
        }

        public io.vertx.core.Future<Void> write(String frame) {
          return socket.writeTextMessage(frame);
        }

        public io.vertx.core.Future<Void> close() {
          return (socket.isClosed() ? io.vertx.core.Future.<Void>succeededFuture() : socket.close())
              .eventually(client::close);
        }

        public boolean isClosed() {
          return socket.isClosed();
        }
      };
    });
  }

  /**
   * Over SockJS's WebSocket transport ({@code /eventbus/<server>/<session>/websocket}), the way the browser client
   * connects where WebSockets work: messages travel as SockJS arrays of JSON strings. Like every browser, it offers
   * permessage-deflate; {@link #extensions()} tells what the server accepted.
   */
  public static RawBridge connectSockJsWebSocket(Vertx vertx, int port) throws Exception {
    return connectSockJsWebSocket(vertx, port, null);
  }

  /** The same, as a page from {@code origin} would connect (null: no Origin header). */
  public static RawBridge connectSockJsWebSocket(Vertx vertx, int port, String origin) throws Exception {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setTryUsePerMessageCompression(true));
    String path = "/eventbus/" + (int) (Math.random() * 1000) + "/" + UUID.randomUUID() + "/websocket";
    WebSocket socket;
    try {
      socket = await(client.connect(webSocket(port, path, origin)));
    } catch (Exception e) {
      client.close();
      throw e;
    }
    java.util.concurrent.atomic.AtomicReference<RawBridge> bridgeRef = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicReference<Integer> sockJsClose = new java.util.concurrent.atomic.AtomicReference<>();
    RawBridge bridge = new RawBridge(vertx, sink -> {
      socket.textMessageHandler(t -> {
        if (t.startsWith("c[")) {
          sockJsClose.set(new io.vertx.core.json.JsonArray(t.substring(1)).getInteger(0));
        }
        if (t.startsWith("a")) {
          io.vertx.core.json.JsonArray messages = new io.vertx.core.json.JsonArray(t.substring(1));
          RawBridge self = bridgeRef.get();
          if (messages.size() > 1 && self != null) {
            self.framesWithSeveralMessages.incrementAndGet();
          }
          messages.forEach(m -> sink.accept(new JsonObject((String) m)));
        }
      });
      return new Transport() {
        public void pauseReading() {
          socket.pause();
        }

        public void resumeReading() {
          socket.resume();
        }

        public Integer closeCode() {
          return sockJsClose.get();
        }

        public io.vertx.core.Future<Void> write(String frame) {
          return socket.writeTextMessage(new io.vertx.core.json.JsonArray().add(frame).encode());
        }

        public io.vertx.core.Future<Void> close() {
          return (socket.isClosed() ? io.vertx.core.Future.<Void>succeededFuture() : socket.close())
              .eventually(client::close);
        }

        public boolean isClosed() {
          return socket.isClosed();
        }
      };
    });
    bridgeRef.set(bridge);
    bridge.extensions = socket.headers().get("Sec-WebSocket-Extensions");
    return bridge;
  }

  /** A WebSocket to the test server at {@code path}, with {@code origin} as its {@code Origin} header (null: none). */
  public static io.vertx.core.http.WebSocketConnectOptions webSocket(int port, String path, String origin) {
    io.vertx.core.http.WebSocketConnectOptions options = new io.vertx.core.http.WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(port).setURI(path);
    if (origin != null) {
      options.addHeader("Origin", origin);
    } else {
      // Like a program, not a browser: Vert.x would otherwise make up an Origin from the URL.
      options.setAllowOriginHeader(false);
    }
    return options;
  }

  /** On SockJS: how many frames carried more than one message (the server batches events that arrive together). */
  public int framesWithSeveralMessages() {
    return framesWithSeveralMessages.get();
  }

  /** The WebSocket extensions the server accepted in the handshake, or null (none, or not a WebSocket). */
  public String extensions() {
    return extensions;
  }

  /** Over SockJS's xhr-polling transport, as a browser does where WebSockets are blocked. */
  public static RawBridge connectXhrPolling(Vertx vertx, int port) throws Exception {
    return connectXhrPolling(vertx, port, null);
  }

  /** The same, every request carrying {@code origin} as its {@code Origin} header if not null. */
  public static RawBridge connectXhrPolling(Vertx vertx, int port, String origin) throws Exception {
    return openXhr(vertx, () -> new XhrPolling(vertx, port, origin));
  }

  public static RawBridge connectXhrStreaming(Vertx vertx, int port) throws Exception {
    return connectXhrStreaming(vertx, port, null);
  }

  /** The same, every request carrying {@code origin} as its {@code Origin} header if not null. */
  public static RawBridge connectXhrStreaming(Vertx vertx, int port, String origin) throws Exception {
    return openXhr(vertx, () -> new XhrStreaming(vertx, port, origin));
  }

  /**
   * Opens an xhr transport's session. Vert.x's HTTP client can give a request a connection its pool is evicting
   * (logged "Connection evicted"; cf. eclipse-vertx/vert.x#4761): that request then never completes, and the session
   * never opens (OriginIT, twice on CI, with a thread dump showing only this wait). A browser's SockJS opens a new
   * session then; so does this, once, when nothing came within 10 s. A refusal (403 …) is never retried.
   */
  private static RawBridge openXhr(Vertx vertx, java.util.function.Supplier<XhrTransport> make) throws Exception {
    XhrTransport first = make.get();
    RawBridge bridge = new RawBridge(vertx, first::start);
    try {
      first.opened().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      return bridge;
    } catch (java.util.concurrent.TimeoutException stuck) {
      bridge.closeNoWait();
      System.err.println("RawBridge: an xhr session did not open within 10 s; opening a new one");
    } catch (Exception e) {
      bridge.close();
      throw e;
    }
    XhrTransport second = make.get();
    RawBridge again = new RawBridge(vertx, second::start);
    try {
      await(second.opened());
    } catch (Exception e) {
      again.close();
      throw e;
    }
    return again;
  }

  public void register(String address, String token) throws Exception {
    JsonObject frame = new JsonObject().put("type", "register").put("address", address);
    if (token != null) {
      frame.put("headers", new JsonObject().put("token", token));
    }
    write(frame);
  }

  /** Sends with a reply address; returns the reply address to wait on. */
  public String send(String address, Object body, JsonObject headers) throws Exception {
    String replyAddress = UUID.randomUUID().toString();
    JsonObject frame = new JsonObject().put("type", "send").put("address", address).put("body", body)
        .put("replyAddress", replyAddress);
    if (headers != null) {
      frame.put("headers", headers);
    }
    write(frame);
    return replyAddress;
  }

  /** Sends a command with the token header and waits for the reply frame ({@code rec} or {@code err}). */
  public JsonObject request(String address, Object body, String token) throws Exception {
    String replyAddress = send(address, body, token == null ? null : new JsonObject().put("token", token));
    return awaitFrame(f -> replyAddress.equals(f.getString("address")), 10_000);
  }

  public void write(JsonObject frame) throws Exception {
    await(transport.write(frame.encode()));
  }

  public void writeRaw(String text) throws Exception {
    await(transport.write(text));
  }

  /** Writes without waiting for the write to be flushed (a flood); the future tells when it was. */
  public io.vertx.core.Future<Void> writeRawNoWait(String text) {
    return transport.write(text);
  }

  /** The first frame, seen or still to come, that matches; fails after the timeout. */
  public JsonObject awaitFrame(Predicate<JsonObject> match, long timeoutMillis) throws Exception {
    synchronized (seen) {
      for (JsonObject f : seen) {
        if (match.test(f)) {
          seen.remove(f);
          return f;
        }
      }
    }
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (true) {
      long left = deadline - System.currentTimeMillis();
      JsonObject f = left > 0 ? frames.poll(left, TimeUnit.MILLISECONDS) : null;
      if (f == null) {
        throw new AssertionError("no matching frame within " + timeoutMillis + " ms; seen: " + seen);
      }
      if (match.test(f)) {
        return f;
      }
      synchronized (seen) {
        seen.add(f);
      }
    }
  }

  /**
   * Waits until a presence frame of the board shows the participant online. The server counts a socket's person as
   * online once its events registration has taken effect, so after this the socket receives the board's events
   * (register on presence and events first).
   */
  public JsonObject awaitOnline(String workshopId, String participantId, long timeoutMillis) throws Exception {
    String presence = "workshop." + workshopId + ".presence";
    return awaitFrame(f -> presence.equals(f.getString("address")) && f.getJsonObject("body") != null
        && f.getJsonObject("body").getJsonArray("online", new io.vertx.core.json.JsonArray()).contains(participantId),
        timeoutMillis);
  }

  /** Whether a matching frame arrives within the time (for asserting that something is NOT delivered). */
  public boolean receives(Predicate<JsonObject> match, long millis) throws Exception {
    try {
      awaitFrame(match, millis);
      return true;
    } catch (AssertionError e) {
      return false;
    }
  }

  /** Event bodies on an address, in arrival order, until {@code count} have arrived. */
  public List<JsonObject> events(String address, int count, long timeoutMillis) throws Exception {
    List<JsonObject> out = new ArrayList<>();
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (out.size() < count) {
      JsonObject frame = awaitFrame(f -> "rec".equals(f.getString("type")) && address.equals(f.getString("address")),
          Math.max(1, deadline - System.currentTimeMillis()));
      out.add(frame.getJsonObject("body"));
    }
    return out;
  }

  public boolean isClosed() {
    return transport.isClosed();
  }

  /** Stops reading from the socket, like a frozen browser tab: the server's writes pile up. */
  public void pauseReading() {
    transport.pauseReading();
  }

  public void resumeReading() {
    transport.resumeReading();
  }

  /** The code the server closed this connection with, or null (open, or closed without one). */
  public Integer closeCode() {
    return transport.closeCode();
  }

  /** Waits until the connection is closed; fails after the timeout. */
  public void awaitClosed(long timeoutMillis) throws Exception {
    if (!closesWithin(timeoutMillis)) {
      throw new AssertionError("still open after " + timeoutMillis + " ms");
    }
  }

  /** Whether the connection is closed within the time. */
  public boolean closesWithin(long timeoutMillis) throws Exception {
    return Await.within(java.time.Duration.ofMillis(timeoutMillis), transport::isClosed);
  }

  /** Every frame received so far and not yet taken by {@link #awaitFrame}, in arrival order. */
  public List<JsonObject> received() {
    synchronized (seen) {
      frames.drainTo(seen);
      return new ArrayList<>(seen);
    }
  }

  /** Closes without waiting for the server's side of the close (one that stopped reading never answers). */
  public void closeNoWait() {
    vertx.cancelTimer(pinger);
    transport.close();
  }

  @Override
  public void close() throws Exception {
    vertx.cancelTimer(pinger);
    await(transport.close());
  }
}
