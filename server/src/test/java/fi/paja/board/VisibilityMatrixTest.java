package fi.paja.board;

import static fi.paja.board.FacilitationFixture.COFAC;
import static fi.paja.board.FacilitationFixture.OBS;
import static fi.paja.board.FacilitationFixture.OWNER;
import static fi.paja.board.FacilitationFixture.PAT;
import static fi.paja.board.FacilitationFixture.PIA;
import static fi.paja.board.FacilitationFixture.cast;
import static fi.paja.board.FacilitationFixture.retract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/PROTOCOL.md, "What each member sees", as one table: every event type (the permitted types of
 * {@link Event.Change}, so a new type is included by itself) goes through {@link Visibility#filter} for every kind of
 * member, under every combination of the settings that decide visibility. Nobody gets a private note's text or id,
 * or the name of an author or voter hidden from them; everybody gets what they may see. The expectations are worked
 * out here from the board's state before and after each event, not from the event's own {@code _v}.
 */
class VisibilityMatrixTest {

  static final String EVE = "eve-00000006";

  /** The kinds of member, each seated as one person of the fixture (the author writes the private note). */
  enum Member {
    OWNER(FacilitationFixture.OWNER, true), CO_FACILITATOR(COFAC, true), AUTHOR(PAT, false),
    OTHER_PARTICIPANT(PIA, false), OBSERVER(OBS, false);

    final String id;
    final boolean facilitator;

    Member(String id, boolean facilitator) {
      this.id = id;
      this.facilitator = facilitator;
    }

    Visibility.Viewer viewer() {
      return new Visibility.Viewer(id, facilitator);
    }
  }

  static final List<String> PEOPLE = List.of(OWNER, COFAC, PAT, PIA, OBS, EVE);

  record Mode(boolean privateMode, boolean anonymous, boolean anonymousToFacilitators,
              boolean facilitatorsSeePrivate, boolean secretVote) {
    JsonObject settings() {
      return new JsonObject().put("privateMode", privateMode).put("anonymous", anonymous)
          .put("anonymousToFacilitators", anonymousToFacilitators)
          .put("facilitatorsSeePrivate", facilitatorsSeePrivate);
    }
  }

  static Stream<Mode> modes() {
    List<Mode> modes = new ArrayList<>();
    for (int bits = 0; bits < 32; bits++) {
      modes.add(new Mode((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0, (bits & 16) != 0));
    }
    return modes.stream();
  }

  /** What a session produced: its events, and the member snapshots taken while notes were still private. */
  record Session(List<Event> events, Map<Member, JsonObject> privateSnapshots) {
  }

  /**
   * A workshop that produces every type of event: notes written in the given mode by the author, another participant
   * and the owner; edited, moved, grouped, deleted, restored, revealed; phases, timer, view, journeys, a vote,
   * outcomes, and a person who joins, changes role, is removed and erased.
   */
  static Session session(Mode mode) {
    FacilitationFixture f = new FacilitationFixture();
    List<Event> log = new ArrayList<>();
    String ownersPublicNote = add(f, log, OWNER, "the owner's public note");
    log.addAll(f.handle(new Command.UpdateSettings(mode.settings()), OWNER).events());
    String patsNote = add(f, log, PAT, "pat's secret idea");
    String piasNote = add(f, log, PIA, "pia's secret idea");
    log.addAll(f.handle(new Command.UpdateNote(patsNote, Optional.of("pat's secret idea, edited"), Optional.empty()),
        PAT).events());
    log.addAll(f.handle(new Command.MoveNote(patsNote, 50, 60), PAT).events());
    Board.Outcome grouped = f.handle(new Command.CreateCluster(Optional.empty(), "a group",
        List.of(patsNote, ownersPublicNote)), PAT);
    log.addAll(grouped.events());
    String group = grouped.reply().getString("clusterId");
    log.addAll(f.handle(new Command.MoveCluster(group, 5, 5), PIA).events());
    log.addAll(f.handle(new Command.ArrangeNotes(Optional.empty(), "color"), OWNER).events());
    log.addAll(f.handle(new Command.DeleteNote(patsNote), PAT).events());
    log.addAll(f.handle(new Command.RestoreNote(patsNote), PAT).events());
    log.addAll(f.handle(new Command.AddPhase("Ideas", ""), OWNER).events());
    log.addAll(f.handle(new Command.TimerCommand("start", 60), OWNER).events());
    log.addAll(f.handle(new Command.Follow(1, 2, 1), COFAC).events());
    Board.Outcome journey = f.handle(new Command.CreateJourney("Path", "current", List.of("Start"), List.of()), OWNER);
    log.addAll(journey.events());
    log.addAll(f.handle(new Command.RemoveJourney(journey.reply().getString("journeyId")), OWNER).events());

    Map<Member, JsonObject> snapshots = new HashMap<>();
    for (Member m : Member.values()) {
      snapshots.put(m, f.board.snapshotFor(m.viewer(), FacilitationFixture.T0.toEpochMilli()));
    }

    log.addAll(f.handle(new Command.RevealNotes(), OWNER).events());
    log.addAll(f.handle(new Command.OpenVote("both", 3, 3, mode.secretVote(), Optional.empty()), OWNER).events());
    log.addAll(f.handle(cast(patsNote), PAT).events());
    log.addAll(f.handle(cast(piasNote), PIA).events());
    log.addAll(f.handle(retract(patsNote), PAT).events());
    log.addAll(f.handle(new Command.CloseVote(), OWNER).events());
    Board.Outcome outcome = f.handle(new Command.CreateOutcome("decision", Optional.of("We decide"), "", null, null,
        Optional.of(piasNote), Optional.empty(), false, null), OWNER);
    log.addAll(outcome.events());
    log.addAll(f.handle(new Command.DeleteOutcome(outcome.reply().getString("outcomeId")), OWNER).events());
    log.addAll(f.handle(new Command.DissolveCluster(group), PAT).events());
    log.addAll(f.handle(new Command.JoinParticipant(new Participant(EVE, "Eve", Participant.PARTICIPANT)), EVE)
        .events());
    add(f, log, EVE, "eve's idea");
    log.addAll(f.handle(new Command.SetRole(EVE, Participant.COFACILITATOR), OWNER).events());
    log.addAll(f.handle(new Command.RemoveParticipant(EVE, false), OWNER).events());
    log.addAll(f.handle(new Command.EraseParticipants(List.of(EVE), false, false), OWNER).events());
    return new Session(log, snapshots);
  }

  private static String add(FacilitationFixture f, List<Event> log, String author, String text) {
    Board.Outcome added = f.handle(FacilitationFixture.addCmd(text), author);
    log.addAll(added.events());
    return added.reply().getString("noteId");
  }

  @Test
  void theSessionsProduceEveryTypeOfEvent() {
    Set<Class<?>> produced = modes().flatMap(m -> session(m).events().stream()).map(e -> e.change().getClass())
        .collect(Collectors.toSet());
    Set<String> missing = Arrays.stream(Event.Change.class.getPermittedSubclasses()).filter(c -> !produced.contains(c))
        .map(Class::getSimpleName).collect(Collectors.toCollection(LinkedHashSet::new));
    assertEquals(Set.of(), missing, "event types this test does not run through the filter: add a step producing each"
        + " to session() (and its subject to Event.Change#subject)");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void everyEventReachesEachKindOfMemberAsTheRulesSay(Mode mode) {
    Board before = new FacilitationFixture().board;
    Board after = new FacilitationFixture().board;
    for (Event e : session(mode).events()) {
      after.apply(e);
      JsonObject whole = e.toJson();
      for (Member m : Member.values()) {
        JsonObject seen = Visibility.filter(whole, m.viewer());
        String what = e.type() + " #" + e.seq() + " for " + m + " in " + mode + ": " + seen.encode();
        assertFalse(seen.containsKey(Visibility.FIELD), what);
        if (e.type().startsWith("vote.")) {
          assertVoteAsSeen(whole, seen, m, mode.secretVote(), what);
        } else {
          assertNotesAsSeen(before, after, whole, seen, m, what);
        }
      }
      before.apply(e);
    }
  }

  @ParameterizedTest
  @MethodSource("modes")
  void snapshotsHoldOnlyWhatEachKindOfMemberMaySee(Mode mode) {
    Session s = session(mode);
    // Replayed up to the snapshots: the reveal is the first event after them.
    Board board = new FacilitationFixture().board;
    for (Event e : s.events()) {
      if (e.change() instanceof Event.NotesRevealed) {
        break;
      }
      board.apply(e);
    }
    for (Member m : Member.values()) {
      String seen = s.privateSnapshots().get(m).encode();
      for (Note n : board.notes()) {
        String what = "note " + n.id() + " in the snapshot of " + m + " in " + mode + ": " + seen;
        if (secretFrom(n, board.settings(), m)) {
          assertFalse(seen.contains(n.text()), "private note text: " + what);
          assertFalse(seen.contains(quoted(n.id())), "private note id: " + what);
          continue;
        }
        JsonObject note = noteIn(s.privateSnapshots().get(m), n.id());
        if (m.id.equals(n.authorId())) {
          assertTrue(note.getBoolean("mine"), what);
        } else {
          assertEquals(n.text(), note.getString("text"), what);
          assertEquals(authorHiddenFrom(n, board.settings(), m) ? null : n.authorId(), note.getString("authorId"),
              "author: " + what);
        }
      }
    }
  }

  private static JsonObject noteIn(JsonObject snapshot, String id) {
    return Optional.ofNullable(findNote(snapshot, id))
        .orElseThrow(() -> new AssertionError("note " + id + " missing from " + snapshot.encode()));
  }

  private static JsonObject findNote(JsonObject snapshot, String id) {
    return snapshot.getJsonArray("notes").stream().map(JsonObject.class::cast).filter(n -> id.equals(n.getString("id")))
        .findFirst().orElse(null);
  }

  /**
   * The hidden-note rule holds for a group move too when the note's author has been erased: the note stays private
   * (snapshots show it to no participant), so its position reaches no participant either.
   */
  @Test
  void aGroupMoveDoesNotShowAPrivateNoteWhoseAuthorWasErased() {
    FacilitationFixture f = new FacilitationFixture();
    String ownersNote = f.addNote(OWNER, "the owner's public note");
    f.settings("{\"privateMode\":true}");
    String patsNote = f.addNote(PAT, "pat's secret idea");
    String group = f.cluster(PAT, "a group", patsNote, ownersNote);
    f.handle(new Command.EraseParticipants(List.of(PAT), false, false), OWNER);

    Event moved = f.handle(new Command.MoveCluster(group, 5, 5), OWNER).events().get(0);

    for (Member m : Member.values()) {
      String seen = Visibility.filter(moved.toJson(), m.viewer()).encode();
      assertTrue(seen.contains(quoted(ownersNote)), m + ": " + seen);
      assertEquals(m.facilitator, seen.contains(quoted(patsNote)), m + ": " + seen);
      JsonObject snapshot = f.board.snapshotFor(m.viewer(), FacilitationFixture.T0.toEpochMilli());
      assertEquals(m.facilitator, findNote(snapshot, patsNote) != null, m + " snapshot");
    }
  }

  // --- the rules, as this test states them -------------------------------------------------------------------

  /** A private note's text reaches only its author, and facilitators where they see private notes. */
  private static boolean secretFrom(Note n, Settings settings, Member m) {
    return n.hidden() && !m.id.equals(n.authorId()) && !(m.facilitator && settings.facilitatorsSeePrivate());
  }

  /**
   * Who wrote a note is hidden from others while the workshop is anonymous (facilitators see it unless it is
   * anonymous to them too), and for ever as far as it was anonymous when written.
   */
  private static boolean authorHiddenFrom(Note n, Settings settings, Member m) {
    if (m.id.equals(n.authorId())) {
      return false;
    }
    boolean bySettings = settings.anonymous() && !(m.facilitator && !settings.anonymousToFacilitators());
    boolean asWritten = Note.FROM_EVERYONE.equals(n.anonymity())
        || (Note.FROM_PARTICIPANTS.equals(n.anonymity()) && !m.facilitator);
    return bySettings || asWritten;
  }

  /**
   * Notes the event is about, with the board before and after it: a note private on both sides (or on the one side
   * where it exists) is secret; its text and id do not reach who may not see it, and nothing the event says about
   * it names its author to who may not know them. Everything else of the event arrives.
   */
  private static void assertNotesAsSeen(Board before, Board after, JsonObject whole, JsonObject seen, Member m,
                                        String what) {
    String all = whole.encode();
    String out = seen.encode();
    Set<String> ids = new LinkedHashSet<>();
    before.notes().forEach(n -> ids.add(n.id()));
    after.notes().forEach(n -> ids.add(n.id()));
    boolean anySecret = false;
    for (String id : ids) {
      if (!all.contains(quoted(id))) {
        continue;
      }
      Note b = before.note(id);
      Note a = after.note(id);
      Note n = a != null ? a : b;
      boolean secret = (b == null || secretFrom(b, before.settings(), m)) && (a == null || secretFrom(a,
          before.settings(), m));
      if (secret) {
        anySecret = true;
        assertFalse(out.contains(quoted(id)), "private note id: " + what);
        assertFalse(b != null && out.contains(b.text()) || a != null && out.contains(a.text()),
            "private note text: " + what);
        continue;
      }
      assertTrue(out.contains(quoted(id)), "a note this member may see: " + what);
      boolean hidden = (b != null && authorHiddenFrom(b, before.settings(), m))
          || (a != null && authorHiddenFrom(a, before.settings(), m));
      if (n.authorId() != null && hidden) {
        assertFalse(out.contains(quoted(n.authorId())), "hidden author: " + what);
      }
      if (!hidden && n.authorId() != null && whole.getValue("note") instanceof JsonObject note
          && id.equals(note.getString("id"))) {
        assertTrue(seen.getJsonObject("note").containsKey("authorId") || m.id.equals(n.authorId()),
            "an author this member may know: " + what);
      }
    }
    if (!anySecret) {
      assertEquals(whole.getString("type"), seen.getString("type"), what);
    }
    boolean actorHidden = before.settings().anonymous()
        && !(m.facilitator && !before.settings().anonymousToFacilitators());
    if (actorHidden && whole.getString("by") != null && !whole.getString("by").equals(m.id)) {
      assertFalse(seen.containsKey("by"), "who acted, in an anonymous workshop: " + what);
    }
  }

  /**
   * Votes are anonymous: no dot, opening or closing names anyone but the member's own dots (marked {@code mine});
   * a secret vote's tally reaches nobody during the vote and its targets only the voter.
   */
  private static void assertVoteAsSeen(JsonObject whole, JsonObject seen, Member m, boolean secretVote,
                                       String what) {
    String out = seen.encode();
    for (String person : PEOPLE) {
      if (!person.equals(m.id)) {
        assertFalse(out.contains(quoted(person)), "a voter or facilitator named: " + what);
      }
    }
    String voter = whole.getString("voter");
    if (voter == null) {
      assertEquals(whole.getJsonObject("vote"), seen.getJsonObject("vote"), "a vote opened or closed: " + what);
      return;
    }
    boolean own = voter.equals(m.id);
    assertEquals(own, seen.getBoolean("mine", false), what);
    if (secretVote) {
      assertFalse(seen.containsKey("tally"), "a secret vote's tally: " + what);
      assertEquals(own, seen.containsKey("targetId"), "a secret vote's target: " + what);
    } else {
      assertEquals(whole.getJsonObject("tally"), seen.getJsonObject("tally"), what);
      assertEquals(whole.getString("targetId"), seen.getString("targetId"), what);
    }
  }

  private static String quoted(String s) {
    return "\"" + s + "\"";
  }
}
