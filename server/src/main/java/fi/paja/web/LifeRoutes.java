package fi.paja.web;

import fi.paja.auth.Member;
import fi.paja.auth.Session;
import fi.paja.board.Addresses;
import fi.paja.board.Participant;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.net.Origins;
import fi.paja.validation.Json;
import fi.paja.workshop.JoinQr;
import fi.paja.workshop.WorkshopDeletion;
import fi.paja.workshop.WorkshopLife;
import fi.paja.workshop.WorkshopStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A workshop's life and the facilitator's dashboard: the list with states, close, reopen, archive, unarchive,
 * duplicate, delete, and the presenter view's join code, link and QR code (docs/PROTOCOL.md, "Workshop life").
 */
final class LifeRoutes {

  private final Services services;
  private final WorkshopLife life;
  private final WorkshopDeletion deletion;
  private final Origins origins;

  LifeRoutes(Vertx vertx, Services services) {
    this.services = services;
    this.life = new WorkshopLife(vertx, services.storage(), services.boards(), new WorkshopStore(services.storage()),
        Clock.systemUTC());
    this.deletion = new WorkshopDeletion(vertx, services.storage(), services.boards(), services.templates());
    this.origins = Origins.allowing(services.config().publicUrl(), services.config().allowedOrigins());
  }

  void mount(Router router) {
    router.get("/api/workshops").handler(this::list);
    router.post("/api/workshops/:id/close").handler(ctx -> asFacilitator(ctx, (s, m) -> life.close(m.workshopId())));
    router.post("/api/workshops/:id/reopen").handler(ctx -> asFacilitator(ctx, (s, m) -> life.reopen(m.workshopId())));
    router.post("/api/workshops/:id/archive")
        .handler(ctx -> asFacilitator(ctx, (s, m) -> life.archive(m.workshopId())));
    router.post("/api/workshops/:id/unarchive")
        .handler(ctx -> asFacilitator(ctx, (s, m) -> life.unarchive(m.workshopId())));
    router.post("/api/workshops/:id/duplicate").handler(this::duplicate);
    router.get("/api/workshops/:id/presenter").handler(this::presenter);
    router.delete("/api/workshops/:id").handler(this::delete);
  }

  /** {@code GET /api/workshops[?archived=true][&q=text]}: the facilitator's workshops with state and people. */
  private void list(RoutingContext ctx) {
    boolean archived = "true".equals(ctx.queryParams().get("archived"));
    String q = ctx.queryParams().get("q");
    services.auth().facilitator(HttpVerticle.bearer(ctx))
        .compose(session -> services.workshops().list(session))
        .compose(all -> life.dashboard(all, archived, q))
        .onSuccess(list -> {
          list.forEach(w -> withJoinUrl((JsonObject) w));
          Responses.json(ctx, 200, new JsonObject().put("workshops", list));
        })
        .onFailure(err -> Responses.error(ctx, err));
  }

  private void duplicate(RoutingContext ctx) {
    asFacilitator(ctx, 201, (session, member) -> {
      JsonObject body = ctx.body().buffer() == null || ctx.body().length() == 0 ? new JsonObject()
          : Json.object(ctx.body().buffer());
      Json.onlyFields(body, Set.of("title"));
      return life.duplicate(member, session, Json.optionalString(body, "title").orElse(null)).map(this::withJoinUrl);
    });
  }

  /**
   * {@code GET /api/workshops/:id/presenter?origin=…}: title, state, join code, the absolute join link and its QR
   * code. The link's base is {@code PAJA_PUBLIC_URL}; without one, the page's own origin (as the browser sent it
   * in {@code origin}), accepted only if it is this server's own or one of {@code PAJA_ALLOWED_ORIGINS}.
   */
  private void presenter(RoutingContext ctx) {
    asFacilitator(ctx, 200, (session, member) -> {
      String base = services.config().publicUrl().orElse(null);
      if (base == null) {
        String origin = ctx.queryParams().get("origin");
        if (origin == null || !origins.allows(origin, ctx.request().isSSL(), ctx.request().authority())) {
          throw new PajaException(ErrorCode.WRONG_TYPE,
              "Query parameter 'origin' must be this server's origin as the browser sees it (or set PAJA_PUBLIC_URL).");
        }
        base = origin;
      }
      String joinBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
      return life.document(member.workshopId()).compose(life::withState).map(w -> {
        String joinUrl = joinBase + "/?code=" + w.getString("joinCode");
        return new JsonObject().put("id", w.getString("id")).put("title", w.getString("title"))
            .put("state", w.getString("state")).put("joinCode", w.getString("joinCode"))
            .put("joinUrl", joinUrl).put("qr", JoinQr.of(joinUrl));
      });
    });
  }

