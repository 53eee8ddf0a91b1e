package fi.paja.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fi.paja.board.Addresses;
import fi.paja.board.Visibility;
import fi.paja.metrics.PajaMetrics;
import fi.paja.support.Await;
import fi.paja.vertxinternals.BridgeFrames;
import fi.paja.vertxinternals.BridgeSockets;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import io.vertx.ext.web.handler.sockjs.impl.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link EventFanOut} writes the bridge's frames itself, and {@link SockJsWebSocket} serves SockJS's WebSocket
 * transport itself: a client must not be able to tell either from Vert.x's stock SockJS event-bus bridge. The same
 * messages go through both — board events (the stock bridge is given each already cut for the viewer, as it would
 * have to be), a reply with headers, a failure and Paja's own "unavailable" failure — and every frame a client
 * receives must be the same bytes, on the raw WebSocket endpoint and on SockJS's WebSocket transport.
 */
class FanOutFramesTest {

  private static final String WORKSHOP = "w1";
  private static final String COMMANDS = "frames.cmd";
  private static final Visibility.Viewer VIEWER = new Visibility.Viewer("p1", false);
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private static Vertx vertx;
  private static int port;

  /** The stock bridge under {@code /stock}, Paja's bridge and fan-out under {@code /eventbus} as in HttpVerticle. */
  private static final class Servers extends VerticleBase {
    HttpServer server;

    @Override
    public Future<?> start() {
      SockJSHandlerOptions sockJs = new SockJSHandlerOptions().setRegisterWriteHandler(false);
      SockJSBridgeOptions permitted = new SockJSBridgeOptions()
          .addInboundPermitted(new PermittedOptions().setAddress(COMMANDS))
          .addOutboundPermitted(new PermittedOptions().setAddressRegex(".*"));
      Router router = Router.router(vertx);
      router.route("/stock/*").subRouter(SockJSHandler.create(vertx, sockJs).bridge(permitted));
      PajaMetrics metrics = PajaMetrics.create();
      EventFanOut fanOut = new EventFanOut(vertx, new SlowSockets(metrics), metrics);
      Handler<SockJSSocket> bridge = BridgeSockets.bridge(vertx, permitted, event -> guard(fanOut, event));
      router.getWithRegex(SockJsWebSocket.PATH_REGEX).handler(SockJsWebSocket.handler(vertx, sockJs, bridge));
      router.route("/eventbus/*").subRouter(SockJSHandler.create(vertx, sockJs).socketHandler(bridge));
      vertx.eventBus().<JsonObject>consumer(COMMANDS, m -> {
        if (m.body().getBoolean("fail", false)) {
          m.fail(409, "stale_command");
        } else {
          m.reply(new JsonObject().put("ok", true).put("seq", 7).put("text", "Hyvä \"idea\" ✓"),
              new DeliveryOptions().addHeader("x-paja", "yes"));
        }
      });
      return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").onSuccess(s -> server = s);
    }

