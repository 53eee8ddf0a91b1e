package fi.paja.board;

import fi.paja.outcome.OutcomeItem;
import fi.paja.outcome.OutcomeRules;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * Decisions and action items on a board: facilitators write them down, everyone can see what became of them. The
 * rules that need no board are {@link OutcomeRules}; here are who may, and the note or group an item comes from.
 */
final class OutcomeItemRules implements Area {

  private static final Handlers.Access RECORDING = Handlers.Access
      .facilitators("Only facilitators can record decisions and action items.");

  private final Board board;

  OutcomeItemRules(Board board) {
    this.board = board;
  }

  @Override
  public void register(Handlers.Registry handlers, Effects.Registry effects) {
    handlers.on(Command.CreateOutcome.class, RECORDING, this::create);
    handlers.on(Command.UpdateOutcome.class, RECORDING, (update, actor, now) -> {
      OutcomeItem item = OutcomeRules.existing(board.outcomes, update.id());
      return board.emit(actor.id(), now, new Event.OutcomeChanged(item.with(update.patch(), now)), new JsonObject());
    });
    handlers.on(Command.LinkOutcome.class, RECORDING, (link, actor, now) -> {
      OutcomeItem item = OutcomeRules.existing(board.outcomes, link.id());
      return OutcomeRules.link(item, link.github(), link.status(), now)
          .map(linked -> board.emit(actor.id(), now, new Event.OutcomeChanged(linked), new JsonObject()))
          .orElseGet(() -> new Board.Outcome(List.of(), new JsonObject().put("github", item.github().copy())));
    });
    handlers.on(Command.DeleteOutcome.class, RECORDING, (delete, actor, now) -> {
      OutcomeRules.existing(board.outcomes, delete.id());
      return board.emit(actor.id(), now, new Event.OutcomeRemoved(delete.id()), new JsonObject());
    });
    effects.on(Event.OutcomeChanged.class, (c, event) -> board.outcomes.put(c.outcome().id(), c.outcome()));
    effects.on(Event.OutcomeRemoved.class, (c, event) -> board.outcomes.remove(c.id()));
  }

  private Board.Outcome create(Command.CreateOutcome create, Participant actor, Instant now) {
    OutcomeRules.roomForAnother(board.outcomes.size());
    JsonObject source = null;
    String title = create.title().orElse(null);
    String target = null;
    if (create.noteId().isPresent()) {
      // An outcome, its title taken from the note, is shown to everyone and on the public page.
      Note note = board.referTo(create.noteId().get(), actor, Board.Reach.EVERYONE);
      source = new JsonObject().put("noteId", note.id());
      target = note.id();
      if (title == null) {
        title = OutcomeRules.titleOfNote(note.text());
      }
    } else if (create.clusterId().isPresent()) {
      board.existingCluster(create.clusterId().get());
      source = new JsonObject().put("clusterId", create.clusterId().get());
      target = create.clusterId().get();
      if (title == null) {
        title = OutcomeRules.titleOfGroup(board.clusters.get(target).title());
      }
    }
    String replyBy = OutcomeRules.replyBy(create.replyBy(), create.fromFeedback(),
        now.atZone(Board.FINLAND).toLocalDate());
    String id = board.newId.get();
    List<JsonArray> closedResults = board.votes.values().stream().filter(v -> !v.isOpen() && v.results() != null)
        .map(Vote::results).toList();
    OutcomeItem item = new OutcomeItem(id, create.kind(), title, create.description(), create.owner(),
        create.due(), "open", null, source, OutcomeRules.votesFor(target, closedResults), replyBy, null, now, now);
    return board.emit(actor.id(), now, new Event.OutcomeChanged(item), new JsonObject().put("outcomeId", id));
  }
}
