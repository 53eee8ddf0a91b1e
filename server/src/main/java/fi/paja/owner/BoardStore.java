package fi.paja.owner;

import fi.paja.board.Board;
import fi.paja.board.Event;
import fi.paja.board.Note;
import fi.paja.board.Participant;
import fi.paja.board.Tombstone;
import fi.paja.config.Limits;
import fi.paja.config.Quotas;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.storage.Collections;
import fi.paja.storage.Storage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.BulkWriteOptions;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Persistence of boards. The op log ({@code events}) is the truth; {@code notes} and {@code participants} are
 * materialised views written after it, and the workshop's {@code seq} is the checkpoint up to which they are
 * known to be complete. Loading replays the log after the checkpoint, so a crash between the writes loses nothing
 * that the log holds. No multi-document transactions: the embedded server has none.
 */
public final class BoardStore {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BoardStore.class);

  /** What a board needs to come back to life. */
  public record Loaded(JsonObject workshop, Board board, List<JsonObject> recentEvents) {
  }

  private final Storage storage;
  private final MongoClient mongo;
  private final Quotas quotas;

  public BoardStore(Storage storage) {
    this(storage, Quotas.NONE);
  }

  /** Boards loaded by this store enforce these per-person quotas. */
  public BoardStore(Storage storage, Quotas quotas) {
    this.storage = storage;
    this.mongo = storage.mongo();
    this.quotas = quotas;
  }

  public Future<Loaded> load(String workshopId, java.util.function.Supplier<String> newId) {
    return mongo.findOne(Collections.WORKSHOPS, new JsonObject().put("_id", workshopId), null)
        .compose(workshop -> {
          if (workshop == null) {
            return Future.failedFuture(new PajaException(ErrorCode.WORKSHOP_NOT_FOUND));
          }
          long checkpoint = workshop.getLong("seq", 0L);
          // Creation order, so that every load (and every node) lists the notes the same way.
          Future<List<JsonObject>> notes = mongo.findWithOptions(Collections.NOTES,
              new JsonObject().put("w", workshopId),
              new FindOptions().setSort(new JsonObject().put("n.createdAt", 1).put("_id", 1)));
          // The board's order; documents written before "order" existed have none and keep their join order.
          Future<List<JsonObject>> people = mongo.findWithOptions(Collections.PARTICIPANTS,
              new JsonObject().put("workshopId", workshopId),
              new FindOptions().setSort(new JsonObject().put("order", 1).put("joinedAt", 1)));
          Future<List<JsonObject>> tail = mongo.findWithOptions(Collections.EVENTS,
              new JsonObject().put("w", workshopId).put("s", new JsonObject().put("$gt", checkpoint)),
              new FindOptions().setSort(new JsonObject().put("s", 1)));
          return Future.all(notes, people, tail).compose(all -> {
            Board board = new Board(workshopId, newId, quotas);
            List<JsonObject> whole;
            try {
              board.restoreMeta(readable("board", () -> workshop.getJsonObject("board")));
              board.restore(checkpoint,
                  readable("notes", () -> notes.result().stream().filter(d -> d.getValue("t") == null)
                      .map(d -> Note.fromJson(d.getJsonObject("n"))).toList()),
                  readable("participants", () -> people.result().stream().map(BoardStore::participantFromDoc)
                      .toList()));
              board.restoreTombstones(readable("tombstones", () -> notes.result().stream()
                  .filter(d -> d.getValue("t") != null)
                  .map(d -> Tombstone.fromStored(Note.fromJson(d.getJsonObject("n")), d.getJsonObject("t"))).toList()));
              whole = readable("events", () -> wholeGroups(tail.result()));
              for (JsonObject doc : whole) {
                readable("event " + doc.getValue("s"), () -> {
                  board.apply(Event.fromJson(doc.getJsonObject("e")));
                  return null;
                });
              }
              // Tombstones past their time go now, not at the board's next event (docs/SECURITY.md, retention).
              board.purgeTombstones(java.time.Instant.now());
            } catch (Board.Damaged e) {
              // Damaged stored data: the caller refuses this board (board_unreadable) instead of retrying it.
              return Future.failedFuture(e);
            }
            long complete = whole.isEmpty() ? checkpoint : whole.get(whole.size() - 1).getLong("s");
            return dropAfter(workshopId, complete, tail.result().size() - whole.size())
                .compose(v -> recentEvents(workshopId, board.seq()))
                .map(recent -> new Loaded(workshop, board, recent));
          });
        });
  }

  /** Reads one part of a stored board; what cannot be read is {@link Board.Damaged}, naming the part. */
  private static <T> T readable(String part, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (Board.Damaged e) {
      throw e;
    } catch (RuntimeException e) {
      throw new Board.Damaged(part, e);
    }
  }

  /**
   * The log's tail up to its last whole group: a group whose last event ({@code g}) is missing never completed, so
   * none of its commands was acknowledged. Events without {@code g} (written before groups were marked) count as
   * whole. Only the last group can be cut short: a failed write stops the board before the next one.
   */
  static List<JsonObject> wholeGroups(List<JsonObject> tail) {
    if (tail.isEmpty()) {
      return tail;
    }
    long lastSeq = tail.get(tail.size() - 1).getLong("s");
    int end = tail.size();
    while (end > 0 && tail.get(end - 1).getLong("g", tail.get(end - 1).getLong("s")) > lastSeq) {
      end--;
    }
    return tail.subList(0, end);
  }

  /** Removes the events of a group cut short, so that the next group can take their seqs. */
  private Future<Void> dropAfter(String workshopId, long seq, int count) {
    if (count == 0) {
      return Future.succeededFuture();
    }
    LOG.warn("Workshop {}: dropping {} events after seq {} (a group written only in part, never acknowledged)",
        workshopId, count, seq);
    return storage.durably(db -> db.removeDocuments(Collections.EVENTS,
        new JsonObject().put("w", workshopId).put("s", new JsonObject().put("$gt", seq))))
        .mapEmpty();
  }

  private Future<List<JsonObject>> recentEvents(String workshopId, long seq) {
    long from = Math.max(0, seq - Limits.CATCH_UP_EVENTS);
    return mongo.findWithOptions(Collections.EVENTS,
        new JsonObject().put("w", workshopId).put("s", new JsonObject().put("$gt", from)),
        new FindOptions().setSort(new JsonObject().put("s", 1)))
        .map(docs -> docs.stream().map(d -> d.getJsonObject("e")).toList());
  }

  /**
   * Writes a group of events to the log, then waits until it is durable. This is all an acknowledgement waits for:
   * notes, participants and the board-wide state are written later by {@link #checkpoint}, and a load replays the
   * log after the last checkpoint.
   *
   * <p>Each event of the group carries the group's last seq ({@code g}). A group can reach the database only in
   * part (a write that failed half way, or another board's commit that made a group still being inserted durable
   * just before a crash); none of its commands was acknowledged, and a load drops such a group whole, so no
   * command is ever half applied.
   *
   * <p>{@code encoded} is each event's {@link Event#toJson}, in the same order: made once by the caller, which
   * publishes the same objects once they are durable.
   */
  public Future<Void> persist(String workshopId, List<Event> events, List<JsonObject> encoded) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    String w = workshopId;
    long last = events.get(events.size() - 1).seq();
    List<BulkOperation> log = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      Event event = events.get(i);
      log.add(BulkOperation.createInsert(new JsonObject()
          .put("_id", w + "/" + event.seq()).put("w", w).put("s", event.seq()).put("g", last)
          .put("e", encoded.get(i))));
    }
    return storage.durably(db -> db.bulkWriteWithOptions(Collections.EVENTS, log,
        new BulkWriteOptions().setOrdered(true)))
        .mapEmpty();
  }

  /**
   * The board as it was at {@code seq}, taken on the board's context so that it cannot change while it is written:
   * the notes and participants changed since the last checkpoint, each as its stored document's {@code n} (the note)
   * and for a deleted note kept for restoring {@code t} (its {@link Tombstone}); null for a note gone for good.
   * Every participant's
   * place in the board's order, and the board-wide state.
   */
  public record Checkpoint(String workshopId, long seq, JsonObject meta, Map<String, JsonObject> notes,
                           List<JsonObject> participants, List<String> goneParticipants, Board.Changes changes) {

    /** Takes the board's changes: give them back ({@link Board#giveBack}) if the checkpoint is not written. */
    public static Checkpoint of(Board board) {
      Board.Changes changes = board.takeChanges();
      Map<String, JsonObject> notes = new LinkedHashMap<>();
      for (String id : changes.notes()) {
        Note note = board.note(id);
        Tombstone tombstone = note == null ? board.tombstone(id) : null;
        notes.put(id, note != null ? new JsonObject().put("n", note.toJson())
            : tombstone != null ? new JsonObject().put("n", tombstone.note().toJson()).put("t", tombstone.toStored())
                : null);
      }
      List<JsonObject> people = new ArrayList<>();
      int order = 0;
      for (Participant p : board.participants()) {
        if (changes.participants().contains(p.id())) {
          people.add(participantDoc(board.workshopId(), p).put("order", order));
        }
        order++;
      }
      // Erased people are no longer on the board: their documents go.
      List<String> gone = changes.participants().stream().filter(id -> board.participant(id) == null).toList();
      return new Checkpoint(board.workshopId(), board.seq(), board.metaToJson(), notes, people, gone, changes);
    }
  }

  /**
   * Writes the materialised views up to a checkpoint: changed notes and participants first, then the board-wide
   * state together with the seq they are complete up to. Only events already durable are covered, so a crash in
   * between loses nothing: the next load replays the log after the older checkpoint, and replaying a note's or a
   * participant's events onto a newer copy ends in the same state. Not synced on its own: the next group commit
   * makes it durable, and until then the older checkpoint and the log still describe the board.
   */
  public Future<Void> checkpoint(Checkpoint checkpoint) {
    String w = checkpoint.workshopId();
    List<BulkOperation> noteOps = new ArrayList<>(checkpoint.notes().size());
    checkpoint.notes().forEach((id, note) -> {
      JsonObject key = new JsonObject().put("_id", w + "/" + id);
      noteOps.add(note == null
          ? BulkOperation.createDelete(key)
          : BulkOperation.createReplace(key, note.copy().put("_id", w + "/" + id).put("w", w), true));
    });
    List<BulkOperation> peopleOps = new ArrayList<>(checkpoint.participants().size());
    String now = java.time.Instant.now().toString();
    for (JsonObject person : checkpoint.participants()) {
      JsonObject set = person.copy();
      set.remove("_id");
      set.remove("joinedAt");
      peopleOps.add(BulkOperation.createUpdate(new JsonObject().put("_id", person.getString("_id")),
          new JsonObject().put("$set", set).put("$setOnInsert", new JsonObject().put("joinedAt", now)), true,
          false));
    }
    for (String gone : checkpoint.goneParticipants()) {
      peopleOps.add(BulkOperation.createDelete(new JsonObject().put("_id", gone).put("workshopId", w)));
    }
    BulkWriteOptions ordered = new BulkWriteOptions().setOrdered(true);
    Future<?> notes = noteOps.isEmpty() ? Future.succeededFuture()
        : mongo.bulkWriteWithOptions(Collections.NOTES, noteOps, ordered);
    JsonObject state = new JsonObject().put("seq", checkpoint.seq()).put("board", checkpoint.meta());
    return notes
        .compose(r -> peopleOps.isEmpty() ? Future.succeededFuture()
            : mongo.bulkWriteWithOptions(Collections.PARTICIPANTS, peopleOps, ordered))
        .compose(r -> mongo.updateCollection(Collections.WORKSHOPS, new JsonObject().put("_id", w),
            new JsonObject().put("$set", state)))
        .mapEmpty();
  }

  /**
   * After an erasure's checkpoint ({@code seq}) is written: drops the op log up to it, so that no stored event names
   * the people erased or holds their deleted text, and deletes what else names them (their sessions and the devices
   * they joined from); durable when the future completes. Safe to repeat.
   */
  public Future<Void> compact(String workshopId, long seq, List<String> erased) {
    JsonObject people = new JsonObject().put("$in", new io.vertx.core.json.JsonArray(new ArrayList<>(erased)));
    return storage.durably(db -> db.removeDocuments(Collections.EVENTS,
        new JsonObject().put("w", workshopId).put("s", new JsonObject().put("$lte", seq)))
        .compose(r -> erased.isEmpty() ? Future.succeededFuture()
            : db.removeDocuments(Collections.SESSIONS, new JsonObject().put("participantId", people)))
        .compose(r -> erased.isEmpty() ? Future.succeededFuture()
            : db.removeDocuments(Collections.PARTICIPANT_DEVICES,
                new JsonObject().put("w", workshopId).put("p", people))))
        .mapEmpty();
  }

  public static JsonObject participantDoc(String workshopId, Participant p) {
    return new JsonObject().put("_id", p.id()).put("workshopId", workshopId).put("name", p.name())
        .put("role", p.role()).put("removed", p.removed());
  }

  private static Participant participantFromDoc(JsonObject doc) {
    return new Participant(doc.getString("_id"), doc.getString("name"), doc.getString("role"),
        doc.getBoolean("removed", false));
  }
}
