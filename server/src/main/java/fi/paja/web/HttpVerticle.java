package fi.paja.web;

import fi.paja.auth.Member;
import fi.paja.auth.Session;
import fi.paja.board.Addresses;
import fi.paja.config.Limits;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.net.ClientAddress;
import fi.paja.net.Origins;
import fi.paja.validation.Json;
import fi.paja.vertxinternals.BridgeSockets;
import fi.paja.vertxinternals.ClusterView;
import fi.paja.workshop.JoinCodes;
import fi.paja.workshop.TemplateCatalog;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** HTTP API, the SockJS event-bus bridge and the browser client's static files. Handlers stay thin. */
public final class HttpVerticle extends VerticleBase {

  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
      + "frame-ancestors 'none'";

  static final long IMPORT_BODY_BYTES = 16L * 1024 * 1024;
  /** The longest any API request takes to be answered (see {@link #deadline}). */
  static final long API_DEADLINE_MILLIS = 60_000;
  /**
   * How long a WebSocket the server closes waits for the client's close frame before its connection is dropped
   * (Vert.x: 10 s). A socket closed for flooding is no longer read, so its client's answer never arrives.
   */
  static final int WEBSOCKET_CLOSING_SECONDS = 2;
  /** Responses at least this large are gzipped on a worker thread (snapshots of big boards), not on the event loop. */
  static final int GZIP_OFF_LOOP_BYTES = 64 * 1024;
  private final Services services;
  private final int port;
  private final ClientAddress clientAddress;
  private final Origins origins;
  private HttpServer server;

