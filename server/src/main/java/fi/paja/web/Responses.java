package fi.paja.web;

import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSON responses and the one error format: {@code {"error":{"code","message"}}}. */
final class Responses {

  private static final Logger LOG = LoggerFactory.getLogger(Responses.class);

  private Responses() {
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }

  static void error(RoutingContext ctx, Throwable err) {
    PajaException e;
    if (err instanceof PajaException pe) {
      e = pe;
    } else {
      LOG.error("{} {} failed", ctx.request().method(), ctx.normalizedPath(), err);
      e = new PajaException(ErrorCode.INTERNAL_ERROR);
    }
    error(ctx, e.code(), e.getMessage());
  }

  static void error(RoutingContext ctx, ErrorCode code, String message) {
    json(ctx, code.status(), new JsonObject().put("error",
        new JsonObject().put("code", code.code()).put("message", message)));
  }
}
