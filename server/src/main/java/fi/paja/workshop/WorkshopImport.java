package fi.paja.workshop;

import fi.paja.board.Limits;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.export.JsonExport;
import fi.paja.validation.PlainText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads a JSON export back into a new workshop: every id is replaced by a fresh one (consistently, so groups,
 * journey cells, votes and outcomes still point at the right things), texts are checked like any client input,
 * and the importing facilitator becomes the author of the notes.
 */
public final class WorkshopImport {

  /** The new workshop's board-wide state and its notes (as stored note JSON). */
  public record Result(String title, String template, JsonObject meta, JsonArray notes) {
  }

  private final Supplier<String> newId;
  private final Map<String, String> ids = new HashMap<>();

  public WorkshopImport(Supplier<String> newId) {
    this.newId = newId;
  }

  private String remap(String old) {
    return old == null ? null : ids.computeIfAbsent(old, k -> newId.get());
  }

  public Result read(JsonObject export, String authorId, String now) {
    if (!JsonExport.FORMAT.equals(export.getString("format")) || export.getInteger("version", 0) != JsonExport.VERSION) {
      throw new PajaException(ErrorCode.INVALID_IMPORT, "Expected format paja-workshop, version 1.");
    }
    try {
      JsonObject workshop = export.getJsonObject("workshop", new JsonObject());
      String title = PlainText.singleLine(workshop.getString("title", ""), Limits.MAX_TITLE_LENGTH,
          ErrorCode.INVALID_TITLE);
      JsonArray phases = new JsonArray();
      export.getJsonArray("phases", new JsonArray()).forEach(o -> {
        JsonObject p = (JsonObject) o;
        phases.add(new JsonObject().put("id", remap(p.getString("id")))
            .put("title", PlainText.singleLine(p.getString("title", ""), Limits.MAX_TITLE_LENGTH, ErrorCode.INVALID_TITLE))
            .put("instructions", optionalText(p.getString("instructions"), Limits.MAX_NOTE_TEXT)));
      });
      JsonArray clusters = new JsonArray();
      export.getJsonArray("clusters", new JsonArray()).forEach(o -> {
        JsonObject c = (JsonObject) o;
        clusters.add(new JsonObject().put("id", remap(c.getString("id"))).put("title", label(c.getString("title"))));
      });
      JsonArray areas = new JsonArray();
      export.getJsonArray("areas", new JsonArray()).forEach(o -> {
        JsonObject a = (JsonObject) o;
        areas.add(new JsonObject().put("id", remap(a.getString("id"))).put("title", label(a.getString("title")))
            .put("hint", optionalText(a.getString("hint"), Limits.MAX_NOTE_TEXT)));
      });
      JsonArray journeys = new JsonArray();
      export.getJsonArray("journeys", new JsonArray()).forEach(o -> journeys.add(journey((JsonObject) o)));
      JsonArray notes = new JsonArray();
      export.getJsonArray("notes", new JsonArray()).forEach(o -> notes.add(note((JsonObject) o, authorId, now)));
      if (notes.size() > Limits.MAX_NOTES_PER_BOARD) {
        throw new PajaException(ErrorCode.BOARD_FULL);
      }
      JsonArray votes = new JsonArray();
      export.getJsonArray("votes", new JsonArray()).forEach(o -> {
        JsonObject v = ((JsonObject) o).copy();
        v.put("id", remap(v.getString("id"))).put("state", "closed").putNull("endsAt").put("ballots", new JsonObject());
        JsonArray results = new JsonArray();
        v.getJsonArray("results", new JsonArray()).forEach(r -> {
          JsonObject result = ((JsonObject) r).copy();
          results.add(result.put("targetId", remap(result.getString("targetId"))));
        });
        votes.add(v.put("results", results));
      });
      JsonArray outcomes = new JsonArray();
      export.getJsonArray("outcomes", new JsonArray()).forEach(o -> {
        JsonObject item = ((JsonObject) o).copy();
        item.remove("overdue");
        item.put("id", remap(item.getString("id"))).putNull("github");
        item.put("title", PlainText.singleLine(item.getString("title", ""), Limits.MAX_TITLE_LENGTH, ErrorCode.INVALID_TITLE));
        if (!fi.paja.outcome.OutcomeItem.KINDS.contains(item.getString("kind"))
            || !fi.paja.outcome.OutcomeItem.STATUSES.contains(item.getString("status"))) {
          throw new IllegalArgumentException("outcome kind or status");
        }
        for (String field : java.util.List.of("description", "explanation")) {
          String text = item.getString(field);
          item.put(field, text == null || text.isBlank() ? null : PlainText.multiLine(text, Limits.MAX_NOTE_TEXT));
        }
        String owner = item.getString("owner");
        item.put("owner", owner == null || owner.isBlank() ? null : PlainText.singleLine(owner, 100, ErrorCode.INVALID_NAME));
        for (String field : java.util.List.of("due", "replyBy")) {
          if (item.getString(field) != null) {
            item.put(field, java.time.LocalDate.parse(item.getString(field)).toString());
          }
        }
        item.put("votes", item.getInteger("votes", 0));
        item.put("createdAt", java.time.Instant.parse(item.getString("createdAt", now)).toString());
        item.put("updatedAt", java.time.Instant.parse(item.getString("updatedAt", now)).toString());
        JsonObject source = item.getJsonObject("source");
        if (source != null) {
          JsonObject mapped = new JsonObject();
          source.forEach(e -> mapped.put(e.getKey(), remap(String.valueOf(e.getValue()))));
          item.put("source", mapped);
        }
        outcomes.add(item);
      });
      JsonObject meta = new JsonObject()
          .put("settings", export.getJsonObject("settings", new JsonObject()))
          .put("phases", phases)
          .put("currentPhaseId", remap(export.getString("currentPhaseId")))
          .put("clusters", clusters).put("areas", areas).put("journeys", journeys).put("votes", votes)
          .put("outcomes", outcomes)
          .put("defaults", export.getJsonObject("defaults", new JsonObject()).copy());
      JsonObject phaseMinutes = meta.getJsonObject("defaults").getJsonObject("phaseMinutes");
      if (phaseMinutes != null) {
        JsonObject mapped = new JsonObject();
        phaseMinutes.forEach(e -> mapped.put(remap(e.getKey()), e.getValue()));
        meta.getJsonObject("defaults").put("phaseMinutes", mapped);
      }
      return new Result(title, workshop.getString("template", TemplateCatalog.DEFAULT), meta, notes);
    } catch (ClassCastException | NullPointerException | IllegalArgumentException
             | java.time.format.DateTimeParseException e) {
      throw new PajaException(ErrorCode.INVALID_IMPORT, "The export is damaged: " + e.getMessage());
    }
  }

