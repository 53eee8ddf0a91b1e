package fi.paja.board;

import fi.paja.config.Limits;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.validation.Json;
import fi.paja.validation.PlainText;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks of single command fields, shared by the per-area decoders ({@link CommandTypes}) and by an import for
 * the fields no command sets (ids, times). Limits come from {@link Limits} only.
 */
public final class Fields {

  public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

  private Fields() {
  }

  /** The flags of {@code settings.update}. */
  public static final Set<String> SETTINGS = Set.of("locked", "anonymous", "anonymousToFacilitators", "privateMode",
      "facilitatorsSeePrivate");

  /** A longer optional text (an outcome's description): null when absent or blank. */
  public static String longText(JsonObject json, String field) {
    Object v = json.getValue(field);
    if (v == null) {
      return null;
    }
    String raw = Json.requiredString(json, field);
    return raw.isBlank() ? null : PlainText.multiLine(raw, Limits.MAX_NOTE_TEXT);
  }

  /** A short optional reason (an emotion's why, an outcome's explanation): null when absent or blank. */
  public static String reason(JsonObject json, String field) {
    Object v = json.getValue(field);
    if (v == null) {
      return null;
    }
    String raw = Json.requiredString(json, field);
    return raw.isBlank() ? null : PlainText.multiLine(raw, Limits.MAX_CELL_TEXT);
  }

  /** A journey cell's text: required; blank clears the cell (""). */
  public static String cellText(JsonObject json, String field) {
    String raw = Json.requiredString(json, field);
    return raw.isBlank() ? "" : PlainText.multiLine(raw, Limits.MAX_CELL_TEXT);
  }

  /** An emotion score, −2…2, or empty when absent (clears it). */
  public static Optional<Integer> emotionScore(JsonObject json, String field) {
    return json.getValue(field) == null ? Optional.empty()
        : Optional.of((int) wholeNumber(json, field, -Limits.MAX_EMOTION_SCORE, Limits.MAX_EMOTION_SCORE));
  }

  /** A person's name that is not a pseudonym (an action item's owner): null when absent or blank. */
  public static String name(JsonObject json, String field) {
    Object v = json.getValue(field);
    if (v == null) {
      return null;
    }
    String raw = Json.requiredString(json, field);
    return raw.isBlank() ? null : PlainText.singleLine(raw, Limits.MAX_OWNER_LENGTH, ErrorCode.INVALID_NAME);
  }

  public static String date(JsonObject json, String field) {
    Object v = json.getValue(field);
    if (v == null) {
      return null;
    }
    String raw = Json.requiredString(json, field);
    try {
      return java.time.LocalDate.parse(raw).toString();
    } catch (java.time.format.DateTimeParseException e) {
      throw new PajaException(ErrorCode.WRONG_TYPE, "Field '" + field + "' must be a date like 2026-12-31.");
    }
  }

  /** A list of {@code min} to {@code max} items; an absent one is empty. */
  public static io.vertx.core.json.JsonArray list(JsonObject json, String field, int min, int max) {
    Object value = json.getValue(field);
    if (value == null) {
      return new io.vertx.core.json.JsonArray();
    }
    if (!(value instanceof io.vertx.core.json.JsonArray array) || array.size() < min || array.size() > max) {
      throw new PajaException(ErrorCode.WRONG_TYPE,
          "Field '" + field + "' must be a list of " + min + " to " + max + ".");
    }
    return array;
  }

  /** A journey map's kind; {@code current} when absent. */
  public static String journeyKind(JsonObject json, String field) {
    return oneOf(Json.optionalString(json, field).orElse("current"), fi.paja.journey.Journey.KINDS,
        ErrorCode.WRONG_TYPE, "Field '" + field + "' must be current or future.");
  }

  public static String laneKind(JsonObject json, String field) {
    return oneOf(Json.requiredString(json, field), fi.paja.journey.Journey.LANE_KINDS, ErrorCode.WRONG_TYPE,
        "Lane '" + field + "' must be notes, text, emotion or channel.");
  }

