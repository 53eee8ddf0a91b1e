package fi.paja.board;

import static fi.paja.board.FacilitationFixture.COFAC;
import static fi.paja.board.FacilitationFixture.OBS;
import static fi.paja.board.FacilitationFixture.OWNER;
import static fi.paja.board.FacilitationFixture.PAT;
import static fi.paja.board.FacilitationFixture.PIA;
import static fi.paja.board.FacilitationFixture.cast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.error.ErrorCode;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/PROTOCOL.md, "Facilitation commands": who may give which command, and the lock. */
class FacilitationRolesTest {

  private FacilitationFixture f;

  @BeforeEach
  void seat() {
    f = new FacilitationFixture();
  }

  private static String phase(FacilitationFixture f) {
    return f.handle(new Command.AddPhase("Warm-up", ""), OWNER).reply().getString("phaseId");
  }

  /**
   * Every facilitator-only command, each with what must exist before it can succeed (prepared by the owner).
   */
  static Stream<Arguments> facilitatorOnlyCommands() {
    return Stream.of(
        c("participant.role", fx -> new Command.SetRole(PIA, Participant.OBSERVER)),
        c("participant.remove", fx -> new Command.RemoveParticipant(PIA)),
        c("settings.update", fx -> new Command.UpdateSettings(new JsonObject().put("locked", true))),
        c("notes.reveal", fx -> new Command.RevealNotes()),
        c("phase.add", fx -> new Command.AddPhase("Ideas", "Write")),
        c("phase.update", fx -> new Command.UpdatePhase(phase(fx), Optional.of("Renamed"), Optional.empty())),
        c("phase.move", fx -> new Command.MovePhase(phase(fx), 0)),
        c("phase.remove", fx -> new Command.RemovePhase(phase(fx))),
        c("phase.activate", fx -> new Command.ActivatePhase(phase(fx))),
        c("timer.start", fx -> new Command.TimerCommand("start", 60)),
        c("timer.pause", fx -> new Command.TimerCommand("pause", 0)),
        c("timer.resume", fx -> new Command.TimerCommand("resume", 0)),
        c("timer.add", fx -> new Command.TimerCommand("add", 30)),
        c("timer.stop", fx -> new Command.TimerCommand("stop", 0)),
        c("view.follow", fx -> new Command.Follow(1, 2, 1.5)),
        c("view.release", fx -> new Command.Release()),
        c("view.focus", fx -> new Command.Focus(Optional.empty(), Optional.empty())),
        c("vote.open", fx -> new Command.OpenVote("notes", 3, 1, true, Optional.empty())),
        c("vote.close", fx -> {
          fx.openVote("notes", 3, 1, true);
          return new Command.CloseVote();
        }),
        c("vote.reopen", fx -> {
          String id = fx.openVote("notes", 3, 1, true);
          fx.handle(new Command.CloseVote(), OWNER);
          return new Command.ReopenVote(id);
        }));
  }

  private static Arguments c(String op, Function<FacilitationFixture, Command> prepare) {
    return Arguments.of(op, prepare);
  }

  @ParameterizedTest(name = "{0} by a participant is forbidden")
  @MethodSource("facilitatorOnlyCommands")
  void aFacilitatorOnlyCommandIsForbiddenForAParticipant(String op, Function<FacilitationFixture, Command> prepare) {
    Command command = prepare.apply(f);
    assertEquals(op, command.op());

    assertEquals(ErrorCode.FORBIDDEN, f.refusal(command, PAT));
  }

  @ParameterizedTest(name = "{0} by an observer is forbidden")
  @MethodSource("facilitatorOnlyCommands")
  void aFacilitatorOnlyCommandIsForbiddenForAnObserver(String op, Function<FacilitationFixture, Command> prepare) {
    Command command = prepare.apply(f);

    assertEquals(ErrorCode.FORBIDDEN, f.refusal(command, OBS));
  }

  @ParameterizedTest(name = "{0} by the owner is accepted")
  @MethodSource("facilitatorOnlyCommands")
  void aFacilitatorOnlyCommandIsAcceptedFromTheOwner(String op, Function<FacilitationFixture, Command> prepare) {
    Command command = prepare.apply(f);
    long before = f.board.seq();

    Board.Outcome outcome = f.handle(command, OWNER);

    assertFalse(outcome.events().isEmpty(), op + " caused no event");
    assertEquals(OWNER, outcome.events().get(outcome.events().size() - 1).by());
    assertEquals(before + outcome.events().size(), f.board.seq());
  }

