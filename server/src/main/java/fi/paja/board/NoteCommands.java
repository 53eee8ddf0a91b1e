package fi.paja.board;

import static fi.paja.board.CommandType.of;
import static fi.paja.board.Fields.color;
import static fi.paja.board.Fields.coordinate;
import static fi.paja.board.Fields.id;
import static fi.paja.board.Fields.label;
import static fi.paja.board.Fields.noteText;

import fi.paja.config.Limits;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.validation.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Notes and groups of notes: their wire names and decoding. */
final class NoteCommands {

  static final List<CommandType<?>> TYPES = List.of(
      of("note.add", Command.AddNote.class, NoteCommands::add),
      of("note.restore", Command.RestoreNote.class, json -> {
        Json.onlyFields(json, Set.of("op", "id"));
        return new Command.RestoreNote(id(Json.requiredString(json, "id")));
      }),
      of("notes.arrange", Command.ArrangeNotes.class, NoteCommands::arrange),
      of("note.update", Command.UpdateNote.class, NoteCommands::update),
      of("note.move", Command.MoveNote.class, json -> {
        Json.onlyFields(json, Set.of("op", "id", "x", "y"));
        return new Command.MoveNote(id(Json.requiredString(json, "id")), coordinate(json, "x"), coordinate(json, "y"));
      }),
      of("note.delete", Command.DeleteNote.class, json -> {
        Json.onlyFields(json, Set.of("op", "id"));
        return new Command.DeleteNote(id(Json.requiredString(json, "id")));
      }),
      of("cluster.create", Command.CreateCluster.class, NoteCommands::createCluster),
      of("cluster.rename", Command.RenameCluster.class, json -> {
        Json.onlyFields(json, Set.of("op", "id", "title"));
        Json.requiredString(json, "title");
        return new Command.RenameCluster(id(Json.requiredString(json, "id")), label(json, "title"));
      }),
      of("cluster.add", Command.AddToCluster.class, json -> {
        Json.onlyFields(json, Set.of("op", "id", "noteId"));
        return new Command.AddToCluster(id(Json.requiredString(json, "id")), id(Json.requiredString(json, "noteId")));
      }),
      of("note.ungroup", Command.Ungroup.class, json -> {
        Json.onlyFields(json, Set.of("op", "noteId"));
        return new Command.Ungroup(id(Json.requiredString(json, "noteId")));
      }),
      of("cluster.dissolve", Command.DissolveCluster.class, json -> {
        Json.onlyFields(json, Set.of("op", "id"));
        return new Command.DissolveCluster(id(Json.requiredString(json, "id")));
      }),
      of("cluster.move", Command.MoveCluster.class, json -> {
        Json.onlyFields(json, Set.of("op", "id", "dx", "dy"));
        return new Command.MoveCluster(id(Json.requiredString(json, "id")), coordinate(json, "dx"),
            coordinate(json, "dy"));
      }));

  private NoteCommands() {
  }

  private static Command.AddNote add(JsonObject json) {
    Json.onlyFields(json, Set.of("op", "id", "text", "x", "y", "color"));
    // Without x and y (both left out) the server puts the note on a free spot; one of them alone is refused.
    boolean autoPlace = json.getValue("x") == null && json.getValue("y") == null;
    return new Command.AddNote(
        Json.optionalString(json, "id").map(Fields::id),
        noteText(json, "text"),
        autoPlace ? 0 : coordinate(json, "x"), autoPlace ? 0 : coordinate(json, "y"),
        Json.optionalString(json, "color").map(Fields::color).orElse(Limits.DEFAULT_COLOR), autoPlace);
  }

  private static Command.UpdateNote update(JsonObject json) {
    Json.onlyFields(json, Set.of("op", "id", "text", "color"));
    String id = id(Json.requiredString(json, "id"));
    Optional<String> text = json.getValue("text") != null ? Optional.of(noteText(json, "text")) : Optional.empty();
    Optional<String> color = Json.optionalString(json, "color").map(Fields::color);
    if (text.isEmpty() && color.isEmpty()) {
      throw new PajaException(ErrorCode.NOTHING_TO_UPDATE);
    }
    return new Command.UpdateNote(id, text, color);
  }

  private static Command.ArrangeNotes arrange(JsonObject json) {
    Json.onlyFields(json, Set.of("op", "noteIds", "by"));
    String by = Json.requiredString(json, "by");
    if (!Command.ArrangeNotes.BY.contains(by)) {
      throw new PajaException(ErrorCode.WRONG_TYPE, "Field 'by' must be one of " + Command.ArrangeNotes.BY + ".");
    }
    Object ids = json.getValue("noteIds");
    Optional<List<String>> noteIds = Optional.empty();
    if (ids != null) {
      List<String> list = new ArrayList<>();
      for (Object o : noteIds(ids, Limits.MAX_NOTES_PER_BOARD)) {
        list.add(id(string(o)));
      }
      noteIds = Optional.of(list.stream().distinct().toList());
    }
    return new Command.ArrangeNotes(noteIds, by);
  }

  private static Command.CreateCluster createCluster(JsonObject json) {
    Json.onlyFields(json, Set.of("op", "id", "title", "noteIds"));
    Object ids = json.getValue("noteIds");
    if (ids == null) {
      throw new PajaException(ErrorCode.MISSING_FIELD, "Field 'noteIds' is required.");
    }
    List<String> noteIds = new ArrayList<>();
    for (Object o : noteIds(ids, Limits.MAX_CLUSTER_CREATE_NOTES)) {
      String s = string(o);
      if (!noteIds.contains(id(s))) {
        noteIds.add(s);
      }
    }
    return new Command.CreateCluster(Json.optionalString(json, "id").map(Fields::id), label(json, "title"), noteIds);
  }

  private static String string(Object o) {
    if (!(o instanceof String s)) {
      throw new PajaException(ErrorCode.WRONG_TYPE, "Field 'noteIds' must hold strings.");
    }
    return s;
  }

  /** A list of 1 to {@code max} strings (checked as ids by the caller, in order). */
  private static JsonArray noteIds(Object ids, int max) {
    if (!(ids instanceof JsonArray array) || array.isEmpty() || array.size() > max) {
      throw new PajaException(ErrorCode.WRONG_TYPE, "Field 'noteIds' must be a list of 1 to " + max + " note ids.");
    }
    return array;
  }
}
