package fi.paja.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16: a command type cannot be added without its wire name, its decoding and its line in docs/PROTOCOL.md.
 * The types are read from the sealed {@link Command} itself, so a new record is found without being listed here.
 */
class CommandTypesTest {

  private static final Path PROTOCOL = Files.isRegularFile(Path.of("..", "docs", "PROTOCOL.md"))
      ? Path.of("..", "docs", "PROTOCOL.md") : Path.of("docs", "PROTOCOL.md");

  /** Every concrete command type, through nested sealed interfaces. */
  static List<Class<?>> permittedTypes() {
    List<Class<?>> out = new ArrayList<>();
    collect(Command.class, out);
    return out;
  }

  private static void collect(Class<?> type, List<Class<?>> out) {
    if (type.isSealed()) {
      for (Class<?> sub : type.getPermittedSubclasses()) {
        collect(sub, out);
      }
    } else {
      out.add(type);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("permittedTypes")
  void everyCommandTypeHasARegistryEntry(Class<?> type) {
    assertTrue(CommandTypes.ALL.stream().anyMatch(t -> t.type() == type),
        type.getSimpleName() + " has no entry in CommandTypes: give it a wire name and a decoder");
  }

  @Test
  void registryHoldsNoTypeOutsideCommandAndEachWireNameOnce() {
    Set<String> wires = new HashSet<>();
    for (CommandType<?> type : CommandTypes.ALL) {
      assertTrue(wires.add(type.wire()), "wire name given twice: " + type.wire());
      assertTrue(permittedTypes().contains(type.type()), type.type() + " is not a permitted Command");
    }
  }

  /** The op names in the first column of the command tables (from "## Commands" to "## Events"). */
  static Set<String> documentedOps() throws IOException {
    String doc = Files.readString(PROTOCOL);
    String commands = doc.substring(doc.indexOf("\n## Commands"), doc.indexOf("\n## Events"));
    Set<String> ops = new HashSet<>();
    for (String line : commands.split("\n")) {
      if (line.startsWith("| `")) {
        Matcher m = Pattern.compile("`([a-z.]+)`").matcher(line.split("\\|")[1]);
        while (m.find()) {
          ops.add(m.group(1));
        }
      }
    }
    return ops;
  }

  @Test
  void everyClientCommandIsDocumentedAndNoInternalOneIs() throws IOException {
    Set<String> documented = documentedOps();
    for (CommandType<?> type : CommandTypes.ALL) {
      if (type.fromClients()) {
        assertTrue(documented.contains(type.wire()), type.wire() + " is not in PROTOCOL.md's command tables");
      } else {
        assertFalse(documented.contains(type.wire()), type.wire() + " is internal but documented as a command");
      }
    }
  }

  @Test
  void everyDocumentedCommandIsDecodable() throws IOException {
    for (String op : documentedOps()) {
      CommandType<?> type = CommandTypes.byWire(op);
      assertTrue(type != null && type.fromClients(), op + " is documented but not decoded");
    }
  }

  static Stream<String> internalWires() {
    return CommandTypes.ALL.stream().filter(t -> !t.fromClients()).map(CommandType::wire);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("internalWires")
  void anInternalCommandFromAClientIsAnUnknownOp(String wire) {
    PajaException e = assertThrows(PajaException.class,
        () -> CommandDecoder.decode(new JsonObject().put("op", wire)));
    assertEquals(ErrorCode.UNKNOWN_OP, e.code());
  }

  @Test
  void internalCommandsNameTheirOwnWire() {
    assertEquals("participant.join", new Command.JoinParticipant(null).op());
    assertEquals("vote.expire", new Command.ExpireVote("vote-0001").op());
    assertEquals("workshop.anonymise", new Command.EraseParticipants(List.of(), false, true).op());
    assertEquals("outcome.link", new Command.LinkOutcome("item-0001", new JsonObject(), Optional.empty()).op());
  }

  /** A valid body of each wire name whose type carries several: the decoded command gives back that name. */
  static Stream<JsonObject> sharedTypeBodies() {
    String id = "thing-id-1";
    List<JsonObject> bodies = new ArrayList<>(List.of(
        op("timer.start").put("seconds", 60), op("timer.add").put("seconds", -5), op("timer.pause"),
        op("timer.resume"), op("timer.stop"), op("vote.cast").put("targetId", id),
        op("vote.retract").put("targetId", id), op("participant.erase").put("participantId", id),
        op("participant.leave")));
    for (String part : List.of("stage", "lane")) {
      JsonObject add = op("journey." + part + ".add").put("journeyId", id).put("title", "T");
      bodies.add(part.equals("lane") ? add.put("kind", "text") : add);
      bodies.add(op("journey." + part + ".update").put("journeyId", id).put(part + "Id", id).put("title", "T"));
      bodies.add(op("journey." + part + ".move").put("journeyId", id).put(part + "Id", id).put("index", 0));
      bodies.add(op("journey." + part + ".remove").put("journeyId", id).put(part + "Id", id));
    }
    return bodies.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sharedTypeBodies")
  void aTypeWithSeveralWireNamesGivesBackTheOneItWasDecodedFrom(JsonObject body) {
    assertEquals(body.getString("op"), CommandDecoder.decode(body).op());
  }

  @Test
  void theSharedTypeBodiesCoverEveryTypeWithSeveralNames() {
    Set<String> covered = new HashSet<>(sharedTypeBodies().map(b -> b.getString("op")).toList());
    for (CommandType<?> type : CommandTypes.ALL) {
      long names = CommandTypes.ALL.stream().filter(t -> t.type() == type.type()).count();
      if (names > 1 && type.fromClients()) {
        assertTrue(covered.contains(type.wire()), "add a body of " + type.wire() + " to sharedTypeBodies");
      }
    }
  }

  private static JsonObject op(String op) {
    return new JsonObject().put("op", op);
  }
}
