package fi.paja.support;

import static fi.paja.support.TestServer.await;

import fi.paja.MultiNode;
import fi.paja.PajaServer;
import fi.paja.config.PajaConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * One server node in this JVM: a clustered Vert.x (Hazelcast on loopback) joined to the other nodes, and the server
 * on it, sharing {@code PAJA_MONGO_URL} with them, as an operator runs several behind a load balancer. A node in a
 * process of its own (to kill it) is {@link ServerProcess} with the same {@link #env}.
 */
public final class TestNode implements AutoCloseable {

  private final Vertx vertx;
  private PajaServer server;

  private TestNode(Vertx vertx, PajaServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  /** The settings that make a node join the others on this machine and use the shared database. */
  public static Map<String, String> env(String mongoUrl) {
    return Map.of("PAJA_MONGO_URL", mongoUrl, "PAJA_CLUSTER_MEMBERS", "127.0.0.1", "PAJA_CLUSTER_HOST", "127.0.0.1");
  }

  public static TestNode start(String mongoUrl) throws Exception {
    return start(mongoUrl, Map.of());
  }

  /** With more settings, e.g. {@code PAJA_RETENTION_CHECK_SECONDS}. */
  public static TestNode start(String mongoUrl, Map<String, String> extraEnv) throws Exception {
    Map<String, String> env = new HashMap<>(extraEnv);
    env.putAll(env(mongoUrl));
    PajaConfig config = TestServer.config(Files.createTempDirectory("paja-node"), 0, env);
    Vertx vertx = await(MultiNode.join(Vertx.builder(), new VertxOptions(), config));
    try {
      return new TestNode(vertx, await(PajaServer.start(vertx, config)));
    } catch (Exception e) {
      await(vertx.close());
      throw e;
    }
  }

  public Vertx vertx() {
    return vertx;
  }

  public PajaServer server() {
    return server;
  }

  public int port() {
    return server.port();
  }

  public Api api() {
    return new Api(vertx, port());
  }

  public boolean running() {
    return server != null;
  }

  /** Stops the server cleanly and leaves the cluster; a second call does nothing. */
  @Override
  public void close() throws Exception {
    if (server != null) {
      await(server.stop());
      await(vertx.close());
      server = null;
    }
  }
}
