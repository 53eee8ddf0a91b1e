package fi.paja.board;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One effect per change type: what it does to the board's state, and what it marks for the next checkpoint (notes
 * and participants are written one by one; the rest of the board in one document). Built by the {@link Area}s of a
 * board; a change type without an effect fails {@code BoardRegistryTest}.
 */
final class Effects {

  /** What one change does; {@code event} gives its time, author and seq. */
  interface Effect<E extends Event.Change> {
    void apply(E change, Event event);
  }

  private final Map<Class<? extends Event.Change>, Effect<Event.Change>> byType;

  private Effects(Map<Class<? extends Event.Change>, Effect<Event.Change>> byType) {
    this.byType = Map.copyOf(byType);
  }

  void apply(Event event) {
    Effect<Event.Change> effect = byType.get(event.change().getClass());
    if (effect == null) {
      throw new IllegalStateException("No effect for " + event.change().getClass().getSimpleName());
    }
    effect.apply(event.change(), event);
  }

  Set<Class<? extends Event.Change>> types() {
    return byType.keySet();
  }

  /** Where the areas register their effects; a type registered twice is a mistake found at construction. */
  static final class Registry {
    private final Map<Class<? extends Event.Change>, Effect<Event.Change>> byType = new HashMap<>();

    <E extends Event.Change> void on(Class<E> type, Effect<E> effect) {
      if (byType.putIfAbsent(type, (change, event) -> effect.apply(type.cast(change), event)) != null) {
        throw new IllegalStateException("Two effects for " + type.getSimpleName());
      }
    }

    Effects build() {
      return new Effects(byType);
    }
  }
}
