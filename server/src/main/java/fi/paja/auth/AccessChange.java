package fi.paja.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Someone's access to a workshop ended or changed: a participant was removed or got another role, or a token was
 * logged out. Published on {@link #ADDRESS} to every node, where it is the one thing that ends that
 * access everywhere at once: cached sessions are dropped ({@link AuthService}) and every live bridge socket that
 * registered as that member is closed, whatever its write queue holds (the web layer's {@code LiveSockets}). Token
 * expiry needs no message: every node closes the sockets of an expired token by itself.
 *
 * <p>Either {@code participantId} (with {@code workshopId}), {@code tokenHash}, or for a whole workshop (closed,
 * deleted) {@code workshopId} alone is set.
 */
public record AccessChange(Reason reason, String workshopId, String participantId, String tokenHash) {

  /**
   * Published to every node when someone's access ends or changes (removal, role change, logout): cached sessions are
   * dropped and that member's live sockets close.
   */
  public static final String ADDRESS = "paja.access.changed";

  /** Why, and the WebSocket close code (docs/PROTOCOL.md) the member's sockets are closed with. */
  public enum Reason {
    /** Logged out, or the token ran out: the client must log in or join again. */
    SESSION_ENDED(4401, "session_ended"),
    /** Removed from the workshop by a facilitator. */
    REMOVED(4403, "removed"),
    /** Erased (their own request or a facilitator's, or retention): as removed, and the client says their data is gone. */
    ERASED(4405, "erased"),
    /** Another role: the client reconnects and registers again, and sees the board as its new role allows. */
    ROLE_CHANGED(4409, "role_changed"),
    /**
     * The workshop was closed (or reopened): participants' tokens no longer work; facilitators reconnect and see
     * the board read-only. Concerns every socket of the workshop.
     */
    WORKSHOP_CLOSED(4410, "workshop_closed"),
    /** The workshop was deleted: nothing of it is left. Concerns every socket of the workshop. */
    WORKSHOP_DELETED(4404, "workshop_deleted");

    private final int closeCode;
    private final String wire;

    Reason(int closeCode, String wire) {
      this.closeCode = closeCode;
      this.wire = wire;
    }

    public int closeCode() {
      return closeCode;
    }

    /** The close reason and the name on the event bus. */
    public String wire() {
      return wire;
    }

    static Reason fromWire(String wire) {
      for (Reason r : values()) {
        if (r.wire.equals(wire)) {
          return r;
        }
      }
      return null;
    }
  }

  public static AccessChange erased(String workshopId, String participantId) {
    return new AccessChange(Reason.ERASED, workshopId, participantId, null);
  }

  public static AccessChange removed(String workshopId, String participantId) {
    return new AccessChange(Reason.REMOVED, workshopId, participantId, null);
  }

  public static AccessChange roleChanged(String workshopId, String participantId) {
    return new AccessChange(Reason.ROLE_CHANGED, workshopId, participantId, null);
  }

  /** Every member of the workshop: participants' sessions ended, facilitators reconnect (see {@link Reason}). */
  public static AccessChange workshopClosed(String workshopId) {
    return new AccessChange(Reason.WORKSHOP_CLOSED, workshopId, null, null);
  }

  public static AccessChange workshopDeleted(String workshopId) {
    return new AccessChange(Reason.WORKSHOP_DELETED, workshopId, null, null);
  }

  /** Whether this concerns a whole workshop rather than one participant or token. */
  public boolean wholeWorkshop() {
    return reason == Reason.WORKSHOP_CLOSED || reason == Reason.WORKSHOP_DELETED;
  }

  public static AccessChange sessionEnded(String tokenHash) {
    return new AccessChange(Reason.SESSION_ENDED, null, null, tokenHash);
  }

  /** Tells every node. */
  public void publish(Vertx vertx) {
    vertx.eventBus().publish(ADDRESS, toJson());
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("reason", reason.wire());
    if (workshopId != null) {
      json.put("workshopId", workshopId);
    }
    if (participantId != null) {
      json.put("participantId", participantId);
    }
    if (tokenHash != null) {
      json.put("tokenHash", tokenHash);
    }
    return json;
  }

  /** Null for anything that is not one (a newer node's message, say). */
  public static AccessChange fromJson(JsonObject json) {
    Reason reason = json == null ? null : Reason.fromWire(json.getString("reason"));
    if (reason == null) {
      return null;
    }
    return new AccessChange(reason, json.getString("workshopId"), json.getString("participantId"),
        json.getString("tokenHash"));
  }

  /** Whether a socket registered as this participant, with this token, is affected. */
  public boolean concerns(String workshopId, String participantId, String tokenHash) {
    if (this.tokenHash != null) {
      return this.tokenHash.equals(tokenHash);
    }
    if (wholeWorkshop()) {
      return this.workshopId != null && this.workshopId.equals(workshopId);
    }
    return this.participantId != null && this.participantId.equals(participantId)
        && (this.workshopId == null || this.workshopId.equals(workshopId));
  }
}
