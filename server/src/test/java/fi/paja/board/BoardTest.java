package fi.paja.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.config.Limits;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The board state machine: which commands it accepts, which events they cause, and what they refuse. */
class BoardTest {

  private static final String WORKSHOP = "11111111-2222-3333-4444-555555555555";
  private static final String ALICE = "alice-0001";
  private static final String BOB = "bob-00000002";
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final Instant T1 = Instant.parse("2024-05-01T10:05:00Z");
  private static final Instant T2 = Instant.parse("2024-05-01T10:10:00Z");

  private final AtomicInteger ids = new AtomicInteger();
  private Board board;

  @BeforeEach
  void newBoard() {
    board = new Board(WORKSHOP, () -> String.format("gen-note-%04d", ids.incrementAndGet()));
    board.restore(0, List.of(), List.of(new Participant(ALICE, "Alice", Participant.FACILITATOR),
        new Participant(BOB, "Bob", Participant.PARTICIPANT)));
  }

  private static Command.AddNote add(String text, double x, double y, String color) {
    return new Command.AddNote(Optional.empty(), text, x, y, color);
  }

  private static Command.AddNote addWithId(String id, String text) {
    return new Command.AddNote(Optional.of(id), text, 1, 2, "yellow");
  }

  private String addNote(String text) {
    return board.handle(add(text, 10, 20, "yellow"), ALICE, T0).reply().getString("noteId");
  }

  private Note note(String id) {
    return board.notes().stream().filter(n -> n.id().equals(id)).findFirst().orElse(null);
  }

  // --- note.add ---------------------------------------------------------------------------------------------

  @Test
  void aNewBoardIsEmptyWithSeqZero() {
    board = new Board(WORKSHOP, () -> "unused-id");
    assertEquals(0, board.seq());
    assertTrue(board.notes().isEmpty());
    assertTrue(board.participants().isEmpty());
    assertEquals(WORKSHOP, board.workshopId());
  }

  @Test
  void addingANoteEmitsNoteAddedWithTheNextSeq() {
    Board.Outcome outcome = board.handle(add("Hello", 10, 20, "pink"), ALICE, T0);

    assertEquals(1, outcome.events().size());
    Event event = outcome.events().get(0);
    assertEquals("note.added", event.type());
    assertEquals(1, event.seq());
    assertEquals(WORKSHOP, event.workshopId());
    assertEquals(ALICE, event.by());
    assertEquals(T0, event.at());
    assertEquals(1, board.seq());
  }

  @Test
  void addingANoteStoresItWithAllItsFieldsAndTheAuthor() {
    Board.Outcome outcome = board.handle(add("Hello", 10.5, -20, "pink"), ALICE, T0);

    String id = outcome.reply().getString("noteId");
    assertEquals("gen-note-0001", id);
    Note stored = note(id);
    assertEquals(new Note(id, "Hello", 10.5, -20, "pink", ALICE, T0, T0), stored);
    assertEquals(stored, ((Event.NoteAdded) outcome.events().get(0).change()).note());
  }

  @Test
  void addingANoteWithAClientIdUsesThatId() {
    Board.Outcome outcome = board.handle(addWithId("client-id-1", "Mine"), ALICE, T0);

    assertEquals("client-id-1", outcome.reply().getString("noteId"));
    assertNotNull(note("client-id-1"));
    assertEquals(0, ids.get(), "no server id is generated when the client gives one");
  }

  @Test
  void successiveCommandsGetConsecutiveSeqs() {
    String id = addNote("one");
    long s2 = board.handle(new Command.UpdateNote(id, Optional.of("two"), Optional.empty()), ALICE, T1)
        .events().get(0).seq();
    long s3 = board.handle(new Command.MoveNote(id, 5, 6), ALICE, T1).events().get(0).seq();
    long s4 = board.handle(new Command.DeleteNote(id), ALICE, T2).events().get(0).seq();

    assertEquals(List.of(2L, 3L, 4L), List.of(s2, s3, s4));
    assertEquals(4, board.seq());
  }

