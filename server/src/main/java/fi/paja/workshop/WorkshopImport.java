package fi.paja.workshop;

import fi.paja.board.Cluster;
import fi.paja.board.Command;
import fi.paja.board.Fields;
import fi.paja.board.Note;
import fi.paja.board.Phase;
import fi.paja.board.Settings;
import fi.paja.config.Limits;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.export.JsonExport;
import fi.paja.journey.Journey;
import fi.paja.outcome.OutcomeItem;
import fi.paja.validation.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a JSON export back into a new workshop. Each part is decoded as the command a client would send to make it
 * ({@link AsCommand}: a note as {@code note.add}, a phase as {@code phase.add}, …), by that command's own decoder;
 * the few fields no command sets (ids, times, authorship, areas, vote results) keep their own checks here, with
 * {@link Fields} and the board's {@link Limits}. No field the export format does not have is taken, anywhere.
 * Anything a command would refuse refuses the whole import as {@code invalid_import}, with a message naming the
 * field and the command's own code ({@code journeys[0].cells[2].score: … (out_of_bounds)}); nothing is stored then. References inside the export (a note's group and journey cell, a cell's stage and lane, the
 * current phase) must point at what the export holds, as they do on a board.
 *
 * <p>Every id is replaced by a fresh one (consistently, so groups, journey cells, votes and outcomes still point at
 * the right things), and the importing facilitator becomes the author of the notes.
 */
public final class WorkshopImport {

  /** The new workshop's board-wide state and its notes (as stored note JSON). */
  public record Result(String title, String template, JsonObject meta, JsonArray notes) {
  }

