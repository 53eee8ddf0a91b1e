package fi.paja.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.config.Limits;
import fi.paja.config.Quotas;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** note.restore: a deleted note comes back whole, for who deleted it or a facilitator, while it is kept. */
class NoteRestoreTest {

  private static final String FAC = "facilitator1";
  private static final String ANNA = "participant1";
  private static final String BEN = "participant2";
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  private final AtomicInteger ids = new AtomicInteger();
  private final List<Event> log = new ArrayList<>();
  private Board board;
  private Instant now = T0;

  @BeforeEach
  void newBoard() {
    board = fresh(Quotas.NONE);
  }

  private Board fresh(Quotas quotas) {
    Board b = new Board("11111111-2222-3333-4444-555555555555",
        () -> String.format("gen-note-%04d", ids.incrementAndGet()), quotas);
    b.restore(0, List.of(), List.of(new Participant(FAC, "Fasilitaattori", Participant.FACILITATOR),
        new Participant(ANNA, "Anna", Participant.PARTICIPANT), new Participant(BEN, "Ben", Participant.PARTICIPANT)));
    return b;
  }

  private Board.Outcome run(Command c, String by) {
    now = now.plusMillis(1);
    Board.Outcome outcome = board.handle(c, by, now);
    log.addAll(outcome.events());
    return outcome;
  }

  private String add(String by, String text) {
    return run(new Command.AddNote(Optional.empty(), text, 10, 20, "pink"), by).reply().getString("noteId");
  }

  private JsonObject snapshot(String who) {
    return board.snapshotFor(Visibility.Viewer.of(board.participant(who)), now.toEpochMilli());
  }

  private JsonObject noteIn(JsonObject snapshot, String id) {
    return snapshot.getJsonArray("notes").stream().map(o -> (JsonObject) o)
        .filter(n -> n.getString("id").equals(id)).findFirst().orElse(null);
  }

  private PajaException refused(Command c, String by) {
    return assertThrows(PajaException.class, () -> run(c, by));
  }

  @Test
  void aDeletedNoteInAGroupWithDotsComesBackWithItsGroupAndDotsForEveryoneAndAfterReplay() {
    String note = add(ANNA, "Parempi opastus");
    String other = add(ANNA, "Toinen");
    run(new Command.CreateCluster(Optional.of("group-0001"), "Opastus", List.of(note, other)), FAC);
    run(new Command.OpenVote("notes", 3, 3, false, Optional.empty()), FAC);
    run(new Command.CastVote(note, 1), BEN);
    run(new Command.CastVote(note, 1), BEN);
    run(new Command.DeleteNote(note), ANNA);
    assertNull(noteIn(snapshot(BEN), note));

    Board.Outcome outcome = run(new Command.RestoreNote(note), ANNA);

    assertEquals(note, outcome.reply().getString("noteId"));
    for (String who : List.of(FAC, ANNA, BEN)) {
      JsonObject n = noteIn(snapshot(who), note);
      assertNotNull(n, who);
      assertEquals("Parempi opastus", n.getString("text"));
      assertEquals("pink", n.getString("color"));
      assertEquals("group-0001", n.getString("clusterId"));
      assertEquals(10.0, n.getDouble("x"));
      assertEquals(2, snapshot(who).getJsonObject("vote").getJsonObject("tally").getInteger(note), who);
    }
    assertEquals(2, snapshot(BEN).getJsonObject("vote").getJsonObject("myVotes").getInteger(note));
    assertNull(board.tombstone(note));
    assertEquals(board.toJson(), replay().toJson());
  }

  @Test
  void aGroupThatWentAwayWithTheDeletedNoteIsMadeAgainWithItsTitle() {
    String note = add(ANNA, "Yksin");
    run(new Command.CreateCluster(Optional.of("group-0002"), "Yksinäiset", List.of(note)), FAC);
    run(new Command.DeleteNote(note), ANNA);
    assertTrue(board.clusters().isEmpty(), "a group left empty goes");

    Board.Outcome outcome = run(new Command.RestoreNote(note), ANNA);

    assertEquals(2, outcome.events().size());
    assertEquals(List.of(new Cluster("group-0002", "Yksinäiset")), List.copyOf(board.clusters()));
    assertEquals("group-0002", board.note(note).clusterId());
    assertEquals(board.toJson(), replay().toJson());
  }