  @Test
  void addingWithAClientIdAlreadyUsedBySameAuthorIsAnIdempotentNoOp() {
    board.handle(addWithId("client-id-1", "First"), ALICE, T0);
    JsonObject before = board.toJson();

    Board.Outcome retry = board.handle(addWithId("client-id-1", "First"), ALICE, T1);

    assertTrue(retry.events().isEmpty());
    assertEquals("client-id-1", retry.reply().getString("noteId"));
    assertEquals(1, board.seq());
    assertEquals(before, board.toJson());
  }

  @Test
  void addingWithAClientIdAlreadyUsedBySameAuthorKeepsTheOriginalNoteEvenIfTextDiffers() {
    board.handle(addWithId("client-id-1", "First"), ALICE, T0);

    board.handle(addWithId("client-id-1", "Different"), ALICE, T1);

    assertEquals("First", note("client-id-1").text());
    assertEquals(1, board.notes().size());
  }

  @Test
  void addingWithAClientIdUsedByAnotherAuthorIsRefusedAsNoteIdTaken() {
    board.handle(addWithId("client-id-1", "Alice's"), ALICE, T0);
    JsonObject before = board.toJson();

    PajaException e = assertThrows(PajaException.class,
        () -> board.handle(addWithId("client-id-1", "Bob's"), BOB, T1));

    assertEquals(ErrorCode.NOTE_ID_TAKEN, e.code());
    assertEquals(1, board.seq());
    assertEquals(before, board.toJson());
    assertEquals(ALICE, note("client-id-1").authorId());
  }

  @Test
  void addingToAFullBoardIsRefusedAsBoardFull() {
    for (int i = 0; i < Limits.MAX_NOTES_PER_BOARD; i++) {
      board.handle(add("n" + i, 0, 0, "yellow"), ALICE, T0);
    }
    assertEquals(Limits.MAX_NOTES_PER_BOARD, board.notes().size());
    long seqWhenFull = board.seq();

    PajaException e = assertThrows(PajaException.class, () -> board.handle(add("one more", 0, 0, "yellow"), ALICE, T1));

    assertEquals(ErrorCode.BOARD_FULL, e.code());
    assertEquals(seqWhenFull, board.seq());
    assertEquals(Limits.MAX_NOTES_PER_BOARD, board.notes().size());
  }

  @Test
  void aFullBoardStillAnswersARetriedAddAsANoOp() {
    board.handle(addWithId("client-id-1", "First"), ALICE, T0);
    for (int i = 1; i < Limits.MAX_NOTES_PER_BOARD; i++) {
      board.handle(add("n" + i, 0, 0, "yellow"), ALICE, T0);
    }

    Board.Outcome retry = board.handle(addWithId("client-id-1", "First"), ALICE, T1);

    assertTrue(retry.events().isEmpty());
    assertEquals("client-id-1", retry.reply().getString("noteId"));
  }

  @Test
  void aFullBoardAcceptsANewNoteAfterOneIsDeleted() {
    for (int i = 0; i < Limits.MAX_NOTES_PER_BOARD; i++) {
      board.handle(add("n" + i, 0, 0, "yellow"), ALICE, T0);
    }
    board.handle(new Command.DeleteNote("gen-note-0001"), ALICE, T1);

    Board.Outcome outcome = board.handle(add("fits again", 0, 0, "yellow"), ALICE, T1);

    assertEquals(1, outcome.events().size());
    assertEquals(Limits.MAX_NOTES_PER_BOARD, board.notes().size());
  }

  // --- note.update ------------------------------------------------------------------------------------------

