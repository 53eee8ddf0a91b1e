package fi.paja.board;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may see what. Every event is stored and published whole, with a {@code _v} field describing its subject;
 * just before it reaches a member (a bridge delivery, a catch-up, a snapshot) it is cut down to that member's view:
 * hidden notes become {@code noop}, authors and voters disappear where the workshop is anonymous, secret vote
 * targets are left out. The browser never receives what its user may not see.
 */
public final class Visibility {

  public static final String FIELD = "_v";

  /** The member an event is being prepared for. */
  public record Viewer(String participantId, boolean facilitator) {
    public static Viewer of(Participant p) {
      return new Viewer(p.id(), p.isFacilitator());
    }
  }

  private Visibility() {
  }

  /** The {@code _v} of a change about to happen on this board, made by {@code actorId}. */
  static JsonObject of(Event.Change change, Board board, String actorId) {
    Settings s = board.settings();
    JsonObject v = new JsonObject().put("anon", s.anonymous()).put("anonFac", s.anonymousToFacilitators())
        .put("seeAll", s.facilitatorsSeePrivate());
    Note subject = null;
    if (change instanceof Event.NoteAdded a) {
      subject = a.note();
    } else if (change instanceof Event.NoteUpdated u) {
      subject = u.note();
    } else if (change instanceof Event.NoteMoved m) {
      subject = board.note(m.id());
    } else if (change instanceof Event.NoteDeleted d) {
      subject = board.note(d.id());
    } else if (change instanceof Event.NoteRestored r) {
      // As a note.added: a restored private note reaches only its author (and facilitators who see private notes).
      subject = r.note();
    } else if (change instanceof Event.ClusterMoved || change instanceof Event.NotesArranged) {
      List<Event.Position> positions = change instanceof Event.ClusterMoved m ? m.positions()
          : ((Event.NotesArranged) change).positions();
      // Many notes at once: which of them are hidden and whose they are, and the most anonymous of them (who moved
      // the group is not told where any of its notes keeps its author hidden).
      JsonObject hidden = new JsonObject();
      String anonymity = null;
      for (Event.Position p : positions) {
        Note n = board.note(p.id());
        if (n == null) {
          continue;
        }
        if (n.hidden()) {
          hidden.put(n.id(), n.authorId());
        }
        anonymity = moreAnonymous(anonymity, n.anonymity());
      }
      if (!hidden.isEmpty()) {
        v.put("hiddenNotes", hidden);
      }
      v.put("noteAnon", anonymity);
    } else if (change instanceof Event.VoteChanged c) {
      Vote vote = board.currentVote();
      v.put("vote", true).put("secret", vote == null || vote.secret()).put("author", c.voter());
    } else if (change instanceof Event.VoteOpened || change instanceof Event.VoteClosed) {
      // Votes are anonymous: not even who opened or closed one travels; nothing else here is secret.
      v.put("vote", true).put("secret", false);
    }
    if (subject != null) {
      v.put("author", subject.authorId()).put("hidden", subject.hidden()).put("noteAnon", subject.anonymity());
    }
    return v;
  }

  /** The anonymity ({@link Note#anonymity()}) that hides an author from more people. */
  private static String moreAnonymous(String a, String b) {
    if (Note.FROM_EVERYONE.equals(a) || Note.FROM_EVERYONE.equals(b)) {
      return Note.FROM_EVERYONE;
    }
    return Note.FROM_PARTICIPANTS.equals(a) || Note.FROM_PARTICIPANTS.equals(b) ? Note.FROM_PARTICIPANTS : null;
  }

