package fi.paja.board;

import static fi.paja.board.Handlers.Access.EDITING;

import fi.paja.config.Limits;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.journey.JourneyRules;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Notes and groups of notes (clusters): write, edit, move, delete and restore a note; make, rename, fill, empty,
 * dissolve and move a group. Every one changes what is on the board, so none is taken while the board is locked
 * (except from facilitators). Notes count against their author's {@link fi.paja.config.Quotas}.
 */
final class NoteRules implements Area {

  private final Board board;

  NoteRules(Board board) {
    this.board = board;
  }

  @Override
  public void register(Handlers.Registry handlers, Effects.Registry effects) {
    handlers.on(Command.AddNote.class, EDITING, this::add);
    handlers.on(Command.UpdateNote.class, EDITING, this::update);
    handlers.on(Command.MoveNote.class, EDITING, (move, actor, now) -> {
      board.referTo(move.id(), actor);
      return board.emit(actor.id(), now, new Event.NoteMoved(move.id(), move.x(), move.y()), new JsonObject());
    });
    handlers.on(Command.DeleteNote.class, EDITING, (delete, actor, now) -> {
      Note note = board.referTo(delete.id(), actor);
      Board.Outcome outcome = board.emit(actor.id(), now, new Event.NoteDeleted(delete.id()), new JsonObject());
      board.removeEmptyCluster(note.clusterId(), actor.id(), now, outcome);
      return outcome;
    });
    handlers.on(Command.RestoreNote.class, EDITING, this::restore);
    handlers.on(Command.CreateCluster.class, EDITING, this::createCluster);
    handlers.on(Command.RenameCluster.class, EDITING, (rename, actor, now) -> {
      board.existingCluster(rename.id());
      return board.emit(actor.id(), now, new Event.ClusterChanged(new Cluster(rename.id(), rename.title())),
          new JsonObject());
    });
    handlers.on(Command.AddToCluster.class, EDITING, (addTo, actor, now) -> {
      board.existingCluster(addTo.id());
      Note note = board.referTo(addTo.noteId(), actor);
      String previous = note.clusterId();
      Board.Outcome outcome = board.emit(actor.id(), now, new Event.NoteUpdated(note.inCluster(addTo.id(), now)),
          new JsonObject());
      if (previous != null && !previous.equals(addTo.id())) {
        board.removeEmptyCluster(previous, actor.id(), now, outcome);
      }
      return outcome;
    });
    handlers.on(Command.Ungroup.class, EDITING, (ungroup, actor, now) -> {
      Note note = board.referTo(ungroup.noteId(), actor);
      Board.Outcome outcome = board.emit(actor.id(), now, new Event.NoteUpdated(note.inCluster(null, now)),
          new JsonObject());
      board.removeEmptyCluster(note.clusterId(), actor.id(), now, outcome);
      return outcome;
    });
    handlers.on(Command.DissolveCluster.class, EDITING, (dissolve, actor, now) -> {
      board.existingCluster(dissolve.id());
      Board.Outcome outcome = new Board.Outcome(new ArrayList<>(), new JsonObject());
      for (Note n : board.members(dissolve.id())) {
        outcome.events().addAll(board.emit(actor.id(), now, new Event.NoteUpdated(n.inCluster(null, now)), null)
            .events());
      }
      outcome.events().addAll(board.emit(actor.id(), now, new Event.ClusterRemoved(dissolve.id()), null).events());
      return outcome;
    });
    handlers.on(Command.MoveCluster.class, EDITING, (move, actor, now) -> {
      board.existingCluster(move.id());
      List<Event.Position> positions = board.members(move.id()).stream().map(n -> new Event.Position(n.id(),
          Board.clamp(n.x() + move.dx()), Board.clamp(n.y() + move.dy()))).toList();
      if (positions.isEmpty()) {
        return new Board.Outcome(List.of(), new JsonObject());
      }
      // One event for the whole group, however large: its members' resulting positions.
      return board.emit(actor.id(), now, new Event.ClusterMoved(move.id(), positions), new JsonObject());
    });
    registerEffects(effects);
  }

