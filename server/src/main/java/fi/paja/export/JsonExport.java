package fi.paja.export;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * The whole workshop as JSON, in the form {@code POST /api/workshops/import} reads back: format and version, the
 * workshop, the board-wide state, notes (without authors' ids) and outcomes. Notes stream one per piece.
 */
public final class JsonExport implements Exporter {

  public static final String FORMAT = "paja-workshop";
  public static final int VERSION = 1;

  @Override
  public String contentType() {
    return "application/json; charset=utf-8";
  }

  @Override
  public String extension() {
    return "json";
  }

  @Override
  public void write(JsonObject view, Consumer<String> out) {
    JsonObject head = new JsonObject().put("format", FORMAT).put("version", VERSION)
        .put("workshop", new JsonObject().put("title", view.getString("title"))
            .put("template", view.getString("template")).put("createdAt", view.getString("createdAt")))
        .put("settings", view.getJsonObject("settings"))
        .put("phases", view.getJsonArray("phases", new JsonArray()))
        .put("currentPhaseId", view.getString("currentPhaseId"))
        .put("areas", view.getJsonArray("areas", new JsonArray()))
        .put("clusters", view.getJsonArray("clusters", new JsonArray()))
        .put("journeys", view.getJsonArray("journeys", new JsonArray()))
        .put("votes", view.getJsonArray("votes", new JsonArray()))
        .put("defaults", view.getJsonObject("defaults", new JsonObject()))
        .put("outcomes", view.getJsonArray("outcomes", new JsonArray()));
    String encoded = head.encodePrettily();
    // Everything but the closing brace, then the notes one by one.
    out.accept(encoded.substring(0, encoded.lastIndexOf('}')).stripTrailing() + ",\n  \"notes\" : [");
    boolean first = true;
    for (Object o : view.getJsonArray("notes", new JsonArray())) {
      JsonObject n = ((JsonObject) o).copy();
      n.remove("mine");
      n.remove("overdue");
      out.accept((first ? "\n    " : ",\n    ") + n.encode());
      first = false;
    }
    out.accept("\n  ]\n}\n");
  }
}
