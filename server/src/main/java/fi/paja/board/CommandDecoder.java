package fi.paja.board;

import fi.paja.config.Limits;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.validation.Json;
import fi.paja.validation.PlainText;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one place where a client's command becomes a {@link Command}: every field checked for presence, type, form
 * and limits. Anything else is refused with a stable error code before it reaches a board. The checks of single
 * fields are public: an import ({@code WorkshopImport}) reads every field of a workshop export with the check of the
 * command that would set it, so nothing enters a board by import that a command would refuse.
 */
public final class CommandDecoder {

  public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

  private CommandDecoder() {
  }

  public static Command decode(Object body) {
    JsonObject json = Json.object(body);
    Object op = json.getValue("op");
    if (!(op instanceof String opName)) {
      throw new PajaException(ErrorCode.UNKNOWN_OP, "Field 'op' must name a command.");
    }
    return switch (opName) {
      case "note.add" -> {
        Json.onlyFields(json, Set.of("op", "id", "text", "x", "y", "color"));
        // Without x and y (both left out) the server puts the note on a free spot; one of them alone is refused.
        boolean autoPlace = json.getValue("x") == null && json.getValue("y") == null;
        yield new Command.AddNote(
            Json.optionalString(json, "id").map(CommandDecoder::id),
            text(json),
            autoPlace ? 0 : coordinate(json, "x"), autoPlace ? 0 : coordinate(json, "y"),
            Json.optionalString(json, "color").map(CommandDecoder::color).orElse(Limits.DEFAULT_COLOR), autoPlace);
      }
      case "note.restore" -> {
        Json.onlyFields(json, Set.of("op", "id"));
        yield new Command.RestoreNote(id(Json.requiredString(json, "id")));
      }
      case "notes.arrange" -> {
        Json.onlyFields(json, Set.of("op", "noteIds", "by"));
        String by = Json.requiredString(json, "by");
        if (!Command.ArrangeNotes.BY.contains(by)) {
          throw new PajaException(ErrorCode.WRONG_TYPE, "Field 'by' must be one of " + Command.ArrangeNotes.BY + ".");
        }
        Object ids = json.getValue("noteIds");
        Optional<java.util.List<String>> noteIds = Optional.empty();
        if (ids != null) {
          if (!(ids instanceof io.vertx.core.json.JsonArray array) || array.isEmpty()
              || array.size() > Limits.MAX_NOTES_PER_BOARD) {
            throw new PajaException(ErrorCode.WRONG_TYPE,
                "Field 'noteIds' must be a list of 1 to " + Limits.MAX_NOTES_PER_BOARD + " note ids.");
          }
          java.util.List<String> list = new java.util.ArrayList<>(array.size());
          for (Object o : array) {
            if (!(o instanceof String s)) {
              throw new PajaException(ErrorCode.WRONG_TYPE, "Field 'noteIds' must hold strings.");
            }
            list.add(id(s));
          }
          noteIds = Optional.of(list.stream().distinct().toList());
        }
        yield new Command.ArrangeNotes(noteIds, by);
      }
      case "note.update" -> {
        Json.onlyFields(json, Set.of("op", "id", "text", "color"));
        String id = id(Json.requiredString(json, "id"));
        Optional<String> text = json.getValue("text") != null ? Optional.of(text(json)) : Optional.empty();
        Optional<String> color = Json.optionalString(json, "color").map(CommandDecoder::color);
        if (text.isEmpty() && color.isEmpty()) {
          throw new PajaException(ErrorCode.NOTHING_TO_UPDATE);
        }
        yield new Command.UpdateNote(id, text, color);
      }
      case "note.move" -> {
        Json.onlyFields(json, Set.of("op", "id", "x", "y"));
        yield new Command.MoveNote(id(Json.requiredString(json, "id")), coordinate(json, "x"), coordinate(json, "y"));
      }
      case "note.delete" -> {
        Json.onlyFields(json, Set.of("op", "id"));
        yield new Command.DeleteNote(id(Json.requiredString(json, "id")));
      }
      default -> facilitation(opName, json);
    };
  }

