package fi.paja.board;

import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One handler per command type: who may give it, checked first, then its rule. Built by the {@link Area}s of a
 * board; a command type without a handler fails {@code BoardRegistryTest} rather than reaching a member as
 * {@code unknown_op}.
 */
final class Handlers {

  /** The rule of a command the server or a joining person gives: it checks its sender itself (or has none). */
  interface Unchecked<C extends Command> {
    Board.Outcome handle(C command, String actorId, Instant now);
  }

  /** The rule of a member's command, run after {@link Access#check} let the member give it. */
  interface Rule<C extends Command> {
    Board.Outcome handle(C command, Participant actor, Instant now);
  }

  /**
   * Who may give a command, checked in this order (the order of the error codes a refusal carries): a member of
   * the workshop who is not an observer; while the board is locked, only a facilitator ({@code editing}); only a
   * facilitator at all ({@code facilitatorsOnly}: the refusal's message).
   */
  record Access(boolean editing, String facilitatorsOnly) {
    /** Any member who is not an observer, locked board or not (a vote goes on while the board is locked). */
    static final Access MEMBER = new Access(false, null);
    /** Changes what is on the board: refused while it is locked, except to facilitators. */
    static final Access EDITING = new Access(true, null);
    static final Access FACILITATORS = facilitators("Only facilitators can do this.");

    static Access facilitators(String refusal) {
      return new Access(false, refusal);
    }

    Participant check(Board board, String actorId) {
      Participant actor = board.participant(actorId);
      if (actor == null || actor.removed()) {
        throw new PajaException(ErrorCode.FORBIDDEN, "Not a member of this workshop.");
      }
      if (actor.isObserver()) {
        throw new PajaException(ErrorCode.FORBIDDEN, "Observers cannot change the board.");
      }
      if (editing && board.settings().locked() && !actor.isFacilitator()) {
        throw new PajaException(ErrorCode.BOARD_LOCKED);
      }
      if (facilitatorsOnly != null && !actor.isFacilitator()) {
        throw new PajaException(ErrorCode.FORBIDDEN, facilitatorsOnly);
      }
      return actor;
    }
  }

  private interface Handler {
    Board.Outcome handle(Command command, String actorId, Instant now);
  }

  private final Map<Class<? extends Command>, Handler> byType;

  private Handlers(Map<Class<? extends Command>, Handler> byType) {
    this.byType = Map.copyOf(byType);
  }

  Board.Outcome handle(Command command, String actorId, Instant now) {
    Handler handler = byType.get(command.getClass());
    if (handler == null) {
      throw new PajaException(ErrorCode.UNKNOWN_OP, "Not a board command: " + command.op());
    }
    return handler.handle(command, actorId, now);
  }

  Set<Class<? extends Command>> types() {
    return byType.keySet();
  }

  /** Where the areas register their handlers; a type registered twice is a mistake found at construction. */
  static final class Registry {
    private final Board board;
    private final Map<Class<? extends Command>, Handler> byType = new HashMap<>();

    Registry(Board board) {
      this.board = board;
    }

    <C extends Command> void unchecked(Class<C> type, Unchecked<C> rule) {
      put(type, (command, actorId, now) -> rule.handle(type.cast(command), actorId, now));
    }

    <C extends Command> void on(Class<C> type, Access access, Rule<C> rule) {
      put(type, (command, actorId, now) -> rule.handle(type.cast(command), access.check(board, actorId), now));
    }

    private void put(Class<? extends Command> type, Handler handler) {
      if (byType.putIfAbsent(type, handler) != null) {
        throw new IllegalStateException("Two handlers for " + type.getSimpleName());
      }
    }

    Handlers build() {
      return new Handlers(byType);
    }
  }
}
