package fi.paja.board;

import static fi.paja.board.CommandType.internal;
import static fi.paja.board.CommandType.of;
import static fi.paja.board.Fields.coordinate;
import static fi.paja.board.Fields.id;
import static fi.paja.board.Fields.instructions;
import static fi.paja.board.Fields.title;
import static fi.paja.board.Fields.wholeNumber;

import fi.paja.config.Limits;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.validation.Json;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** People, settings, phases, the timer, the shared view and presence flags: their wire names and decoding. */
final class FacilitationCommands {

  private static final List<CommandType<?>> PEOPLE = List.of(
      internal("participant.join", Command.JoinParticipant.class),
      of("participant.role", Command.SetRole.class, json -> {
        Json.onlyFields(json, Set.of("op", "participantId", "role"));
        String role = Json.requiredString(json, "role");
        if (!Participant.ASSIGNABLE.contains(role)) {
          throw new PajaException(ErrorCode.INVALID_ROLE, "Role must be one of " + Participant.ASSIGNABLE + ".");
        }
        return new Command.SetRole(id(Json.requiredString(json, "participantId")), role);
      }),
      of("participant.remove", Command.RemoveParticipant.class, json -> {
        Json.onlyFields(json, Set.of("op", "participantId", "bar"));
        boolean bar = json.containsKey("bar") && Json.requiredBoolean(json, "bar");
        return new Command.RemoveParticipant(id(Json.requiredString(json, "participantId")), bar);
      }),
      of("participant.erase", Command.EraseParticipants.class, e -> !e.all() && !e.deleteNotes(), json -> {
        Json.onlyFields(json, Set.of("op", "participantId"));
        return new Command.EraseParticipants(List.of(id(Json.requiredString(json, "participantId"))), false, false);
      }),
      of("participant.leave", Command.EraseParticipants.class, e -> !e.all() && e.deleteNotes(), json -> {
        Json.onlyFields(json, Set.of("op"));
        return new Command.EraseParticipants(List.of(), true, false);
      }),
      // Retention's erasure of everyone.
      internal("workshop.anonymise", Command.EraseParticipants.class, Command.EraseParticipants::all),
      of("settings.update", Command.UpdateSettings.class, FacilitationCommands::settings),
      of("notes.reveal", Command.RevealNotes.class, json -> {
        Json.onlyFields(json, Set.of("op"));
        return new Command.RevealNotes();
      }),
      of("presence.ready", Command.SetReady.class, json -> {
        Json.onlyFields(json, Set.of("op", "ready"));
        return new Command.SetReady(Json.requiredBoolean(json, "ready"));
      }),
      of("presence.hand", Command.SetHand.class, json -> {
        Json.onlyFields(json, Set.of("op", "raised", "participantId"));
        return new Command.SetHand(Json.requiredBoolean(json, "raised"),
            Json.optionalString(json, "participantId").map(Fields::id));
      }));

  private static final List<CommandType<?>> PHASES = List.of(
      of("phase.add", Command.AddPhase.class, json -> {
        Json.onlyFields(json, Set.of("op", "title", "instructions"));
        return new Command.AddPhase(title(json, "title"), instructions(json, "instructions").orElse(""));
      }),
      of("phase.update", Command.UpdatePhase.class, json -> {
        Json.onlyFields(json, Set.of("op", "id", "title", "instructions"));
        Optional<String> title = Json.optionalString(json, "title").map(Fields::title);
        Optional<String> instructions = instructions(json, "instructions");
        if (title.isEmpty() && instructions.isEmpty()) {
          throw new PajaException(ErrorCode.NOTHING_TO_UPDATE, "Give a title or instructions.");
        }
        return new Command.UpdatePhase(id(Json.requiredString(json, "id")), title, instructions);
      }),
      of("phase.move", Command.MovePhase.class, json -> {
        Json.onlyFields(json, Set.of("op", "id", "index"));
        return new Command.MovePhase(id(Json.requiredString(json, "id")),
            (int) wholeNumber(json, "index", 0, Limits.MAX_PHASE_INDEX));
      }),
      of("phase.remove", Command.RemovePhase.class, json -> new Command.RemovePhase(phaseId(json))),
      of("phase.activate", Command.ActivatePhase.class, json -> new Command.ActivatePhase(phaseId(json))));

