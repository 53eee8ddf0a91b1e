package fi.paja;

import fi.paja.config.ConfigException;
import fi.paja.config.ConfigLoader;
import fi.paja.config.PajaConfig;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the configuration and starts the server; nothing else. */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    if (fi.paja.ops.BackupCommand.handles(args)) {
      System.exit(fi.paja.ops.BackupCommand.run(args)); // backup FILE, restore FILE: an operator's command, no server
      return;
    }
    PajaConfig config;
    io.vertx.core.transport.Transport transport;
    try {
      config = ConfigLoader.load(System.getenv());
      transport = NetworkTransport.choose(config.transport());
    } catch (ConfigException | IllegalStateException e) {
      System.err.println("Paja cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    // Vert.x's own metrics (HTTP, event bus, JVM) go to the Prometheus registry that /metrics serves.
    io.vertx.core.VertxOptions options = new io.vertx.core.VertxOptions().setMetricsOptions(
        new io.vertx.micrometer.MicrometerMetricsOptions()
            .setPrometheusOptions(new io.vertx.micrometer.VertxPrometheusOptions().setEnabled(true))
            .setJvmMetricsEnabled(true)
            .setEnabled(true));
    io.vertx.core.VertxBuilder builder = Vertx.builder().withTransport(transport);
    LOG.info("Network transport: {}", transport.name());
    if (!config.multiNode()) {
      start(builder.with(options).build(), config);
      return;
    }
    LOG.info("Joining the other nodes as {} (members {})", config.nodeHost().orElseThrow(), config.nodeMembers());
    MultiNode.join(builder, options, config)
        .onSuccess(vertx -> start(vertx, config))
        .onFailure(err -> {
          LOG.error("Paja could not join the other nodes: {}", err.getMessage(), err);
          System.exit(1);
        });
  }

  private static void start(Vertx vertx, PajaConfig config) {
    PajaServer.start(vertx, config)
        .onSuccess(server -> {
          LOG.info("Paja is running on http://localhost:{}/ ({} storage{})", server.port(),
              config.embeddedMongo() ? "embedded" : "external", config.multiNode() ? ", several nodes" : "");
          Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            CountDownLatch done = new CountDownLatch(1);
            server.stop().onComplete(ar -> vertx.close().onComplete(v -> done.countDown()));
            try {
              done.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }, "paja-shutdown"));
        })
        .onFailure(err -> {
          if (err instanceof fi.paja.storage.StorageFault) {
            // Its message says which directory or file and why; a stack trace would bury that.
            LOG.error("Paja cannot start: {}", err.getMessage());
          } else {
            LOG.error("Paja could not start: {}", err.getMessage(), err);
          }
          vertx.close();
          System.exit(1);
        });
  }
}
