package fi.paja.web;

import fi.paja.auth.Member;
import fi.paja.board.Addresses;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.export.ExportView;
import fi.paja.export.Exporter;
import fi.paja.export.Exports;
import fi.paja.export.GitHubIssues;
import fi.paja.validation.Json;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Exports, the public outcomes page, GitHub push and sync, and JSON import. */
final class OutcomeRoutes {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OutcomeRoutes.class);
  private final Services services;

  OutcomeRoutes(Services services) {
    this.services = services;
  }

  void mount(Router router) {
    router.get("/api/workshops/:id/export").handler(this::export);
    router.get("/api/public/:publicId").handler(this::publicPage);
    router.post("/api/workshops/:id/outcomes/:outcomeId/github").handler(this::push);
    router.post("/api/workshops/:id/github/sync").handler(this::sync);
  }

  /**
   * Streams the workshop in one format; facilitators of the workshop only. Always answered: an export that fails
   * before its first byte is an error response; one that fails later is cut off (the connection is reset, so the
   * client sees a broken download, never a complete-looking one or none at all).
   */
  private void export(RoutingContext ctx) {
    String format = String.valueOf(ctx.queryParams().get("format"));
    Exporter exporter = Exports.FORMATS.get(format);
    asFacilitator(ctx, member -> {
      if (exporter == null) {
        throw new PajaException(ErrorCode.WRONG_TYPE, "format must be one of " + Exports.FORMATS.keySet());
      }
      return services.boards().snapshot(member);
    }).onSuccess(snapshot -> {
      HttpServerResponse response = ctx.response();
      if (response.ended() || response.closed()) {
        return;
      }
      try {
        JsonObject view = ExportView.of(snapshot);
        String name = fileName(view.getString("title")) + "." + exporter.extension();
        response.setChunked(true)
            .putHeader("Content-Type", exporter.contentType())
            .putHeader("Content-Disposition", contentDisposition(name))
            .putHeader("Cache-Control", "no-store");
        exporter.write(view, response::write);
        response.end();
      } catch (RuntimeException e) {
        LOG.error("Workshop {}: the {} export failed", ctx.pathParam("id"), format, e);
        if (response.headWritten()) {
          response.reset();
        } else {
          response.headers().remove("Content-Disposition");
          Responses.error(ctx, ErrorCode.INTERNAL_ERROR, "The export failed.");
        }
      }
    }).onFailure(err -> Responses.error(ctx, err));
  }

  private void publicPage(RoutingContext ctx) {
    String publicId = ctx.pathParam("publicId");
    if (!publicId.matches("[A-Za-z0-9_-]{22}")) {
      Responses.error(ctx, ErrorCode.NOT_FOUND, "No such page.");
      return;
    }
    services.workshops().byPublicId(publicId)
        .compose(w -> services.boards().publicView(w.getString("_id")))
        .onSuccess(view -> Responses.json(ctx, 200, view.put("address", Addresses.publicOutcomes(publicId))))
        .onFailure(err -> Responses.error(ctx, err));
  }

  /**
   * Pushes an item to GitHub once: the board lets one push per item run at a time (others wait for its link), and
   * remembers the link, which later pushes answer with. GitHub gets {@code PAJA_GITHUB_TIMEOUT_SECONDS} to answer.
   */
  private void push(RoutingContext ctx) {
    String outcomeId = ctx.pathParam("outcomeId");
    GitHubIssues github = services.github();
    asFacilitator(ctx, member -> {
      if (!github.configured()) {
        throw new PajaException(ErrorCode.NOT_CONFIGURED, "Set PAJA_GITHUB_TOKEN and PAJA_GITHUB_REPO.");
      }
      // The claim outlasts GitHub's time and the link's write; then those waiting for it are answered anyway.
      long hold = github.timeoutMillis() + 20_000;
      return services.boards().claimPush(member, outcomeId, hold).compose(claim -> {
        if (claim.getJsonObject("github") != null) {
          return Future.succeededFuture(claim.getJsonObject("github"));
        }
        return github.create(claim.getJsonObject("outcome"), claim.getString("title"))
            .compose(issue -> services.boards().linkOutcome(member, outcomeId, issue, null)
                .map(linked -> linked.getJsonObject("github") != null ? linked.getJsonObject("github") : issue))
            .onFailure(err -> services.boards().pushFailed(member.workshopId(), outcomeId,
                err instanceof PajaException e ? e : new PajaException(ErrorCode.INTERNAL_ERROR)));
      });
    }).onSuccess(issue -> Responses.json(ctx, 200, issue)).onFailure(err -> Responses.error(ctx, err));
  }

  /** Reads the state of every pushed item from GitHub and updates its status. */
  private void sync(RoutingContext ctx) {
    GitHubIssues github = services.github();
    asFacilitator(ctx, member -> {
      if (!github.configured()) {
        throw new PajaException(ErrorCode.NOT_CONFIGURED, "Set PAJA_GITHUB_TOKEN and PAJA_GITHUB_REPO.");
      }
      return services.boards().snapshot(member).compose(snapshot -> {
        List<Future<JsonObject>> updates = new ArrayList<>();
        for (JsonObject outcome : outcomes(snapshot)) {
          JsonObject link = outcome.getJsonObject("github");
          if (link == null) {
            continue;
          }
          updates.add(github.get(link.getInteger("number")).compose(issue -> {
            String status = GitHubIssues.statusOf(issue, outcome.getString("status"));
            JsonObject newLink = link.copy().put("state", issue.getString("state"));
            JsonObject result = new JsonObject().put("id", outcome.getString("id")).put("status", status);
            if (status.equals(outcome.getString("status")) && newLink.equals(link)) {
              return Future.succeededFuture(result);
            }
            return services.boards().linkOutcome(member, outcome.getString("id"), newLink, status).map(result);
          }));
        }
        return Future.all(updates).map(all -> {
          JsonArray synced = new JsonArray();
          updates.forEach(f -> synced.add(f.result()));
          return new JsonObject().put("synced", synced);
        });
      });
    }).onSuccess(result -> Responses.json(ctx, 200, result)).onFailure(err -> Responses.error(ctx, err));
  }

  void importWorkshop(RoutingContext ctx) {
    services.auth().facilitator(HttpVerticle.bearer(ctx))
        .compose(session -> services.workshops().importWorkshop(session, Json.object(ctx.body().buffer())))
        .onSuccess(w -> Responses.json(ctx, 201, w))
        .onFailure(err -> Responses.error(ctx, err));
  }

  private static List<JsonObject> outcomes(JsonObject snapshot) {
    return snapshot.getJsonArray("outcomes", new JsonArray()).stream().map(JsonObject.class::cast).toList();
  }

  /** Runs the action for a member whose current role on the board is facilitator or cofacilitator. */
  <T> Future<T> asFacilitator(RoutingContext ctx, Function<Member, Future<T>> action) {
    String workshopId = ctx.pathParam("id");
    if (!Addresses.WORKSHOP_ID_PATTERN.matcher(workshopId).matches()) {
      return services.auth().session(HttpVerticle.bearer(ctx))
          .compose(s -> Future.failedFuture(new PajaException(ErrorCode.WORKSHOP_NOT_FOUND)));
    }
    return services.auth().member(HttpVerticle.bearer(ctx), workshopId)
        .compose(member -> services.boards().whois(workshopId, member.participantId())
            .compose(who -> who.getBoolean("facilitator", false) ? Future.succeededFuture(member)
                : Future.failedFuture(new PajaException(ErrorCode.FORBIDDEN))))
        .compose(member -> {
          try {
            return action.apply(member);
          } catch (PajaException e) {
            return Future.failedFuture(e);
          }
        });
  }

  /** An ASCII fallback name and the real one per RFC 6266 / RFC 5987 ({@code filename*=UTF-8''…}). */
  static String contentDisposition(String name) {
    String ascii = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "").replaceAll("[^A-Za-z0-9._-]", "_");
    String encoded = java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }

  private static String fileName(String title) {
    String safe = title == null ? "" : title.replaceAll("[^\\p{L}\\p{N}._ -]", "").trim().replace(' ', '-');
    return safe.isEmpty() ? "workshop" : safe.length() > 60 ? safe.substring(0, 60) : safe;
  }
}
