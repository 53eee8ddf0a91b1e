package fi.paja.board;

import io.vertx.core.json.JsonObject;
import java.util.function.Predicate;

/**
 * One wire name of a command: the {@link Command} type it decodes to and how. A type with several wire names (a
 * timer's actions, cast and retract, …) has one entry per name, and {@code names} tells which instances carry it;
 * {@link Command#op()} is read from here, so a wire name is written once.
 *
 * @param fromClients false for commands the server makes itself (a join, a vote's expiry, retention's erasure): a
 *     client sending their name gets {@code unknown_op}, as for a name that does not exist
 */
public record CommandType<C extends Command>(String wire, Class<C> type, Decoder<C> decoder, boolean fromClients,
                                             Predicate<C> names) {

  /** Reads a command's JSON (its {@code op} already matched) into the command, or refuses it. */
  @FunctionalInterface
  public interface Decoder<C> {
    C decode(JsonObject json);
  }

  /** A client command, the only one of its type. */
  public static <C extends Command> CommandType<C> of(String wire, Class<C> type, Decoder<C> decoder) {
    return new CommandType<>(wire, type, decoder, true, c -> true);
  }

  /** A client command whose type has other wire names too: {@code names} picks this one's instances. */
  public static <C extends Command> CommandType<C> of(String wire, Class<C> type, Predicate<C> names,
                                                      Decoder<C> decoder) {
    return new CommandType<>(wire, type, decoder, true, names);
  }

  /** A command only the server makes; never decoded from a client. */
  public static <C extends Command> CommandType<C> internal(String wire, Class<C> type, Predicate<C> names) {
    return new CommandType<>(wire, type, json -> {
      throw new IllegalStateException(wire + " is not decoded");
    }, false, names);
  }

  public static <C extends Command> CommandType<C> internal(String wire, Class<C> type) {
    return internal(wire, type, c -> true);
  }

  boolean carries(Command command) {
    return type.isInstance(command) && names.test(type.cast(command));
  }
}