  private static Command facilitation(String op, JsonObject json) {
    switch (op) {
      case "participant.role" -> {
        Json.onlyFields(json, Set.of("op", "participantId", "role"));
        String role = Json.requiredString(json, "role");
        if (!Participant.ASSIGNABLE.contains(role)) {
          throw new PajaException(ErrorCode.INVALID_ROLE, "Role must be one of " + Participant.ASSIGNABLE + ".");
        }
        return new Command.SetRole(id(Json.requiredString(json, "participantId")), role);
      }
      case "participant.remove" -> {
        Json.onlyFields(json, Set.of("op", "participantId", "bar"));
        boolean bar = json.containsKey("bar") && Json.requiredBoolean(json, "bar");
        return new Command.RemoveParticipant(id(Json.requiredString(json, "participantId")), bar);
      }
      case "participant.erase" -> {
        Json.onlyFields(json, Set.of("op", "participantId"));
        return new Command.EraseParticipants(java.util.List.of(id(Json.requiredString(json, "participantId"))), false,
            false);
      }
      case "participant.leave" -> {
        Json.onlyFields(json, Set.of("op"));
        return new Command.EraseParticipants(java.util.List.of(), true, false);
      }
      case "settings.update" -> {
        Set<String> allowed = new java.util.HashSet<>(SETTINGS);
        allowed.add("op");
        Json.onlyFields(json, allowed);
        JsonObject patch = new JsonObject();
        for (String flag : SETTINGS) {
          if (json.containsKey(flag)) {
            patch.put(flag, Json.requiredBoolean(json, flag));
          }
        }
        if (patch.isEmpty()) {
          throw new PajaException(ErrorCode.NOTHING_TO_UPDATE, "Give at least one setting.");
        }
        return new Command.UpdateSettings(patch);
      }
      case "notes.reveal" -> {
        Json.onlyFields(json, Set.of("op"));
        return new Command.RevealNotes();
      }
      case "phase.add" -> {
        Json.onlyFields(json, Set.of("op", "title", "instructions"));
        return new Command.AddPhase(title(json, "title"), instructions(json, "instructions").orElse(""));
      }
      case "phase.update" -> {
        Json.onlyFields(json, Set.of("op", "id", "title", "instructions"));
        Optional<String> title = Json.optionalString(json, "title").map(CommandDecoder::title);
        Optional<String> instructions = instructions(json, "instructions");
        if (title.isEmpty() && instructions.isEmpty()) {
          throw new PajaException(ErrorCode.NOTHING_TO_UPDATE, "Give a title or instructions.");
        }
        return new Command.UpdatePhase(id(Json.requiredString(json, "id")), title, instructions);
      }
      case "phase.move" -> {
        Json.onlyFields(json, Set.of("op", "id", "index"));
        return new Command.MovePhase(id(Json.requiredString(json, "id")),
            (int) wholeNumber(json, "index", 0, 1_000));
      }
      case "phase.remove", "phase.activate" -> {
        Json.onlyFields(json, Set.of("op", "id"));
        String id = id(Json.requiredString(json, "id"));
        return op.equals("phase.remove") ? new Command.RemovePhase(id) : new Command.ActivatePhase(id);
      }
      case "timer.start" -> {
        Json.onlyFields(json, Set.of("op", "seconds"));
        return new Command.TimerCommand("start", wholeNumber(json, "seconds", 1, 86_400));
      }
      case "timer.add" -> {
        Json.onlyFields(json, Set.of("op", "seconds"));
        long seconds = wholeNumber(json, "seconds", -86_400, 86_400);
        if (seconds == 0) {
          throw new PajaException(ErrorCode.OUT_OF_BOUNDS, "Field 'seconds' must not be 0.");
        }
        return new Command.TimerCommand("add", seconds);
      }
      case "timer.pause", "timer.resume", "timer.stop" -> {
        Json.onlyFields(json, Set.of("op"));
        return new Command.TimerCommand(op.substring("timer.".length()), 0);
      }
      case "view.follow" -> {
        Json.onlyFields(json, Set.of("op", "x", "y", "zoom"));
        double zoom = Json.requiredNumber(json, "zoom");
        if (!Double.isFinite(zoom) || zoom < 0.1 || zoom > 5) {
          throw new PajaException(ErrorCode.OUT_OF_BOUNDS, "Field 'zoom' must be between 0.1 and 5.");
        }
        return new Command.Follow(coordinate(json, "x"), coordinate(json, "y"), zoom);
      }
      case "view.release" -> {
        Json.onlyFields(json, Set.of("op"));
        return new Command.Release();
      }
      case "view.focus" -> {
        Json.onlyFields(json, Set.of("op", "noteId", "clusterId"));
        Optional<String> noteId = Json.optionalString(json, "noteId").map(CommandDecoder::id);
        Optional<String> clusterId = Json.optionalString(json, "clusterId").map(CommandDecoder::id);
        if (noteId.isPresent() && clusterId.isPresent()) {
          throw new PajaException(ErrorCode.UNKNOWN_FIELD, "Give noteId or clusterId, not both.");
        }
        return new Command.Focus(noteId, clusterId);
      }
      case "cluster.create" -> {
        Json.onlyFields(json, Set.of("op", "id", "title", "noteIds"));
        Object ids = json.getValue("noteIds");
        if (ids == null) {
          throw new PajaException(ErrorCode.MISSING_FIELD, "Field 'noteIds' is required.");
        }
        if (!(ids instanceof io.vertx.core.json.JsonArray array) || array.isEmpty() || array.size() > 100) {
          throw new PajaException(ErrorCode.WRONG_TYPE, "Field 'noteIds' must be a list of 1 to 100 note ids.");
        }
        java.util.List<String> noteIds = new java.util.ArrayList<>();
        for (Object o : array) {
          if (!(o instanceof String s)) {
            throw new PajaException(ErrorCode.WRONG_TYPE, "Field 'noteIds' must hold strings.");
          }
          if (!noteIds.contains(id(s))) {
            noteIds.add(s);
          }
        }
        return new Command.CreateCluster(Json.optionalString(json, "id").map(CommandDecoder::id),
            label(json, "title"), noteIds);
      }
      case "cluster.rename" -> {
        Json.onlyFields(json, Set.of("op", "id", "title"));
        Json.requiredString(json, "title");
        return new Command.RenameCluster(id(Json.requiredString(json, "id")), label(json, "title"));
      }
      case "cluster.add" -> {
        Json.onlyFields(json, Set.of("op", "id", "noteId"));
        return new Command.AddToCluster(id(Json.requiredString(json, "id")), id(Json.requiredString(json, "noteId")));
      }
      case "note.ungroup" -> {
        Json.onlyFields(json, Set.of("op", "noteId"));
        return new Command.Ungroup(id(Json.requiredString(json, "noteId")));
      }
      case "cluster.dissolve" -> {
        Json.onlyFields(json, Set.of("op", "id"));
        return new Command.DissolveCluster(id(Json.requiredString(json, "id")));
      }
      case "cluster.move" -> {
        Json.onlyFields(json, Set.of("op", "id", "dx", "dy"));
        return new Command.MoveCluster(id(Json.requiredString(json, "id")), coordinate(json, "dx"),
            coordinate(json, "dy"));
      }
      case "vote.open" -> {
        Json.onlyFields(json, Set.of("op", "targets", "budget", "maxPerItem", "secret", "seconds"));
        String targets = voteTargets(json, "targets");
        boolean secret = !json.containsKey("secret") || Json.requiredBoolean(json, "secret");
        Optional<Long> seconds = json.getValue("seconds") == null ? Optional.empty()
            : Optional.of(wholeNumber(json, "seconds", 1, 86_400));
        return new Command.OpenVote(targets, (int) wholeNumber(json, "budget", 1, Limits.MAX_VOTE_BUDGET),
            (int) wholeNumber(json, "maxPerItem", 1, Limits.MAX_VOTE_BUDGET), secret, seconds);
      }
      case "vote.cast", "vote.retract" -> {
        Json.onlyFields(json, Set.of("op", "targetId"));
        return new Command.CastVote(id(Json.requiredString(json, "targetId")), op.equals("vote.cast") ? 1 : -1);
      }
      case "vote.close" -> {
        Json.onlyFields(json, Set.of("op"));
        return new Command.CloseVote();
      }
      case "vote.reopen" -> {
        Json.onlyFields(json, Set.of("op", "voteId"));
        return new Command.ReopenVote(id(Json.requiredString(json, "voteId")));
      }
      case "presence.ready" -> {
        Json.onlyFields(json, Set.of("op", "ready"));
        return new Command.SetReady(Json.requiredBoolean(json, "ready"));
      }
      case "presence.hand" -> {
        Json.onlyFields(json, Set.of("op", "raised", "participantId"));
        return new Command.SetHand(Json.requiredBoolean(json, "raised"),
            Json.optionalString(json, "participantId").map(CommandDecoder::id));
      }
      default -> {
        return journey(op, json);
      }
    }
  }

