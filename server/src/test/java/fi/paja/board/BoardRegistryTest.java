package fi.paja.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every command type a board can be given has a handler, and every change an event can carry has an effect: a
 * type added to {@link Command} or {@link Event.Change} without its rule fails here, not at run time as
 * {@code unknown_op} (or as a change that silently does nothing in replay).
 */
class BoardRegistryTest {

  private final Board board = new Board("w1", () -> "id");

  @Test
  void everyCommandTypeHasAHandler() {
    Set<Class<?>> commands = permitted(Command.class);
    assertTrue(commands.size() > 40, "the sealed hierarchy was read: " + commands.size());
    assertEquals(new TreeSet<>(), names(commands, board.handledCommands()), "command types without a handler");
  }

  @Test
  void everyChangeTypeHasAnEffect() {
    Set<Class<?>> changes = permitted(Event.Change.class);
    assertTrue(changes.size() > 20, "the sealed hierarchy was read: " + changes.size());
    assertEquals(new TreeSet<>(), names(changes, board.appliedChanges()), "change types without an effect");
  }

  /** The concrete types under a sealed interface, through the sealed interfaces nested in it. */
  static Set<Class<?>> permitted(Class<?> sealed) {
    Set<Class<?>> out = new java.util.HashSet<>();
    for (Class<?> c : sealed.getPermittedSubclasses()) {
      if (c.isSealed()) {
        out.addAll(permitted(c));
      } else {
        out.add(c);
      }
    }
    return out;
  }

  private static TreeSet<String> names(Set<Class<?>> all, Set<? extends Class<?>> covered) {
    return all.stream().filter(c -> !covered.contains(c)).map(Class::getSimpleName)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
