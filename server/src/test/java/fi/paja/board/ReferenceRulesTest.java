package fi.paja.board;

import static fi.paja.board.FacilitationFixture.OWNER;
import static fi.paja.board.FacilitationFixture.PAT;
import static fi.paja.board.FacilitationFixture.PIA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import fi.paja.error.ErrorCode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every command that refers to a note goes through one check: the member may see the note, and where the result is
 * shown to everyone (an outcome and the public page, the shared focus, a vote's tally), everyone may see it. A
 * private note stays private until it is revealed, whoever refers to it and however.
 */
class ReferenceRulesTest {

  private FacilitationFixture f;
  private String hidden;

  @BeforeEach
  void aPrivateBrainstorm() {
    f = new FacilitationFixture();
    f.settings("{\"privateMode\": true}");
    hidden = f.addNote(PAT, "Kotihoidon asiakas kertoo salaisuuden");
    f.handle(new Command.OpenVote("notes", 3, 3, false, Optional.empty()), OWNER);
  }

  private static Command.CreateOutcome outcomeFrom(String noteId) {
    return new Command.CreateOutcome("action", Optional.empty(), null, null, null, Optional.of(noteId),
        Optional.empty(), false, null);
  }

  @Test
  void aFacilitatorWhoSeesPrivateNotesCannotPublishOne() {
    // The facilitator sees private notes (the default), yet nothing shown to everyone may carry one.
    assertEquals(ErrorCode.NOTE_NOT_FOUND, f.refusal(outcomeFrom(hidden), OWNER));
    assertEquals(ErrorCode.NOTE_NOT_FOUND, f.refusal(new Command.Focus(Optional.of(hidden), Optional.empty()), OWNER));
    assertEquals(ErrorCode.INVALID_VOTE_TARGET, f.refusal(new Command.CastVote(hidden, 1), OWNER));
    assertEquals(ErrorCode.INVALID_VOTE_TARGET, f.refusal(new Command.CastVote(hidden, 1), PAT),
        "not even its author can put a private note in a tally");
    assertFalse(f.board.outcomesJson(null).encode().contains("salaisuuden"));
  }

  @Test
  void aFacilitatorWhoSeesPrivateNotesMayStillGroupThem() {
    // Grouping changes only the note, which stays as private as it was: others get nothing of it.
    f.handle(new Command.CreateCluster(Optional.empty(), "Ryhmä", List.of(hidden)), OWNER);
    assertEquals(null, Visibility.note(f.board.note(hidden), f.viewer(PIA), f.board.settings()));
  }

  @Test
  void anotherParticipantCannotReferToAPrivateNoteInAnyWay() {
    String cluster = f.handle(new Command.CreateCluster(Optional.empty(), "Ryhmä",
        List.of(f.addNote(PIA, "oma"))), PIA).reply().getString("clusterId");
    List<Command> references = List.of(
        new Command.UpdateNote(hidden, Optional.of("muutettu"), Optional.empty()),
        new Command.MoveNote(hidden, 1, 1),
        new Command.DeleteNote(hidden),
        new Command.CreateCluster(Optional.empty(), "x", List.of(hidden)),
        new Command.AddToCluster(cluster, hidden),
        new Command.Ungroup(hidden),
        new Command.PlaceNote(hidden, Optional.empty()));
    for (Command c : references) {
      assertEquals(ErrorCode.NOTE_NOT_FOUND, f.refusal(c, PIA), c.toString());
    }
    assertEquals(ErrorCode.INVALID_VOTE_TARGET, f.refusal(new Command.CastVote(hidden, 1), PIA));
  }

  @Test
  void onceRevealedTheNoteCanBecomeAnOutcome() {
    f.handle(new Command.RevealNotes(), OWNER);
    f.handle(outcomeFrom(hidden), OWNER);
    assertEquals("Kotihoidon asiakas kertoo salaisuuden",
        f.board.outcomes().iterator().next().title());
  }
}