  /** The fields of each part of an export ({@link JsonExport}); anything else is refused. */
  private static final Set<String> TOP = Set.of("format", "version", "workshop", "settings", "phases",
      "currentPhaseId", "areas", "clusters", "journeys", "votes", "defaults", "outcomes", "notes");
  private static final Set<String> WORKSHOP = Set.of("title", "template", "createdAt");
  private static final Set<String> PHASE = Set.of("id", "title", "instructions");
  private static final Set<String> AREA = Set.of("id", "title", "hint");
  private static final Set<String> CLUSTER = Set.of("id", "title");
  private static final Set<String> JOURNEY = Set.of("id", "title", "kind", "stages", "lanes", "cells");
  private static final Set<String> STAGE = Set.of("id", "title");
  private static final Set<String> LANE = Set.of("id", "title", "kind");
  private static final Set<String> CELL = Set.of("stageId", "laneId", "text", "score", "why");
  private static final Set<String> VOTE = Set.of("id", "state", "targets", "budget", "maxPerItem", "secret", "endsAt",
      "results");
  private static final Set<String> RESULT = Set.of("targetId", "kind", "votes", "rank");
  private static final Set<String> DEFAULTS = Set.of("voteBudget", "voteMaxPerItem", "phaseMinutes");
  private static final Set<String> OUTCOME = Set.of("id", "kind", "title", "description", "owner", "due", "status",
      "explanation", "source", "votes", "replyBy", "github", "createdAt", "updatedAt", "overdue");
  private static final Set<String> SOURCE = Set.of("noteId", "clusterId");
  private static final Set<String> NOTE = Set.of("id", "text", "x", "y", "color", "createdAt", "updatedAt", "hidden",
      "clusterId", "cell", "anonymity", "author");
  private static final Set<String> CELL_REF = Set.of("journeyId", "stageId", "laneId");
  /** Dots an item can have got in one vote: far more than any workshop gives. */
  private static final int MAX_RESULT_VOTES = 1_000_000;

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WorkshopImport.class);

  private final Supplier<String> newId;
  private final Map<String, String> ids = new HashMap<>();
  /** Where each id of the export was declared: an id is declared once. */
  private final Map<String, String> declared = new HashMap<>();
  private final Set<String> phaseIds = new HashSet<>();
  private final Set<String> clusterIds = new HashSet<>();
  /** Journey id → lane id → lane kind, and journey id → stage ids (old ids). */
  private final Map<String, Map<String, String>> lanesOf = new HashMap<>();
  private final Map<String, Set<String>> stagesOf = new HashMap<>();

  public WorkshopImport(Supplier<String> newId) {
    this.newId = newId;
  }

  private String remap(String old) {
    return old == null ? null : ids.computeIfAbsent(old, k -> newId.get());
  }

  /** An object's own id (no command sets one: ids are the server's): of the id form, not used before; its new id. */
  private String declare(JsonObject json, String path) {
    String id = at(path + ".id", () -> Fields.id(Json.requiredString(json, "id")));
    String before = declared.putIfAbsent(id, path);
    if (before != null) {
      throw refused(path + ".id", "The id is used already at " + before + ".", ErrorCode.INVALID_ID);
    }
    return remap(id);
  }

  public Result read(JsonObject export, String authorId, String now) {
    try {
      return readChecked(export, authorId, now);
    } catch (PajaException e) {
      throw e;
    } catch (RuntimeException e) {
      // Every field is checked above; this is a hole in the checks, still not the client's 500.
      LOG.warn("An import failed outside its checks: {}", e.toString());
      throw new PajaException(ErrorCode.INVALID_IMPORT, "The export is damaged.");
    }
  }

  private Result readChecked(JsonObject export, String authorId, String now) {
    if (!JsonExport.FORMAT.equals(export.getValue("format"))
        || !(export.getValue("version") instanceof Number v && v.doubleValue() == JsonExport.VERSION)) {
      throw new PajaException(ErrorCode.INVALID_IMPORT, "Expected format paja-workshop, version 1.");
    }
    only(export, TOP, "the export");

    JsonObject workshop = object(export.getValue("workshop"), "workshop");
    only(workshop, WORKSHOP, "workshop");
    // The workshop's title is set when it is created (POST /api/workshops), not by a command.
    String title = at("workshop.title", () -> Fields.title(workshop, "title"));
    String template = at("workshop.template", () -> Json.optionalString(workshop, "template"))
        .orElse(TemplateCatalog.DEFAULT);
    if (!template.matches("[a-z0-9-]{1,60}")) {
      throw refused("workshop.template", "Not a template id.", ErrorCode.INVALID_ID);
    }
    at("workshop.createdAt", () -> Json.optionalString(workshop, "createdAt"));

    JsonObject meta = new JsonObject()
        .put("settings", settings(optionalObject(export, "settings", "settings")))
        .put("phases", phases(export))
        .put("areas", areas(export))
        .put("clusters", clusters(export))
        .put("journeys", journeys(export));
    JsonArray notes = notes(export, authorId, now);
    meta.put("votes", votes(export))
        .put("outcomes", outcomes(export, now))
        .put("defaults", defaults(optionalObject(export, "defaults", "defaults")))
        .put("currentPhaseId", currentPhase(export));
    return new Result(title, template, meta, notes);
  }

  private static JsonObject settings(JsonObject settings) {
    only(settings, Fields.SETTINGS, "settings");
    JsonObject patch = new JsonObject();
    if (!settings.isEmpty()) {
      Command.UpdateSettings update = AsCommand.SETTINGS_UPDATE.read(settings, "settings",
          settings.fieldNames().toArray(String[]::new));
      // Only the flags the export gives: the others keep their defaults.
      for (String flag : settings.fieldNames()) {
        patch.put(flag, update.patch().getValue(flag));
      }
    }
    return Settings.DEFAULT.with(patch).toJson();
  }

  private JsonArray phases(JsonObject export) {
    JsonArray out = new JsonArray();
    forEach(export, "phases", Limits.MAX_PHASES, (p, path) -> {
      only(p, PHASE, path);
      String id = declare(p, path);
      phaseIds.add(p.getString("id"));
      Command.AddPhase phase = AsCommand.PHASE_ADD.read(p, path, "title", "instructions");
      out.add(new Phase(id, phase.title(), phase.instructions()).toJson());
    });
    return out;
  }

  private JsonArray areas(JsonObject export) {
    JsonArray out = new JsonArray();
    forEach(export, "areas", Limits.MAX_AREAS, (a, path) -> {
      only(a, AREA, path);
      // Areas come from templates; no command sets them.
      out.add(new JsonObject().put("id", declare(a, path))
          .put("title", at(path + ".title", () -> Fields.label(a, "title")))
          .put("hint", at(path + ".hint", () -> Fields.instructions(a, "hint")).orElse(null)));
    });
    return out;
  }

  private JsonArray clusters(JsonObject export) {
    JsonArray out = new JsonArray();
    forEach(export, "clusters", Limits.MAX_NOTES_PER_BOARD, (c, path) -> {
      only(c, CLUSTER, path);
      String id = declare(c, path);
      clusterIds.add(c.getString("id"));
      Command.CreateCluster cluster = AsCommand.CLUSTER_CREATE.read(c, path, "title");
      out.add(new Cluster(id, cluster.title()).toJson());
    });
    return out;
  }

  private JsonArray journeys(JsonObject export) {
    JsonArray out = new JsonArray();
    forEach(export, "journeys", Limits.MAX_JOURNEYS, (j, path) -> {
      only(j, JOURNEY, path);
      String id = declare(j, path);
      String oldId = j.getString("id");
      Command.CreateJourney journey = AsCommand.JOURNEY_CREATE.read(j, path, "title", "kind");
      String title = journey.title();
      String kind = journey.kind();
      List<Journey.Stage> stages = new ArrayList<>();
      Set<String> stageIds = new HashSet<>();
      forEach(j, path, "stages", Limits.MAX_STAGES, (s, sPath) -> {
        only(s, STAGE, sPath);
        String stageId = declare(s, sPath);
        stageIds.add(s.getString("id"));
        Command.JourneyStructure stage = AsCommand.STAGE_ADD.read(s, sPath, "title");
        stages.add(new Journey.Stage(stageId, stage.title().orElseThrow()));
      });
      List<Journey.Lane> lanes = new ArrayList<>();
      Map<String, String> laneKinds = new HashMap<>();
      forEach(j, path, "lanes", Limits.MAX_LANES, (l, lPath) -> {
        only(l, LANE, lPath);
        String laneId = declare(l, lPath);
        Command.JourneyStructure lane = AsCommand.LANE_ADD.read(l, lPath, "kind", "title");
        String laneKind = lane.kind().orElseThrow();
        laneKinds.put(l.getString("id"), laneKind);
        lanes.add(new Journey.Lane(laneId, lane.title().orElseThrow(), laneKind));
      });
      stagesOf.put(oldId, stageIds);
      lanesOf.put(oldId, laneKinds);
      Map<String, String> texts = new LinkedHashMap<>();
      Map<String, Journey.Emotion> emotions = new LinkedHashMap<>();
      forEach(j, path, "cells", Math.max(1, stages.size() * lanes.size()), (c, cPath) -> {
        only(c, CELL, cPath);
        Command.CellText where = AsCommand.CELL_TEXT.read(c, cPath, "stageId", "laneId");
        String stageId = where.stageId();
        String laneId = where.laneId();
        if (!stageIds.contains(stageId)) {
          throw refused(cPath + ".stageId", "No such stage in this journey map.", ErrorCode.NOT_FOUND);
        }
        String laneKind = laneKinds.get(laneId);
        if (laneKind == null) {
          throw refused(cPath + ".laneId", "No such lane in this journey map.", ErrorCode.NOT_FOUND);
        }
        String key = Journey.cellKey(remap(stageId), remap(laneId));
        if (texts.containsKey(key) || emotions.containsKey(key)) {
          throw refused(cPath, "This cell is given twice.", ErrorCode.WRONG_TYPE);
        }
        boolean emotion = "emotion".equals(laneKind);
        boolean text = "text".equals(laneKind) || "channel".equals(laneKind);
        // As journey.cell.text and journey.cell.emotion: each lane kind holds its own kind of cell.
        if ((!text && c.containsKey("text")) || (!emotion && (c.containsKey("score") || c.containsKey("why")))
            || (!text && !emotion)) {
          throw refused(cPath, "This lane holds " + laneKind + ", not that.", ErrorCode.WRONG_TYPE);
        }
        if (text) {
          String cellText = AsCommand.CELL_TEXT.<Command.CellText>read(c, cPath, "text").text();
          if (!cellText.isEmpty()) {
            texts.put(key, cellText);
          }
        } else {
          Command.CellEmotion feeling = AsCommand.CELL_EMOTION.read(c, cPath, "score", "why");
          Optional<Integer> score = feeling.score();
          String why = feeling.why();
          score.ifPresent(sc -> emotions.put(key, new Journey.Emotion(sc, why)));
        }
      });
      out.add(new Journey(id, title, kind, List.copyOf(stages), List.copyOf(lanes), texts, emotions).toJson());
    });
    return out;
  }

  private JsonArray notes(JsonObject export, String authorId, String now) {
    JsonArray out = new JsonArray();
    forEach(export, "notes", Limits.MAX_NOTES_PER_BOARD, (n, path) -> {
      only(n, NOTE, path);
      String id = declare(n, path);
      // As note.add with a position (an export has every note's).
      Command.AddNote note = AsCommand.NOTE_ADD.read(n, path, "text", "x", "y", "color");
      String text = note.text();
      double x = note.x();
      double y = note.y();
      String color = note.color();
      // Whether it is private, its author and times: no command sets them (the importer becomes the author).
      at(path + ".hidden", () -> n.getValue("hidden") == null ? null : Json.requiredBoolean(n, "hidden"));
      at(path + ".author", () -> Json.optionalString(n, "author"));
      String anonymity = at(path + ".anonymity", () -> Json.optionalString(n, "anonymity")).orElse(null);
      if (anonymity != null && !Note.FROM_PARTICIPANTS.equals(anonymity) && !Note.FROM_EVERYONE.equals(anonymity)) {
        throw refused(path + ".anonymity", "Must be participants, everyone or null.", ErrorCode.WRONG_TYPE);
      }
      // A reference to a group of the export (no command sets it as such): of the id form.
      String clusterId = at(path + ".clusterId", () -> Json.optionalString(n, "clusterId").map(Fields::id))
          .orElse(null);
      if (clusterId != null && !clusterIds.contains(clusterId)) {
        throw refused(path + ".clusterId", "No such cluster in the export.", ErrorCode.CLUSTER_NOT_FOUND);
      }
      Note.Cell cell = cell(n.getValue("cell"), path + ".cell");
      out.add(new Note(id, text, x, y, color, authorId, Instant.parse(instant(n, "createdAt", path, now)),
          Instant.parse(instant(n, "updatedAt", path, now)), false, remap(clusterId), cell, anonymity).toJson());
    });
    return out;
  }

  /** A note's journey cell, as note.place takes it: a notes lane of a map in the export. */
  private Note.Cell cell(Object value, String path) {
    if (value == null) {
      return null;
    }
    JsonObject c = object(value, path);
    only(c, CELL_REF, path);
    Note.Cell given = AsCommand.NOTE_PLACE.<Command.PlaceNote>read(c, path, "journeyId", "stageId", "laneId")
        .cell().orElseThrow();
    String journeyId = given.journeyId();
    String stageId = given.stageId();
    String laneId = given.laneId();
    if (!lanesOf.containsKey(journeyId) || !stagesOf.get(journeyId).contains(stageId)
        || !lanesOf.get(journeyId).containsKey(laneId)) {
      throw refused(path, "No such cell in the export's journey maps.", ErrorCode.NOT_FOUND);
    }
    if (!"notes".equals(lanesOf.get(journeyId).get(laneId))) {
      throw refused(path, "Notes go in notes lanes only.", ErrorCode.WRONG_TYPE);
    }
    return new Note.Cell(remap(journeyId), remap(stageId), remap(laneId));
  }

  private JsonArray votes(JsonObject export) {
    JsonArray out = new JsonArray();
    forEach(export, "votes", Limits.MAX_VOTES, (v, path) -> {
      only(v, VOTE, path);
      String id = declare(v, path);
      Object state = v.getValue("state");
      if (state != null && !"closed".equals(state)) {
        throw refused(path + ".state", "An export holds closed votes only.", ErrorCode.WRONG_TYPE);
      }
      Command.OpenVote vote = AsCommand.VOTE_OPEN.read(v, path, "targets", "budget", "maxPerItem", "secret");
      String targets = vote.targets();
      long budget = vote.budget();
      long maxPerItem = vote.maxPerItem();
      boolean secret = vote.secret();
      // Its end and results: no command sets them (a closed vote's results are the board's tally).
      at(path + ".endsAt", () -> v.getValue("endsAt") == null ? 0 : Json.requiredNumber(v, "endsAt"));
      JsonArray results = new JsonArray();
      JsonArray given = at(path + ".results",
          () -> Fields.list(v, "results", 0, 2 * Limits.MAX_NOTES_PER_BOARD));
      for (int i = 0; i < given.size(); i++) {
        String rPath = path + ".results[" + i + "]";
        JsonObject r = object(given.getValue(i), rPath);
        only(r, RESULT, rPath);
        String target = at(rPath + ".targetId", () -> Fields.id(Json.requiredString(r, "targetId")));
        String kind = at(rPath + ".kind", () -> Json.requiredString(r, "kind"));
        if (!"note".equals(kind) && !"cluster".equals(kind)) {
          throw refused(rPath + ".kind", "Must be note or cluster.", ErrorCode.WRONG_TYPE);
        }
        int size = given.size();
        results.add(new JsonObject().put("targetId", remap(target)).put("kind", kind)
            .put("votes", at(rPath + ".votes", () -> (int) Fields.wholeNumber(r, "votes", 1, MAX_RESULT_VOTES)))
            .put("rank", at(rPath + ".rank", () -> (int) Fields.wholeNumber(r, "rank", 1, size))));
      }
      out.add(new JsonObject().put("id", id).put("state", "closed").put("targets", targets)
          .put("budget", (int) budget).put("maxPerItem", (int) maxPerItem).put("secret", secret).putNull("endsAt")
          .put("results", results).put("ballots", new JsonObject()).put("kinds", new JsonObject()));
    });
    return out;
  }

  private JsonArray outcomes(JsonObject export, String now) {
    JsonArray out = new JsonArray();
    forEach(export, "outcomes", Limits.MAX_OUTCOMES, (o, path) -> {
      only(o, OUTCOME, path);
      String id = declare(o, path);
      // As outcome.create (with its own title) and outcome.update take them.
      if (o.getValue("title") == null) {
        // An exported item always has its title (a command may take it from a note instead).
        throw refused(path + ".title", "Field 'title' is required.", ErrorCode.MISSING_FIELD);
      }
      Command.CreateOutcome created = AsCommand.OUTCOME_CREATE.read(o, path, "kind", "title", "description", "owner",
          "due", "replyBy");
      if (o.getValue("status") == null) {
        // An exported item always has a status (outcome.create makes it open).
        throw refused(path + ".status", "Field 'status' is required.", ErrorCode.MISSING_FIELD);
      }
      JsonObject updated = AsCommand.OUTCOME_UPDATE.<Command.UpdateOutcome>read(o, path, "status", "explanation")
          .patch();
      String kind = created.kind();
      String title = created.title().orElseThrow();
      String description = created.description();
      String owner = created.owner();
      String due = created.due();
      String status = updated.getString("status");
      String explanation = updated.getString("explanation");
      String replyBy = created.replyBy();
      // Its dots, link and times: no command sets them.
      int votes = at(path + ".votes", () -> o.getValue("votes") == null ? 0
          : (int) Fields.wholeNumber(o, "votes", 0, MAX_RESULT_VOTES));
      at(path + ".overdue", () -> o.getValue("overdue") == null ? null : Json.requiredBoolean(o, "overdue"));
      if (o.getValue("github") != null) {
        object(o.getValue("github"), path + ".github"); // a link to another repository's issue: not taken along
      }
      JsonObject source = null;
      if (o.getValue("source") != null) {
        JsonObject s = object(o.getValue("source"), path + ".source");
        only(s, SOURCE, path + ".source");
        if (s.size() != 1) {
          throw refused(path + ".source", "Give noteId or clusterId.", ErrorCode.WRONG_TYPE);
        }
        String field = s.fieldNames().iterator().next();
        String ref = at(path + ".source." + field, () -> Fields.id(Json.requiredString(s, field)));
        source = new JsonObject().put(field, remap(ref));
      }
      out.add(new OutcomeItem(id, kind, title, description, owner, due, status, explanation, source, votes, replyBy,
          null, Instant.parse(instant(o, "createdAt", path, now)), Instant.parse(instant(o, "updatedAt", path, now)))
          .toJson());
    });
    return out;
  }

  private JsonObject defaults(JsonObject defaults) {
    only(defaults, DEFAULTS, "defaults");
    JsonObject out = new JsonObject();
    // As vote.open takes a budget and a maximum per item.
    List<AsCommand.Field> voteFields = new ArrayList<>();
    if (defaults.getValue("voteBudget") != null) {
      voteFields.add(new AsCommand.Field("voteBudget", "budget"));
    }
    if (defaults.getValue("voteMaxPerItem") != null) {
      voteFields.add(new AsCommand.Field("voteMaxPerItem", "maxPerItem"));
    }
    if (!voteFields.isEmpty()) {
      Command.OpenVote vote = AsCommand.VOTE_OPEN.read(defaults, "defaults", voteFields);
      for (AsCommand.Field field : voteFields) {
        out.put(field.export(), field.command().equals("budget") ? vote.budget() : vote.maxPerItem());
      }
    }
    JsonObject minutes = new JsonObject();
    // A phase's planned minutes come from templates; no command sets them.
    if (defaults.getValue("phaseMinutes") != null) {
      JsonObject given = object(defaults.getValue("phaseMinutes"), "defaults.phaseMinutes");
      for (String phase : given.fieldNames()) {
        String path = "defaults.phaseMinutes." + phase;
        at(path, () -> Fields.id(phase));
        int value = at(path, () -> (int) Fields.wholeNumber(given, phase, 1, Limits.MAX_PHASE_MINUTES));
        if (phaseIds.contains(phase)) {
          // Minutes of phases removed since are left behind.
          minutes.put(remap(phase), value);
        }
      }
    }
    return out.put("phaseMinutes", minutes);
  }

  private String currentPhase(JsonObject export) {
    // As phase.activate takes it.
    String current = export.getValue("currentPhaseId") == null ? null
        : AsCommand.PHASE_ACTIVATE.<Command.ActivatePhase>read(export, null,
            List.of(new AsCommand.Field("currentPhaseId", "id"))).id();
    if (current != null && !phaseIds.contains(current)) {
      throw refused("currentPhaseId", "No such phase in the export.", ErrorCode.PHASE_NOT_FOUND);
    }
    return remap(current);
  }

  /** The export's time if it is one, now if there is none. */
  private static String instant(JsonObject json, String field, String path, String now) {
    String value = at(path + "." + field, () -> Json.optionalString(json, field)).orElse(null);
    if (value == null) {
      return now;
    }
    try {
      return Instant.parse(value).toString();
    } catch (java.time.format.DateTimeParseException e) {
      throw refused(path + "." + field, "Must be a time like 2026-11-25T10:00:00Z.", ErrorCode.WRONG_TYPE);
    }
  }

  private interface Part {
    void read(JsonObject item, String path);
  }

  private static void forEach(JsonObject parent, String field, int max, Part part) {
    forEach(parent, null, field, max, part);
  }

  /** Each object of a list of at most {@code max} (absent: none), with its path. */
  private static void forEach(JsonObject parent, String parentPath, String field, int max, Part part) {
    String path = parentPath == null ? field : parentPath + "." + field;
    JsonArray items = at(path, () -> Fields.list(parent, field, 0, max));
    for (int i = 0; i < items.size(); i++) {
      String itemPath = path + "[" + i + "]";
      part.read(object(items.getValue(i), itemPath), itemPath);
    }
  }

  private static JsonObject object(Object value, String path) {
    if (!(value instanceof JsonObject json)) {
      throw refused(path, value == null ? "Missing." : "Must be an object.",
          value == null ? ErrorCode.MISSING_FIELD : ErrorCode.WRONG_TYPE);
    }
    return json;
  }

  private static JsonObject optionalObject(JsonObject parent, String field, String path) {
    return parent.getValue(field) == null ? new JsonObject() : object(parent.getValue(field), path);
  }

  private static void only(JsonObject json, Set<String> allowed, String path) {
    for (String name : json.fieldNames()) {
      if (!allowed.contains(name)) {
        String at = path.equals("the export") ? name : path + "." + name;
        throw refused(at, "Not a field of a Paja export.", ErrorCode.UNKNOWN_FIELD);
      }
    }
  }

  /** Runs one field's check; its refusal becomes the import's, naming the field. */
  private static <T> T at(String path, Supplier<T> check) {
    try {
      return check.get();
    } catch (PajaException e) {
      throw refused(path, e.getMessage(), e.code());
    }
  }

  static PajaException refused(String path, String why, ErrorCode cause) {
    return new PajaException(ErrorCode.INVALID_IMPORT, path + ": " + why + " (" + cause.code() + ")");
  }
}
