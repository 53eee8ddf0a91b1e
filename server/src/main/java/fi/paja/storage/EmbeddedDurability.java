package fi.paja.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Group commit for the embedded store: callers that arrive while a commit runs wait for the next one, which then
 * covers all of them. So under load there is at most one commit running and one queued, whatever the number of
 * boards. Safe to call from any context; each caller's future completes on its own context.
 *
 * <p>One instance per opening of the store. Once a commit failed, every later sync fails too and
 * {@code onFailure} is told (once): the store's memory may hold writes its file lacks, and after a failed write or
 * fsync a later commit that works does not show that the earlier data reached the disk. Only a reopened store
 * acknowledges again.
 */
public final class EmbeddedDurability implements Durability {

  private final Vertx vertx;
  private final EmbeddedMongo mongo;
  private final Consumer<Throwable> onFailure;
  private final Object lock = new Object();
  private boolean running;
  private List<Waiter> waiting = new ArrayList<>();
  /** Why the last commit failed; from then on nothing is committed. */
  private volatile Throwable failed;

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

  public EmbeddedDurability(Vertx vertx, EmbeddedMongo mongo, Consumer<Throwable> onFailure) {
    this.vertx = vertx;
    this.mongo = mongo;
    this.onFailure = onFailure;
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
      Throwable earlier = failed;
      if (earlier != null) {
        throw new IllegalStateException("An earlier commit of this store failed", earlier);
      }
      mongo.commit();
      return null;
    }, false).onComplete(ar -> {
      if (ar.failed() && failed == null) {
        failed = ar.cause();
        // Before the waiters hear of it: whoever sees the failure finds storage already DOWN.
        onFailure.accept(ar.cause());
      }
      batch.forEach(w -> w.complete(ar.cause()));
      runNext();
    });
  }
}
