package fi.paja.board;

import fi.paja.config.Limits;
import fi.paja.config.Quotas;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
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
import fi.paja.journey.Journey;
import fi.paja.outcome.OutcomeItem;
import fi.paja.outcome.WorkingDays;

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
  /** Feedback gets a reply within this many working days unless the facilitator sets another date. */
  public static final int REPLY_WORKING_DAYS = 5;
  private final String workshopId;
  private final Supplier<String> newId;
  private final Map<String, Note> notes = new LinkedHashMap<>();
  /** Deleted notes that can still be restored, oldest deletion first; never shown, never counted. */
  private final Map<String, Tombstone> tombstones = new LinkedHashMap<>();
  private final Map<String, Participant> participants = new LinkedHashMap<>();
  /** Every member's name, as keys under which look-alike names are the same (checked at join). */
  private final fi.paja.validation.Pseudonyms.Taken names = new fi.paja.validation.Pseudonyms.Taken();
  private final Map<String, Cluster> clusters = new LinkedHashMap<>();
  private final List<Phase> phases = new ArrayList<>();
  private final Map<String, Vote> votes = new LinkedHashMap<>();
  private String currentPhaseId;
  private Settings settings = Settings.DEFAULT;
  private Timer timer = Timer.STOPPED;
  private JsonObject view = new JsonObject().putNull("follow").putNull("focus");
  private final Map<String, Journey> journeys = new LinkedHashMap<>();
  private final Map<String, OutcomeItem> outcomes = new LinkedHashMap<>();
  private JsonArray areas = new JsonArray();
  private JsonObject defaults = new JsonObject();
  private String currentVoteId;
  private long seq;
  /**
   * What changed since the last checkpoint took it ({@link #takeChanges}). Kept here, in {@link #apply}, because
   * that is the one place state changes, live and in replay alike: a change replayed from the log at load must be
   * written by the next checkpoint just as a new one is, or that checkpoint moves past it and it is lost.
   */
  private final Set<String> changedNotes = new java.util.LinkedHashSet<>();
  private final Set<String> changedParticipants = new java.util.LinkedHashSet<>();
  private int eventsSinceCheckpoint;
  private final Quotas quotas;
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

  private static void part(String name, Runnable read) {
    try {
      read.run();
    } catch (Damaged e) {
      throw e;
    } catch (RuntimeException e) {
      throw new Damaged(name, e);
    }
  }

  private static void each(JsonObject meta, String field, java.util.function.Consumer<JsonObject> read) {
    JsonArray items = meta.getJsonArray(field, new JsonArray());
    for (int i = 0; i < items.size(); i++) {
      int at = i;
      part(field + "[" + i + "]", () -> read.accept(java.util.Objects.requireNonNull(items.getJsonObject(at))));
    }
  }

  /**
   * Restores the board-wide state stored with the workshop ({@link #metaToJson}); throws {@link Damaged} naming the
   * part that cannot be read.
   */
  public void restoreMeta(JsonObject meta) {
    if (meta == null) {
      return;
    }
    part("settings", () -> {
      JsonObject stored = meta.getJsonObject("settings");
      settings = Settings.fromJson(stored);
      if (stored != null) {
        // Every flag a boolean (getBoolean above takes a missing one as its default).
        stored.fieldNames().forEach(f -> java.util.Objects.requireNonNull(stored.getBoolean(f), f));
      }
    });
    phases.clear();
    each(meta, "phases", p -> phases.add(Phase.fromJson(p)));
    part("currentPhaseId", () -> currentPhaseId = meta.getString("currentPhaseId"));
    part("timer", () -> timer = Timer.fromJson(meta.getJsonObject("timer")));
    part("view", () -> view = meta.getJsonObject("view", view).copy());
    clusters.clear();
    each(meta, "clusters", c -> {
      Cluster cluster = Cluster.fromJson(c);
      clusters.put(java.util.Objects.requireNonNull(cluster.id()), cluster);
    });
    votes.clear();
    each(meta, "votes", v -> {
      Vote vote = Vote.fromStored(v);
      votes.put(vote.id(), vote);
    });
    part("currentVoteId", () -> currentVoteId = meta.getString("currentVoteId"));
    journeys.clear();
    each(meta, "journeys", j -> {
      Journey journey = Journey.fromJson(j);
      journeys.put(java.util.Objects.requireNonNull(journey.id()), journey);
    });
    part("areas", () -> {
      areas = meta.getJsonArray("areas", new JsonArray()).copy();
      areas.forEach(a -> ((JsonObject) a).getString("title"));
    });
    outcomes.clear();
    each(meta, "outcomes", o -> {
      OutcomeItem item = OutcomeItem.fromJson(o);
      outcomes.put(java.util.Objects.requireNonNull(item.id()), item);
    });
    part("defaults", () -> defaults = meta.getJsonObject("defaults", new JsonObject()).copy());
  }

  /** Board-wide state (everything but notes and participants), stored with the workshop. */
  public JsonObject metaToJson() {
    JsonArray phaseArray = new JsonArray();
    phases.forEach(p -> phaseArray.add(p.toJson()));
    JsonArray clusterArray = new JsonArray();
    clusters.values().forEach(c -> clusterArray.add(c.toJson()));
    JsonArray voteArray = new JsonArray();
    votes.values().forEach(v -> voteArray.add(v.toStored()));
    JsonArray journeyArray = new JsonArray();
    journeys.values().forEach(j -> journeyArray.add(j.toJson()));
    return new JsonObject().put("settings", settings.toJson()).put("phases", phaseArray)
        .put("currentPhaseId", currentPhaseId).put("timer", timer.toJson()).put("view", view.copy())
        .put("clusters", clusterArray).put("votes", voteArray).put("currentVoteId", currentVoteId)
        .put("journeys", journeyArray).put("areas", areas.copy()).put("defaults", defaults.copy())
        .put("outcomes", outcomesJson(null));
  }

  /** Outcomes; with a date, each open one whose reply-by date has passed is flagged {@code overdue}. */
  public JsonArray outcomesJson(java.time.LocalDate today) {
    JsonArray out = new JsonArray();
    outcomes.values().forEach(o -> {
      JsonObject json = o.toJson();
      if (today != null) {
        json.put("overdue", o.isOpen() && o.replyBy() != null && java.time.LocalDate.parse(o.replyBy()).isBefore(today));
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
    JsonArray people = new JsonArray();
    participants.values().forEach(p -> people.add(p.toJson()));
    JsonArray phaseArray = new JsonArray();
    phases.forEach(p -> phaseArray.add(p.toJson()));
    JsonArray clusterArray = new JsonArray();
    clusters.values().forEach(c -> clusterArray.add(c.toJson()));
    JsonArray closed = new JsonArray();
    votes.values().stream().filter(v -> !v.isOpen()).forEach(v -> closed.add(v.describe()));
    Vote current = currentVote();
    JsonObject vote = null;
    if (current != null) {
      vote = current.describe().put("cast", current.cast());
      JsonObject mine = new JsonObject();
      current.mine(viewer.participantId()).forEach(mine::put);
      vote.put("myVotes", mine);
      if (!current.secret() || !current.isOpen()) {
        vote.put("tally", current.tallyJson());
      }
    }
    JsonArray journeyArray = new JsonArray();
    journeys.values().forEach(j -> journeyArray.add(j.toJson()));
    return new JsonObject().put("seq", seq).put("participants", people)
        .put("settings", settings.toJson()).put("phases", phaseArray).put("currentPhaseId", currentPhaseId)
        .put("timer", timer.toJson()).put("view", view.copy()).put("clusters", clusterArray)
        .put("vote", vote).put("votes", closed).put("serverTime", nowMs)
        .put("journeys", journeyArray).put("areas", areas.copy())
        .put("defaults", defaults.copy())
        .put("outcomes", outcomesJson(java.time.Instant.ofEpochMilli(nowMs).atZone(FINLAND).toLocalDate()));
  }

  public Outcome handle(Command command, String actorId, Instant now) {
    if (command instanceof Command.JoinParticipant join) {
      long members = participants.values().stream().filter(p -> !p.removed()).count();
      if (members >= quotas.participants()) {
        throw new PajaException(ErrorCode.WORKSHOP_FULL,
            "The workshop has " + members + " participants, the most it holds.");
      }
      // Here, in the board's single writer: of two look-alike names joining at once, the second is refused.
      names.check(join.participant().id(), join.participant().name());
      return emit(join.participant().id(), now, new Event.ParticipantJoined(join.participant()),
          new JsonObject().put("participantId", join.participant().id()));
    }
    if (command instanceof Command.ExpireVote expire) {
      Vote vote = votes.get(expire.voteId());
      if (vote == null || !vote.isOpen() || vote.endsAt() == null || vote.endsAt() > now.toEpochMilli()) {
        return new Outcome(List.of(), new JsonObject());
      }
      return closeVote(null, now);
    }
    if (command instanceof Command.EraseParticipants erase) {
      return erase(erase, actorId, now);
    }
    Participant actor = participants.get(actorId);
    if (actor == null || actor.removed()) {
      throw new PajaException(ErrorCode.FORBIDDEN, "Not a member of this workshop.");
    }
    if (actor.isObserver()) {
      throw new PajaException(ErrorCode.FORBIDDEN, "Observers cannot change the board.");
    }
    if (command instanceof Command.AddNote add) {
      editable(actor);
      return add(add, actorId, now);
    }
    if (command instanceof Command.UpdateNote update) {
      editable(actor);
      Note changed = referTo(update.id(), actor);
      if (update.text().isPresent()) {
        // Charged to the note's author, whoever edits it: all text on the board stays within the authors' quotas.
        long growth = length(update.text().get()) - length(changed.text());
        if (growth > 0 && usage(changed.authorId()).characters() + growth > quotas.textPerParticipant()) {
          throw new PajaException(ErrorCode.TEXT_QUOTA_EXCEEDED, "The author of this note has "
              + quotas.textPerParticipant() + " characters of text on the board already, the most one person may have.");
        }
        changed = changed.withText(update.text().get(), now);
      }
      if (update.color().isPresent()) {
        changed = changed.withColor(update.color().get(), now);
      }
      return emit(actorId, now, new Event.NoteUpdated(changed), new JsonObject());
    }
    if (command instanceof Command.MoveNote move) {
      editable(actor);
      referTo(move.id(), actor);
      return emit(actorId, now, new Event.NoteMoved(move.id(), move.x(), move.y()), new JsonObject());
    }
    if (command instanceof Command.DeleteNote delete) {
      editable(actor);
      Note note = referTo(delete.id(), actor);
      Outcome outcome = emit(actorId, now, new Event.NoteDeleted(delete.id()), new JsonObject());
      removeEmptyCluster(note.clusterId(), actorId, now, outcome);
      return outcome;
    }
    if (command instanceof Command.RestoreNote restore) {
      editable(actor);
      return restore(restore, actor, now);
    }
    if (command instanceof Command.CreateCluster create) {
      editable(actor);
      return createCluster(create, actor, now);
    }
    if (command instanceof Command.RenameCluster rename) {
      editable(actor);
      existingCluster(rename.id());
      return emit(actorId, now, new Event.ClusterChanged(new Cluster(rename.id(), rename.title())), new JsonObject());
    }
    if (command instanceof Command.AddToCluster addTo) {
      editable(actor);
      existingCluster(addTo.id());
      Note note = referTo(addTo.noteId(), actor);
      String previous = note.clusterId();
      Outcome outcome = emit(actorId, now, new Event.NoteUpdated(note.inCluster(addTo.id(), now)), new JsonObject());
      if (previous != null && !previous.equals(addTo.id())) {
        removeEmptyCluster(previous, actorId, now, outcome);
      }
      return outcome;
    }
    if (command instanceof Command.Ungroup ungroup) {
      editable(actor);
      Note note = referTo(ungroup.noteId(), actor);
      Outcome outcome = emit(actorId, now, new Event.NoteUpdated(note.inCluster(null, now)), new JsonObject());
      removeEmptyCluster(note.clusterId(), actorId, now, outcome);
      return outcome;
    }
    if (command instanceof Command.DissolveCluster dissolve) {
      editable(actor);
      existingCluster(dissolve.id());
      Outcome outcome = new Outcome(new ArrayList<>(), new JsonObject());
      for (Note n : members(dissolve.id())) {
        outcome.events().addAll(emit(actorId, now, new Event.NoteUpdated(n.inCluster(null, now)), null).events());
      }
      outcome.events().addAll(emit(actorId, now, new Event.ClusterRemoved(dissolve.id()), null).events());
      return outcome;
    }
    if (command instanceof Command.MoveCluster move) {
      editable(actor);
      existingCluster(move.id());
      List<Event.Position> positions = members(move.id()).stream()
          .map(n -> new Event.Position(n.id(), clamp(n.x() + move.dx()), clamp(n.y() + move.dy()))).toList();
      if (positions.isEmpty()) {
        return new Outcome(List.of(), new JsonObject());
      }
      // One event for the whole group, however large: its members' resulting positions.
      return emit(actorId, now, new Event.ClusterMoved(move.id(), positions), new JsonObject());
    }
    if (command instanceof Command.CastVote cast) {
      return castVote(cast, actor, now);
    }
    if (command instanceof Command.CellText cell) {
      editable(actor);
      Journey j = journeyCell(cell.journeyId(), cell.stageId(), cell.laneId(), Set.of("text", "channel"));
      return emit(actor.id(), now, new Event.JourneyChanged(j.withText(cell.stageId(), cell.laneId(), cell.text())),
          new JsonObject());
    }
    if (command instanceof Command.CellEmotion cell) {
      editable(actor);
      Journey j = journeyCell(cell.journeyId(), cell.stageId(), cell.laneId(), Set.of("emotion"));
      Journey.Emotion emotion = cell.score().map(sc -> new Journey.Emotion(sc, cell.why())).orElse(null);
      return emit(actor.id(), now, new Event.JourneyChanged(j.withEmotion(cell.stageId(), cell.laneId(), emotion)),
          new JsonObject());
    }
    if (command instanceof Command.PlaceNote place) {
      editable(actor);
      Note note = referTo(place.noteId(), actor);
      Note.Cell cell = place.cell().orElse(null);
      if (cell != null) {
        journeyCell(cell.journeyId(), cell.stageId(), cell.laneId(), Set.of("notes"));
      }
      return emit(actor.id(), now, new Event.NoteUpdated(note.placed(cell, now)), new JsonObject());
    }
    if (command instanceof Command.CreateOutcome || command instanceof Command.UpdateOutcome
        || command instanceof Command.DeleteOutcome || command instanceof Command.LinkOutcome) {
      return outcome(command, actor, now);
    }
    if (command instanceof Command.CreateJourney || command instanceof Command.UpdateJourney
        || command instanceof Command.RemoveJourney || command instanceof Command.JourneyStructure) {
      return journeyStructure(command, actor, now);
    }
    return facilitate(command, actor, now);
  }

  /**
   * Erasure (docs/SECURITY.md, "Erasure"): retention erases everyone but the owner ({@code all}, no actor); a
   * facilitator erases one participant (not the owner); a participant erases themself with their notes. Erasing
   * someone erased already is answered as done (a retry), with the event again, so that the log is dropped again.
   */
  private Outcome erase(Command.EraseParticipants erase, String actorId, Instant now) {
    List<String> ids;
    if (erase.all()) {
      if (actorId != null) {
        throw new PajaException(ErrorCode.FORBIDDEN, "Only retention anonymises a whole workshop.");
      }
      ids = participants.values().stream().filter(p -> !Participant.FACILITATOR.equals(p.role()))
          .map(Participant::id).toList();
    } else {
      Participant actor = actorId == null ? null : participants.get(actorId);
      if (actor == null || actor.removed()) {
        throw new PajaException(ErrorCode.FORBIDDEN, "Not a member of this workshop.");
      }
      if (erase.deleteNotes()) {
        if (Participant.FACILITATOR.equals(actor.role())) {
          throw new PajaException(ErrorCode.FORBIDDEN, "The workshop's owner cannot leave it.");
        }
        ids = List.of(actor.id());
      } else {
        if (!actor.isFacilitator()) {
          throw new PajaException(ErrorCode.FORBIDDEN, "Only facilitators can erase a participant.");
        }
        String target = erase.participantIds().get(0);
        Participant p = participants.get(target);
        if (p != null && Participant.FACILITATOR.equals(p.role())) {
          throw new PajaException(ErrorCode.FORBIDDEN, "The workshop's owner cannot be erased.");
        }
        ids = List.of(target);
      }
    }
    Set<String> emptied = new java.util.LinkedHashSet<>();
    if (erase.deleteNotes()) {
      notes.values().stream().filter(n -> ids.contains(n.authorId()) && n.clusterId() != null)
          .forEach(n -> emptied.add(n.clusterId()));
    }
    Outcome outcome = emit(null, now, new Event.ParticipantsErased(ids, erase.deleteNotes(), erase.all()),
        new JsonObject().put("erased", new JsonArray(new ArrayList<>(ids))));
    for (String clusterId : emptied) {
      removeEmptyCluster(clusterId, null, now, outcome);
    }
    return outcome;
  }

  /** What {@link Event.ParticipantsErased} does to the board; every change is marked for the next checkpoint. */
  private void applyErasure(Event.ParticipantsErased erased, long seq) {
    Set<String> ids = new java.util.HashSet<>(erased.participantIds());
    for (String id : ids) {
      participants.remove(id);
      names.remove(id);
      changedParticipants.add(id);
    }
    java.util.function.Predicate<String> theirs = id -> id != null && (erased.allAuthors() || ids.contains(id));
    for (Note n : List.copyOf(notes.values())) {
      if (theirs.test(n.authorId())) {
        changedNotes.add(n.id());
        if (erased.notesDeleted()) {
          removeNote(n.id());
        } else {
          putNote(n.withoutAuthor());
        }
      }
    }
    var it = tombstones.entrySet().iterator();
    while (it.hasNext()) {
      var entry = it.next();
      Tombstone t = entry.getValue();
      if (theirs.test(t.note().authorId())) {
        // A deleted note of theirs is not kept for undo: its text goes for good.
        it.remove();
        changedNotes.add(entry.getKey());
      } else if (theirs.test(t.deletedBy())) {
        entry.setValue(t.withoutDeleter());
        changedNotes.add(entry.getKey());
      }
    }
    int[] n = {0};
    for (Vote vote : votes.values()) {
      vote.anonymise(theirs, voter -> "erased-" + seq + "-" + (n[0]++));
    }
    JsonObject follow = view.getJsonObject("follow");
    if (follow != null && theirs.test(follow.getString("by"))) {
      view = view.copy().put("follow", follow.copy().putNull("by"));
    }
  }

  /** Commands only facilitators may give. */
  private Outcome facilitate(Command command, Participant actor, Instant now) {
    if (!actor.isFacilitator()) {
      throw new PajaException(ErrorCode.FORBIDDEN, "Only facilitators can do this.");
    }
    String by = actor.id();
    if (command instanceof Command.SetRole setRole) {
      Participant target = existingParticipant(setRole.participantId());
      if (Participant.FACILITATOR.equals(target.role())) {
        throw new PajaException(ErrorCode.FORBIDDEN, "The workshop's owner keeps the facilitator role.");
      }
      return emit(by, now, new Event.ParticipantRoleChanged(target.id(), setRole.role()), new JsonObject());
    }
    if (command instanceof Command.RemoveParticipant remove) {
      Participant target = existingParticipant(remove.participantId());
      if (Participant.FACILITATOR.equals(target.role())) {
        throw new PajaException(ErrorCode.FORBIDDEN, "The workshop's owner cannot be removed.");
      }
      return emit(by, now, new Event.ParticipantRemoved(target.id()), new JsonObject());
    }
    if (command instanceof Command.UpdateSettings update) {
      return emit(by, now, new Event.SettingsChanged(settings.with(update.patch())), new JsonObject());
    }
    if (command instanceof Command.RevealNotes) {
      return reveal(by, now);
    }
    if (command instanceof Command.ArrangeNotes arrange) {
      return arrange(arrange, actor, now);
    }
    if (command instanceof Command.AddPhase add) {
      if (phases.size() >= Limits.MAX_PHASES) {
        throw new PajaException(ErrorCode.BOARD_FULL, "A workshop holds at most " + Limits.MAX_PHASES + " phases.");
      }
      List<Phase> next = new ArrayList<>(phases);
      Phase phase = new Phase(newId.get(), add.title(), add.instructions());
      next.add(phase);
      String current = currentPhaseId != null ? currentPhaseId : phase.id();
      return emit(by, now, new Event.PhasesChanged(next, current), new JsonObject().put("phaseId", phase.id()));
    }
    if (command instanceof Command.UpdatePhase update) {
      int i = phaseIndex(update.id());
      List<Phase> next = new ArrayList<>(phases);
      Phase old = next.get(i);
      next.set(i, new Phase(old.id(), update.title().orElse(old.title()), update.instructions().orElse(old.instructions())));
      return emit(by, now, new Event.PhasesChanged(next, currentPhaseId), new JsonObject());
    }
    if (command instanceof Command.MovePhase move) {
      int i = phaseIndex(move.id());
      List<Phase> next = new ArrayList<>(phases);
      Phase phase = next.remove(i);
      next.add(Math.min(move.index(), next.size()), phase);
      return emit(by, now, new Event.PhasesChanged(next, currentPhaseId), new JsonObject());
    }
    if (command instanceof Command.RemovePhase remove) {
      int i = phaseIndex(remove.id());
      List<Phase> next = new ArrayList<>(phases);
      next.remove(i);
      String current = remove.id().equals(currentPhaseId)
          ? (next.isEmpty() ? null : next.get(Math.min(i, next.size() - 1)).id()) : currentPhaseId;
      return emit(by, now, new Event.PhasesChanged(next, current), new JsonObject());
    }
    if (command instanceof Command.ActivatePhase activate) {
      phaseIndex(activate.id());
      return emit(by, now, new Event.PhasesChanged(new ArrayList<>(phases), activate.id()), new JsonObject());
    }
    if (command instanceof Command.TimerCommand t) {
      return emit(by, now, new Event.TimerChanged(nextTimer(t, now.toEpochMilli()), now.toEpochMilli()),
          new JsonObject());
    }
    if (command instanceof Command.Follow follow) {
      JsonObject next = view.copy().put("follow", new JsonObject().put("x", follow.x()).put("y", follow.y())
          .put("zoom", follow.zoom()).put("by", by));
      return emit(by, now, new Event.ViewChanged(next), new JsonObject());
    }
    if (command instanceof Command.Release) {
      return emit(by, now, new Event.ViewChanged(view.copy().putNull("follow")), new JsonObject());
    }
    if (command instanceof Command.Focus focus) {
      JsonObject target = null;
      if (focus.noteId().isPresent()) {
        // Focus is shown to everyone.
        referTo(focus.noteId().get(), actor, Reach.EVERYONE);
        target = new JsonObject().put("noteId", focus.noteId().get());
      } else if (focus.clusterId().isPresent()) {
        existingCluster(focus.clusterId().get());
        target = new JsonObject().put("clusterId", focus.clusterId().get());
      }
      return emit(by, now, new Event.ViewChanged(view.copy().put("focus", target)), new JsonObject());
    }
    if (command instanceof Command.OpenVote open) {
      Outcome outcome = new Outcome(new ArrayList<>(), new JsonObject());
      Vote current = currentVote();
      if (current != null && current.isOpen()) {
        outcome.events().addAll(closeVote(by, now).events());
      }
      String id = newId.get();
      Long endsAt = open.seconds().map(s -> now.toEpochMilli() + s * 1000).orElse(null);
      JsonObject vote = new Vote(id, open.targets(), open.budget(), open.maxPerItem(), open.secret(), endsAt)
          .describe();
      outcome.events().addAll(emit(by, now, new Event.VoteOpened(vote), null).events());
      outcome.reply().put("voteId", id);
      return outcome;
    }
    if (command instanceof Command.CloseVote) {
      Vote current = currentVote();
      if (current == null || !current.isOpen()) {
        throw new PajaException(ErrorCode.VOTE_NOT_OPEN);
      }
      return closeVote(by, now);
    }
    if (command instanceof Command.ReopenVote reopen) {
      Vote vote = votes.get(reopen.voteId());
      if (vote == null) {
        throw new PajaException(ErrorCode.VOTE_NOT_FOUND);
      }
      Outcome outcome = new Outcome(new ArrayList<>(), new JsonObject());
      Vote current = currentVote();
      if (current != null && current.isOpen() && !current.id().equals(vote.id())) {
        outcome.events().addAll(closeVote(by, now).events());
      }
      if (!vote.isOpen()) {
        JsonObject described = vote.describe().put("state", Vote.OPEN).putNull("endsAt");
        described.remove("results");
        outcome.events().addAll(emit(by, now, new Event.VoteOpened(described), null).events());
      }
      return outcome;
    }
    throw new PajaException(ErrorCode.UNKNOWN_OP, "Not a board command: " + command.op());
  }

  /** Decisions and action items: facilitators write them down, everyone can see what became of them. */
  private Outcome outcome(Command command, Participant actor, Instant now) {
    if (!actor.isFacilitator()) {
      throw new PajaException(ErrorCode.FORBIDDEN, "Only facilitators can record decisions and action items.");
    }
    String by = actor.id();
    if (command instanceof Command.CreateOutcome create) {
      if (outcomes.size() >= Limits.MAX_OUTCOMES) {
        throw new PajaException(ErrorCode.BOARD_FULL, "A workshop holds at most " + Limits.MAX_OUTCOMES + " outcomes.");
      }
      JsonObject source = null;
      String title = create.title().orElse(null);
      String target = null;
      if (create.noteId().isPresent()) {
        // An outcome, its title taken from the note, is shown to everyone and on the public page.
        Note note = referTo(create.noteId().get(), actor, Reach.EVERYONE);
        source = new JsonObject().put("noteId", note.id());
        target = note.id();
        if (title == null) {
          title = firstLine(note.text());
        }
      } else if (create.clusterId().isPresent()) {
        existingCluster(create.clusterId().get());
        source = new JsonObject().put("clusterId", create.clusterId().get());
        target = create.clusterId().get();
        if (title == null) {
          String clusterTitle = clusters.get(target).title();
          title = clusterTitle.isBlank() ? "—" : clusterTitle;
        }
      }
      String replyBy = create.replyBy();
      if (replyBy == null && create.fromFeedback()) {
        replyBy = WorkingDays.add(now.atZone(FINLAND).toLocalDate(), REPLY_WORKING_DAYS).toString();
      }
      String id = newId.get();
      OutcomeItem item = new OutcomeItem(id, create.kind(), title, create.description(), create.owner(),
          create.due(), "open", null, source, votesFor(target), replyBy, null, now, now);
      return emit(by, now, new Event.OutcomeChanged(item), new JsonObject().put("outcomeId", id));
    }
    if (command instanceof Command.UpdateOutcome update) {
      OutcomeItem item = existingOutcome(update.id());
      return emit(by, now, new Event.OutcomeChanged(item.with(update.patch(), now)), new JsonObject());
    }
    if (command instanceof Command.LinkOutcome link) {
      OutcomeItem item = existingOutcome(link.id());
      if (link.status().isEmpty() && item.github() != null) {
        // A push links an item once: a later push (say, after its turn ran out) answers with the first link.
        return new Outcome(List.of(), new JsonObject().put("github", item.github().copy()));
      }
      JsonObject patch = new JsonObject().put("github", link.github());
      link.status().ifPresent(st -> patch.put("status", st));
      return emit(by, now, new Event.OutcomeChanged(item.with(patch, now)), new JsonObject());
    }
    Command.DeleteOutcome delete = (Command.DeleteOutcome) command;
    existingOutcome(delete.id());
    return emit(by, now, new Event.OutcomeRemoved(delete.id()), new JsonObject());
  }

  private OutcomeItem existingOutcome(String id) {
    OutcomeItem item = outcomes.get(id);
    if (item == null) {
      throw new PajaException(ErrorCode.NOT_FOUND, "No such decision or action item.");
    }
    return item;
  }

  /** The dots the item got in the latest closed vote that counted it. */
  private int votesFor(String target) {
    if (target == null) {
      return 0;
    }
    List<Vote> closed = votes.values().stream().filter(v -> !v.isOpen() && v.results() != null).toList();
    for (int i = closed.size() - 1; i >= 0; i--) {
      for (Object r : closed.get(i).results()) {
        JsonObject result = (JsonObject) r;
        if (target.equals(result.getString("targetId"))) {
          return result.getInteger("votes");
        }
      }
    }
    return 0;
  }

  private static String firstLine(String text) {
    String line = text.strip().split("\n", 2)[0];
    return line.length() > Limits.MAX_TITLE_LENGTH ? line.substring(0, Limits.MAX_TITLE_LENGTH - 1) + "…" : line;
  }

  /** Facilitators shape journey maps; everyone fills them in. */
  private Outcome journeyStructure(Command command, Participant actor, Instant now) {
    if (!actor.isFacilitator()) {
      throw new PajaException(ErrorCode.FORBIDDEN, "Only facilitators can change the structure of a journey map.");
    }
    String by = actor.id();
    if (command instanceof Command.CreateJourney create) {
      if (journeys.size() >= Limits.MAX_JOURNEYS) {
        throw new PajaException(ErrorCode.BOARD_FULL,
            "A workshop holds at most " + Limits.MAX_JOURNEYS + " journey maps.");
      }
      List<Journey.Stage> stages = create.stages().stream().map(t -> new Journey.Stage(newId.get(), t)).toList();
      List<Journey.Lane> lanes = create.lanes().stream()
          .map(l -> new Journey.Lane(newId.get(), l.title(), l.kind())).toList();
      Journey journey = new Journey(newId.get(), create.title(), create.kind(), stages, lanes, Map.of(), Map.of());
      return emit(by, now, new Event.JourneyChanged(journey), new JsonObject().put("journeyId", journey.id()));
    }
    if (command instanceof Command.UpdateJourney update) {
      Journey j = existingJourney(update.id());
      return emit(by, now, new Event.JourneyChanged(j.with(update.title().orElse(j.title()),
          update.kind().orElse(j.kind()))), new JsonObject());
    }
    if (command instanceof Command.RemoveJourney remove) {
      existingJourney(remove.id());
      Outcome outcome = new Outcome(new ArrayList<>(), new JsonObject());
      for (Note n : List.copyOf(notes.values())) {
        if (n.cell() != null && n.cell().journeyId().equals(remove.id())) {
          outcome.events().addAll(emit(by, now, new Event.NoteUpdated(n.placed(null, now)), null).events());
        }
      }
      outcome.events().addAll(emit(by, now, new Event.JourneyRemoved(remove.id()), null).events());
      return outcome;
    }
    Command.JourneyStructure change = (Command.JourneyStructure) command;
    Journey j = existingJourney(change.journeyId());
    boolean stage = change.part().equals("stage");
    List<String> ids = stage ? j.stages().stream().map(Journey.Stage::id).toList()
        : j.lanes().stream().map(Journey.Lane::id).toList();
    int at = change.itemId().map(ids::indexOf).orElse(-1);
    if (change.itemId().isPresent() && at < 0) {
      throw new PajaException(ErrorCode.NOT_FOUND, "No such " + change.part() + " in this journey map.");
    }
    List<Journey.Stage> stages = new ArrayList<>(j.stages());
    List<Journey.Lane> lanes = new ArrayList<>(j.lanes());
    Outcome outcome = new Outcome(new ArrayList<>(), new JsonObject());
    switch (change.action()) {
      case "add" -> {
        if ((stage ? stages.size() : lanes.size()) >= (stage ? Limits.MAX_STAGES : Limits.MAX_LANES)) {
          throw new PajaException(ErrorCode.BOARD_FULL, "Too many " + change.part() + "s.");
        }
        String id = newId.get();
        int index = Math.min(change.index().orElse(Integer.MAX_VALUE), stage ? stages.size() : lanes.size());
        if (stage) {
          stages.add(index, new Journey.Stage(id, change.title().orElseThrow()));
        } else {
          lanes.add(index, new Journey.Lane(id, change.title().orElseThrow(), change.kind().orElseThrow()));
        }
        outcome.reply().put(change.part() + "Id", id);
      }
      case "update" -> {
        if (stage) {
          stages.set(at, new Journey.Stage(stages.get(at).id(), change.title().orElseThrow()));
        } else {
          Journey.Lane l = lanes.get(at);
          lanes.set(at, new Journey.Lane(l.id(), change.title().orElseThrow(), l.kind()));
        }
      }
      case "move" -> {
        int index = change.index().orElseThrow();
        if (stage) {
          Journey.Stage s = stages.remove(at);
          stages.add(Math.min(index, stages.size()), s);
        } else {
          Journey.Lane l = lanes.remove(at);
          lanes.add(Math.min(index, lanes.size()), l);
        }
      }
      default -> {
        String removedId = ids.get(at);
        if (stage) {
          stages.remove(at);
        } else {
          lanes.remove(at);
        }
        // Notes in the removed column or row go back to the canvas rather than disappear.
        for (Note n : List.copyOf(notes.values())) {
          Note.Cell c = n.cell();
          if (c != null && c.journeyId().equals(j.id())
              && (stage ? c.stageId() : c.laneId()).equals(removedId)) {
            outcome.events().addAll(emit(by, now, new Event.NoteUpdated(n.placed(null, now)), null).events());
          }
        }
      }
    }
    Journey next = stage ? j.withStages(stages) : j.withLanes(lanes);
    outcome.events().addAll(emit(by, now, new Event.JourneyChanged(next), null).events());
    return outcome;
  }

  private Journey existingJourney(String id) {
    Journey j = journeys.get(id);
    if (j == null) {
      throw new PajaException(ErrorCode.NOT_FOUND, "No such journey map.");
    }
    return j;
  }

  private Journey journeyCell(String journeyId, String stageId, String laneId, java.util.Set<String> laneKinds) {
    Journey j = existingJourney(journeyId);
    Journey.Lane lane = j.lane(laneId);
    if (j.stage(stageId) == null || lane == null) {
      throw new PajaException(ErrorCode.NOT_FOUND, "No such cell in this journey map.");
    }
    if (!laneKinds.contains(lane.kind())) {
      throw new PajaException(ErrorCode.WRONG_TYPE, "This lane holds " + lane.kind() + ", not that.");
    }
    return j;
  }

  private Outcome add(Command.AddNote add, String actorId, Instant now) {
    if (add.id().isPresent()) {
      Note existing = notes.get(add.id().get());
      if (existing != null) {
        if (actorId.equals(existing.authorId())) {
          // A client resending a command whose reply it lost: already done.
          return new Outcome(List.of(), new JsonObject().put("noteId", existing.id()));
        }
        throw new PajaException(ErrorCode.NOTE_ID_TAKEN);
      }
      if (clusters.containsKey(add.id().get()) || tombstones.containsKey(add.id().get())) {
        throw new PajaException(ErrorCode.NOTE_ID_TAKEN);
      }
    }
    if (notes.size() >= Limits.MAX_NOTES_PER_BOARD) {
      throw new PajaException(ErrorCode.BOARD_FULL);
    }
    Usage mine = usage(actorId);
    if (mine.notes() >= quotas.notesPerParticipant()) {
      throw new PajaException(ErrorCode.NOTE_QUOTA_EXCEEDED, "You have " + mine.notes()
          + " notes on the board, the most one person may have. Delete one to write another.");
    }
    if (mine.characters() + length(add.text()) > quotas.textPerParticipant()) {
      throw new PajaException(ErrorCode.TEXT_QUOTA_EXCEEDED, "Your notes hold " + mine.characters()
          + " characters; one person may have at most " + quotas.textPerParticipant() + " on the board.");
    }
    String id = add.id().orElseGet(newId);
    String anonymity = !settings.anonymous() ? null
        : settings.anonymousToFacilitators() ? Note.FROM_EVERYONE : Note.FROM_PARTICIPANTS;
    double x = add.x();
    double y = add.y();
    if (add.autoPlace()) {
      // Among the notes the author sees only: avoiding one she cannot see would tell her it is there.
      Participant author = participants.get(actorId);
      FreeSpots spots = new FreeSpots();
      notes.values().stream().filter(n -> n.cell() == null && canSee(n, author)).forEach(n -> spots.add(n.x(), n.y()));
      double[] free = spots.nearestFree(0, 0);
      x = free[0];
      y = free[1];
    }
    Note note = new Note(id, add.text(), x, y, add.color(), actorId, now, now, settings.privateMode(), null,
        null, anonymity);
    JsonObject reply = new JsonObject().put("noteId", id);
    if (add.autoPlace()) {
      reply.put("x", x).put("y", y);
    }
    return emit(actorId, now, new Event.NoteAdded(note), reply);
  }

  /**
   * Reveals every private note. Notes everyone already sees stay where they are; a revealed note that would overlap
   * a visible one or one revealed before it (oldest first) moves to the nearest free spot. The resulting positions
   * are in the event.
   */
  private Outcome reveal(String by, Instant now) {
    FreeSpots spots = new FreeSpots();
    notes.values().stream().filter(n -> !n.hidden() && n.cell() == null).forEach(n -> spots.add(n.x(), n.y()));
    List<Note> hidden = notes.values().stream().filter(Note::hidden)
        .sorted(java.util.Comparator.comparing(Note::createdAt).thenComparing(Note::id)).toList();
    List<Note> revealed = new ArrayList<>(hidden.size());
    JsonArray moved = new JsonArray();
    for (Note n : hidden) {
      if (n.cell() != null) {
        // Shown in its journey map's cell, not on the canvas.
        revealed.add(n.revealed());
        continue;
      }
      double[] at = spots.nearestFree(n.x(), n.y());
      spots.add(at[0], at[1]);
      revealed.add(n.revealedAt(at[0], at[1]));
      if (at[0] != n.x() || at[1] != n.y()) {
        moved.add(new JsonObject().put("id", n.id()).put("x", at[0]).put("y", at[1]));
      }
    }
    return emit(by, now, new Event.NotesRevealed(revealed),
        new JsonObject().put("revealed", revealed.size()).put("moved", moved));
  }

  /**
   * Lays out notes everyone sees in a grid from the top-left corner of where they are now: blocks (a group's
   * notes, or one colour's) side by side, loose notes last; in a block, rows of about as many notes as it has rows,
   * in reading order (top to bottom, left to right).
   */
  private Outcome arrange(Command.ArrangeNotes arrange, Participant actor, Instant now) {
    List<Note> chosen = arrange.noteIds()
        .map(ids -> ids.stream().map(id -> referTo(id, actor, Reach.EVERYONE)).toList())
        .orElseGet(() -> notes.values().stream().filter(n -> !n.hidden()).toList())
        .stream().filter(n -> n.cell() == null).toList();
    if (chosen.isEmpty()) {
      return new Outcome(List.of(), new JsonObject().put("arranged", 0));
    }
    boolean byGroup = "group".equals(arrange.by());
    List<String> order = new ArrayList<>(byGroup ? clusters.keySet() : Limits.COLORS);
    order.add("");
    Map<String, List<Note>> blocks = new LinkedHashMap<>();
    order.forEach(b -> blocks.put(b, new ArrayList<>()));
    for (Note n : chosen) {
      String block = byGroup ? n.clusterId() : n.color();
      blocks.computeIfAbsent(block == null ? "" : block, b -> new ArrayList<>()).add(n);
    }
    List<Note> loose = blocks.remove("");
    blocks.put("", loose);
    double left = chosen.stream().mapToDouble(Note::x).min().orElse(0);
    double top = chosen.stream().mapToDouble(Note::y).min().orElse(0);
    double stepX = Limits.NOTE_WIDTH + Limits.ARRANGE_GAP;
    double stepY = Limits.NOTE_HEIGHT + Limits.ARRANGE_GAP;
    List<Event.Position> positions = new ArrayList<>(chosen.size());
    double blockX = left;
    for (List<Note> block : blocks.values()) {
      if (block.isEmpty()) {
        continue;
      }
      block.sort(java.util.Comparator.comparingDouble(Note::y).thenComparingDouble(Note::x)
          .thenComparing(Note::id));
      int columns = (int) Math.ceil(Math.sqrt(block.size()));
      for (int i = 0; i < block.size(); i++) {
        positions.add(new Event.Position(block.get(i).id(), clamp(blockX + (i % columns) * stepX),
            clamp(top + (i / columns) * stepY)));
      }
      blockX += columns * stepX + Limits.ARRANGE_GAP;
    }
    JsonArray moved = new JsonArray(new ArrayList<>(positions.size()));
    positions.forEach(p -> moved.add(p.toJson()));
    return emit(actor.id(), now, new Event.NotesArranged(arrange.by(), positions),
        new JsonObject().put("arranged", positions.size()).put("positions", moved));
  }

  /**
   * Brings a deleted note back from its tombstone: who deleted it or a facilitator, while they could delete it now.
   * Back in its group; a group that is gone meanwhile is made again with its id and last title. Its dots were never
   * taken out of the votes, so they count for it again.
   */
  private Outcome restore(Command.RestoreNote restore, Participant actor, Instant now) {
    Tombstone t = tombstones.get(restore.id());
    if (t == null || !canSee(t.note(), actor)) {
      throw new PajaException(ErrorCode.NOTE_NOT_FOUND, "No deleted note with this id can be restored: it was not"
          + " deleted, is back already, or was deleted too long ago.");
    }
    if (!actor.isFacilitator() && !actor.id().equals(t.deletedBy())) {
      throw new PajaException(ErrorCode.FORBIDDEN, "Only who deleted a note, or a facilitator, can restore it.");
    }
    if (notes.containsKey(restore.id()) || clusters.containsKey(restore.id())) {
      throw new PajaException(ErrorCode.NOTE_ID_TAKEN);
    }
    if (notes.size() >= Limits.MAX_NOTES_PER_BOARD) {
      throw new PajaException(ErrorCode.BOARD_FULL);
    }
    Note note = t.note();
    Usage theirs = usage(note.authorId());
    if (theirs.notes() >= quotas.notesPerParticipant()) {
      throw new PajaException(ErrorCode.NOTE_QUOTA_EXCEEDED, "The note's author has " + theirs.notes()
          + " notes on the board, the most one person may have.");
    }
    if (theirs.characters() + length(note.text()) > quotas.textPerParticipant()) {
      throw new PajaException(ErrorCode.TEXT_QUOTA_EXCEEDED, "The note's author has "
          + theirs.characters() + " characters of text on the board; one person may have at most "
          + quotas.textPerParticipant() + ".");
    }
    Note.Cell cell = note.cell();
    if (cell != null) {
      Journey j = journeys.get(cell.journeyId());
      if (j == null || j.stage(cell.stageId()) == null || j.lane(cell.laneId()) == null) {
        note = note.placed(null, note.updatedAt());
      }
    }
    Outcome outcome = new Outcome(new ArrayList<>(), new JsonObject().put("noteId", note.id()));
    String group = note.clusterId();
    if (group != null && !clusters.containsKey(group)) {
      if (notes.containsKey(group) || tombstones.containsKey(group)) {
        note = note.inCluster(null, note.updatedAt());
      } else {
        String title = t.groupTitle() == null ? "" : t.groupTitle();
        outcome.events().addAll(emit(actor.id(), now, new Event.ClusterChanged(new Cluster(group, title)), null)
            .events());
      }
    }
    outcome.events().addAll(emit(actor.id(), now, new Event.NoteRestored(note), null).events());
    return outcome;
  }

  private Outcome createCluster(Command.CreateCluster create, Participant actor, Instant now) {
    String id = create.id().orElseGet(newId);
    if (clusters.containsKey(id) || notes.containsKey(id) || tombstones.containsKey(id)) {
      throw new PajaException(ErrorCode.NOTE_ID_TAKEN, "That cluster id is already in use.");
    }
    List<Note> members = create.noteIds().stream().map(n -> referTo(n, actor)).toList();
    Outcome outcome = emit(actor.id(), now, new Event.ClusterChanged(new Cluster(id, create.title())),
        new JsonObject().put("clusterId", id));
    List<String> emptied = new ArrayList<>();
    for (Note n : members) {
      outcome.events().addAll(emit(actor.id(), now, new Event.NoteUpdated(n.inCluster(id, now)), null).events());
      if (n.clusterId() != null && !emptied.contains(n.clusterId())) {
        emptied.add(n.clusterId());
      }
    }
    emptied.forEach(c -> removeEmptyCluster(c, actor.id(), now, outcome));
    return outcome;
  }

  private Outcome castVote(Command.CastVote cast, Participant actor, Instant now) {
    Vote vote = currentVote();
    if (vote == null || !vote.isOpen() || (vote.endsAt() != null && vote.endsAt() <= now.toEpochMilli())) {
      throw new PajaException(ErrorCode.VOTE_NOT_OPEN);
    }
    String target = cast.targetId();
    // Private notes are voted on after they are revealed: a tally, shown to everyone, must never carry a hidden
    // note's id.
    boolean isNote = notes.containsKey(target) && referable(notes.get(target), actor, Reach.EVERYONE)
        && vote.allowsNotes();
    boolean isCluster = clusters.containsKey(target) && vote.allowsClusters();
    if (!isNote && !isCluster) {
      throw new PajaException(ErrorCode.INVALID_VOTE_TARGET);
    }
    if (cast.delta() > 0) {
      if (vote.used(actor.id()) >= vote.budget()) {
        throw new PajaException(ErrorCode.VOTE_BUDGET_EXCEEDED);
      }
      if (vote.on(actor.id(), target) >= vote.maxPerItem()) {
        throw new PajaException(ErrorCode.VOTE_ITEM_LIMIT);
      }
    } else if (vote.on(actor.id(), target) == 0) {
      throw new PajaException(ErrorCode.INVALID_VOTE_TARGET, "You have no dot on this item.");
    }
    // The resulting totals go into the event so that every recipient can be told what it may know.
    vote.add(actor.id(), target, cast.delta());
    int castAfter = vote.cast();
    JsonObject tally = vote.tallyJson();
    vote.add(actor.id(), target, -cast.delta());
    Outcome outcome = emit(actor.id(), now,
        new Event.VoteChanged(vote.id(), actor.id(), target, cast.delta(), castAfter, tally), new JsonObject());
    outcome.reply().put("left", vote.budget() - vote.used(actor.id()));
    return outcome;
  }

  private Outcome closeVote(String by, Instant now) {
    Vote vote = currentVote();
    JsonObject described = vote.describe().put("state", Vote.CLOSED);
    Vote probe = Vote.fromStored(vote.toStored());
    probe.close(t -> probe.kindOf(t, this::kindOf));
    described.put("results", probe.results());
    return emit(by, now, new Event.VoteClosed(described), new JsonObject());
  }

  private String kindOf(String targetId) {
    return clusters.containsKey(targetId) ? "cluster" : "note";
  }

  private Timer nextTimer(Command.TimerCommand t, long now) {
    long remaining = timer.remainingAt(now);
    return switch (t.action()) {
      case "start" -> Timer.running(now, t.seconds() * 1000);
      case "pause" -> {
        if (!"running".equals(timer.state())) {
          yield timer;
        }
        yield new Timer("paused", null, remaining, timer.durationMs());
      }
      case "resume" -> {
        if (!"paused".equals(timer.state())) {
          yield timer;
        }
        yield new Timer("running", now + remaining, remaining, timer.durationMs());
      }
      case "add" -> {
        long next = Math.max(0, remaining + t.seconds() * 1000);
        long duration = Math.max(0, timer.durationMs() + t.seconds() * 1000);
        yield switch (timer.state()) {
          case "running" -> new Timer("running", now + next, next, duration);
          case "paused" -> new Timer("paused", null, next, duration);
          default -> Timer.running(now, Math.max(1000, t.seconds() * 1000));
        };
      }
      default -> Timer.STOPPED;
    };
  }

  private void editable(Participant actor) {
    if (settings.locked() && !actor.isFacilitator()) {
      throw new PajaException(ErrorCode.BOARD_LOCKED);
    }
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
  private Note referTo(String id, Participant actor, Reach reach) {
    Note note = notes.get(id);
    if (note == null || !referable(note, actor, reach)) {
      throw new PajaException(ErrorCode.NOTE_NOT_FOUND);
    }
    return note;
  }

  private Note referTo(String id, Participant actor) {
    return referTo(id, actor, Reach.NOTE);
  }

  private boolean referable(Note note, Participant actor, Reach reach) {
    return canSee(note, actor) && (reach == Reach.NOTE || !note.hidden());
  }

  private void existingCluster(String id) {
    if (!clusters.containsKey(id)) {
      throw new PajaException(ErrorCode.CLUSTER_NOT_FOUND);
    }
  }

  private Participant existingParticipant(String id) {
    Participant p = participants.get(id);
    if (p == null || p.removed()) {
      throw new PajaException(ErrorCode.PARTICIPANT_NOT_FOUND);
    }
    return p;
  }

  private int phaseIndex(String id) {
    for (int i = 0; i < phases.size(); i++) {
      if (phases.get(i).id().equals(id)) {
        return i;
      }
    }
    throw new PajaException(ErrorCode.PHASE_NOT_FOUND);
  }

  private List<Note> members(String clusterId) {
    return notes.values().stream().filter(n -> clusterId.equals(n.clusterId())).toList();
  }

  private void removeEmptyCluster(String clusterId, String by, Instant now, Outcome outcome) {
    if (clusterId != null && clusters.containsKey(clusterId) && members(clusterId).isEmpty()) {
      outcome.events().addAll(emit(by, now, new Event.ClusterRemoved(clusterId), null).events());
    }
  }

  private static double clamp(double v) {
    return Math.max(-Limits.MAX_COORDINATE, Math.min(Limits.MAX_COORDINATE, v));
  }

  private Outcome emit(String actorId, Instant now, Event.Change change, JsonObject reply) {
    Event event = new Event(seq + 1, workshopId, now, actorId, change, Visibility.of(change, this, actorId));
    apply(event);
    List<Event> events = new ArrayList<>(1);
    events.add(event);
    return new Outcome(events, reply == null ? new JsonObject() : reply);
  }

  /**
   * Applies an event. Events carry resulting values (whole notes, absolute positions, whole lists), so applying
   * one over state that already contains it is harmless: that is what makes replay after a crash safe.
   */
  public void apply(Event event) {
    Event.Change change = event.change();
    markChanged(change);
    if (change instanceof Event.ParticipantJoined joined) {
      participants.put(joined.participant().id(), joined.participant());
      names.add(joined.participant().id(), joined.participant().name());
    } else if (change instanceof Event.ParticipantRoleChanged role) {
      participants.computeIfPresent(role.participantId(), (id, p) -> p.withRole(role.role()));
    } else if (change instanceof Event.ParticipantRemoved removed) {
      participants.computeIfPresent(removed.participantId(), (id, p) -> p.asRemoved());
    } else if (change instanceof Event.ParticipantsErased erased) {
      applyErasure(erased, event.seq());
    } else if (change instanceof Event.NoteAdded added) {
      putNote(added.note());
    } else if (change instanceof Event.NoteUpdated updated) {
      putNote(updated.note());
    } else if (change instanceof Event.NoteMoved moved) {
      notes.computeIfPresent(moved.id(), (id, n) -> n.movedTo(moved.x(), moved.y(), event.at()));
    } else if (change instanceof Event.ClusterMoved moved) {
      for (Event.Position p : moved.positions()) {
        notes.computeIfPresent(p.id(), (id, n) -> n.movedTo(p.x(), p.y(), event.at()));
      }
    } else if (change instanceof Event.NoteDeleted deleted) {
      Note old = notes.get(deleted.id());
      removeNote(deleted.id());
      if (old != null) {
        Cluster group = old.clusterId() == null ? null : clusters.get(old.clusterId());
        tombstones.remove(old.id());
        tombstones.put(old.id(), new Tombstone(old, event.at(), event.by(), group == null ? null : group.title()));
      }
    } else if (change instanceof Event.NoteRestored restored) {
      tombstones.remove(restored.note().id());
      putNote(restored.note());
    } else if (change instanceof Event.NotesArranged arranged) {
      for (Event.Position p : arranged.positions()) {
        notes.computeIfPresent(p.id(), (id, n) -> n.movedTo(p.x(), p.y(), event.at()));
      }
    } else if (change instanceof Event.NotesRevealed revealed) {
      // The event's own positions: a reveal moves notes off the ones they would cover (older logs: unmoved).
      revealed.notes().forEach(n -> notes.computeIfPresent(n.id(), (id, old) -> old.revealedAt(n.x(), n.y())));
    } else if (change instanceof Event.SettingsChanged s) {
      settings = s.settings();
    } else if (change instanceof Event.PhasesChanged p) {
      phases.clear();
      phases.addAll(p.phases());
      currentPhaseId = p.currentPhaseId();
    } else if (change instanceof Event.TimerChanged t) {
      timer = t.timer();
    } else if (change instanceof Event.ViewChanged v) {
      view = v.view().copy();
    } else if (change instanceof Event.ClusterChanged c) {
      clusters.put(c.cluster().id(), c.cluster());
    } else if (change instanceof Event.ClusterRemoved c) {
      Cluster gone = clusters.remove(c.id());
      if (gone != null) {
        // Deleted notes of the group remember its last title, so that restoring one brings the group back.
        tombstones.replaceAll((id, t) -> c.id().equals(t.note().clusterId()) ? t.withGroupTitle(gone.title()) : t);
      }
    } else if (change instanceof Event.VoteOpened o) {
      JsonObject v = o.vote();
      Vote existing = votes.get(v.getString("id"));
      if (existing != null) {
        existing.reopen(v.getLong("endsAt"));
      } else {
        votes.put(v.getString("id"), new Vote(v.getString("id"), v.getString("targets"), v.getInteger("budget"),
            v.getInteger("maxPerItem"), v.getBoolean("secret"), v.getLong("endsAt")));
      }
      currentVoteId = v.getString("id");
    } else if (change instanceof Event.VoteChanged c) {
      Vote vote = votes.get(c.voteId());
      if (vote != null) {
        // A delta, so not idempotent by itself: the ballots are stored in the same document update as the
        // checkpoint seq (BoardStore), so replay applies exactly the events after them.
        vote.add(c.voter(), c.targetId(), c.delta());
        vote.remember(c.targetId(), kindOf(c.targetId()));
      }
    } else if (change instanceof Event.OutcomeChanged c) {
      outcomes.put(c.outcome().id(), c.outcome());
    } else if (change instanceof Event.OutcomeRemoved c) {
      outcomes.remove(c.id());
    } else if (change instanceof Event.JourneyChanged c) {
      journeys.put(c.journey().id(), c.journey());
    } else if (change instanceof Event.JourneyRemoved c) {
      journeys.remove(c.id());
    } else if (change instanceof Event.VoteClosed c) {
      Vote vote = votes.get(c.vote().getString("id"));
      if (vote != null) {
        vote.close(t -> vote.kindOf(t, this::kindOf));
      }
    }
    purgeTombstones(event.at());
    seq = Math.max(seq, event.seq());
  }

  /** Adds or replaces a note, keeping its author's {@link Usage} (the only other place notes change is a move). */
  private void putNote(Note note) {
    Note old = notes.put(note.id(), note);
    if (old != null) {
      count(old, -1);
    }
    count(note, 1);
  }

  private void removeNote(String id) {
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
  private static int length(String text) {
    return text == null ? 0 : text.codePointCount(0, text.length());
  }

  /** Notes and participants live in collections of their own (the rest of the board in one document). */
  private void markChanged(Event.Change change) {
    eventsSinceCheckpoint++;
    if (change instanceof Event.ParticipantJoined joined) {
      changedParticipants.add(joined.participant().id());
    } else if (change instanceof Event.ParticipantRoleChanged role) {
      changedParticipants.add(role.participantId());
    } else if (change instanceof Event.ParticipantRemoved removed) {
      changedParticipants.add(removed.participantId());
    } else if (change instanceof Event.NoteAdded added) {
      changedNotes.add(added.note().id());
    } else if (change instanceof Event.NoteUpdated updated) {
      changedNotes.add(updated.note().id());
    } else if (change instanceof Event.NoteMoved moved) {
      changedNotes.add(moved.id());
    } else if (change instanceof Event.ClusterMoved moved) {
      // Every note of the group moved: each must be written by the next checkpoint, or a restart loses the move.
      moved.positions().forEach(p -> changedNotes.add(p.id()));
    } else if (change instanceof Event.NoteDeleted deleted) {
      changedNotes.add(deleted.id());
    } else if (change instanceof Event.NoteRestored restored) {
      changedNotes.add(restored.note().id());
    } else if (change instanceof Event.NotesArranged arranged) {
      arranged.positions().forEach(p -> changedNotes.add(p.id()));
    } else if (change instanceof Event.NotesRevealed revealed) {
      revealed.notes().forEach(n -> changedNotes.add(n.id()));
    }
  }
}
