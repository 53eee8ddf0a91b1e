package fi.paja.board;

import static fi.paja.board.CommandType.internal;
import static fi.paja.board.CommandType.of;
import static fi.paja.board.Fields.date;
import static fi.paja.board.Fields.id;
import static fi.paja.board.Fields.longText;
import static fi.paja.board.Fields.name;
import static fi.paja.board.Fields.reason;
import static fi.paja.board.Fields.title;

import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.validation.Json;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Decisions and action items: their wire names and decoding. */
final class OutcomeCommands {

  static final List<CommandType<?>> TYPES = List.of(
      of("outcome.create", Command.CreateOutcome.class, OutcomeCommands::create),
      of("outcome.update", Command.UpdateOutcome.class, OutcomeCommands::update),
      of("outcome.delete", Command.DeleteOutcome.class, json -> {
        Json.onlyFields(json, Set.of("op", "id"));
        return new Command.DeleteOutcome(id(Json.requiredString(json, "id")));
      }),
      // Pushed to an issue tracker, or its status synced from there.
      internal("outcome.link", Command.LinkOutcome.class));

  private OutcomeCommands() {
  }

  private static Command.CreateOutcome create(JsonObject json) {
    Json.onlyFields(json, Set.of("op", "kind", "title", "description", "owner", "due", "noteId", "clusterId",
        "fromFeedback", "replyBy"));
    String kind = Fields.outcomeKind(json, "kind");
    Optional<String> noteId = Json.optionalString(json, "noteId").map(Fields::id);
    Optional<String> clusterId = Json.optionalString(json, "clusterId").map(Fields::id);
    Optional<String> title = Json.optionalString(json, "title").map(Fields::title);
    if (title.isEmpty() && noteId.isEmpty() && clusterId.isEmpty()) {
      throw new PajaException(ErrorCode.MISSING_FIELD, "Give a title, or a noteId or clusterId to take it from.");
    }
    boolean fromFeedback = json.getValue("fromFeedback") != null && Json.requiredBoolean(json, "fromFeedback");
    return new Command.CreateOutcome(kind, title, longText(json, "description"), name(json, "owner"),
        date(json, "due"), noteId, clusterId, fromFeedback, date(json, "replyBy"));
  }

  /** {@code outcome.update}; an import reads an item's status and explanation with it ({@code WorkshopImport}). */
  static Command.UpdateOutcome update(JsonObject json) {
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
      patch.put("status", Fields.outcomeStatus(json, "status"));
    }
    if (json.containsKey("explanation")) {
      patch.put("explanation", reason(json, "explanation"));
    }
    if (patch.isEmpty()) {
      throw new PajaException(ErrorCode.NOTHING_TO_UPDATE);
    }
    return new Command.UpdateOutcome(id(Json.requiredString(json, "id")), patch);
  }
}
