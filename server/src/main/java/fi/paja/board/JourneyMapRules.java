package fi.paja.board;

import static fi.paja.board.Handlers.Access.EDITING;

import fi.paja.journey.Journey;
import fi.paja.journey.JourneyRules;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Journey maps on a board: facilitators shape them (maps, stages, lanes), everyone fills them in (cell text,
 * emotion, notes placed in cells). The rules that need no board are {@link JourneyRules}; here are who may, and
 * what a change does to the notes in the cells.
 */
final class JourneyMapRules implements Area {

  private static final Handlers.Access SHAPING = Handlers.Access
      .facilitators("Only facilitators can change the structure of a journey map.");

  private final Board board;

  JourneyMapRules(Board board) {
    this.board = board;
  }

  @Override
  public void register(Handlers.Registry handlers, Effects.Registry effects) {
    handlers.on(Command.CreateJourney.class, SHAPING, (create, actor, now) -> {
      Journey journey = JourneyRules.create(board.journeys.size(), create.title(), create.kind(), create.stages(),
          create.lanes().stream().map(l -> new JourneyRules.NewLane(l.title(), l.kind())).toList(), board.newId);
      return board.emit(actor.id(), now, new Event.JourneyChanged(journey),
          new JsonObject().put("journeyId", journey.id()));
    });
    handlers.on(Command.UpdateJourney.class, SHAPING, (update, actor, now) -> {
      Journey j = JourneyRules.existing(board.journeys, update.id());
      return board.emit(actor.id(), now, new Event.JourneyChanged(j.with(update.title().orElse(j.title()),
          update.kind().orElse(j.kind()))), new JsonObject());
    });
    handlers.on(Command.RemoveJourney.class, SHAPING, (remove, actor, now) -> {
      JourneyRules.existing(board.journeys, remove.id());
      Board.Outcome outcome = new Board.Outcome(new ArrayList<>(), new JsonObject());
      toCanvas(c -> c.journeyId().equals(remove.id()), actor.id(), now, outcome);
      outcome.events().addAll(board.emit(actor.id(), now, new Event.JourneyRemoved(remove.id()), null).events());
      return outcome;
    });
    handlers.on(Command.JourneyStructure.class, SHAPING, this::structure);
    handlers.on(Command.CellText.class, EDITING, (cell, actor, now) -> {
      Journey j = cell(cell.journeyId(), cell.stageId(), cell.laneId(), Set.of("text", "channel"));
      return board.emit(actor.id(), now,
          new Event.JourneyChanged(j.withText(cell.stageId(), cell.laneId(), cell.text())), new JsonObject());
    });
    handlers.on(Command.CellEmotion.class, EDITING, (cell, actor, now) -> {
      Journey j = cell(cell.journeyId(), cell.stageId(), cell.laneId(), Set.of("emotion"));
      Journey.Emotion emotion = cell.score().map(sc -> new Journey.Emotion(sc, cell.why())).orElse(null);
      return board.emit(actor.id(), now,
          new Event.JourneyChanged(j.withEmotion(cell.stageId(), cell.laneId(), emotion)), new JsonObject());
    });
    handlers.on(Command.PlaceNote.class, EDITING, (place, actor, now) -> {
      Note note = board.referTo(place.noteId(), actor);
      Note.Cell cell = place.cell().orElse(null);
      if (cell != null) {
        cell(cell.journeyId(), cell.stageId(), cell.laneId(), Set.of("notes"));
      }
      return board.emit(actor.id(), now, new Event.NoteUpdated(note.placed(cell, now)), new JsonObject());
    });
    effects.on(Event.JourneyChanged.class, (c, event) -> board.journeys.put(c.journey().id(), c.journey()));
    effects.on(Event.JourneyRemoved.class, (c, event) -> board.journeys.remove(c.id()));
  }

  private Board.Outcome structure(Command.JourneyStructure change, Participant actor, Instant now) {
    Journey j = JourneyRules.existing(board.journeys, change.journeyId());
    JourneyRules.Changed changed = JourneyRules.change(j, new JourneyRules.Change(change.part(), change.action(),
        change.itemId(), change.title(), change.kind(), change.index()), board.newId);
    Board.Outcome outcome = new Board.Outcome(new ArrayList<>(), new JsonObject());
    if (changed.addedId() != null) {
      outcome.reply().put(change.part() + "Id", changed.addedId());
    }
    if (changed.removedId() != null) {
      // Notes in the removed column or row go back to the canvas rather than disappear.
      boolean stage = change.part().equals("stage");
      toCanvas(c -> c.journeyId().equals(j.id()) && (stage ? c.stageId() : c.laneId()).equals(changed.removedId()),
          actor.id(), now, outcome);
    }
    outcome.events().addAll(board.emit(actor.id(), now, new Event.JourneyChanged(changed.journey()), null)
        .events());
    return outcome;
  }

  /** Every note in a cell that {@code gone} matches goes back to the canvas, one event each. */
  private void toCanvas(Predicate<Note.Cell> gone, String by, Instant now, Board.Outcome outcome) {
    for (Note n : List.copyOf(board.notes.values())) {
      if (n.cell() != null && gone.test(n.cell())) {
        outcome.events().addAll(board.emit(by, now, new Event.NoteUpdated(n.placed(null, now)), null).events());
      }
    }
  }

  private Journey cell(String journeyId, String stageId, String laneId, Set<String> laneKinds) {
    return JourneyRules.cell(JourneyRules.existing(board.journeys, journeyId), stageId, laneId, laneKinds);
  }
}
