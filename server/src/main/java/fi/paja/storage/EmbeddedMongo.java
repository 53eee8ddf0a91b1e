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
  /** A map of its own for {@link #probe()}; the backend only reads maps named after its databases. */
  private static final String PROBE_MAP = "paja.probe";

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
    if (store.isClosed()) {
      // H2 closes the store when a write to its file fails, and a closed store's commit returns as if it had worked.
      throw new IllegalStateException("The embedded store is closed", store.getPanicException());
    }
    if (store.hasUnsavedChanges()) {
      backend.commit();
    }
  }

  /** Whether the store is closed: H2 closes it itself after a failed write to its file. */
  public boolean isClosed() {
    return store.isClosed();
  }

  /** When the file was created, from its header: tells the file opened at start from another one at the same path. */
  public String created() {
    Object created = store.getStoreHeader().get("created");
    // A new store's header holds a number; one read back from the file, its hexadecimal text.
    return created instanceof Number n ? Long.toHexString(n.longValue()) : String.valueOf(created);
  }

  /** A small write and a commit that the file has to take: shows that a reopened store can store again. Blocking. */
  public synchronized void probe() {
    store.<String, Long>openMap(PROBE_MAP).put("at", System.currentTimeMillis());
    commit();
  }

  /**
   * Lets go of a store that failed: no final commit (nothing it holds since its last commit was acknowledged), the
   * wire server stopped, and the file closed and unlocked so that it can be opened again. Blocking.
   */
  public synchronized void abandon() {
    // Closed first: the server's shutdown closes the backend, which would commit an open store.
    store.closeImmediately();
    server.shutdownNow();
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