  /** Serves on {@code port} (the configured one, or the free one picked when 0 was configured). */
  public HttpVerticle(Services services, int port) {
    this.services = services;
    this.port = port;
    this.clientAddress = ClientAddress.trusting(services.config().trustedProxies());
    this.origins = Origins.allowing(services.config().publicUrl(), services.config().allowedOrigins());
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(this::securityHeaders);
    router.route().handler(HttpVerticle::wellFormedAddress);
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(io.vertx.micrometer.PrometheusScrapingHandler.create(services.metrics().registry()));
    vertx.setPeriodic(60_000, id -> services.limits().forgetIdle());

    OutcomeRoutes outcomes = new OutcomeRoutes(services);
    // Imports are whole workshops: a larger body than any other request.
    router.post("/api/workshops/import").handler(BodyHandler.create(false).setBodyLimit(IMPORT_BODY_BYTES))
        .handler(this::deadline).handler(outcomes::importWorkshop);
    new BackupRoutes(services).mount(router); // before the 60 s deadline: a large database takes longer
    router.routeWithRegex("^/api/(?!workshops/import$).*")
        .handler(BodyHandler.create(false).setBodyLimit(Limits.MAX_BODY_BYTES)).handler(this::deadline);
    outcomes.mount(router);
    new LifeRoutes(vertx, services).mount(router);
    new PrivacyRoutes(services).mount(router);
    new AccountRoutes(vertx, services).mount(router);
    new RejoinRoutes(services).mount(router);
    router.get("/api/config").handler(this::config);
    router.get("/api/templates").handler(this::templates);
    router.get("/api/templates/:id").handler(this::template);
    router.post("/api/login").handler(this::login);
    router.post("/api/logout").handler(this::logout);
    router.post("/api/join").handler(this::join);
    router.post("/api/workshops").handler(this::createWorkshop);
    router.get("/api/workshops/:id").handler(this::snapshot);
    router.get("/api/workshops/:id/events").handler(this::events);
    router.post("/api/workshops/:id/commands").handler(this::command);
    router.post("/api/workshops/:id/template").handler(this::saveAsTemplate);
    router.post("/api/workshops/:id/join-code").handler(ctx -> newJoinCode(ctx, outcomes));
    router.get("/api/workshops/:id/journeys/:journeyId/svg").handler(this::journeySvg);
    router.route("/api/*").handler(ctx -> Responses.error(ctx, ErrorCode.NOT_FOUND, "No such API route."));
    router.route("/api/*").failureHandler(this::failure);

    SockJSHandlerOptions sockJsOptions = new SockJSHandlerOptions().setRegisterWriteHandler(false);
    Handler<SockJSSocket> bridge = bridge();
    // Before every transport: a page from another origin gets 403, never SockJS's CORS headers or an upgrade.
    router.route("/eventbus/*").handler(new OriginGuard(origins));
    router.getWithRegex(SockJsWebSocket.PATH_REGEX).handler(SockJsWebSocket.handler(vertx, sockJsOptions, bridge));
    // SockJS's xhr transports (the fallback where WebSockets are blocked) read their POST bodies through this.
    router.route("/eventbus/*").handler(BodyHandler.create(false).setBodyLimit(Limits.MAX_BODY_BYTES));
    router.route("/eventbus/*").subRouter(SockJSHandler.create(vertx, sockJsOptions).socketHandler(bridge));
    // Pages and catalogs must be fresh after an upgrade; the bundles have content hashes in their names.
    router.routeWithRegex("^/$|.*\\.html$|^/i18n/.*").handler(ctx -> {
      ctx.response().putHeader("Cache-Control", "no-cache");
      ctx.next();
    }).handler(StaticHandler.create("webroot").setIndexPage("index.html").setCachingEnabled(false));
    router.route().handler(StaticHandler.create("webroot").setMaxAgeSeconds(365L * 24 * 3600));
    // Failures outside the API (static files, SockJS): Vert.x would log each at ERROR with its stack trace.
    router.route().failureHandler(ClientFailures::routeFailed);
    // A path with a broken %-escape fails while routes are matched, before any failure handler.
    router.errorHandler(400, ClientFailures::badRequest);

    HttpServerOptions options = new HttpServerOptions()
        .setHost(services.config().httpHost())
        .setPort(port)
        // Snapshots of big boards shrink about tenfold (2.7 MB → 236 KiB for 10,000 notes); phones on 4G notice.
        .setCompressionSupported(true)
        // Browsers always offer permessage-deflate. Accepted, every event is deflated once per socket (the shared
        // frame cannot be reused) and each connection keeps a zlib context: with 1,000 SockJS clients on a board,
        // fan-out p99 went from ~90 ms to 535 ms and RSS from 0.5 to 1 GiB (docs/BENCHMARKS.md). Events are small.
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false)
        .setWebSocketClosingTimeout(WEBSOCKET_CLOSING_SECONDS)
        .setMaxWebSocketFrameSize(Limits.MAX_BODY_BYTES)
        .setMaxWebSocketMessageSize(Limits.MAX_BODY_BYTES)
        // No browser speaks HTTP/2 without TLS. With h2c on, a connection is not an HTTP connection until its first
        // request is complete, and one reset before that was logged at ERROR by Vert.x (no exception handler yet).
        .setHttp2ClearTextEnabled(false);
    return vertx.createHttpServer(options).requestHandler(router)
        // Connections reset, closed half-way or sending garbage: the client's doing, not the server's.
        .exceptionHandler(ClientFailures::connectionFailed)
        .listen()
        .onSuccess(s -> server = s);
  }

  public int actualPort() {
    return server.actualPort();
  }

  /**
   * The event-bus bridge, for both Vert.x's SockJS transports and {@link SockJsWebSocket}. Built directly rather
   * than through {@code SockJSHandler.bridge}, which would keep it to itself.
   */
  private Handler<SockJSSocket> bridge() {
    SockJSBridgeOptions options = new SockJSBridgeOptions()
        .addInboundPermitted(new PermittedOptions().setAddressRegex(Addresses.COMMANDS_REGEX))
        .addOutboundPermitted(new PermittedOptions().setAddressRegex(Addresses.EVENTS_REGEX))
        .addOutboundPermitted(new PermittedOptions().setAddressRegex(Addresses.PRESENCE_REGEX))
        .addOutboundPermitted(new PermittedOptions().setAddressRegex(Addresses.PUBLIC_REGEX))
        .setMaxAddressLength(128)
        .setMaxHandlersPerSocket(64)
        // A busy socket's pings can queue behind deliveries; 10 s (the default) dropped live clients under load.
        .setPingTimeout(30_000);
    return BridgeSockets.bridge(vertx, options, new BridgeGuard(vertx, services.auth(), services.boards(),
        services.limits(), services.metrics()));
  }

  /**
   * Every API request is answered within {@link #API_DEADLINE_MILLIS} of its body's arrival, whatever happens
   * behind it. Each path has tighter timeouts of its own (a board 15 s, GitHub {@code PAJA_GITHUB_TIMEOUT_SECONDS});
   * this is the net under them: reaching it is a bug, logged, and answered {@code 500 internal_error} (or, with the
   * response begun, by resetting the connection).
   */
  private void deadline(RoutingContext ctx) {
    long timer = vertx.setTimer(API_DEADLINE_MILLIS, id -> {
      io.vertx.core.http.HttpServerResponse response = ctx.response();
      if (response.ended() || response.closed()) {
        return;
      }
      org.slf4j.LoggerFactory.getLogger(HttpVerticle.class).error("{} {} was not answered within {} s",
          ctx.request().method(), ctx.normalizedPath(), API_DEADLINE_MILLIS / 1000);
      if (response.headWritten()) {
        response.reset();
      } else {
        response.headers().remove("Content-Disposition");
        Responses.error(ctx, ErrorCode.INTERNAL_ERROR, "The request was not answered in time.");
      }
    });
    ctx.addEndHandler(v -> vertx.cancelTimer(timer));
    ctx.next();
  }

  /**
   * Vert.x decodes the query when a handler first asks for it and throws on a malformed %-escape (a 500 from deep
   * inside a route); decoding it once here makes it one clear 400 on every route.
   */
  private static void wellFormedAddress(RoutingContext ctx) {
    try {
      ctx.queryParams();
    } catch (IllegalArgumentException | io.vertx.ext.web.handler.HttpException malformed) {
      Responses.error(ctx, ErrorCode.INVALID_ADDRESS, ErrorCode.INVALID_ADDRESS.message());
      return;
    }
    ctx.next();
  }

  private void securityHeaders(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "no-referrer");
    ctx.next();
  }

  /**
   * UP when storage takes writes. The embedded store knows when it cannot (a ping would still be answered by its
   * wire server); a real MongoDB is pinged. Public, so the reason given is short: no paths, no addresses.
   */
  private void health(RoutingContext ctx) {
    String fault = services.storage().fault();
    Future<Void> check = fault != null ? Future.failedFuture(fault) : services.storage().ping();
    check.onComplete(ar -> {
      JsonObject body = new JsonObject()
          .put("status", ar.succeeded() ? "UP" : "DOWN")
          .put("storage", ar.succeeded() ? "UP" : "DOWN")
          .put("mode", services.storage().mode());
      if (ar.failed()) {
        body.put("storageError", fault != null ? fault : "database not reachable");
      }
      int nodes = ClusterView.nodes(vertx);
      if (nodes >= 0) {
        // Which nodes this one sees: a node alone in a cluster that should have several is worth an alert.
        body.put("cluster", new JsonObject().put("nodes", nodes));
      }
      Responses.json(ctx, ar.succeeded() ? 200 : 503, body);
    });
  }

  private void config(RoutingContext ctx) {
    Responses.json(ctx, 200, new JsonObject()
        .put("maxNoteText", Limits.MAX_NOTE_TEXT)
        .put("maxCoordinate", Limits.MAX_COORDINATE)
        .put("maxNotes", Limits.MAX_NOTES_PER_BOARD)
        .put("maxNotesPerParticipant", services.config().quotas().notesPerParticipant())
        .put("maxTextPerParticipant", services.config().quotas().textPerParticipant())
        .put("maxParticipants", services.config().quotas().participants())
        .put("colors", new JsonArray(Limits.COLORS))
        .put("defaultColor", Limits.DEFAULT_COLOR)
        .put("maxNameLength", Limits.MAX_NAME_LENGTH)
        .put("maxTitleLength", Limits.MAX_TITLE_LENGTH)
        .put("languages", new JsonArray().add("fi").add("sv").add("en"))
        .put("limits", Limits.forClients())
        .mergeIn(PrivacyRoutes.retentionConfig(services.config().retention())));
  }

  private void templates(RoutingContext ctx) {
    String lang = ctx.queryParams().get("lang");
    if (lang == null || !Set.of("fi", "sv", "en").contains(lang)) {
      lang = "en";
    }
    Responses.json(ctx, 200, new JsonObject().put("templates", services.templates().list(lang)));
  }

  private void template(RoutingContext ctx) {
    JsonObject template = services.templates().get(ctx.pathParam("id"));
    if (template == null) {
      Responses.error(ctx, ErrorCode.UNKNOWN_TEMPLATE, ErrorCode.UNKNOWN_TEMPLATE.message());
      return;
    }
    // A template file, ready to drop into workshop-templates/ or PAJA_TEMPLATES_DIR.
    ctx.response().putHeader("Content-Disposition", "attachment; filename=\"" + template.getString("id") + ".json\"");
    Responses.json(ctx, 200, template);
  }

  private void saveAsTemplate(RoutingContext ctx) {
    asMember(ctx, member -> {
      if (!fi.paja.board.Participant.FACILITATOR.equals(member.role())) {
        throw new PajaException(ErrorCode.FORBIDDEN, "Only the workshop's facilitator can save it as a template.");
      }
      JsonObject body = Json.object(ctx.body().buffer());
      Json.onlyFields(body, Set.of("id", "name"));
      return services.workshops().saveAsTemplate(member, Json.requiredString(body, "id"),
          Json.requiredString(body, "name"));
    }, 201);
  }

  private void journeySvg(RoutingContext ctx) {
    String journeyId = ctx.pathParam("journeyId");
    String workshopId = ctx.pathParam("id");
    services.auth().member(bearer(ctx), workshopId)
        .compose(member -> services.boards().snapshot(member))
        .onSuccess(snapshot -> {
          JsonObject journey = snapshot.getJsonArray("journeys").stream().map(JsonObject.class::cast)
              .filter(j -> j.getString("id").equals(journeyId)).findFirst().orElse(null);
          if (journey == null) {
            Responses.error(ctx, ErrorCode.NOT_FOUND, "No such journey map.");
            return;
          }
          ctx.response().putHeader("Content-Type", "image/svg+xml; charset=utf-8")
              .putHeader("Cache-Control", "no-store")
              .end(fi.paja.journey.JourneySvg.render(journey, snapshot.getJsonArray("notes")));
        })
        .onFailure(err -> Responses.error(ctx, err));
  }

  private void login(RoutingContext ctx) {
    respond(ctx, 200, () -> {
      JsonObject body = Json.object(ctx.body().buffer());
      Json.onlyFields(body, Set.of("username", "password"));
      String username = Json.requiredString(body, "username");
      String password = Json.requiredString(body, "password");
      String key = "ip:" + ip(ctx);
      RateLimits limits = services.limits();
      // Reserved before the password is checked, so that logins sent all at once cannot check more than the limit;
      // per address only, so that a guesser elsewhere cannot lock the facilitator out.
      if (!limits.tryTake(RateLimits.FAILED_LOGINS, key)) {
        throw new PajaException(ErrorCode.RATE_LIMITED, "Too many failed logins; wait a few minutes.");
      }
      if (username.length() > 64 || password.length() > 200) {
        throw new PajaException(ErrorCode.BAD_CREDENTIALS);
      }
      return services.auth().login(username, password).onComplete(ar -> {
        if (ar.succeeded() || !(ar.cause() instanceof PajaException e && e.code() == ErrorCode.BAD_CREDENTIALS)) {
          limits.giveBack(RateLimits.FAILED_LOGINS, key);
        }
      });
    });
  }

  /** The client's address: the peer's, or behind a trusted reverse proxy the one it forwarded (docs/SECURITY.md). */
  private String ip(RoutingContext ctx) {
    return clientAddress.of(ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().host(),
        ctx.request().headers().getAll("X-Forwarded-For"));
  }

  private void logout(RoutingContext ctx) {
    String token = bearer(ctx);
    services.auth().session(token)
        .compose(s -> services.auth().logout(token))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(err -> Responses.error(ctx, err));
  }

  private void join(RoutingContext ctx) {
    respond(ctx, 200, () -> {
      String ip = ip(ctx);
      JsonObject body = Json.object(ctx.body().buffer());
      Json.onlyFields(body, Set.of("code", "name", "deviceId"));
      String typed = Json.requiredString(body, "code");
      String name = Json.requiredString(body, "name");
      String deviceId = Json.optionalString(body, "deviceId").orElse(null);
      RateLimits limits = services.limits();
      if (!limits.tryTake(RateLimits.JOINS, ip)) {
        throw new PajaException(ErrorCode.RATE_LIMITED, "Too many join attempts from this address; wait a moment.");
      }
      // A wrong code is reserved before the code is looked up, so that guesses sent all at once cannot look up more
      // than the limit; it is given back when the code was right.
      if (!limits.tryTake(RateLimits.FAILED_JOINS, ip)) {
        throw new PajaException(ErrorCode.RATE_LIMITED, "Too many join attempts from this address; wait a moment.");
      }
      String code = JoinCodes.normalise(typed);
      if (code != null && !limits.tryTake(limits.joinsPerCode(), "code:" + code)) {
        limits.giveBack(RateLimits.FAILED_JOINS, ip);
        throw new PajaException(ErrorCode.RATE_LIMITED, "Too many people are joining this workshop right now; "
            + "wait a minute.");
      }
      Future<JsonObject> joined;
      try {
        joined = services.workshops().join(typed, name, deviceId);
      } catch (RuntimeException e) {
        joined = Future.failedFuture(e);
      }
      return joined.onComplete(ar -> {
        if (ar.succeeded() || !(ar.cause() instanceof PajaException e && e.code() == ErrorCode.UNKNOWN_JOIN_CODE)) {
          limits.giveBack(RateLimits.FAILED_JOINS, ip);
        }
      });
    });
  }

  /** A new join code (facilitators of the workshop): the old code and its links stop working at once. */
  private void newJoinCode(RoutingContext ctx, OutcomeRoutes outcomes) {
    outcomes.asFacilitator(ctx, member -> services.workshops().newJoinCode(member).map(this::withJoinUrl))
        .onSuccess(body -> Responses.json(ctx, 200, body))
        .onFailure(err -> Responses.error(ctx, err));
  }

  private void createWorkshop(RoutingContext ctx) {
    asFacilitator(ctx, 201, session -> {
      JsonObject body = Json.object(ctx.body().buffer());
      Json.onlyFields(body, Set.of("title", "template", "lang"));
      String template = Json.optionalString(body, "template").orElse(TemplateCatalog.DEFAULT);
      String lang = Json.optionalString(body, "lang").orElse("fi");
      if (!Set.of("fi", "sv", "en").contains(lang)) {
        throw new PajaException(ErrorCode.WRONG_TYPE, "Field 'lang' must be fi, sv or en.");
      }
      return services.workshops().create(session, Json.requiredString(body, "title"), template, lang)
          .map(w -> withJoinUrl(w));
    });
  }

  /**
   * The snapshot as the board made it (JSON bytes, never parsed here). A large one is gzipped on a worker thread,
   * not by the event loop that serves this verticle's sockets and requests.
   */
  private void snapshot(RoutingContext ctx) {
    member(ctx)
        .compose(member -> services.boards().snapshotBytes(member))
        .compose(body -> acceptsGzip(ctx) && body.length() >= GZIP_OFF_LOOP_BYTES
            ? vertx.executeBlocking(() -> Responses.gzip(body), false).map(zipped -> Map.entry(zipped, true))
            : Future.succeededFuture(Map.entry(body, false)))
        .onSuccess(body -> Responses.json(ctx, 200, body.getKey(), body.getValue()))
        .onFailure(err -> Responses.error(ctx, err));
  }

  static boolean acceptsGzip(RoutingContext ctx) {
    String accepted = ctx.request().getHeader("Accept-Encoding");
    if (accepted == null) {
      return false;
    }
    for (String part : accepted.split(",")) {
      String[] coding = part.trim().split(";");
      if (coding[0].trim().equalsIgnoreCase("gzip")) {
        return coding.length == 1 || !coding[1].replace(" ", "").matches("q=0(\\.0*)?");
      }
    }
    return false;
  }

  private void events(RoutingContext ctx) {
    asMember(ctx, member -> {
      long after;
      try {
        after = Long.parseLong(ctx.queryParams().get("after"));
      } catch (NumberFormatException e) {
        throw new PajaException(ErrorCode.WRONG_TYPE, "Query parameter 'after' must be a whole number.");
      }
      if (after < 0) {
        throw new PajaException(ErrorCode.WRONG_TYPE, "Query parameter 'after' must not be negative.");
      }
      return services.boards().eventsSince(member, after);
    });
  }

  private void command(RoutingContext ctx) {
    asMember(ctx, member -> {
      if (!services.limits().tryTake(RateLimits.COMMANDS, RateLimits.member(member.participantId()))) {
        throw new PajaException(ErrorCode.RATE_LIMITED);
      }
      return services.boards().command(member, Json.object(ctx.body().buffer()));
    });
  }

  private void asMember(RoutingContext ctx, Function<Member, Future<JsonObject>> action) {
    asMember(ctx, action, 200);
  }

  private void asMember(RoutingContext ctx, Function<Member, Future<JsonObject>> action, int status) {
    respond(ctx, status, () -> member(ctx).compose(member -> {
      try {
        return action.apply(member);
      } catch (PajaException e) {
        return Future.failedFuture(e);
      }
    }));
  }

  /** Who the bearer token is in the workshop of the path. */
  private Future<Member> member(RoutingContext ctx) {
    String workshopId = ctx.pathParam("id");
    return services.auth().session(bearer(ctx)).compose(session -> {
      if (!Addresses.WORKSHOP_ID_PATTERN.matcher(workshopId).matches()) {
        return Future.failedFuture(new PajaException(session.isFacilitator()
            ? ErrorCode.WORKSHOP_NOT_FOUND : ErrorCode.FORBIDDEN));
      }
      return services.auth().member(session, workshopId);
    });
  }

  private void asFacilitator(RoutingContext ctx, int status, Function<Session, Future<JsonObject>> action) {
    respond(ctx, status, () -> services.auth().facilitator(bearer(ctx)).compose(action::apply));
  }

  /** Runs an action and answers with its JSON or its error, whether it fails by future or by throwing. */
  private void respond(RoutingContext ctx, int status, java.util.function.Supplier<Future<JsonObject>> action) {
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

  /**
   * The join link: absolute with {@code PAJA_PUBLIC_URL}, else a path the browser completes with the address it
   * really used. Never built from the request's {@code Host}: anyone can send {@code Host: evil.example}, and a
   * facilitator would then hand out a link to someone else's server.
   */
  private JsonObject withJoinUrl(JsonObject workshop) {
    String base = services.config().publicUrl().orElse("");
    return workshop.put("joinUrl", base + "/?code=" + workshop.getString("joinCode"));
  }

  private void failure(RoutingContext ctx) {
    if (ctx.statusCode() == 413) {
      Responses.error(ctx, ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.PAYLOAD_TOO_LARGE.message());
    } else if (ctx.failure() != null) {
      Responses.error(ctx, ctx.failure());
    } else if (ctx.statusCode() == 400) {
      Responses.error(ctx, ErrorCode.BAD_JSON, "Bad request.");
    } else {
      Responses.error(ctx, ErrorCode.INTERNAL_ERROR, "Request failed.");
    }
  }

  static String bearer(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).trim();
  }
}