  public static String voteTargets(JsonObject json, String field) {
    return oneOf(Json.requiredString(json, field), Set.of("notes", "clusters", "both"), ErrorCode.INVALID_VOTE_TARGET,
        "Field '" + field + "' must be notes, clusters or both.");
  }

  public static String outcomeKind(JsonObject json, String field) {
    return oneOf(Json.requiredString(json, field), fi.paja.outcome.OutcomeItem.KINDS, ErrorCode.WRONG_TYPE,
        "Field '" + field + "' must be decision or action.");
  }

  public static String outcomeStatus(JsonObject json, String field) {
    return oneOf(Json.requiredString(json, field), fi.paja.outcome.OutcomeItem.STATUSES, ErrorCode.WRONG_TYPE,
        "Field '" + field + "' must be open, in_progress, done or wont_do.");
  }

  /** {@code value} if it is one of {@code allowed}, else refused with {@code code} and {@code refusal}. */
  private static String oneOf(String value, java.util.Collection<String> allowed, ErrorCode code, String refusal) {
    if (!allowed.contains(value)) {
      throw new PajaException(code, refusal);
    }
    return value;
  }

  public static String title(String raw) {
    return PlainText.singleLine(raw, Limits.MAX_TITLE_LENGTH, ErrorCode.INVALID_TITLE);
  }

  /** A required title (a phase, a journey map, a stage, a lane): one line, 1–200 characters. */
  public static String title(JsonObject json, String field) {
    return title(Json.requiredString(json, field));
  }

  /** An optional label (a cluster's title): "" when absent or blank, else a title. */
  public static String label(JsonObject json, String field) {
    Optional<String> raw = Json.optionalString(json, field);
    if (raw.isEmpty() || raw.get().isBlank()) {
      return "";
    }
    return title(raw.get());
  }

  /** Optional instructions (a phase's): "" when blank, empty when absent. */
  public static Optional<String> instructions(JsonObject json, String field) {
    Optional<String> raw = Json.optionalString(json, field);
    if (raw.isEmpty() || raw.get().isBlank()) {
      return raw.map(r -> "");
    }
    return Optional.of(PlainText.multiLine(raw.get(), Limits.MAX_NOTE_TEXT));
  }

  public static long wholeNumber(JsonObject json, String field, long min, long max) {
    double v = Json.requiredNumber(json, field);
    if (v != Math.rint(v) || !Double.isFinite(v)) {
      throw new PajaException(ErrorCode.WRONG_TYPE, "Field '" + field + "' must be a whole number.");
    }
    if (v < min || v > max) {
      throw new PajaException(ErrorCode.OUT_OF_BOUNDS,
          "Field '" + field + "' must be between " + min + " and " + max + ".");
    }
    return (long) v;
  }

  public static String id(String value) {
    if (!ID.matcher(value).matches()) {
      throw new PajaException(ErrorCode.INVALID_ID);
    }
    return value;
  }

  /** A note's text, as {@code note.add} takes it. */
  public static String noteText(JsonObject json, String field) {
    return PlainText.multiLine(Json.requiredString(json, field), Limits.MAX_NOTE_TEXT);
  }

  public static String color(String value) {
    if (!Limits.COLORS.contains(value)) {
      throw new PajaException(ErrorCode.INVALID_COLOR, "Colour must be one of " + Limits.COLORS + ".");
    }
    return value;
  }

  public static double coordinate(JsonObject json, String field) {
    double v = Json.requiredNumber(json, field);
    if (!Double.isFinite(v) || Math.abs(v) > Limits.MAX_COORDINATE) {
      throw new PajaException(ErrorCode.OUT_OF_BOUNDS,
          "Field '" + field + "' must be between -" + (long) Limits.MAX_COORDINATE + " and "
              + (long) Limits.MAX_COORDINATE + ".");
    }
    return v;
  }

  static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