  private void registerEffects(Effects.Registry effects) {
    effects.on(Event.NoteAdded.class, (added, event) -> {
      board.changedNotes.add(added.note().id());
      board.putNote(added.note());
    });
    effects.on(Event.NoteUpdated.class, (updated, event) -> {
      board.changedNotes.add(updated.note().id());
      board.putNote(updated.note());
    });
    effects.on(Event.NoteMoved.class, (moved, event) -> {
      board.changedNotes.add(moved.id());
      board.notes.computeIfPresent(moved.id(), (id, n) -> n.movedTo(moved.x(), moved.y(), event.at()));
    });
    effects.on(Event.ClusterMoved.class, (moved, event) -> {
      // Every note of the group moved: each must be written by the next checkpoint, or a restart loses the move.
      for (Event.Position p : moved.positions()) {
        board.changedNotes.add(p.id());
        board.notes.computeIfPresent(p.id(), (id, n) -> n.movedTo(p.x(), p.y(), event.at()));
      }
    });
    effects.on(Event.NoteDeleted.class, (deleted, event) -> {
      board.changedNotes.add(deleted.id());
      Note old = board.notes.get(deleted.id());
      board.removeNote(deleted.id());
      if (old != null) {
        Cluster group = old.clusterId() == null ? null : board.clusters.get(old.clusterId());
        board.tombstones.remove(old.id());
        board.tombstones.put(old.id(),
            new Tombstone(old, event.at(), event.by(), group == null ? null : group.title()));
      }
    });
    effects.on(Event.NoteRestored.class, (restored, event) -> {
      board.changedNotes.add(restored.note().id());
      board.tombstones.remove(restored.note().id());
      board.putNote(restored.note());
    });
    effects.on(Event.ClusterChanged.class, (c, event) -> board.clusters.put(c.cluster().id(), c.cluster()));
    effects.on(Event.ClusterRemoved.class, (c, event) -> {
      Cluster gone = board.clusters.remove(c.id());
      if (gone != null) {
        // Deleted notes of the group remember its last title, so that restoring one brings the group back.
        board.tombstones.replaceAll((id, t) -> c.id().equals(t.note().clusterId()) ? t.withGroupTitle(gone.title())
            : t);
      }
    });
  }

  private Board.Outcome add(Command.AddNote add, Participant actor, Instant now) {
    String actorId = actor.id();
    if (add.id().isPresent()) {
      Note existing = board.notes.get(add.id().get());
      if (existing != null) {
        if (actorId.equals(existing.authorId())) {
          // A client resending a command whose reply it lost: already done.
          return new Board.Outcome(List.of(), new JsonObject().put("noteId", existing.id()));
        }
        throw new PajaException(ErrorCode.NOTE_ID_TAKEN);
      }
      if (board.clusters.containsKey(add.id().get()) || board.tombstones.containsKey(add.id().get())) {
        throw new PajaException(ErrorCode.NOTE_ID_TAKEN);
      }
    }
    if (board.notes.size() >= Limits.MAX_NOTES_PER_BOARD) {
      throw new PajaException(ErrorCode.BOARD_FULL);
    }
    Board.Usage mine = board.usage(actorId);
    if (mine.notes() >= board.quotas.notesPerParticipant()) {
      throw new PajaException(ErrorCode.NOTE_QUOTA_EXCEEDED, "You have " + mine.notes()
          + " notes on the board, the most one person may have. Delete one to write another.");
    }
    if (mine.characters() + Board.length(add.text()) > board.quotas.textPerParticipant()) {
      throw new PajaException(ErrorCode.TEXT_QUOTA_EXCEEDED, "Your notes hold " + mine.characters()
          + " characters; one person may have at most " + board.quotas.textPerParticipant() + " on the board.");
    }
    String id = add.id().orElseGet(board.newId);
    Settings settings = board.settings;
    String anonymity = !settings.anonymous() ? null
        : settings.anonymousToFacilitators() ? Note.FROM_EVERYONE : Note.FROM_PARTICIPANTS;
    double x = add.x();
    double y = add.y();
    if (add.autoPlace()) {
      // Among the notes the author sees only: avoiding one she cannot see would tell her it is there.
      FreeSpots spots = new FreeSpots();
      board.notes.values().stream().filter(n -> n.cell() == null && board.canSee(n, actor))
          .forEach(n -> spots.add(n.x(), n.y()));
      double[] free = spots.nearestFree(0, 0);
      x = free[0];
      y = free[1];
    }
    Note note = new Note(id, add.text(), x, y, add.color(), actorId, now, now, settings.privateMode(), null,
        null, anonymity);
    JsonObject reply = new JsonObject().put("noteId", id);
    if (add.autoPlace()) {
      reply.put("x", x).put("y", y);
    }
    return board.emit(actorId, now, new Event.NoteAdded(note), reply);
  }