  @Test
  void updatingTextEmitsNoteUpdatedWithTheWholeNoteAndKeepsOtherFields() {
    String id = board.handle(add("old", 10, 20, "pink"), ALICE, T0).reply().getString("noteId");

    Board.Outcome outcome = board.handle(new Command.UpdateNote(id, Optional.of("new"), Optional.empty()), BOB, T1);

    Event event = outcome.events().get(0);
    assertEquals("note.updated", event.type());
    assertEquals(2, event.seq());
    assertEquals(BOB, event.by());
    Note expected = new Note(id, "new", 10, 20, "pink", ALICE, T0, T1);
    assertEquals(expected, ((Event.NoteUpdated) event.change()).note());
    assertEquals(expected, note(id));
  }

  @Test
  void updatingColourOnlyKeepsTextPositionAuthorAndCreationTime() {
    String id = board.handle(add("keep me", 10, 20, "pink"), ALICE, T0).reply().getString("noteId");

    board.handle(new Command.UpdateNote(id, Optional.empty(), Optional.of("blue")), BOB, T1);

    assertEquals(new Note(id, "keep me", 10, 20, "blue", ALICE, T0, T1), note(id));
  }

  @Test
  void updatingTextAndColourTogetherChangesBothInOneEvent() {
    String id = board.handle(add("old", 10, 20, "pink"), ALICE, T0).reply().getString("noteId");

    Board.Outcome outcome = board.handle(new Command.UpdateNote(id, Optional.of("new"), Optional.of("green")), ALICE,
        T1);

    assertEquals(1, outcome.events().size());
    assertEquals(new Note(id, "new", 10, 20, "green", ALICE, T0, T1), note(id));
    assertEquals(2, board.seq());
  }

  @Test
  void updatingAnUnknownNoteIsRefusedAsNoteNotFoundWithoutChangingAnything() {
    addNote("exists");
    JsonObject before = board.toJson();

    PajaException e = assertThrows(PajaException.class,
        () -> board.handle(new Command.UpdateNote("no-such-note", Optional.of("x"), Optional.empty()), ALICE, T1));

    assertEquals(ErrorCode.NOTE_NOT_FOUND, e.code());
    assertEquals(1, board.seq());
    assertEquals(before, board.toJson());
  }

  // --- note.move --------------------------------------------------------------------------------------------

  @Test
  void movingANoteEmitsNoteMovedWithAbsolutePositionAndKeepsOtherFields() {
    String id = board.handle(add("text", 10, 20, "pink"), ALICE, T0).reply().getString("noteId");

    Board.Outcome outcome = board.handle(new Command.MoveNote(id, -300.25, 4000), BOB, T1);

    Event event = outcome.events().get(0);
    assertEquals("note.moved", event.type());
    assertEquals(2, event.seq());
    assertEquals(new Event.NoteMoved(id, -300.25, 4000), event.change());
    assertEquals(new Note(id, "text", -300.25, 4000, "pink", ALICE, T0, T1), note(id));
  }

  @Test
  void movingAnUnknownNoteIsRefusedAsNoteNotFoundWithoutChangingAnything() {
    addNote("exists");
    JsonObject before = board.toJson();

    PajaException e = assertThrows(PajaException.class,
        () -> board.handle(new Command.MoveNote("no-such-note", 1, 1), ALICE, T1));

    assertEquals(ErrorCode.NOTE_NOT_FOUND, e.code());
    assertEquals(1, board.seq());
    assertEquals(before, board.toJson());
  }

  // --- note.delete ------------------------------------------------------------------------------------------

  @Test
  void deletingANoteEmitsNoteDeletedAndRemovesIt() {
    String id = addNote("bye");
    String other = addNote("stay");

    Board.Outcome outcome = board.handle(new Command.DeleteNote(id), BOB, T1);

    Event event = outcome.events().get(0);
    assertEquals("note.deleted", event.type());
    assertEquals(3, event.seq());
    assertEquals(new Event.NoteDeleted(id), event.change());
    assertNull(note(id));
    assertNotNull(note(other));
    assertEquals(1, board.notes().size());
  }

