package fi.paja.board;

import fi.paja.config.Limits;
import fi.paja.config.Quotas;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.journey.Journey;
import fi.paja.outcome.OutcomeItem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One workshop's board as a state machine. {@link #handle} checks a command against the current state and the
 * sender's role and either refuses it (nothing changes) or returns the events it caused, already applied.
 * {@link #apply} is the only place state changes, so replaying the op log rebuilds exactly the same board.
 *
 * <p>Not thread-safe: a board has exactly one owner (its {@code BoardActor}).
 */
public final class Board {

  /** What a handled command produced: its events and the extra fields of the reply. */
  public record Outcome(List<Event> events, JsonObject reply) {
  }

  static final java.time.ZoneId FINLAND = java.time.ZoneId.of("Europe/Helsinki");
  /** Who may give each command type and its rule; what each change type does to the state. */
  private final Handlers handlers;
  private final Effects effects;
  private final String workshopId;
  // The state below is package-private for the areas of this package: their rules read it, and only their effects
  // (run by apply) change it.
  final Supplier<String> newId;
  final Map<String, Note> notes = new LinkedHashMap<>();
  /** Deleted notes that can still be restored, oldest deletion first; never shown, never counted. */
  final Map<String, Tombstone> tombstones = new LinkedHashMap<>();
  final Map<String, Participant> participants = new LinkedHashMap<>();
  /** Every member's name, as keys under which look-alike names are the same (checked at join). */
  final fi.paja.validation.Pseudonyms.Taken names = new fi.paja.validation.Pseudonyms.Taken();
  final Map<String, Cluster> clusters = new LinkedHashMap<>();
  final List<Phase> phases = new ArrayList<>();
  final Map<String, Vote> votes = new LinkedHashMap<>();
  String currentPhaseId;
  Settings settings = Settings.DEFAULT;
  Timer timer = Timer.STOPPED;
  JsonObject view = new JsonObject().putNull("follow").putNull("focus");
  final Map<String, Journey> journeys = new LinkedHashMap<>();
  final Map<String, OutcomeItem> outcomes = new LinkedHashMap<>();
  JsonArray areas = new JsonArray();
  JsonObject defaults = new JsonObject();
  String currentVoteId;
  private long seq;
  /**
   * What changed since the last checkpoint took it ({@link #takeChanges}). Kept here, in {@link #apply}, because
   * that is the one place state changes, live and in replay alike: a change replayed from the log at load must be
   * written by the next checkpoint just as a new one is, or that checkpoint moves past it and it is lost.
   */
  final Set<String> changedNotes = new java.util.LinkedHashSet<>();
  final Set<String> changedParticipants = new java.util.LinkedHashSet<>();
  private int eventsSinceCheckpoint;
  final Quotas quotas;
  /** What each author's notes on the board add up to: kept with {@link #notes}, checked against {@link #quotas}. */
  private final Map<String, Usage> usage = new java.util.HashMap<>();

  /** The notes a participant has on the board and how many characters of text they hold. */
  public record Usage(int notes, long characters) {
    static final Usage NONE = new Usage(0, 0);
  }

  /** A board without per-person quotas (tools and tests); a served board has {@link #Board(String, Supplier, Quotas)}. */
  public Board(String workshopId, Supplier<String> newId) {
    this(workshopId, newId, Quotas.NONE);
  }

  public Board(String workshopId, Supplier<String> newId, Quotas quotas) {
    this.workshopId = workshopId;
    this.newId = newId;
    this.quotas = quotas;
    Handlers.Registry handlerRegistry = new Handlers.Registry(this);
    Effects.Registry effectRegistry = new Effects.Registry();
    for (Area area : List.of(new NoteRules(this), new VoteRules(this), new Facilitation(this), new Erasure(this),
        new JourneyMapRules(this), new OutcomeItemRules(this))) {
      area.register(handlerRegistry, effectRegistry);
    }
    this.handlers = handlerRegistry.build();
    this.effects = effectRegistry.build();
  }

  public Quotas quotas() {
    return quotas;
  }

  /** The notes this participant wrote that are on the board now, and their text's length. */
  public Usage usage(String authorId) {
    return usage.getOrDefault(authorId, Usage.NONE);
  }

  public String workshopId() {
    return workshopId;
  }

  public long seq() {
    return seq;
  }

  public Collection<Note> notes() {
    return notes.values();
  }

  public Note note(String id) {
    return notes.get(id);
  }

  public Collection<Participant> participants() {
    return participants.values();
  }

  /** Deleted notes kept for {@code note.restore}: for checkpoints and tests, never for a client. */
  public Collection<Tombstone> tombstones() {
    return tombstones.values();
  }

  public Tombstone tombstone(String id) {
    return tombstones.get(id);
  }

  /** Restores persisted tombstones before the op log is replayed. */
  public void restoreTombstones(Collection<Tombstone> saved) {
    saved.stream().sorted(java.util.Comparator.comparing(Tombstone::deletedAt))
        .forEach(t -> tombstones.put(t.note().id(), t));
  }

  /**
   * Forgets tombstones older than {@link Limits#TOMBSTONE_RETENTION} at {@code now}, and all but the last
   * {@link Limits#MAX_TOMBSTONES}; each one forgotten is deleted from storage by the next checkpoint. Called with
   * every event's time in {@link #apply} (so replay forgets the same ones) and with the clock when a board is loaded.
   */
  public void purgeTombstones(Instant now) {
    Instant oldest = now.minus(Limits.TOMBSTONE_RETENTION);
    var it = tombstones.values().iterator();
    while (it.hasNext()) {
      Tombstone t = it.next();
      if (tombstones.size() <= Limits.MAX_TOMBSTONES && !t.deletedAt().isBefore(oldest)) {
        break;
      }
      it.remove();
      changedNotes.add(t.note().id());
    }
  }

  public Participant participant(String id) {
    return participants.get(id);
  }

  public Settings settings() {
    return settings;
  }

  public Collection<Cluster> clusters() {
    return clusters.values();
  }

  public List<Phase> phases() {
    return phases;
  }

  public String currentPhaseId() {
    return currentPhaseId;
  }

  public Timer timer() {
    return timer;
  }

  public JsonObject view() {
    return view;
  }

  public Vote currentVote() {
    return currentVoteId == null ? null : votes.get(currentVoteId);
  }

  public Collection<Vote> votes() {
    return votes.values();
  }

  public Collection<Journey> journeys() {
    return journeys.values();
  }

  public Journey journey(String id) {
    return journeys.get(id);
  }

  public JsonArray areas() {
    return areas;
  }

  public Collection<OutcomeItem> outcomes() {
    return outcomes.values();
  }

  public OutcomeItem outcome(String id) {
    return outcomes.get(id);
  }

  /** The notes and participants changed, and how many events were applied, since the last checkpoint. */
  public record Changes(Set<String> notes, Set<String> participants, int events) {
  }

  /** Events applied since the last {@link #takeChanges} (or since the board was restored). */
  public int eventsSinceCheckpoint() {
    return eventsSinceCheckpoint;
  }

  /** What a checkpoint has to write; starts counting afresh. */
  public Changes takeChanges() {
    Changes changes = new Changes(Set.copyOf(changedNotes), Set.copyOf(changedParticipants), eventsSinceCheckpoint);
    changedNotes.clear();
    changedParticipants.clear();
    eventsSinceCheckpoint = 0;
    return changes;
  }

  /** A checkpoint that failed: what it was to write is still to be written. */
  public void giveBack(Changes changes) {
    changedNotes.addAll(changes.notes());
    changedParticipants.addAll(changes.participants());
    eventsSinceCheckpoint += changes.events();
  }

  /** Restores persisted state (the materialised collections) before the op log is replayed over it. */
  public void restore(long checkpointSeq, Collection<Note> savedNotes, Collection<Participant> savedParticipants) {
    seq = checkpointSeq;
    savedNotes.forEach(this::putNote);
    savedParticipants.forEach(p -> {
      participants.put(p.id(), p);
      names.add(p.id(), p.name());
    });
  }

  /**
   * Thrown while a board is restored from stored data that cannot be read (damaged in the database): which part.
   * Its board is refused ({@code board_unreadable}) rather than half loaded or failing later, request by request.
   */
  public static final class Damaged extends RuntimeException {
    public Damaged(String part, Throwable cause) {
      super(part, cause);
    }

    /** Where: {@code settings}, {@code votes[2]}, {@code notes}, … (never stored content: it goes to logs). */
    public String part() {
      return getMessage();
    }
  }

  /**
   * Restores the board-wide state stored with the workshop ({@link #metaToJson}); throws {@link Damaged} naming the
   * part that cannot be read.
   */
  public void restoreMeta(JsonObject meta) {
    BoardDocument.restore(this, meta);
  }

  /** Board-wide state (everything but notes and participants), stored with the workshop. */
  public JsonObject metaToJson() {
    return BoardDocument.toJson(this);
  }

  /** Outcomes; with a date, each open one whose reply-by date has passed is flagged {@code overdue}. */
  public JsonArray outcomesJson(java.time.LocalDate today) {
    JsonArray out = new JsonArray();
    outcomes.values().forEach(o -> {
      JsonObject json = o.toJson();
      if (today != null) {
        json.put("overdue",
            o.isOpen() && o.replyBy() != null && java.time.LocalDate.parse(o.replyBy()).isBefore(today));
      }
      out.add(json);
    });
    return out;
  }

  /** Starting content from a template, before anyone joins: phases, settings, areas, journey maps, defaults. */
  public void seed(List<Phase> templatePhases, Settings templateSettings, JsonArray templateAreas,
                   List<Journey> templateJourneys, JsonObject templateDefaults) {
    phases.addAll(templatePhases);
    currentPhaseId = templatePhases.isEmpty() ? null : templatePhases.get(0).id();
    settings = templateSettings;
    areas = templateAreas.copy();
    templateJourneys.forEach(j -> journeys.put(j.id(), j));
    defaults = templateDefaults.copy();
  }

  /** The whole state, unfiltered: for comparisons and diagnostics, never for a client. */
  public JsonObject toJson() {
    JsonArray noteArray = new JsonArray();
    notes.values().forEach(n -> noteArray.add(n.toJson()));
    JsonArray people = new JsonArray();
    participants.values().forEach(p -> people.add(p.toJson()));
    return metaToJson().put("seq", seq).put("notes", noteArray).put("participants", people);
  }

  /**
   * The board as this viewer may see it: the board part of a snapshot. The served snapshot is the same, built from
   * {@link #snapshotWithoutNotes} and {@link SnapshotNotes}; this is its reference.
   */
  public JsonObject snapshotFor(Visibility.Viewer viewer, long nowMs) {
    JsonArray noteArray = new JsonArray(new ArrayList<>(notes.size()));
    for (Note n : notes.values()) {
      JsonObject json = Visibility.note(n, viewer, settings);
      if (json != null) {
        noteArray.add(json);
      }
    }
    return snapshotWithoutNotes(viewer, nowMs).put("notes", noteArray);
  }

  /** Everything of {@link #snapshotFor} but the notes: small, whatever the size of the board. */
  public JsonObject snapshotWithoutNotes(Visibility.Viewer viewer, long nowMs) {
    return BoardSnapshot.withoutNotes(this, viewer, nowMs);
  }
  /**
   * Checks a command against the state and the sender's role; refused with a {@link PajaException} (nothing
   * changes) or answered with the events it caused, already applied. Each command type has one handler
   * ({@link Handlers}), registered by its area: {@link NoteRules}, {@link VoteRules}, {@link Facilitation},
   * {@link Erasure}, {@link JourneyMapRules}, {@link OutcomeItemRules}.
   */
  public Outcome handle(Command command, String actorId, Instant now) {
    return handlers.handle(command, actorId, now);
  }

  /**
   * Applies an event. Events carry resulting values (whole notes, absolute positions, whole lists), so applying
   * one over state that already contains it is harmless: that is what makes replay after a crash safe. Each change
   * type has its effect in one place ({@link Effects}), which also marks what the next checkpoint writes.
   */
  public void apply(Event event) {
    eventsSinceCheckpoint++;
    effects.apply(event);
    purgeTombstones(event.at());
    seq = Math.max(seq, event.seq());
  }

  /** The command types with a handler: every permitted {@link Command} type ({@code BoardRegistryTest}). */
  Set<Class<? extends Command>> handledCommands() {
    return handlers.types();
  }

  /** The change types with an effect: every permitted {@link Event.Change} type ({@code BoardRegistryTest}). */
  Set<Class<? extends Event.Change>> appliedChanges() {
    return effects.types();
  }

  /** Applies one change as an event of this board and returns it with the reply ({@code null}: an empty one). */
  Outcome emit(String actorId, Instant now, Event.Change change, JsonObject reply) {
    Event event = new Event(seq + 1, workshopId, now, actorId, change, Visibility.of(change, this, actorId));
    apply(event);
    List<Event> events = new ArrayList<>(1);
    events.add(event);
    return new Outcome(events, reply == null ? new JsonObject() : reply);
  }

  /** Whether this participant may see this note at all (private brainstorm). */
  public boolean canSee(Note note, Participant viewer) {
    return !note.hidden() || viewer.id().equals(note.authorId())
        || (viewer.isFacilitator() && settings.facilitatorsSeePrivate());
  }

  /**
   * How far what a command makes of a note reaches: only the note itself, whose visibility does not change (edit,
   * move, group, place in a cell), or something everyone sees (an outcome on the public page, the shared focus, a
   * vote's tally).
   */
  enum Reach { NOTE, EVERYONE }

  /**
   * The one check of every command that refers to a note: it exists and this member may see it, and where the
   * result is shown to everyone, everyone may see it (a private note stays out until it is revealed). Refused as
   * {@code note_not_found} either way, so a refusal does not tell whether a hidden note exists.
   */
  Note referTo(String id, Participant actor, Reach reach) {
    Note note = notes.get(id);
    if (note == null || !referable(note, actor, reach)) {
      throw new PajaException(ErrorCode.NOTE_NOT_FOUND);
    }
    return note;
  }

  Note referTo(String id, Participant actor) {
    return referTo(id, actor, Reach.NOTE);
  }

  boolean referable(Note note, Participant actor, Reach reach) {
    return canSee(note, actor) && (reach == Reach.NOTE || !note.hidden());
  }

  void existingCluster(String id) {
    if (!clusters.containsKey(id)) {
      throw new PajaException(ErrorCode.CLUSTER_NOT_FOUND);
    }
  }

  List<Note> members(String clusterId) {
    return notes.values().stream().filter(n -> clusterId.equals(n.clusterId())).toList();
  }

  /** A group left without notes goes: its removal is added to the outcome. */
  void removeEmptyCluster(String clusterId, String by, Instant now, Outcome outcome) {
    if (clusterId != null && clusters.containsKey(clusterId) && members(clusterId).isEmpty()) {
      outcome.events().addAll(emit(by, now, new Event.ClusterRemoved(clusterId), null).events());
    }
  }

  /** Whether a vote target is a group or a note (votes remember it, so results still say after one is gone). */
  String kindOf(String targetId) {
    return clusters.containsKey(targetId) ? "cluster" : "note";
  }

  static double clamp(double v) {
    return Math.max(-Limits.MAX_COORDINATE, Math.min(Limits.MAX_COORDINATE, v));
  }

  /** Adds or replaces a note, keeping its author's {@link Usage} (the only other place notes change is a move). */
  void putNote(Note note) {
    Note old = notes.put(note.id(), note);
    if (old != null) {
      count(old, -1);
    }
    count(note, 1);
  }

  void removeNote(String id) {
    Note old = notes.remove(id);
    if (old != null) {
      count(old, -1);
    }
  }

  private void count(Note note, int sign) {
    Usage u = usage(note.authorId());
    Usage next = new Usage(u.notes() + sign, u.characters() + sign * (long) length(note.text()));
    if (next.notes() <= 0) {
      usage.remove(note.authorId());
    } else {
      usage.put(note.authorId(), next);
    }
  }

  /** Text length as the limits count it: Unicode code points. */
  static int length(String text) {
    return text == null ? 0 : text.codePointCount(0, text.length());
  }
}
