package fi.paja.board;

import java.util.regex.Pattern;

/** Event-bus addresses of a board. The first three are public API (docs/PROTOCOL.md). */
public final class Addresses {

  public static final String WORKSHOP_ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  public static final Pattern WORKSHOP_ID_PATTERN = Pattern.compile(WORKSHOP_ID);
  public static final String EVENTS_REGEX = "workshop\\." + WORKSHOP_ID + "\\.events";
  public static final String PRESENCE_REGEX = "workshop\\." + WORKSHOP_ID + "\\.presence";
  public static final String COMMANDS_REGEX = "workshop\\." + WORKSHOP_ID + "\\.cmd";
  /** The public "what happened to our ideas" page of a workshop: no token, no personal data. */
  public static final String PUBLIC_REGEX = "public\\.[A-Za-z0-9_-]{22}\\.outcomes";
  /** Asks this node to make sure a board is active (owned by some node); local only. */
  public static final String ACTIVATE = "paja.boards.activate";

  /** Trusted headers: set by the server after it checked the token, never taken from a client. */
  public static final String HEADER_PARTICIPANT = "paja.participant";
  public static final String HEADER_ROLE = "paja.role";
  public static final String HEADER_AUTH_ERROR = "paja.auth-error";
  /** When a node accepted the command from its client (epoch millis): how long it has been waiting. */
  public static final String HEADER_ACCEPTED_AT = "paja.accepted-at";
  /**
   * Set by the server's own callers (REST), never by the bridge (which replaces browsers' headers): refusals then
   * carry their detail after the wire code, {@code code + "\n" + detail}. Browsers get the bare code, as documented.
   */
  public static final String HEADER_DETAIL = "paja.detail";

  /** A refusal's message on the event bus: the wire code, and its detail where the caller asked for it. */
  public static String failure(io.vertx.core.eventbus.Message<?> message, fi.paja.error.PajaException e) {
    String detail = e.getMessage();
    return message.headers().contains(HEADER_DETAIL) && detail != null && !detail.equals(e.code().message())
        ? e.code().code() + "\n" + detail : e.code().code();
  }

  private Addresses() {
  }

  public static String events(String workshopId) {
    return "workshop." + workshopId + ".events";
  }

  public static String presence(String workshopId) {
    return "workshop." + workshopId + ".presence";
  }

  public static String publicOutcomes(String publicId) {
    return "public." + publicId + ".outcomes";
  }

  public static String commands(String workshopId) {
    return "workshop." + workshopId + ".cmd";
  }

  /**
   * Where a board publishes its events for the HTTP verticles' fan-out (every node, every verticle with a socket on
   * that board). Not bridged: sockets receive the events as {@code rec} frames on {@link #events}.
   */
  public static String fanOut(String workshopId) {
    return "paja.board." + workshopId + ".fanout";
  }

  /** Server-internal requests to the board's owner (join, snapshot, catch-up, presence); not bridged. */
  public static String internal(String workshopId) {
    return "paja.board." + workshopId + ".internal";
  }

  /** The workshop id in a board address, or null. */
  public static String workshopOf(String address) {
    if (address == null || !address.startsWith("workshop.")) {
      return null;
    }
    int end = address.indexOf('.', "workshop.".length());
    if (end < 0) {
      return null;
    }
    String id = address.substring("workshop.".length(), end);
    return WORKSHOP_ID_PATTERN.matcher(id).matches() ? id : null;
  }
}
