package fi.paja.workshop;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The structure of a board, for a duplicate: every phase with its instructions (as they are, blank too) and its
 * default duration, every area, every journey map's stages and lanes (empty cells), settings and vote budget. In
 * the shape of a template ({@link TemplateSeed#board} makes the new board from it), unlike a template saved from a
 * board ({@link TemplateSeed#fromBoard}) not cut to what a template file may hold.
 */
final class WorkshopCopy {

  private WorkshopCopy() {
  }

  static JsonObject structure(JsonObject snapshot) {
    JsonObject minutes = snapshot.getJsonObject("defaults", new JsonObject())
        .getJsonObject("phaseMinutes", new JsonObject());
    JsonArray phases = new JsonArray();
    snapshot.getJsonArray("phases", new JsonArray()).forEach(o -> {
      JsonObject p = (JsonObject) o;
      JsonObject phase = new JsonObject().put("title", all(p.getString("title")))
          .put("instructions", all(p.getString("instructions", "")));
      Object m = minutes.getValue(p.getString("id"));
      if (m instanceof Number n) {
        phase.put("minutes", n.intValue());
      }
      phases.add(phase);
    });
    JsonArray journeys = new JsonArray();
    snapshot.getJsonArray("journeys", new JsonArray()).forEach(o -> {
      JsonObject j = (JsonObject) o;
      JsonArray stages = new JsonArray();
      j.getJsonArray("stages", new JsonArray()).forEach(st -> stages.add(all(((JsonObject) st).getString("title"))));
      JsonArray lanes = new JsonArray();
      j.getJsonArray("lanes", new JsonArray()).forEach(l -> lanes.add(new JsonObject()
          .put("kind", ((JsonObject) l).getString("kind")).put("title", all(((JsonObject) l).getString("title")))));
      journeys.add(new JsonObject().put("kind", j.getString("kind")).put("title", all(j.getString("title")))
          .put("stages", stages).put("lanes", lanes));
    });
    // Areas and settings as a template keeps them (all of them).
    JsonObject template = TemplateSeed.fromBoard("copy", snapshot.getString("title", ""), snapshot);
    return template.put("phases", phases).put("journeys", journeys);
  }

  private static JsonObject all(String text) {
    String t = text == null ? "" : text;
    return new JsonObject().put("fi", t).put("sv", t).put("en", t);
  }
}
