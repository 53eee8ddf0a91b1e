package fi.paja.board;

import io.vertx.core.json.JsonObject;

/** Someone on a board: a pseudonym and a role, nothing more. */
public record Participant(String id, String name, String role) {

  public static final String FACILITATOR = "facilitator";
  public static final String PARTICIPANT = "participant";

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name).put("role", role);
  }

  public static Participant fromJson(JsonObject json) {
    return new Participant(json.getString("id"), json.getString("name"), json.getString("role"));
  }
}
