package fi.paja.board;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every command's wire name, type and decoder, by area. {@code CommandTypesTest} holds that each permitted
 * {@link Command} type is here, each wire name once, and that PROTOCOL.md documents each client command.
 */
public final class CommandTypes {

  public static final List<CommandType<?>> ALL = Stream.of(NoteCommands.TYPES, FacilitationCommands.TYPES,
      VoteCommands.TYPES, JourneyCommands.TYPES, OutcomeCommands.TYPES).flatMap(List::stream).toList();

  private static final Map<String, CommandType<?>> BY_WIRE = new HashMap<>();
  private static final Map<Class<?>, List<CommandType<?>>> BY_TYPE = new HashMap<>();

  static {
    for (CommandType<?> type : ALL) {
      if (BY_WIRE.put(type.wire(), type) != null) {
        throw new IllegalStateException("Wire name given twice: " + type.wire());
      }
      BY_TYPE.computeIfAbsent(type.type(), t -> new ArrayList<>()).add(type);
    }
  }

  private CommandTypes() {
  }

  /** The entry of a wire name, client or internal; null when there is none. */
  public static CommandType<?> byWire(String wire) {
    return BY_WIRE.get(wire);
  }

  /** A command's wire name, as {@link Command#op()} gives it. */
  static String wireOf(Command command) {
    List<CommandType<?>> types = BY_TYPE.get(command.getClass());
    if (types != null) {
      for (CommandType<?> type : types) {
        if (type.carries(command)) {
          return type.wire();
        }
      }
    }
    throw new IllegalStateException("No wire name for " + command);
  }
}
