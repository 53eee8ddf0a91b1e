package fi.paja.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every event type is whole: each permitted {@link Event.Change} owns a wire name no other type has and the reader
 * for it ({@link ChangeType}), survives a trip through its JSON, is documented in docs/PROTOCOL.md ("Events") and is
 * named by a protocol vector and by the visibility matrix's sessions. A type added to the sealed hierarchy without
 * any of these fails here, by name.
 */
class EventTypesTest {

  static final Path PROTOCOL = Files.isRegularFile(Path.of("..", "docs", "PROTOCOL.md"))
      ? Path.of("..", "docs", "PROTOCOL.md") : Path.of("docs", "PROTOCOL.md");

  /** The {@code static ChangeType} fields of each permitted record, found here on their own, not through the table. */
  static Map<Class<?>, List<ChangeType<?>>> declaredTypes() throws IllegalAccessException {
    Map<Class<?>, List<ChangeType<?>>> out = new LinkedHashMap<>();
    for (Class<?> record : Event.Change.class.getPermittedSubclasses()) {
      List<ChangeType<?>> types = new ArrayList<>();
      for (Field field : record.getDeclaredFields()) {
        if (field.getType() == ChangeType.class && Modifier.isStatic(field.getModifiers())) {
          types.add((ChangeType<?>) field.get(null));
        }
      }
      out.put(record, types);
    }
    return out;
  }

  @Test
  void everyEventTypeDeclaresAWireNameAndItsReader() throws IllegalAccessException {
    Set<String> without = declaredTypes().entrySet().stream().filter(e -> e.getValue().isEmpty())
        .map(e -> e.getKey().getSimpleName()).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of(), without, "event types without a public static final ChangeType");
    declaredTypes().forEach((record, types) -> types.forEach(type -> {
      assertEquals(record, type.record(), type.name() + " is declared by another record");
      assertEquals(type, Event.TYPES.get(type.name()), type.name() + " is not in Event.TYPES");
    }));
  }

  @Test
  void wireNamesAreUniqueAndLowercaseDotted() throws IllegalAccessException {
    List<String> names = declaredTypes().values().stream().flatMap(List::stream).map(ChangeType::name).toList();
    assertEquals(names.size(), Set.copyOf(names).size(), "a wire name used twice: " + names);
    assertEquals(Set.copyOf(names), Event.TYPES.keySet());
    names.forEach(n -> assertTrue(n.matches("[a-z]+(\\.[a-z]+)+"), n));
  }

  /** The first stored event of each wire name in protocol-vectors/. */
  static Map<String, JsonObject> vectorSamples() throws IOException {
    Map<String, JsonObject> samples = new LinkedHashMap<>();
    for (JsonObject vector : ProtocolVectorsTest.vectors()) {
      for (Object item : vector.getJsonArray("events")) {
        JsonObject stored = ProtocolVectorsTest.stored(item);
        samples.putIfAbsent(stored.getString("type"), stored);
      }
    }
    return samples;
  }

  @Test
  void theProtocolVectorsNameEveryWireName() throws IOException {
    Set<String> missing = new TreeSet<>(Event.TYPES.keySet());
    missing.removeAll(vectorSamples().keySet());
    assertEquals(Set.of(), missing, "wire names without a sample in protocol-vectors/");
  }

  @TestFactory
  Stream<DynamicTest> eachWireNameSurvivesAJsonRoundTrip() throws IOException {
    Map<String, JsonObject> samples = vectorSamples();
    return Event.TYPES.keySet().stream().filter(samples::containsKey).map(name -> DynamicTest.dynamicTest(name, () -> {
      JsonObject stored = samples.get(name);
      Event read = Event.fromJson(stored);
      assertEquals(Event.TYPES.get(name).record(), read.change().getClass());
      assertEquals(name, read.type());
      assertEquals(ProtocolVectorsTest.canon(stored), ProtocolVectorsTest.canon(read.toJson()),
          "written back as it was read");
      assertEquals(read, Event.fromJson(read.toJson()), "read back as it was written");
    }));
  }

  /** The wire names in the first column of docs/PROTOCOL.md's event table ("## Events" up to the next section). */
  static Set<String> documentedEventTypes() throws IOException {
    String doc = Files.readString(PROTOCOL, StandardCharsets.UTF_8);
    int start = doc.indexOf("\n## Events\n");
    assertTrue(start >= 0, "docs/PROTOCOL.md has no \"## Events\" section");
    int end = doc.indexOf("\n## ", start + 1);
    Set<String> names = new TreeSet<>();
    for (String line : doc.substring(start, end < 0 ? doc.length() : end).split("\n")) {
      if (line.startsWith("| `")) {
        Matcher m = Pattern.compile("`([^`]+)`").matcher(line.split("\\|")[1]);
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }

  @Test
  void protocolMdDocumentsEveryWireNameAndNoOther() throws IOException {
    Set<String> documented = documentedEventTypes();
    Set<String> undocumented = new TreeSet<>(Event.TYPES.keySet());
    undocumented.removeAll(documented);
    assertEquals(Set.of(), undocumented, "event types missing from docs/PROTOCOL.md, \"Events\"");
    Set<String> stale = new TreeSet<>(documented);
    stale.removeAll(Event.TYPES.keySet());
    // noop is made by Visibility.filter for a member who may not see an event, never stored.
    assertEquals(Set.of("noop"), stale, "docs/PROTOCOL.md lists event types the server does not have");
  }

  @Test
  void theVisibilityMatrixRunsEveryWireNameThroughTheFilter() {
    Set<String> produced = VisibilityMatrixTest.modes().flatMap(m -> VisibilityMatrixTest.session(m).events().stream())
        .map(Event::type).collect(Collectors.toSet());
    Set<String> missing = new TreeSet<>(Event.TYPES.keySet());
    missing.removeAll(produced);
    assertEquals(Set.of(), missing, "event types VisibilityMatrixTest's sessions do not produce");
    assertEquals(Set.copyOf(Arrays.asList(Event.Change.class.getPermittedSubclasses())),
        Event.TYPES.values().stream().map(ChangeType::record).collect(Collectors.toSet()));
  }

  @Test
  void anEventAsPublishedIsPersonalToTheSamePeopleAsTheEventItself() {
    VisibilityMatrixTest.modes().flatMap(m -> VisibilityMatrixTest.session(m).events().stream()).forEach(
        e -> assertEquals(Visibility.personalTo(e), Visibility.personalTo(e.toJson()), () -> e.toJson().encode()));
  }
}
