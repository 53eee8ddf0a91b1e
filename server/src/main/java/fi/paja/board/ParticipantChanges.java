package fi.paja.board;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Events about who is on a board. Named {@code Event.ParticipantJoined} and so on: see {@link Event}. */
public interface ParticipantChanges {

  record ParticipantJoined(Participant participant) implements Event.Change {
    public static final ChangeType<ParticipantJoined> TYPE = new ChangeType<>("participant.joined",
        ParticipantJoined.class,
        json -> new ParticipantJoined(Participant.fromJson(json.getJsonObject("participant"))));

    public ChangeType<ParticipantJoined> changeType() {
      return TYPE;
    }

    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public void writeTo(JsonObject json) {
      json.put("participant", participant.toJson());
    }
  }

  record ParticipantRoleChanged(String participantId, String role) implements Event.Change {
    public static final ChangeType<ParticipantRoleChanged> TYPE = new ChangeType<>("participant.role",
        ParticipantRoleChanged.class,
        json -> new ParticipantRoleChanged(json.getString("participantId"), json.getString("role")));

    public ChangeType<ParticipantRoleChanged> changeType() {
      return TYPE;
    }

    /** Everyone sees it; it is personal to the one whose role changed (her view of what follows changes). */
    public Visibility.Subject subject() {
      return Visibility.Subject.sharedAbout(List.of(participantId));
    }

    public void writeTo(JsonObject json) {
      json.put("participantId", participantId).put("role", role);
    }
  }

  record ParticipantRemoved(String participantId) implements Event.Change {
    public static final ChangeType<ParticipantRemoved> TYPE = new ChangeType<>("participant.removed",
        ParticipantRemoved.class, json -> new ParticipantRemoved(json.getString("participantId")));

    public ChangeType<ParticipantRemoved> changeType() {
      return TYPE;
    }

    public Visibility.Subject subject() {
      return Visibility.Subject.sharedAbout(List.of(participantId));
    }

    public void writeTo(JsonObject json) {
      json.put("participantId", participantId);
    }
  }

  /**
   * People erased (docs/SECURITY.md, "Erasure"): they leave the board's participants, the notes they wrote lose
   * their author (or, with {@code notesDeleted}, are gone for good, with no tombstone), their deleted notes kept for
   * undo are gone, their dots stay in the tally under a key that names nobody. With {@code allAuthors} (retention)
   * every note loses its author, the owner's too. Clients take a new snapshot on it. After it is applied the board
   * writes a checkpoint and drops the op log up to it, so no stored event names them any more.
   */
  record ParticipantsErased(List<String> participantIds, boolean notesDeleted, boolean allAuthors)
      implements Event.Change {
    public static final ChangeType<ParticipantsErased> TYPE = new ChangeType<>("participants.erased",
        ParticipantsErased.class, json -> new ParticipantsErased(json.getJsonArray("participantIds").stream()
            .map(String.class::cast).toList(), json.getBoolean("notesDeleted", false),
            json.getBoolean("allAuthors", false)));

    public ChangeType<ParticipantsErased> changeType() {
      return TYPE;
    }

    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public void writeTo(JsonObject json) {
      json.put("participantIds", new JsonArray(new ArrayList<>(participantIds)))
          .put("notesDeleted", notesDeleted).put("allAuthors", allAuthors);
    }
  }
}
