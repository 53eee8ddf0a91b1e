package fi.paja.storage;

/** Collection names, in one place. */
public final class Collections {
  public static final String ACCOUNTS = "accounts";
  public static final String SESSIONS = "sessions";
  public static final String WORKSHOPS = "workshops";
  public static final String PARTICIPANTS = "participants";
  public static final String NOTES = "notes";
  public static final String EVENTS = "events";
  public static final String TEMPLATES = "templates";
  /** Which node owns which board (a lease per board). */
  public static final String BOARD_OWNERS = "board_owners";
  /** Which device (a salted hash of its id) each participant joined from. */
  public static final String PARTICIPANT_DEVICES = "participant_devices";
  /** Devices barred from joining a workshop again. */
  public static final String BARRED_DEVICES = "barred_devices";

  private Collections() {
  }
}