  private JsonObject journey(JsonObject j) {
    JsonArray stages = new JsonArray();
    j.getJsonArray("stages").forEach(o -> stages.add(new JsonObject()
        .put("id", remap(((JsonObject) o).getString("id"))).put("title", label(((JsonObject) o).getString("title")))));
    JsonArray lanes = new JsonArray();
    j.getJsonArray("lanes").forEach(o -> {
      JsonObject l = (JsonObject) o;
      if (!fi.paja.journey.Journey.LANE_KINDS.contains(l.getString("kind"))) {
        throw new IllegalArgumentException("unknown lane kind");
      }
      lanes.add(new JsonObject().put("id", remap(l.getString("id"))).put("title", label(l.getString("title")))
          .put("kind", l.getString("kind")));
    });
    JsonArray cells = new JsonArray();
    j.getJsonArray("cells", new JsonArray()).forEach(o -> {
      JsonObject c = ((JsonObject) o).copy();
      c.put("stageId", remap(c.getString("stageId"))).put("laneId", remap(c.getString("laneId")));
      if (c.getString("text") != null) {
        c.put("text", optionalText(c.getString("text"), Limits.MAX_CELL_TEXT));
      }
      cells.add(c);
    });
    return new JsonObject().put("id", remap(j.getString("id"))).put("title", label(j.getString("title")))
        .put("kind", "future".equals(j.getString("kind")) ? "future" : "current")
        .put("stages", stages).put("lanes", lanes).put("cells", cells);
  }

  private JsonObject note(JsonObject n, String authorId, String now) {
    String color = Limits.COLORS.contains(n.getString("color")) ? n.getString("color") : Limits.DEFAULT_COLOR;
    double x = clamp(n.getDouble("x", 0.0));
    double y = clamp(n.getDouble("y", 0.0));
    JsonObject cell = n.getJsonObject("cell");
    JsonObject mappedCell = cell == null ? null : new JsonObject().put("journeyId", remap(cell.getString("journeyId")))
        .put("stageId", remap(cell.getString("stageId"))).put("laneId", remap(cell.getString("laneId")));
    return new JsonObject().put("id", remap(n.getString("id")))
        .put("text", PlainText.multiLine(n.getString("text", ""), Limits.MAX_NOTE_TEXT))
        .put("x", x).put("y", y).put("color", color).put("authorId", authorId)
        .put("createdAt", instant(n.getString("createdAt"), now)).put("updatedAt", instant(n.getString("updatedAt"), now))
        .put("hidden", false)
        .put("clusterId", remap(n.getString("clusterId"))).put("cell", mappedCell);
  }

  /** The export's time if it is one (keeps the notes' order), else now. */
  private static String instant(String value, String now) {
    try {
      return value == null ? now : java.time.Instant.parse(value).toString();
    } catch (java.time.format.DateTimeParseException e) {
      return now;
    }
  }

  private static double clamp(double v) {
    if (!Double.isFinite(v)) {
      return 0;
    }
    return Math.max(-Limits.MAX_COORDINATE, Math.min(Limits.MAX_COORDINATE, v));
  }

  private static String label(String s) {
    return s == null || s.isBlank() ? "" : PlainText.singleLine(s, Limits.MAX_TITLE_LENGTH, ErrorCode.INVALID_TITLE);
  }

  private static String optionalText(String s, int max) {
    return s == null || s.isBlank() ? "" : PlainText.multiLine(s, max);
  }
}
