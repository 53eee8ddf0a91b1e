package fi.paja.web;

import fi.paja.error.ErrorCode;
import fi.paja.net.Origins;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers {@code 403} to a request under {@code /eventbus} from a page whose origin {@link Origins} does not allow. */
final class OriginGuard implements Handler<RoutingContext> {

  /** The logger name operators know from the README ("refused origins at INFO"), kept when the class was split. */
  private static final Logger LOG = LoggerFactory.getLogger("fi.paja.web.Origins");

  private final Origins origins;

  OriginGuard(Origins origins) {
    this.origins = origins;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    List<String> headers = req.headers().getAll(HttpHeaders.ORIGIN);
    if (headers.isEmpty()) {
      ctx.next();
      return;
    }
    if (headers.size() == 1 && origins.allows(headers.get(0), req.isSSL(), req.authority())) {
      ctx.next();
      return;
    }
    Origins.Origin refused = headers.size() == 1 ? Origins.parse(headers.get(0)) : null;
    // Only a well-formed origin is written to the log (it is the client's text); the line says what to configure.
    LOG.info("Refused an event-bus request from origin {}: not this server's own, PAJA_PUBLIC_URL's or one in "
        + "PAJA_ALLOWED_ORIGINS", refused == null ? "(unreadable)" : refused);
    Responses.error(ctx, ErrorCode.FORBIDDEN, "Pages from this origin may not use this server's event bus.");
  }
}
