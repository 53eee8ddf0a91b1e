package fi.paja.board;

import static fi.paja.board.Handlers.Access.FACILITATORS;

import fi.paja.config.Limits;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * How a workshop is run: who joins and in which role, settings, phases, the timer, the shared view (follow me,
 * focus), and revealing and arranging notes ({@link NoteLayout}). All but joining are for facilitators only.
 */
final class Facilitation implements Area {

  private final Board board;
  private final NoteLayout layout;

  Facilitation(Board board) {
    this.board = board;
    this.layout = new NoteLayout(board);
  }

  @Override
  public void register(Handlers.Registry handlers, Effects.Registry effects) {
    handlers.unchecked(Command.JoinParticipant.class, (join, actorId, now) -> {
      long members = board.participants.values().stream().filter(p -> !p.removed()).count();
      if (members >= board.quotas.participants()) {
        throw new PajaException(ErrorCode.WORKSHOP_FULL,
            "The workshop has " + members + " participants, the most it holds.");
      }
      // Here, in the board's single writer: of two look-alike names joining at once, the second is refused.
      board.names.check(join.participant().id(), join.participant().name());
      return board.emit(join.participant().id(), now, new Event.ParticipantJoined(join.participant()),
          new JsonObject().put("participantId", join.participant().id()));
    });
    handlers.on(Command.SetRole.class, FACILITATORS, (setRole, actor, now) -> {
      Participant target = existingParticipant(setRole.participantId());
      if (Participant.FACILITATOR.equals(target.role())) {
        throw new PajaException(ErrorCode.FORBIDDEN, "The workshop's owner keeps the facilitator role.");
      }
      return board.emit(actor.id(), now, new Event.ParticipantRoleChanged(target.id(), setRole.role()),
          new JsonObject());
    });
    handlers.on(Command.RemoveParticipant.class, FACILITATORS, (remove, actor, now) -> {
      Participant target = existingParticipant(remove.participantId());
      if (Participant.FACILITATOR.equals(target.role())) {
        throw new PajaException(ErrorCode.FORBIDDEN, "The workshop's owner cannot be removed.");
      }
      return board.emit(actor.id(), now, new Event.ParticipantRemoved(target.id()), new JsonObject());
    });
    handlers.on(Command.UpdateSettings.class, FACILITATORS,
        (update, actor, now) -> board.emit(actor.id(), now,
            new Event.SettingsChanged(board.settings.with(update.patch())),
            new JsonObject()));
    handlers.on(Command.RevealNotes.class, FACILITATORS, (reveal, actor, now) -> layout.reveal(actor.id(), now));
    handlers.on(Command.ArrangeNotes.class, FACILITATORS, layout::arrange);
    registerPhases(handlers);
    handlers.on(Command.TimerCommand.class, FACILITATORS, (t, actor, now) -> board.emit(actor.id(), now,
        new Event.TimerChanged(nextTimer(t, now.toEpochMilli()), now.toEpochMilli()), new JsonObject()));
    registerView(handlers);
    // Presence flags are the owner's (BoardActor), never the board's: as before, refused like any command a
    // facilitator gives that the board does not know.
    handlers.on(Command.SetReady.class, FACILITATORS, (c, actor, now) -> notABoardCommand(c));
    handlers.on(Command.SetHand.class, FACILITATORS, (c, actor, now) -> notABoardCommand(c));
    registerEffects(effects);
  }

  private static Board.Outcome notABoardCommand(Command command) {
    throw new PajaException(ErrorCode.UNKNOWN_OP, "Not a board command: " + command.op());
  }

  private void registerPhases(Handlers.Registry handlers) {
    handlers.on(Command.AddPhase.class, FACILITATORS, (add, actor, now) -> {
      if (board.phases.size() >= Limits.MAX_PHASES) {
        throw new PajaException(ErrorCode.BOARD_FULL, "A workshop holds at most " + Limits.MAX_PHASES + " phases.");
      }
      List<Phase> next = new ArrayList<>(board.phases);
      Phase phase = new Phase(board.newId.get(), add.title(), add.instructions());
      next.add(phase);
      String current = board.currentPhaseId != null ? board.currentPhaseId : phase.id();
      return board.emit(actor.id(), now, new Event.PhasesChanged(next, current),
          new JsonObject().put("phaseId", phase.id()));
    });
    handlers.on(Command.UpdatePhase.class, FACILITATORS, (update, actor, now) -> {
      int i = phaseIndex(update.id());
      List<Phase> next = new ArrayList<>(board.phases);
      Phase old = next.get(i);
      next.set(i, new Phase(old.id(), update.title().orElse(old.title()),
          update.instructions().orElse(old.instructions())));
      return board.emit(actor.id(), now, new Event.PhasesChanged(next, board.currentPhaseId), new JsonObject());
    });
    handlers.on(Command.MovePhase.class, FACILITATORS, (move, actor, now) -> {
      int i = phaseIndex(move.id());
      List<Phase> next = new ArrayList<>(board.phases);
      Phase phase = next.remove(i);
      next.add(Math.min(move.index(), next.size()), phase);
      return board.emit(actor.id(), now, new Event.PhasesChanged(next, board.currentPhaseId), new JsonObject());
    });
    handlers.on(Command.RemovePhase.class, FACILITATORS, (remove, actor, now) -> {
      int i = phaseIndex(remove.id());
      List<Phase> next = new ArrayList<>(board.phases);
      next.remove(i);
      String current = remove.id().equals(board.currentPhaseId)
          ? (next.isEmpty() ? null : next.get(Math.min(i, next.size() - 1)).id()) : board.currentPhaseId;
      return board.emit(actor.id(), now, new Event.PhasesChanged(next, current), new JsonObject());
    });
    handlers.on(Command.ActivatePhase.class, FACILITATORS, (activate, actor, now) -> {
      phaseIndex(activate.id());
      return board.emit(actor.id(), now, new Event.PhasesChanged(new ArrayList<>(board.phases), activate.id()),
          new JsonObject());
    });
  }