  @ParameterizedTest(name = "{0} by a cofacilitator is accepted")
  @MethodSource("facilitatorOnlyCommands")
  void aFacilitatorOnlyCommandIsAcceptedFromACofacilitator(String op,
                                                           Function<FacilitationFixture, Command> prepare) {
    Command command = prepare.apply(f);

    Board.Outcome outcome = f.handle(command, COFAC);

    assertFalse(outcome.events().isEmpty(), op + " caused no event");
    assertEquals(COFAC, outcome.events().get(outcome.events().size() - 1).by());
  }

  // --- observers ----------------------------------------------------------------------------------------------

  @Nested
  class Observers {

    @Test
    void anObserverCannotAddANote() {
      assertEquals(ErrorCode.FORBIDDEN, f.refusal(FacilitationFixture.addCmd("Hi"), OBS));
      assertTrue(f.board.notes().isEmpty());
    }

    @Test
    void anObserverCannotUpdateANote() {
      String id = f.addNote(PAT, "Pat's");

      assertEquals(ErrorCode.FORBIDDEN,
          f.refusal(new Command.UpdateNote(id, Optional.of("Observed"), Optional.empty()), OBS));
      assertEquals("Pat's", f.note(id).text());
    }

    @Test
    void anObserverCannotMoveANote() {
      String id = f.addNote(PAT, "Pat's");

      assertEquals(ErrorCode.FORBIDDEN, f.refusal(new Command.MoveNote(id, 500, 500), OBS));
      assertEquals(10, f.note(id).x());
    }

    @Test
    void anObserverCannotDeleteANote() {
      String id = f.addNote(PAT, "Pat's");

      assertEquals(ErrorCode.FORBIDDEN, f.refusal(new Command.DeleteNote(id), OBS));
      assertNotNull(f.note(id));
    }

    @Test
    void anObserverCannotCreateACluster() {
      String id = f.addNote(PAT, "Pat's");

      assertEquals(ErrorCode.FORBIDDEN,
          f.refusal(new Command.CreateCluster(Optional.empty(), "", List.of(id)), OBS));
      assertTrue(f.board.clusters().isEmpty());
    }

    @Test
    void anObserverCannotCastAVote() {
      String id = f.addNote(PAT, "Pat's");
      f.openVote("notes", 3, 3, false);

      assertEquals(ErrorCode.FORBIDDEN, f.refusal(cast(id), OBS));
      assertEquals(0, f.board.currentVote().cast());
    }

    @Test
    void anObserverCannotRetractAVote() {
      String id = f.addNote(PAT, "Pat's");
      f.openVote("notes", 3, 3, false);

      assertEquals(ErrorCode.FORBIDDEN, f.refusal(FacilitationFixture.retract(id), OBS));
    }
  }

  // --- the owner --------------------------------------------------------------------------------------------

  @Nested
  class TheOwner {

    @ParameterizedTest
    @ValueSource(strings = {Participant.COFACILITATOR, Participant.PARTICIPANT, Participant.OBSERVER})
    void theOwnersRoleCannotBeChangedByACofacilitator(String role) {
      assertEquals(ErrorCode.FORBIDDEN, f.refusal(new Command.SetRole(OWNER, role), COFAC));
      assertEquals(Participant.FACILITATOR, f.board.participant(OWNER).role());
    }

    @Test
    void theOwnerCannotChangeTheirOwnRole() {
      assertEquals(ErrorCode.FORBIDDEN, f.refusal(new Command.SetRole(OWNER, Participant.PARTICIPANT), OWNER));
      assertEquals(Participant.FACILITATOR, f.board.participant(OWNER).role());
    }

    @Test
    void theOwnerCannotBeRemovedByACofacilitator() {
      assertEquals(ErrorCode.FORBIDDEN, f.refusal(new Command.RemoveParticipant(OWNER), COFAC));
      assertFalse(f.board.participant(OWNER).removed());
    }

    @Test
    void theOwnerCannotRemoveThemself() {
      assertEquals(ErrorCode.FORBIDDEN, f.refusal(new Command.RemoveParticipant(OWNER), OWNER));
      assertFalse(f.board.participant(OWNER).removed());
    }
  }