  private static Command journey(String op, JsonObject json) {
    switch (op) {
      case "journey.create" -> {
        Json.onlyFields(json, Set.of("op", "title", "kind", "stages", "lanes"));
        java.util.List<String> stages = new java.util.ArrayList<>();
        for (Object o : list(json, "stages", 0, Limits.MAX_STAGES)) {
          if (!(o instanceof String s)) {
            throw new PajaException(ErrorCode.WRONG_TYPE, "Field 'stages' must hold stage titles.");
          }
          stages.add(title(s));
        }
        java.util.List<Command.LaneSpec> lanes = new java.util.ArrayList<>();
        for (Object o : list(json, "lanes", 0, Limits.MAX_LANES)) {
          if (!(o instanceof JsonObject lane)) {
            throw new PajaException(ErrorCode.WRONG_TYPE, "Field 'lanes' must hold {title, kind} objects.");
          }
          Json.onlyFields(lane, Set.of("title", "kind"));
          lanes.add(new Command.LaneSpec(title(lane, "title"), laneKind(lane, "kind")));
        }
        return new Command.CreateJourney(title(json, "title"), journeyKind(json, "kind"), stages, lanes);
      }
      case "journey.update" -> {
        Json.onlyFields(json, Set.of("op", "id", "title", "kind"));
        Optional<String> title = Json.optionalString(json, "title").map(CommandDecoder::title);
        Optional<String> kind = json.getValue("kind") == null ? Optional.empty() : Optional.of(journeyKind(json, "kind"));
        if (title.isEmpty() && kind.isEmpty()) {
          throw new PajaException(ErrorCode.NOTHING_TO_UPDATE, "Give a title or a kind.");
        }
        return new Command.UpdateJourney(id(Json.requiredString(json, "id")), title, kind);
      }
      case "journey.remove" -> {
        Json.onlyFields(json, Set.of("op", "id"));
        return new Command.RemoveJourney(id(Json.requiredString(json, "id")));
      }
      case "journey.stage.add", "journey.lane.add", "journey.stage.update", "journey.lane.update",
          "journey.stage.move", "journey.lane.move", "journey.stage.remove", "journey.lane.remove" -> {
        String part = op.substring("journey.".length(), op.lastIndexOf('.'));
        String action = op.substring(op.lastIndexOf('.') + 1);
        String itemField = part + "Id";
        Set<String> fields = switch (action) {
          case "add" -> part.equals("lane") ? Set.of("op", "journeyId", "title", "kind", "index")
              : Set.of("op", "journeyId", "title", "index");
          case "update" -> Set.of("op", "journeyId", itemField, "title");
          case "move" -> Set.of("op", "journeyId", itemField, "index");
          default -> Set.of("op", "journeyId", itemField);
        };
        Json.onlyFields(json, fields);
        String journeyId = id(Json.requiredString(json, "journeyId"));
        Optional<String> itemId = action.equals("add") ? Optional.empty()
            : Optional.of(id(Json.requiredString(json, itemField)));
        Optional<String> title = action.equals("add") || action.equals("update")
            ? Optional.of(title(Json.requiredString(json, "title"))) : Optional.empty();
        Optional<String> kind = action.equals("add") && part.equals("lane") ? Optional.of(laneKind(json, "kind"))
            : Optional.empty();
        Optional<Integer> index = action.equals("move") || json.getValue("index") != null
            ? Optional.of((int) wholeNumber(json, "index", 0, 100)) : Optional.empty();
        return new Command.JourneyStructure(part, action, journeyId, itemId, title, kind, index);
      }
      case "journey.cell.text" -> {
        Json.onlyFields(json, Set.of("op", "journeyId", "stageId", "laneId", "text"));
        String text = cellText(json, "text");
        return new Command.CellText(id(Json.requiredString(json, "journeyId")),
            id(Json.requiredString(json, "stageId")), id(Json.requiredString(json, "laneId")), text);
      }
      case "journey.cell.emotion" -> {
        Json.onlyFields(json, Set.of("op", "journeyId", "stageId", "laneId", "score", "why"));
        Optional<Integer> score = emotionScore(json, "score");
        String why = reason(json, "why");
        return new Command.CellEmotion(id(Json.requiredString(json, "journeyId")),
            id(Json.requiredString(json, "stageId")), id(Json.requiredString(json, "laneId")), score, why);
      }
      case "note.place" -> {
        Json.onlyFields(json, Set.of("op", "id", "journeyId", "stageId", "laneId"));
        String noteId = id(Json.requiredString(json, "id"));
        if (json.getValue("journeyId") == null) {
          if (json.getValue("stageId") != null || json.getValue("laneId") != null) {
            throw new PajaException(ErrorCode.MISSING_FIELD, "Field 'journeyId' is required with a cell.");
          }
          return new Command.PlaceNote(noteId, Optional.empty());
        }
        return new Command.PlaceNote(noteId, Optional.of(new fi.paja.board.Note.Cell(
            id(Json.requiredString(json, "journeyId")), id(Json.requiredString(json, "stageId")),
            id(Json.requiredString(json, "laneId")))));
      }
      default -> {
        return outcome(op, json);
      }
    }
  }

