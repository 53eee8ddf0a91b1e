package fi.paja.board;

import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Erasure (docs/SECURITY.md, "Erasure"): retention erases everyone but the owner ({@code all}, no actor); a
 * facilitator erases one participant (not the owner); a participant erases themself with their notes. Erasing
 * someone erased already is answered as done (a retry), with the event again, so that the log is dropped again.
 */
final class Erasure implements Area {

  private final Board board;

  Erasure(Board board) {
    this.board = board;
  }

  @Override
  public void register(Handlers.Registry handlers, Effects.Registry effects) {
    // Checks its sender itself: retention has none, and who may erase whom differs by case.
    handlers.unchecked(Command.EraseParticipants.class, this::erase);
    effects.on(Event.ParticipantsErased.class, (erased, event) -> apply(erased, event.seq()));
  }

  private Board.Outcome erase(Command.EraseParticipants erase, String actorId, Instant now) {
    List<String> ids;
    if (erase.all()) {
      if (actorId != null) {
        throw new PajaException(ErrorCode.FORBIDDEN, "Only retention anonymises a whole workshop.");
      }
      ids = board.participants.values().stream().filter(p -> !Participant.FACILITATOR.equals(p.role()))
          .map(Participant::id).toList();
    } else {
      Participant actor = actorId == null ? null : board.participants.get(actorId);
      if (actor == null || actor.removed()) {
        throw new PajaException(ErrorCode.FORBIDDEN, "Not a member of this workshop.");
      }
      if (erase.deleteNotes()) {
        if (Participant.FACILITATOR.equals(actor.role())) {
          throw new PajaException(ErrorCode.FORBIDDEN, "The workshop's owner cannot leave it.");
        }
        ids = List.of(actor.id());
      } else {
        if (!actor.isFacilitator()) {
          throw new PajaException(ErrorCode.FORBIDDEN, "Only facilitators can erase a participant.");
        }
        String target = erase.participantIds().get(0);
        Participant p = board.participants.get(target);
        if (p != null && Participant.FACILITATOR.equals(p.role())) {
          throw new PajaException(ErrorCode.FORBIDDEN, "The workshop's owner cannot be erased.");
        }
        ids = List.of(target);
      }
    }
    Set<String> emptied = new java.util.LinkedHashSet<>();
    if (erase.deleteNotes()) {
      board.notes.values().stream().filter(n -> ids.contains(n.authorId()) && n.clusterId() != null)
          .forEach(n -> emptied.add(n.clusterId()));
    }
    Board.Outcome outcome = board.emit(null, now, new Event.ParticipantsErased(ids, erase.deleteNotes(), erase.all()),
        new JsonObject().put("erased", new JsonArray(new ArrayList<>(ids))));
    for (String clusterId : emptied) {
      board.removeEmptyCluster(clusterId, null, now, outcome);
    }
    return outcome;
  }

  /** What {@link Event.ParticipantsErased} does to the board; every change is marked for the next checkpoint. */
  private void apply(Event.ParticipantsErased erased, long seq) {
    Set<String> ids = new java.util.HashSet<>(erased.participantIds());
    for (String id : ids) {
      board.participants.remove(id);
      board.names.remove(id);
      board.changedParticipants.add(id);
    }
    java.util.function.Predicate<String> theirs = id -> id != null && (erased.allAuthors() || ids.contains(id));
    for (Note n : List.copyOf(board.notes.values())) {
      if (theirs.test(n.authorId())) {
        board.changedNotes.add(n.id());
        if (erased.notesDeleted()) {
          board.removeNote(n.id());
        } else {
          board.putNote(n.withoutAuthor());
        }
      }
    }
    var it = board.tombstones.entrySet().iterator();
    while (it.hasNext()) {
      var entry = it.next();
      Tombstone t = entry.getValue();
      if (theirs.test(t.note().authorId())) {
        // A deleted note of theirs is not kept for undo: its text goes for good.
        it.remove();
        board.changedNotes.add(entry.getKey());
      } else if (theirs.test(t.deletedBy())) {
        entry.setValue(t.withoutDeleter());
        board.changedNotes.add(entry.getKey());
      }
    }
    int[] n = {0};
    for (Vote vote : board.votes.values()) {
      vote.anonymise(theirs, voter -> "erased-" + seq + "-" + (n[0]++));
    }
    JsonObject follow = board.view.getJsonObject("follow");
    if (follow != null && theirs.test(follow.getString("by"))) {
      board.view = board.view.copy().put("follow", follow.copy().putNull("by"));
    }
  }
}
