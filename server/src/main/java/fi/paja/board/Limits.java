package fi.paja.board;

import java.util.List;

/** The limits the server enforces, in one place; {@code GET /api/config} tells clients the same values. */
public final class Limits {
  public static final int MAX_NOTE_TEXT = 2_000;
  /** A text, channel or emotion-reason cell of a journey map. */
  public static final int MAX_CELL_TEXT = 500;
  public static final double MAX_COORDINATE = 100_000;
  public static final int MAX_NOTES_PER_BOARD = 20_000;
  public static final int MAX_NAME_LENGTH = 40;
  public static final int MAX_TITLE_LENGTH = 200;
  public static final int MAX_BODY_BYTES = 64 * 1024;
  public static final List<String> COLORS = List.of("yellow", "pink", "blue", "green", "orange", "purple");
  public static final String DEFAULT_COLOR = "yellow";
  /** How many recent events a board keeps in memory for clients that catch up. */
  public static final int CATCH_UP_EVENTS = 1_000;

  private Limits() {
  }
}
