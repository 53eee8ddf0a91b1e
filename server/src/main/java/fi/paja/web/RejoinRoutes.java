package fi.paja.web;

import fi.paja.auth.Devices;
import fi.paja.config.AccessibilityStatement;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.net.ClientAddress;
import fi.paja.validation.Json;
import fi.paja.workshop.Rejoin;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/** Continuing an earlier visit ({@code POST /api/join/continue}) and the accessibility statement's settings. */
final class RejoinRoutes {

  private final Services services;
  private final Rejoin rejoin;
  private final ClientAddress clientAddress;

  RejoinRoutes(Services services) {
    this.services = services;
    this.rejoin = new Rejoin(services.storage().mongo(), services.auth(), services.boards(),
        new Devices(services.storage()));
    this.clientAddress = ClientAddress.trusting(services.config().trustedProxies());
  }

  void mount(Router router) {
    router.post("/api/join/continue").handler(this::continueVisit);
    router.get("/api/accessibility").handler(this::accessibility);
  }

  /**
   * Bearer participant token and {@code {"code","deviceId"?}}: who that token is in the code's workshop, if it may
   * still continue there. A wrong code is counted as a failed join (the same guessing limit as {@code /api/join}).
   */
  private void continueVisit(RoutingContext ctx) {
    Future<JsonObject> result;
    try {
      JsonObject body = Json.object(ctx.body().buffer());
      Json.onlyFields(body, Set.of("code", "deviceId"));
      String code = Json.requiredString(body, "code");
      String deviceId = Json.optionalString(body, "deviceId").orElse(null);
      String ip = clientAddress.of(ctx.request().remoteAddress() == null ? null
          : ctx.request().remoteAddress().host(), ctx.request().headers().getAll("X-Forwarded-For"));
      RateLimits limits = services.limits();
      if (!limits.tryTake(RateLimits.JOINS, ip) || !limits.tryTake(RateLimits.FAILED_JOINS, ip)) {
        throw new PajaException(ErrorCode.RATE_LIMITED, "Too many join attempts from this address; wait a moment.");
      }
      result = rejoin.continueVisit(HttpVerticle.bearer(ctx), code, deviceId).onComplete(ar -> {
        if (ar.succeeded() || !(ar.cause() instanceof PajaException e && e.code() == ErrorCode.UNKNOWN_JOIN_CODE)) {
          limits.giveBack(RateLimits.FAILED_JOINS, ip);
        }
      });
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(err -> Responses.error(ctx, err));
  }

  /** Public: what the operator set for the accessibility statement (absent fields are not set). */
  private void accessibility(RoutingContext ctx) {
    AccessibilityStatement a11y = services.config().accessibility();
    JsonObject body = new JsonObject();
    a11y.organisation().ifPresent(v -> body.put("organisation", v));
    a11y.contact().ifPresent(v -> body.put("contact", v).put("contactKind", a11y.contactIsEmail() ? "email" : "url"));
    a11y.date().ifPresent(v -> body.put("date", v.toString()));
    a11y.statementUrl().ifPresent(v -> body.put("statementUrl", v));
    Responses.json(ctx, 200, body);
  }
}