  /**
   * {@code DELETE /api/workshops/:id?confirm=<title>[&templates=true]} (or the same as a JSON body): the owner only,
   * with the workshop's title as confirmation; answers 204 when nothing of it is left.
   */
  private void delete(RoutingContext ctx) {
    String workshopId = ctx.pathParam("id");
    JsonObject body;
    try {
      body = ctx.body().buffer() == null || ctx.body().length() == 0 ? new JsonObject()
          : Json.object(ctx.body().buffer());
      Json.onlyFields(body, Set.of("confirm", "templates"));
    } catch (PajaException e) {
      Responses.error(ctx, e);
      return;
    }
    String confirm = body.getValue("confirm") instanceof String s ? s : ctx.queryParams().get("confirm");
    boolean templates = Boolean.TRUE.equals(body.getValue("templates"))
        || "true".equals(ctx.queryParams().get("templates"));
    services.auth().facilitator(HttpVerticle.bearer(ctx)).compose(session -> {
      if (!Addresses.WORKSHOP_ID_PATTERN.matcher(workshopId).matches()) {
        return Future.failedFuture(new PajaException(ErrorCode.WORKSHOP_NOT_FOUND));
      }
      return deletion.existing(workshopId).compose(doc -> {
        if (!session.accountId().equals(doc.getString("ownerAccountId"))) {
          return Future.failedFuture(new PajaException(ErrorCode.FORBIDDEN,
              "Only the workshop's owner can delete it."));
        }
        if (confirm == null || !confirm.strip().equals(doc.getString("title").strip())) {
          return Future.failedFuture(new PajaException(ErrorCode.CONFIRMATION_MISMATCH));
        }
        return deletion.delete(workshopId, templates);
      });
    }).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(err -> Responses.error(ctx, err));
  }

  private void asFacilitator(RoutingContext ctx, BiFunction<Session, Member, Future<JsonObject>> action) {
    asFacilitator(ctx, 200, action);
  }

  /**
   * A facilitator account that facilitates this workshop (its owner, or a co-facilitator account); participants'
   * tokens, even of participants made co-facilitators on the board, get {@code forbidden}.
   */
  private void asFacilitator(RoutingContext ctx, int status, BiFunction<Session, Member, Future<JsonObject>> action) {
    String workshopId = ctx.pathParam("id");
    String token = HttpVerticle.bearer(ctx);
    services.auth().facilitator(token).compose(session -> {
      if (!Addresses.WORKSHOP_ID_PATTERN.matcher(workshopId).matches()) {
        return Future.failedFuture(new PajaException(ErrorCode.WORKSHOP_NOT_FOUND));
      }
      return services.auth().member(token, workshopId).compose(member -> {
        if (Participant.PARTICIPANT.equals(member.role()) || "observer".equals(member.role())) {
          return Future.failedFuture(new PajaException(ErrorCode.FORBIDDEN));
        }
        try {
          return action.apply(session, member);
        } catch (PajaException e) {
          return Future.failedFuture(e);
        }
      });
    }).onSuccess(body -> Responses.json(ctx, status, body)).onFailure(err -> Responses.error(ctx, err));
  }

  /** As {@code HttpVerticle}'s join links: {@code PAJA_PUBLIC_URL} or a path the browser completes. */
  private JsonObject withJoinUrl(JsonObject workshop) {
    String base = services.config().publicUrl().orElse("");
    return workshop.put("joinUrl", base + "/?code=" + workshop.getString("joinCode"));
  }
}
