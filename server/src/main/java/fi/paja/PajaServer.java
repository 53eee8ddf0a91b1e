package fi.paja;

import fi.paja.auth.AuthService;
import fi.paja.auth.Tokens;
import fi.paja.board.BoardClient;
import fi.paja.board.BoardVerticle;
import fi.paja.config.PajaConfig;
import fi.paja.storage.Storage;
import fi.paja.web.HttpVerticle;
import fi.paja.web.Services;
import fi.paja.workshop.TemplateCatalog;
import fi.paja.workshop.WorkshopService;
import fi.paja.workshop.WorkshopStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;

/** Wires the server together on a Vert.x instance: storage, boards, HTTP. Used by {@link Main} and by tests. */
public final class PajaServer {

  /** One HTTP verticle per core: the bridge's delivery to each socket is the busiest work on a live board. */
  static final int HTTP_INSTANCES = Math.max(1, Runtime.getRuntime().availableProcessors());
  private final Vertx vertx;
  private final Storage storage;
  private final HttpVerticle http;

  private PajaServer(Vertx vertx, Storage storage, HttpVerticle http) {
    this.vertx = vertx;
    this.storage = storage;
    this.http = http;
  }

  public static Future<PajaServer> start(Vertx vertx, PajaConfig config) {
    Clock clock = Clock.systemUTC();
    fi.paja.metrics.PajaMetrics metrics = fi.paja.metrics.PajaMetrics.create();
    return vertx.executeBlocking(() -> TemplateCatalog.load(config.templatesDir()))
        .compose(templates -> Storage.open(vertx, config).compose(storage -> {
          WorkshopStore workshopStore = new WorkshopStore(storage);
          AuthService auth = new AuthService(vertx, storage, workshopStore, clock);
          BoardClient boards = new BoardClient(vertx);
          WorkshopService workshops = new WorkshopService(workshopStore, templates, auth, boards, clock);
          Services services = new Services(config, storage, auth, workshops, templates, boards,
              new fi.paja.export.GitHubIssues(vertx, config), metrics, new fi.paja.web.RateLimits(config.rateLimits()));
          HttpVerticle http = new HttpVerticle(services);
          return workshopStore.savedTemplates()
              .compose(saved -> vertx.executeBlocking(() -> {
                for (String text : saved) {
                  templates.put(templates.parse("saved in the database", text));
                }
                return null;
              }))
              .compose(v -> auth.bootstrapAdmin(config))
              .compose(v -> vertx.deployVerticle(new BoardVerticle(storage, Tokens::newId, clock, metrics)))
              .compose(id -> vertx.deployVerticle(http))
              // More event loops for the bridge's per-socket work; they share the port (Vert.x balances them).
              .compose(id -> HTTP_INSTANCES <= 1 ? io.vertx.core.Future.succeededFuture(id)
                  : vertx.deployVerticle(() -> new HttpVerticle(services),
                      new io.vertx.core.DeploymentOptions().setInstances(HTTP_INSTANCES - 1)))
              .onSuccess(id -> auth.sweepExpiredSessions(60 * 60 * 1000))
              .map(id -> new PajaServer(vertx, storage, http))
              .recover(err -> storage.close(vertx).transform(ignored -> Future.failedFuture(err)));
        }));
  }

  public int port() {
    return http.actualPort();
  }

  /** Stops serving, then closes storage (committing the embedded store). */
  public Future<Void> stop() {
    return Future.all(vertx.deploymentIDs().stream().map(vertx::undeploy).toList())
        .transform(ar -> storage.close(vertx));
  }
}
