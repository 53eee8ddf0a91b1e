package fi.paja.owner;

import fi.paja.board.Participant;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.Function;

/**
 * What the rest of the server asks a board's owner on {@code paja.board.<id>.internal}: one record per kind of
 * request, each with its wire name ({@code "op"}) and its JSON on the bus. {@link BoardClient} sends them through
 * {@link #toJson}, the owner reads them through {@link #fromJson}; nothing else writes or reads {@code "op"} there.
 *
 * <p>The JSON is a contract between nodes (a node of an older build may send or receive it), so it stays as it
 * was when the requests were built by hand; {@code BoardRequestTest} holds every shape. A new kind needs a
 * {@link Handlers} method (or this does not compile), an entry in {@link #READERS}, and its shape in that test.
 */
public sealed interface BoardRequest {

  /** The wire name, {@code "op"} in the JSON. */
  String op();

  /** The request as it travels on the bus. */
  JsonObject toJson();

  /** Hands the request to the handler of its kind. */
  void handledBy(Handlers handlers, Message<Object> message);

  /** Whether a closed workshop refuses it (it would change the board). */
  default boolean changesBoard() {
    return false;
  }

  /** One method per kind of request: a kind with no handler does not compile. */
  interface Handlers {
    void join(Join r, Message<Object> m);

    void snapshot(Snapshot r, Message<Object> m);

    void eventsSince(EventsSince r, Message<Object> m);

    void publicView(Public r, Message<Object> m);

    void linkOutcome(LinkOutcome r, Message<Object> m);

    void claimPush(ClaimPush r, Message<Object> m);

    void pushFailed(PushFailed r, Message<Object> m);

    void whois(Whois r, Message<Object> m);

    void presenceConnect(PresenceConnect r, Message<Object> m);

    void presenceDisconnect(PresenceDisconnect r, Message<Object> m);

    void presenceRefresh(PresenceRefresh r, Message<Object> m);

    void lifeChanged(LifeChanged r, Message<Object> m);

    void delete(Delete r, Message<Object> m);

    void exportPerson(ExportPerson r, Message<Object> m);

    void anonymise(Anonymise r, Message<Object> m);

    void joinCodeChanged(JoinCodeChanged r, Message<Object> m);
  }

  /** The request a bus message holds; an op nobody knows, or none, is {@code unknown_op}. */
  static BoardRequest fromJson(JsonObject body) {
    String op = body.getString("op");
    Function<JsonObject, BoardRequest> reader = op == null ? null : READERS.get(op);
    if (reader == null) {
      throw new PajaException(ErrorCode.UNKNOWN_OP);
    }
    return reader.apply(body);
  }

  /** How each op is read back; {@code BoardRequestTest} checks every permitted kind is here. */
  Map<String, Function<JsonObject, BoardRequest>> READERS = Map.ofEntries(
      Map.entry(Join.OP, b -> new Join(Participant.fromJson(b.getJsonObject("participant")))),
      Map.entry(Snapshot.OP, b -> new Snapshot(b.getString("participantId"))),
      Map.entry(EventsSince.OP, b -> new EventsSince(b.getLong("after"), b.getString("participantId"))),
      Map.entry(Public.OP, b -> new Public()),
      Map.entry(LinkOutcome.OP, b -> new LinkOutcome(b.getString("id"), b.getJsonObject("github"),
          b.getString("status"), b.getString("actorId"))),
      Map.entry(ClaimPush.OP, b -> new ClaimPush(b.getString("id"), b.getLong("holdMillis", ClaimPush.DEFAULT_HOLD),
          b.getString("participantId"))),
      Map.entry(PushFailed.OP, b -> new PushFailed(b.getString("id"), b.getString("code"), b.getString("message"))),
      Map.entry(Whois.OP, b -> new Whois(b.getString("participantId"))),
      Map.entry(PresenceConnect.OP, b -> new PresenceConnect(b.getString("participantId"), b.getString("socketId"))),
      Map.entry(PresenceDisconnect.OP, b -> new PresenceDisconnect(b.getString("participantId"),
          b.getString("socketId"))),
      Map.entry(PresenceRefresh.OP, b -> new PresenceRefresh()),
      Map.entry(LifeChanged.OP, b -> new LifeChanged(b.getString("closedAt"), b.getString("archivedAt"))),
      Map.entry(Delete.OP, b -> new Delete()),
      Map.entry(ExportPerson.OP, b -> new ExportPerson(b.getString("participantId"), b.getString("subjectId"))),
      Map.entry(Anonymise.OP, b -> new Anonymise()),
      Map.entry(JoinCodeChanged.OP, b -> new JoinCodeChanged(b.getString("joinCode"))));