  @Test
  void onlyWhoDeletedANoteOrAFacilitatorRestoresItAndOnlyWhileTheBoardLetsThemDeleteIt() {
    String note = add(ANNA, "Annan");
    run(new Command.DeleteNote(note), ANNA);
    assertEquals(ErrorCode.FORBIDDEN, refused(new Command.RestoreNote(note), BEN).code());
    run(new Command.UpdateSettings(new JsonObject().put("locked", true)), FAC);
    assertEquals(ErrorCode.BOARD_LOCKED, refused(new Command.RestoreNote(note), ANNA).code());
    run(new Command.UpdateSettings(new JsonObject().put("locked", false)), FAC);
    run(new Command.RestoreNote(note), FAC);
    assertNotNull(board.note(note));
    assertEquals(ANNA, board.note(note).authorId(), "the author stays");
  }

  @Test
  void restoringANoteThatWasNotDeletedIsRefusedAndChangesNothing() {
    String note = add(ANNA, "Elossa");
    long seq = board.seq();
    assertEquals(ErrorCode.NOTE_NOT_FOUND, refused(new Command.RestoreNote(note), ANNA).code());
    assertEquals(ErrorCode.NOTE_NOT_FOUND, refused(new Command.RestoreNote("never-there-1"), FAC).code());
    run(new Command.DeleteNote(note), ANNA);
    run(new Command.RestoreNote(note), ANNA);
    assertEquals(ErrorCode.NOTE_NOT_FOUND, refused(new Command.RestoreNote(note), ANNA).code(), "twice");
    assertEquals(seq + 2, board.seq());
  }

  @Test
  void aPrivateNoteDeletedByItsAuthorCannotBeFoundByAnotherParticipant() {
    run(new Command.UpdateSettings(new JsonObject().put("privateMode", true)), FAC);
    String note = add(ANNA, "Salainen");
    run(new Command.DeleteNote(note), ANNA);
    assertEquals(ErrorCode.NOTE_NOT_FOUND, refused(new Command.RestoreNote(note), BEN).code(),
        "not forbidden: that would tell that it exists");
    run(new Command.RestoreNote(note), ANNA);
    assertTrue(board.note(note).hidden(), "still private");
    assertNull(noteIn(snapshot(BEN), note));
  }

  @Test
  void aRestoreCountsAgainstTheAuthorsQuotaLikeANewNote() {
    board = fresh(new Quotas(1, 1000, 10));
    String note = add(ANNA, "Eka");
    run(new Command.DeleteNote(note), ANNA);
    add(ANNA, "Toka");
    assertEquals(ErrorCode.NOTE_QUOTA_EXCEEDED, refused(new Command.RestoreNote(note), ANNA).code());
  }

  @Test
  void tombstonesAreSeenNowhereAndKeptAtMost24HoursAndTheLast200() {
    String note = add(ANNA, "Poistettu");
    run(new Command.DeleteNote(note), ANNA);
    assertFalse(snapshot(FAC).encode().contains("Poistettu"));
    assertEquals(0, board.usage(ANNA).notes(), "counted nowhere");
    assertEquals(ErrorCode.NOTE_NOT_FOUND,
        refused(new Command.CreateOutcome("decision", Optional.empty(), "", null, null, Optional.of(note),
            Optional.empty(), false, null), FAC).code());
    assertEquals(ErrorCode.NOTE_ID_TAKEN,
        refused(new Command.AddNote(Optional.of(note), "sama id", 0, 0, "yellow"), ANNA).code());

    now = now.plus(Limits.TOMBSTONE_RETENTION).plus(Duration.ofSeconds(1));
    add(BEN, "any event later");
    assertNull(board.tombstone(note), "forgotten after 24 hours");
    assertTrue(board.takeChanges().notes().contains(note), "so the next checkpoint deletes it from storage");

    for (int i = 0; i < Limits.MAX_TOMBSTONES + 5; i++) {
      run(new Command.DeleteNote(add(BEN, "n" + i)), BEN);
    }
    assertEquals(Limits.MAX_TOMBSTONES, board.tombstones().size());
  }

  private Board replay() {
    Board again = fresh(Quotas.NONE);
    log.forEach(e -> again.apply(Event.fromJson(new JsonObject(e.toJson().encode()))));
    return again;
  }
}
