package fi.paja.workshop;

import fi.paja.board.Board;
import fi.paja.board.Phase;
import fi.paja.board.Settings;
import fi.paja.journey.Journey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns a template into a new board in one language, and a board back into a template. A template's texts come in
 * fi, sv and en; a workshop is run in one of them.
 */
public final class TemplateSeed {

  private TemplateSeed() {
  }

  /** The board-wide state (as stored with the workshop) of a new workshop made from this template. */
  public static JsonObject board(JsonObject template, String lang, Supplier<String> newId) {
    List<Phase> phases = new ArrayList<>();
    JsonObject phaseMinutes = new JsonObject();
    for (Object o : template.getJsonArray("phases", new JsonArray())) {
      JsonObject p = (JsonObject) o;
      Phase phase = new Phase(newId.get(), text(p, "title", lang), text(p, "instructions", lang));
      phases.add(phase);
      if (p.getInteger("minutes") != null) {
        phaseMinutes.put(phase.id(), p.getInteger("minutes"));
      }
    }
    JsonObject s = template.getJsonObject("settings", new JsonObject());
    Settings settings = Settings.DEFAULT.with(new JsonObject()
        .put("anonymous", s.getBoolean("anonymous", false))
        .put("anonymousToFacilitators", s.getBoolean("anonymousToFacilitators", false))
        .put("privateMode", s.getBoolean("privateMode", false))
        .put("facilitatorsSeePrivate", s.getBoolean("facilitatorsSeePrivate", true)));
    JsonArray areas = new JsonArray();
    for (Object o : template.getJsonArray("areas", new JsonArray())) {
      JsonObject a = (JsonObject) o;
      areas.add(new JsonObject().put("id", newId.get()).put("title", text(a, "title", lang))
          .put("hint", a.containsKey("hint") ? text(a, "hint", lang) : null));
    }
    List<Journey> journeys = new ArrayList<>();
    for (Object o : template.getJsonArray("journeys", new JsonArray())) {
      JsonObject j = (JsonObject) o;
      List<Journey.Stage> stages = new ArrayList<>();
      j.getJsonArray("stages")
          .forEach(st -> stages.add(new Journey.Stage(newId.get(), ((JsonObject) st).getString(lang))));
      List<Journey.Lane> lanes = new ArrayList<>();
      j.getJsonArray("lanes").forEach(l -> lanes.add(new Journey.Lane(newId.get(), text((JsonObject) l, "title", lang),
          ((JsonObject) l).getString("kind"))));
      journeys.add(new Journey(newId.get(), text(j, "title", lang), j.getString("kind"), List.copyOf(stages),
          List.copyOf(lanes), Map.of(), Map.of()));
    }
    JsonObject defaults = new JsonObject()
        .put("voteBudget", s.getInteger("voteBudget", 3))
        .put("voteMaxPerItem", s.getInteger("voteMaxPerItem", s.getInteger("voteBudget", 3)))
        .put("phaseMinutes", phaseMinutes);
    Board board = new Board("seed", newId);
    board.seed(phases, settings, areas, journeys, defaults);
    return board.metaToJson();
  }

  /** A template file made from a board's snapshot (as its owner sees it); the one language fills all three. */
  public static JsonObject fromBoard(String id, String name, JsonObject snapshot) {
    JsonArray phases = new JsonArray();
    snapshot.getJsonArray("phases", new JsonArray()).forEach(o -> {
      JsonObject p = (JsonObject) o;
      String instructions = p.getString("instructions", "");
      phases.add(new JsonObject().put("title", all(p.getString("title")))
          .put("instructions", all(instructions.isBlank() ? p.getString("title") : instructions)));
    });
    JsonArray areas = new JsonArray();
    snapshot.getJsonArray("areas", new JsonArray()).forEach(o -> {
      JsonObject a = (JsonObject) o;
      JsonObject area = new JsonObject().put("title", all(a.getString("title")));
      if (a.getString("hint") != null && !a.getString("hint").isBlank()) {
        area.put("hint", all(a.getString("hint")));
      }
      areas.add(area);
    });
    JsonArray journeys = new JsonArray();
    snapshot.getJsonArray("journeys", new JsonArray()).stream().limit(2).forEach(o -> {
      JsonObject j = (JsonObject) o;
      JsonArray stages = new JsonArray();
      j.getJsonArray("stages").forEach(st -> stages.add(all(((JsonObject) st).getString("title"))));
      JsonArray lanes = new JsonArray();
      j.getJsonArray("lanes").forEach(l -> lanes.add(new JsonObject()
          .put("kind", ((JsonObject) l).getString("kind")).put("title", all(((JsonObject) l).getString("title")))));
      if (!stages.isEmpty() && !lanes.isEmpty()) {
        journeys.add(new JsonObject().put("kind", j.getString("kind")).put("title", all(j.getString("title")))
            .put("stages", stages).put("lanes", lanes));
      }
    });
    JsonObject settings = snapshot.getJsonObject("settings", new JsonObject());
    JsonObject defaults = snapshot.getJsonObject("defaults", new JsonObject());
    JsonObject templateSettings = new JsonObject()
        .put("anonymous", settings.getBoolean("anonymous", false))
        .put("anonymousToFacilitators", settings.getBoolean("anonymousToFacilitators", false))
        .put("privateMode", settings.getBoolean("privateMode", false))
        .put("facilitatorsSeePrivate", settings.getBoolean("facilitatorsSeePrivate", true));
    if (defaults.getInteger("voteBudget") != null) {
      templateSettings.put("voteBudget", defaults.getInteger("voteBudget"));
    }
    JsonObject template = new JsonObject().put("id", id).put("level", "any").put("name", all(name))
        .put("description", all(snapshot.getString("title", name))).put("settings", templateSettings)
        .put("phases", phases);
    if (!areas.isEmpty()) {
      template.put("areas", areas);
    }
    if (!journeys.isEmpty()) {
      template.put("journeys", journeys);
    }
    return template;
  }

  private static String text(JsonObject holder, String field, String lang) {
    JsonObject texts = holder.getJsonObject(field);
    return texts == null ? "" : texts.getString(lang, texts.getString("en", ""));
  }

  private static JsonObject all(String text) {
    return new JsonObject().put("fi", text).put("sv", text).put("en", text);
  }
}