  private void registerView(Handlers.Registry handlers) {
    handlers.on(Command.Follow.class, FACILITATORS, (follow, actor, now) -> {
      JsonObject next = board.view.copy().put("follow", new JsonObject().put("x", follow.x()).put("y", follow.y())
          .put("zoom", follow.zoom()).put("by", actor.id()));
      return board.emit(actor.id(), now, new Event.ViewChanged(next), new JsonObject());
    });
    handlers.on(Command.Release.class, FACILITATORS, (release, actor, now) -> board.emit(actor.id(), now,
        new Event.ViewChanged(board.view.copy().putNull("follow")), new JsonObject()));
    handlers.on(Command.Focus.class, FACILITATORS, (focus, actor, now) -> {
      JsonObject target = null;
      if (focus.noteId().isPresent()) {
        // Focus is shown to everyone.
        board.referTo(focus.noteId().get(), actor, Board.Reach.EVERYONE);
        target = new JsonObject().put("noteId", focus.noteId().get());
      } else if (focus.clusterId().isPresent()) {
        board.existingCluster(focus.clusterId().get());
        target = new JsonObject().put("clusterId", focus.clusterId().get());
      }
      return board.emit(actor.id(), now, new Event.ViewChanged(board.view.copy().put("focus", target)),
          new JsonObject());
    });
  }

  private void registerEffects(Effects.Registry effects) {
    effects.on(Event.ParticipantJoined.class, (joined, event) -> {
      Participant p = joined.participant();
      board.changedParticipants.add(p.id());
      board.participants.put(p.id(), p);
      board.names.add(p.id(), p.name());
    });
    effects.on(Event.ParticipantRoleChanged.class, (role, event) -> {
      board.changedParticipants.add(role.participantId());
      board.participants.computeIfPresent(role.participantId(), (id, p) -> p.withRole(role.role()));
    });
    effects.on(Event.ParticipantRemoved.class, (removed, event) -> {
      board.changedParticipants.add(removed.participantId());
      board.participants.computeIfPresent(removed.participantId(), (id, p) -> p.asRemoved());
    });
    effects.on(Event.SettingsChanged.class, (s, event) -> board.settings = s.settings());
    effects.on(Event.PhasesChanged.class, (p, event) -> {
      board.phases.clear();
      board.phases.addAll(p.phases());
      board.currentPhaseId = p.currentPhaseId();
    });
    effects.on(Event.TimerChanged.class, (t, event) -> board.timer = t.timer());
    effects.on(Event.ViewChanged.class, (v, event) -> board.view = v.view().copy());
    layout.registerEffects(effects);
  }

  private Participant existingParticipant(String id) {
    Participant p = board.participants.get(id);
    if (p == null || p.removed()) {
      throw new PajaException(ErrorCode.PARTICIPANT_NOT_FOUND);
    }
    return p;
  }

  private int phaseIndex(String id) {
    for (int i = 0; i < board.phases.size(); i++) {
      if (board.phases.get(i).id().equals(id)) {
        return i;
      }
    }
    throw new PajaException(ErrorCode.PHASE_NOT_FOUND);
  }

  private Timer nextTimer(Command.TimerCommand t, long now) {
    Timer timer = board.timer;
    long remaining = timer.remainingAt(now);
    return switch (t.action()) {
      case "start" -> Timer.running(now, t.seconds() * 1000);
      case "pause" -> {
        if (!"running".equals(timer.state())) {
          yield timer;
        }
        yield new Timer("paused", null, remaining, timer.durationMs());
      }
      case "resume" -> {
        if (!"paused".equals(timer.state())) {
          yield timer;
        }
        yield new Timer("running", now + remaining, remaining, timer.durationMs());
      }
      case "add" -> {
        long next = Math.max(0, remaining + t.seconds() * 1000);
        long duration = Math.max(0, timer.durationMs() + t.seconds() * 1000);
        yield switch (timer.state()) {
          case "running" -> new Timer("running", now + next, next, duration);
          case "paused" -> new Timer("paused", null, next, duration);
          default -> Timer.running(now, Math.max(1000, t.seconds() * 1000));
        };
      }
      default -> Timer.STOPPED;
    };
  }
}
