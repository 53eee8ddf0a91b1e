package fi.paja.board;

import static fi.paja.board.FacilitationFixture.COFAC;
import static fi.paja.board.FacilitationFixture.OBS;
import static fi.paja.board.FacilitationFixture.OWNER;
import static fi.paja.board.FacilitationFixture.PAT;
import static fi.paja.board.FacilitationFixture.PIA;
import static fi.paja.board.FacilitationFixture.WORKSHOP;
import static fi.paja.board.FacilitationFixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The op log with facilitation events: replaying it, alone or over a checkpoint, rebuilds the same board. */
class FacilitationReplayTest {

  private static final Set<String> EVERY_EVENT_TYPE = Set.of("participant.joined", "participant.role",
      "participant.removed", "note.added", "note.updated", "note.moved", "cluster.moved", "note.deleted",
      "settings.changed",
      "notes.revealed", "phases.changed", "timer.changed", "view.changed", "cluster.changed", "cluster.removed",
      "vote.opened", "vote.cast", "vote.retracted", "vote.closed");

  private final AtomicInteger ids = new AtomicInteger();
  private final List<Event> log = new ArrayList<>();
  private Board board;
  private long clock;

  /** What was stored at the checkpoint: meta, notes, participants and the seq. */
  private JsonObject checkpointMeta;
  private List<JsonObject> checkpointNotes;
  private List<JsonObject> checkpointParticipants;
  private long checkpointSeq;

  @BeforeEach
  void newBoard() {
    board = new Board(WORKSHOP, () -> String.format("gen-id-%04d", ids.incrementAndGet()));
  }

  private static Board freshBoard() {
    return new Board(WORKSHOP, () -> {
      throw new AssertionError("replay must not generate ids");
    });
  }

  private Board.Outcome run(Command command, String actor) {
    clock += 7;
    Board.Outcome outcome = board.handle(command, actor, at(clock).plusMillis(clock));
    log.addAll(outcome.events());
    return outcome;
  }

  private void join(String id, String name, String role) {
    run(new Command.JoinParticipant(new Participant(id, name, role)), id);
  }

  private String add(String actor, String text, double x, double y) {
    return run(new Command.AddNote(Optional.empty(), text, x, y, "blue"), actor).reply().getString("noteId");
  }

  private void checkpoint() {
    checkpointMeta = new JsonObject(board.metaToJson().encode());
    checkpointNotes = board.notes().stream().map(n -> new JsonObject(n.toJson().encode())).toList();
    checkpointParticipants = board.participants().stream().map(p -> new JsonObject(p.toJson().encode())).toList();
    checkpointSeq = board.seq();
  }

