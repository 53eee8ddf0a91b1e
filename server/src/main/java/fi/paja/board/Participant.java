package fi.paja.board;

import fi.paja.auth.Roles;
import io.vertx.core.json.JsonObject;

/** Someone on a board: a pseudonym and a role, nothing more. */
public record Participant(String id, String name, String role, boolean removed) {

  public static final String FACILITATOR = Roles.FACILITATOR;
  public static final String COFACILITATOR = Roles.COFACILITATOR;
  public static final String PARTICIPANT = Roles.PARTICIPANT;
  public static final String OBSERVER = Roles.OBSERVER;
  /** Roles a facilitator can give; there is one owner, the {@code facilitator}. */
  public static final java.util.Set<String> ASSIGNABLE = java.util.Set.of(COFACILITATOR, PARTICIPANT, OBSERVER);

  public Participant(String id, String name, String role) {
    this(id, name, role, false);
  }

  public boolean isFacilitator() {
    return FACILITATOR.equals(role) || COFACILITATOR.equals(role);
  }

  public boolean isObserver() {
    return OBSERVER.equals(role);
  }

  public Participant withRole(String newRole) {
    return new Participant(id, name, newRole, removed);
  }

  public Participant asRemoved() {
    return new Participant(id, name, role, true);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("name", name).put("role", role);
    return removed ? json.put("removed", true) : json;
  }

  public static Participant fromJson(JsonObject json) {
    return new Participant(json.getString("id"), json.getString("name"), json.getString("role"),
        json.getBoolean("removed", false));
  }
}
