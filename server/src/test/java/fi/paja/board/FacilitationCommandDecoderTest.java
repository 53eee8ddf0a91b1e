package fi.paja.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/PROTOCOL.md, "Facilitation commands": the new ops, what they decode to and what they refuse. */
class FacilitationCommandDecoderTest {

  private static final String PID = "pat-00000003";
  private static final String ID = "thing-id-1";
  private static final String ID2 = "thing-id-2";

  private static JsonObject op(String op) {
    return new JsonObject().put("op", op);
  }

  private static ErrorCode refusal(JsonObject body) {
    return assertThrows(PajaException.class, () -> CommandDecoder.decode(body),
        () -> "expected a refusal for " + body.encode()).code();
  }

  private static JsonObject voteOpen() {
    return op("vote.open").put("targets", "notes").put("budget", 3).put("maxPerItem", 1);
  }

  /** A valid body of every facilitation op. */
  static Stream<JsonObject> validBodies() {
    return Stream.of(
        op("participant.role").put("participantId", PID).put("role", "observer"),
        op("participant.remove").put("participantId", PID),
        op("settings.update").put("locked", true),
        op("notes.reveal"),
        op("phase.add").put("title", "Ideas"),
        op("phase.update").put("id", ID).put("title", "Ideas"),
        op("phase.move").put("id", ID).put("index", 1),
        op("phase.remove").put("id", ID),
        op("phase.activate").put("id", ID),
        op("timer.start").put("seconds", 60),
        op("timer.pause"),
        op("timer.resume"),
        op("timer.add").put("seconds", 30),
        op("timer.stop"),
        op("view.follow").put("x", 1).put("y", 2).put("zoom", 1),
        op("view.release"),
        op("view.focus").put("noteId", ID),
        op("cluster.create").put("noteIds", new JsonArray().add(ID)),
        op("cluster.rename").put("id", ID).put("title", "T"),
        op("cluster.add").put("id", ID).put("noteId", ID2),
        op("note.ungroup").put("noteId", ID),
        op("cluster.dissolve").put("id", ID),
        op("cluster.move").put("id", ID).put("dx", 1).put("dy", 2),
        voteOpen(),
        op("vote.cast").put("targetId", ID),
        op("vote.retract").put("targetId", ID),
        op("vote.close"),
        op("vote.reopen").put("voteId", ID),
        op("presence.ready").put("ready", true),
        op("presence.hand").put("raised", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validBodies")
  void everyFacilitationOpDecodesToACommandOfThatOp(JsonObject body) {
    assertEquals(body.getString("op"), CommandDecoder.decode(body).op());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validBodies")
  void anUnknownFieldIsRefusedForEveryFacilitationOp(JsonObject body) {
    assertEquals(ErrorCode.UNKNOWN_FIELD, refusal(body.copy().put("extra", 1)));
  }

  @Nested
  class HappyPaths {

    @ParameterizedTest
    @ValueSource(strings = {"cofacilitator", "participant", "observer"})
    void participantRoleTakesEveryAssignableRole(String role) {
      assertEquals(new Command.SetRole(PID, role),
          CommandDecoder.decode(op("participant.role").put("participantId", PID).put("role", role)));
    }

    @Test
    void participantRemove() {
      assertEquals(new Command.RemoveParticipant(PID),
          CommandDecoder.decode(op("participant.remove").put("participantId", PID)));
      assertEquals(new Command.RemoveParticipant(PID, true),
          CommandDecoder.decode(op("participant.remove").put("participantId", PID).put("bar", true)));
      assertEquals(new Command.RemoveParticipant(PID, false),
          CommandDecoder.decode(op("participant.remove").put("participantId", PID).put("bar", false)));
      assertEquals(ErrorCode.WRONG_TYPE, assertThrows(PajaException.class, () -> CommandDecoder.decode(
          op("participant.remove").put("participantId", PID).put("bar", "yes"))).code());
    }

    @Test
    void settingsUpdateCarriesOnlyTheGivenFlags() {
      Command c = CommandDecoder.decode(op("settings.update").put("locked", true).put("anonymous", false));

      assertEquals(new Command.UpdateSettings(new JsonObject().put("locked", true).put("anonymous", false)), c);
    }

    @Test
    void settingsUpdateTakesEveryFlag() {
      JsonObject all = new JsonObject().put("locked", true).put("anonymous", true)
          .put("anonymousToFacilitators", false).put("privateMode", true).put("facilitatorsSeePrivate", false);

      assertEquals(new Command.UpdateSettings(all), CommandDecoder.decode(all.copy().put("op", "settings.update")));
    }

    @Test
    void notesReveal() {
      assertEquals(new Command.RevealNotes(), CommandDecoder.decode(op("notes.reveal")));
    }

    @Test
    void phaseAddTrimsTheTitleAndDefaultsInstructionsToEmpty() {
      assertEquals(new Command.AddPhase("Ideas", ""), CommandDecoder.decode(op("phase.add").put("title", "  Ideas ")));
    }

    @Test
    void phaseAddNormalisesLineBreaksInInstructions() {
      assertEquals(new Command.AddPhase("Ideas", "One\nper note"),
          CommandDecoder.decode(op("phase.add").put("title", "Ideas").put("instructions", "One\r\nper note")));
    }

    @Test
    void phaseAddWithBlankInstructionsHasEmptyInstructions() {
      assertEquals(new Command.AddPhase("Ideas", ""),
          CommandDecoder.decode(op("phase.add").put("title", "Ideas").put("instructions", "   ")));
    }

    @Test
    void phaseUpdateWithTitleOnlyOrInstructionsOnly() {
      assertEquals(new Command.UpdatePhase(ID, Optional.of("New"), Optional.empty()),
          CommandDecoder.decode(op("phase.update").put("id", ID).put("title", "New")));
      assertEquals(new Command.UpdatePhase(ID, Optional.empty(), Optional.of("")),
          CommandDecoder.decode(op("phase.update").put("id", ID).put("instructions", "")));
    }

    @Test
    void phaseMoveRemoveActivate() {
      assertEquals(new Command.MovePhase(ID, 0), CommandDecoder.decode(op("phase.move").put("id", ID).put("index", 0)));
      assertEquals(new Command.MovePhase(ID, 1000),
          CommandDecoder.decode(op("phase.move").put("id", ID).put("index", 1000)));
      assertEquals(new Command.RemovePhase(ID), CommandDecoder.decode(op("phase.remove").put("id", ID)));
      assertEquals(new Command.ActivatePhase(ID), CommandDecoder.decode(op("phase.activate").put("id", ID)));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 60, 86_400})
    void timerStartTakesOneSecondToADay(long seconds) {
      assertEquals(new Command.TimerCommand("start", seconds),
          CommandDecoder.decode(op("timer.start").put("seconds", seconds)));
    }

    @Test
    void timerStartTakesAWholeNumberWrittenAsADouble() {
      assertEquals(new Command.TimerCommand("start", 60),
          CommandDecoder.decode(op("timer.start").put("seconds", 60.0)));
    }

    @ParameterizedTest
    @ValueSource(longs = {-86_400, -30, 1, 86_400})
    void timerAddTakesPlusOrMinusUpToADay(long seconds) {
      Command c = CommandDecoder.decode(op("timer.add").put("seconds", seconds));

      assertEquals(new Command.TimerCommand("add", seconds), c);
      assertEquals("timer.add", c.op());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pause", "resume", "stop"})
    void timerPauseResumeStopTakeNoFields(String action) {
      Command c = CommandDecoder.decode(op("timer." + action));

      assertEquals(new Command.TimerCommand(action, 0), c);
      assertEquals("timer." + action, c.op());
    }

    @Test
    void viewFollowTakesZoomFromATenthToFive() {
      assertEquals(new Command.Follow(-5.5, 100_000, 0.1),
          CommandDecoder.decode(op("view.follow").put("x", -5.5).put("y", 100_000).put("zoom", 0.1)));
      assertEquals(new Command.Follow(0, 0, 5), CommandDecoder.decode(op("view.follow").put("x", 0).put("y", 0)
          .put("zoom", 5)));
    }

    @Test
    void viewRelease() {
      assertEquals(new Command.Release(), CommandDecoder.decode(op("view.release")));
    }

    @Test
    void viewFocusOnANoteOnAClusterOrNeither() {
      assertEquals(new Command.Focus(Optional.of(ID), Optional.empty()),
          CommandDecoder.decode(op("view.focus").put("noteId", ID)));
      assertEquals(new Command.Focus(Optional.empty(), Optional.of(ID)),
          CommandDecoder.decode(op("view.focus").put("clusterId", ID)));
      assertEquals(new Command.Focus(Optional.empty(), Optional.empty()), CommandDecoder.decode(op("view.focus")));
    }

    @Test
    void clusterCreateWithOnlyNoteIdsHasNoIdAndAnEmptyTitle() {
      assertEquals(new Command.CreateCluster(Optional.empty(), "", List.of(ID, ID2)),
          CommandDecoder.decode(op("cluster.create").put("noteIds", new JsonArray().add(ID).add(ID2))));
    }

    @Test
    void clusterCreateDropsRepeatedNoteIds() {
      assertEquals(new Command.CreateCluster(Optional.empty(), "", List.of(ID, ID2)),
          CommandDecoder.decode(op("cluster.create").put("noteIds", new JsonArray().add(ID).add(ID2).add(ID))));
    }

    @Test
    void clusterCreateWithIdAndTitle() {
      assertEquals(new Command.CreateCluster(Optional.of("cluster-1"), "Themes", List.of(ID)),
          CommandDecoder.decode(op("cluster.create").put("id", "cluster-1").put("title", " Themes ")
              .put("noteIds", new JsonArray().add(ID))));
    }

    @Test
    void clusterCreateTakesAHundredNoteIds() {
      JsonArray ids = new JsonArray();
      IntStream.range(0, 100).forEach(i -> ids.add(String.format("note-%05d", i)));

      Command.CreateCluster c = (Command.CreateCluster) CommandDecoder.decode(op("cluster.create").put("noteIds", ids));

      assertEquals(100, c.noteIds().size());
    }

    @Test
    void clusterRenameAddUngroupDissolveMove() {
      assertEquals(new Command.RenameCluster(ID, "New"),
          CommandDecoder.decode(op("cluster.rename").put("id", ID).put("title", "New")));
      assertEquals(new Command.RenameCluster(ID, ""),
          CommandDecoder.decode(op("cluster.rename").put("id", ID).put("title", "")));
      assertEquals(new Command.AddToCluster(ID, ID2),
          CommandDecoder.decode(op("cluster.add").put("id", ID).put("noteId", ID2)));
      assertEquals(new Command.Ungroup(ID), CommandDecoder.decode(op("note.ungroup").put("noteId", ID)));
      assertEquals(new Command.DissolveCluster(ID), CommandDecoder.decode(op("cluster.dissolve").put("id", ID)));
      assertEquals(new Command.MoveCluster(ID, -3.5, 100_000),
          CommandDecoder.decode(op("cluster.move").put("id", ID).put("dx", -3.5).put("dy", 100_000)));
    }

    @Test
    void voteOpenIsSecretByDefaultAndHasNoEnd() {
      assertEquals(new Command.OpenVote("notes", 3, 1, true, Optional.empty()), CommandDecoder.decode(voteOpen()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"notes", "clusters", "both"})
    void voteOpenTakesEveryKindOfTargets(String targets) {
      assertEquals(targets, ((Command.OpenVote) CommandDecoder.decode(voteOpen().put("targets", targets))).targets());
    }

    @Test
    void voteOpenWithAllFields() {
      assertEquals(new Command.OpenVote("both", 100, 100, false, Optional.of(90L)),
          CommandDecoder.decode(voteOpen().put("targets", "both").put("budget", 100).put("maxPerItem", 100)
              .put("secret", false).put("seconds", 90)));
      assertEquals(new Command.OpenVote("notes", 1, 1, true, Optional.empty()),
          CommandDecoder.decode(voteOpen().put("budget", 1).put("secret", true).putNull("seconds")));
    }

    @Test
    void voteCastAndRetractAreOneDotUpOrDown() {
      Command cast = CommandDecoder.decode(op("vote.cast").put("targetId", ID));
      Command retract = CommandDecoder.decode(op("vote.retract").put("targetId", ID));

      assertEquals(new Command.CastVote(ID, 1), cast);
      assertEquals(new Command.CastVote(ID, -1), retract);
      assertEquals("vote.cast", cast.op());
      assertEquals("vote.retract", retract.op());
    }

    @Test
    void voteCloseAndReopen() {
      assertEquals(new Command.CloseVote(), CommandDecoder.decode(op("vote.close")));
      assertEquals(new Command.ReopenVote(ID), CommandDecoder.decode(op("vote.reopen").put("voteId", ID)));
    }

    @Test
    void presenceReadyAndHand() {
      assertEquals(new Command.SetReady(false), CommandDecoder.decode(op("presence.ready").put("ready", false)));
      assertEquals(new Command.SetHand(true, Optional.empty()),
          CommandDecoder.decode(op("presence.hand").put("raised", true)));
      assertEquals(new Command.SetHand(false, Optional.of(PID)),
          CommandDecoder.decode(op("presence.hand").put("raised", false).put("participantId", PID)));
    }

    @Test
    void internalCommandsCannotBeSentByClients() {
      assertEquals(ErrorCode.UNKNOWN_OP, refusal(op("participant.join").put("participantId", PID)));
      assertEquals(ErrorCode.UNKNOWN_OP, refusal(op("vote.expire").put("voteId", ID)));
    }
  }

  @Nested
  class Refusals {

    static Stream<Arguments> wrongTypes() {
      return Stream.of(
          Arguments.of(op("participant.role").put("participantId", PID).put("role", 5)),
          Arguments.of(op("participant.role").put("participantId", 5).put("role", "observer")),
          Arguments.of(op("participant.remove").put("participantId", true)),
          Arguments.of(op("settings.update").put("locked", "true")),
          Arguments.of(op("settings.update").put("anonymous", 1)),
          Arguments.of(op("settings.update").put("privateMode", new JsonObject())),
          Arguments.of(op("settings.update").put("locked", true).put("facilitatorsSeePrivate", "no")),
          Arguments.of(op("phase.add").put("title", 5)),
          Arguments.of(op("phase.add").put("title", "T").put("instructions", 5)),
          Arguments.of(op("phase.move").put("id", ID).put("index", "1")),
          Arguments.of(op("phase.move").put("id", ID).put("index", 1.5)),
          Arguments.of(op("phase.activate").put("id", 5)),
          Arguments.of(op("timer.start").put("seconds", "60")),
          Arguments.of(op("timer.start").put("seconds", 1.5)),
          Arguments.of(op("timer.add").put("seconds", true)),
          Arguments.of(op("view.follow").put("x", 1).put("y", 2).put("zoom", "1")),
          Arguments.of(op("view.focus").put("noteId", 5)),
          Arguments.of(op("cluster.create").put("noteIds", ID)),
          Arguments.of(op("cluster.create").put("noteIds", new JsonObject().put("a", ID))),
          Arguments.of(op("cluster.create").put("noteIds", new JsonArray().add(ID).add(5))),
          Arguments.of(op("cluster.create").put("noteIds", new JsonArray().add(new JsonArray().add(ID)))),
          Arguments.of(op("cluster.create").put("noteIds", new JsonArray().addNull())),
          Arguments.of(op("cluster.create").put("noteIds", new JsonArray().add(ID)).put("title", 5)),
          Arguments.of(op("cluster.rename").put("id", ID).put("title", 5)),
          Arguments.of(op("cluster.move").put("id", ID).put("dx", "1").put("dy", 1)),
          Arguments.of(voteOpen().put("targets", 5)),
          Arguments.of(voteOpen().put("budget", "3")),
          Arguments.of(voteOpen().put("budget", 2.5)),
          Arguments.of(voteOpen().put("maxPerItem", false)),
          Arguments.of(voteOpen().put("secret", "no")),
          Arguments.of(voteOpen().put("secret", 0)),
          Arguments.of(voteOpen().put("seconds", "60")),
          Arguments.of(op("vote.cast").put("targetId", 5)),
          Arguments.of(op("vote.reopen").put("voteId", new JsonArray())),
          Arguments.of(op("presence.ready").put("ready", "true")),
          Arguments.of(op("presence.hand").put("raised", 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongTypes")
    void aFieldOfTheWrongJsonTypeIsWrongType(JsonObject body) {
      assertEquals(ErrorCode.WRONG_TYPE, refusal(body));
    }

    static Stream<Arguments> outOfRange() {
      return Stream.of(
          Arguments.of(voteOpen().put("budget", 0)),
          Arguments.of(voteOpen().put("budget", 101)),
          Arguments.of(voteOpen().put("budget", -1)),
          Arguments.of(voteOpen().put("maxPerItem", 0)),
          Arguments.of(voteOpen().put("maxPerItem", 101)),
          Arguments.of(voteOpen().put("seconds", 0)),
          Arguments.of(voteOpen().put("seconds", 86_401)),
          Arguments.of(op("timer.start").put("seconds", 0)),
          Arguments.of(op("timer.start").put("seconds", -5)),
          Arguments.of(op("timer.start").put("seconds", 86_401)),
          Arguments.of(op("timer.add").put("seconds", 0)),
          Arguments.of(op("timer.add").put("seconds", 86_401)),
          Arguments.of(op("timer.add").put("seconds", -86_401)),
          Arguments.of(op("phase.move").put("id", ID).put("index", -1)),
          Arguments.of(op("phase.move").put("id", ID).put("index", 1001)),
          Arguments.of(op("view.follow").put("x", 1).put("y", 2).put("zoom", 0.05)),
          Arguments.of(op("view.follow").put("x", 1).put("y", 2).put("zoom", 0)),
          Arguments.of(op("view.follow").put("x", 1).put("y", 2).put("zoom", 5.01)),
          Arguments.of(op("view.follow").put("x", 1).put("y", 2).put("zoom", Double.NaN)),
          Arguments.of(op("view.follow").put("x", 100_001).put("y", 2).put("zoom", 1)),
          Arguments.of(op("cluster.move").put("id", ID).put("dx", 100_000.5).put("dy", 0)),
          Arguments.of(op("cluster.move").put("id", ID).put("dx", 0).put("dy", Double.NEGATIVE_INFINITY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outOfRange")
    void aNumberOutOfItsRangeIsOutOfBounds(JsonObject body) {
      assertEquals(ErrorCode.OUT_OF_BOUNDS, refusal(body));
    }

    static Stream<Arguments> missingFields() {
      return Stream.of(
          Arguments.of(op("participant.role").put("role", "observer")),
          Arguments.of(op("participant.role").put("participantId", PID)),
          Arguments.of(op("participant.remove")),
          Arguments.of(op("phase.add")),
          Arguments.of(op("phase.update").put("title", "T")),
          Arguments.of(op("phase.move").put("id", ID)),
          Arguments.of(op("phase.remove")),
          Arguments.of(op("timer.start")),
          Arguments.of(op("timer.add")),
          Arguments.of(op("view.follow").put("x", 1).put("y", 2)),
          Arguments.of(op("view.follow").put("zoom", 1).put("y", 2)),
          Arguments.of(op("cluster.create")),
          Arguments.of(op("cluster.rename").put("id", ID)),
          Arguments.of(op("cluster.add").put("id", ID)),
          Arguments.of(op("note.ungroup")),
          Arguments.of(op("cluster.move").put("id", ID).put("dx", 1)),
          Arguments.of(op("vote.open").put("budget", 3).put("maxPerItem", 1)),
          Arguments.of(op("vote.open").put("targets", "notes").put("maxPerItem", 1)),
          Arguments.of(op("vote.open").put("targets", "notes").put("budget", 3)),
          Arguments.of(op("vote.cast")),
          Arguments.of(op("vote.retract")),
          Arguments.of(op("vote.reopen")),
          Arguments.of(op("presence.ready")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missingFields")
    void aMissingRequiredFieldIsMissingField(JsonObject body) {
      assertEquals(ErrorCode.MISSING_FIELD, refusal(body));
    }

    static Stream<Arguments> invalidIds() {
      return Stream.of(
          Arguments.of(op("participant.role").put("participantId", "short").put("role", "observer")),
          Arguments.of(op("participant.remove").put("participantId", "has space 1")),
          Arguments.of(op("phase.activate").put("id", "x")),
          Arguments.of(op("view.focus").put("clusterId", "bad/id/1")),
          Arguments.of(op("cluster.create").put("noteIds", new JsonArray().add(ID).add("bad"))),
          Arguments.of(op("cluster.create").put("noteIds", new JsonArray().add(ID)).put("id", "$bad")),
          Arguments.of(op("cluster.add").put("id", ID).put("noteId", "tiny")),
          Arguments.of(op("vote.cast").put("targetId", "a".repeat(65))),
          Arguments.of(op("vote.reopen").put("voteId", "no")),
          Arguments.of(op("presence.hand").put("raised", false).put("participantId", "x")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidIds")
    void anIdNotOfTheDocumentedFormIsInvalidId(JsonObject body) {
      ErrorCode code = refusal(body);
      assertEquals(ErrorCode.INVALID_ID, code, body.encode());
    }

    @Test
    void anEmptySettingsUpdateIsNothingToUpdate() {
      assertEquals(ErrorCode.NOTHING_TO_UPDATE, refusal(op("settings.update")));
    }

    @Test
    void aPhaseUpdateWithNeitherTitleNorInstructionsIsNothingToUpdate() {
      assertEquals(ErrorCode.NOTHING_TO_UPDATE, refusal(op("phase.update").put("id", ID)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"facilitator", "admin", "Observer", "", "owner"})
    void aRoleThatCannotBeAssignedIsInvalidRole(String role) {
      assertEquals(ErrorCode.INVALID_ROLE,
          refusal(op("participant.role").put("participantId", PID).put("role", role)));
    }

    @Test
    void anEmptyNoteIdsListIsWrongType() {
      assertEquals(ErrorCode.WRONG_TYPE, refusal(op("cluster.create").put("noteIds", new JsonArray())));
    }

    @Test
    void moreThanAHundredNoteIdsIsWrongType() {
      JsonArray ids = new JsonArray();
      IntStream.range(0, 101).forEach(i -> ids.add(String.format("note-%05d", i)));

      assertEquals(ErrorCode.WRONG_TYPE, refusal(op("cluster.create").put("noteIds", ids)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"note", "cluster", "all", "", "NOTES", "notes,clusters"})
    void voteTargetsOtherThanNotesClustersOrBothAreInvalidVoteTarget(String targets) {
      assertEquals(ErrorCode.INVALID_VOTE_TARGET, refusal(voteOpen().put("targets", targets)));
    }

    @Test
    void focusOnANoteAndAClusterAtOnceIsRefused() {
      assertEquals(ErrorCode.UNKNOWN_FIELD, refusal(op("view.focus").put("noteId", ID).put("clusterId", ID2)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\u00a0", "line\nbreak", "tab\u0007bell"})
    void aPhaseTitleThatIsBlankOrHasControlCharactersIsInvalidTitle(String title) {
      assertEquals(ErrorCode.INVALID_TITLE, refusal(op("phase.add").put("title", title)));
    }

    @Test
    void aPhaseTitleOf200CharactersIsAcceptedAnd201IsInvalidTitle() {
      assertEquals("x".repeat(200),
          ((Command.AddPhase) CommandDecoder.decode(op("phase.add").put("title", "x".repeat(200)))).title());
      assertEquals(ErrorCode.INVALID_TITLE, refusal(op("phase.add").put("title", "x".repeat(201))));
    }

    @Test
    void aClusterTitleOver200CharactersIsInvalidTitle() {
      assertEquals(ErrorCode.INVALID_TITLE, refusal(op("cluster.create").put("noteIds", new JsonArray().add(ID))
          .put("title", "y".repeat(201))));
      assertEquals(ErrorCode.INVALID_TITLE, refusal(op("cluster.rename").put("id", ID).put("title", "y".repeat(201))));
    }

    @Test
    void phaseInstructionsOver2000CharactersAreTextTooLong() {
      assertEquals(ErrorCode.TEXT_TOO_LONG,
          refusal(op("phase.add").put("title", "T").put("instructions", "i".repeat(2001))));
    }

    @Test
    void phaseInstructionsWithControlCharactersAreInvalidText() {
      assertEquals(ErrorCode.INVALID_TEXT,
          refusal(op("phase.update").put("id", ID).put("instructions", "bad\u0000")));
    }

    @Test
    void aDollarKeyInsideNoteIdsIsForbiddenKey() {
      assertEquals(ErrorCode.FORBIDDEN_KEY, refusal(op("cluster.create")
          .put("noteIds", new JsonArray().add(new JsonObject().put("$gt", "")))));
    }
  }
}