  /** An event as this viewer may see it (a copy without {@code _v}). */
  public static JsonObject filter(JsonObject event, Viewer viewer) {
    JsonObject out = event.copy();
    JsonObject v = (JsonObject) out.remove(FIELD);
    if (v == null) {
      return out;
    }
    String author = v.getString("author");
    boolean own = viewer.participantId().equals(author);
    if (v.getBoolean("hidden", false) && !own && !(viewer.facilitator() && v.getBoolean("seeAll", true))) {
      return new JsonObject().put("type", "noop").put("seq", out.getLong("seq"))
          .put("workshopId", out.getString("workshopId")).put("at", out.getString("at"));
    }
    if (v.getValue("hiddenNotes") instanceof JsonObject hiddenNotes
        && out.getValue("positions") instanceof JsonArray positions
        && !(viewer.facilitator() && v.getBoolean("seeAll", true))) {
      // A group move: the positions of hidden notes reach only their authors (and facilitators who see them).
      JsonArray kept = new JsonArray(new java.util.ArrayList<>(positions.size()));
      for (Object o : positions) {
        JsonObject p = (JsonObject) o;
        String noteAuthor = hiddenNotes.getString(p.getString("id"));
        if (noteAuthor == null || noteAuthor.equals(viewer.participantId())) {
          kept.add(p);
        }
      }
      out.put("positions", kept);
    }
    if (v.getBoolean("vote", false)) {
      out.remove("by");
      out.remove("voter");
      if (own) {
        out.put("mine", true);
      }
      if (v.getBoolean("secret", true)) {
        out.remove("tally");
        if (!own) {
          out.remove("targetId");
        }
      }
      return out;
    }
    boolean anon = v.getBoolean("anon", false);
    boolean authorsHidden = anon && !(viewer.facilitator() && !v.getBoolean("anonFac", false));
    // A note written anonymously keeps its author hidden, and so who acts on it, whatever the settings are now.
    boolean subjectHidden = authorsHidden
        || Note.authorHiddenByAnonymity(v.getString("noteAnon"), viewer.facilitator());
    if (subjectHidden && !viewer.participantId().equals(out.getString("by"))) {
      out.remove("by");
    }
    if (out.getValue("note") instanceof JsonObject note) {
      out.put("note", noteFor(note, viewer, authorsHidden));
    }
    if (out.getValue("notes") instanceof JsonArray notes) {
      JsonArray filtered = new JsonArray();
      notes.forEach(n -> filtered.add(noteFor((JsonObject) n, viewer, authorsHidden)));
      out.put("notes", filtered);
    }
    return out;
  }

  /**
   * Who {@link #filter} may give something other than what every other viewer of the same kind (facilitator or not)
   * gets: the event is about their own note, vote, action or membership. Fan-out filters and encodes an event once
   * per kind of viewer and once more for each participant named here.
   */
  public static Set<String> personalTo(JsonObject event) {
    Set<String> ids = new HashSet<>(4);
    JsonObject v = event.getJsonObject(FIELD);
    if (v != null) {
      addIfString(ids, v.getValue("author"));
      if (v.getValue("hiddenNotes") instanceof JsonObject hiddenNotes) {
        hiddenNotes.forEach(e -> addIfString(ids, e.getValue()));
      }
    }
    addIfString(ids, event.getValue("by"));
    addIfString(ids, event.getValue("participantId"));
    if (event.getValue("note") instanceof JsonObject note) {
      addIfString(ids, note.getValue("authorId"));
    }
    if (event.getValue("notes") instanceof JsonArray notes) {
      for (Object n : notes) {
        if (n instanceof JsonObject note) {
          addIfString(ids, note.getValue("authorId"));
        }
      }
    }
    return ids;
  }

  private static void addIfString(Set<String> ids, Object value) {
    if (value instanceof String s) {
      ids.add(s);
    }
  }

  /** A note for a snapshot, or null when this viewer may not see it. */
  public static JsonObject note(Note note, Viewer viewer, Settings settings) {
    boolean own = viewer.participantId().equals(note.authorId());
    if (note.hidden() && !own && !(viewer.facilitator() && settings.facilitatorsSeePrivate())) {
      return null;
    }
    boolean authorsHidden = settings.anonymous() && !(viewer.facilitator() && !settings.anonymousToFacilitators());
    return noteFor(note.toJson(), viewer, authorsHidden);
  }

  private static JsonObject noteFor(JsonObject note, Viewer viewer, boolean authorsHidden) {
    JsonObject out = note.copy();
    if (viewer.participantId().equals(out.getString("authorId"))) {
      out.put("mine", true);
    } else if (authorsHidden || Note.authorHiddenByAnonymity(out.getString("anonymity"), viewer.facilitator())) {
      out.remove("authorId");
    }
    return out;
  }
}