  private Board.Outcome update(Command.UpdateNote update, Participant actor, Instant now) {
    Note changed = board.referTo(update.id(), actor);
    if (update.text().isPresent()) {
      // Charged to the note's author, whoever edits it: all text on the board stays within the authors' quotas.
      long growth = Board.length(update.text().get()) - Board.length(changed.text());
      int quota = board.quotas.textPerParticipant();
      if (growth > 0 && board.usage(changed.authorId()).characters() + growth > quota) {
        throw new PajaException(ErrorCode.TEXT_QUOTA_EXCEEDED, "The author of this note has "
            + quota + " characters of text on the board already, the most one person may have.");
      }
      changed = changed.withText(update.text().get(), now);
    }
    if (update.color().isPresent()) {
      changed = changed.withColor(update.color().get(), now);
    }
    return board.emit(actor.id(), now, new Event.NoteUpdated(changed), new JsonObject());
  }

  /**
   * Brings a deleted note back from its tombstone: who deleted it or a facilitator, while they could delete it now.
   * Back in its group; a group that is gone meanwhile is made again with its id and last title. Its dots were never
   * taken out of the votes, so they count for it again.
   */
  private Board.Outcome restore(Command.RestoreNote restore, Participant actor, Instant now) {
    Tombstone t = board.tombstones.get(restore.id());
    if (t == null || !board.canSee(t.note(), actor)) {
      throw new PajaException(ErrorCode.NOTE_NOT_FOUND, "No deleted note with this id can be restored: it was not"
          + " deleted, is back already, or was deleted too long ago.");
    }
    if (!actor.isFacilitator() && !actor.id().equals(t.deletedBy())) {
      throw new PajaException(ErrorCode.FORBIDDEN, "Only who deleted a note, or a facilitator, can restore it.");
    }
    if (board.notes.containsKey(restore.id()) || board.clusters.containsKey(restore.id())) {
      throw new PajaException(ErrorCode.NOTE_ID_TAKEN);
    }
    if (board.notes.size() >= Limits.MAX_NOTES_PER_BOARD) {
      throw new PajaException(ErrorCode.BOARD_FULL);
    }
    Note note = t.note();
    Board.Usage theirs = board.usage(note.authorId());
    if (theirs.notes() >= board.quotas.notesPerParticipant()) {
      throw new PajaException(ErrorCode.NOTE_QUOTA_EXCEEDED, "The note's author has " + theirs.notes()
          + " notes on the board, the most one person may have.");
    }
    if (theirs.characters() + Board.length(note.text()) > board.quotas.textPerParticipant()) {
      throw new PajaException(ErrorCode.TEXT_QUOTA_EXCEEDED, "The note's author has "
          + theirs.characters() + " characters of text on the board; one person may have at most "
          + board.quotas.textPerParticipant() + ".");
    }
    Note.Cell cell = note.cell();
    if (cell != null && !JourneyRules.hasCell(board.journeys.get(cell.journeyId()), cell.stageId(), cell.laneId())) {
      note = note.placed(null, note.updatedAt());
    }
    Board.Outcome outcome = new Board.Outcome(new ArrayList<>(), new JsonObject().put("noteId", note.id()));
    String group = note.clusterId();
    if (group != null && !board.clusters.containsKey(group)) {
      if (board.notes.containsKey(group) || board.tombstones.containsKey(group)) {
        note = note.inCluster(null, note.updatedAt());
      } else {
        String title = t.groupTitle() == null ? "" : t.groupTitle();
        outcome.events().addAll(board.emit(actor.id(), now, new Event.ClusterChanged(new Cluster(group, title)),
            null).events());
      }
    }
    outcome.events().addAll(board.emit(actor.id(), now, new Event.NoteRestored(note), null).events());
    return outcome;
  }

  private Board.Outcome createCluster(Command.CreateCluster create, Participant actor, Instant now) {
    String id = create.id().orElseGet(board.newId);
    if (board.clusters.containsKey(id) || board.notes.containsKey(id) || board.tombstones.containsKey(id)) {
      throw new PajaException(ErrorCode.NOTE_ID_TAKEN, "That cluster id is already in use.");
    }
    List<Note> members = create.noteIds().stream().map(n -> board.referTo(n, actor)).toList();
    Board.Outcome outcome = board.emit(actor.id(), now, new Event.ClusterChanged(new Cluster(id, create.title())),
        new JsonObject().put("clusterId", id));
    List<String> emptied = new ArrayList<>();
    for (Note n : members) {
      outcome.events().addAll(board.emit(actor.id(), now, new Event.NoteUpdated(n.inCluster(id, now)), null)
          .events());
      if (n.clusterId() != null && !emptied.contains(n.clusterId())) {
        emptied.add(n.clusterId());
      }
    }
    emptied.forEach(c -> board.removeEmptyCluster(c, actor.id(), now, outcome));
    return outcome;
  }
}
