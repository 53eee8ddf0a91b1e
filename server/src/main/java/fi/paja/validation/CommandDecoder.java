package fi.paja.validation;

import fi.paja.board.Command;
import fi.paja.board.Limits;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one place where a client's command becomes a {@link Command}: every field checked for presence, type, form
 * and limits. Anything else is refused with a stable error code before it reaches a board.
 */
public final class CommandDecoder {

  public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

  private CommandDecoder() {
  }

  public static Command decode(Object body) {
    JsonObject json = Json.object(body);
    Object op = json.getValue("op");
    if (!(op instanceof String opName)) {
      throw new PajaException(ErrorCode.UNKNOWN_OP, "Field 'op' must name a command.");
    }
    return switch (opName) {
      case "note.add" -> {
        Json.onlyFields(json, Set.of("op", "id", "text", "x", "y", "color"));
        yield new Command.AddNote(
            Json.optionalString(json, "id").map(CommandDecoder::id),
            text(json),
            coordinate(json, "x"), coordinate(json, "y"),
            Json.optionalString(json, "color").map(CommandDecoder::color).orElse(Limits.DEFAULT_COLOR));
      }
      case "note.update" -> {
        Json.onlyFields(json, Set.of("op", "id", "text", "color"));
        String id = id(Json.requiredString(json, "id"));
        Optional<String> text = json.getValue("text") != null ? Optional.of(text(json)) : Optional.empty();
        Optional<String> color = Json.optionalString(json, "color").map(CommandDecoder::color);
        if (text.isEmpty() && color.isEmpty()) {
          throw new PajaException(ErrorCode.NOTHING_TO_UPDATE);
        }
        yield new Command.UpdateNote(id, text, color);
      }
      case "note.move" -> {
        Json.onlyFields(json, Set.of("op", "id", "x", "y"));
        yield new Command.MoveNote(id(Json.requiredString(json, "id")), coordinate(json, "x"), coordinate(json, "y"));
      }
      case "note.delete" -> {
        Json.onlyFields(json, Set.of("op", "id"));
        yield new Command.DeleteNote(id(Json.requiredString(json, "id")));
      }
      default -> throw new PajaException(ErrorCode.UNKNOWN_OP, "Unknown op '" + abbreviate(opName) + "'.");
    };
  }

  public static String id(String value) {
    if (!ID.matcher(value).matches()) {
      throw new PajaException(ErrorCode.INVALID_ID);
    }
    return value;
  }

  private static String text(JsonObject json) {
    return PlainText.multiLine(Json.requiredString(json, "text"), Limits.MAX_NOTE_TEXT);
  }

  private static String color(String value) {
    if (!Limits.COLORS.contains(value)) {
      throw new PajaException(ErrorCode.INVALID_COLOR, "Colour must be one of " + Limits.COLORS + ".");
    }
    return value;
  }

  private static double coordinate(JsonObject json, String field) {
    double v = Json.requiredNumber(json, field);
    if (!Double.isFinite(v) || Math.abs(v) > Limits.MAX_COORDINATE) {
      throw new PajaException(ErrorCode.OUT_OF_BOUNDS,
          "Field '" + field + "' must be between -" + (long) Limits.MAX_COORDINATE + " and "
              + (long) Limits.MAX_COORDINATE + ".");
    }
    return v;
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