  /** Everything issue 3 added, with a checkpoint in the middle of an open vote. */
  private void aFacilitatedSession() {
    join(OWNER, "Olga", Participant.FACILITATOR);
    join(PAT, "Pat", Participant.PARTICIPANT);
    join(PIA, "Pia", Participant.PARTICIPANT);
    join(COFAC, "Cai", Participant.PARTICIPANT);
    join(OBS, "Oskar", Participant.PARTICIPANT);
    run(new Command.SetRole(COFAC, Participant.COFACILITATOR), OWNER);
    run(new Command.SetRole(OBS, Participant.OBSERVER), COFAC);
    String warmUp = run(new Command.AddPhase("Warm-up", "Say hello"), OWNER).reply().getString("phaseId");
    String ideas = run(new Command.AddPhase("Ideas", ""), COFAC).reply().getString("phaseId");
    String vote = run(new Command.AddPhase("Vote", "Three dots each"), OWNER).reply().getString("phaseId");
    run(new Command.UpdatePhase(ideas, Optional.of("Ideas!"), Optional.of("One per note")), OWNER);
    run(new Command.MovePhase(vote, 0), OWNER);
    run(new Command.ActivatePhase(ideas), OWNER);
    run(new Command.RemovePhase(warmUp), OWNER);
    run(new Command.TimerCommand("start", 300), OWNER);
    run(new Command.TimerCommand("pause", 0), OWNER);
    run(new Command.TimerCommand("add", 60), OWNER);
    run(new Command.TimerCommand("resume", 0), OWNER);
    run(new Command.UpdateSettings(new JsonObject().put("privateMode", true).put("anonymous", true)), OWNER);
    String a = add(PAT, "Pat's secret", 10, 20);
    String b = add(PIA, "Pia's secret", -10, 30.5);
    String c = add(COFAC, "Cai's", 0, 0);
    run(new Command.UpdateNote(a, Optional.of("Pat's edited"), Optional.of("green")), PAT);
    run(new Command.MoveNote(b, 99_999, -99_999), PIA);
    run(new Command.RevealNotes(), OWNER);
    run(new Command.UpdateSettings(new JsonObject().put("privateMode", false).put("locked", true)), COFAC);
    String d = add(OWNER, "Owner's", 5, 5);
    run(new Command.UpdateSettings(new JsonObject().put("locked", false)), OWNER);
    String k = run(new Command.CreateCluster(Optional.empty(), "Theme", List.of(a, b)), PAT).reply()
        .getString("clusterId");
    run(new Command.RenameCluster(k, "Theme one"), PIA);
    run(new Command.AddToCluster(k, c), PAT);
    run(new Command.MoveCluster(k, 5, -5), PIA);
    String k2 = run(new Command.CreateCluster(Optional.of("cluster-two"), "", List.of(d)), OWNER).reply()
        .getString("clusterId");
    run(new Command.Ungroup(c), PAT);
    run(new Command.Follow(100, 200, 0.5), OWNER);
    run(new Command.Focus(Optional.empty(), Optional.of(k)), OWNER);
    run(new Command.Release(), OWNER);
    String first = run(new Command.OpenVote("both", 3, 2, true, Optional.empty()), OWNER).reply()
        .getString("voteId");
    run(new Command.CastVote(a, 1), PAT);
    run(new Command.CastVote(a, 1), PAT);
    run(new Command.CastVote(k, 1), PIA);
    checkpoint();
    run(new Command.CastVote(k2, 1), PAT);
    run(new Command.CastVote(a, -1), PAT);
    run(new Command.CastVote(a, 1), COFAC);
    run(new Command.CloseVote(), COFAC);
    run(new Command.OpenVote("notes", 1, 1, false, Optional.of(60L)), OWNER);
    run(new Command.CastVote(d, 1), PIA);
    run(new Command.ReopenVote(first), OWNER);
    run(new Command.CastVote(b, 1), PIA);
    run(new Command.CloseVote(), OWNER);
    run(new Command.DissolveCluster(k2), OWNER);
    run(new Command.DeleteNote(c), OWNER);
    run(new Command.TimerCommand("stop", 0), OWNER);
    run(new Command.RemoveParticipant(PIA), OWNER);
    String expiring = run(new Command.OpenVote("clusters", 2, 1, true, Optional.of(30L)), OWNER).reply()
        .getString("voteId");
    run(new Command.CastVote(k, 1), PAT);
    clock += 60;
    Board.Outcome expired = board.handle(new Command.ExpireVote(expiring), null, at(clock));
    assertEquals(1, expired.events().size(), "the expiry closes the vote");
    log.addAll(expired.events());
  }

  private static Event roundTrip(Event e) {
    return Event.fromJson(new JsonObject(e.toJson().encode()));
  }

  @Test
  void theSessionTouchesEveryEventType() {
    aFacilitatedSession();

    Set<String> seen = log.stream().map(Event::type).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(EVERY_EVENT_TYPE), seen);
  }

  @Test
  void everyEventSurvivesAJsonRoundTrip() {
    aFacilitatedSession();

    for (Event e : log) {
      assertEquals(e.toJson(), roundTrip(e).toJson(), e.type());
    }
  }

  @Test
  void replayingTheWholeLogRebuildsTheSameBoard() {
    aFacilitatedSession();
    Board replayed = freshBoard();

    log.forEach(e -> replayed.apply(roundTrip(e)));

    assertEquals(board.toJson(), replayed.toJson());
    assertEquals(board.seq(), replayed.seq());
  }

  @Test
  void replayingTheTailOverACheckpointRebuildsTheSameBoard() {
    aFacilitatedSession();
    Board restored = freshBoard();

    restored.restoreMeta(checkpointMeta);
    restored.restore(checkpointSeq, checkpointNotes.stream().map(Note::fromJson).toList(),
        checkpointParticipants.stream().map(Participant::fromJson).toList());
    List<Event> tail = log.stream().filter(e -> e.seq() > checkpointSeq).toList();
    assertTrue(tail.size() > 10, "the checkpoint is in the middle of the session");
    tail.forEach(e -> restored.apply(roundTrip(e)));

    assertEquals(board.toJson(), restored.toJson());
  }

  @Test
  void metaSurvivesItsOwnRoundTripAtTheEnd() {
    aFacilitatedSession();
    Board restored = freshBoard();

    restored.restoreMeta(new JsonObject(board.metaToJson().encode()));
    restored.restore(board.seq(), board.notes().stream().map(n -> Note.fromJson(n.toJson())).toList(),
        board.participants().stream().map(p -> Participant.fromJson(p.toJson())).toList());

    assertEquals(board.toJson(), restored.toJson());
  }

  @Test
  void aReplayedBoardGivesEveryViewerTheSameSnapshot() {
    aFacilitatedSession();
    Board replayed = freshBoard();
    log.forEach(e -> replayed.apply(roundTrip(e)));

    for (Participant p : board.participants()) {
      Visibility.Viewer viewer = Visibility.Viewer.of(p);
      assertEquals(board.snapshotFor(viewer, 42L), replayed.snapshotFor(viewer, 42L), p.id());
    }
  }
}
