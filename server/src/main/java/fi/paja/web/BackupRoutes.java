package fi.paja.web;

import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.ops.Backups;
import fi.paja.storage.EmbeddedStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/admin/backup}: the running server makes a backup of its embedded database and sends it (what
 * {@code java -jar paja-server.jar backup FILE} asks for). Administrator only. Mounted before the API's 60-second
 * deadline: a large database takes longer to copy.
 */
final class BackupRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(BackupRoutes.class);
  /** Where a backup is made before it is sent, in the data directory (same file system, known writable). */
  static final String WORK_DIR = ".paja-backups";
  /** One backup at a time on this node, whichever HTTP verticle is asked. */
  private static final AtomicBoolean RUNNING = new AtomicBoolean();
  private final Services services;

  BackupRoutes(Services services) {
    this.services = services;
  }

  void mount(Router router) {
    router.post("/api/admin/backup").handler(this::backup);
  }

  private void backup(RoutingContext ctx) {
    Vertx vertx = ctx.vertx();
    fi.paja.auth.Accounts accounts = new fi.paja.auth.Accounts(vertx, services.storage(), java.time.Clock.systemUTC());
    services.auth().facilitator(HttpVerticle.bearer(ctx)).compose(session -> accounts.requireAdmin(session)
        .recover(notAdmin -> Future.failedFuture(new PajaException(ErrorCode.FORBIDDEN,
            "Only an admin account may make backups."))))
        .compose(admin -> {
          EmbeddedStore store = services.storage().embedded().orElse(null);
          if (store == null) {
            return Future.failedFuture(new PajaException(ErrorCode.BACKUP_NOT_EMBEDDED));
          }
          if (!RUNNING.compareAndSet(false, true)) {
            return Future.failedFuture(new PajaException(ErrorCode.BACKUP_RUNNING));
          }
          Path dir = store.dataDir().resolve(WORK_DIR);
          Path file = dir.resolve("backup-" + System.nanoTime() + ".zip");
          return vertx.executeBlocking(() -> {
            clean(dir); // what an earlier backup left when the server stopped half-way
            long started = System.nanoTime();
            JsonObject info = Backups.write(store::copyCommitted, dir, file);
            LOG.info("Backup made: {} bytes of database in {} ms", info.getLong("bytes"),
                (System.nanoTime() - started) / 1_000_000);
            return info.put("path", file.toString());
          }, false).onFailure(err -> RUNNING.set(false));
        }).onSuccess(info -> {
          Path file = Path.of(info.getString("path"));
          String name = "paja-backup-" + info.getString("createdAt").replace(":", "").replaceAll("\\..*", "") + ".zip";
          ctx.response()
              .putHeader("Content-Type", "application/zip")
              .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
              .putHeader("Cache-Control", "no-store")
              .putHeader("X-Paja-Backup-Sha256", info.getString("sha256"))
              .sendFile(file.toString())
              .onComplete(ar -> vertx.executeBlocking(() -> Files.deleteIfExists(file), false)
                  .onComplete(v -> RUNNING.set(false)));
        }).onFailure(err -> {
          if (err instanceof PajaException) {
            Responses.error(ctx, err);
          } else {
            LOG.error("The backup failed", err);
            Responses.error(ctx, new PajaException(ErrorCode.INTERNAL_ERROR, "The backup failed: " + err.getMessage()));
          }
        });
  }

  private static void clean(Path dir) throws java.io.IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
