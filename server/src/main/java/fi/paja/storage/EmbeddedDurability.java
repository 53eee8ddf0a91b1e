package fi.paja.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * Group commit for the embedded store: callers that arrive while a commit runs wait for the next one, which then
 * covers all of them. So under load there is at most one commit running and one queued, whatever the number of
 * boards. Safe to call from any context; each caller's future completes on its own context.
 */
public final class EmbeddedDurability implements Durability {

  private final Vertx vertx;
  private final EmbeddedMongo mongo;
  private final Object lock = new Object();
  private boolean running;
  private List<Waiter> waiting = new ArrayList<>();

  private record Waiter(Context context, Promise<Void> promise) {
    void complete(Throwable failure) {
      context.runOnContext(v -> {
        if (failure == null) {
          promise.complete();
        } else {
          promise.fail(failure);
        }
      });
    }
  }

  public EmbeddedDurability(Vertx vertx, EmbeddedMongo mongo) {
    this.vertx = vertx;
    this.mongo = mongo;
  }

  @Override
  public Future<Void> sync() {
    Promise<Void> promise = Promise.promise();
    boolean start;
    synchronized (lock) {
      waiting.add(new Waiter(vertx.getOrCreateContext(), promise));
      start = !running;
      running = true;
    }
    if (start) {
      runNext();
    }
    return promise.future();
  }

  private void runNext() {
    List<Waiter> batch;
    synchronized (lock) {
      if (waiting.isEmpty()) {
        running = false;
        return;
      }
      batch = waiting;
      waiting = new ArrayList<>();
    }
    vertx.executeBlocking(() -> {
      mongo.commit();
      return null;
    }, false).onComplete(ar -> {
      batch.forEach(w -> w.complete(ar.cause()));
      runNext();
    });
  }
}
