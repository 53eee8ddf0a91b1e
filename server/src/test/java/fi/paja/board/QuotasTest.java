package fi.paja.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fi.paja.config.Quotas;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-person quotas: a participant's notes and their text, charged to the author whoever writes, and the places in
 * a workshop. Refusals change nothing; what the log replays is never refused.
 */
class QuotasTest {

  private static final String WORKSHOP = "11111111-2222-3333-4444-555555555555";
  private static final String OWNER = "owner-0001";
  private static final String PAT = "pat-00000003";
  private static final String PIA = "pia-00000004";
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  private final AtomicInteger ids = new AtomicInteger();
  private Board board;

  @BeforeEach
  void board() {
    board = new Board(WORKSHOP, () -> String.format("gen-id-%04d", ids.incrementAndGet()), new Quotas(3, 100, 4));
    board.restore(0, List.of(), List.of(new Participant(OWNER, "Olga", Participant.FACILITATOR),
        new Participant(PAT, "Pat", Participant.PARTICIPANT), new Participant(PIA, "Pia", Participant.PARTICIPANT)));
  }

  private Board.Outcome add(String actor, String text) {
    return board.handle(new Command.AddNote(Optional.empty(), text, 0, 0, "yellow"), actor, T0);
  }

  private ErrorCode refusal(Command command, String actor) {
    long seq = board.seq();
    String before = board.toJson().encode();
    ErrorCode code = assertThrows(PajaException.class, () -> board.handle(command, actor, T0)).code();
    assertEquals(seq, board.seq());
    assertEquals(before, board.toJson().encode(), "a refused command changed the board");
    return code;
  }

  private static Command addCmd(String text) {
    return new Command.AddNote(Optional.empty(), text, 0, 0, "yellow");
  }

  @Test
  void aParticipantHasAtMostTheQuotaOfNotesAndADeletedOneMakesRoom() {
    String first = add(PAT, "a").reply().getString("noteId");
    add(PAT, "b");
    add(PAT, "c");
    assertEquals(new Board.Usage(3, 3), board.usage(PAT));

    assertEquals(ErrorCode.NOTE_QUOTA_EXCEEDED, refusal(addCmd("d"), PAT));
    add(PIA, "someone else's notes are hers");

    board.handle(new Command.DeleteNote(first), PAT, T0);
    add(PAT, "d");
    assertEquals(new Board.Usage(3, 3), board.usage(PAT));
  }

  @Test
  void aParticipantsTextIsLimitedCountingCodePoints() {
    add(PAT, "😀".repeat(60));
    assertEquals(60, board.usage(PAT).characters());
    assertEquals(ErrorCode.TEXT_QUOTA_EXCEEDED, refusal(addCmd("x".repeat(41)), PAT));
    add(PAT, "x".repeat(40));
    assertEquals(100, board.usage(PAT).characters());
  }

  @Test
  void editingANoteIsChargedToItsAuthorAndShrinkingIsAlwaysAllowed() {
    String pats = add(PAT, "x".repeat(90)).reply().getString("noteId");
    // Pia may not grow Pat's note beyond Pat's quota, nor Pat herself.
    assertEquals(ErrorCode.TEXT_QUOTA_EXCEEDED,
        refusal(new Command.UpdateNote(pats, Optional.of("y".repeat(101)), Optional.empty()), PIA));
    assertEquals(ErrorCode.TEXT_QUOTA_EXCEEDED,
        refusal(new Command.UpdateNote(pats, Optional.of("y".repeat(101)), Optional.empty()), PAT));
    board.handle(new Command.UpdateNote(pats, Optional.of("y".repeat(100)), Optional.empty()), PIA, T0);
    assertEquals(new Board.Usage(1, 100), board.usage(PAT));
    assertEquals(Board.Usage.NONE, board.usage(PIA));
    board.handle(new Command.UpdateNote(pats, Optional.of("short"), Optional.empty()), PAT, T0);
    assertEquals(new Board.Usage(1, 5), board.usage(PAT));
  }

  @Test
  void theWorkshopHoldsAtMostItsPlacesAndARemovedPersonFreesOne() {
    board.handle(new Command.JoinParticipant(new Participant("joiner-0004", "Jo", Participant.PARTICIPANT)), null, T0);
    assertEquals(ErrorCode.WORKSHOP_FULL, refusal(
        new Command.JoinParticipant(new Participant("joiner-0005", "Ju", Participant.PARTICIPANT)), null));

    board.handle(new Command.RemoveParticipant(PIA), OWNER, T0);
    board.handle(new Command.JoinParticipant(new Participant("joiner-0005", "Ju", Participant.PARTICIPANT)), null, T0);
    assertEquals(4, board.participants().stream().filter(p -> !p.removed()).count());
  }

  @Test
  void usageFollowsReplayAndRestoreSoThatQuotasHoldAfterARestart() {
    add(PAT, "x".repeat(50));
    add(PAT, "y".repeat(30));
    Board restored = new Board(WORKSHOP, () -> "gen-next", new Quotas(3, 100, 4));
    restored.restore(board.seq(), board.notes(), board.participants());
    assertEquals(new Board.Usage(2, 80), restored.usage(PAT));
    assertThrows(PajaException.class,
        () -> restored.handle(new Command.AddNote(Optional.empty(), "z".repeat(21), 0, 0, "yellow"), PAT, T0));
  }

  @Test
  void replayAppliesWhatWasAcceptedEvenBeyondTodaysQuota() {
    Board roomy = new Board(WORKSHOP, () -> String.format("gen-id-%04d", ids.incrementAndGet()), Quotas.NONE);
    roomy.restore(0, List.of(), List.copyOf(board.participants()));
    List<Event> events = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      events.addAll(roomy.handle(addCmd("note " + i), PAT, T0).events());
    }
    for (Event e : events) {
      board.apply(Event.fromJson(e.toJson()));
    }
    assertEquals(5, board.usage(PAT).notes());
    assertEquals(ErrorCode.NOTE_QUOTA_EXCEEDED, refusal(addCmd("one more"), PAT));
  }
}
