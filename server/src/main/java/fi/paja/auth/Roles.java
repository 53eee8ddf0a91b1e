package fi.paja.auth;

/**
 * The roles a member can have in a workshop, as tokens and the wire name them. What each role may do on a board is
 * the board's business ({@code fi.paja.board.Participant}, {@code fi.paja.board.Board}); auth only says who is who.
 */
public final class Roles {

  public static final String FACILITATOR = "facilitator";
  public static final String COFACILITATOR = "cofacilitator";
  public static final String PARTICIPANT = "participant";
  public static final String OBSERVER = "observer";

  private Roles() {
  }
}
