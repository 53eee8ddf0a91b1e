package fi.paja.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events as the op log: their JSON form survives a round trip, and replaying them rebuilds the board. */
class BoardReplayTest {

  private static final String WORKSHOP = "11111111-2222-3333-4444-555555555555";
  private static final String ALICE = "alice-0001";
  private static final String BOB = "bob-00000002";
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  private final AtomicInteger ids = new AtomicInteger();
  private Board board;
  private final List<Event> log = new ArrayList<>();

  @BeforeEach
  void newBoard() {
    board = new Board(WORKSHOP, () -> String.format("gen-note-%04d", ids.incrementAndGet()));
  }

  private Board freshBoard() {
    return new Board(WORKSHOP, () -> {
      throw new AssertionError("replay must not generate ids");
    });
  }

  private String run(Command command, String actor, int minutes) {
    Board.Outcome outcome = board.handle(command, actor, T0.plusSeconds(60L * minutes));
    log.addAll(outcome.events());
    return outcome.reply().getString("noteId");
  }

  /** A session touching every event type: joins, adds, updates, moves, a delete. */
  private void aWorkshopSession() {
    run(new Command.JoinParticipant(new Participant(ALICE, "Alice", Participant.FACILITATOR)), ALICE, 0);
    run(new Command.JoinParticipant(new Participant(BOB, "Bööb 🎉", Participant.PARTICIPANT)), BOB, 1);
    String a = run(new Command.AddNote(Optional.empty(), "Idea\nsecond line", 10, 20, "yellow"), ALICE, 2);
    String b = run(new Command.AddNote(Optional.of("bobs-note-1"), "Hyvä 👍", -50.5, 99_999.75, "pink"), BOB, 3);
    String c = run(new Command.AddNote(Optional.empty(), "to be deleted", 0, 0, "blue"), ALICE, 4);
    run(new Command.UpdateNote(a, Optional.of("Idea, edited"), Optional.empty()), BOB, 5);
    run(new Command.UpdateNote(b, Optional.empty(), Optional.of("green")), BOB, 6);
    run(new Command.MoveNote(a, 123.5, -456), ALICE, 7);
    run(new Command.DeleteNote(c), ALICE, 8);
    run(new Command.MoveNote(b, 1, 2), BOB, 9);
  }

  private static Event roundTrip(Event e) {
    // Through the encoded form, as the op log and the wire carry it.
    return Event.fromJson(new JsonObject(e.toJson().encode()));
  }

  @Test
  void everyEventTypeSurvivesAJsonRoundTripUnchanged() {
    aWorkshopSession();

    for (Event e : log) {
      assertEquals(e, roundTrip(e), () -> "round trip of " + e.type());
    }
  }

  @Test
  void eventJsonHasTheDocumentedEnvelope() {
    board.restore(0, List.of(), List.of(new Participant(ALICE, "Alice", Participant.FACILITATOR)));
    run(new Command.AddNote(Optional.of("client-id-1"), "Hi", 1, 2, "pink"), ALICE, 0);
    run(new Command.MoveNote("client-id-1", 3, 4), ALICE, 1);

    JsonObject added = log.get(0).toJson();
    assertEquals("note.added", added.getString("type"));
    assertEquals(1L, added.getLong("seq"));
    assertEquals(WORKSHOP, added.getString("workshopId"));
    assertEquals("2024-05-01T10:00:00Z", added.getString("at"));
    assertEquals(ALICE, added.getString("by"));
    assertEquals("client-id-1", added.getJsonObject("note").getString("id"));

    JsonObject moved = log.get(1).toJson();
    assertEquals("note.moved", moved.getString("type"));
    assertEquals("client-id-1", moved.getString("id"));
    assertEquals(3.0, moved.getDouble("x"));
    assertEquals(4.0, moved.getDouble("y"));
  }

  @Test
  void anUnknownEventTypeIsRefusedWhenRead() {
    JsonObject json = new JsonObject().put("type", "note.exploded").put("seq", 1).put("workshopId", WORKSHOP)
        .put("at", T0.toString()).put("by", ALICE);

    assertThrows(IllegalArgumentException.class, () -> Event.fromJson(json));
  }

