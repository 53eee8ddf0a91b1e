package fi.paja.workshop;

import fi.paja.auth.AuthService;
import fi.paja.auth.Devices;
import fi.paja.auth.Session;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.owner.BoardClient;
import fi.paja.storage.Collections;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;

/**
 * Continuing an earlier visit: the same browser opening a workshop's join code again continues as the participant
 * it already is (docs/PROTOCOL.md, "Rejoining"). The browser holds the participant token it got from
 * {@code POST /api/join}; this checks that the token still speaks for a live member of the workshop whose code is
 * being opened. Nothing is written: the participant, the token and its expiry stay as they are.
 *
 * <p>Refused, so that the browser joins anew instead: a token that is unknown, expired, logged out, of a removed or
 * erased participant, or of a closed workshop, whose participants' sessions end when it closes ({@code session_ended});
 * a facilitator's token or one of another workshop ({@code other_workshop}); a workshop closed while a token of it
 * still lived ({@code workshop_closed}, as a join); a barred device ({@code device_barred}).
 */
public final class Rejoin {

  private final MongoClient mongo;
  private final AuthService auth;
  private final BoardClient boards;
  private final Devices devices;

  public Rejoin(MongoClient mongo, AuthService auth, BoardClient boards, Devices devices) {
    this.mongo = mongo;
    this.auth = auth;
    this.boards = boards;
    this.devices = devices;
  }

  /** {@code {workshopId, participantId, name, role}} of the token's participant in the code's workshop. */
  public Future<JsonObject> continueVisit(String token, String typedCode, String rawDeviceId) {
    String deviceId = rawDeviceId == null ? null : Devices.checked(rawDeviceId);
    String code = JoinCodes.normalise(typedCode);
    if (code == null) {
      return Future.failedFuture(new PajaException(ErrorCode.UNKNOWN_JOIN_CODE));
    }
    return mongo.findOne(Collections.WORKSHOPS, new JsonObject().put("joinCode", code),
        new JsonObject().put("_id", 1).put("closedAt", 1))
        .compose(workshop -> {
          if (workshop == null) {
            return Future.failedFuture(new PajaException(ErrorCode.UNKNOWN_JOIN_CODE));
          }
          String workshopId = workshop.getString("_id");
          return auth.session(token)
              .recover(e -> Future.failedFuture(new PajaException(ErrorCode.SESSION_ENDED)))
              .compose(session -> checked(session, workshop, workshopId, deviceId));
        });
  }

  private Future<JsonObject> checked(Session session, JsonObject workshop, String workshopId, String deviceId) {
    if (session.isFacilitator() || !workshopId.equals(session.workshopId())) {
      return Future.failedFuture(new PajaException(ErrorCode.OTHER_WORKSHOP));
    }
    if (workshop.getValue("closedAt") != null) {
      // Closing ends participants' sessions (docs/PROTOCOL.md, "Workshop life"); should one be left, it is refused
      // as a join would be.
      return Future.failedFuture(new PajaException(ErrorCode.WORKSHOP_CLOSED));
    }
    Future<Boolean> barred = deviceId == null ? Future.succeededFuture(false) : devices.barred(workshopId, deviceId);
    return barred.compose(isBarred -> {
      if (isBarred) {
        return Future.failedFuture(new PajaException(ErrorCode.DEVICE_BARRED));
      }
      return boards.whois(workshopId, session.participantId())
          .recover(e -> Future.failedFuture(e instanceof PajaException p && p.code() != ErrorCode.FORBIDDEN
              ? e : new PajaException(ErrorCode.SESSION_ENDED)))
          .map(who -> new JsonObject()
              .put("workshopId", workshopId)
              .put("participantId", session.participantId())
              .put("name", who.getString("name"))
              .put("role", who.getString("role")));
    });
  }
}
