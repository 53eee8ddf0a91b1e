package fi.paja;

import fi.paja.auth.AuthService;
import fi.paja.auth.Tokens;
import fi.paja.config.PajaConfig;
import fi.paja.owner.BoardClient;
import fi.paja.owner.BoardLeases;
import fi.paja.owner.BoardVerticle;
import fi.paja.owner.NodeId;
import fi.paja.storage.Storage;
import fi.paja.web.HttpVerticle;
import fi.paja.web.Services;
import fi.paja.workshop.TemplateCatalog;
import fi.paja.workshop.WorkshopService;
import fi.paja.workshop.WorkshopStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Wires the server together on a Vert.x instance: storage, boards, HTTP. Used by {@link Main} and by tests. */
public final class PajaServer {

  /** One HTTP verticle per core: the bridge's delivery to each socket is the busiest work on a live board. */
  static final int HTTP_INSTANCES = Math.max(1, Runtime.getRuntime().availableProcessors());
  private final Vertx vertx;
  private final Storage storage;
  private final List<HttpVerticle> http;
  private final fi.paja.privacy.RetentionJob retention;

  private PajaServer(Vertx vertx, Storage storage, List<HttpVerticle> http, fi.paja.privacy.RetentionJob retention) {
    this.vertx = vertx;
    this.storage = storage;
    this.http = List.copyOf(http);
    this.retention = retention;
  }

  /** What retention's second period deletes a workshop with: the same deletion as the owner's (templates stay). */
  private static fi.paja.privacy.WorkshopDeleter workshopDeleter(Vertx vertx, Storage storage, BoardClient boards,
                                                                 TemplateCatalog templates) {
    fi.paja.workshop.WorkshopDeletion deletion = new fi.paja.workshop.WorkshopDeletion(vertx, storage, boards,
        templates);
    return workshopId -> deletion.delete(workshopId, false);
  }

  /** The retention job of this node (tests run it at once rather than waiting for its timer). */
  public fi.paja.privacy.RetentionJob retention() {
    return retention;
  }

  public static Future<PajaServer> start(Vertx vertx, PajaConfig config) {
    return start(vertx, config, Clock.systemUTC());
  }

  /** With a clock of the caller's (tests move it to see retention happen). */
  public static Future<PajaServer> start(Vertx vertx, PajaConfig config, Clock clock) {
    fi.paja.metrics.PajaMetrics metrics = fi.paja.metrics.PajaMetrics.create();
    return vertx.executeBlocking(() -> {
      // ICU's confusable and normalisation data load in a second or more: here, not on an event loop at the
      // first join.
      fi.paja.validation.Pseudonyms.normalise("Paja");
      return TemplateCatalog.load(config.templatesDir());
    })
        .compose(templates -> Storage.open(vertx, config).compose(storage -> {
          WorkshopStore workshopStore = new WorkshopStore(storage);
          AuthService auth = new AuthService(vertx, storage, workshopStore, clock);
          BoardClient boards = new BoardClient(vertx);
          WorkshopService workshops = new WorkshopService(workshopStore, templates, auth, boards, clock,
              new fi.paja.auth.Devices(storage));
          Services services = new Services(config, storage, auth, workshops, templates, boards,
              new fi.paja.export.GitHubIssues(vertx, config), metrics,
              new fi.paja.web.RateLimits(config.rateLimits(), config.joinsPerCodePerMinute()));
          return workshopStore.savedTemplates()
              .compose(saved -> vertx.executeBlocking(() -> {
                for (String text : saved) {
                  templates.put(templates.parse("saved in the database", text));
                }
                return null;
              }))
              .compose(v -> auth.bootstrapAdmin(config))
              .compose(v -> vertx.executeBlocking(() -> NodeId.load(config.dataDir())))
              .compose(node -> vertx.deployVerticle(new BoardVerticle(storage,
                  new BoardLeases(storage.mongo(), node, System::currentTimeMillis), Tokens::newId, clock, metrics,
                  config.boardIdleSeconds() * 1000L, config.quotas())).map(node))
              .compose(node -> deployHttp(vertx, services, config.httpPort(), 3).map(http -> {
                auth.sweepExpiredSessions(60 * 60 * 1000);
                fi.paja.privacy.RetentionJob retention = new fi.paja.privacy.RetentionJob(vertx, storage, boards,
                    workshopDeleter(vertx, storage, boards, templates), config.retention(), clock, node);
                retention.start();
                return new PajaServer(vertx, storage, http, retention);
              }))
              .recover(err -> storage.close(vertx).transform(ignored -> Future.failedFuture(err)));
        }));
  }

  /**
   * One HTTP verticle per core on one port: Vert.x balances connections among servers listening on the same port.
   * Servers asked for port 0 would each get a port of their own (all but the first serving nobody), so port 0 is
   * resolved to a free port first; if another process takes it before the bind, another is picked.
   */
  private static Future<List<HttpVerticle>> deployHttp(Vertx vertx, Services services, int configured, int tries) {
    String host = services.config().httpHost();
    Future<Integer> port = configured != 0 ? Future.succeededFuture(configured)
        : vertx.executeBlocking(() -> freePort(host));
    return port.compose(p -> {
      List<HttpVerticle> made = new CopyOnWriteArrayList<>();
      return vertx.deployVerticle(() -> {
        HttpVerticle verticle = new HttpVerticle(services, p);
        made.add(verticle);
        return verticle;
      }, new DeploymentOptions().setInstances(HTTP_INSTANCES)).map(id -> List.copyOf(made));
    }).recover(err -> configured == 0 && tries > 1 && err instanceof java.net.BindException
        ? deployHttp(vertx, services, configured, tries - 1)
        : Future.failedFuture(err));
  }

  private static int freePort(String host) throws java.io.IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    }
  }

  public int port() {
    return http.get(0).actualPort();
  }

  /** The port each HTTP verticle listens on: one port, shared, whatever was configured (port 0 included). */
  public List<Integer> httpPorts() {
    return http.stream().map(HttpVerticle::actualPort).toList();
  }

  /** The server's database (tests use it to put data in the state a test needs, e.g. damaged). */
  public Storage storage() {
    return storage;
  }

  /** Stops serving, then closes storage (committing the embedded store). */
  public Future<Void> stop() {
    retention.stop();
    return Future.all(vertx.deploymentIDs().stream().map(vertx::undeploy).toList())
        .transform(ar -> storage.close(vertx));
  }
}