  @Test
  void deletingAnUnknownNoteIsRefusedAsNoteNotFoundWithoutChangingAnything() {
    addNote("exists");
    JsonObject before = board.toJson();

    PajaException e = assertThrows(PajaException.class,
        () -> board.handle(new Command.DeleteNote("no-such-note"), ALICE, T1));

    assertEquals(ErrorCode.NOTE_NOT_FOUND, e.code());
    assertEquals(1, board.seq());
    assertEquals(before, board.toJson());
  }

  @Test
  void deletingTheSameNoteTwiceRefusesTheSecondAsNoteNotFound() {
    String id = addNote("bye");
    board.handle(new Command.DeleteNote(id), ALICE, T1);

    PajaException e = assertThrows(PajaException.class, () -> board.handle(new Command.DeleteNote(id), ALICE, T2));

    assertEquals(ErrorCode.NOTE_NOT_FOUND, e.code());
    assertEquals(2, board.seq());
  }

  // --- participant.join -------------------------------------------------------------------------------------

  @Test
  void joiningEmitsParticipantJoinedByTheParticipantAndRepliesWithItsId() {
    board = new Board(WORKSHOP, () -> "unused-id");
    Participant p = new Participant(BOB, "Bob", Participant.PARTICIPANT);

    Board.Outcome outcome = board.handle(new Command.JoinParticipant(p), "ignored-actor", T0);

    Event event = outcome.events().get(0);
    assertEquals("participant.joined", event.type());
    assertEquals(1, event.seq());
    assertEquals(BOB, event.by());
    assertEquals(new Event.ParticipantJoined(p), event.change());
    assertEquals(BOB, outcome.reply().getString("participantId"));
    assertEquals(p, board.participant(BOB));
    assertEquals(List.of(p), List.copyOf(board.participants()));
  }

  @Test
  void participantsAreListedInJoinOrder() {
    Participant f = new Participant(ALICE, "Alice", Participant.FACILITATOR);
    Participant p = new Participant(BOB, "Bob", Participant.PARTICIPANT);
    board.handle(new Command.JoinParticipant(f), ALICE, T0);
    board.handle(new Command.JoinParticipant(p), BOB, T1);

    assertEquals(List.of(f, p), List.copyOf(board.participants()));
    assertEquals(2, board.seq());
  }

  @Test
  void anUnknownParticipantIdGivesNull() {
    assertNull(board.participant("nobody-123"));
  }

  // --- snapshot ---------------------------------------------------------------------------------------------

  @Test
  void toJsonHoldsSeqNotesAndParticipants() {
    Participant p = new Participant(ALICE, "Alice", Participant.FACILITATOR);
    board.handle(new Command.JoinParticipant(p), ALICE, T0);
    board.handle(new Command.AddNote(Optional.of("client-id-1"), "Hei", 1.5, 2, "green"), ALICE, T1);

    JsonObject json = board.toJson();

    assertEquals(2L, json.getLong("seq"));
    assertEquals(1, json.getJsonArray("notes").size());
    JsonObject n = json.getJsonArray("notes").getJsonObject(0);
    assertEquals("client-id-1", n.getString("id"));
    assertEquals("Hei", n.getString("text"));
    assertEquals(1.5, n.getDouble("x"));
    assertEquals(2.0, n.getDouble("y"));
    assertEquals("green", n.getString("color"));
    assertEquals(ALICE, n.getString("authorId"));
    assertEquals(T1.toString(), n.getString("createdAt"));
    assertEquals(T1.toString(), n.getString("updatedAt"));
    assertEquals(new JsonObject().put("id", ALICE).put("name", "Alice").put("role", "facilitator"),
        json.getJsonArray("participants").getJsonObject(0));
  }

  @Test
  void handledEventsAreAlreadyApplied() {
    Board.Outcome outcome = board.handle(add("x", 0, 0, "yellow"), ALICE, T0);

    assertInstanceOf(Event.NoteAdded.class, outcome.events().get(0).change());
    assertEquals(1, board.notes().size());
  }
}
