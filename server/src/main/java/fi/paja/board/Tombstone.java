package fi.paja.board;

import fi.paja.config.Limits;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A deleted note kept so that it can be restored ({@code note.restore}, the board's undo of a delete): the note as it
 * was, when and by whom it was deleted, and the title of its group when that group is gone (so that a restore can
 * bring the group back). Never shown on any channel and counted nowhere; kept at most
 * {@link Limits#TOMBSTONE_RETENTION} and only the last {@link Limits#MAX_TOMBSTONES} of a board.
 */
public record Tombstone(Note note, Instant deletedAt, String deletedBy, String groupTitle) {

  Tombstone withGroupTitle(String title) {
    return new Tombstone(note, deletedAt, deletedBy, title);
  }

  Tombstone withoutDeleter() {
    return new Tombstone(note, deletedAt, null, groupTitle);
  }

  /** The {@code t} field of the note's stored document (its {@code n} is the note). */
  public JsonObject toStored() {
    return new JsonObject().put("at", deletedAt.toString()).put("by", deletedBy).put("group", groupTitle);
  }

  public static Tombstone fromStored(Note note, JsonObject t) {
    return new Tombstone(note, Instant.parse(t.getString("at")), t.getString("by"), t.getString("group"));
  }
}