    /** What BridgeGuard does for board events: the fan-out delivers them, the bridge's own delivery is refused. */
    private static void guard(EventFanOut fanOut, BridgeEvent event) {
      String address = event.getRawMessage() == null ? null : event.getRawMessage().getString("address");
      if (event.type() == BridgeEventType.REGISTER && Addresses.events(WORKSHOP).equals(address)) {
        fanOut.join(event.socket(), WORKSHOP, VIEWER.participantId(), VIEWER.facilitator());
      } else if (event.type() == BridgeEventType.RECEIVE && Addresses.events(WORKSHOP).equals(address)) {
        event.complete(false);
        return;
      } else if (event.type() == BridgeEventType.SOCKET_CLOSED) {
        fanOut.closed(event.socket());
      }
      event.complete(true);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Servers servers = new Servers();
    vertx.deployVerticle(servers).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    port = servers.server.actualPort();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /**
   * Board events as the board publishes them, visibility tags and all, from the shared protocol vectors (notes, a
   * secret vote, phases); one note's text changed to one that needs escaping.
   */
  private static List<JsonObject> events() {
    JsonArray notes = vector("02-notes.json");
    JsonObject note = notes.getJsonObject(0).copy();
    note.getJsonObject("note").put("text", "Hyvä \"idea\"\n</script> ✓ \uD83D\uDE00 \u2028 \\");
    JsonArray vote = vector("06-secret-vote.json");
    return List.of(note, notes.getJsonObject(1), stored(vote.getJsonObject(0)), stored(vote.getJsonObject(1)),
        vector("05-facilitation.json").getJsonObject(0));
  }

  private static JsonArray vector(String name) {
    Path dir = Files.isDirectory(Path.of("..", "protocol-vectors")) ? Path.of("..", "protocol-vectors")
        : Path.of("protocol-vectors");
    try {
      return new JsonObject(Files.readString(dir.resolve(name))).getJsonArray("events");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A vector's step gives the event as stored (and published) and as sent to its viewer; this is the former. */
  private static JsonObject stored(JsonObject step) {
    return step.containsKey("stored") ? step.getJsonObject("stored") : step;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"raw", "sockjs"})
  void aClientCannotTellTheFanOutAndItsTransportFromTheStockBridge(String transport) throws Exception {
    Client stock = Client.open(vertx, port, "/stock", transport);
    Client paja = Client.open(vertx, port, "/eventbus", transport);
    String events = Addresses.events(WORKSHOP);
    stock.register(events, () -> vertx.eventBus().publish(events, probe()));
    paja.register(events, () -> vertx.eventBus().publish(Addresses.fanOut(WORKSHOP), probe()));

    for (JsonObject event : events()) {
      vertx.eventBus().publish(events, Visibility.filter(event, VIEWER));
      vertx.eventBus().publish(Addresses.fanOut(WORKSHOP), event);
      same(stock.next(), paja.next(), event.getString("type"));
    }

    JsonObject command = new JsonObject().put("type", "send").put("address", COMMANDS)
        .put("headers", new JsonObject().put("token", "t-1")).put("replyAddress", "r-1");
    for (JsonObject body : List.of(new JsonObject().put("op", "note.add"), new JsonObject().put("fail", true))) {
      JsonObject frame = command.copy().put("body", body);
      stock.send(frame);
      paja.send(frame);
      same(stock.next(), paja.next(), "reply to " + body);
    }

    // BridgeGuard's own failure frame (a board that did not answer) against the bridge's for a failed recipient.
    String expected = stock.frameFor(command.copy().put("body", new JsonObject().put("fail", true)));
    assertEquals(expected.replace("409", "503").replace("stale_command", BridgeGuard.UNAVAILABLE),
        BridgeFrames.recipientFailure("r-1", 503, BridgeGuard.UNAVAILABLE).toString());
    stock.close();
    paja.close();
  }

  /**
   * The fan-out encodes an event without a visibility tag once, as it is, for every kind of viewer (EventFanOut.Batch):
   * that holds only while {@link Visibility#filter} leaves such an event as it is for everyone.
   */
  @org.junit.jupiter.api.Test
  void anEventWithoutAVisibilityTagIsTheSameForEveryViewer() {
    JsonObject untagged = events().get(4);
    for (Visibility.Viewer viewer : List.of(VIEWER, new Visibility.Viewer("p0", true),
        new Visibility.Viewer("p0", false))) {
      assertEquals(untagged, Visibility.filter(untagged, viewer), viewer.toString());
    }
  }

  private static JsonObject probe() {
    return new JsonObject().put("type", "probe").put("seq", 0).put("workshopId", WORKSHOP)
        .put("at", Instant.now().toString());
  }

  /**
   * Parsed the same, and byte for byte the same but for one known difference: a character outside Unicode's basic
   * plane (an emoji) is written by Paja as the JSON escapes of its surrogate pair ({@code \uD83D\uDE00}: Jackson's
   * UTF-8 generator, which the fan-out uses to encode once into bytes), by the stock bridge as the character itself
   * (it encodes to a String per socket). A SockJS frame carries the bridge frame the way SockJS quotes it, which is
   * checked on the stock side and then required of Paja's.
   */
  private static void same(Frame stock, Frame paja, String what) {
    assertEquals(new JsonObject(stock.message()), new JsonObject(paja.message()), what + ": parsed");
    assertEquals(escapeAstral(stock.message()), paja.message(), what + ": bridge frame bytes");
    if (!stock.message().equals(stock.transportFrame())) {
      assertEquals("a" + JsonCodec.encode(new String[] {stock.message()}), stock.transportFrame(), what);
      assertEquals("a" + JsonCodec.encode(new String[] {paja.message()}), paja.transportFrame(),
          what + ": SockJS frame bytes");
    } else {
      assertEquals(paja.message(), paja.transportFrame(), what + ": raw WebSocket frame is the bridge frame");
    }
  }

  private static String escapeAstral(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (Character.isSupplementaryCodePoint(c)) {
        out.append(String.format("\\u%04X\\u%04X", (int) Character.highSurrogate(c),
            (int) Character.lowSurrogate(c)));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  /** One bridge message as received, and the transport frame that carried it (the same for a raw WebSocket). */
  private record Frame(String message, String transportFrame) {
  }

  /** A bridge client on the raw endpoint ({@code <prefix>/websocket}) or SockJS's WebSocket transport. */
  private static final class Client {
    private final WebSocket ws;
    private final boolean sockJs;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();

    private Client(WebSocket ws, boolean sockJs) {
      this.ws = ws;
      this.sockJs = sockJs;
      ws.handler(buffer -> received(buffer.toString()));
    }

    static Client open(Vertx vertx, int port, String prefix, String transport) throws Exception {
      boolean sockJs = transport.equals("sockjs");
      WebSocketClient client = vertx.createWebSocketClient();
      String path = prefix + (sockJs ? "/000/" + Long.toHexString(System.nanoTime()) + "/websocket" : "/websocket");
      WebSocket ws = client.connect(port, "127.0.0.1", path).toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      return new Client(ws, sockJs);
    }

    private void received(String text) {
      if (!sockJs) {
        frames.add(new Frame(text, text));
      } else if (text.startsWith("a")) {
        for (Object message : new JsonArray(text.substring(1))) {
          frames.add(new Frame((String) message, text));
        }
      }
    }

    void send(JsonObject frame) {
      String text = frame.encode();
      ws.writeTextMessage(sockJs ? new JsonArray().add(text).encode() : text);
    }

    /** Registers, and publishes probes until one arrives: from then on the registration is in effect. */
    void register(String address, Runnable publishProbe) throws Exception {
      send(new JsonObject().put("type", "register").put("address", address)
          .put("headers", new JsonObject().put("token", "t-1")));
      Await.until("a probe through " + address, DEADLINE, () -> {
        publishProbe.run();
        return frames.poll(50, TimeUnit.MILLISECONDS);
      }, f -> f != null);
    }

    /** The next frame that is not a probe. */
    Frame next() throws Exception {
      while (true) {
        Frame f = frames.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        if (f == null) {
          throw new AssertionError("no frame within " + DEADLINE);
        }
        if (!f.message().contains("\"type\":\"probe\"")) {
          return f;
        }
      }
    }

    String frameFor(JsonObject command) throws Exception {
      send(command);
      return next().message();
    }

    void close() {
      ws.close();
    }
  }
}
