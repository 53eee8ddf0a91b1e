package fi.paja.web;

import fi.paja.auth.AccessChange;
import fi.paja.auth.AuthService;
import fi.paja.auth.Member;
import fi.paja.auth.Tokens;
import fi.paja.board.Addresses;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.owner.BoardClient;
import fi.paja.vertxinternals.BridgeFrames;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.ArrayList;
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
 * <p>A registration lasts only as long as the access it was given with: when a member is removed, gets another role
 * or logs out ({@link AccessChange}, published to every node), and when its token expires, every socket that
 * registered as that member is closed at once with a close code that says why, whatever its write queue holds, and
 * nothing more is delivered to it or accepted from it while the close completes.
 *
 * <p>One instance per HTTP verticle; all its sockets' events arrive on that verticle's context.
 */
final class BridgeGuard implements Handler<BridgeEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(BridgeGuard.class);

  /** One registration: who registered on an address, with which token (its hash), valid until when. */
  private record Registration(String workshopId, String participantId, String tokenHash, long expiresAt) {
  }

  /** Registrations a socket may hold, the bridge's own limit of handlers per socket (HttpVerticle). */
  static final int MAX_REGISTRATIONS = 64;
  /** Frames of one socket whose token is being checked at once; beyond this they are refused unchecked. */
  static final int MAX_CHECKING = 64;
  /**
   * Refused frames a socket may send: a burst of 20, then one every 3 s. A client whose token has expired is refused
   * a few times and tells its user; one that goes on is flooding, and its socket is closed ({@code 4429}).
   */
  static final RateLimits.Limit REFUSED_FRAMES = new RateLimits.Limit(20, 20, java.time.Duration.ofMinutes(1));
  static final int CLOSE_REFUSED = 4429;

  /**
   * What one socket is registered for, by address; the registrations and token checks in progress, and how many of
   * its frames were refused lately.
   */
  private static final class SocketState {
    final String id = UUID.randomUUID().toString();
    final Map<String, Registration> registered = new HashMap<>();
    /** Registrations on the public outcomes page (no token, no member). */
    final java.util.Set<String> publicPages = new java.util.HashSet<>();
    /** Registrations whose token is being checked. */
    final java.util.Set<String> registering = new java.util.HashSet<>();
    final io.github.bucket4j.Bucket refusals = REFUSED_FRAMES.bucket();
    /** Frames whose token is being checked. */
    int checking;
    /** Closed because access ended: nothing more goes to it or comes from it while the close completes. */
    boolean ended;

    int registrations() {
      return registered.size() + publicPages.size() + registering.size();
    }

    boolean holds(String address) {
      return registered.containsKey(address) || publicPages.contains(address) || registering.contains(address);
    }
  }

  /**
   * How long a frame whose check failed for a reason that is not about its token (the database or the board did not
   * answer) is checked again before its sender is told {@code unavailable}; the first retry comes after
   * {@link #FIRST_RETRY_MILLIS}, each later one after twice as long, at most {@link #MAX_RETRY_MILLIS}.
   */
  static final long CHECK_RETRY_MILLIS = 5_000;
  static final long FIRST_RETRY_MILLIS = 100;
  static final long MAX_RETRY_MILLIS = 1_000;
  /**
   * What a frame that could not be checked is answered (docs/PROTOCOL.md): a bridge answer like {@code rejected}, not
   * one of the error codes of commands; retryable.
   */
  static final String UNAVAILABLE = "unavailable";
  /** The bridge's own limit for a client's reply address ({@code invalid_reply_address} beyond it). */
  private static final int MAX_REPLY_ADDRESS_LENGTH = 36;

  /** How often registrations are checked against their tokens' expiry: a socket outlives its token by at most this. */
  static final long EXPIRY_SWEEP_MILLIS = 1_000;

  private final io.vertx.core.Vertx vertx;
  private final AuthService auth;
  private final BoardClient boards;
  private final Map<SockJSSocket, SocketState> sockets = new HashMap<>();

  private final RateLimits limits;
  private final SlowSockets slow;
  private final EventFanOut fanOut;
  private final fi.paja.metrics.PajaMetrics metrics;
  /** The earliest expiry of any registration here (epoch millis): the sweep has nothing to do before it. */
  private long earliestExpiry = Long.MAX_VALUE;

  BridgeGuard(io.vertx.core.Vertx vertx, AuthService auth, BoardClient boards, RateLimits limits,
              fi.paja.metrics.PajaMetrics metrics) {
    this.vertx = vertx;
    this.auth = auth;
    this.boards = boards;
    this.limits = limits;
    this.slow = new SlowSockets(metrics);
    this.fanOut = new EventFanOut(vertx, slow, metrics);
    this.metrics = metrics;
    // On this verticle's context, like its sockets' bridge events; both end when the verticle is undeployed.
    vertx.eventBus().<JsonObject>consumer(AccessChange.ADDRESS, m -> accessChanged(AccessChange.fromJson(m.body())));
    vertx.setPeriodic(EXPIRY_SWEEP_MILLIS, id -> closeExpired(System.currentTimeMillis()));
  }

  @Override
  public void handle(BridgeEvent event) {
    BridgeEventType type = event.type();
    switch (type) {
      case SOCKET_CREATED -> {
        sockets.put(event.socket(), new SocketState());
        metrics.bridgeSocketOpened();
        event.complete(true);
      }
      case SEND -> authorise(event, true);
      case REGISTER -> authorise(event, false);
      case PUBLISH -> refuse(event, sockets.get(event.socket()));
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

  /**
   * Refuses a frame ({@code rejected}) and counts it against its socket: one that keeps sending frames that are
   * refused is closed. Refusing costs nothing more than this: no lookup has been made, or its answer is cached.
   */
  private void refuse(BridgeEvent event, SocketState state) {
    event.complete(false);
    metrics.error("bridge_refused");
    if (state != null && !state.ended && !state.refusals.tryConsume(1)) {
      metrics.error("bridge_refused_closed");
      SockJSSocket socket = event.socket();
      // Nothing more is read from it: what it sent meanwhile (thousands of frames may be on their way) is neither
      // parsed, checked nor refused one by one. Its close frame, behind them, is not read either: the connection
      // ends when the server stops waiting for it (HttpVerticle, WEBSOCKET_CLOSING_SECONDS).
      socket.handler(ignored -> {});
      socket.pause();
      state.ended = true;
      fanOut.closed(socket);
      slow.closed(socket);
      offline(state);
      LOG.info("Closing a bridge socket that kept sending frames the bridge refuses");
      socket.close(CLOSE_REFUSED, "too_many_refused");
    }
  }

  private void authorise(BridgeEvent event, boolean send) {
    long acceptedAt = System.currentTimeMillis();
    JsonObject raw = event.getRawMessage();
    String address = address(event);
    SocketState state = sockets.get(event.socket());
    if (state == null || state.ended) {
      event.complete(false);
      return;
    }
    if (!send && (state.holds(address) || state.registrations() >= MAX_REGISTRATIONS)) {
      // Counted here, in progress included: the bridge counts a registration only once it is made, so a burst of
      // them all passed its own check (one socket registered 70 boards). Registering an address twice would leave
      // the first handler behind.
      refuse(event, state);
      return;
    }
    if (!send && address != null && address.matches(Addresses.PUBLIC_REGEX)) {
      // The public outcomes page needs no token: it carries nothing personal.
      state.publicPages.add(address);
      event.complete(true);
      return;
    }
    String workshopId = Addresses.workshopOf(address);
    JsonObject headers = raw.getValue("headers") instanceof JsonObject h ? h : new JsonObject();
    Object token = headers.getValue("token");
    boolean known = workshopId != null && (send ? address.equals(Addresses.commands(workshopId))
        : address.equals(Addresses.events(workshopId)) || address.equals(Addresses.presence(workshopId)));
    if (!known || !(token instanceof String t) || !Tokens.wellFormed(t) || state.checking >= MAX_CHECKING) {
      // No such address, not a token at all, or too many being checked for this socket: refused without asking.
      refuse(event, state);
      return;
    }
    state.checking++;
    if (!send) {
      state.registering.add(address);
    }
    SockJSSocket socket = event.socket();
    long deadline = acceptedAt + CHECK_RETRY_MILLIS;
    Future<Checked> checking = check(t, workshopId, send, () -> sockets.get(socket) == state && !state.ended,
        deadline, FIRST_RETRY_MILLIS);
    checking.onComplete(ar -> {
      state.checking--;
      if (!send) {
        state.registering.remove(address);
      }
      if (sockets.get(socket) != state || state.ended) {
        // Closed, or its access ended, while its token was being checked.
        event.complete(false);
        return;
      }
      if (ar.failed()) {
        if (refusal(ar.cause())) {
          refuse(event, state);
        } else {
          // The database or the board did not answer, even when asked again: not the client's doing, not counted
          // against it, and not "rejected" (which says it may not do this).
          unavailable(event, send, address, workshopId, ar.cause());
        }
        return;
      }
      Checked checked = ar.result();
      AuthService.Access a = checked.access();
      Member m = a.member();
      if (send) {
        // Only what the server vouches for reaches the board; the token itself stays here.
        JsonObject trusted = new JsonObject()
            .put(Addresses.HEADER_PARTICIPANT, m.participantId())
            .put(Addresses.HEADER_ROLE, m.role())
            .put(Addresses.HEADER_ACCEPTED_AT, Long.toString(acceptedAt));
        // Per member, the same bucket as REST: a person's sockets and requests together get one budget.
        if (!limits.tryTake(RateLimits.COMMANDS, RateLimits.member(m.participantId()))) {
          // Still delivered, so that the sender gets a reply with a clear error instead of silence.
          trusted.put(Addresses.HEADER_AUTH_ERROR, ErrorCode.RATE_LIMITED.code());
        }
        raw.put("headers", trusted);
      } else {
        state.registered.put(address, new Registration(workshopId, m.participantId(), a.tokenHash(), a.expiresAt()));
        earliestExpiry = Math.min(earliestExpiry, a.expiresAt());
        if (address.equals(Addresses.events(workshopId))) {
          fanOut.join(socket, workshopId, m.participantId(), checked.whois().getBoolean("facilitator", false));
        }
      }
      event.complete(true);
    });
  }

  /** What a frame's check found: who the token is, and for a registration the board's answer about them. */
  private record Checked(AuthService.Access access, JsonObject whois) {
  }

  /**
   * Who the token is in the workshop, with the board active (and for a registration, the member's standing on it).
   * A failure that is not an answer about the token (the database or the board did not answer, a board being loaded
   * or moved) is asked again, a little later each time, until {@code deadline}: a legitimate member's frame must
   * not fail because the server was busy for a moment.
   */
  private Future<Checked> check(String token, String workshopId, boolean send,
                                java.util.function.BooleanSupplier wanted,
                                long deadline, long delay) {
    Future<AuthService.Access> active = auth.access(token, workshopId)
        .compose(a -> boards.activate(workshopId).map(a));
    Future<Checked> checked = send ? active.map(a -> new Checked(a, null))
        : active.compose(a -> boards.whois(workshopId, a.member().participantId()).map(w -> new Checked(a, w)));
    return checked.recover(err -> {
      if (refusal(err) || unreadable(err) || !wanted.getAsBoolean()
          || System.currentTimeMillis() + delay >= deadline) {
        return Future.failedFuture(err);
      }
      LOG.debug("Checking a bridge frame failed (workshop {}), asking again in {} ms: {}", workshopId, delay,
          String.valueOf(err));
      return vertx.timer(delay).compose(v -> check(token, workshopId, send, wanted, deadline,
          Math.min(delay * 2, MAX_RETRY_MILLIS)));
    });
  }

  /** An answer about the token itself: it is not a member's of this workshop (or the workshop does not exist). */
  private static boolean refusal(Throwable err) {
    return err instanceof PajaException e && (e.code() == ErrorCode.UNAUTHORIZED || e.code() == ErrorCode.FORBIDDEN
        || e.code() == ErrorCode.WORKSHOP_NOT_FOUND);
  }

  /** The workshop's stored data cannot be read: asking again does not help until an operator repairs it. */
  private static boolean unreadable(Throwable err) {
    return err instanceof PajaException e && e.code() == ErrorCode.BOARD_UNREADABLE;
  }

  /**
   * The frame could not be checked: its sender is told so with a failure frame like a refused command's, addressed to
   * the registration's address or the send's reply address, whose {@code message} is {@link #UNAVAILABLE} (503: ask
   * again) or {@code board_unreadable} (500). Not {@code rejected}, which means "not allowed": the bridge answers that
   * to an event completed with false, so this event is left uncompleted (the bridge keeps nothing for it; the
   * registration or the send just does not happen).
   */
  private void unavailable(BridgeEvent event, boolean send, String address, String workshopId, Throwable cause) {
    boolean unreadable = unreadable(cause);
    String reason = unreadable ? ErrorCode.BOARD_UNREADABLE.code() : UNAVAILABLE;
    metrics.error("bridge_" + reason);
    if (!unreadable) {
      LOG.warn("Could not check a bridge {} for workshop {} within {} s, answered {}: {}",
          send ? "send" : "registration",
          workshopId, CHECK_RETRY_MILLIS / 1000, UNAVAILABLE,
          cause instanceof PajaException e ? e.code().code() : String.valueOf(cause));
    }
    Object replyAddress = event.getRawMessage().getValue("replyAddress");
    String to = !send ? address
        : replyAddress instanceof String r && r.length() <= MAX_REPLY_ADDRESS_LENGTH ? r : null;
    event.socket().write(BridgeFrames.recipientFailure(to,
        unreadable ? ErrorCode.BOARD_UNREADABLE.status() : 503, reason));
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
    SocketState state = sockets.get(event.socket());
    if (state != null && state.ended) {
      // Presence and replies too: a socket whose access ended gets nothing more, even before the close completes.
      event.complete(false);
      return;
    }
    event.complete(!slow.drop(event.socket()));
  }

  private void registered(BridgeEvent event) {
    String address = address(event);
    String workshopId = Addresses.workshopOf(address);
    SocketState state = sockets.get(event.socket());
    if (workshopId == null || state == null || state.ended) {
      return;
    }
    Registration registration = state.registered.get(address);
    if (registration == null) {
      return;
    }
    if (address.equals(Addresses.events(workshopId))) {
      boards.presence(workshopId, registration.participantId(), state.id + "/" + workshopId, true)
          .onFailure(e -> LOG.debug("presence update failed", e));
    } else if (address.equals(Addresses.presence(workshopId))) {
      // Registrations complete in any order: whoever starts listening to presence gets the current state.
      boards.refreshPresence(workshopId).onFailure(e -> LOG.debug("presence refresh failed", e));
    }
  }

  private void left(SockJSSocket socket, String workshopId, String address) {
    SocketState state = sockets.get(socket);
    if (state == null) {
      return;
    }
    state.publicPages.remove(address);
    if (workshopId == null) {
      return;
    }
    Registration registration = state.registered.remove(address);
    if (address.equals(Addresses.events(workshopId))) {
      fanOut.leave(socket, workshopId);
      if (registration != null) {
        boards.presence(workshopId, registration.participantId(), state.id + "/" + workshopId, false);
      }
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
    offline(state);
  }

  /** The socket's registrations are gone: it no longer counts as its members being online. */
  private void offline(SocketState state) {
    state.registered.forEach((address, registration) -> {
      String workshopId = registration.workshopId();
      if (address.equals(Addresses.events(workshopId))) {
        boards.presence(workshopId, registration.participantId(), state.id + "/" + workshopId, false);
      }
    });
    state.registered.clear();
  }

  /** Someone's access ended or changed somewhere in the cluster: every socket registered as them closes. */
  private void accessChanged(AccessChange change) {
    if (change == null) {
      return;
    }
    for (Map.Entry<SockJSSocket, SocketState> entry : new ArrayList<>(sockets.entrySet())) {
      SocketState state = entry.getValue();
      for (Registration r : state.registered.values()) {
        if (change.concerns(r.workshopId(), r.participantId(), r.tokenHash())) {
          end(entry.getKey(), state, change.reason());
          break;
        }
      }
    }
  }

  /** Closes the sockets holding a registration whose token has expired; none outlives its token by a sweep. */
  void closeExpired(long now) {
    if (now < earliestExpiry) {
      return;
    }
    long next = Long.MAX_VALUE;
    for (Map.Entry<SockJSSocket, SocketState> entry : new ArrayList<>(sockets.entrySet())) {
      SocketState state = entry.getValue();
      long soonest = Long.MAX_VALUE;
      for (Registration r : state.registered.values()) {
        soonest = Math.min(soonest, r.expiresAt());
      }
      if (soonest <= now) {
        end(entry.getKey(), state, AccessChange.Reason.SESSION_ENDED);
      } else {
        next = Math.min(next, soonest);
      }
    }
    earliestExpiry = next;
  }

  /**
   * Ends a socket whose access ended: from now on no event, presence or reply reaches it and no frame from it is
   * accepted, it stops counting as online, and it is closed with the reason's code. All of this happens here, now,
   * not through its write queue: a socket that is not reading gets nothing more (its close frame waits behind what
   * it has not read; the connection is dropped if it never reads it).
   */
  private void end(SockJSSocket socket, SocketState state, AccessChange.Reason reason) {
    if (state.ended) {
      return;
    }
    state.ended = true;
    fanOut.closed(socket);
    slow.closed(socket);
    offline(state);
    LOG.info("Closing a bridge socket: {}", reason.wire());
    socket.close(reason.closeCode(), reason.wire());
  }

  private static String address(BridgeEvent event) {
    JsonObject raw = event.getRawMessage();
    return raw != null && raw.getValue("address") instanceof String s ? s : null;
  }
}
