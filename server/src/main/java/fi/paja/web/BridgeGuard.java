package fi.paja.web;

import fi.paja.auth.AuthService;
import fi.paja.auth.Member;
import fi.paja.board.Addresses;
import fi.paja.board.BoardClient;
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
 * <p>Board events do not travel through the bridge's own per-socket consumers: a socket allowed to register on
 * {@code workshop.<id>.events} is handed to {@link EventFanOut}, which writes each event once encoded per kind of
 * viewer. The bridge still keeps its (idle) registration, so the protocol is the bridge's own.
 *
 * <p>One instance per HTTP verticle; all its sockets' events arrive on that verticle's context.
 */
final class BridgeGuard implements Handler<BridgeEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(BridgeGuard.class);

  /** What one socket is registered for: address → participant id. */
  private record SocketState(String id, Map<String, String> online) {
  }

  private final AuthService auth;
  private final BoardClient boards;
  private final Map<SockJSSocket, SocketState> sockets = new HashMap<>();

  private final RateLimits limits;
  private final SlowSockets slow;
  private final EventFanOut fanOut;
  private final fi.paja.metrics.PajaMetrics metrics;

  BridgeGuard(io.vertx.core.Vertx vertx, AuthService auth, BoardClient boards, RateLimits limits,
              fi.paja.metrics.PajaMetrics metrics) {
    this.auth = auth;
    this.boards = boards;
    this.limits = limits;
    this.slow = new SlowSockets(metrics);
    this.fanOut = new EventFanOut(vertx, slow, metrics);
    this.metrics = metrics;
  }

  @Override
  public void handle(BridgeEvent event) {
    BridgeEventType type = event.type();
    switch (type) {
      case SOCKET_CREATED -> {
        sockets.put(event.socket(), new SocketState(UUID.randomUUID().toString(), new HashMap<>()));
        metrics.bridgeSocketOpened();
        event.complete(true);
      }
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
      case SOCKET_ERROR -> {
        // A reset or broken connection: the bridge clears the socket's registrations, its close follows.
        JsonObject raw = event.getRawMessage();
        ClientFailures.socketFailed(raw == null ? null : raw.getString("message"));
        event.complete(true);
      }
      default -> event.complete(true);
    }
  }

  private void authorise(BridgeEvent event, boolean send) {
    long acceptedAt = System.currentTimeMillis();
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
      SocketState state = sockets.get(event.socket());
      if (state == null) {
        // Closed while its token was being checked.
        event.complete(false);
        return;
      }
      if (send) {
        // Only what the server vouches for reaches the board; the token itself stays here.
        JsonObject trusted = new JsonObject()
            .put(Addresses.HEADER_PARTICIPANT, m.participantId())
            .put(Addresses.HEADER_ROLE, m.role())
            .put(Addresses.HEADER_ACCEPTED_AT, Long.toString(acceptedAt));
        if (!limits.tryTake(RateLimits.COMMANDS, "socket:" + state.id())) {
          // Still delivered, so that the sender gets a reply with a clear error instead of silence.
          trusted.put(Addresses.HEADER_AUTH_ERROR, fi.paja.error.ErrorCode.RATE_LIMITED.code());
        }
        raw.put("headers", trusted);
      } else {
        state.online().put(address, m.participantId());
        if (address.equals(Addresses.events(workshopId))) {
          fanOut.join(event.socket(), workshopId, m.participantId(), ar.result().getBoolean("facilitator", false));
        }
      }
      event.complete(true);
    });
  }

  /**
   * Every message the bridge itself delivers passes here once per socket: command replies, presence and the public
   * outcomes page. Board events come through {@link EventFanOut} instead; anything else published on an events
   * address (nothing in Paja does) would bypass the per-viewer filter, so it is not delivered.
   */
  private void receive(BridgeEvent event) {
    String address = address(event);
    String workshopId = Addresses.workshopOf(address);
    if (workshopId != null && address.equals(Addresses.events(workshopId))) {
      event.complete(false);
      return;
    }
    event.complete(!slow.drop(event.socket()));
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
    if (address.equals(Addresses.events(workshopId))) {
      fanOut.leave(socket, workshopId);
    }
    if (participantId != null && address.equals(Addresses.events(workshopId))) {
      boards.presence(workshopId, participantId, state.id() + "/" + workshopId, false);
    }
  }

  private void closed(SockJSSocket socket) {
    fanOut.closed(socket);
    slow.closed(socket);
    SocketState state = sockets.remove(socket);
    if (state == null) {
      return;
    }
    metrics.bridgeSocketClosed();
    state.online().forEach((address, participantId) -> {
      String workshopId = Addresses.workshopOf(address);
      if (workshopId != null && address.equals(Addresses.events(workshopId))) {
        boards.presence(workshopId, participantId, state.id() + "/" + workshopId, false);
      }
    });
  }

  private static String address(BridgeEvent event) {
    JsonObject raw = event.getRawMessage();
    return raw != null && raw.getValue("address") instanceof String s ? s : null;
  }
}
