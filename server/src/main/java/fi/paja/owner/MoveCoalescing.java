package fi.paja.owner;

import fi.paja.board.Command;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which moves in a group of commands need not be applied because the same person moves the same note again later
 * in the group. Someone dragging a note sends many moves a second; when a board is behind, a group holds several
 * of them, and only the last position matters. The earlier ones are answered with the result of the last.
 *
 * <p>Only commands that cannot change whether or where a move applies may lie between the two: other moves. Any
 * other command (a lock, a delete, a role change) ends the run, so every move that is skipped would have had the
 * same outcome as the one that replaces it.
 */
final class MoveCoalescing {

  private MoveCoalescing() {
  }

  /**
   * For each command, the index of the later move that replaces it, or -1 when it is applied. Follow the chain:
   * the replacing move may itself be replaced.
   */
  static int[] supersededBy(List<Command> commands, List<String> actors) {
    int[] later = new int[commands.size()];
    Arrays.fill(later, -1);
    Map<String, Integer> next = new HashMap<>();
    for (int i = commands.size() - 1; i >= 0; i--) {
      if (!(commands.get(i) instanceof Command.MoveNote move)) {
        next.clear();
        continue;
      }
      String key = move.id() + "\n" + actors.get(i);
      Integer after = next.put(key, i);
      if (after != null) {
        later[i] = after;
      }
    }
    return later;
  }

  /** The move that finally stands in for command {@code i} (itself when it is applied). */
  static int last(int[] later, int i) {
    int j = i;
    while (later[j] >= 0) {
      j = later[j];
    }
    return j;
  }
}
