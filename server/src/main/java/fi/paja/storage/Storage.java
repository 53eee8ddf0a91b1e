package fi.paja.storage;

import com.mongodb.MongoClientSettings;
import fi.paja.config.PajaConfig;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.vertxinternals.MongoSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database: a MongoDB client (embedded server or a real MongoDB, same driver code path), the durability
 * barrier that goes with it, and the indexes Paja needs. The embedded server is kept by {@link EmbeddedStore}, which
 * reopens it after a storage fault.
 */
public final class Storage {

  private static final Logger LOG = LoggerFactory.getLogger(Storage.class);

  private final MongoClient client;
  private final Durability durability;
  private final EmbeddedStore embedded;

  private Storage(MongoClient client, Durability durability, EmbeddedStore embedded) {
    this.client = client;
    this.durability = durability;
    this.embedded = embedded;
  }

  public static Future<Storage> open(Vertx vertx, PajaConfig config) {
    if (config.embeddedMongo()) {
      Path dataDir = config.dataDir();
      return EmbeddedStore.open(vertx, dataDir, () -> connectEmbedded(vertx, dataDir, config.mongoDatabase()))
          .compose(embedded -> prepare(new Storage(embedded.client(), null, embedded)));
    }
    String url = MongoUrls.withDurableDefaults(config.mongoUrl().orElseThrow());
    LOG.info("Using MongoDB at {}", MongoUrls.redacted(url));
    MongoClient client = MongoClient.create(vertx, clientConfig(url, config.mongoDatabase()));
    return prepare(new Storage(client, Durability.byWriteConcern(), null));
  }

  /**
   * Opens the embedded store file, starts its wire server and connects a client to it: at start, and again for each
   * reopen after a storage fault. Blocking.
   */
  private static EmbeddedStore.Connection connectEmbedded(Vertx vertx, Path dataDir, String database)
      throws IOException {
    return connectEmbedded(vertx, dataDir, database, 5000);
  }

  static EmbeddedStore.Connection connectEmbedded(Vertx vertx, Path dataDir, String database, int timeoutMillis)
      throws IOException {
    EmbeddedMongo embedded = EmbeddedMongo.start(dataDir);
    JsonObject clientConfig = clientConfig(EmbeddedMongo.CONNECTION_STRING + "/?serverSelectionTimeoutMS="
        + timeoutMillis + "&connectTimeoutMS=" + timeoutMillis, database);
    // Vert.x's own settings for that config (its JSON codecs among them), on the in-process transport.
    MongoClientSettings settings = embedded.clientSettings(MongoSettings.of(vertx, clientConfig));
    MongoClient client = MongoClient.createWithMongoSettings(vertx, clientConfig,
        UUID.randomUUID().toString(), settings); // a pool of its own, as MongoClient.create gives
    return new EmbeddedStore.Connection(embedded, client);
  }

  private static JsonObject clientConfig(String url, String database) {
    return new JsonObject().put("connection_string", url).put("db_name", database);
  }

  private static Future<Storage> prepare(Storage storage) {
    return storage.createIndexes().map(storage);
  }

  private Future<Void> createIndexes() {
    MongoClient c = client;
    return Future.all(List.of(
        c.createIndexWithOptions(Collections.ACCOUNTS, new JsonObject().put("username", 1),
            new IndexOptions().unique(true)),
        c.createIndexWithOptions(Collections.WORKSHOPS, new JsonObject().put("joinCode", 1),
            new IndexOptions().unique(true).sparse(true)),
        c.createIndex(Collections.WORKSHOPS, new JsonObject().put("ownerAccountId", 1)),
        c.createIndexWithOptions(Collections.WORKSHOPS, new JsonObject().put("publicId", 1),
            new IndexOptions().unique(true).sparse(true)),
        c.createIndex(Collections.PARTICIPANTS, new JsonObject().put("workshopId", 1)),
        c.createIndex(Collections.NOTES, new JsonObject().put("w", 1)),
        // The _id ("<workshop>/<seq>") already makes (w, s) unique; this index only serves catch-up reads.
        c.createIndex(Collections.EVENTS, new JsonObject().put("w", 1).put("s", 1)),
        c.createIndex(Collections.SESSIONS, new JsonObject().put("expiresAt", 1)),
        c.createIndex(Collections.SESSIONS, new JsonObject().put("accountId", 1)),
        c.createIndex(Collections.WORKSHOPS, new JsonObject().put("coFacilitatorAccountIds", 1)),
        c.createIndex(Collections.PARTICIPANT_DEVICES, new JsonObject().put("w", 1).put("p", 1))))
        .mapEmpty();
  }

  public MongoClient mongo() {
    return client;
  }

  /**
   * Runs {@code write} (one or more writes through the client it is given) and makes it durable: the future
   * succeeds only once the write can no longer be lost, and only then may it be acknowledged to anyone. With the
   * embedded store the client given belongs to its current opening, so that a store reopened meanwhile (after a
   * fault) cannot seem to have made durable what it never received.
   */
  public <T> Future<T> durably(Function<MongoClient, Future<T>> write) {
    if (embedded != null) {
      return embedded.durably(write);
    }
    Future<T> written;
    try {
      written = write.apply(client);
    } catch (RuntimeException e) {
      written = Future.failedFuture(e);
    }
    return written.compose(r -> durability.sync().map(r));
  }

  /** A change whose write failed half way: it may or may not have been stored. */
  public static PajaException maybeStored() {
    return new PajaException(ErrorCode.STORAGE_UNAVAILABLE,
        "The database failed while storing the change; it may or may not have been made. Check before retrying.");
  }

  /** Null when storage can take writes as far as Paja knows; otherwise a short reason, without paths or addresses. */
  public String fault() {
    return embedded != null ? embedded.fault() : null;
  }

  /** The embedded store, for backups; empty with an external MongoDB. */
  public java.util.Optional<EmbeddedStore> embedded() {
    return java.util.Optional.ofNullable(embedded);
  }

  public String mode() {
    return embedded != null ? "embedded" : "external";
  }

  /** Succeeds when the database answers. */
  public Future<Void> ping() {
    return client.runCommand("ping", new JsonObject().put("ping", 1)).mapEmpty();
  }

  public Future<Void> close(Vertx vertx) {
    return embedded != null ? embedded.close() : client.close();
  }
}
