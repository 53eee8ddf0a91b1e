package fi.paja.web;

import fi.paja.auth.Accounts;
import fi.paja.auth.Session;
import fi.paja.error.PajaException;
import fi.paja.validation.Json;
import fi.paja.workshop.Sharing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.function.Function;

/** Facilitator accounts (admin), one's own password, and sharing a workshop with co-facilitator accounts. */
final class AccountRoutes {

  private final Services services;
  private final Accounts accounts;
  private final Sharing sharing;

  AccountRoutes(Vertx vertx, Services services) {
    this.services = services;
    this.accounts = new Accounts(vertx, services.storage(), java.time.Clock.systemUTC());
    this.sharing = new Sharing(vertx, services.storage(), services.boards(), accounts);
  }

  void mount(Router router) {
    router.get("/api/account").handler(ctx -> asFacilitator(ctx, 200,
        s -> accounts.byId(s.accountId()).map(Accounts::view)));
    router.post("/api/account/password").handler(this::changePassword);
    router.get("/api/accounts").handler(ctx -> asAdmin(ctx, 200,
        (s, admin) -> accounts.list().map(list -> new JsonObject().put("accounts", list))));
    router.post("/api/accounts").handler(this::create);
    router.post("/api/accounts/:accountId/disable").handler(ctx -> asAdmin(ctx, 200,
        (s, admin) -> accounts.disable(ctx.pathParam("accountId"))));
    router.post("/api/accounts/:accountId/enable").handler(ctx -> asAdmin(ctx, 200,
        (s, admin) -> accounts.enable(ctx.pathParam("accountId"))));
    router.post("/api/accounts/:accountId/transfer").handler(this::transfer);
    router.delete("/api/accounts/:accountId").handler(ctx -> asAdmin(ctx, 200,
        (s, admin) -> accounts.remove(ctx.pathParam("accountId"), sharing::unshareEverywhere)
            .map(v -> new JsonObject().put("removed", ctx.pathParam("accountId")))));
    router.get("/api/workshops/:id/co-facilitators").handler(ctx -> asFacilitator(ctx, 200,
        s -> sharing.list(s, ctx.pathParam("id"))));
    router.post("/api/workshops/:id/co-facilitators").handler(ctx -> asFacilitator(ctx, 200, s -> {
      JsonObject body = Json.object(ctx.body().buffer());
      Json.onlyFields(body, Set.of("username"));
      return sharing.share(s, ctx.pathParam("id"), Json.requiredString(body, "username"));
    }));
    router.delete("/api/workshops/:id/co-facilitators/:accountId").handler(ctx -> asFacilitator(ctx, 200,
        s -> sharing.unshare(s, ctx.pathParam("id"), ctx.pathParam("accountId"))));
  }

  private void changePassword(RoutingContext ctx) {
    asFacilitator(ctx, 200, session -> {
      JsonObject body = Json.object(ctx.body().buffer());
      Json.onlyFields(body, Set.of("current", "next"));
      String current = Json.requiredString(body, "current");
      String next = Accounts.checkedPassword(Json.requiredString(body, "next"));
      // A wrong current password counts as a failed login: the same per-address limit.
      String key = "account:" + session.accountId();
      RateLimits limits = services.limits();
      if (!limits.tryTake(RateLimits.FAILED_LOGINS, key)) {
        throw new PajaException(fi.paja.error.ErrorCode.RATE_LIMITED, "Too many wrong passwords; wait a few minutes.");
      }
      return accounts.changePassword(session, current, next)
          .onComplete(ar -> {
            if (ar.succeeded() || !(ar.cause() instanceof PajaException e
                && e.code() == fi.paja.error.ErrorCode.WRONG_PASSWORD)) {
              limits.giveBack(RateLimits.FAILED_LOGINS, key);
            }
          })
          .map(v -> new JsonObject().put("changed", true));
    });
  }

  private void create(RoutingContext ctx) {
    asAdmin(ctx, 201, (s, admin) -> {
      JsonObject body = Json.object(ctx.body().buffer());
      Json.onlyFields(body, Set.of("username", "displayName", "password", "role"));
      return accounts.create(Json.requiredString(body, "username"),
          Json.optionalString(body, "displayName").orElse(null),
          Json.optionalString(body, "password").orElse(null),
          Json.optionalString(body, "role").orElse(null));
    });
  }

  private void transfer(RoutingContext ctx) {
    asAdmin(ctx, 200, (s, admin) -> {
      JsonObject body = Json.object(ctx.body().buffer());
      Json.onlyFields(body, Set.of("to"));
      return sharing.transfer(ctx.pathParam("accountId"), Json.requiredString(body, "to"));
    });
  }

  private void asFacilitator(RoutingContext ctx, int status, Function<Session, Future<JsonObject>> action) {
    respond(ctx, status, () -> services.auth().facilitator(HttpVerticle.bearer(ctx)).compose(s -> {
      try {
        return action.apply(s);
      } catch (PajaException e) {
        return Future.failedFuture(e);
      }
    }));
  }

  private void asAdmin(RoutingContext ctx, int status,
                       java.util.function.BiFunction<Session, JsonObject, Future<JsonObject>> action) {
    asFacilitator(ctx, status, s -> accounts.requireAdmin(s).compose(admin -> {
      try {
        return action.apply(s, admin);
      } catch (PajaException e) {
        return Future.failedFuture(e);
      }
    }));
  }

  private static void respond(RoutingContext ctx, int status, java.util.function.Supplier<Future<JsonObject>> action) {
    Future<JsonObject> result;
    try {
      result = action.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(ar -> {
      if (ar.succeeded()) {
        Responses.json(ctx, status, ar.result());
      } else {
        Responses.error(ctx, ar.cause());
      }
    });
  }
}
