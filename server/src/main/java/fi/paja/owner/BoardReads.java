package fi.paja.owner;

import fi.paja.board.Board;
import fi.paja.board.Cluster;
import fi.paja.board.Note;
import fi.paja.board.Participant;
import fi.paja.board.Settings;
import fi.paja.board.SnapshotNotes;
import fi.paja.board.Tombstone;
import fi.paja.board.Visibility;
import fi.paja.board.Vote;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a board's owner answers without changing the board: a member's snapshot, catch-up, the public page, who a
 * participant is, and a person's data for a data-subject request. Each is cut to the reader's view here, before it
 * leaves the owner. Runs on the board's context; the {@link BoardActor} calls these between groups, so they never
 * show a change that is still being written.
 */
final class BoardReads {

  private static final Logger LOG = LoggerFactory.getLogger(BoardReads.class);
  static final long SNAPSHOT_KEEP_MILLIS = 60_000;

  private final Vertx vertx;
  private final Board board;
  private final String workshopId;
  private final JsonObject workshop;
  private final ArrayDeque<JsonObject> recent;
  private final Presence presence;
  private final Clock clock;
  private final Refusals refusals;
  /** Snapshot notes per kind of viewer (0 participants, 1 facilitators): being encoded or encoded, and their seq. */
  @SuppressWarnings("unchecked")
  private final Future<SnapshotNotes.Encoding>[] encodings = new Future[2];
  private final long[] encodingSeqs = new long[2];
  private final SnapshotNotes.Encoding[] encoded = new SnapshotNotes.Encoding[2];
  private long lastSnapshot;

  BoardReads(Vertx vertx, Board board, JsonObject workshop, ArrayDeque<JsonObject> recent, Presence presence,
             Clock clock, Refusals refusals) {
    this.vertx = vertx;
    this.board = board;
    this.workshopId = board.workshopId();
    this.workshop = workshop;
    this.recent = recent;
    this.presence = presence;
    this.clock = clock;
    this.refusals = refusals;
  }

