package fi.paja.web;

import fi.paja.auth.Member;
import fi.paja.board.Addresses;
import fi.paja.config.Retention;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Data-subject requests (docs/PROTOCOL.md, "Retention and data-subject requests"): a facilitator exports what one
 * participant wrote and erases a participant; a participant deletes their notes and leaves. The board decides who may
 * (its single writer, {@code participant.erase} and {@code participant.leave}); these routes only carry the requests.
 */
final class PrivacyRoutes {

  private static final Pattern PARTICIPANT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private final Services services;

  PrivacyRoutes(Services services) {
    this.services = services;
  }

  void mount(Router router) {
    router.get("/api/workshops/:id/participants/:pid/export").handler(this::export);
    router.post("/api/workshops/:id/participants/:pid/erase").handler(this::erase);
    router.post("/api/workshops/:id/leave").handler(this::leave);
  }

  /** A JSON file of everything the participant wrote that the board still holds; facilitators only. */
  private void export(RoutingContext ctx) {
    asMember(ctx, member -> services.boards().exportPerson(member, participantId(ctx)))
        .onSuccess(file -> {
          String name = "paja-" + file.getJsonObject("participant").getString("id") + ".json";
          ctx.response().setStatusCode(200)
              .putHeader("Content-Type", "application/json; charset=utf-8")
              .putHeader("Content-Disposition", OutcomeRoutes.contentDisposition(name))
              .putHeader("Cache-Control", "no-store")
              .end(file.encodePrettily());
        })
        .onFailure(err -> Responses.error(ctx, err));
  }

  /** Erases a participant (facilitators; not the owner); answered once nothing stored names them any more. */
  private void erase(RoutingContext ctx) {
    asMember(ctx, member -> services.boards().command(member, new JsonObject().put("op", "participant.erase")
        .put("participantId", participantId(ctx))))
        .onSuccess(reply -> Responses.json(ctx, 200, reply))
        .onFailure(err -> Responses.error(ctx, err));
  }

  /** The caller deletes their own notes for good and leaves the workshop, their pseudonym erased. */
  private void leave(RoutingContext ctx) {
    asMember(ctx, member -> services.boards().command(member, new JsonObject().put("op", "participant.leave")))
        .onSuccess(reply -> Responses.json(ctx, 200, reply))
        .onFailure(err -> Responses.error(ctx, err));
  }

  /**
   * What {@code GET /api/config} tells clients of retention: {@code retentionDays} and {@code deleteAfterDays} (null:
   * never), so that pages can say when a closed workshop's pseudonyms will be erased.
   */
  static JsonObject retentionConfig(Retention retention) {
    return new JsonObject()
        .put("retentionDays", retention.anonymiseAfter().map(Duration::toDays).orElse(null))
        .put("deleteAfterDays", retention.deleteAfter().map(Duration::toDays).orElse(null));
  }

  private static String participantId(RoutingContext ctx) {
    String pid = ctx.pathParam("pid");
    if (!PARTICIPANT_ID.matcher(pid).matches()) {
      throw new PajaException(ErrorCode.PARTICIPANT_NOT_FOUND);
    }
    return pid;
  }

  private <T> Future<T> asMember(RoutingContext ctx, Function<Member, Future<T>> action) {
    String workshopId = ctx.pathParam("id");
    return services.auth().session(HttpVerticle.bearer(ctx)).compose(session -> {
      if (!Addresses.WORKSHOP_ID_PATTERN.matcher(workshopId).matches()) {
        return Future.failedFuture(new PajaException(session.isFacilitator()
            ? ErrorCode.WORKSHOP_NOT_FOUND : ErrorCode.FORBIDDEN));
      }
      return services.auth().member(HttpVerticle.bearer(ctx), workshopId).compose(member -> {
        try {
          return action.apply(member);
        } catch (PajaException e) {
          return Future.failedFuture(e);
        }
      });
    });
  }
}
