package fi.paja.board;

import static fi.paja.board.FacilitationFixture.COFAC;
import static fi.paja.board.FacilitationFixture.OWNER;
import static fi.paja.board.FacilitationFixture.PAT;
import static fi.paja.board.FacilitationFixture.T0;
import static fi.paja.board.FacilitationFixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import fi.paja.error.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** docs/PROTOCOL.md, "Facilitation commands" (phase.*, timer.*, view.*) and "Timer and server clock". */
class FacilitationPhasesAndTimerTest {

  private FacilitationFixture f;

  @BeforeEach
  void seat() {
    f = new FacilitationFixture();
  }

  private String addPhase(String title) {
    return f.handle(new Command.AddPhase(title, "Do " + title), OWNER).reply().getString("phaseId");
  }

  private List<String> phaseIds() {
    return f.board.phases().stream().map(Phase::id).toList();
  }

  @Nested
  class Phases {

    @Test
    void aNewBoardHasNoPhasesAndNoCurrentPhase() {
      assertEquals(List.of(), f.board.phases());
      assertNull(f.board.currentPhaseId());
    }

    @Test
    void theFirstPhaseAddedBecomesCurrent() {
      String first = addPhase("Warm-up");

      assertEquals(first, f.board.currentPhaseId());
    }

    @Test
    void laterPhasesAreAppendedAndDoNotChangeTheCurrentOne() {
      String first = addPhase("Warm-up");
      String second = addPhase("Ideas");
      String third = addPhase("Vote");

      assertEquals(List.of(first, second, third), phaseIds());
      assertEquals(first, f.board.currentPhaseId());
    }

    @Test
    void phaseAddRepliesWithThePhaseIdAndEmitsTheWholeList() {
      String first = addPhase("Warm-up");
      Board.Outcome outcome = f.handle(new Command.AddPhase("Ideas", "One per note"), COFAC);

      assertEquals(1, outcome.events().size());
      JsonObject json = outcome.events().get(0).toJson();
      assertEquals("phases.changed", json.getString("type"));
      String second = outcome.reply().getString("phaseId");
      assertEquals(new JsonArray()
          .add(new JsonObject().put("id", first).put("title", "Warm-up").put("instructions", "Do Warm-up"))
          .add(new JsonObject().put("id", second).put("title", "Ideas").put("instructions", "One per note")),
          json.getJsonArray("phases"));
      assertEquals(first, json.getString("currentPhaseId"));
    }

    @Test
    void updateChangesOnlyTheGivenFields() {
      String id = addPhase("Warm-up");

      f.handle(new Command.UpdatePhase(id, Optional.of("Check-in"), Optional.empty()), OWNER);
      assertEquals(new Phase(id, "Check-in", "Do Warm-up"), f.board.phases().get(0));

      f.handle(new Command.UpdatePhase(id, Optional.empty(), Optional.of("Say hello")), OWNER);
      assertEquals(new Phase(id, "Check-in", "Say hello"), f.board.phases().get(0));
    }

    @Test
    void updateEmitsPhasesChangedWithTheWholeListAndTheSameCurrentPhase() {
      String a = addPhase("A");
      String b = addPhase("B");

      JsonObject json = f.handle(new Command.UpdatePhase(b, Optional.of("Bee"), Optional.empty()), OWNER)
          .events().get(0).toJson();

      assertEquals(2, json.getJsonArray("phases").size());
      assertEquals("Bee", json.getJsonArray("phases").getJsonObject(1).getString("title"));
      assertEquals(a, json.getString("currentPhaseId"));
    }

    @Test
    void moveToAnIndexPutsThePhaseThere() {
      String a = addPhase("A");
      String b = addPhase("B");
      String c = addPhase("C");

      f.handle(new Command.MovePhase(c, 0), OWNER);
      assertEquals(List.of(c, a, b), phaseIds());

      f.handle(new Command.MovePhase(c, 1), OWNER);
      assertEquals(List.of(a, c, b), phaseIds());
    }

    @Test
    void moveBeyondTheEndIsClampedToTheLastPlace() {
      String a = addPhase("A");
      String b = addPhase("B");
      String c = addPhase("C");

      JsonObject json = f.handle(new Command.MovePhase(a, 999), OWNER).events().get(0).toJson();

      assertEquals(List.of(b, c, a), phaseIds());
      assertEquals(3, json.getJsonArray("phases").size());
      assertEquals(a, json.getJsonArray("phases").getJsonObject(2).getString("id"));
      assertEquals(a, json.getString("currentPhaseId"));
    }

    @Test
    void removingANonCurrentPhaseKeepsTheCurrentOne() {
      String a = addPhase("A");
      String b = addPhase("B");

      f.handle(new Command.RemovePhase(b), OWNER);

      assertEquals(List.of(a), phaseIds());
      assertEquals(a, f.board.currentPhaseId());
    }

