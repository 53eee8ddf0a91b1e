package fi.paja.storage;

import io.vertx.core.Future;

/**
 * Makes writes that the database has acknowledged durable before Paja acknowledges them to a user.
 *
 * <p>With a real MongoDB the write concern (majority, journaled) already did that, so this is a no-op. With the
 * embedded server it commits the H2 store and fsyncs its file; concurrent callers share one commit (group commit).
 */
public interface Durability {

  Future<Void> sync();

  static Durability byWriteConcern() {
    return Future::succeededFuture;
  }
}
