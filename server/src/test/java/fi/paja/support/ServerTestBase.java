package fi.paja.support;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One server on the embedded database for all tests of a class, with the HTTP client an integration would use.
 * Each test class keeps only its own scenario and the helpers that belong to it; a class needing settings overrides
 * {@link #settings()}, and its own {@code @BeforeAll} (run after this one's) adds what else it needs.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServerTestBase {

  protected TestServer server;
  protected Vertx vertx;
  protected Api api;

  @BeforeAll
  protected void startServer(Vertx vertx) throws Exception {
    this.vertx = vertx;
    server = TestServer.start(vertx, settings());
    api = new Api(vertx, server.port());
  }

  /** The server's settings beyond the test defaults, e.g. {@code PAJA_TRUSTED_PROXIES}; {@link #vertx} is set. */
  protected Map<String, String> settings() throws Exception {
    return Map.of();
  }

  @AfterAll
  protected void stopServer() throws Exception {
    server.close();
  }
}