  private static Command outcome(String op, JsonObject json) {
    switch (op) {
      case "outcome.create" -> {
        Json.onlyFields(json, Set.of("op", "kind", "title", "description", "owner", "due", "noteId", "clusterId",
            "fromFeedback", "replyBy"));
        String kind = outcomeKind(json, "kind");
        Optional<String> noteId = Json.optionalString(json, "noteId").map(CommandDecoder::id);
        Optional<String> clusterId = Json.optionalString(json, "clusterId").map(CommandDecoder::id);
        Optional<String> title = Json.optionalString(json, "title").map(CommandDecoder::title);
        if (title.isEmpty() && noteId.isEmpty() && clusterId.isEmpty()) {
          throw new PajaException(ErrorCode.MISSING_FIELD, "Give a title, or a noteId or clusterId to take it from.");
        }
        boolean fromFeedback = json.getValue("fromFeedback") != null && Json.requiredBoolean(json, "fromFeedback");
        return new Command.CreateOutcome(kind, title, longText(json, "description"), name(json, "owner"),
            date(json, "due"), noteId, clusterId, fromFeedback, date(json, "replyBy"));
      }
      case "outcome.update" -> {
        Json.onlyFields(json, Set.of("op", "id", "title", "description", "owner", "due", "status", "explanation",
            "replyBy"));
        JsonObject patch = new JsonObject();
        if (json.containsKey("title")) {
          patch.put("title", title(Json.requiredString(json, "title")));
        }
        if (json.containsKey("description")) {
          patch.put("description", longText(json, "description"));
        }
        if (json.containsKey("owner")) {
          patch.put("owner", name(json, "owner"));
        }
        if (json.containsKey("due")) {
          patch.put("due", date(json, "due"));
        }
        if (json.containsKey("replyBy")) {
          patch.put("replyBy", date(json, "replyBy"));
        }
        if (json.containsKey("status")) {
          patch.put("status", outcomeStatus(json, "status"));
        }
        if (json.containsKey("explanation")) {
          patch.put("explanation", reason(json, "explanation"));
        }
        if (patch.isEmpty()) {
          throw new PajaException(ErrorCode.NOTHING_TO_UPDATE);
        }
        return new Command.UpdateOutcome(id(Json.requiredString(json, "id")), patch);
      }
      case "outcome.delete" -> {
        Json.onlyFields(json, Set.of("op", "id"));
        return new Command.DeleteOutcome(id(Json.requiredString(json, "id")));
      }
      default -> throw new PajaException(ErrorCode.UNKNOWN_OP, "Unknown op '" + abbreviate(op) + "'.");
    }
  }

