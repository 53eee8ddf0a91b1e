package fi.paja.auth;

import io.vertx.core.json.JsonObject;

/**
 * A stored login. {@code kind} is {@code facilitator} (an account; a member of the workshops it owns) or
 * {@code participant} (one workshop).
 */
public record Session(String tokenHash, String kind, String accountId, String username, String workshopId,
                      String participantId, long expiresAt) {

  public static final String FACILITATOR = "facilitator";
  public static final String PARTICIPANT = "participant";

  public boolean isFacilitator() {
    return FACILITATOR.equals(kind);
  }

  public JsonObject toDoc() {
    return new JsonObject().put("_id", tokenHash).put("kind", kind).put("accountId", accountId)
        .put("username", username).put("workshopId", workshopId).put("participantId", participantId)
        .put("expiresAt", expiresAt);
  }

  public static Session fromDoc(JsonObject doc) {
    return new Session(doc.getString("_id"), doc.getString("kind"), doc.getString("accountId"),
        doc.getString("username"), doc.getString("workshopId"), doc.getString("participantId"),
        doc.getLong("expiresAt"));
  }
}
