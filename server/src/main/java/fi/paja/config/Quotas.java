package fi.paja.config;

/**
 * What one person may take of a board, so that one participant — however many pseudonyms she joins with — cannot
 * fill it for everyone (docs/SECURITY.md): the notes and the text of the notes she wrote, and how many people a
 * workshop holds. Configured by {@code PAJA_MAX_NOTES_PER_PARTICIPANT}, {@code PAJA_MAX_TEXT_PER_PARTICIPANT} and
 * {@code PAJA_MAX_PARTICIPANTS}.
 *
 * @param notesPerParticipant notes a participant may have on the board at once (her own, deleted ones not counted)
 * @param textPerParticipant  characters (Unicode code points) of text in them, all together
 * @param participants        members of a workshop who have not been removed, the facilitator included
 */
public record Quotas(int notesPerParticipant, int textPerParticipant, int participants) {

  /**
   * For a real workshop of up to about a hundred people: 200 notes each (a hundred people then reach the board's
   * 20,000), 50,000 characters each (25 notes of the longest kind, or 200 of 250 characters), and room for 200
   * people, so that people who rejoin on another device still find a place.
   */
  public static final Quotas DEFAULT = new Quotas(200, 50_000, 200);

  /** No per-person limits: only the board's own (tests and tools that build boards). */
  public static final Quotas NONE = new Quotas(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

  public Quotas {
    if (notesPerParticipant < 1 || textPerParticipant < 1 || participants < 1) {
      throw new IllegalArgumentException("quotas must be positive");
    }
  }
}