    @Test
    void removingTheCurrentPhaseMovesCurrentToTheNextOne() {
      String a = addPhase("A");
      String b = addPhase("B");
      String c = addPhase("C");
      f.handle(new Command.ActivatePhase(b), OWNER);

      JsonObject json = f.handle(new Command.RemovePhase(b), OWNER).events().get(0).toJson();

      assertEquals(List.of(a, c), phaseIds());
      assertEquals(c, f.board.currentPhaseId());
      assertEquals(c, json.getString("currentPhaseId"));
    }

    @Test
    void removingTheCurrentLastPhaseMovesCurrentToThePreviousOne() {
      String a = addPhase("A");
      String b = addPhase("B");
      f.handle(new Command.ActivatePhase(b), OWNER);

      f.handle(new Command.RemovePhase(b), OWNER);

      assertEquals(a, f.board.currentPhaseId());
    }

    @Test
    void removingTheOnlyPhaseLeavesNoCurrentPhase() {
      String a = addPhase("A");

      JsonObject json = f.handle(new Command.RemovePhase(a), OWNER).events().get(0).toJson();

      assertEquals(List.of(), f.board.phases());
      assertNull(f.board.currentPhaseId());
      assertEquals(new JsonArray(), json.getJsonArray("phases"));
      assertNull(json.getString("currentPhaseId"));
    }

    @Test
    void activateMakesThePhaseCurrentAndKeepsTheList() {
      String a = addPhase("A");
      String b = addPhase("B");

      JsonObject json = f.handle(new Command.ActivatePhase(b), COFAC).events().get(0).toJson();

      assertEquals(b, f.board.currentPhaseId());
      assertEquals("phases.changed", json.getString("type"));
      assertEquals(b, json.getString("currentPhaseId"));
      assertEquals(List.of(a, b), json.getJsonArray("phases").stream()
          .map(p -> ((JsonObject) p).getString("id")).toList());
    }

    @Test
    void everyPhaseCommandOnAnUnknownIdIsPhaseNotFound() {
      addPhase("A");
      String unknown = "no-such-phase";

      assertEquals(ErrorCode.PHASE_NOT_FOUND,
          f.refusal(new Command.UpdatePhase(unknown, Optional.of("X"), Optional.empty()), OWNER));
      assertEquals(ErrorCode.PHASE_NOT_FOUND, f.refusal(new Command.MovePhase(unknown, 0), OWNER));
      assertEquals(ErrorCode.PHASE_NOT_FOUND, f.refusal(new Command.RemovePhase(unknown), OWNER));
      assertEquals(ErrorCode.PHASE_NOT_FOUND, f.refusal(new Command.ActivatePhase(unknown), OWNER));
    }
  }

  @Nested
  class TimerCommands {

    private Timer timer(Command.TimerCommand command, Instant when) {
      Board.Outcome outcome = f.handle(command, OWNER, when);
      assertEquals(1, outcome.events().size());
      assertEquals("timer.changed", outcome.events().get(0).type());
      return f.board.timer();
    }

    private Command.TimerCommand start(long s) {
      return new Command.TimerCommand("start", s);
    }

    private Command.TimerCommand add(long s) {
      return new Command.TimerCommand("add", s);
    }

    private Command.TimerCommand action(String a) {
      return new Command.TimerCommand(a, 0);
    }

    private long ms(Instant i) {
      return i.toEpochMilli();
    }

    @Test
    void aNewBoardsTimerIsStopped() {
      assertEquals(new Timer("stopped", null, 0, 0), f.board.timer());
    }

    @Test
    void startRunsWithEndsAtNowPlusTheSeconds() {
      Timer t = timer(start(300), T0);

      assertEquals(new Timer("running", ms(T0) + 300_000, 300_000, 300_000), t);
    }

    @Test
    void pauseKeepsTheRemainingTime() {
      timer(start(300), T0);

      Timer t = timer(action("pause"), at(120));

      assertEquals(new Timer("paused", null, 180_000, 300_000), t);
    }

    @Test
    void resumeSetsANewEndsAtFromTheRemainingTime() {
      timer(start(300), T0);
      timer(action("pause"), at(120));

      Timer t = timer(action("resume"), at(1000));

      assertEquals(new Timer("running", ms(at(1000)) + 180_000, 180_000, 300_000), t);
    }

    @Test
    void addExtendsARunningTimer() {
      timer(start(300), T0);

      Timer t = timer(add(60), at(100));

      assertEquals("running", t.state());
      assertEquals(ms(T0) + 360_000, t.endsAt());
      assertEquals(260_000, t.remainingMs());
      assertEquals(360_000, t.durationMs());
    }

    @Test
    void addExtendsAPausedTimer() {
      timer(start(300), T0);
      timer(action("pause"), at(100));

      Timer t = timer(add(60), at(500));

      assertEquals(new Timer("paused", null, 260_000, 360_000), t);
    }

    @Test
    void aNegativeAddShortensARunningTimer() {
      timer(start(300), T0);

      Timer t = timer(add(-60), at(100));

      assertEquals(ms(T0) + 240_000, t.endsAt());
      assertEquals(140_000, t.remainingMs());
    }