  /** The flags of {@code settings.update}. */
  public static final Set<String> SETTINGS = Set.of("locked", "anonymous", "anonymousToFacilitators", "privateMode",
      "facilitatorsSeePrivate");

  /** A longer optional text (an outcome's description): null when absent or blank. */
  public static String longText(JsonObject json, String field) {
    Object v = json.getValue(field);
    if (v == null) {
      return null;
    }
    String raw = Json.requiredString(json, field);
    return raw.isBlank() ? null : PlainText.multiLine(raw, Limits.MAX_NOTE_TEXT);
  }

  /** A short optional reason (an emotion's why, an outcome's explanation): null when absent or blank. */
  public static String reason(JsonObject json, String field) {
    Object v = json.getValue(field);
    if (v == null) {
      return null;
    }
    String raw = Json.requiredString(json, field);
    return raw.isBlank() ? null : PlainText.multiLine(raw, Limits.MAX_CELL_TEXT);
  }

  /** A journey cell's text: required; blank clears the cell (""). */
  public static String cellText(JsonObject json, String field) {
    String raw = Json.requiredString(json, field);
    return raw.isBlank() ? "" : PlainText.multiLine(raw, Limits.MAX_CELL_TEXT);
  }

  /** An emotion score, −2…2, or empty when absent (clears it). */
  public static Optional<Integer> emotionScore(JsonObject json, String field) {
    return json.getValue(field) == null ? Optional.empty() : Optional.of((int) wholeNumber(json, field, -2, 2));
  }

