package fi.paja.board;

import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.validation.Json;
import io.vertx.core.json.JsonObject;

/**
 * The one place where a client's command becomes a {@link Command}: its {@code op} picks the entry of
 * {@link CommandTypes}, whose decoder checks every field for presence, type, form and limits ({@link Fields}).
 * Anything else is refused with a stable error code before it reaches a board; a command the server makes itself
 * is refused as unknown. An import ({@code WorkshopImport}) decodes what it brings with the same decoders.
 */
public final class CommandDecoder {

  private CommandDecoder() {
  }

  public static Command decode(Object body) {
    JsonObject json = Json.object(body);
    Object op = json.getValue("op");
    if (!(op instanceof String opName)) {
      throw new PajaException(ErrorCode.UNKNOWN_OP, "Field 'op' must name a command.");
    }
    CommandType<?> type = CommandTypes.byWire(opName);
    if (type == null || !type.fromClients()) {
      throw new PajaException(ErrorCode.UNKNOWN_OP, "Unknown op '" + Fields.abbreviate(opName) + "'.");
    }
    return type.decoder().decode(json);
  }
}
