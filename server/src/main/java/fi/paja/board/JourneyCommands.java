package fi.paja.board;

import static fi.paja.board.CommandType.of;
import static fi.paja.board.Fields.id;
import static fi.paja.board.Fields.journeyKind;
import static fi.paja.board.Fields.laneKind;
import static fi.paja.board.Fields.title;
import static fi.paja.board.Fields.wholeNumber;

import fi.paja.config.Limits;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.validation.Json;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Journey maps, their stages, lanes and cells, and notes placed in them: wire names and decoding. */
final class JourneyCommands {

  private static final List<String> PARTS = List.of("stage", "lane");
  private static final List<String> ACTIONS = List.of("add", "update", "move", "remove");

  static final List<CommandType<?>> TYPES;

  static {
    List<CommandType<?>> types = new ArrayList<>(List.of(
        of("journey.create", Command.CreateJourney.class, JourneyCommands::create),
        of("journey.update", Command.UpdateJourney.class, json -> {
          Json.onlyFields(json, Set.of("op", "id", "title", "kind"));
          Optional<String> title = Json.optionalString(json, "title").map(Fields::title);
          Optional<String> kind = json.getValue("kind") == null ? Optional.empty()
              : Optional.of(journeyKind(json, "kind"));
          if (title.isEmpty() && kind.isEmpty()) {
            throw new PajaException(ErrorCode.NOTHING_TO_UPDATE, "Give a title or a kind.");
          }
          return new Command.UpdateJourney(id(Json.requiredString(json, "id")), title, kind);
        }),
        of("journey.remove", Command.RemoveJourney.class, json -> {
          Json.onlyFields(json, Set.of("op", "id"));
          return new Command.RemoveJourney(id(Json.requiredString(json, "id")));
        })));
    for (String part : PARTS) {
      for (String action : ACTIONS) {
        types.add(of("journey." + part + "." + action, Command.JourneyStructure.class,
            s -> s.part().equals(part) && s.action().equals(action), json -> structure(part, action, json)));
      }
    }
    types.addAll(List.of(
        of("journey.cell.text", Command.CellText.class, JourneyCommands::cellText),
        of("journey.cell.emotion", Command.CellEmotion.class, JourneyCommands::cellEmotion),
        of("note.place", Command.PlaceNote.class, JourneyCommands::place)));
    TYPES = List.copyOf(types);
  }

  private JourneyCommands() {
  }

  /** {@code journey.create}; an import reads each map's title and kind with it ({@code WorkshopImport}). */
  static Command.CreateJourney create(JsonObject json) {
    Json.onlyFields(json, Set.of("op", "title", "kind", "stages", "lanes"));
    List<String> stages = new ArrayList<>();
    for (Object o : Fields.list(json, "stages", 0, Limits.MAX_STAGES)) {
      if (!(o instanceof String s)) {
        throw new PajaException(ErrorCode.WRONG_TYPE, "Field 'stages' must hold stage titles.");
      }
      stages.add(title(s));
    }
    List<Command.LaneSpec> lanes = new ArrayList<>();
    for (Object o : Fields.list(json, "lanes", 0, Limits.MAX_LANES)) {
      if (!(o instanceof JsonObject lane)) {
        throw new PajaException(ErrorCode.WRONG_TYPE, "Field 'lanes' must hold {title, kind} objects.");
      }
      Json.onlyFields(lane, Set.of("title", "kind"));
      lanes.add(new Command.LaneSpec(title(lane, "title"), laneKind(lane, "kind")));
    }
    return new Command.CreateJourney(title(json, "title"), journeyKind(json, "kind"), stages, lanes);
  }

  /** {@code journey.<part>.<action>}: "stage" or "lane"; add, update, move or remove. */
  private static Command.JourneyStructure structure(String part, String action, JsonObject json) {
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
        ? Optional.of((int) wholeNumber(json, "index", 0, Limits.MAX_JOURNEY_INDEX)) : Optional.empty();
    return new Command.JourneyStructure(part, action, journeyId, itemId, title, kind, index);
  }

  /** {@code journey.cell.text}; an import reads each text cell with it. */
  static Command.CellText cellText(JsonObject json) {
    Json.onlyFields(json, Set.of("op", "journeyId", "stageId", "laneId", "text"));
    String text = Fields.cellText(json, "text");
    return new Command.CellText(id(Json.requiredString(json, "journeyId")),
        id(Json.requiredString(json, "stageId")), id(Json.requiredString(json, "laneId")), text);
  }

  /** {@code journey.cell.emotion}; an import reads each emotion cell with it. */
  static Command.CellEmotion cellEmotion(JsonObject json) {
    Json.onlyFields(json, Set.of("op", "journeyId", "stageId", "laneId", "score", "why"));
    Optional<Integer> score = Fields.emotionScore(json, "score");
    String why = Fields.reason(json, "why");
    return new Command.CellEmotion(id(Json.requiredString(json, "journeyId")),
        id(Json.requiredString(json, "stageId")), id(Json.requiredString(json, "laneId")), score, why);
  }

  /** {@code note.place}; an import reads a note's cell with it. */
  static Command.PlaceNote place(JsonObject json) {
    Json.onlyFields(json, Set.of("op", "id", "journeyId", "stageId", "laneId"));
    String noteId = id(Json.requiredString(json, "id"));
    if (json.getValue("journeyId") == null) {
      if (json.getValue("stageId") != null || json.getValue("laneId") != null) {
        throw new PajaException(ErrorCode.MISSING_FIELD, "Field 'journeyId' is required with a cell.");
      }
      return new Command.PlaceNote(noteId, Optional.empty());
    }
    return new Command.PlaceNote(noteId, Optional.of(new Note.Cell(
        id(Json.requiredString(json, "journeyId")), id(Json.requiredString(json, "stageId")),
        id(Json.requiredString(json, "laneId")))));
  }
}
