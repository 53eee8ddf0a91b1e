package fi.paja.board;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A sticky note as it is on the board now. {@code anonymity} is how anonymous the workshop was when the note was
 * written ({@link #FROM_PARTICIPANTS}, {@link #FROM_EVERYONE} or null): its author stays hidden that far for ever,
 * whatever the settings later become.
 */
public record Note(String id, String text, double x, double y, String color, String authorId,
                   Instant createdAt, Instant updatedAt, boolean hidden, String clusterId, Cell cell,
                   String anonymity) {

  /** Written while the workshop was anonymous: authors hidden from participants (facilitators may see them). */
  public static final String FROM_PARTICIPANTS = "participants";
  /** Written while authors were hidden from facilitators too. */
  public static final String FROM_EVERYONE = "everyone";

  public Note(String id, String text, double x, double y, String color, String authorId, Instant createdAt,
              Instant updatedAt, boolean hidden, String clusterId, Cell cell) {
    this(id, text, x, y, color, authorId, createdAt, updatedAt, hidden, clusterId, cell, null);
  }

  /** Whether this viewer may not learn who wrote the note because it was written anonymously. */
  public static boolean authorHiddenByAnonymity(String anonymity, boolean viewerIsFacilitator) {
    return FROM_EVERYONE.equals(anonymity) || (FROM_PARTICIPANTS.equals(anonymity) && !viewerIsFacilitator);
  }

  /** Where a note sits on a journey map; null when it is on the free canvas. */
  public record Cell(String journeyId, String stageId, String laneId) {
    public JsonObject toJson() {
      return new JsonObject().put("journeyId", journeyId).put("stageId", stageId).put("laneId", laneId);
    }
  }

  public Note(String id, String text, double x, double y, String color, String authorId, Instant createdAt,
              Instant updatedAt) {
    this(id, text, x, y, color, authorId, createdAt, updatedAt, false, null, null);
  }

  public Note(String id, String text, double x, double y, String color, String authorId, Instant createdAt,
              Instant updatedAt, boolean hidden, String clusterId) {
    this(id, text, x, y, color, authorId, createdAt, updatedAt, hidden, clusterId, null);
  }

  /** The same note without its author: what is left of it after its author was erased (docs/SECURITY.md). */
  public Note withoutAuthor() {
    return new Note(id, text, x, y, color, null, createdAt, updatedAt, hidden, clusterId, cell, anonymity);
  }

  public Note placed(Cell newCell, Instant at) {
    return new Note(id, text, x, y, color, authorId, createdAt, at, hidden, clusterId, newCell, anonymity);
  }

  public Note withText(String newText, Instant at) {
    return new Note(id, newText, x, y, color, authorId, createdAt, at, hidden, clusterId, cell, anonymity);
  }

  public Note withColor(String newColor, Instant at) {
    return new Note(id, text, x, y, newColor, authorId, createdAt, at, hidden, clusterId, cell, anonymity);
  }

  public Note movedTo(double newX, double newY, Instant at) {
    return new Note(id, text, newX, newY, color, authorId, createdAt, at, hidden, clusterId, cell, anonymity);
  }

  public Note inCluster(String newClusterId, Instant at) {
    return new Note(id, text, x, y, color, authorId, createdAt, at, hidden, newClusterId, cell, anonymity);
  }

  public Note revealed() {
    return new Note(id, text, x, y, color, authorId, createdAt, updatedAt, false, clusterId, cell, anonymity);
  }

  /** Revealed at the position the reveal gave it. */
  public Note revealedAt(double newX, double newY) {
    return new Note(id, text, newX, newY, color, authorId, createdAt, updatedAt, false, clusterId, cell, anonymity);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id).put("text", text).put("x", x).put("y", y).put("color", color)
        .put("authorId", authorId)
        .put("createdAt", createdAt.toString()).put("updatedAt", updatedAt.toString())
        .put("hidden", hidden).put("clusterId", clusterId).put("cell", cell == null ? null : cell.toJson())
        .put("anonymity", anonymity);
  }

  public static Note fromJson(JsonObject json) {
    return new Note(json.getString("id"), json.getString("text"),
        json.getDouble("x"), json.getDouble("y"), json.getString("color"), json.getString("authorId"),
        Instant.parse(json.getString("createdAt")), Instant.parse(json.getString("updatedAt")),
        json.getBoolean("hidden", false), json.getString("clusterId"), cellFrom(json.getJsonObject("cell")),
        json.getString("anonymity"));
  }

  private static Cell cellFrom(JsonObject json) {
    return json == null ? null
        : new Cell(json.getString("journeyId"), json.getString("stageId"), json.getString("laneId"));
  }
}
