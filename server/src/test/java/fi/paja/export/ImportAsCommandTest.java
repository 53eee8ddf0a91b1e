package fi.paja.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fi.paja.board.CommandDecoder;
import fi.paja.error.PajaException;
import fi.paja.workshop.WorkshopImport;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16: an import is decoded by the commands' own decoders, so a value a command refuses is refused by the
 * import with the command's code, in the import's message after the field's path.
 */
class ImportAsCommandTest {

  private static final String ID = "thing-id-1";

  private static JsonObject firstOf(JsonObject export, String list) {
    return export.getJsonArray(list).getJsonObject(0);
  }

  static Stream<Arguments> sameValues() {
    return Stream.of(
        // {export field, change to the export, the command with the same value}
        Arguments.of(Named.of("notes[0].text", (Consumer<JsonObject>) e -> firstOf(e, "notes").put("text", "a\u0000b")),
            new JsonObject().put("op", "note.add").put("text", "a\u0000b").put("x", 0).put("y", 0)),
        Arguments.of(Named.of("notes[0].color", (Consumer<JsonObject>) e -> firstOf(e, "notes").put("color", "teal")),
            new JsonObject().put("op", "note.add").put("text", "t").put("x", 0).put("y", 0).put("color", "teal")),
        Arguments.of(Named.of("phases[0].title", (Consumer<JsonObject>) e -> firstOf(e, "phases").put("title", "")),
            new JsonObject().put("op", "phase.add").put("title", "")),
        Arguments.of(Named.of("votes[0].budget", (Consumer<JsonObject>) e -> firstOf(e, "votes").put("budget", 101)),
            new JsonObject().put("op", "vote.open").put("targets", "notes").put("budget", 101).put("maxPerItem", 1)),
        Arguments.of(Named.of("outcomes[0].status",
            (Consumer<JsonObject>) e -> firstOf(e, "outcomes").put("status", "maybe")),
            new JsonObject().put("op", "outcome.update").put("id", ID).put("status", "maybe")),
        Arguments.of(Named.of("outcomes[0].owner",
            (Consumer<JsonObject>) e -> firstOf(e, "outcomes").put("owner", "x".repeat(101))),
            new JsonObject().put("op", "outcome.create").put("kind", "action").put("title", "t")
                .put("owner", "x".repeat(101))),
        Arguments.of(Named.of("journeys[0].title",
            (Consumer<JsonObject>) e -> firstOf(e, "journeys").put("title", "a\nb")),
            new JsonObject().put("op", "journey.create").put("title", "a\nb")),
        Arguments.of(Named.of("defaults.voteBudget",
            (Consumer<JsonObject>) e -> e.getJsonObject("defaults").put("voteBudget", 0)),
            new JsonObject().put("op", "vote.open").put("targets", "notes").put("budget", 0).put("maxPerItem", 1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sameValues")
  void theImportRefusesWithTheCommandsCode(Consumer<JsonObject> change, JsonObject command) {
    String code = assertThrows(PajaException.class, () -> CommandDecoder.decode(command)).code().code();
    JsonObject export = ImportValidationTest.export();
    change.accept(export);
    PajaException refused = assertThrows(PajaException.class,
        () -> new WorkshopImport(() -> "new-id-" + System.nanoTime()).read(export, "importer-0001",
            "2026-11-26T08:00:00Z"));
    assertEquals("invalid_import", refused.code().code());
    assertEquals("(" + code + ")", refused.getMessage().substring(refused.getMessage().lastIndexOf('(')),
        refused.getMessage());
  }
}
