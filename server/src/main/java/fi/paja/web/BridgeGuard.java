package fi.paja.web;

import fi.paja.auth.AuthService;
import fi.paja.auth.Member;
import fi.paja.board.Addresses;
import fi.paja.board.BoardClient;
import fi.paja.board.Participant;
import fi.paja.board.Visibility;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorises every frame on the event-bus bridge. The bridge's permitted addresses only say which addresses exist;
 * this says who may use them: a {@code register} or {@code send} must carry a member token of that workshop
 * ({@code headers.token}). On a send, every client header is replaced by the trusted identity the board relies on.
 * Also reports presence: a socket registered for a board's events is that participant being online.
 *
 * <p>One instance per HTTP verticle; all its sockets' events arrive on that verticle's context.
 */
final class BridgeGuard implements Handler<BridgeEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(BridgeGuard.class);

  /** What one socket is registered for: address → participant id, and who it is on each board. */
  private record SocketState(String id, Map<String, String> online, Map<String, Visibility.Viewer> viewers,
                             long[] behindSince) {
  }

  /** A socket whose outbound queue stays full this long is closed; its client reconnects and catches up by seq. */
  static final long SLOW_CONSUMER_MILLIS = 5_000;

  private final AuthService auth;
  private final BoardClient boards;
  private final Map<SockJSSocket, SocketState> sockets = new HashMap<>();

  private final RateLimits limits;
  private final fi.paja.metrics.PajaMetrics metrics;

  BridgeGuard(AuthService auth, BoardClient boards, RateLimits limits, fi.paja.metrics.PajaMetrics metrics) {
    this.auth = auth;
    this.boards = boards;
    this.limits = limits;
    this.metrics = metrics;
    metrics.gauge("paja.bridge.sockets", "Open event-bus bridge sockets", sockets::size);
  }

  @Override
  public void handle(BridgeEvent event) {
    BridgeEventType type = event.type();
    switch (type) {
      case SEND -> authorise(event, true);
      case REGISTER -> authorise(event, false);
      case PUBLISH -> event.complete(false);
      case RECEIVE -> receive(event);
      case REGISTERED -> {
        registered(event);
        event.complete(true);
      }
      case UNREGISTER -> {
        left(event.socket(), Addresses.workshopOf(address(event)), address(event));
        event.complete(true);
      }
      case SOCKET_CLOSED -> {
        closed(event.socket());
        event.complete(true);
      }
      default -> event.complete(true);
    }
  }

  private void authorise(BridgeEvent event, boolean send) {
    JsonObject raw = event.getRawMessage();
    String address = address(event);
    if (!send && address != null && address.matches(Addresses.PUBLIC_REGEX)) {
      // The public outcomes page needs no token: it carries nothing personal.
      event.complete(true);
      return;
    }
    String workshopId = Addresses.workshopOf(address);
    JsonObject headers = raw.getValue("headers") instanceof JsonObject h ? h : new JsonObject();
    Object token = headers.getValue("token");
    if (workshopId == null || !(token instanceof String)) {
      event.complete(false);
      return;
    }
    Future<Member> member = auth.member((String) token, workshopId);
    Future<Member> ready = member.compose(m -> boards.activate(workshopId).map(m));
    Future<JsonObject> who = send ? ready.map((JsonObject) null)
        : ready.compose(m -> boards.whois(workshopId, m.participantId()));
    who.onComplete(ar -> {
      if (ar.failed()) {
        event.complete(false);
        return;
      }
      Member m = ready.result();
      if (send) {
        // Only what the server vouches for reaches the board; the token itself stays here.
        JsonObject trusted = new JsonObject()
            .put(Addresses.HEADER_PARTICIPANT, m.participantId())
            .put(Addresses.HEADER_ROLE, m.role());
        if (!limits.tryTake(RateLimits.COMMANDS, "socket:" + state(event.socket()).id())) {
          // Still delivered, so that the sender gets a reply with a clear error instead of silence.
          trusted.put(Addresses.HEADER_AUTH_ERROR, fi.paja.error.ErrorCode.RATE_LIMITED.code());
        }
        raw.put("headers", trusted);
      } else {
        SocketState state = state(event.socket());
        state.online().put(address, m.participantId());
        state.viewers().put(workshopId,
            new Visibility.Viewer(m.participantId(), ar.result().getBoolean("facilitator", false)));
      }
      event.complete(true);
    });
  }

  /**
   * Every board event passes here once per socket: cut down to what this member may see. Role changes and removals
   * of this member take effect on the socket too.
   */
  private void receive(BridgeEvent event) {
    if (slow(event)) {
      return;
    }
    JsonObject raw = event.getRawMessage();
    String address = address(event);
    String workshopId = Addresses.workshopOf(address);
    SocketState state = sockets.get(event.socket());
    if (workshopId == null || !address.equals(Addresses.events(workshopId))
        || !(raw.getValue("body") instanceof JsonObject body)) {
      event.complete(true);
      return;
    }
    Visibility.Viewer viewer = state == null ? null : state.viewers().get(workshopId);
    if (viewer == null) {
      event.complete(false);
      return;
    }
    String type = body.getString("type");
    if ("participant.role".equals(type) && viewer.participantId().equals(body.getString("participantId"))) {
      viewer = new Visibility.Viewer(viewer.participantId(),
          Participant.FACILITATOR.equals(body.getString("role")) || Participant.COFACILITATOR.equals(body.getString("role")));
      state.viewers().put(workshopId, viewer);
    }
    raw.put("body", filtered(workshopId, body, viewer));
    event.complete(true);
    String at = body.getString("at");
    if (at != null) {
      metrics.delivered(System.currentTimeMillis() - java.time.Instant.parse(at).toEpochMilli());
    }
    if ("participant.removed".equals(type) && viewer.participantId().equals(body.getString("participantId"))) {
      SockJSSocket socket = event.socket();
      // After this last event has been written: the removed person's connection ends here.
      closeSoon(socket);
    }
  }

  /**
   * The event as this viewer may see it. Every socket gets its own copy of an event, but apart from its author all
   * participants see the same thing, and so do all facilitators: those two versions are made once per event.
   */
  private JsonObject filtered(String workshopId, JsonObject body, Visibility.Viewer viewer) {
    JsonObject v = body.getJsonObject(Visibility.FIELD);
    String me = viewer.participantId();
    boolean personal = v == null || me.equals(v.getString("author")) || me.equals(body.getString("by"))
        || "participant.role".equals(body.getString("type")) || "participant.removed".equals(body.getString("type"));
    if (personal) {
      return Visibility.filter(body, viewer);
    }
    String key = workshopId + "/" + body.getLong("seq") + "/" + (viewer.facilitator() ? "f" : "p");
    return filteredCache.computeIfAbsent(key, k -> Visibility.filter(body, viewer));
  }

  /** Recent filtered events by workshop, seq and kind of viewer; small, since each event fans out at once. */
  private final Map<String, JsonObject> filteredCache = new java.util.LinkedHashMap<>(128, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, JsonObject> eldest) {
      return size() > 256;
    }
  };

  /**
   * Backpressure for sockets that stop reading: while a socket's write queue is full nothing more is queued for it
   * (it will see a gap in seq and catch up), and if it stays full it is closed. One slow reader then costs neither
   * the others' latency nor unbounded server memory.
   */
  private boolean slow(BridgeEvent event) {
    SockJSSocket socket = event.socket();
    SocketState state = sockets.get(socket);
    if (state == null) {
      return false;
    }
    if (!socket.writeQueueFull()) {
      state.behindSince()[0] = 0;
      return false;
    }
    long now = System.currentTimeMillis();
    if (state.behindSince()[0] == 0) {
      state.behindSince()[0] = now;
    } else if (now - state.behindSince()[0] > SLOW_CONSUMER_MILLIS) {
      LOG.info("Closing a socket that has not read for {} ms", now - state.behindSince()[0]);
      socket.close(4408, "too_slow");
    }
    metrics.error("slow_consumer_dropped");
    event.complete(false);
    return true;
  }

  private static void closeSoon(SockJSSocket socket) {
    io.vertx.core.Vertx.currentContext().owner().setTimer(200, id -> socket.close(4403, "removed"));
  }

  private void registered(BridgeEvent event) {
    String address = address(event);
    String workshopId = Addresses.workshopOf(address);
    SocketState state = sockets.get(event.socket());
    if (workshopId == null || state == null) {
      return;
    }
    String participantId = state.online().get(address);
    if (participantId == null) {
      return;
    }
    if (address.equals(Addresses.events(workshopId))) {
      boards.presence(workshopId, participantId, state.id() + "/" + workshopId, true)
          .onFailure(e -> LOG.debug("presence update failed", e));
    } else if (address.equals(Addresses.presence(workshopId))) {
      // Registrations complete in any order: whoever starts listening to presence gets the current state.
      boards.refreshPresence(workshopId).onFailure(e -> LOG.debug("presence refresh failed", e));
    }
  }

  private void left(SockJSSocket socket, String workshopId, String address) {
    SocketState state = sockets.get(socket);
    if (state == null || workshopId == null) {
      return;
    }
    String participantId = state.online().remove(address);
    if (participantId != null && address.equals(Addresses.events(workshopId))) {
      boards.presence(workshopId, participantId, state.id() + "/" + workshopId, false);
    }
  }

  private void closed(SockJSSocket socket) {
    SocketState state = sockets.remove(socket);
    if (state == null) {
      return;
    }
    state.online().forEach((address, participantId) -> {
      String workshopId = Addresses.workshopOf(address);
      if (workshopId != null && address.equals(Addresses.events(workshopId))) {
        boards.presence(workshopId, participantId, state.id() + "/" + workshopId, false);
      }
    });
  }

  private SocketState state(SockJSSocket socket) {
    return sockets.computeIfAbsent(socket,
        s -> new SocketState(UUID.randomUUID().toString(), new HashMap<>(), new HashMap<>(), new long[] {0}));
  }

  private static String address(BridgeEvent event) {
    JsonObject raw = event.getRawMessage();
    return raw != null && raw.getValue("address") instanceof String s ? s : null;
  }
}
