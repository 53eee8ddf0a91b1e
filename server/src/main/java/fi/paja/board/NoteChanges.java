package fi.paja.board;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Events about notes and their groups. Named {@code Event.NoteAdded} and so on: see {@link Event}. */
public interface NoteChanges {

  record NoteAdded(Note note) implements Event.Change {
    public static final ChangeType<NoteAdded> TYPE = new ChangeType<>("note.added", NoteAdded.class,
        json -> new NoteAdded(Note.fromJson(json.getJsonObject("note"))));

    public ChangeType<NoteAdded> changeType() {
      return TYPE;
    }

    public Visibility.Subject subject() {
      return new Visibility.Subject.OneNote(note.id(), note);
    }

    public void writeTo(JsonObject json) {
      json.put("note", note.toJson());
    }
  }

  record NoteUpdated(Note note) implements Event.Change {
    public static final ChangeType<NoteUpdated> TYPE = new ChangeType<>("note.updated", NoteUpdated.class,
        json -> new NoteUpdated(Note.fromJson(json.getJsonObject("note"))));

    public ChangeType<NoteUpdated> changeType() {
      return TYPE;
    }

    public Visibility.Subject subject() {
      return new Visibility.Subject.OneNote(note.id(), note);
    }

    public void writeTo(JsonObject json) {
      json.put("note", note.toJson());
    }
  }

  record NoteMoved(String id, double x, double y) implements Event.Change {
    public static final ChangeType<NoteMoved> TYPE = new ChangeType<>("note.moved", NoteMoved.class,
        json -> new NoteMoved(json.getString("id"), json.getDouble("x"), json.getDouble("y")));

    public ChangeType<NoteMoved> changeType() {
      return TYPE;
    }

    public Visibility.Subject subject() {
      return new Visibility.Subject.OneNote(id, null);
    }

    public void writeTo(JsonObject json) {
      json.put("id", id).put("x", x).put("y", y);
    }
  }

  record NoteDeleted(String id) implements Event.Change {
    public static final ChangeType<NoteDeleted> TYPE = new ChangeType<>("note.deleted", NoteDeleted.class,
        json -> new NoteDeleted(json.getString("id")));

    public ChangeType<NoteDeleted> changeType() {
      return TYPE;
    }

    public Visibility.Subject subject() {
      return new Visibility.Subject.OneNote(id, null);
    }

    public void writeTo(JsonObject json) {
      json.put("id", id);
    }
  }

  /** A deleted note brought back (whole, with its group), from its tombstone. */
  record NoteRestored(Note note) implements Event.Change {
    public static final ChangeType<NoteRestored> TYPE = new ChangeType<>("note.restored", NoteRestored.class,
        json -> new NoteRestored(Note.fromJson(json.getJsonObject("note"))));

    public ChangeType<NoteRestored> changeType() {
      return TYPE;
    }

    public Visibility.Subject subject() {
      return new Visibility.Subject.OneNote(note.id(), note);
    }

    public void writeTo(JsonObject json) {
      json.put("note", note.toJson());
    }
  }

  /** Where a note ended up. */
  record Position(String id, double x, double y) {
    JsonObject toJson() {
      return new JsonObject().put("id", id).put("x", x).put("y", y);
    }

    static Position fromJson(JsonObject json) {
      return new Position(json.getString("id"), json.getDouble("x"), json.getDouble("y"));
    }

    static JsonArray toJson(List<Position> positions) {
      JsonArray array = new JsonArray(new ArrayList<>(positions.size()));
      positions.forEach(p -> array.add(p.toJson()));
      return array;
    }

    static List<Position> fromJson(JsonArray positions) {
      return positions.stream().map(p -> fromJson((JsonObject) p)).toList();
    }
  }

  /**
   * A group moved as one: one event with every member's resulting position, however many notes the group holds (a
   * {@code note.moved} per note made one command thousands of events). Positions of notes a viewer may not see are
   * taken out for her ({@link Visibility}).
   */
  record ClusterMoved(String clusterId, List<Position> positions) implements Event.Change {
    public static final ChangeType<ClusterMoved> TYPE = new ChangeType<>("cluster.moved", ClusterMoved.class,
        json -> new ClusterMoved(json.getString("clusterId"), Position.fromJson(json.getJsonArray("positions"))));

    public ChangeType<ClusterMoved> changeType() {
      return TYPE;
    }

    public Visibility.Subject subject() {
      return new Visibility.Subject.ManyNotes(positions);
    }

    public void writeTo(JsonObject json) {
      json.put("clusterId", clusterId).put("positions", Position.toJson(positions));
    }
  }

  /**
   * Notes laid out by {@code notes.arrange}: every moved note's resulting position, in one event, so the tidy-up is
   * one step for everyone and replays as it happened. {@code arrangement} is "group" or "color".
   */
  record NotesArranged(String arrangement, List<Position> positions) implements Event.Change {
    public static final ChangeType<NotesArranged> TYPE = new ChangeType<>("notes.arranged", NotesArranged.class,
        json -> new NotesArranged(json.getString("arrangement"), Position.fromJson(json.getJsonArray("positions"))));

    public ChangeType<NotesArranged> changeType() {
      return TYPE;
    }

    public Visibility.Subject subject() {
      return new Visibility.Subject.ManyNotes(positions);
    }

    public void writeTo(JsonObject json) {
      json.put("arrangement", arrangement).put("positions", Position.toJson(positions));
    }
  }

  /**
   * Private notes made visible to everyone, each as it is after the reveal: at the position the reveal gave it
   * (moved off the notes it would have covered) — the positions are in the event, so a replay does not recompute them.
   */
  record NotesRevealed(List<Note> notes) implements Event.Change {
    public static final ChangeType<NotesRevealed> TYPE = new ChangeType<>("notes.revealed", NotesRevealed.class,
        json -> new NotesRevealed(json.getJsonArray("notes").stream().map(n -> Note.fromJson((JsonObject) n))
            .toList()));

    public ChangeType<NotesRevealed> changeType() {
      return TYPE;
    }

    /** Everyone sees the notes; each author sees her own marked as hers, so it is personal to them. */
    public Visibility.Subject subject() {
      return Visibility.Subject.sharedAbout(notes.stream().map(Note::authorId).filter(Objects::nonNull).toList());
    }

    public void writeTo(JsonObject json) {
      JsonArray array = new JsonArray();
      notes.forEach(n -> array.add(n.toJson()));
      json.put("notes", array);
    }
  }

  record ClusterChanged(Cluster cluster) implements Event.Change {
    public static final ChangeType<ClusterChanged> TYPE = new ChangeType<>("cluster.changed", ClusterChanged.class,
        json -> new ClusterChanged(Cluster.fromJson(json.getJsonObject("cluster"))));

    public ChangeType<ClusterChanged> changeType() {
      return TYPE;
    }

    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public void writeTo(JsonObject json) {
      json.put("cluster", cluster.toJson());
    }
  }

  record ClusterRemoved(String id) implements Event.Change {
    public static final ChangeType<ClusterRemoved> TYPE = new ChangeType<>("cluster.removed", ClusterRemoved.class,
        json -> new ClusterRemoved(json.getString("id")));

    public ChangeType<ClusterRemoved> changeType() {
      return TYPE;
    }

    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public void writeTo(JsonObject json) {
      json.put("id", id);
    }
  }
}
