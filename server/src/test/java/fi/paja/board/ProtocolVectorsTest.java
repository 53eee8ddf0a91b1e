package fi.paja.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The shared protocol vectors ({@code protocol-vectors/} at the repository root, see its README): each vector's
 * events applied by the server's own {@link Board#apply} give the state the vector expects, as the vector's viewer
 * sees it ({@link Board#snapshotFor}). The browser's {@code board-model.js} applies the same vectors
 * ({@code web-client/test/vectors.test.js}) and must reach the same state, so the two cannot drift.
 */
class ProtocolVectorsTest {

  /** From the server module (as Maven runs tests), or from the repository root. */
  static final Path DIR = Files.isDirectory(Path.of("..", "protocol-vectors")) ? Path.of("..", "protocol-vectors")
      : Path.of("protocol-vectors");

  static List<JsonObject> vectors() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      List<Path> sorted = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      List<JsonObject> out = new ArrayList<>();
      for (Path p : sorted) {
        out.add(new JsonObject(Files.readString(p, StandardCharsets.UTF_8)).put("file", p.getFileName().toString()));
      }
      return out;
    }
  }

  /** The event as the op log holds it (what {@link Board#apply} gets). */
  static JsonObject stored(Object item) {
    JsonObject json = (JsonObject) item;
    return json.containsKey("stored") ? json.getJsonObject("stored") : json;
  }

  /** The event as the server sends it to the vector's viewer (what the browser gets). */
  static JsonObject sent(Object item) {
    JsonObject json = (JsonObject) item;
    if (json.containsKey("sent")) {
      return json.getJsonObject("sent");
    }
    JsonObject copy = json.copy();
    copy.remove(Visibility.FIELD);
    return copy;
  }

  static Visibility.Viewer viewer(JsonObject vector) {
    JsonObject v = vector.getJsonObject("viewer");
    String role = v.getString("role");
    return new Visibility.Viewer(v.getString("participantId"),
        Participant.FACILITATOR.equals(role) || "cofacilitator".equals(role));
  }

  @TestFactory
  Stream<DynamicTest> theServerBoardReachesEachVectorsExpectedState() throws IOException {
    return vectors().stream().map(vector -> DynamicTest.dynamicTest(vector.getString("file"), () -> {
      Visibility.Viewer viewer = viewer(vector);
      Board board = new Board("w1", () -> {
        throw new AssertionError("applying events must not generate ids");
      });
      JsonObject snapshot = vector.getJsonObject("snapshot");
      if (snapshot != null) {
        board.restore(snapshot.getLong("seq", 0L),
            snapshot.getJsonArray("notes", new JsonArray()).stream().map(n -> Note.fromJson((JsonObject) n)).toList(),
            snapshot.getJsonArray("participants", new JsonArray()).stream()
                .map(p -> Participant.fromJson((JsonObject) p)).toList());
        board.restoreMeta(snapshot);
      }
      for (Object item : vector.getJsonArray("events")) {
        JsonObject stored = stored(item);
        assertEquals(canon(sent(item)), canon(Visibility.filter(stored, viewer)),
            "event " + stored.getLong("seq") + " is not what the server sends this viewer");
        board.apply(Event.fromJson(stored));
      }
      JsonObject actual = normalise(board.snapshotFor(viewer, 0L));
      JsonObject expected = vector.getJsonObject("expected").copy();
      JsonObject serverOnly = vector.getJsonObject("serverOnly");
      if (serverOnly != null) {
        expected.mergeIn(serverOnly);
      }
      assertFalse(expected.isEmpty(), "a vector expects something");
      for (String key : new TreeSet<>(expected.fieldNames())) {
        assertEquals(canon(expected.getValue(key)), canon(actual.getValue(key)), vector.getString("file") + ": " + key);
      }
    }));
  }

  @Test
  void everyEventTypeOfTheServerHasAVector() throws IOException {
    Set<String> covered = new TreeSet<>();
    for (JsonObject vector : vectors()) {
      for (Object item : vector.getJsonArray("events")) {
        Event event = Event.fromJson(stored(item));
        covered.add(event.change().getClass().getSimpleName());
        covered.add(event.type());
      }
    }
    Set<String> missing = new TreeSet<>();
    for (Class<?> type : Event.Change.class.getPermittedSubclasses()) {
      if (!covered.contains(type.getSimpleName())) {
        missing.add(type.getSimpleName());
      }
    }
    // One record, two wire names: each needs its vector.
    for (String wire : List.of("vote.cast", "vote.retracted")) {
      if (!covered.contains(wire)) {
        missing.add(wire);
      }
    }
    assertTrue(missing.isEmpty(), "event types without a vector in protocol-vectors/: " + missing);
  }

  // --- the normalised state (protocol-vectors/README.md); vectors.test.js builds the same from board-model.js ---

  static JsonObject normalise(JsonObject snap) {
    JsonObject out = new JsonObject().put("seq", snap.getLong("seq"));
    out.put("participants", sortedById(snap.getJsonArray("participants"), p -> new JsonObject()
        .put("id", p.getString("id")).put("name", str(p.getString("name"))).put("role", str(p.getString("role")))
        .put("removed", p.getBoolean("removed", false))));
    out.put("notes", sortedById(snap.getJsonArray("notes"), n -> {
      JsonObject cell = n.getJsonObject("cell");
      return new JsonObject().put("id", n.getString("id")).put("text", str(n.getString("text")))
          .put("x", n.getDouble("x")).put("y", n.getDouble("y")).put("color", n.getString("color"))
          .put("authorId", n.getString("authorId")).put("hidden", n.getBoolean("hidden", false))
          .put("clusterId", n.getString("clusterId"))
          .put("cell", cell == null ? null : new JsonObject().put("journeyId", cell.getString("journeyId"))
              .put("stageId", cell.getString("stageId")).put("laneId", cell.getString("laneId")));
    }));
    JsonObject s = snap.getJsonObject("settings", new JsonObject());
    JsonObject settings = new JsonObject();
    for (String k : List.of("locked", "anonymous", "anonymousToFacilitators", "privateMode",
        "facilitatorsSeePrivate")) {
      settings.put(k, Boolean.TRUE.equals(s.getValue(k)));
    }
    out.put("settings", settings);
    JsonArray phases = new JsonArray();
    snap.getJsonArray("phases", new JsonArray()).forEach(o -> {
      JsonObject p = (JsonObject) o;
      phases.add(new JsonObject().put("id", p.getString("id")).put("title", str(p.getString("title")))
          .put("instructions", str(p.getString("instructions"))));
    });
    out.put("phases", phases).put("currentPhaseId", snap.getString("currentPhaseId"));
    JsonObject t = snap.getJsonObject("timer", new JsonObject());
    String state = t.getString("state");
    out.put("timer", new JsonObject()
        .put("state", "running".equals(state) || "paused".equals(state) ? state : "stopped")
        .put("endsAt", t.getValue("endsAt") instanceof Number ? t.getValue("endsAt") : null)
        .put("remainingMs", t.getLong("remainingMs", 0L)).put("durationMs", t.getLong("durationMs", 0L)));
    out.put("view", view(snap.getJsonObject("view")));
    JsonArray clusters = new JsonArray();
    snap.getJsonArray("clusters", new JsonArray()).forEach(o -> {
      JsonObject c = (JsonObject) o;
      clusters.add(new JsonObject().put("id", c.getString("id")).put("title", str(c.getString("title"))));
    });
    out.put("clusters", clusters);
    JsonObject vote = snap.getJsonObject("vote");
    out.put("vote", vote == null ? null : vote(vote));
    out.put("votes", sortedById(snap.getJsonArray("votes", new JsonArray()), v -> new JsonObject()
        .put("id", v.getString("id")).put("results", results(v.getJsonArray("results")))));
    JsonArray journeys = new JsonArray();
    snap.getJsonArray("journeys", new JsonArray()).forEach(o -> journeys.add(journey((JsonObject) o)));
    out.put("journeys", journeys);
    out.put("outcomes", sortedById(snap.getJsonArray("outcomes", new JsonArray()), o -> {
      JsonObject src = o.getJsonObject("source");
      JsonObject source = src == null ? null
          : src.getString("noteId") != null ? new JsonObject().put("noteId", src.getString("noteId"))
              : src.getString("clusterId") != null ? new JsonObject().put("clusterId", src.getString("clusterId"))
                  : null;
      return new JsonObject().put("id", o.getString("id")).put("kind", o.getString("kind"))
          .put("title", str(o.getString("title"))).put("description", str(o.getString("description")))
          .put("owner", str(o.getString("owner"))).put("due", str(o.getString("due")))
          .put("status", o.getString("status")).put("explanation", str(o.getString("explanation")))
          .put("source", source).put("votes", o.getInteger("votes", 0)).put("replyBy", str(o.getString("replyBy")));
    }));
    return out;
  }

  private static JsonObject view(JsonObject v) {
    JsonObject follow = v == null ? null : v.getJsonObject("follow");
    JsonObject focus = v == null ? null : v.getJsonObject("focus");
    JsonObject f = null;
    if (focus != null && focus.getString("noteId") != null) {
      f = new JsonObject().put("noteId", focus.getString("noteId"));
    } else if (focus != null && focus.getString("clusterId") != null) {
      f = new JsonObject().put("clusterId", focus.getString("clusterId"));
    }
    return new JsonObject().put("follow", follow == null ? null : new JsonObject().put("x", follow.getDouble("x"))
        .put("y", follow.getDouble("y")).put("zoom", follow.getDouble("zoom", 1.0)).put("by", follow.getString("by")))
        .put("focus", f);
  }

  private static JsonObject vote(JsonObject v) {
    boolean closed = "closed".equals(v.getString("state"));
    JsonObject out = new JsonObject().put("id", v.getString("id")).put("state", closed ? "closed" : "open")
        .put("targets", v.getString("targets")).put("budget", v.getInteger("budget"))
        .put("maxPerItem", v.getInteger("maxPerItem")).put("secret", v.getBoolean("secret"))
        .put("endsAt", v.getValue("endsAt")).put("cast", v.getInteger("cast", 0))
        .put("myVotes", counts(v.getJsonObject("myVotes")));
    // An open vote's tally as this viewer knows it ({} when secret); a closed one's outcome is its results.
    return closed ? out.put("results", results(v.getJsonArray("results")))
        : out.put("tally", counts(v.getJsonObject("tally")));
  }

  private static JsonObject counts(JsonObject map) {
    JsonObject out = new JsonObject();
    if (map != null) {
      new TreeMap<>(map.getMap()).forEach((k, n) -> {
        if (((Number) n).intValue() > 0) {
          out.put(k, ((Number) n).intValue());
        }
      });
    }
    return out;
  }

  private static JsonArray results(JsonArray results) {
    JsonArray out = new JsonArray();
    if (results != null) {
      results.forEach(o -> {
        JsonObject r = (JsonObject) o;
        out.add(new JsonObject().put("targetId", r.getString("targetId")).put("kind", r.getString("kind"))
            .put("votes", r.getInteger("votes")).put("rank", r.getInteger("rank")));
      });
    }
    return out;
  }

  private static JsonObject journey(JsonObject j) {
    JsonArray cells = new JsonArray();
    j.getJsonArray("cells", new JsonArray()).forEach(o -> {
      JsonObject c = (JsonObject) o;
      JsonObject cell = new JsonObject().put("stageId", c.getString("stageId")).put("laneId", c.getString("laneId"));
      if (c.getValue("text") instanceof String text) {
        cell.put("text", text);
      }
      if (c.getValue("score") instanceof Number score) {
        cell.put("score", score);
      }
      if (c.getValue("why") instanceof String why) {
        cell.put("why", why);
      }
      cells.add(cell);
    });
    JsonArray stages = new JsonArray();
    j.getJsonArray("stages", new JsonArray()).forEach(o -> stages.add(new JsonObject()
        .put("id", ((JsonObject) o).getString("id")).put("title", str(((JsonObject) o).getString("title")))));
    JsonArray lanes = new JsonArray();
    j.getJsonArray("lanes", new JsonArray()).forEach(o -> lanes.add(new JsonObject()
        .put("id", ((JsonObject) o).getString("id")).put("title", str(((JsonObject) o).getString("title")))
        .put("kind", ((JsonObject) o).getString("kind"))));
    return new JsonObject().put("id", j.getString("id")).put("title", str(j.getString("title")))
        .put("kind", j.getString("kind")).put("stages", stages).put("lanes", lanes).put("cells", cells);
  }

  private static JsonArray sortedById(JsonArray items, java.util.function.Function<JsonObject, JsonObject> map) {
    List<JsonObject> list = new ArrayList<>();
    if (items != null) {
      items.forEach(o -> list.add(map.apply((JsonObject) o)));
    }
    list.sort(Comparator.comparing(o -> o.getString("id")));
    return new JsonArray(new ArrayList<>(list));
  }

  private static String str(String s) {
    return s == null ? "" : s;
  }

  /** A canonical text of a JSON value: keys sorted, numbers by value (1 and 1.0 are the same). */
  static String canon(Object value) {
    if (value instanceof JsonObject o) {
      value = o.getMap();
    }
    if (value instanceof JsonArray a) {
      value = a.getList();
    }
    if (value instanceof Map<?, ?> m) {
      StringBuilder b = new StringBuilder("{");
      new TreeMap<>(m).forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":")
          .append(canon(v)));
      return b.append('}').toString();
    }
    if (value instanceof List<?> l) {
      StringBuilder b = new StringBuilder("[");
      l.forEach(v -> b.append(b.length() > 1 ? "," : "").append(canon(v)));
      return b.append(']').toString();
    }
    if (value instanceof Number n) {
      return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
    }
    if (value instanceof String s) {
      return new JsonArray().add(s).encode().replaceAll("^\\[|\\]$", "");
    }
    return String.valueOf(value);
  }
}
