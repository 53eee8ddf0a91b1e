package fi.paja.board;

import static org.junit.jupiter.api.Assertions.assertThrows;

import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A board with one person of each role seated, and short ways to give it commands: shared by the facilitation
 * tests (roles, phases, timer, clusters, votes, visibility).
 */
class FacilitationFixture {

  static final String WORKSHOP = "11111111-2222-3333-4444-555555555555";
  static final String OWNER = "owner-0001";
  static final String COFAC = "cofac-0002";
  static final String PAT = "pat-00000003";
  static final String PIA = "pia-00000004";
  static final String OBS = "obs-00000005";
  static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  final AtomicInteger ids = new AtomicInteger();
  final Board board;

  FacilitationFixture() {
    board = new Board(WORKSHOP, () -> String.format("gen-id-%04d", ids.incrementAndGet()));
    board.restore(0, List.of(), List.of(
        new Participant(OWNER, "Olga", Participant.FACILITATOR),
        new Participant(COFAC, "Cai", Participant.COFACILITATOR),
        new Participant(PAT, "Pat", Participant.PARTICIPANT),
        new Participant(PIA, "Pia", Participant.PARTICIPANT),
        new Participant(OBS, "Oskar", Participant.OBSERVER)));
  }

  static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  Board.Outcome handle(Command command, String actor) {
    return board.handle(command, actor, T0);
  }

  Board.Outcome handle(Command command, String actor, Instant when) {
    return board.handle(command, actor, when);
  }

  ErrorCode refusal(Command command, String actor) {
    return refusal(command, actor, T0);
  }

  ErrorCode refusal(Command command, String actor, Instant when) {
    long seqBefore = board.seq();
    ErrorCode code = assertThrows(PajaException.class, () -> board.handle(command, actor, when),
        () -> "expected " + command + " by " + actor + " to be refused").code();
    if (board.seq() != seqBefore) {
      throw new AssertionError("a refused command changed the seq");
    }
    return code;
  }

  static Command.AddNote addCmd(String text) {
    return new Command.AddNote(Optional.empty(), text, 10, 20, "yellow");
  }

  String addNote(String actor, String text) {
    return handle(addCmd(text), actor).reply().getString("noteId");
  }

  String addNoteAt(String actor, String text, double x, double y) {
    return handle(new Command.AddNote(Optional.empty(), text, x, y, "yellow"), actor).reply().getString("noteId");
  }

  void settings(String patchJson) {
    handle(new Command.UpdateSettings(new JsonObject(patchJson)), OWNER);
  }

  String cluster(String actor, String title, String... noteIds) {
    return handle(new Command.CreateCluster(Optional.empty(), title, List.of(noteIds)), actor).reply()
        .getString("clusterId");
  }

  String openVote(String targets, int budget, int maxPerItem, boolean secret) {
    return handle(new Command.OpenVote(targets, budget, maxPerItem, secret, Optional.empty()), OWNER).reply()
        .getString("voteId");
  }

  static Command.CastVote cast(String target) {
    return new Command.CastVote(target, 1);
  }

  static Command.CastVote retract(String target) {
    return new Command.CastVote(target, -1);
  }

  Note note(String id) {
    return board.note(id);
  }

  static boolean isFacilitatorId(String id) {
    return OWNER.equals(id) || COFAC.equals(id);
  }

  Visibility.Viewer viewer(String id) {
    return Visibility.Viewer.of(board.participant(id));
  }

  /** The event as this member receives it. */
  JsonObject seenBy(Event event, String id) {
    return Visibility.filter(event.toJson(), viewer(id));
  }

  JsonObject snapshotFor(String id) {
    return board.snapshotFor(viewer(id), T0.toEpochMilli());
  }
}
