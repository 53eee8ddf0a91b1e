package fi.paja.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fi.paja.board.Board;
import fi.paja.board.Command;
import fi.paja.board.Event;
import fi.paja.board.Participant;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a checkpoint has to write is what changed since the last one, however the change came: handled now, or
 * replayed from the log at load. And a load replays only whole groups of events.
 */
class CheckpointChangesTest {

  private static final String WORKSHOP = "11111111-2222-3333-4444-555555555555";
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private final AtomicInteger ids = new AtomicInteger();

  private List<Event> aSession(Board board) {
    List<Event> log = new ArrayList<>();
    log.addAll(board.handle(new Command.JoinParticipant(new Participant("anna", "Anna", Participant.FACILITATOR)),
        "anna", T0).events());
    log.addAll(board.handle(new Command.JoinParticipant(new Participant("ben", "Ben", Participant.PARTICIPANT)),
        "ben", T0).events());
    log.addAll(board.handle(new Command.AddNote(Optional.of("n1"), "one", 1, 1, "yellow"), "ben", T0).events());
    log.addAll(board.handle(new Command.AddNote(Optional.of("n2"), "two", 2, 2, "yellow"), "ben", T0).events());
    log.addAll(board.handle(new Command.MoveNote("n1", 5, 5), "ben", T0).events());
    log.addAll(board.handle(new Command.DeleteNote("n2"), "ben", T0).events());
    log.addAll(board.handle(new Command.SetRole("ben", Participant.OBSERVER), "anna", T0).events());
    return log;
  }

  private Board newBoard() {
    return new Board(WORKSHOP, () -> "gen-" + ids.incrementAndGet());
  }

  @Test
  void handledChangesAreForTheNextCheckpoint() {
    Board board = newBoard();
    List<Event> log = aSession(board);
    Board.Changes changes = board.takeChanges();
    assertEquals(Set.of("n1", "n2"), changes.notes());
    assertEquals(Set.of("anna", "ben"), changes.participants());
    assertEquals(log.size(), changes.events());
    assertEquals(0, board.takeChanges().events(), "taken once");
  }

  @Test
  void changesReplayedAtLoadAreForTheNextCheckpointToo() {
    List<Event> log = aSession(newBoard());
    Board loaded = newBoard();
    loaded.restore(0, List.of(), List.of());
    log.forEach(loaded::apply);
    Board.Changes changes = loaded.takeChanges();
    assertEquals(Set.of("n1", "n2"), changes.notes());
    assertEquals(Set.of("anna", "ben"), changes.participants());
  }

  @Test
  void aCheckpointThatFailedGivesItsChangesBack() {
    Board board = newBoard();
    aSession(board);
    Board.Changes taken = board.takeChanges();
    board.handle(new Command.AddNote(Optional.of("n3"), "three", 3, 3, "yellow"), "anna", T0);
    board.giveBack(taken);
    Board.Changes again = board.takeChanges();
    assertEquals(Set.of("n1", "n2", "n3"), again.notes());
    assertEquals(taken.events() + 1, again.events());
  }

  @Test
  void aGroupMoveMarksEveryNoteOfTheGroupHandledOrReplayed() {
    Board board = newBoard();
    List<Event> log = new ArrayList<>(aSession(board));
    log.addAll(board.handle(new Command.AddNote(Optional.of("n3"), "three", 3, 3, "yellow"), "anna", T0).events());
    log.addAll(board.handle(new Command.AddNote(Optional.of("n4"), "four", 4, 4, "yellow"), "anna", T0).events());
    log.addAll(board.handle(new Command.CreateCluster(Optional.of("k1"), "group", List.of("n1", "n3", "n4")), "anna",
        T0).events());
    Board loaded = newBoard();
    loaded.restore(0, List.of(), List.of());
    log.forEach(loaded::apply);
    board.takeChanges();
    loaded.takeChanges();

    List<Event> moved = board.handle(new Command.MoveCluster("k1", 10, 10), "anna", T0).events();
    assertEquals(1, moved.size());
    assertEquals(Set.of("n1", "n3", "n4"), board.takeChanges().notes(), "handled");
    loaded.apply(Event.fromJson(moved.get(0).toJson()));
    assertEquals(Set.of("n1", "n3", "n4"), loaded.takeChanges().notes(), "replayed");
    assertEquals(15.0, loaded.note("n1").x());
  }

  private static JsonObject doc(long s, Long g) {
    JsonObject d = new JsonObject().put("s", s);
    return g == null ? d : d.put("g", g);
  }

  @Test
  void aLoadReplaysOnlyWholeGroups() {
    List<JsonObject> whole = List.of(doc(4, 5L), doc(5, 5L), doc(6, 6L));
    assertEquals(whole, BoardStore.wholeGroups(whole));
    // The group 7..9 reached the database only up to 8: none of it was acknowledged.
    List<JsonObject> cut = List.of(doc(4, 5L), doc(5, 5L), doc(6, 6L), doc(7, 9L), doc(8, 9L));
    assertEquals(whole, BoardStore.wholeGroups(cut));
    // Events written before groups were marked count as whole.
    List<JsonObject> old = List.of(doc(1, null), doc(2, null));
    assertEquals(old, BoardStore.wholeGroups(old));
    assertEquals(List.of(), BoardStore.wholeGroups(List.of(doc(3, 4L))));
  }
}
