package fi.paja.board;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Persistence of boards. The op log ({@code events}) is the truth; {@code notes} and {@code participants} are
 * materialised views written after it, and the workshop's {@code seq} is the checkpoint up to which they are
 * known to be complete. Loading replays the log after the checkpoint, so a crash between the writes loses nothing
 * that the log holds. No multi-document transactions: the embedded server has none.
 */
public final class BoardStore {

  /**
   * What a board needs to come back to life. {@code replayed} are the events after the checkpoint that the load
   * replayed from the log (after a crash, a storage fault or an unload before the checkpoint): the next checkpoint
   * has to write the notes they changed, since it moves the checkpoint past them.
   */
  public record Loaded(JsonObject workshop, Board board, List<JsonObject> recentEvents, List<Event> replayed) {
  }

  private final Storage storage;
  private final MongoClient mongo;

  public BoardStore(Storage storage) {
    this.storage = storage;
    this.mongo = storage.mongo();
  }

  public Future<Loaded> load(String workshopId, java.util.function.Supplier<String> newId) {
    return mongo.findOne(Collections.WORKSHOPS, new JsonObject().put("_id", workshopId), null)
        .compose(workshop -> {
          if (workshop == null) {
            return Future.failedFuture(new PajaException(ErrorCode.WORKSHOP_NOT_FOUND));
          }
          long checkpoint = workshop.getLong("seq", 0L);
          // Creation order, so that every load (and every node) lists the notes the same way.
          Future<List<JsonObject>> notes = mongo.findWithOptions(Collections.NOTES, new JsonObject().put("w", workshopId),
              new FindOptions().setSort(new JsonObject().put("n.createdAt", 1).put("_id", 1)));
          Future<List<JsonObject>> people = mongo.findWithOptions(Collections.PARTICIPANTS,
              new JsonObject().put("workshopId", workshopId),
              new FindOptions().setSort(new JsonObject().put("joinedAt", 1)));
          Future<List<JsonObject>> tail = mongo.findWithOptions(Collections.EVENTS,
              new JsonObject().put("w", workshopId).put("s", new JsonObject().put("$gt", checkpoint)),
              new FindOptions().setSort(new JsonObject().put("s", 1)));
          return Future.all(notes, people, tail).compose(all -> {
            Board board = new Board(workshopId, newId);
            board.restoreMeta(workshop.getJsonObject("board"));
            board.restore(checkpoint,
                notes.result().stream().map(d -> Note.fromJson(d.getJsonObject("n"))).toList(),
                people.result().stream().map(BoardStore::participantFromDoc).toList());
            List<Event> replayed = new ArrayList<>(tail.result().size());
            for (JsonObject doc : tail.result()) {
              Event event = Event.fromJson(doc.getJsonObject("e"));
              board.apply(event);
              replayed.add(event);
            }
            return recentEvents(workshopId, board.seq())
                .map(recent -> new Loaded(workshop, board, recent, replayed));
          });
        });
  }

  private Future<List<JsonObject>> recentEvents(String workshopId, long seq) {
    long from = Math.max(0, seq - Limits.CATCH_UP_EVENTS);
    return mongo.findWithOptions(Collections.EVENTS,
            new JsonObject().put("w", workshopId).put("s", new JsonObject().put("$gt", from)),
            new FindOptions().setSort(new JsonObject().put("s", 1)))
        .map(docs -> docs.stream().map(d -> d.getJsonObject("e")).toList());
  }