  /**
   * A member's snapshot, as JSON bytes. Only the small part is made here, on the context all of this node's boards
   * share; the notes are encoded off it, once per seq and kind of viewer ({@link SnapshotNotes}), and put together
   * with the viewer's own off it too. A participant loading a huge board's snapshot in a loop slowed every board of
   * the node (commands on another board took 3.4 s at the median); now it costs this board's encodings and a copy.
   */
  void snapshot(Message<Object> message, String participantId) {
    Participant you = board.participant(participantId);
    if (you == null || you.removed()) {
      refusals.fail(message, new PajaException(ErrorCode.FORBIDDEN));
      return;
    }
    Visibility.Viewer viewer = Visibility.Viewer.of(you);
    JsonObject json = board.snapshotWithoutNotes(viewer, clock.millis());
    presence.decorate(json.getJsonArray("participants"));
    json
        .put("id", workshopId)
        .put("title", workshop.getString("title"))
        .put("joinCode", workshop.getString("joinCode"))
        .put("template", workshop.getString("template"))
        .put("createdAt", workshop.getString("createdAt"))
        .put("publicId", workshop.getString("publicId"))
        .put("closedAt", workshop.getString("closedAt"))
        .put("archivedAt", workshop.getString("archivedAt"))
        .put("anonymisedAt", workshop.getString("anonymisedAt"))
        .put("you", new JsonObject().put("participantId", you.id()).put("role", you.role()));
    lastSnapshot = System.currentTimeMillis();
    encoding(viewer.facilitator())
        .compose(notes -> vertx.executeBlocking(() -> SnapshotNotes.assemble(notes, viewer, json), false))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            message.reply(ar.result());
          } else {
            LOG.error("Workshop {}: could not make a snapshot", workshopId, ar.cause());
            refusals.fail(message, new PajaException(ErrorCode.INTERNAL_ERROR));
          }
        });
  }

  /** The notes of this seq encoded for a kind of viewer: the one being made or made already, else a new one. */
  private Future<SnapshotNotes.Encoding> encoding(boolean facilitator) {
    int kind = facilitator ? 1 : 0;
    long seq = board.seq();
    if (encodings[kind] != null && encodingSeqs[kind] == seq && !encodings[kind].failed()) {
      return encodings[kind];
    }
    Note[] notes = board.notes().toArray(new Note[0]);
    Settings settings = board.settings();
    SnapshotNotes.Encoding previous = encoded[kind];
    Future<SnapshotNotes.Encoding> made = vertx.executeBlocking(
        () -> SnapshotNotes.Encoding.build(seq, settings, facilitator, notes, previous), false);
    encodings[kind] = made;
    encodingSeqs[kind] = seq;
    made.onSuccess(e -> {
      if (encoded[kind] == null || encoded[kind].seq() <= e.seq()) {
        encoded[kind] = e;
      }
    });
    return made;
  }

  /** Encoded notes nobody asked for in a while are let go: they are as large as the board's text. */
  void forgetSnapshots() {
    if (System.currentTimeMillis() - lastSnapshot > SNAPSHOT_KEEP_MILLIS) {
      java.util.Arrays.fill(encodings, null);
      java.util.Arrays.fill(encoded, null);
    }
  }

  /** The public page: the workshop's title and its outcomes, without names or anything else. */
  JsonObject publicView() {
    JsonArray outcomes = new JsonArray();
    board.outcomes().forEach(o -> outcomes.add(o.toPublicJson()));
    return new JsonObject().put("title", workshop.getString("title")).put("lang", workshop.getString("lang", "fi"))
        .put("closedAt", workshop.getString("closedAt")).put("anonymisedAt", workshop.getString("anonymisedAt"))
        .put("outcomes", outcomes);
  }

  void whois(Message<Object> message, String participantId) {
    Participant p = board.participant(participantId);
    if (p == null || p.removed()) {
      refusals.fail(message, new PajaException(ErrorCode.FORBIDDEN));
      return;
    }
    message.reply(new JsonObject().put("participantId", p.id()).put("role", p.role())
        .put("facilitator", p.isFacilitator()).put("name", p.name()));
  }

  void eventsSince(Message<Object> message, long after, String participantId) {
    Participant viewer = board.participant(participantId);
    if (viewer == null || viewer.removed()) {
      refusals.fail(message, new PajaException(ErrorCode.FORBIDDEN));
      return;
    }
    long seq = board.seq();
    long oldest = recent.isEmpty() ? seq + 1 : recent.peekFirst().getLong("seq");
    if (after > seq || (after < seq && after + 1 < oldest)) {
      refusals.fail(message, new PajaException(ErrorCode.SNAPSHOT_REQUIRED));
      return;
    }
    JsonArray events = new JsonArray();
    for (JsonObject e : recent) {
      if (e.getLong("seq") > after) {
        events.add(Visibility.filter(e, Visibility.Viewer.of(viewer)));
      }
    }
    message.reply(new JsonObject().put("seq", seq).put("events", events));
  }

  /**
   * Everything one participant wrote, for a facilitator answering that person's request (docs/PROTOCOL.md,
   * "Retention and data-subject requests"): their pseudonym, their notes on the board and those deleted but still
   * kept for undo, and their dots. Notes written while authors were hidden from facilitators are left out (only
   * counted): the facilitator was promised not to learn whose they are.
   */
  void exportPerson(Message<Object> message, String requesterId, String subjectId) {
    Participant requester = requesterId == null ? null : board.participant(requesterId);
    if (requester == null || requester.removed() || !requester.isFacilitator()) {
      refusals.fail(message,
          new PajaException(ErrorCode.FORBIDDEN, "Only facilitators can export a participant's data."));
      return;
    }
    Participant subject = subjectId == null ? null : board.participant(subjectId);
    if (subject == null) {
      refusals.fail(message, new PajaException(ErrorCode.PARTICIPANT_NOT_FOUND));
      return;
    }
    int withheld = 0;
    JsonArray notes = new JsonArray();
    for (Note n : board.notes()) {
      if (subject.id().equals(n.authorId())) {
        if (Note.FROM_EVERYONE.equals(n.anonymity())) {
          withheld++;
        } else {
          notes.add(personNote(n));
        }
      }
    }
    JsonArray deleted = new JsonArray();
    for (Tombstone t : board.tombstones()) {
      if (subject.id().equals(t.note().authorId())) {
        if (Note.FROM_EVERYONE.equals(t.note().anonymity())) {
          withheld++;
        } else {
          deleted.add(personNote(t.note()).put("deletedAt", t.deletedAt().toString()));
        }
      }
    }
    JsonArray dots = new JsonArray();
    for (Vote vote : board.votes()) {
      vote.mine(subject.id()).forEach((target, n) -> dots.add(new JsonObject().put("voteId", vote.id())
          .put("targetId", target).put("dots", n)));
    }
    message.reply(new JsonObject()
        .put("workshop", new JsonObject().put("id", workshopId).put("title", workshop.getString("title")))
        .put("exportedAt", clock.instant().toString())
        .put("participant", new JsonObject().put("id", subject.id()).put("pseudonym", subject.name())
            .put("role", subject.role()).put("removed", subject.removed()))
        .put("notes", notes).put("deletedNotes", deleted).put("votes", dots)
        .put("notesWithheldAnonymous", withheld));
  }

  private JsonObject personNote(Note n) {
    JsonObject json = new JsonObject().put("id", n.id()).put("text", n.text()).put("color", n.color())
        .put("createdAt", n.createdAt().toString()).put("updatedAt", n.updatedAt().toString())
        .put("private", n.hidden());
    Cluster group = n.clusterId() == null ? null : board.clusters().stream()
        .filter(c -> c.id().equals(n.clusterId())).findFirst().orElse(null);
    if (group != null) {
      json.put("group", group.title());
    }
    if (n.cell() != null) {
      json.put("cell", n.cell().toJson());
    }
    return json;
  }
}
