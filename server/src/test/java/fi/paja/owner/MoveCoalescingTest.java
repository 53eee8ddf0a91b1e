package fi.paja.owner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fi.paja.board.Command;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MoveCoalescingTest {

  private static Command move(String note, double x) {
    return new Command.MoveNote(note, x, 0);
  }

  @Test
  void aMoveRepeatedByTheSamePersonIsReplacedByTheLastOne() {
    int[] later = MoveCoalescing.supersededBy(
        List.of(move("a", 1), move("a", 2), move("a", 3)), List.of("pat", "pat", "pat"));
    assertArrayEquals(new int[] {1, 2, -1}, later);
    assertEquals(2, MoveCoalescing.last(later, 0));
  }

  @Test
  void movesOfOtherNotesInBetweenDoNotStopIt() {
    int[] later = MoveCoalescing.supersededBy(
        List.of(move("a", 1), move("b", 1), move("a", 2)), List.of("pat", "pia", "pat"));
    assertArrayEquals(new int[] {2, -1, -1}, later);
  }

  @Test
  void anotherPersonsMoveOfTheSameNoteIsKept() {
    int[] later = MoveCoalescing.supersededBy(
        List.of(move("a", 1), move("a", 2)), List.of("pat", "pia"));
    assertArrayEquals(new int[] {-1, -1}, later);
  }

  @Test
  void anyOtherCommandInBetweenEndsTheRun() {
    int[] later = MoveCoalescing.supersededBy(
        List.of(move("a", 1), new Command.UpdateSettings(new io.vertx.core.json.JsonObject().put("locked", true)),
            move("a", 2)),
        List.of("pat", "olga", "pat"));
    assertArrayEquals(new int[] {-1, -1, -1}, later);
  }

  @Test
  void aDeleteInBetweenEndsTheRun() {
    int[] later = MoveCoalescing.supersededBy(
        List.of(move("a", 1), new Command.DeleteNote("a"), move("a", 2)), List.of("pat", "pat", "pat"));
    assertArrayEquals(new int[] {-1, -1, -1}, later);
  }

  @Test
  void otherCommandsAreNeverReplaced() {
    Command add = new Command.AddNote(Optional.empty(), "x", 0, 0, "yellow");
    int[] later = MoveCoalescing.supersededBy(List.of(add, add), List.of("pat", "pat"));
    assertArrayEquals(new int[] {-1, -1}, later);
  }
}
