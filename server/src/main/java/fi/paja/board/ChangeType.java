package fi.paja.board;

import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * One wire name of a board event and how to read its change back from the event's JSON. Each {@link Event.Change}
 * record declares its own as a {@code static final} field next to its {@code writeTo} (so the name is written once
 * and a type cannot be written without being readable), and {@link Event#fromJson} finds it by name in
 * {@link Event#TYPES}. A record may own more than one: {@code vote.cast} and {@code vote.retracted} are one record.
 */
public record ChangeType<C extends Event.Change>(String name, Class<C> record, Function<JsonObject, C> reader) {

  public C read(JsonObject event) {
    return reader.apply(event);
  }
}