  private static final List<CommandType<?>> TIMER = List.of(
      timer("start", json -> {
        Json.onlyFields(json, Set.of("op", "seconds"));
        return wholeNumber(json, "seconds", 1, Limits.MAX_TIMER_SECONDS);
      }),
      timer("add", json -> {
        Json.onlyFields(json, Set.of("op", "seconds"));
        long seconds = wholeNumber(json, "seconds", -Limits.MAX_TIMER_SECONDS, Limits.MAX_TIMER_SECONDS);
        if (seconds == 0) {
          throw new PajaException(ErrorCode.OUT_OF_BOUNDS, "Field 'seconds' must not be 0.");
        }
        return seconds;
      }),
      timer("pause", FacilitationCommands::noSeconds),
      timer("resume", FacilitationCommands::noSeconds),
      timer("stop", FacilitationCommands::noSeconds));

  private static final List<CommandType<?>> VIEW = List.of(
      of("view.follow", Command.Follow.class, json -> {
        Json.onlyFields(json, Set.of("op", "x", "y", "zoom"));
        double zoom = Json.requiredNumber(json, "zoom");
        if (!Double.isFinite(zoom) || zoom < Limits.MIN_ZOOM || zoom > Limits.MAX_ZOOM) {
          throw new PajaException(ErrorCode.OUT_OF_BOUNDS,
              "Field 'zoom' must be between " + Limits.MIN_ZOOM + " and " + Limits.MAX_ZOOM + ".");
        }
        return new Command.Follow(coordinate(json, "x"), coordinate(json, "y"), zoom);
      }),
      of("view.release", Command.Release.class, json -> {
        Json.onlyFields(json, Set.of("op"));
        return new Command.Release();
      }),
      of("view.focus", Command.Focus.class, json -> {
        Json.onlyFields(json, Set.of("op", "noteId", "clusterId"));
        Optional<String> noteId = Json.optionalString(json, "noteId").map(Fields::id);
        Optional<String> clusterId = Json.optionalString(json, "clusterId").map(Fields::id);
        if (noteId.isPresent() && clusterId.isPresent()) {
          throw new PajaException(ErrorCode.UNKNOWN_FIELD, "Give noteId or clusterId, not both.");
        }
        return new Command.Focus(noteId, clusterId);
      }));

  static final List<CommandType<?>> TYPES = Stream.of(PEOPLE, PHASES, TIMER, VIEW).flatMap(List::stream).toList();

  private FacilitationCommands() {
  }

  /** The seconds a timer action takes (0 for those that take none). */
  private interface Seconds {
    long read(JsonObject json);
  }

  /** {@code timer.<action>}: the action is the wire name's last part, so it is written once. */
  private static CommandType<Command.TimerCommand> timer(String action, Seconds seconds) {
    return of("timer." + action, Command.TimerCommand.class, t -> t.action().equals(action),
        json -> new Command.TimerCommand(action, seconds.read(json)));
  }

  private static long noSeconds(JsonObject json) {
    Json.onlyFields(json, Set.of("op"));
    return 0;
  }

  private static String phaseId(JsonObject json) {
    Json.onlyFields(json, Set.of("op", "id"));
    return id(Json.requiredString(json, "id"));
  }

  private static Command.UpdateSettings settings(JsonObject json) {
    Set<String> allowed = new HashSet<>(Fields.SETTINGS);
    allowed.add("op");
    Json.onlyFields(json, allowed);
    JsonObject patch = new JsonObject();
    for (String flag : Fields.SETTINGS) {
      if (json.containsKey(flag)) {
        patch.put(flag, Json.requiredBoolean(json, flag));
      }
    }
    if (patch.isEmpty()) {
      throw new PajaException(ErrorCode.NOTHING_TO_UPDATE, "Give at least one setting.");
    }
    return new Command.UpdateSettings(patch);
  }
}
