package fi.paja.owner;

import fi.paja.storage.Collections;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.function.LongSupplier;

/**
 * Which node owns which board: one document per board in {@code board_owners}, {@code {_id, node, until}}. A node
 * takes a board when nobody holds it or the holder's lease ran out, and renews it while the board is loaded; so a
 * board has one writer however many nodes share the database, and a node that died gives its boards up after
 * {@link #TTL_MILLIS}. Only operations both MongoDB and the embedded server support: an upsert whose filter fails
 * for a live lease of another node collides on {@code _id}, and that collision is the answer "held elsewhere".
 */
public final class BoardLeases {

  /** How long a lease lasts without renewal: the longest a board is unreachable after its node dies. */
  public static final long TTL_MILLIS = 10_000;
  /** Renewed this often while loaded: two renewals may fail before the lease runs out. */
  public static final long RENEW_MILLIS = TTL_MILLIS / 3;

  private final MongoClient mongo;
  private final String node;
  private final LongSupplier clock;

  public BoardLeases(MongoClient mongo, String node, LongSupplier clock) {
    this.mongo = mongo;
    this.node = node;
    this.clock = clock;
  }

  public String node() {
    return node;
  }

  /** Takes or renews the lease; true when this node holds it afterwards, false when another node does. */
  public Future<Boolean> acquire(String workshopId) {
    long now = clock.getAsLong();
    JsonObject free = new JsonObject().put("_id", workshopId).put("$or", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("node", node))
        .add(new JsonObject().put("until", new JsonObject().put("$lt", now))));
    JsonObject take = new JsonObject().put("$set", new JsonObject().put("node", node).put("until", now + TTL_MILLIS));
    return mongo.findOneAndUpdateWithOptions(Collections.BOARD_OWNERS, free, take, new FindOptions(),
        new UpdateOptions().setUpsert(true).setReturningNewDocument(true))
        .map(doc -> doc != null && node.equals(doc.getString("node")))
        .recover(err -> String.valueOf(err.getMessage()).contains("E11000")
            ? Future.succeededFuture(false) : Future.failedFuture(err));
  }

  /** Gives the board up at once (unloaded, or the node stops), so that another node need not wait. */
  public Future<Void> release(String workshopId) {
    return mongo.removeDocument(Collections.BOARD_OWNERS, new JsonObject().put("_id", workshopId).put("node", node))
        .mapEmpty();
  }

  /** The node holding a live lease on the board, if any. */
  public Future<String> holder(String workshopId) {
    return mongo.findOne(Collections.BOARD_OWNERS, new JsonObject().put("_id", workshopId), null)
        .map(doc -> doc == null || doc.getLong("until", 0L) < clock.getAsLong() ? null : doc.getString("node"));
  }
}