  // --- role changes and removal -------------------------------------------------------------------------------

  @Nested
  class RoleChangesAndRemoval {

    @Test
    void aRoleChangeEmitsParticipantRoleWithTheParticipantAndTheRole() {
      Event e = f.handle(new Command.SetRole(PAT, Participant.COFACILITATOR), OWNER).events().get(0);

      assertEquals("participant.role", e.type());
      JsonObject json = e.toJson();
      assertEquals(PAT, json.getString("participantId"));
      assertEquals(Participant.COFACILITATOR, json.getString("role"));
      assertEquals(Participant.COFACILITATOR, f.board.participant(PAT).role());
    }

    @Test
    void aParticipantMadeCofacilitatorCanThenOpenAVote() {
      assertEquals(ErrorCode.FORBIDDEN,
          f.refusal(new Command.OpenVote("notes", 3, 1, true, Optional.empty()), PAT));
      f.handle(new Command.SetRole(PAT, Participant.COFACILITATOR), OWNER);

      Board.Outcome outcome = f.handle(new Command.OpenVote("notes", 3, 1, true, Optional.empty()), PAT);

      assertEquals("vote.opened", outcome.events().get(0).type());
      assertNotNull(outcome.reply().getString("voteId"));
    }

    @Test
    void aCofacilitatorMadeParticipantCanNoLongerFacilitate() {
      f.handle(new Command.SetRole(COFAC, Participant.PARTICIPANT), OWNER);

      assertEquals(ErrorCode.FORBIDDEN, f.refusal(new Command.TimerCommand("start", 60), COFAC));
    }

    @Test
    void aParticipantMadeObserverCanNoLongerAddNotes() {
      f.addNote(PAT, "Before");
      f.handle(new Command.SetRole(PAT, Participant.OBSERVER), COFAC);

      assertEquals(ErrorCode.FORBIDDEN, f.refusal(FacilitationFixture.addCmd("After"), PAT));
    }

    @Test
    void anObserverMadeParticipantCanAddNotes() {
      f.handle(new Command.SetRole(OBS, Participant.PARTICIPANT), OWNER);

      assertEquals(1, f.handle(FacilitationFixture.addCmd("Now I can"), OBS).events().size());
    }

    @Test
    void changingTheRoleOfAnUnknownParticipantIsParticipantNotFound() {
      assertEquals(ErrorCode.PARTICIPANT_NOT_FOUND,
          f.refusal(new Command.SetRole("nobody-0000", Participant.OBSERVER), OWNER));
    }

    @Test
    void removingEmitsParticipantRemovedAndKeepsTheirNotes() {
      String id = f.addNote(PAT, "Stays");

      Event e = f.handle(new Command.RemoveParticipant(PAT), OWNER).events().get(0);

      assertEquals("participant.removed", e.type());
      assertEquals(PAT, e.toJson().getString("participantId"));
      assertTrue(f.board.participant(PAT).removed());
      assertEquals("Stays", f.note(id).text());
    }

    @Test
    void aRemovedParticipantCannotAddNotes() {
      f.handle(new Command.RemoveParticipant(PAT), OWNER);

      assertEquals(ErrorCode.FORBIDDEN, f.refusal(FacilitationFixture.addCmd("Still here?"), PAT));
    }

    @Test
    void aRemovedParticipantCannotCastVotes() {
      String id = f.addNote(PIA, "Pia's");
      f.openVote("notes", 3, 3, false);
      f.handle(new Command.RemoveParticipant(PAT), OWNER);

      assertEquals(ErrorCode.FORBIDDEN, f.refusal(cast(id), PAT));
    }

    @Test
    void aRemovedCofacilitatorCannotFacilitate() {
      f.handle(new Command.RemoveParticipant(COFAC), OWNER);

      assertEquals(ErrorCode.FORBIDDEN, f.refusal(new Command.TimerCommand("start", 60), COFAC));
    }

    @Test
    void aRemovedParticipantCannotBeRemovedOrGivenARoleAgain() {
      f.handle(new Command.RemoveParticipant(PAT), OWNER);

      assertEquals(ErrorCode.PARTICIPANT_NOT_FOUND, f.refusal(new Command.RemoveParticipant(PAT), OWNER));
      assertEquals(ErrorCode.PARTICIPANT_NOT_FOUND,
          f.refusal(new Command.SetRole(PAT, Participant.COFACILITATOR), OWNER));
    }

