package fi.paja.board;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * A change that happened on a board. {@code seq} is consecutive per workshop; {@code by} is the participant who
 * caused it. The JSON form is the public wire format (docs/PROTOCOL.md) and also what the op log stores.
 * {@code visibility} (JSON {@code _v}, never sent to clients) says who may see what of it; see {@link Visibility}.
 */
public record Event(long seq, String workshopId, Instant at, String by, Change change, JsonObject visibility) {

  public Event(long seq, String workshopId, Instant at, String by, Change change) {
    this(seq, workshopId, at, by, change, null);
  }

  /** The part of an event that differs by type. */
  public sealed interface Change {
    String type();

    /**
     * What this change is about, which decides who may see what of it ({@link Visibility}). Every type must say:
     * a new one without it does not compile, and {@code VisibilityMatrixTest} runs each through every viewer.
     */
    Visibility.Subject subject();

    void writeTo(JsonObject json);
  }

  public record ParticipantJoined(Participant participant) implements Change {
    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public String type() {
      return "participant.joined";
    }

    public void writeTo(JsonObject json) {
      json.put("participant", participant.toJson());
    }
  }

  public record ParticipantRoleChanged(String participantId, String role) implements Change {
    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public String type() {
      return "participant.role";
    }

    public void writeTo(JsonObject json) {
      json.put("participantId", participantId).put("role", role);
    }
  }

