package fi.paja.board;

import io.vertx.core.json.JsonObject;

/** A step of a workshop with what to do in it, e.g. "Private brainstorm: write one idea per note". */
public record Phase(String id, String title, String instructions) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("title", title).put("instructions", instructions);
  }

  public static Phase fromJson(JsonObject json) {
    return new Phase(json.getString("id"), json.getString("title"), json.getString("instructions", ""));
  }
}