    @Test
    void someoneWhoNeverJoinedIsForbidden() {
      assertEquals(ErrorCode.FORBIDDEN, f.refusal(FacilitationFixture.addCmd("Hi"), "stranger-01"));
    }
  }

  // --- lock ---------------------------------------------------------------------------------------------------

  @Nested
  class Lock {

    private String patNote;
    private String piaNote;
    private String clusterId;

    @BeforeEach
    void lockedBoard() {
      patNote = f.addNote(PAT, "Pat's");
      piaNote = f.addNote(PIA, "Pia's");
      clusterId = f.cluster(PAT, "Group", patNote);
      f.settings("{\"locked\":true}");
    }

    static Stream<Arguments> noteAndClusterChanges() {
      return Stream.of(
          l("note.add", (n, p, c) -> FacilitationFixture.addCmd("New")),
          l("note.update", (n, p, c) -> new Command.UpdateNote(n, Optional.of("Edit"), Optional.empty())),
          l("note.move", (n, p, c) -> new Command.MoveNote(n, 1, 1)),
          l("note.delete", (n, p, c) -> new Command.DeleteNote(n)),
          l("cluster.create", (n, p, c) -> new Command.CreateCluster(Optional.empty(), "", List.of(p))),
          l("cluster.rename", (n, p, c) -> new Command.RenameCluster(c, "Renamed")),
          l("cluster.add", (n, p, c) -> new Command.AddToCluster(c, p)),
          l("note.ungroup", (n, p, c) -> new Command.Ungroup(n)),
          l("cluster.dissolve", (n, p, c) -> new Command.DissolveCluster(c)),
          l("cluster.move", (n, p, c) -> new Command.MoveCluster(c, 5, 5)));
    }

    interface Make {
      /** {@code n}: Pat's note (in cluster {@code c}); {@code p}: Pia's note. */
      Command make(String n, String p, String c);
    }

    private static Arguments l(String op, Make make) {
      return Arguments.of(op, make);
    }

    @ParameterizedTest(name = "{0} by a participant is board_locked")
    @MethodSource("noteAndClusterChanges")
    void whileLockedAParticipantGetsBoardLocked(String op, Make make) {
      Command command = make.make(patNote, piaNote, clusterId);
      assertEquals(op, command.op());

      assertEquals(ErrorCode.BOARD_LOCKED, f.refusal(command, PAT));
    }

    @ParameterizedTest(name = "{0} by the owner is accepted")
    @MethodSource("noteAndClusterChanges")
    void whileLockedTheOwnerCanStillChangeNotesAndClusters(String op, Make make) {
      assertFalse(f.handle(make.make(patNote, piaNote, clusterId), OWNER).events().isEmpty());
    }

    @ParameterizedTest(name = "{0} by a cofacilitator is accepted")
    @MethodSource("noteAndClusterChanges")
    void whileLockedACofacilitatorCanStillChangeNotesAndClusters(String op, Make make) {
      assertFalse(f.handle(make.make(patNote, piaNote, clusterId), COFAC).events().isEmpty());
    }

    @Test
    void whileLockedAParticipantCanStillVote() {
      f.openVote("both", 3, 3, false);

      assertEquals("vote.cast", f.handle(cast(piaNote), PAT).events().get(0).type());
      assertEquals("vote.cast", f.handle(cast(clusterId), PAT).events().get(0).type());
      assertEquals("vote.retracted", f.handle(FacilitationFixture.retract(piaNote), PAT).events().get(0).type());
    }

    @Test
    void unlockingLetsParticipantsChangeNotesAgain() {
      f.settings("{\"locked\":false}");

      assertEquals(1, f.handle(new Command.MoveNote(patNote, 3, 4), PAT).events().size());
    }

    @Test
    void settingsChangedCarriesTheWholeSettings() {
      Event e = f.handle(new Command.UpdateSettings(new JsonObject().put("anonymous", true)), OWNER).events().get(0);

      assertEquals("settings.changed", e.type());
      assertEquals(new JsonObject().put("locked", true).put("anonymous", true).put("anonymousToFacilitators", false)
          .put("privateMode", false).put("facilitatorsSeePrivate", true), e.toJson().getJsonObject("settings"));
    }
  }
}
