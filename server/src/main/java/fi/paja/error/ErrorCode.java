package fi.paja.error;

/**
 * Every error a client can see: a stable wire code, the HTTP status it maps to, and an English message for
 * people. The codes are public API (docs/PROTOCOL.md); the browser translates them.
 */
public enum ErrorCode {
  BAD_JSON(400, "The body is not a JSON object."),
  UNKNOWN_OP(400, "Unknown or missing op."),
  UNKNOWN_FIELD(400, "This command does not take that field."),
  FORBIDDEN_KEY(400, "Keys starting with '$' are not allowed."),
  MISSING_FIELD(400, "A required field is missing."),
  WRONG_TYPE(400, "A field has the wrong type."),
  TEXT_EMPTY(400, "The text is empty."),
  TEXT_TOO_LONG(400, "The text is too long."),
  INVALID_TEXT(400, "The text contains control characters."),
  OUT_OF_BOUNDS(400, "A coordinate is out of bounds."),
  INVALID_ID(400, "An id is not of the expected form."),
  INVALID_ADDRESS(400, "The address has a malformed %-escape."),
  INVALID_COLOR(400, "Unknown colour."),
  NOTHING_TO_UPDATE(400, "Nothing to update: give text or color."),
  NOTE_NOT_FOUND(404, "No such note on this board."),
  NOTE_ID_TAKEN(409, "That note id is already in use."),
  BOARD_FULL(409, "The board holds the maximum number of notes."),
  NOTE_QUOTA_EXCEEDED(409, "You have the most notes one person may have on this board."),
  TEXT_QUOTA_EXCEEDED(409, "The notes' author has the most text one person may have on this board."),
  WORKSHOP_FULL(409, "The workshop has the most participants it holds."),
  INVALID_NAME(400, "The name is empty, too long, or contains control, invisible or text-direction characters."),
  NAME_TAKEN(409, "Someone in this workshop already has this name, or one that looks the same."),
  NAME_RESERVED(400, "A name cannot be or look like a role, such as facilitator."),
  INVALID_TITLE(400, "The title is empty, too long or contains control characters."),
  UNKNOWN_TEMPLATE(400, "No such template."),
  TEMPLATE_EXISTS(409, "A template with this id exists already."),
  INVALID_TEMPLATE(400, "The template does not match the template schema."),
  BAD_CREDENTIALS(401, "Wrong username or password."),
  ACCOUNT_DISABLED(403, "This account is disabled; ask the server's admin."),
  WRONG_PASSWORD(403, "The current password is wrong."),
  INVALID_PASSWORD(400, "The password must be 8 characters to 72 bytes long."),
  INVALID_USERNAME(400, "A username is 2-40 characters: a-z, 0-9, '.', '_' or '-', starting with a letter or digit."),
  USERNAME_TAKEN(409, "An account with this username exists already."),
  ACCOUNT_NOT_FOUND(404, "No such account."),
  LAST_ADMIN(409, "This would leave no enabled admin account."),
  ACCOUNT_OWNS_WORKSHOPS(409, "The account owns workshops: transfer them to another account first."),
  ALREADY_OWNER(409, "This account owns the workshop."),
  UNAUTHORIZED(401, "Missing, unknown or expired token."),
  FORBIDDEN(403, "Not allowed for this token."),
  WORKSHOP_NOT_FOUND(404, "No such workshop."),
  UNKNOWN_JOIN_CODE(404, "No workshop has this join code."),
  WORKSHOP_CLOSED(409, "The workshop is closed: its board can be read but not changed, and no one can join."),
  CONFIRMATION_MISMATCH(400, "To delete a workshop, give its title exactly as confirmation."),
  DEVICE_BARRED(403, "A facilitator has barred this device from joining this workshop again."),
  SESSION_ENDED(401, "This earlier visit cannot be continued: it expired or ended, or the person was removed. "
      + "Join again with a name."),
  OTHER_WORKSHOP(403, "This token belongs to another workshop than the join code's."),
  NOT_FOUND(404, "Not found."),
  BOARD_LOCKED(409, "The board is locked by the facilitator."),
  PHASE_NOT_FOUND(404, "No such phase."),
  CLUSTER_NOT_FOUND(404, "No such cluster."),
  PARTICIPANT_NOT_FOUND(404, "No such participant."),
  INVALID_ROLE(400, "Not an assignable role."),
  VOTE_NOT_OPEN(409, "No vote is open."),
  VOTE_NOT_FOUND(404, "No such vote."),
  VOTE_BUDGET_EXCEEDED(409, "All your dots are used."),
  VOTE_ITEM_LIMIT(409, "This item has the maximum number of your dots."),
  INVALID_VOTE_TARGET(400, "Not a note or cluster that this vote is about."),
  NOT_CONFIGURED(409, "This server is not configured for that."),
  UPSTREAM_FAILED(502, "The other service did not accept the request."),
  UPSTREAM_TIMEOUT(504, "The other service did not answer in time."),
  INVALID_IMPORT(400, "Not a Paja workshop export."),
  SNAPSHOT_REQUIRED(409, "Too many events to catch up; load the snapshot."),
  RATE_LIMITED(429, "Too many requests; slow down and try again in a moment."),
  PAYLOAD_TOO_LARGE(413, "The request body is too large."),
  BUSY(503, "The board has too much to do right now; try again in a moment."),
  STORAGE_UNAVAILABLE(503, "The database did not confirm the write; nothing was changed."),
  BACKUP_NOT_EMBEDDED(409, "This server keeps its data in an external MongoDB; back that up with MongoDB's own tools."),
  BACKUP_RUNNING(409, "A backup is being made already; try again when it is done."),
  BOARD_UNREADABLE(500, "This workshop's stored data cannot be read; the server's operator has to repair it."),
  INTERNAL_ERROR(500, "Internal error.");

  private final int status;
  private final String message;

  ErrorCode(int status, String message) {
    this.status = status;
    this.message = message;
  }

  public int status() {
    return status;
  }

  public String message() {
    return message;
  }

  /** The wire name, e.g. {@code text_too_long}. */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static ErrorCode fromCode(String code) {
    for (ErrorCode c : values()) {
      if (c.code().equals(code)) {
        return c;
      }
    }
    return INTERNAL_ERROR;
  }
}
