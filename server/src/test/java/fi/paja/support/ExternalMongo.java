package fi.paja.support;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * A MongoDB outside the server (mongo-java-server in memory on a loopback port), as an operator's external database:
 * what several nodes share, or what a test cuts off. The server's own embedded default has no network endpoint.
 */
public final class ExternalMongo implements AutoCloseable {

  private final MongoServer mongo;

  private ExternalMongo(MongoServer mongo) {
    this.mongo = mongo;
  }

  public static ExternalMongo start() {
    MongoServer mongo = new MongoServer(H2Backend.inMemory());
    mongo.bind("127.0.0.1", 0);
    return new ExternalMongo(mongo);
  }

  public int port() {
    return mongo.getLocalAddress().getPort();
  }

  /** For {@code PAJA_MONGO_URL}. */
  public String url() {
    return "mongodb://127.0.0.1:" + port();
  }

  @Override
  public void close() {
    mongo.shutdownNow();
  }
}
