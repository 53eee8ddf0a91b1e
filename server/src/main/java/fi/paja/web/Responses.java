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

  /** JSON already encoded; {@code gzipped}: the bytes are gzip of it (Netty's compressor leaves them as they are). */
  static void json(RoutingContext ctx, int status, io.vertx.core.buffer.Buffer body, boolean gzipped) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("Vary", "Accept-Encoding");
    if (gzipped) {
      ctx.response().putHeader("Content-Encoding", "gzip");
    }
    ctx.response().end(body);
  }

  /** Gzip at the fastest level: for large bodies, on a worker thread. */
  static io.vertx.core.buffer.Buffer gzip(io.vertx.core.buffer.Buffer body) throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(Math.max(1024, body.length() / 8));
    try (java.util.zip.GZIPOutputStream zip = new java.util.zip.GZIPOutputStream(out, 64 * 1024) {
      {
        def.setLevel(java.util.zip.Deflater.BEST_SPEED);
      }
    }) {
      zip.write(body.getBytes());
    }
    return io.vertx.core.buffer.Buffer.buffer(out.toByteArray());
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
