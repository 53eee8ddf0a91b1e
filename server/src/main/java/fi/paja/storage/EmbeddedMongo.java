package fi.paja.storage;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process MongoDB-wire-protocol server used when no MongoDB is configured, backed by one H2 MVStore file
 * under the data directory. Paja talks to it through the ordinary driver, by URL, like to a real MongoDB.
 *
 * <p>H2 commits in the background by default, which loses about the last second of acknowledged writes when the
 * process is killed. So the background writer is off and {@link #commit()} is called (through
 * {@link Durability}) after a group of writes and before they are acknowledged to anyone. Old chunks are freed at
 * once (retention 0) or the file grows by tens of kilobytes per commit.
 */
public final class EmbeddedMongo implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMongo.class);
  public static final String FILE_NAME = "paja.mv";

  private final MVStore store;
  private final H2Backend backend;
  private final MongoServer server;
  private final InetSocketAddress address;

  private EmbeddedMongo(MVStore store, H2Backend backend, MongoServer server, InetSocketAddress address) {
    this.store = store;
    this.backend = backend;
    this.server = server;
    this.address = address;
  }

  /** Opens (or creates) the database file in {@code dataDir} and listens on a free loopback port. */
  public static EmbeddedMongo start(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve(FILE_NAME);
    MVStore store = new MVStore.Builder()
        .fileName(file.toString())
        .autoCommitDisabled()
        .open();
    store.setRetentionTime(0);
    store.setVersionsToKeep(0);
    H2Backend backend = new H2Backend(store);
    MongoServer server = new MongoServer(backend);
    server.bind("127.0.0.1", 0);
    InetSocketAddress address = server.getLocalAddress();
    LOG.info("Embedded MongoDB on {} with data in {}", address, file.toAbsolutePath());
    return new EmbeddedMongo(store, backend, server, address);
  }

  public String connectionString() {
    return "mongodb://127.0.0.1:" + address.getPort();
  }

  /**
   * Makes every write the server has applied so far durable against a killed process: the MVStore writes its
   * changes to the file (the OS keeps them even if this JVM dies). Blocking: call from a worker.
   */
  public synchronized void commit() {
    if (store.hasUnsavedChanges()) {
      backend.commit();
    }
  }

  @Override
  public synchronized void close() {
    server.shutdownNow();
    if (!store.isClosed()) {
      backend.commit();
      backend.close();
    }
  }
}