  /**
   * Writes a group of events (and who joined, changed role or left), then waits until it is durable. This is all an
   * acknowledgement waits for: notes and the board-wide state are written later by {@link #checkpoint}, and a load
   * replays the log after the last checkpoint.
   */
  public Future<Void> persist(String workshopId, List<Event> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    String w = workshopId;
    List<BulkOperation> log = new ArrayList<>(events.size());
    List<BulkOperation> people = new ArrayList<>();
    for (Event event : events) {
      log.add(BulkOperation.createInsert(new JsonObject()
          .put("_id", w + "/" + event.seq()).put("w", w).put("s", event.seq()).put("e", event.toJson())));
      Event.Change change = event.change();
      if (change instanceof Event.ParticipantJoined joined) {
        JsonObject doc = participantDoc(w, joined.participant(), event.at().toString());
        people.add(BulkOperation.createReplace(new JsonObject().put("_id", doc.getString("_id")), doc, true));
      } else if (change instanceof Event.ParticipantRoleChanged r) {
        people.add(BulkOperation.createUpdate(new JsonObject().put("_id", r.participantId()),
            new JsonObject().put("$set", new JsonObject().put("role", r.role()))));
      } else if (change instanceof Event.ParticipantRemoved r) {
        people.add(BulkOperation.createUpdate(new JsonObject().put("_id", r.participantId()),
            new JsonObject().put("$set", new JsonObject().put("removed", true))));
      }
    }
    BulkWriteOptions ordered = new BulkWriteOptions().setOrdered(true);
    return storage.durably(db -> db.bulkWriteWithOptions(Collections.EVENTS, log, ordered)
        .compose(r -> people.isEmpty() ? Future.succeededFuture()
            : db.bulkWriteWithOptions(Collections.PARTICIPANTS, people, ordered)))
        .mapEmpty();
  }

  /** The notes a group of events changed (added, edited, moved, revealed or deleted). */
  public static Set<String> touchedNotes(List<Event> events) {
    Set<String> touched = new LinkedHashSet<>();
    for (Event event : events) {
      Event.Change change = event.change();
      if (change instanceof Event.NotesRevealed r) {
        r.notes().forEach(n -> touched.add(n.id()));
      } else if (change instanceof Event.NoteAdded a) {
        touched.add(a.note().id());
      } else if (change instanceof Event.NoteUpdated u) {
        touched.add(u.note().id());
      } else if (change instanceof Event.NoteMoved m) {
        touched.add(m.id());
      } else if (change instanceof Event.NoteDeleted d) {
        touched.add(d.id());
      }
    }
    return touched;
  }

  /**
   * The board as it was at {@code seq}, taken on the board's context so that it cannot change while it is written:
   * the notes changed since the last checkpoint (null for a deleted note) and the board-wide state.
   */
  public record Checkpoint(String workshopId, long seq, JsonObject meta, java.util.Map<String, JsonObject> notes) {

    public static Checkpoint of(Board board, Set<String> noteIds) {
      java.util.Map<String, JsonObject> notes = new java.util.LinkedHashMap<>();
      for (String id : noteIds) {
        Note note = board.note(id);
        notes.put(id, note == null ? null : note.toJson());
      }
      return new Checkpoint(board.workshopId(), board.seq(), board.metaToJson(), notes);
    }
  }

  /**
   * Writes the materialised views up to a checkpoint: changed notes first, then the board-wide state together with
   * the seq they are complete up to. Only events already durable are covered, so a crash in between loses nothing:
   * the next load replays the log after the older checkpoint, and replaying a note's events onto a newer copy of
   * the note ends in the same state. Not synced on its own: the next group commit makes it durable.
   */
  public Future<Void> checkpoint(Checkpoint checkpoint) {
    String w = checkpoint.workshopId();
    List<BulkOperation> noteOps = new ArrayList<>(checkpoint.notes().size());
    checkpoint.notes().forEach((id, note) -> {
      JsonObject key = new JsonObject().put("_id", w + "/" + id);
      noteOps.add(note == null
          ? BulkOperation.createDelete(key)
          : BulkOperation.createReplace(key, new JsonObject().put("_id", w + "/" + id).put("w", w).put("n", note),
              true));
    });
    BulkWriteOptions ordered = new BulkWriteOptions().setOrdered(true);
    Future<?> notes = noteOps.isEmpty() ? Future.succeededFuture()
        : mongo.bulkWriteWithOptions(Collections.NOTES, noteOps, ordered);
    JsonObject state = new JsonObject().put("seq", checkpoint.seq()).put("board", checkpoint.meta());
    return notes
        .compose(r -> mongo.updateCollection(Collections.WORKSHOPS, new JsonObject().put("_id", w),
            new JsonObject().put("$set", state)))
        .mapEmpty();
  }

  public static JsonObject participantDoc(String workshopId, Participant p, String joinedAt) {
    return new JsonObject().put("_id", p.id()).put("workshopId", workshopId).put("name", p.name())
        .put("role", p.role()).put("joinedAt", joinedAt);
  }

  private static Participant participantFromDoc(JsonObject doc) {
    return new Participant(doc.getString("_id"), doc.getString("name"), doc.getString("role"),
        doc.getBoolean("removed", false));
  }
}
