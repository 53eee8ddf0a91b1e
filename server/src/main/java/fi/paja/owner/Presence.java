package fi.paja.owner;

import fi.paja.board.Addresses;
import fi.paja.board.Command;
import fi.paja.board.Participant;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Who is on a board right now: their sockets, who said they are ready, whose hand is up. Shown live on
 * {@code workshop.<id>.presence} and in snapshots, never stored, no seq. Runs on the board's context, like its
 * {@link BoardActor}.
 */
final class Presence {

  /** Presence goes out at most this often per board. */
  static final long PRESENCE_MILLIS = 250;

  private final Vertx vertx;
  private final String workshopId;
  private final Map<String, Set<String>> socketsByParticipant = new LinkedHashMap<>();
  private final Map<String, String> participantBySocket = new HashMap<>();
  private final Set<String> readyIds = new LinkedHashSet<>();
  private final Set<String> hands = new LinkedHashSet<>();
  private long timer = -1;

  Presence(Vertx vertx, String workshopId) {
    this.vertx = vertx;
    this.workshopId = workshopId;
  }

  /** Nobody is connected. */
  boolean empty() {
    return socketsByParticipant.isEmpty();
  }

  void connected(String participantId, String socketId) {
    if (participantId == null || socketId == null) {
      return;
    }
    participantBySocket.put(socketId, participantId);
    socketsByParticipant.computeIfAbsent(participantId, k -> new HashSet<>()).add(socketId);
    publish();
  }

  void disconnected(String socketId) {
    String participantId = participantBySocket.remove(socketId);
    if (participantId == null) {
      return;
    }
    Set<String> sockets = socketsByParticipant.get(participantId);
    if (sockets != null) {
      sockets.remove(socketId);
      if (sockets.isEmpty()) {
        socketsByParticipant.remove(participantId);
      }
    }
    publish();
  }

  /**
   * Ready and raised hand ({@link Command.SetReady}, {@link Command.SetHand}) by {@code actor}; refused as the
   * command would be. Published like any other change of presence.
   */
  void flag(Command command, Participant actor) {
    if (actor == null || actor.removed()) {
      throw new PajaException(ErrorCode.FORBIDDEN);
    }
    if (command instanceof Command.SetReady ready) {
      if (ready.ready()) {
        readyIds.add(actor.id());
      } else {
        readyIds.remove(actor.id());
      }
    } else if (command instanceof Command.SetHand hand) {
      String target = hand.participantId().orElse(actor.id());
      if (!target.equals(actor.id()) && !(actor.isFacilitator() && !hand.raised())) {
        throw new PajaException(ErrorCode.FORBIDDEN, "Only facilitators can lower someone else's hand.");
      }
      if (hand.raised()) {
        hands.add(target);
      } else {
        hands.remove(target);
      }
    }
    publish();
  }

  /** Someone removed or erased: no longer ready, no hand up. */
  void forget(String participantId) {
    readyIds.remove(participantId);
    hands.remove(participantId);
  }

  /** Each person of a snapshot's {@code participants} gets {@code online}, {@code ready} and {@code hand}. */
  void decorate(JsonArray participants) {
    for (Object p : participants) {
      JsonObject person = (JsonObject) p;
      String id = person.getString("id");
      person.put("online", socketsByParticipant.containsKey(id)).put("ready", readyIds.contains(id))
          .put("hand", hands.contains(id));
    }
  }

  /**
   * Presence goes out at most every {@value #PRESENCE_MILLIS} ms per board: when a class joins, hundreds of changes
   * become a few messages instead of one full list per change to everyone.
   */
  void publish() {
    if (timer >= 0) {
      return;
    }
    timer = vertx.setTimer(PRESENCE_MILLIS, id -> {
      timer = -1;
      send();
    });
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void send() {
    vertx.eventBus().publish(Addresses.presence(workshopId), new JsonObject()
        .put("type", "presence")
        .put("online", new JsonArray(new ArrayList<>(socketsByParticipant.keySet())))
        .put("ready", new JsonArray(new ArrayList<>(readyIds)))
        .put("hands", new JsonArray(new ArrayList<>(hands))));
  }
}
