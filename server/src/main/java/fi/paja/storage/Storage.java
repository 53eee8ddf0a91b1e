package fi.paja.storage;

import com.mongodb.MongoClientSettings;
import fi.paja.config.PajaConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.impl.config.MongoClientOptionsParser;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database: a MongoDB client (embedded server or a real MongoDB, same driver code path), the durability
 * barrier that goes with it, and the indexes Paja needs.
 */
public final class Storage {

  private static final Logger LOG = LoggerFactory.getLogger(Storage.class);

  private final MongoClient client;
  private final Durability durability;
  private final EmbeddedMongo embedded;

  private Storage(MongoClient client, Durability durability, EmbeddedMongo embedded) {
    this.client = client;
    this.durability = durability;
    this.embedded = embedded;
  }

  public static Future<Storage> open(Vertx vertx, PajaConfig config) {
    if (config.embeddedMongo()) {
      return vertx.executeBlocking(() -> EmbeddedMongo.start(config.dataDir()))
          .compose(embedded -> {
            JsonObject clientConfig = clientConfig(
                EmbeddedMongo.CONNECTION_STRING + "/?serverSelectionTimeoutMS=5000&connectTimeoutMS=5000",
                config.mongoDatabase());
            // Vert.x's own settings for that config (its JSON codecs among them), on the in-process transport.
            MongoClientSettings settings = embedded.clientSettings(
                new MongoClientOptionsParser(vertx, clientConfig).settings());
            MongoClient client = MongoClient.createWithMongoSettings(vertx, clientConfig,
                UUID.randomUUID().toString(), settings); // a pool of its own, as MongoClient.create gives
            return prepare(new Storage(client, new EmbeddedDurability(vertx, embedded), embedded));
          });
    }
    String url = MongoUrls.withDurableDefaults(config.mongoUrl().orElseThrow());
    LOG.info("Using MongoDB at {}", MongoUrls.redacted(url));
    MongoClient client = MongoClient.create(vertx, clientConfig(url, config.mongoDatabase()));
    return prepare(new Storage(client, Durability.byWriteConcern(), null));
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
            c.createIndex(Collections.SESSIONS, new JsonObject().put("expiresAt", 1))))
        .mapEmpty();
  }

  public MongoClient mongo() {
    return client;
  }

  public Durability durability() {
    return durability;
  }

  public String mode() {
    return embedded != null ? "embedded" : "external";
  }

  /** Succeeds when the database answers. */
  public Future<Void> ping() {
    return client.runCommand("ping", new JsonObject().put("ping", 1)).mapEmpty();
  }

  public Future<Void> close(Vertx vertx) {
    return client.close()
        .eventually(() -> embedded == null ? Future.succeededFuture()
            : vertx.executeBlocking(() -> {
              embedded.close();
              return null;
            }));
  }
}
