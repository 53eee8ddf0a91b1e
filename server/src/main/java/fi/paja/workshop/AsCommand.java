package fi.paja.workshop;

import fi.paja.board.Command;
import fi.paja.board.CommandDecoder;
import fi.paja.error.PajaException;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A part of an export read as the client command that would set it, decoded by that command's own decoder
 * ({@link CommandDecoder}), so an import refuses what the command refuses, with the same code. Each field is first
 * decoded alone, in an otherwise valid command of that op, so that a refusal names the export's field; then the
 * whole command, for the rules between fields.
 */
final class AsCommand {

  /** A field of the export's part and the command's field it is. */
  record Field(String export, String command) {
    static Field same(String name) {
      return new Field(name, name);
    }
  }

  private static final String ID = "import-sample-id";

  static final AsCommand NOTE_ADD = of("note.add", new JsonObject().put("text", "t").put("x", 0).put("y", 0));
  static final AsCommand NOTE_PLACE = of("note.place", new JsonObject().put("id", ID).put("journeyId", ID)
      .put("stageId", ID).put("laneId", ID));
  static final AsCommand SETTINGS_UPDATE = of("settings.update", new JsonObject().put("locked", false));
  static final AsCommand PHASE_ADD = of("phase.add", new JsonObject().put("title", "t"));
  static final AsCommand PHASE_ACTIVATE = of("phase.activate", new JsonObject().put("id", ID));
  static final AsCommand CLUSTER_CREATE = of("cluster.create", new JsonObject().put("noteIds", List.of(ID)));
  static final AsCommand JOURNEY_CREATE = of("journey.create", new JsonObject().put("title", "t"));
  static final AsCommand STAGE_ADD = of("journey.stage.add", new JsonObject().put("journeyId", ID).put("title", "t"));
  static final AsCommand LANE_ADD = of("journey.lane.add", new JsonObject().put("journeyId", ID).put("title", "t")
      .put("kind", "notes"));
  static final AsCommand CELL_TEXT = of("journey.cell.text", new JsonObject().put("journeyId", ID)
      .put("stageId", ID).put("laneId", ID).put("text", "t"));
  static final AsCommand CELL_EMOTION = of("journey.cell.emotion", new JsonObject().put("journeyId", ID)
      .put("stageId", ID).put("laneId", ID).put("score", 0));
  static final AsCommand VOTE_OPEN = of("vote.open", new JsonObject().put("targets", "notes").put("budget", 1)
      .put("maxPerItem", 1));
  static final AsCommand OUTCOME_CREATE = of("outcome.create", new JsonObject().put("kind", "decision")
      .put("title", "t"));
  static final AsCommand OUTCOME_UPDATE = of("outcome.update", new JsonObject().put("id", ID).put("status", "open"));

  private final JsonObject sample;

  private AsCommand(JsonObject sample) {
    this.sample = sample;
  }

  /** {@code sample}: a valid command of {@code op} (checked at start-up: it must decode). */
  private static AsCommand of(String op, JsonObject sample) {
    JsonObject command = sample.copy().put("op", op);
    CommandDecoder.decode(command);
    return new AsCommand(command);
  }

  /** The fields of {@code item} at {@code path} (null: the export) as this command; a refusal names the field. */
  @SuppressWarnings("unchecked")
  <C extends Command> C read(JsonObject item, String path, List<Field> fields) {
    JsonObject whole = sample.copy();
    for (Field field : fields) {
      JsonObject alone = with(sample.copy(), item, field);
      decode(alone, path == null ? field.export() : path + "." + field.export());
      with(whole, item, field);
    }
    return (C) decode(whole, path == null ? "the export" : path);
  }

  <C extends Command> C read(JsonObject item, String path, String... sameNames) {
    return read(item, path, java.util.Arrays.stream(sameNames).map(Field::same).toList());
  }

  /** The command with the field as the export has it: absent when it is absent there. */
  private static JsonObject with(JsonObject command, JsonObject item, Field field) {
    if (item.containsKey(field.export())) {
      command.put(field.command(), item.getValue(field.export()));
    } else {
      command.remove(field.command());
    }
    return command;
  }

  private static Command decode(JsonObject command, String path) {
    try {
      return CommandDecoder.decode(command);
    } catch (PajaException e) {
      throw WorkshopImport.refused(path, e.getMessage(), e.code());
    }
  }
}