  private static JsonObject body(String op) {
    return new JsonObject().put("op", op);
  }

  /** A person joins (or rejoins) the board. */
  record Join(Participant participant) implements BoardRequest {
    static final String OP = "participant.join";

    public String op() {
      return OP;
    }

    public JsonObject toJson() {
      return BoardRequest.body(OP).put("participant", participant.toJson());
    }

    public void handledBy(Handlers h, Message<Object> m) {
      h.join(this, m);
    }

    @Override
    public boolean changesBoard() {
      return true;
    }
  }

  /** The member's snapshot, as JSON bytes. */
  record Snapshot(String participantId) implements BoardRequest {
    static final String OP = "snapshot";

    public String op() {
      return OP;
    }

    public JsonObject toJson() {
      return BoardRequest.body(OP).put("participantId", participantId);
    }

    public void handledBy(Handlers h, Message<Object> m) {
      h.snapshot(this, m);
    }
  }

  /** Catch-up: the events after {@code after}, as the member sees them. */
  record EventsSince(long after, String participantId) implements BoardRequest {
    static final String OP = "events.since";

    public String op() {
      return OP;
    }

    public JsonObject toJson() {
      return BoardRequest.body(OP).put("after", after).put("participantId", participantId);
    }

    public void handledBy(Handlers h, Message<Object> m) {
      h.eventsSince(this, m);
    }
  }

  /** The public outcomes page. */
  record Public() implements BoardRequest {
    static final String OP = "public";

    public String op() {
      return OP;
    }

    public JsonObject toJson() {
      return BoardRequest.body(OP);
    }

    public void handledBy(Handlers h, Message<Object> m) {
      h.publicView(this, m);
    }
  }

  /** An outcome was pushed to an issue tracker ({@code status}: its state there when synced, or null). */
  record LinkOutcome(String id, JsonObject github, String status, String actorId) implements BoardRequest {
    static final String OP = "outcome.link";

    public String op() {
      return OP;
    }

    public JsonObject toJson() {
      // status is written even when null: that is how it always went on the bus.
      return BoardRequest.body(OP).put("id", id).put("github", github).put("status", status).put("actorId", actorId);
    }

    public void handledBy(Handlers h, Message<Object> m) {
      h.linkOutcome(this, m);
    }

    @Override
    public boolean changesBoard() {
      return true;
    }
  }

  /** One push of an outcome at a time ({@link BoardClient#claimPush}). */
  record ClaimPush(String id, long holdMillis, String participantId) implements BoardRequest {
    static final String OP = "outcome.push";
    static final long DEFAULT_HOLD = 30_000L;

    public String op() {
      return OP;
    }

    public JsonObject toJson() {
      return BoardRequest.body(OP).put("id", id).put("holdMillis", holdMillis).put("participantId", participantId);
    }

    public void handledBy(Handlers h, Message<Object> m) {
      h.claimPush(this, m);
    }

    @Override
    public boolean changesBoard() {
      return true;
    }
  }

  /** The push a caller claimed failed ({@code code}: the wire code); sent, not asked: no reply. */
  record PushFailed(String id, String code, String message) implements BoardRequest {
    static final String OP = "outcome.push.failed";

    public String op() {
      return OP;
    }

    public JsonObject toJson() {
      return BoardRequest.body(OP).put("id", id).put("code", code).put("message", message);
    }

