package fi.paja.web;

import fi.paja.board.Addresses;
import fi.paja.board.Participant;
import fi.paja.board.Visibility;
import fi.paja.metrics.PajaMetrics;
import fi.paja.vertxinternals.BridgeFrames;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * receives is byte for byte the frame the bridge would have sent, except that a character outside Unicode's basic
 * plane (an emoji) comes as the JSON escapes of its surrogate pair, which parses the same ({@code FanOutFramesTest}
 * compares the two; the frame itself is {@link BridgeFrames#rec}).
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
    /** Events that arrived since the last batch was written. */
    List<JsonObject> waiting = new ArrayList<>();
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

  /** Sockets written in one event-loop task, see {@link #write}. */
  static final int SOCKETS_PER_TASK = 128;

  private final Vertx vertx;
  private final Context context;
  private final SlowSockets slow;
  private final PajaMetrics metrics;
  private final Map<String, BoardSockets> boards = new HashMap<>();

  EventFanOut(Vertx vertx, SlowSockets slow, PajaMetrics metrics) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
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

  /**
   * Events are written in batches: an event that arrives while earlier ones wait on this event loop joins them. A
   * batch costs each SockJS socket one frame and one system call however many events it holds (SockJS frames carry
   * arrays of messages); on the raw endpoint each event stays one frame. With nothing queued, a batch is one event
   * and is written as soon as the loop gets to it.
   */
  private void deliver(String workshopId, Message<JsonObject> message) {
    BoardSockets board = boards.get(workshopId);
    JsonObject event = message.body();
    if (board == null || event == null) {
      return;
    }
    board.waiting.add(event);
    if (board.waiting.size() == 1) {
      context.runOnContext(v -> flush(workshopId, board));
    }
  }

  private void flush(String workshopId, BoardSockets board) {
    List<JsonObject> events = board.waiting;
    board.waiting = new ArrayList<>();
    if (boards.get(workshopId) != board) {
      return;
    }
    write(new Batch(Addresses.events(workshopId), events), board.snapshot, 0);
  }

  /**
   * Writes a batch to the sockets from {@code from} on, {@value #SOCKETS_PER_TASK} at a time: between two slices the
   * event loop reads what has come in (commands, their replies, pings), which would otherwise wait for all of a big
   * board's sockets. A later batch starts after this one and follows it slice by slice, so every socket still gets
   * its events in order.
   */
  private void write(Batch batch, Subscriber[] subscribers, int from) {
    int to = Math.min(subscribers.length, from + SOCKETS_PER_TASK);
    for (int i = from; i < to; i++) {
      Subscriber s = subscribers[i];
      s.unchecked += batch.events.size();
      if (s.full || s.unchecked >= CHECK_EVERY) {
        s.unchecked = 0;
        s.full = slow.drop(s.socket);
        if (s.full) {
          continue;
        }
      }
      if (batch.personal.contains(s.participantId)) {
        writeOwn(batch, s);
      } else {
        batch.writeShared(s);
      }
    }
    if (to < subscribers.length) {
      context.runOnContext(v -> write(batch, subscribers, to));
      return;
    }
    long now = System.currentTimeMillis();
    for (JsonObject event : batch.events) {
      String at = event.getString("at");
      if (at != null) {
        try {
          metrics.delivered(now - Instant.parse(at).toEpochMilli());
        } catch (RuntimeException e) {
          LOG.debug("event without a readable time", e);
        }
      }
    }
  }

  /** For a subscriber that some event of the batch is personal to: filtered for it, event by event, in order. */
  private void writeOwn(Batch batch, Subscriber s) {
    boolean sockJs = s.socket instanceof SockJsWebSocket;
    List<String> messages = sockJs ? new ArrayList<>(batch.events.size()) : null;
    for (int i = 0; i < batch.events.size(); i++) {
      JsonObject event = batch.events.get(i);
      String type = event.getString("type");
      boolean aboutThem = s.participantId.equals(event.getString("participantId"));
      // Until its socket is closed for the role change (BridgeGuard), what follows is filtered for the new role.
      if (aboutThem && "participant.role".equals(type)) {
        String role = event.getString("role");
        s.facilitator = Participant.FACILITATOR.equals(role) || Participant.COFACILITATOR.equals(role);
      }
      Buffer message = Visibility.personalTo(event).contains(s.participantId)
          ? message(batch.address, Visibility.filter(event, s.viewer()))
          : batch.message(i, s);
      if (sockJs) {
        messages.add(message.toString());
      } else {
        s.socket.write(message);
      }
    }
    if (sockJs) {
      for (byte[] frame : SockJsWebSocket.frames(messages)) {
        ((SockJsWebSocket) s.socket).writeFrame(frame);
      }
    }
  }

  /** The bridge's own frame for a message on {@code address}, so clients cannot tell the difference. */
  private static Buffer message(String address, JsonObject body) {
    return BridgeFrames.rec(address, body);
  }

  /**
   * Events that arrived together. Each is filtered and encoded at most once per kind of viewer (index 0:
   * participants, 1: facilitators), when the first socket of that kind needs it, and the SockJS frame carrying all of
   * them once per kind.
   */
  private static final class Batch {
    final String address;
    final List<JsonObject> events;
    /** Everyone some event of the batch is personal to (their copies differ from the shared ones). */
    final Set<String> personal = new HashSet<>();
    private final Buffer[][] messages;
    @SuppressWarnings("unchecked")
    private final List<byte[]>[] sockJsFrames = new List[2];

    /** No event of the batch has a visibility tag: both kinds of viewer get the same bytes, made once. */
    private final boolean untagged;

    Batch(String address, List<JsonObject> events) {
      this.address = address;
      this.events = events;
      this.messages = new Buffer[2][events.size()];
      boolean anyTagged = false;
      for (JsonObject event : events) {
        personal.addAll(Visibility.personalTo(event));
        anyTagged |= event.containsKey(Visibility.FIELD);
      }
      this.untagged = !anyTagged;
    }

    /**
     * Event {@code i} as everyone of this subscriber's kind sees it. An event without a visibility tag is the same for
     * every viewer ({@link Visibility#filter} would only copy it): it is encoded as it is, once for both kinds.
     */
    Buffer message(int i, Subscriber s) {
      JsonObject event = events.get(i);
      if (!event.containsKey(Visibility.FIELD)) {
        if (messages[0][i] == null) {
          messages[0][i] = EventFanOut.message(address, event);
          messages[1][i] = messages[0][i];
        }
        return messages[0][i];
      }
      int kind = s.facilitator ? 1 : 0;
      if (messages[kind][i] == null) {
        messages[kind][i] = EventFanOut.message(address, Visibility.filter(event, s.viewer()));
      }
      return messages[kind][i];
    }

    void writeShared(Subscriber s) {
      if (s.socket instanceof SockJsWebSocket sockJsSocket) {
        int kind = s.facilitator && !untagged ? 1 : 0;
        if (sockJsFrames[kind] == null) {
          List<String> texts = new ArrayList<>(events.size());
          for (int i = 0; i < events.size(); i++) {
            texts.add(message(i, s).toString());
          }
          sockJsFrames[kind] = SockJsWebSocket.frames(texts);
        }
        List<byte[]> frames = sockJsFrames[kind];
        for (int i = 0; i < frames.size(); i++) {
          sockJsSocket.writeFrame(frames.get(i));
        }
      } else {
        for (int i = 0; i < events.size(); i++) {
          s.socket.write(message(i, s));
        }
      }
    }
  }
}
