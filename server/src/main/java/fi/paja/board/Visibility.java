package fi.paja.board;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may see what. Every event is stored and published whole, with a {@code _v} field describing its subject;
 * just before it reaches a member (a bridge delivery, a catch-up, a snapshot) it is cut down to that member's view:
 * hidden notes become {@code noop}, authors and voters disappear where the workshop is anonymous, secret vote
 * targets are left out. The browser never receives what its user may not see.
 *
 * <p>Each event type says what it is about ({@link Event.Change#subject()}, a {@link Subject}); {@link #of} turns that
 * into the {@code _v} (a {@link Tag}) when the event happens, and {@link #filter} and {@link #note} apply the rules
 * below, each written once. {@code VisibilityMatrixTest} runs every event type through them for every kind of member.
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

  /**
   * What an event is about, declared by each event type ({@link Event.Change#subject()}): the one place that says
   * which of the rules below apply to it.
   */
  public sealed interface Subject {
    /** Seen by everyone: only who caused it, and the authors of any notes it carries, are cut by anonymity. */
    Shared SHARED = new Shared(List.of());
    /** A vote opened or closed: nobody is told who did it; its results are not secret. */
    Ballot BALLOT = new Ballot();

    /** As {@link #SHARED}, about these people: it reaches them differently (their own notes, their own role). */
    static Shared sharedAbout(List<String> people) {
      return new Shared(List.copyOf(people));
    }

    /** {@code about}: whom it concerns, see {@link Visibility#personalTo}. */
    record Shared(List<String> about) implements Subject {
    }

    record Ballot() implements Subject {
    }

    /**
     * One note: a hidden note's event reaches only who may see the note, its author is cut by anonymity. {@code note}
     * is the note as the event leaves it, or null when the event names it by id only (it is then read from the board
     * as it is before the change).
     */
    record OneNote(String noteId, Note note) implements Subject {
    }

    /** Positions of many notes at once: a hidden note's position reaches only who may see that note. */
    record ManyNotes(List<Event.Position> positions) implements Subject {
    }

    /** One dot of a vote by {@code voter}: voters are never named, a secret vote's targets reach only the voter. */
    record Dot(String voter) implements Subject {
    }
  }

  /**
   * The {@code _v} of an event, typed: the board's settings and the subject's facts at the moment it happened, which
   * {@link #filter} needs because it sees only the stored event. {@code hiddenNotes} maps each hidden note of a group
   * move to its author (who may be null when erased).
   */
  record Tag(boolean anonymous, boolean anonymousToFacilitators, boolean facilitatorsSeePrivate, String author,
             boolean hidden, String noteAnonymity, Map<String, String> hiddenNotes, boolean vote, boolean secret) {

    JsonObject toJson(Subject subject) {
      JsonObject v = new JsonObject().put("anon", anonymous).put("anonFac", anonymousToFacilitators)
          .put("seeAll", facilitatorsSeePrivate);
      if (subject instanceof Subject.ManyNotes) {
        if (!hiddenNotes.isEmpty()) {
          v.put("hiddenNotes", new JsonObject(new LinkedHashMap<>(hiddenNotes)));
        }
        v.put("noteAnon", noteAnonymity);
      } else if (vote) {
        v.put("vote", true).put("secret", secret);
        if (author != null) {
          v.put("author", author);
        }
      } else if (subject instanceof Subject.OneNote) {
        v.put("author", author).put("hidden", hidden).put("noteAnon", noteAnonymity);
      }
      return v;
    }

    /**
     * Whether this {@code _v} (as {@link #toJson} wrote it) is of a subject about notes or dots, whose people it
     * holds: a note's author, hidden notes' authors, a voter.
     */
    static boolean namesWhomItConcerns(JsonObject v) {
      return v.containsKey("noteAnon") || v.getBoolean("vote", false);
    }

    @SuppressWarnings("unchecked")
    static Tag fromJson(JsonObject v) {
      Map<String, String> hiddenNotes = v.getValue("hiddenNotes") instanceof JsonObject h
          ? (Map<String, String>) (Map<String, ?>) h.getMap() : Map.of();
      // Defaults are the safe side for events stored before a field existed.
      return new Tag(v.getBoolean("anon", false), v.getBoolean("anonFac", false), v.getBoolean("seeAll", true),
          v.getString("author"), v.getBoolean("hidden", false), v.getString("noteAnon"), hiddenNotes,
          v.getBoolean("vote", false), v.getBoolean("secret", true));
    }
  }

  /** The {@code _v} of a change about to happen on this board, made by {@code actorId}. */
  static JsonObject of(Event.Change change, Board board, String actorId) {
    Settings s = board.settings();
    Subject subject = change.subject();
    String author = null;
    boolean hidden = false;
    String anonymity = null;
    Map<String, String> hiddenNotes = Map.of();
    boolean vote = false;
    boolean secret = false;
    if (subject instanceof Subject.OneNote one) {
      // A restored note is judged as a note.added: a private one reaches only its author (and who sees private notes).
      Note n = one.note() != null ? one.note() : board.note(one.noteId());
      if (n != null) {
        author = n.authorId();
        hidden = n.hidden();
        anonymity = n.anonymity();
      }
    } else if (subject instanceof Subject.ManyNotes many) {
      // Which of the notes are hidden and whose they are, and the most anonymous of them (who moved the group is not
      // told where any of its notes keeps its author hidden).
      Map<String, String> hiddenAuthors = new LinkedHashMap<>();
      for (Event.Position p : many.positions()) {
        Note n = board.note(p.id());
        if (n == null) {
          continue;
        }
        if (n.hidden()) {
          hiddenAuthors.put(n.id(), n.authorId());
        }
        anonymity = moreAnonymous(anonymity, n.anonymity());
      }
      hiddenNotes = hiddenAuthors;
    } else if (subject instanceof Subject.Dot dot) {
      Vote current = board.currentVote();
      vote = true;
      secret = current == null || current.secret();
      author = dot.voter();
    } else if (subject instanceof Subject.Ballot) {
      vote = true;
    } else if (!(subject instanceof Subject.Shared)) {
      throw new IllegalStateException("no visibility rule for " + subject);
    }
    return new Tag(s.anonymous(), s.anonymousToFacilitators(), s.facilitatorsSeePrivate(), author, hidden, anonymity,
        hiddenNotes, vote, secret).toJson(subject);
  }

  /** The anonymity ({@link Note#anonymity()}) that hides an author from more people. */
  private static String moreAnonymous(String a, String b) {
    if (Note.FROM_EVERYONE.equals(a) || Note.FROM_EVERYONE.equals(b)) {
      return Note.FROM_EVERYONE;
    }
    return Note.FROM_PARTICIPANTS.equals(a) || Note.FROM_PARTICIPANTS.equals(b) ? Note.FROM_PARTICIPANTS : null;
  }

  // --- the rules, each written once ----------------------------------------------------------------------------

  /** The hidden-note rule: a private note reaches its author, and facilitators where they see private notes. */
  static boolean maySeeNote(Viewer viewer, String authorId, boolean hidden, boolean facilitatorsSeePrivate) {
    return !hidden || viewer.participantId().equals(authorId) || (viewer.facilitator() && facilitatorsSeePrivate);
  }

  /** The anonymity rule of the settings: authors are hidden from participants, and from facilitators if so set. */
  static boolean authorsHiddenBySettings(Viewer viewer, boolean anonymous, boolean anonymousToFacilitators) {
    return anonymous && !(viewer.facilitator() && !anonymousToFacilitators);
  }

  /** Whether this viewer may not learn who wrote a note: by the settings now, or as it was written, for ever. */
  static boolean authorHiddenFrom(Viewer viewer, boolean authorsHiddenBySettings, String noteAnonymity) {
    return authorsHiddenBySettings || Note.authorHiddenByAnonymity(noteAnonymity, viewer.facilitator());
  }

  /** An event as this viewer may see it (a copy without {@code _v}). */
  public static JsonObject filter(JsonObject event, Viewer viewer) {
    JsonObject out = event.copy();
    JsonObject v = (JsonObject) out.remove(FIELD);
    if (v == null) {
      return out;
    }
    Tag tag = Tag.fromJson(v);
    boolean own = viewer.participantId().equals(tag.author());
    if (!maySeeNote(viewer, tag.author(), tag.hidden(), tag.facilitatorsSeePrivate())) {
      return new JsonObject().put("type", "noop").put("seq", out.getLong("seq"))
          .put("workshopId", out.getString("workshopId")).put("at", out.getString("at"));
    }
    if (!tag.hiddenNotes().isEmpty() && out.getValue("positions") instanceof JsonArray positions) {
      JsonArray kept = new JsonArray(new ArrayList<>(positions.size()));
      for (Object o : positions) {
        JsonObject p = (JsonObject) o;
        String id = p.getString("id");
        if (maySeeNote(viewer, tag.hiddenNotes().get(id), tag.hiddenNotes().containsKey(id),
            tag.facilitatorsSeePrivate())) {
          kept.add(p);
        }
      }
      out.put("positions", kept);
    }
    if (tag.vote()) {
      out.remove("by");
      out.remove("voter");
      if (own) {
        out.put("mine", true);
      }
      if (tag.secret()) {
        out.remove("tally");
        if (!own) {
          out.remove("targetId");
        }
      }
      return out;
    }
    boolean authorsHidden = authorsHiddenBySettings(viewer, tag.anonymous(), tag.anonymousToFacilitators());
    // A note written anonymously keeps its author hidden, and so who acts on it, whatever the settings are now.
    if (authorHiddenFrom(viewer, authorsHidden, tag.noteAnonymity())
        && !viewer.participantId().equals(out.getString("by"))) {
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
   * per kind of viewer and once more for each participant named here. Decided by the change's {@link Subject} and the
   * facts its {@code _v} recorded when it happened, never by which JSON fields an event has.
   */
  public static Set<String> personalTo(Event event) {
    return personalTo(event.change(), event.by(), event.visibility());
  }

  /** {@link #personalTo(Event)} of an event as stored or published. */
  public static Set<String> personalTo(JsonObject event) {
    JsonObject v = event.getJsonObject(FIELD);
    ChangeType<?> type = Event.TYPES.get(event.getString("type"));
    // About notes or dots, the _v names everyone the subject concerns (the note's author, hidden notes' authors, the
    // voter), so the change is not read: on the fan-out's path reading a note costs several times the rest. A type
    // this node does not know (a newer node's, during an upgrade) is personal to whom its _v names.
    Event.Change change = type == null || (v != null && Tag.namesWhomItConcerns(v)) ? null : type.read(event);
    return personalTo(change, event.getString("by"), v);
  }

  private static Set<String> personalTo(Event.Change change, String by, JsonObject v) {
    Set<String> ids = new HashSet<>(4);
    addIfPresent(ids, by);
    if (v != null) {
      Tag tag = Tag.fromJson(v);
      addIfPresent(ids, tag.author());
      tag.hiddenNotes().values().forEach(author -> addIfPresent(ids, author));
    }
    Subject subject = change == null ? null : change.subject();
    if (subject instanceof Subject.Shared shared) {
      shared.about().forEach(id -> addIfPresent(ids, id));
    } else if (subject instanceof Subject.OneNote one && one.note() != null) {
      addIfPresent(ids, one.note().authorId());
    } else if (subject instanceof Subject.Dot dot) {
      addIfPresent(ids, dot.voter());
    }
    return ids;
  }

  private static void addIfPresent(Set<String> ids, String id) {
    if (id != null) {
      ids.add(id);
    }
  }

  /** A note for a snapshot, or null when this viewer may not see it. */
  public static JsonObject note(Note note, Viewer viewer, Settings settings) {
    if (!maySeeNote(viewer, note.authorId(), note.hidden(), settings.facilitatorsSeePrivate())) {
      return null;
    }
    return noteFor(note.toJson(), viewer,
        authorsHiddenBySettings(viewer, settings.anonymous(), settings.anonymousToFacilitators()));
  }

  private static JsonObject noteFor(JsonObject note, Viewer viewer, boolean authorsHidden) {
    JsonObject out = note.copy();
    if (viewer.participantId().equals(out.getString("authorId"))) {
      out.put("mine", true);
    } else if (authorHiddenFrom(viewer, authorsHidden, out.getString("anonymity"))) {
      out.remove("authorId");
    }
    return out;
  }
}
