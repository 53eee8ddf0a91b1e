package fi.paja.board;

import io.vertx.core.json.JsonObject;

/** A named group of notes; its members are the notes whose {@code clusterId} is this id. */
public record Cluster(String id, String title) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("title", title);
  }

  public static Cluster fromJson(JsonObject json) {
    return new Cluster(json.getString("id"), json.getString("title", ""));
  }
}