    public void handledBy(Handlers h, Message<Object> m) {
      h.pushFailed(this, m);
    }
  }

  /** The participant's current role on the board. */
  record Whois(String participantId) implements BoardRequest {
    static final String OP = "whois";

    public String op() {
      return OP;
    }

    public JsonObject toJson() {
      return BoardRequest.body(OP).put("participantId", participantId);
    }

    public void handledBy(Handlers h, Message<Object> m) {
      h.whois(this, m);
    }
  }

  /** A socket of the participant registered on the board; sent, not asked. */
  record PresenceConnect(String participantId, String socketId) implements BoardRequest {
    static final String OP = "presence.connect";

    public String op() {
      return OP;
    }

    public JsonObject toJson() {
      return BoardRequest.body(OP).put("participantId", participantId).put("socketId", socketId);
    }

    public void handledBy(Handlers h, Message<Object> m) {
      h.presenceConnect(this, m);
    }
  }

  /** A socket closed; sent, not asked. */
  record PresenceDisconnect(String participantId, String socketId) implements BoardRequest {
    static final String OP = "presence.disconnect";

    public String op() {
      return OP;
    }

    public JsonObject toJson() {
      return BoardRequest.body(OP).put("participantId", participantId).put("socketId", socketId);
    }

    public void handledBy(Handlers h, Message<Object> m) {
      h.presenceDisconnect(this, m);
    }
  }

  /** Publish presence again (someone registered and needs the list); sent, not asked. */
  record PresenceRefresh() implements BoardRequest {
    static final String OP = "presence.refresh";

    public String op() {
      return OP;
    }

    public JsonObject toJson() {
      return BoardRequest.body(OP);
    }

    public void handledBy(Handlers h, Message<Object> m) {
      h.presenceRefresh(this, m);
    }
  }

  /** The workshop's {@code closedAt} and {@code archivedAt} (null: absent, and left out of the JSON). */
  record LifeChanged(String closedAt, String archivedAt) implements BoardRequest {
    static final String OP = "life.changed";

    public String op() {
      return OP;
    }

    public JsonObject toJson() {
      JsonObject json = BoardRequest.body(OP);
      if (closedAt != null) {
        json.put("closedAt", closedAt);
      }
      if (archivedAt != null) {
        json.put("archivedAt", archivedAt);
      }
      return json;
    }

    public void handledBy(Handlers h, Message<Object> m) {
      h.lifeChanged(this, m);
    }
  }

  /** The workshop's document is gone: unload once idle. */
  record Delete() implements BoardRequest {
    static final String OP = "life.delete";

    public String op() {
      return OP;
    }

    public JsonObject toJson() {
      return BoardRequest.body(OP);
    }

    public void handledBy(Handlers h, Message<Object> m) {
      h.delete(this, m);
    }
  }

  /** Everything one participant wrote, for a facilitator ({@code participantId}). */
  record ExportPerson(String participantId, String subjectId) implements BoardRequest {
    static final String OP = "privacy.export";

    public String op() {
      return OP;
    }

    public JsonObject toJson() {
      return BoardRequest.body(OP).put("participantId", participantId).put("subjectId", subjectId);
    }

    public void handledBy(Handlers h, Message<Object> m) {
      h.exportPerson(this, m);
    }
  }

  /** Retention: erase everyone but the owner. */
  record Anonymise() implements BoardRequest {
    static final String OP = "privacy.anonymise";

    public String op() {
      return OP;
    }

    public JsonObject toJson() {
      return BoardRequest.body(OP);
    }

    public void handledBy(Handlers h, Message<Object> m) {
      h.anonymise(this, m);
    }
  }

  /** The board's copy of the workshop's join code. */
  record JoinCodeChanged(String joinCode) implements BoardRequest {
    static final String OP = "joinCode.changed";

    public String op() {
      return OP;
    }

    public JsonObject toJson() {
      return BoardRequest.body(OP).put("joinCode", joinCode);
    }

    public void handledBy(Handlers h, Message<Object> m) {
      h.joinCodeChanged(this, m);
    }
  }
}
