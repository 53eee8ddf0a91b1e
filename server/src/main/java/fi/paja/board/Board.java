package fi.paja.board;

import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One workshop's board as a state machine. {@link #handle} checks a command against the current state and either
 * refuses it (nothing changes) or returns the events it caused, already applied. {@link #apply} is the only
 * place state changes, so replaying the op log rebuilds exactly the same board.
 *
 * <p>Not thread-safe: a board has exactly one owner (its {@code BoardActor}).
 */
public final class Board {

  /** What a handled command produced: its events and the extra fields of the reply. */
  public record Outcome(List<Event> events, JsonObject reply) {
  }

  private final String workshopId;
  private final Supplier<String> newId;
  private final Map<String, Note> notes = new LinkedHashMap<>();
  private final Map<String, Participant> participants = new LinkedHashMap<>();
  private long seq;

  public Board(String workshopId, Supplier<String> newId) {
    this.workshopId = workshopId;
    this.newId = newId;
  }

  public String workshopId() {
    return workshopId;
  }

  public long seq() {
    return seq;
  }

  public Collection<Note> notes() {
    return notes.values();
  }

  public Collection<Participant> participants() {
    return participants.values();
  }

  public Participant participant(String id) {
    return participants.get(id);
  }

  /** Restores persisted state (the materialised collections) before the op log is replayed over it. */
  public void restore(long checkpointSeq, Collection<Note> savedNotes, Collection<Participant> savedParticipants) {
    seq = checkpointSeq;
    savedNotes.forEach(n -> notes.put(n.id(), n));
    savedParticipants.forEach(p -> participants.put(p.id(), p));
  }

  public Outcome handle(Command command, String actorId, Instant now) {
    if (command instanceof Command.AddNote add) {
      return add(add, actorId, now);
    }
    if (command instanceof Command.UpdateNote update) {
      Note changed = existing(update.id());
      if (update.text().isPresent()) {
        changed = changed.withText(update.text().get(), now);
      }
      if (update.color().isPresent()) {
        changed = changed.withColor(update.color().get(), now);
      }
      return emit(actorId, now, new Event.NoteUpdated(changed), new JsonObject());
    }
    if (command instanceof Command.MoveNote move) {
      existing(move.id());
      return emit(actorId, now, new Event.NoteMoved(move.id(), move.x(), move.y()), new JsonObject());
    }
    if (command instanceof Command.DeleteNote delete) {
      existing(delete.id());
      return emit(actorId, now, new Event.NoteDeleted(delete.id()), new JsonObject());
    }
    if (command instanceof Command.JoinParticipant join) {
      return emit(join.participant().id(), now, new Event.ParticipantJoined(join.participant()),
          new JsonObject().put("participantId", join.participant().id()));
    }
    throw new IllegalArgumentException("unhandled command " + command.op());
  }

  private Outcome add(Command.AddNote add, String actorId, Instant now) {
    if (add.id().isPresent()) {
      Note existing = notes.get(add.id().get());
      if (existing != null) {
        if (existing.authorId().equals(actorId)) {
          // A client resending a command whose reply it lost: already done.
          return new Outcome(List.of(), new JsonObject().put("noteId", existing.id()));
        }
        throw new PajaException(ErrorCode.NOTE_ID_TAKEN);
      }
    }
    if (notes.size() >= Limits.MAX_NOTES_PER_BOARD) {
      throw new PajaException(ErrorCode.BOARD_FULL);
    }
    String id = add.id().orElseGet(newId);
    Note note = new Note(id, add.text(), add.x(), add.y(), add.color(), actorId, now, now);
    return emit(actorId, now, new Event.NoteAdded(note), new JsonObject().put("noteId", id));
  }

  private Note existing(String id) {
    Note note = notes.get(id);
    if (note == null) {
      throw new PajaException(ErrorCode.NOTE_NOT_FOUND);
    }
    return note;
  }

  private Outcome emit(String actorId, Instant now, Event.Change change, JsonObject reply) {
    Event event = new Event(seq + 1, workshopId, now, actorId, change);
    apply(event);
    List<Event> events = new ArrayList<>(1);
    events.add(event);
    return new Outcome(events, reply);
  }

  /**
   * Applies an event. Events carry resulting values (whole notes, absolute positions), so applying one over state
   * that already contains it is harmless: that is what makes replay after a crash safe.
   */
  public void apply(Event event) {
    Event.Change change = event.change();
    if (change instanceof Event.ParticipantJoined joined) {
      participants.put(joined.participant().id(), joined.participant());
    } else if (change instanceof Event.NoteAdded added) {
      notes.put(added.note().id(), added.note());
    } else if (change instanceof Event.NoteUpdated updated) {
      notes.put(updated.note().id(), updated.note());
    } else if (change instanceof Event.NoteMoved moved) {
      notes.computeIfPresent(moved.id(), (id, n) -> n.movedTo(moved.x(), moved.y(), event.at()));
    } else if (change instanceof Event.NoteDeleted deleted) {
      notes.remove(deleted.id());
    }
    seq = Math.max(seq, event.seq());
  }

  /** The snapshot's board part: notes and participants, with {@code seq}. */
  public JsonObject toJson() {
    JsonArray noteArray = new JsonArray(new ArrayList<>(notes.size()));
    notes.values().forEach(n -> noteArray.add(n.toJson()));
    JsonArray people = new JsonArray();
    participants.values().forEach(p -> people.add(p.toJson()));
    return new JsonObject().put("seq", seq).put("notes", noteArray).put("participants", people);
  }
}