  /** A person's name that is not a pseudonym (an action item's owner): null when absent or blank. */
  public static String name(JsonObject json, String field) {
    Object v = json.getValue(field);
    if (v == null) {
      return null;
    }
    String raw = Json.requiredString(json, field);
    return raw.isBlank() ? null : PlainText.singleLine(raw, Limits.MAX_OWNER_LENGTH, ErrorCode.INVALID_NAME);
  }

  public static String date(JsonObject json, String field) {
    Object v = json.getValue(field);
    if (v == null) {
      return null;
    }
    String raw = Json.requiredString(json, field);
    try {
      return java.time.LocalDate.parse(raw).toString();
    } catch (java.time.format.DateTimeParseException e) {
      throw new PajaException(ErrorCode.WRONG_TYPE, "Field '" + field + "' must be a date like 2026-12-31.");
    }
  }

  /** A list of {@code min} to {@code max} items; an absent one is empty. */
  public static io.vertx.core.json.JsonArray list(JsonObject json, String field, int min, int max) {
    Object value = json.getValue(field);
    if (value == null) {
      return new io.vertx.core.json.JsonArray();
    }
    if (!(value instanceof io.vertx.core.json.JsonArray array) || array.size() < min || array.size() > max) {
      throw new PajaException(ErrorCode.WRONG_TYPE, "Field '" + field + "' must be a list of " + min + " to " + max + ".");
    }
    return array;
  }

  /** A journey map's kind; {@code current} when absent. */
  public static String journeyKind(JsonObject json, String field) {
    String kind = Json.optionalString(json, field).orElse("current");
    if (!fi.paja.journey.Journey.KINDS.contains(kind)) {
      throw new PajaException(ErrorCode.WRONG_TYPE, "Field '" + field + "' must be current or future.");
    }
    return kind;
  }