  public record ParticipantRemoved(String participantId) implements Change {
    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public String type() {
      return "participant.removed";
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
  public record ParticipantsErased(List<String> participantIds, boolean notesDeleted, boolean allAuthors)
      implements Change {
    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public String type() {
      return "participants.erased";
    }

    public void writeTo(JsonObject json) {
      json.put("participantIds", new JsonArray(new java.util.ArrayList<>(participantIds)))
          .put("notesDeleted", notesDeleted).put("allAuthors", allAuthors);
    }
  }

  public record NoteAdded(Note note) implements Change {
    public Visibility.Subject subject() {
      return new Visibility.Subject.OneNote(note.id(), note);
    }

    public String type() {
      return "note.added";
    }

    public void writeTo(JsonObject json) {
      json.put("note", note.toJson());
    }
  }

  public record NoteUpdated(Note note) implements Change {
    public Visibility.Subject subject() {
      return new Visibility.Subject.OneNote(note.id(), note);
    }

    public String type() {
      return "note.updated";
    }

    public void writeTo(JsonObject json) {
      json.put("note", note.toJson());
    }
  }

  public record NoteMoved(String id, double x, double y) implements Change {
    public Visibility.Subject subject() {
      return new Visibility.Subject.OneNote(id, null);
    }

    public String type() {
      return "note.moved";
    }

    public void writeTo(JsonObject json) {
      json.put("id", id).put("x", x).put("y", y);
    }
  }

  /** Where a note ended up. */
  public record Position(String id, double x, double y) {
    JsonObject toJson() {
      return new JsonObject().put("id", id).put("x", x).put("y", y);
    }

    static Position fromJson(JsonObject json) {
      return new Position(json.getString("id"), json.getDouble("x"), json.getDouble("y"));
    }
  }

  /**
   * A group moved as one: one event with every member's resulting position, however many notes the group holds (a
   * {@code note.moved} per note made one command thousands of events). Positions of notes a viewer may not see are
   * taken out for her ({@link Visibility}).
   */
  public record ClusterMoved(String clusterId, List<Position> positions) implements Change {
    public Visibility.Subject subject() {
      return new Visibility.Subject.ManyNotes(positions);
    }

    public String type() {
      return "cluster.moved";
    }

    public void writeTo(JsonObject json) {
      JsonArray array = new JsonArray(new java.util.ArrayList<>(positions.size()));
      positions.forEach(p -> array.add(p.toJson()));
      json.put("clusterId", clusterId).put("positions", array);
    }
  }

  public record NoteDeleted(String id) implements Change {
    public Visibility.Subject subject() {
      return new Visibility.Subject.OneNote(id, null);
    }

    public String type() {
      return "note.deleted";
    }

    public void writeTo(JsonObject json) {
      json.put("id", id);
    }
  }

  /** A deleted note brought back (whole, with its group), from its tombstone. */
  public record NoteRestored(Note note) implements Change {
    public Visibility.Subject subject() {
      return new Visibility.Subject.OneNote(note.id(), note);
    }

    public String type() {
      return "note.restored";
    }

    public void writeTo(JsonObject json) {
      json.put("note", note.toJson());
    }
  }

  /**
   * Notes laid out by {@code notes.arrange}: every moved note's resulting position, in one event, so the tidy-up is
   * one step for everyone and replays as it happened. {@code arrangement} is "group" or "color".
   */
  public record NotesArranged(String arrangement, List<Position> positions) implements Change {
    public Visibility.Subject subject() {
      return new Visibility.Subject.ManyNotes(positions);
    }

    public String type() {
      return "notes.arranged";
    }

    public void writeTo(JsonObject json) {
      JsonArray array = new JsonArray(new java.util.ArrayList<>(positions.size()));
      positions.forEach(p -> array.add(p.toJson()));
      json.put("arrangement", arrangement).put("positions", array);
    }
  }

  /**
   * Private notes made visible to everyone, each as it is after the reveal: at the position the reveal gave it
   * (moved off the notes it would have covered) — the positions are in the event, so a replay does not recompute them.
   */
  public record NotesRevealed(List<Note> notes) implements Change {
    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public String type() {
      return "notes.revealed";
    }

    public void writeTo(JsonObject json) {
      JsonArray array = new JsonArray();
      notes.forEach(n -> array.add(n.toJson()));
      json.put("notes", array);
    }
  }

  public record SettingsChanged(Settings settings) implements Change {
    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public String type() {
      return "settings.changed";
    }

    public void writeTo(JsonObject json) {
      json.put("settings", settings.toJson());
    }
  }

  public record PhasesChanged(List<Phase> phases, String currentPhaseId) implements Change {
    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public String type() {
      return "phases.changed";
    }

    public void writeTo(JsonObject json) {
      JsonArray array = new JsonArray();
      phases.forEach(p -> array.add(p.toJson()));
      json.put("phases", array).put("currentPhaseId", currentPhaseId);
    }
  }

  public record TimerChanged(Timer timer, long serverTime) implements Change {
    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public String type() {
      return "timer.changed";
    }

    public void writeTo(JsonObject json) {
      json.put("timer", timer.toJson()).put("serverTime", serverTime);
    }
  }

  public record ViewChanged(JsonObject view) implements Change {
    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public String type() {
      return "view.changed";
    }

    public void writeTo(JsonObject json) {
      json.put("view", view.copy());
    }
  }

  public record ClusterChanged(Cluster cluster) implements Change {
    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public String type() {
      return "cluster.changed";
    }

    public void writeTo(JsonObject json) {
      json.put("cluster", cluster.toJson());
    }
  }

  public record ClusterRemoved(String id) implements Change {
    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public String type() {
      return "cluster.removed";
    }

    public void writeTo(JsonObject json) {
      json.put("id", id);
    }
  }

  /** A vote opened, or a closed one opened again (same id). */
  public record VoteOpened(JsonObject vote) implements Change {
    public Visibility.Subject subject() {
      return Visibility.Subject.BALLOT;
    }

    public String type() {
      return "vote.opened";
    }

    public void writeTo(JsonObject json) {
      json.put("vote", vote.copy());
    }
  }

  /** One dot added ({@code delta} 1, {@code vote.cast}) or removed (-1, {@code vote.retracted}). */
  public record VoteChanged(String voteId, String voter, String targetId, int delta, int cast, JsonObject tally)
      implements Change {
    public Visibility.Subject subject() {
      return new Visibility.Subject.Dot(voter);
    }

    public String type() {
      return delta > 0 ? "vote.cast" : "vote.retracted";
    }

    public void writeTo(JsonObject json) {
      json.put("voteId", voteId).put("voter", voter).put("targetId", targetId).put("cast", cast)
          .put("tally", tally.copy());
    }
  }

  public record VoteClosed(JsonObject vote) implements Change {
    public Visibility.Subject subject() {
      return Visibility.Subject.BALLOT;
    }

    public String type() {
      return "vote.closed";
    }

    public void writeTo(JsonObject json) {
      json.put("vote", vote.copy());
    }
  }

  public record JourneyChanged(fi.paja.journey.Journey journey) implements Change {
    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public String type() {
      return "journey.changed";
    }

    public void writeTo(JsonObject json) {
      json.put("journey", journey.toJson());
    }
  }

  public record JourneyRemoved(String id) implements Change {
    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public String type() {
      return "journey.removed";
    }

    public void writeTo(JsonObject json) {
      json.put("id", id);
    }
  }

  public record OutcomeChanged(fi.paja.outcome.OutcomeItem outcome) implements Change {
    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public String type() {
      return "outcome.changed";
    }

    public void writeTo(JsonObject json) {
      json.put("outcome", outcome.toJson());
    }
  }

  public record OutcomeRemoved(String id) implements Change {
    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public String type() {
      return "outcome.removed";
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
    if (visibility != null) {
      json.put(Visibility.FIELD, visibility.copy());
    }
    return json;
  }

  public static Event fromJson(JsonObject json) {
    Change change = switch (json.getString("type")) {
      case "participant.joined" -> new ParticipantJoined(Participant.fromJson(json.getJsonObject("participant")));
      case "participant.role" -> new ParticipantRoleChanged(json.getString("participantId"), json.getString("role"));
      case "participant.removed" -> new ParticipantRemoved(json.getString("participantId"));
      case "participants.erased" -> new ParticipantsErased(json.getJsonArray("participantIds").stream()
          .map(String.class::cast).toList(), json.getBoolean("notesDeleted", false), json.getBoolean("allAuthors", false));
      case "note.added" -> new NoteAdded(Note.fromJson(json.getJsonObject("note")));
      case "note.updated" -> new NoteUpdated(Note.fromJson(json.getJsonObject("note")));
      case "note.moved" -> new NoteMoved(json.getString("id"), json.getDouble("x"), json.getDouble("y"));
      case "note.deleted" -> new NoteDeleted(json.getString("id"));
      case "cluster.moved" -> new ClusterMoved(json.getString("clusterId"), json.getJsonArray("positions").stream()
          .map(p -> Position.fromJson((JsonObject) p)).toList());
      case "note.restored" -> new NoteRestored(Note.fromJson(json.getJsonObject("note")));
      case "notes.arranged" -> new NotesArranged(json.getString("arrangement"), json.getJsonArray("positions")
          .stream().map(p -> Position.fromJson((JsonObject) p)).toList());
      case "notes.revealed" -> new NotesRevealed(json.getJsonArray("notes").stream()
          .map(n -> Note.fromJson((JsonObject) n)).toList());
      case "settings.changed" -> new SettingsChanged(Settings.fromJson(json.getJsonObject("settings")));
      case "phases.changed" -> new PhasesChanged(json.getJsonArray("phases").stream()
          .map(p -> Phase.fromJson((JsonObject) p)).toList(), json.getString("currentPhaseId"));
      case "timer.changed" -> new TimerChanged(Timer.fromJson(json.getJsonObject("timer")),
          json.getLong("serverTime", 0L));
      case "view.changed" -> new ViewChanged(json.getJsonObject("view"));
      case "cluster.changed" -> new ClusterChanged(Cluster.fromJson(json.getJsonObject("cluster")));
      case "cluster.removed" -> new ClusterRemoved(json.getString("id"));
      case "vote.opened" -> new VoteOpened(json.getJsonObject("vote"));
      case "vote.cast", "vote.retracted" -> new VoteChanged(json.getString("voteId"), json.getString("voter"),
          json.getString("targetId"), "vote.cast".equals(json.getString("type")) ? 1 : -1,
          json.getInteger("cast", 0), json.getJsonObject("tally", new JsonObject()));
      case "vote.closed" -> new VoteClosed(json.getJsonObject("vote"));
      case "journey.changed" -> new JourneyChanged(fi.paja.journey.Journey.fromJson(json.getJsonObject("journey")));
      case "journey.removed" -> new JourneyRemoved(json.getString("id"));
      case "outcome.changed" -> new OutcomeChanged(fi.paja.outcome.OutcomeItem.fromJson(json.getJsonObject("outcome")));
      case "outcome.removed" -> new OutcomeRemoved(json.getString("id"));
      default -> throw new IllegalArgumentException("unknown event type " + json.getString("type"));
    };
    return new Event(json.getLong("seq"), json.getString("workshopId"), Instant.parse(json.getString("at")),
        json.getString("by"), change, json.getJsonObject(Visibility.FIELD));
  }
}
