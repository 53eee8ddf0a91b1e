package fi.paja.privacy;

import fi.paja.config.Retention;
import fi.paja.owner.BoardClient;
import fi.paja.storage.Storage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention (docs/SECURITY.md, "Retention"): every {@link Retention#checkEvery()} the cluster looks for closed
 * workshops that are due. Every node has the timer; one node per period does the work: the first to insert the
 * period's claim document ({@code jobs}, {@code _id} {@code retention/<period>}) into MongoDB, where a second insert
 * of the same {@code _id} fails. The period is the clock's time divided by the check interval, so a restart or another
 * node does not run it again in the same period, and a node that dies half way leaves the rest to the next period
 * (the work is idempotent: a workshop is anonymised until it has {@code anonymisedAt}, deleted while it exists).
 *
 * <p>Anonymising a workshop erases every participant but the owner and the authorship of every note on its board
 * (the board's own erasure, {@code workshop.anonymise}); then the workshop gets {@code anonymisedAt}. Deleting goes
 * through {@link WorkshopDeleter}.
 */
public final class RetentionJob {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
  public static final String JOBS = "jobs";
  /** Claim documents older than this many periods are deleted. */
  static final int KEEP_PERIODS = 48;

  /** What one run did. */
  public record Result(List<String> anonymised, List<String> deleted) {
  }

  private final Vertx vertx;
  private final Storage storage;
  private final BoardClient boards;
  private final WorkshopDeleter deleter;
  private final Retention retention;
  private final Clock clock;
  private final String node;
  private long timer = -1;
  private boolean running;
  private final java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger skips = new java.util.concurrent.atomic.AtomicInteger();

  /** Periods this node ran. */
  public int runs() {
    return runs.get();
  }

  /** Periods this node found claimed already. */
  public int skips() {
    return skips.get();
  }

  public RetentionJob(Vertx vertx, Storage storage, BoardClient boards, WorkshopDeleter deleter, Retention retention,
                      Clock clock, String node) {
    this.vertx = vertx;
    this.storage = storage;
    this.boards = boards;
    this.deleter = deleter;
    this.retention = retention;
    this.clock = clock;
    this.node = node;
  }

  /** Starts the timer (nothing when retention is off). */
  public void start() {
    if (retention.off()) {
      return;
    }
    long every = retention.checkEvery().toMillis();
    timer = vertx.setPeriodic(Math.min(every, 5_000), every, id -> tick()
        .onFailure(e -> LOG.warn("Retention: the run failed, it is tried again next period: {}", e.toString())));
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** The period the clock is in now. */
  long period() {
    return clock.millis() / retention.checkEvery().toMillis();
  }

  /**
   * Claims this period for this node and runs, or does nothing when another node (or this one, before a restart)
   * claimed it already. Completes with the run's result, or null when it did not run.
   */
  public Future<Result> tick() {
    if (running || retention.off()) {
      return Future.succeededFuture(null);
    }
    long period = period();
    JsonObject claim = new JsonObject().put("_id", "retention/" + period).put("job", "retention")
        .put("period", period).put("node", node).put("claimedAt", clock.instant().toString());
    running = true;
    return storage.durably(db -> db.insert(JOBS, claim))
        .map(true)
        .recover(err -> String.valueOf(err.getMessage()).contains("E11000")
            ? Future.succeededFuture(false) : Future.failedFuture(err))
        .compose(mine -> {
          if (!mine) {
            skips.incrementAndGet();
            return Future.<Result>succeededFuture(null);
          }
          runs.incrementAndGet();
          return run().compose(result -> storage.mongo().updateCollection(JOBS,
              new JsonObject().put("_id", claim.getString("_id")),
              new JsonObject().put("$set", new JsonObject().put("doneAt", clock.instant().toString())
                  .put("anonymised", result.anonymised().size()).put("deleted", result.deleted().size())))
              .compose(r -> storage.mongo().removeDocuments(JOBS, new JsonObject().put("job", "retention")
                  .put("period", new JsonObject().put("$lt", period - KEEP_PERIODS))))
              .map(result));
        })
        .onComplete(ar -> running = false);
  }

  /** Anonymises and deletes what is due now; one workshop after another. */
  public Future<Result> run() {
    Instant now = clock.instant();
    List<String> anonymised = new java.util.ArrayList<>();
    List<String> deleted = new java.util.ArrayList<>();
    return storage.mongo().findWithOptions(fi.paja.storage.Collections.WORKSHOPS,
        new JsonObject().put("closedAt", new JsonObject().put("$exists", true)),
        new FindOptions().setFields(new JsonObject().put("closedAt", 1).put("anonymisedAt", 1)))
        .compose(docs -> {
          Future<Void> chain = Future.succeededFuture();
          for (JsonObject doc : docs) {
            String id = doc.getString("_id");
            Instant closed;
            try {
              closed = Instant.parse(String.valueOf(doc.getValue("closedAt")));
            } catch (RuntimeException e) {
              continue;
            }
            Action action = due(closed, doc.getString("anonymisedAt") != null, now);
            if (action == Action.DELETE) {
              chain = chain
                  .compose(v -> deleter.delete(id).onSuccess(x -> deleted.add(id)).recover(e -> skipped(id, e)));
            } else if (action == Action.ANONYMISE) {
              chain = chain.compose(v -> anonymise(id).onSuccess(x -> anonymised.add(id)).recover(e -> skipped(id, e)));
            }
          }
          return chain;
        })
        .map(v -> {
          if (!anonymised.isEmpty() || !deleted.isEmpty()) {
            LOG.info("Retention: {} workshops anonymised, {} deleted", anonymised.size(), deleted.size());
          }
          return new Result(anonymised, deleted);
        });
  }

  /** One workshop that failed does not hold up the others; it is due again next period. */
  private static Future<Void> skipped(String workshopId, Throwable e) {
    LOG.warn("Retention: workshop {} left for the next period: {}", workshopId, e.toString());
    return Future.succeededFuture();
  }

  enum Action { NONE, ANONYMISE, DELETE }

  /** What is due for a workshop closed at {@code closed}, at {@code now}. */
  Action due(Instant closed, boolean anonymisedAlready, Instant now) {
    if (retention.deleteAfter().isPresent() && !closed.plus(retention.deleteAfter().get()).isAfter(now)) {
      return Action.DELETE;
    }
    if (!anonymisedAlready && retention.anonymiseAfter().isPresent()
        && !closed.plus(retention.anonymiseAfter().get()).isAfter(now)) {
      return Action.ANONYMISE;
    }
    return Action.NONE;
  }

  /** The board erases everyone (answered once its op log is dropped), then the workshop records when. */
  private Future<Void> anonymise(String workshopId) {
    return boards.anonymise(workshopId).compose(at -> storage.durably(db -> db.updateCollection(
        fi.paja.storage.Collections.WORKSHOPS, new JsonObject().put("_id", workshopId),
        new JsonObject().put("$set", new JsonObject().put("anonymisedAt", at)))))
        .mapEmpty();
  }
}
