package fi.paja.outcome;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;

/**
 * A decision or an action item: what became of the workshop's input. Made from a note or cluster (keeping the link
 * and its votes) or written directly. {@code owner} is a name, not an account. {@code explanation} is the short
 * public reason shown with the status ("done: the phone line opens at 8 now").
 */
public record OutcomeItem(String id, String kind, String title, String description, String owner, String due,
                          String status, String explanation, JsonObject source, int votes, String replyBy,
                          JsonObject github, Instant createdAt, Instant updatedAt) {

  public static final Set<String> KINDS = Set.of("decision", "action");
  public static final Set<String> STATUSES = Set.of("open", "in_progress", "done", "wont_do");

  public boolean isOpen() {
    return "open".equals(status) || "in_progress".equals(status);
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("kind", kind).put("title", title).put("description", description)
        .put("owner", owner).put("due", due).put("status", status).put("explanation", explanation)
        .put("source", source == null ? null : source.copy()).put("votes", votes).put("replyBy", replyBy)
        .put("github", github == null ? null : github.copy())
        .put("createdAt", createdAt.toString()).put("updatedAt", updatedAt.toString());
  }

  /** What anyone may see on the public "what happened to our ideas" page: no names, no links inside the board. */
  public JsonObject toPublicJson() {
    return new JsonObject().put("id", id).put("kind", kind).put("title", title).put("description", description)
        .put("status", status).put("explanation", explanation).put("updatedAt", updatedAt.toString());
  }

  public static OutcomeItem fromJson(JsonObject j) {
    return new OutcomeItem(j.getString("id"), j.getString("kind"), j.getString("title"), j.getString("description"),
        j.getString("owner"), j.getString("due"), j.getString("status"), j.getString("explanation"),
        j.getJsonObject("source"), j.getInteger("votes", 0), j.getString("replyBy"), j.getJsonObject("github"),
        Instant.parse(j.getString("createdAt")), Instant.parse(j.getString("updatedAt")));
  }

  public OutcomeItem with(JsonObject patch, Instant at) {
    return new OutcomeItem(id, kind,
        patch.containsKey("title") ? patch.getString("title") : title,
        patch.containsKey("description") ? patch.getString("description") : description,
        patch.containsKey("owner") ? patch.getString("owner") : owner,
        patch.containsKey("due") ? patch.getString("due") : due,
        patch.containsKey("status") ? patch.getString("status") : status,
        patch.containsKey("explanation") ? patch.getString("explanation") : explanation,
        source, votes,
        patch.containsKey("replyBy") ? patch.getString("replyBy") : replyBy,
        patch.containsKey("github") ? patch.getJsonObject("github") : github,
        createdAt, at);
  }
}