  public static String laneKind(JsonObject json, String field) {
    String kind = Json.requiredString(json, field);
    if (!fi.paja.journey.Journey.LANE_KINDS.contains(kind)) {
      throw new PajaException(ErrorCode.WRONG_TYPE, "Lane '" + field + "' must be notes, text, emotion or channel.");
    }
    return kind;
  }

  public static String voteTargets(JsonObject json, String field) {
    String targets = Json.requiredString(json, field);
    if (!Set.of("notes", "clusters", "both").contains(targets)) {
      throw new PajaException(ErrorCode.INVALID_VOTE_TARGET, "Field '" + field + "' must be notes, clusters or both.");
    }
    return targets;
  }

  public static String outcomeKind(JsonObject json, String field) {
    String kind = Json.requiredString(json, field);
    if (!fi.paja.outcome.OutcomeItem.KINDS.contains(kind)) {
      throw new PajaException(ErrorCode.WRONG_TYPE, "Field '" + field + "' must be decision or action.");
    }
    return kind;
  }

  public static String outcomeStatus(JsonObject json, String field) {
    String status = Json.requiredString(json, field);
    if (!fi.paja.outcome.OutcomeItem.STATUSES.contains(status)) {
      throw new PajaException(ErrorCode.WRONG_TYPE, "Field '" + field + "' must be open, in_progress, done or wont_do.");
    }
    return status;
  }

  private static String title(String raw) {
    return PlainText.singleLine(raw, Limits.MAX_TITLE_LENGTH, ErrorCode.INVALID_TITLE);
  }

  /** A required title (a phase, a journey map, a stage, a lane): one line, 1–200 characters. */
  public static String title(JsonObject json, String field) {
    return title(Json.requiredString(json, field));
  }

  /** An optional label (a cluster's title): "" when absent or blank, else a title. */
  public static String label(JsonObject json, String field) {
    Optional<String> raw = Json.optionalString(json, field);
    if (raw.isEmpty() || raw.get().isBlank()) {
      return "";
    }
    return title(raw.get());
  }

  /** Optional instructions (a phase's): "" when blank, empty when absent. */
  public static Optional<String> instructions(JsonObject json, String field) {
    Optional<String> raw = Json.optionalString(json, field);
    if (raw.isEmpty() || raw.get().isBlank()) {
      return raw.map(r -> "");
    }
    return Optional.of(PlainText.multiLine(raw.get(), Limits.MAX_NOTE_TEXT));
  }

  public static long wholeNumber(JsonObject json, String field, long min, long max) {
    double v = Json.requiredNumber(json, field);
    if (v != Math.rint(v) || !Double.isFinite(v)) {
      throw new PajaException(ErrorCode.WRONG_TYPE, "Field '" + field + "' must be a whole number.");
    }
    if (v < min || v > max) {
      throw new PajaException(ErrorCode.OUT_OF_BOUNDS, "Field '" + field + "' must be between " + min + " and " + max + ".");
    }
    return (long) v;
  }

  public static String id(String value) {
    if (!ID.matcher(value).matches()) {
      throw new PajaException(ErrorCode.INVALID_ID);
    }
    return value;
  }

  /** A note's text, as {@code note.add} takes it. */
  public static String noteText(JsonObject json, String field) {
    return PlainText.multiLine(Json.requiredString(json, field), Limits.MAX_NOTE_TEXT);
  }

  private static String text(JsonObject json) {
    return noteText(json, "text");
  }

  public static String color(String value) {
    if (!Limits.COLORS.contains(value)) {
      throw new PajaException(ErrorCode.INVALID_COLOR, "Colour must be one of " + Limits.COLORS + ".");
    }
    return value;
  }

  public static double coordinate(JsonObject json, String field) {
    double v = Json.requiredNumber(json, field);
    if (!Double.isFinite(v) || Math.abs(v) > Limits.MAX_COORDINATE) {
      throw new PajaException(ErrorCode.OUT_OF_BOUNDS,
          "Field '" + field + "' must be between -" + (long) Limits.MAX_COORDINATE + " and "
              + (long) Limits.MAX_COORDINATE + ".");
    }
    return v;
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
