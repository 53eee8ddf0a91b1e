package fi.paja.web;

import fi.paja.board.Addresses;
import fi.paja.board.Participant;
import fi.paja.board.Visibility;
import fi.paja.metrics.PajaMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a board's events to the sockets of this HTTP verticle that registered on {@code workshop.<id>.events}.
 *
 * <p>The stock bridge would give every socket its own event-bus consumer, its own copy of the event, its own
 * envelope and its own JSON encoding: with a thousand people on a board that is a thousand of each per event. Here
 * the verticle has one consumer per board ({@link Addresses#fanOut}), filters the event once per kind of viewer
 * (facilitator or not; once more only for the few it is personal to, see {@link Visibility#personalTo}),
 * encodes each variant once as the bridge's {@code rec} frame (and once as a SockJS frame for browsers on SockJS's
 * WebSocket transport, see {@link SockJsWebSocket}), and writes those same bytes to every socket. What a client
 * receives is byte for byte the frame the bridge would have sent.
 *
 * <p>All state is touched on this verticle's event loop only: bridge events for its sockets and its consumers run
 * there.
 */
final class EventFanOut {

  private static final Logger LOG = LoggerFactory.getLogger(EventFanOut.class);

  /** A socket listening to one board, and who it is there (a role change updates it). */
  private static final class Subscriber {
    final SockJSSocket socket;
    final String participantId;
    boolean facilitator;
    /** Deliveries since its write queue was last looked at, and whether it was full then. */
    int unchecked;
    boolean full;

    Subscriber(SockJSSocket socket, String participantId, boolean facilitator) {
      this.socket = socket;
      this.participantId = participantId;
      this.facilitator = facilitator;
    }

    Visibility.Viewer viewer() {
      return new Visibility.Viewer(participantId, facilitator);
    }
  }

  /** The sockets on one board and the consumer that feeds them. */
  private static final class BoardSockets {
    final Map<SockJSSocket, Subscriber> subscribers = new LinkedHashMap<>();
    MessageConsumer<JsonObject> consumer;
    /** Kept between changes, so a delivery does not copy the map and closing a socket mid-delivery is safe. */
    Subscriber[] snapshot = new Subscriber[0];

    void changed() {
      snapshot = subscribers.values().toArray(new Subscriber[0]);
    }
  }

  /**
   * A socket's write queue is looked at on every {@value} th delivery (and on each one while it is full): the check
   * costs a lock per socket, and a queue that fills up takes many deliveries, not a few, to matter.
   */
  static final int CHECK_EVERY = 4;

  private final Vertx vertx;
  private final SlowSockets slow;
  private final PajaMetrics metrics;
  private final Map<String, BoardSockets> boards = new HashMap<>();

  EventFanOut(Vertx vertx, SlowSockets slow, PajaMetrics metrics) {
    this.vertx = vertx;
    this.slow = slow;
    this.metrics = metrics;
  }

  /** This socket now receives the board's events, filtered for this participant. */
  void join(SockJSSocket socket, String workshopId, String participantId, boolean facilitator) {
    BoardSockets board = boards.computeIfAbsent(workshopId, id -> {
      BoardSockets created = new BoardSockets();
      created.consumer = vertx.eventBus().<JsonObject>consumer(Addresses.fanOut(id), m -> deliver(id, m));
      return created;
    });
    board.subscribers.put(socket, new Subscriber(socket, participantId, facilitator));
    board.changed();
  }

  void leave(SockJSSocket socket, String workshopId) {
    BoardSockets board = boards.get(workshopId);
    if (board == null || board.subscribers.remove(socket) == null) {
      return;
    }
    board.changed();
    if (board.subscribers.isEmpty()) {
      boards.remove(workshopId);
      board.consumer.unregister();
    }
  }

  void closed(SockJSSocket socket) {
    for (String workshopId : boards.keySet().toArray(new String[0])) {
      leave(socket, workshopId);
    }
  }

  private void deliver(String workshopId, Message<JsonObject> message) {
    BoardSockets board = boards.get(workshopId);
    JsonObject event = message.body();
    if (board == null || event == null) {
      return;
    }
    String address = Addresses.events(workshopId);
    String type = event.getString("type");
    boolean roleChange = "participant.role".equals(type);
    boolean removal = "participant.removed".equals(type);
    String about = event.getString("participantId");
    java.util.Set<String> personal = Visibility.personalTo(event);
    // Index 0: participants, 1: facilitators; made when the first socket of that kind needs it.
    Frames[] shared = new Frames[2];
    for (Subscriber s : board.snapshot) {
      if (roleChange && s.participantId.equals(about)) {
        String role = event.getString("role");
        s.facilitator = Participant.FACILITATOR.equals(role) || Participant.COFACILITATOR.equals(role);
      }
      if (s.full || ++s.unchecked >= CHECK_EVERY) {
        s.unchecked = 0;
        s.full = slow.drop(s.socket);
        if (s.full) {
          continue;
        }
      }
      Frames frames;
      if (personal.contains(s.participantId)) {
        frames = new Frames(address, Visibility.filter(event, s.viewer()));
      } else {
        int kind = s.facilitator ? 1 : 0;
        if (shared[kind] == null) {
          shared[kind] = new Frames(address, Visibility.filter(event, s.viewer()));
        }
        frames = shared[kind];
      }
      frames.writeTo(s.socket);
      if (removal && s.participantId.equals(about)) {
        // After this last event has been written: the removed person's connection ends here.
        SockJSSocket socket = s.socket;
        vertx.setTimer(200, id -> socket.close(4403, "removed"));
      }
    }
    String at = event.getString("at");
    if (at != null) {
      try {
        metrics.delivered(System.currentTimeMillis() - Instant.parse(at).toEpochMilli());
      } catch (RuntimeException e) {
        LOG.debug("event without a readable time", e);
      }
    }
  }

  /**
   * One filtered event as the bridge's own {@code rec} message, so clients cannot tell the difference: encoded once,
   * then once more as a SockJS frame for the first {@link SockJsWebSocket} among the sockets.
   */
  private static final class Frames {
    final Buffer message;
    String sockJs;

    Frames(String address, JsonObject body) {
      message = new JsonObject().put("type", "rec").put("address", address).put("body", body).toBuffer();
    }

    void writeTo(SockJSSocket socket) {
      if (socket instanceof SockJsWebSocket sockJsSocket) {
        if (sockJs == null) {
          sockJs = SockJsWebSocket.frame(message.toString());
        }
        sockJsSocket.writeFrame(sockJs);
      } else {
        socket.write(message);
      }
    }
  }
}
