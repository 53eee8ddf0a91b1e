package fi.paja.board;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A change that happened on a board. {@code seq} is consecutive per workshop; {@code by} is the participant who
 * caused it. The JSON form is the public wire format (docs/PROTOCOL.md) and also what the op log stores.
 */
public record Event(long seq, String workshopId, Instant at, String by, Change change) {

  /** The part of an event that differs by type. */
  public sealed interface Change {
    String type();

    void writeTo(JsonObject json);
  }

  public record ParticipantJoined(Participant participant) implements Change {
    public String type() {
      return "participant.joined";
    }

    public void writeTo(JsonObject json) {
      json.put("participant", participant.toJson());
    }
  }

  public record NoteAdded(Note note) implements Change {
    public String type() {
      return "note.added";
    }

    public void writeTo(JsonObject json) {
      json.put("note", note.toJson());
    }
  }

  public record NoteUpdated(Note note) implements Change {
    public String type() {
      return "note.updated";
    }

    public void writeTo(JsonObject json) {
      json.put("note", note.toJson());
    }
  }

  public record NoteMoved(String id, double x, double y) implements Change {
    public String type() {
      return "note.moved";
    }

    public void writeTo(JsonObject json) {
      json.put("id", id).put("x", x).put("y", y);
    }
  }

  public record NoteDeleted(String id) implements Change {
    public String type() {
      return "note.deleted";
    }

    public void writeTo(JsonObject json) {
      json.put("id", id);
    }
  }

  public String type() {
    return change.type();
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("type", change.type()).put("seq", seq).put("workshopId", workshopId)
        .put("at", at.toString()).put("by", by);
    change.writeTo(json);
    return json;
  }

  public static Event fromJson(JsonObject json) {
    Change change = switch (json.getString("type")) {
      case "participant.joined" -> new ParticipantJoined(Participant.fromJson(json.getJsonObject("participant")));
      case "note.added" -> new NoteAdded(Note.fromJson(json.getJsonObject("note")));
      case "note.updated" -> new NoteUpdated(Note.fromJson(json.getJsonObject("note")));
      case "note.moved" -> new NoteMoved(json.getString("id"), json.getDouble("x"), json.getDouble("y"));
      case "note.deleted" -> new NoteDeleted(json.getString("id"));
      default -> throw new IllegalArgumentException("unknown event type " + json.getString("type"));
    };
    return new Event(json.getLong("seq"), json.getString("workshopId"), Instant.parse(json.getString("at")),
        json.getString("by"), change);
  }
}
