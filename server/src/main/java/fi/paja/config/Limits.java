package fi.paja.config;

import io.vertx.core.json.JsonObject;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;

/** The limits the server enforces, in one place; {@code GET /api/config} tells clients the same values. */
public final class Limits {
  public static final int MAX_NOTE_TEXT = 2_000;
  /** A text, channel or emotion-reason cell of a journey map. */
  public static final int MAX_CELL_TEXT = 500;
  public static final double MAX_COORDINATE = 100_000;
  /**
   * The size a client draws a note at, in board units ({@code x}, {@code y} is its top-left corner): two notes
   * overlap when their rectangles intersect (touching edges do not). Used where the server places notes: a reveal, a
   * tidy-up ({@code notes.arrange}), a {@code note.add} without a position.
   */
  public static final double NOTE_WIDTH = 200;
  public static final double NOTE_HEIGHT = 120;
  /** Space left between notes laid out by {@code notes.arrange}, and between its blocks (twice that). */
  public static final double ARRANGE_GAP = 20;
  /** Deleted notes kept for {@code note.restore} (undo): at most this many per board, the oldest purged first … */
  public static final int MAX_TOMBSTONES = 200;
  /** … and for at most this long after their deletion. */
  public static final java.time.Duration TOMBSTONE_RETENTION = java.time.Duration.ofHours(24);
  public static final int MAX_NOTES_PER_BOARD = 20_000;
  public static final int MAX_NAME_LENGTH = 40;
  /** Names that are not pseudonyms (an action item's owner). */
  public static final int MAX_OWNER_LENGTH = 100;
  public static final int MAX_TITLE_LENGTH = 200;
  public static final int MAX_BODY_BYTES = 64 * 1024;
  public static final List<String> COLORS = List.of("yellow", "pink", "blue", "green", "orange", "purple");
  public static final String DEFAULT_COLOR = "yellow";
  /** Journey maps per workshop, and stages and lanes per map. */
  public static final int MAX_JOURNEYS = 10;
  public static final int MAX_STAGES = 20;
  public static final int MAX_LANES = 12;
  /** Decisions and action items per workshop. */
  public static final int MAX_OUTCOMES = 1_000;
  /** Phases per workshop. */
  public static final int MAX_PHASES = 100;
  /** Labelled areas (they come from templates, whose schema allows 20). */
  public static final int MAX_AREAS = 20;
  /** Closed votes an import may bring (a board counts none: one is opened at a time). */
  public static final int MAX_VOTES = 1_000;
  /** Dots per participant in a vote, and per item. */
  public static final int MAX_VOTE_BUDGET = 100;
  /** A phase's planned length in minutes (templates' limit). */
  public static final int MAX_PHASE_MINUTES = 480;
  /** Notes a {@code cluster.create} may group at once. */
  public static final int MAX_CLUSTER_CREATE_NOTES = 100;
  /** A timer's length ({@code timer.start}, a vote's {@code seconds}) and a {@code timer.add} step: a day. */
  public static final int MAX_TIMER_SECONDS = 86_400;
  /** The zoom a facilitator may make everyone follow ({@code view.follow}). */
  public static final double MIN_ZOOM = 0.1;
  public static final int MAX_ZOOM = 5;
  /** The highest index a {@code phase.move} may give. */
  public static final int MAX_PHASE_INDEX = 1_000;
  /** The highest index a journey stage or lane may be added or moved to. */
  public static final int MAX_JOURNEY_INDEX = 100;
  /** A journey emotion's score runs from −this to this. */
  public static final int MAX_EMOTION_SCORE = 2;
  /** How many recent events a board keeps in memory for clients that catch up. */
  public static final int CATCH_UP_EVENTS = 1_000;

  private Limits() {
  }

  /**
   * Every number above, as {@code GET /api/config} serves it in {@code limits} for the browser's checks: the
   * constant's name in camel case ({@code MAX_NOTE_TEXT} → {@code maxNoteText}), so a new limit reaches clients
   * without being written again. Durations are in seconds.
   */
  public static JsonObject forClients() {
    return FOR_CLIENTS.copy();
  }

  // Read once: every page asks /api/config, and the constants cannot change while the server runs.
  private static final JsonObject FOR_CLIENTS = numbersForClients();

  private static JsonObject numbersForClients() {
    JsonObject out = new JsonObject();
    for (Field field : Limits.class.getFields()) {
      if (!Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      try {
        Object value = field.get(null);
        if (value instanceof Number n) {
          out.put(camelCase(field.getName()), n);
        } else if (value instanceof java.time.Duration d) {
          out.put(camelCase(field.getName()) + "Seconds", d.toSeconds());
        }
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  /** {@code MAX_NOTE_TEXT} → {@code maxNoteText}. */
  public static String camelCase(String constant) {
    StringBuilder out = new StringBuilder();
    for (String word : constant.toLowerCase(java.util.Locale.ROOT).split("_")) {
      out.append(out.length() == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
    }
    return out.toString();
  }
}
