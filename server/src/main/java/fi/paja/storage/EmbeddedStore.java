package fi.paja.storage;

import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mongo.MongoClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded store writable or says that it is not: notices when it cannot write (disk full, file or file
 * system made read-only or immutable), refuses changes meanwhile, and reopens it by itself once it can write again.
 *
 * <p>H2 closes its store at the first write to the file that fails, and a closed store stays closed; so a fault
 * ends this opening of the store, with its wire server and client. Every {@value #CHECK_MILLIS} ms a reopen is
 * tried: a probe file written and synced in the data directory, the store file opened as at start, a small write
 * committed. The reopened file holds what was committed, and that includes everything acknowledged: nothing is
 * acknowledged before its commit, and an opening whose commit failed never acknowledges again. Changes that were
 * written but not acknowledged may be there or not.
 *
 * <p>Boards still in memory stay consistent with it: a board whose write failed stopped itself and is loaded again
 * from the reopened store; one that wrote nothing holds what was acknowledged, which the file holds too. That is
 * why a reopen insists on the same file, and never creates an empty one where the data directory's file system was
 * unmounted, say.
 */
public final class EmbeddedStore {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStore.class);
  /** How often an open store is checked, and a store that is down tried again. */
  static final long CHECK_MILLIS = 1_000;

  /** One opening of the store: the file and the wire server on it, and a client connected to that server. */
  public record Connection(EmbeddedMongo mongo, MongoClient client) {
  }

  /**
   * Opens the store file, starts the wire server on it and connects a client to that server: the one step a reopen
   * repeats, the same as at start. Blocking.
   */
  @FunctionalInterface
  public interface Connector {
    Connection connect() throws Exception;
  }

  private record Opening(Connection connection, EmbeddedDurability durability) {
    EmbeddedMongo mongo() {
      return connection.mongo();
    }

    MongoClient client() {
      return connection.client();
    }
  }

  private final Vertx vertx;
  private final Path dataDir;
  private final Connector connector;
  private final FaultLog log = new FaultLog();
  private final MongoClient client;
  /** Null while the store is down. */
  private volatile Opening current;
  private volatile StorageFault fault;
  /** The store file's creation stamp, from the opening at start. */
  private volatile String created;
  /** A reopen, or the letting go of a failed opening, is under way; guarded by this. */
  private boolean busy;
  private boolean closed;
  private long timer = -1;

  private EmbeddedStore(Vertx vertx, Path dataDir, Connector connector) {
    this.vertx = vertx;
    this.dataDir = dataDir;
    this.connector = connector;
    this.client = CurrentClient.of(() -> {
      Opening o = current;
      return o == null ? null : o.client();
    }, this::refusal);
  }

  /**
   * Opens the store in {@code dataDir}, or fails naming the directory or file and the reason when Paja cannot write
   * there: a server that starts anyway would refuse every change.
   */
  public static Future<EmbeddedStore> open(Vertx vertx, Path dataDir, Connector connector) {
    EmbeddedStore store = new EmbeddedStore(vertx, dataDir, connector);
    return vertx.executeBlocking(() -> store.openChecked(true)).map(opening -> {
      store.current = opening;
      store.timer = vertx.setPeriodic(CHECK_MILLIS, id -> store.check());
      return store;
    });
  }

  /** The client for everything: it follows reopens, and refuses at once while the store is down. */
  public MongoClient client() {
    return client;
  }

  /**
   * Runs {@code write} against the current opening and commits that opening. If the store fails meanwhile the
   * write is not acknowledged, even if a reopened store is up by the time it would be: that one does not hold it.
   */
  public <T> Future<T> durably(Function<MongoClient, Future<T>> write) {
    Opening o = current;
    if (o == null) {
      return Future.failedFuture(refusal());
    }
    Future<T> written;
    try {
      written = write.apply(o.client());
    } catch (RuntimeException e) {
      written = Future.failedFuture(e);
    }
    return written.compose(r -> o.durability().sync().map(r))
        .recover(err -> current == o ? Future.failedFuture(err) : Future.failedFuture(Storage.maybeStored()));
  }

  /**
   * Writes the store file as of its last commit to {@code out} while Paja goes on writing (see
   * {@link EmbeddedMongo#copyCommitted}); fails while the store is down. Blocking: call from a worker.
   */
  public long copyCommitted(java.io.OutputStream out) throws java.io.IOException {
    Opening o = current;
    if (o == null) {
      throw refusal();
    }
    return o.mongo().copyCommitted(out);
  }

  /** The data directory of the store file. */
  public Path dataDir() {
    return dataDir;
  }

  /** Null while the store writes; otherwise why not, briefly and without paths. */
  public String fault() {
    if (current != null) {
      return null;
    }
    StorageFault f = fault;
    return f == null ? "closed" : f.reason();
  }

  public Future<Void> close() {
    Opening o;
    synchronized (this) {
      closed = true;
      o = current;
      current = null;
    }
    vertx.cancelTimer(timer);
    if (o == null) {
      return Future.succeededFuture();
    }
    return o.client().close().eventually(() -> vertx.executeBlocking(() -> {
      o.mongo().close();
      return null;
    }));
  }

  private PajaException refusal() {
    log.refused();
    return new PajaException(ErrorCode.STORAGE_UNAVAILABLE);
  }

  /** Opens the store and proves that it can write, or throws why not. Blocking. */
  private Opening openChecked(boolean atStart) throws StorageFault {
    DataDir.checkWritable(dataDir);
    Path file = dataDir.resolve(EmbeddedMongo.FILE_NAME).toAbsolutePath();
    if (!atStart && !Files.exists(file)) {
      throw new StorageFault("The data file " + file + " is missing (is its file system mounted?); an empty one is "
          + "not started in its place", "data file missing", null);
    }
    Connection connection;
    try {
      connection = connector.connect();
    } catch (Exception e) {
      throw StorageFault.of("Cannot open the data file " + file, e);
    }
    try {
      String stamp = connection.mongo().created();
      if (!atStart && !stamp.equals(created)) {
        throw new StorageFault("The data file " + file + " is not the one opened at start; restart Paja to use it",
            "data file replaced", null);
      }
      connection.mongo().probe();
      created = stamp;
    } catch (Exception e) {
      connection.client().close();
      connection.mongo().abandon();
      throw StorageFault.of("Cannot write the data file " + file, e);
    }
    EmbeddedMongo mongo = connection.mongo();
    return new Opening(connection, new EmbeddedDurability(vertx, mongo, cause -> failed(mongo, cause)));
  }

  /** A commit of {@code mongo} failed, or it closed itself: this opening is over. */
  private void failed(EmbeddedMongo mongo, Throwable cause) {
    Opening o;
    StorageFault f = StorageFault.of("Cannot write the data file " + dataDir.resolve(EmbeddedMongo.FILE_NAME)
        .toAbsolutePath(), cause);
    synchronized (this) {
      o = current;
      if (closed || o == null || o.mongo() != mongo) {
        return;
      }
      current = null;
      fault = f;
      busy = true;
    }
    log.down(f, CHECK_MILLIS);
    // The client first, as at shutdown: its connections end before the server side goes. Bounded, so that a client
    // that never finishes closing cannot keep the store from being reopened.
    o.client().close().timeout(5, TimeUnit.SECONDS)
        .eventually(() -> vertx.executeBlocking(() -> {
          o.mongo().abandon();
          return null;
        }, false))
        .onComplete(ar -> {
          synchronized (this) {
            busy = false;
          }
        });
  }

  /** Every {@value #CHECK_MILLIS} ms: is the open store still open; can a store that is down be opened again. */
  private void check() {
    Opening o = current;
    if (o != null) {
      // Closing takes H2's store lock, which a commit may hold: asked off the event loop.
      vertx.executeBlocking(() -> o.mongo().isClosed(), false).onSuccess(isClosed -> {
        if (isClosed) {
          failed(o.mongo(), new IllegalStateException("The store closed itself"));
        }
      });
      return;
    }
    synchronized (this) {
      if (busy || closed) {
        return;
      }
      busy = true;
    }
    StorageFault f = fault;
    if (f != null) {
      log.stillDown(f);
    }
    vertx.executeBlocking(() -> openChecked(false), false).onComplete(ar -> {
      boolean up;
      synchronized (this) {
        busy = false;
        up = ar.succeeded() && !closed;
        if (up) {
          current = ar.result();
        }
      }
      if (up) {
        log.up();
      } else if (ar.succeeded()) {
        ar.result().client().close();
        vertx.executeBlocking(() -> {
          ar.result().mongo().close();
          return null;
        });
      } else {
        fault = StorageFault.of("Cannot reopen the store", ar.cause());
        LOG.debug("Storage still down: {}", fault.getMessage());
      }
    });
  }
}