  @Test
  void replayingTheLogOnAFreshBoardRebuildsTheSameState() {
    aWorkshopSession();

    Board replayed = freshBoard();
    for (Event e : log) {
      replayed.apply(roundTrip(e));
    }

    assertEquals(board.toJson(), replayed.toJson());
    assertEquals(10, replayed.seq());
    assertEquals(List.copyOf(board.notes()), List.copyOf(replayed.notes()));
  }

  @Test
  void applyingEveryEventTwiceInARowGivesTheSameState() {
    aWorkshopSession();

    Board replayed = freshBoard();
    for (Event e : log) {
      replayed.apply(e);
      replayed.apply(roundTrip(e));
    }

    assertEquals(board.toJson(), replayed.toJson());
  }

  @Test
  void replayingTheWholeLogAgainOverTheFinalStateChangesNothing() {
    aWorkshopSession();
    JsonObject finalState = board.toJson();

    for (Event e : log) {
      board.apply(e);
    }

    assertEquals(finalState, board.toJson());
  }

  @Test
  void applyingAnOlderEventNeverLowersSeq() {
    aWorkshopSession();

    board.apply(log.get(0));

    assertEquals(10, board.seq());
  }

  @Test
  void aMoveOfANoteThatIsGoneIsIgnoredOnReplay() {
    Board replayed = freshBoard();

    replayed.apply(new Event(1, WORKSHOP, T0, ALICE, new Event.NoteMoved("gone-note-1", 1, 2)));

    assertEquals(0, replayed.notes().size());
    assertEquals(1, replayed.seq());
  }

  @Test
  void restoringACheckpointAndReplayingTheTailRebuildsTheSameState() {
    aWorkshopSession();
    // A checkpoint after the first 6 events, made by replaying them on another board.
    Board atCheckpoint = freshBoard();
    log.subList(0, 6).forEach(atCheckpoint::apply);
    assertNotEquals(board.toJson(), atCheckpoint.toJson());

    Board restored = freshBoard();
    restored.restore(atCheckpoint.seq(), List.copyOf(atCheckpoint.notes()), List.copyOf(atCheckpoint.participants()));
    for (Event e : log.subList(6, log.size())) {
      restored.apply(roundTrip(e));
    }

    assertEquals(6, atCheckpoint.seq());
    assertEquals(board.toJson(), restored.toJson());
  }

  @Test
  void restoringNotesThatAreAheadOfTheCheckpointAndReplayingTheTailStillConverges() {
    // A crash after the notes were written but before the checkpoint seq was: the tail is replayed over them.
    aWorkshopSession();

    Board restored = freshBoard();
    restored.restore(6, List.copyOf(board.notes()), List.copyOf(board.participants()));
    for (Event e : log.subList(6, log.size())) {
      restored.apply(e);
    }

    assertEquals(board.toJson(), restored.toJson());
  }

  @Test
  void restoreSetsSeqSoTheNextCommandContinuesFromTheCheckpoint() {
    Board restored = new Board(WORKSHOP, () -> "gen-note-9999");
    restored.restore(41, List.of(), List.of(new Participant(ALICE, "Alice", Participant.FACILITATOR)));

    Board.Outcome outcome = restored.handle(
        new Command.AddNote(Optional.empty(), "after restart", 0, 0, "yellow"), ALICE, T0);

    assertEquals(42, outcome.events().get(0).seq());
    assertEquals(42, restored.seq());
  }

  @Test
  void aBoardRebuiltByReplayHandlesFurtherCommandsLikeTheOriginal() {
    aWorkshopSession();
    Board replayed = new Board(WORKSHOP, () -> "gen-note-next");
    log.forEach(replayed::apply);

    Board.Outcome outcome = replayed.handle(
        new Command.UpdateNote("bobs-note-1", Optional.of("after replay"), Optional.empty()), BOB, T0);

    assertEquals(11, outcome.events().get(0).seq());
    Note note = ((Event.NoteUpdated) outcome.events().get(0).change()).note();
    assertEquals("green", note.color());
    assertEquals(BOB, note.authorId());
  }
}
