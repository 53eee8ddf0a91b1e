package fi.paja.owner;

import fi.paja.board.Board;
import fi.paja.error.PajaException;
import fi.paja.metrics.PajaMetrics;
import fi.paja.storage.Storage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a board's checkpoint is written, and after an erasure the op log dropped: a checkpoint writes the notes and
 * board-wide state that changed, so that a load replays only a short tail of the log; after an erasure a whole
 * checkpoint is written, the log up to it dropped and the people's sessions and devices deleted, and only then are
 * the erasures answered. One at a time, and only what is durable already: taken between groups, after a group's
 * persist (the {@link BoardActor} says when it is writing). Runs on the board's context.
 */
final class Checkpoints {

  private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
  /** A checkpoint is written after this many events or this long after the last one, whichever comes first. */
  static final int CHECKPOINT_EVENTS = 500;
  static final long CHECKPOINT_MILLIS = 2_000;
  /** Commands that erase people: answered only once the op log holding them is dropped ({@link #compact}). */
  static final Set<String> ERASING = Set.of("participant.erase", "participant.leave", "workshop.anonymise");

  private final Board board;
  private final BoardStore store;
  private final JsonObject workshop;
  private final ArrayDeque<JsonObject> recent;
  private final Clock clock;
  private final PajaMetrics metrics;
  /** The actor is writing a group, or stopped: no checkpoint now. */
  private final BooleanSupplier blocked;
  private final Consumer<Work.Done> reply;
  private final Refusals refusals;

  private long lastCheckpoint = System.currentTimeMillis();
  private boolean checkpointing;
  /** An erasure is applied and durable; the checkpoint and log drop up to this seq are still to be made (-1: none). */
  private long compactTo = -1;
  private final Set<String> compactPeople = new LinkedHashSet<>();
  private final List<Work.Done> awaitingCompaction = new ArrayList<>();

  Checkpoints(Board board, BoardStore store, JsonObject workshop, ArrayDeque<JsonObject> recent, Clock clock,
              PajaMetrics metrics, BooleanSupplier blocked, Consumer<Work.Done> reply, Refusals refusals) {
    this.board = board;
    this.store = store;
    this.workshop = workshop;
    this.recent = recent;
    this.clock = clock;
    this.metrics = metrics;
    this.blocked = blocked;
    this.reply = reply;
    this.refusals = refusals;
  }

  /** An erasure replayed from the log at load: its compaction did not finish before the board was last stopped. */
  void resumeErasures() {
    for (JsonObject e : recent) {
      if ("participants.erased".equals(e.getString("type"))) {
        compactTo = board.seq();
        e.getJsonArray("participantIds", new JsonArray()).forEach(id -> compactPeople.add(String.valueOf(id)));
      }
    }
  }

  /** A checkpoint is being written. */
  boolean writing() {
    return checkpointing;
  }

  /** People were erased at the board's current seq: the log naming them is to be dropped. */
  void erased(List<String> participantIds) {
    compactTo = board.seq();
    compactPeople.addAll(participantIds);
  }

  /** An erasure's reply, sent once the log naming the people is gone. */
  void answerAfterCompaction(Work.Done done) {
    awaitingCompaction.add(done);
  }

  /** The next {@link #ifDue} writes whatever changed, however little (a board being stopped). */
  void dueNow() {
    lastCheckpoint = 0;
  }

  /** Writes the changes since the last checkpoint when enough happened or enough time passed. */
  void ifDue() {
    if (compactTo >= 0) {
      compact();
      return;
    }
    int events = board.eventsSinceCheckpoint();
    if (checkpointing || blocked.getAsBoolean() || events == 0) {
      return;
    }
    long now = System.currentTimeMillis();
    if (events < CHECKPOINT_EVENTS && now - lastCheckpoint < CHECKPOINT_MILLIS) {
      return;
    }
    BoardStore.Checkpoint checkpoint = BoardStore.Checkpoint.of(board);
    lastCheckpoint = now;
    checkpointing = true;
    store.checkpoint(checkpoint).onComplete(ar -> {
      checkpointing = false;
      metrics.checkpoint(ar.succeeded());
      if (ar.failed()) {
        // Nothing is lost (the log has it all); the next checkpoint writes these changes again. While storage is down
        // that is every 2 s for every board: the storage layer reports the fault instead.
        if (!(ar.cause() instanceof PajaException)) {
          LOG.warn("Workshop {}: checkpoint at seq {} failed: {}", board.workshopId(), checkpoint.seq(),
              ar.cause().toString());
        }
        board.giveBack(checkpoint.changes());
      }
    });
  }

  /**
   * After an erasure: a checkpoint of the whole erased state, then the op log up to it dropped and the people's
   * sessions and device rows deleted ({@link BoardStore#compact}); then the erasures waiting are answered. A failure
   * is retried with the next checkpoint; a board stopped before it finished does it when it is loaded again.
   */
  private void compact() {
    if (checkpointing || blocked.getAsBoolean()) {
      return;
    }
    BoardStore.Checkpoint checkpoint = BoardStore.Checkpoint.of(board);
    List<String> people = List.copyOf(compactPeople);
    List<Work.Done> waiting = List.copyOf(awaitingCompaction);
    awaitingCompaction.clear();
    lastCheckpoint = System.currentTimeMillis();
    checkpointing = true;
    String workshopId = board.workshopId();
    store.checkpoint(checkpoint).compose(v -> store.compact(workshopId, checkpoint.seq(), people)).onComplete(ar -> {
      checkpointing = false;
      metrics.checkpoint(ar.succeeded());
      if (ar.succeeded()) {
        recent.removeIf(e -> e.getLong("seq") <= checkpoint.seq());
        if (compactTo <= checkpoint.seq()) {
          compactTo = -1;
          compactPeople.removeAll(people);
        }
        String at = clock.instant().toString();
        for (Work.Done d : waiting) {
          if ("workshop.anonymise".equals(d.op())) {
            workshop.put("anonymisedAt", at);
            d.reply().put("anonymisedAt", at);
          }
          reply.accept(d);
        }
      } else {
        LOG.warn("Workshop {}: dropping the log after an erasure failed (retried): {}", workshopId,
            ar.cause().toString());
        board.giveBack(checkpoint.changes());
        waiting.forEach(d -> refusals.fail(d.message(), Storage.maybeStored()));
      }
    });
  }
}