    @Test
    void aNegativeAddFloorsARunningTimerAtZero() {
      timer(start(300), T0);

      Timer t = timer(add(-1000), at(100));

      assertEquals("running", t.state());
      assertEquals(0, t.remainingMs());
      assertEquals(ms(at(100)), t.endsAt());
      assertEquals(0, t.durationMs());
    }

    @Test
    void aNegativeAddFloorsAPausedTimerAtZero() {
      timer(start(300), T0);
      timer(action("pause"), at(100));

      Timer t = timer(add(-86_400), at(200));

      assertEquals(new Timer("paused", null, 0, 0), t);
    }

    @Test
    void stopStopsARunningTimer() {
      timer(start(300), T0);

      assertEquals(Timer.STOPPED, timer(action("stop"), at(10)));
    }

    @Test
    void pauseOnAStoppedTimerLeavesItStopped() {
      assertEquals(Timer.STOPPED, timer(action("pause"), T0));
    }

    @Test
    void resumeOnARunningTimerLeavesItUnchanged() {
      Timer running = timer(start(300), T0);

      assertEquals(running, timer(action("resume"), at(50)));
    }

    @Test
    void startAgainRestartsWithTheNewDuration() {
      timer(start(300), T0);

      assertEquals(new Timer("running", ms(at(60)) + 30_000, 30_000, 30_000), timer(start(30), at(60)));
    }

    @Test
    void everyTimerChangedCarriesTheTimerAndServerTimeOfTheCommandsInstant() {
      long s = 0;
      for (Command.TimerCommand c : List.of(start(300), action("pause"), add(30), action("resume"), add(-10),
          action("stop"))) {
        s += 7;
        Instant when = at(s).plusMillis(123);
        Event e = f.handle(c, OWNER, when).events().get(0);
        JsonObject json = e.toJson();

        assertEquals(when.toEpochMilli(), json.getLong("serverTime"), c.op());
        assertEquals(f.board.timer().toJson(), json.getJsonObject("timer"), c.op());
      }
    }

    @Test
    void theTimerJsonHasStateEndsAtRemainingAndDuration() {
      Event e = f.handle(start(90), OWNER, T0).events().get(0);

      assertEquals(new JsonObject().put("state", "running").put("endsAt", ms(T0) + 90_000).put("remainingMs", 90_000L)
          .put("durationMs", 90_000L), e.toJson().getJsonObject("timer"));
    }

    @Test
    void theSnapshotCarriesTheTimerAndServerTime() {
      f.handle(start(90), OWNER, T0);

      JsonObject snapshot = f.board.snapshotFor(f.viewer(PAT), 1_234_567L);

      assertEquals(1_234_567L, snapshot.getLong("serverTime"));
      assertEquals(f.board.timer().toJson(), snapshot.getJsonObject("timer"));
    }
  }

  @Nested
  class View {

    @Test
    void followSetsTheViewportWithWhoLeads() {
      JsonObject json = f.handle(new Command.Follow(10, -20, 1.5), COFAC).events().get(0).toJson();

      assertEquals("view.changed", json.getString("type"));
      assertEquals(new JsonObject().put("x", 10.0).put("y", -20.0).put("zoom", 1.5).put("by", COFAC),
          json.getJsonObject("view").getJsonObject("follow"));
    }

    @Test
    void releaseEndsFollowButKeepsFocus() {
      String note = f.addNote(PAT, "Look");
      f.handle(new Command.Follow(10, -20, 1.5), OWNER);
      f.handle(new Command.Focus(Optional.of(note), Optional.empty()), OWNER);

      JsonObject view = f.handle(new Command.Release(), OWNER).events().get(0).toJson().getJsonObject("view");

      assertNull(view.getValue("follow"));
      assertEquals(new JsonObject().put("noteId", note), view.getJsonObject("focus"));
    }

    @Test
    void focusWithNeitherEndsFocusMode() {
      String note = f.addNote(PAT, "Look");
      f.handle(new Command.Focus(Optional.of(note), Optional.empty()), OWNER);

      f.handle(new Command.Focus(Optional.empty(), Optional.empty()), OWNER);

      assertNull(f.board.view().getValue("focus"));
    }

    @Test
    void focusOnAClusterNamesIt() {
      String note = f.addNote(PAT, "Look");
      String cluster = f.cluster(OWNER, "Group", note);

      f.handle(new Command.Focus(Optional.empty(), Optional.of(cluster)), OWNER);

      assertEquals(new JsonObject().put("clusterId", cluster), f.board.view().getJsonObject("focus"));
    }

    @Test
    void focusOnAnUnknownNoteOrClusterIsRefused() {
      assertEquals(ErrorCode.NOTE_NOT_FOUND,
          f.refusal(new Command.Focus(Optional.of("no-such-note"), Optional.empty()), OWNER));
      assertEquals(ErrorCode.CLUSTER_NOT_FOUND,
          f.refusal(new Command.Focus(Optional.empty(), Optional.of("no-such-cluster")), OWNER));
    }

    @Test
    void aParticipantCannotFollow() {
      assertEquals(ErrorCode.FORBIDDEN, f.refusal(new Command.Follow(0, 0, 1), PAT));
    }
  }
}
