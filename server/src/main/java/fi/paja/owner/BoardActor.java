package fi.paja.owner;

import fi.paja.auth.Devices;
import fi.paja.board.Addresses;
import fi.paja.board.Board;
import fi.paja.board.Command;
import fi.paja.board.CommandDecoder;
import fi.paja.board.Event;
import fi.paja.config.Limits;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.metrics.PajaMetrics;
import fi.paja.owner.Work.CommandWork;
import fi.paja.owner.Work.Done;
import fi.paja.owner.Work.ReadWork;
import fi.paja.storage.Storage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single owner of one board. Commands from every node reach it over the event bus and are handled one group
 * at a time: checked and applied in memory, the group's events written to MongoDB in one go and made durable,
 * then acknowledged and published. A command is never acknowledged before its change is durable; reads (snapshots,
 * catch-up) wait until no group is being written, so a client never sees a change that could still be lost.
 *
 * <p>Its parts: {@link RequestDispatcher} (the server's own requests, {@link BoardRequest}), {@link BoardReads}
 * (answers that change nothing), {@link Presence} (who is online, ready, hands up), {@link Checkpoints} (when the
 * materialised state is written and the log dropped after an erasure), {@link PushClaims} (one issue-tracker push
 * per item). All of this runs on one Vert.x context, so the board needs no locks.
 */
final class BoardActor {

  private static final Logger LOG = LoggerFactory.getLogger(BoardActor.class);
  private static final int MAX_GROUP = 256;
  /** Commands waiting for a board beyond this are refused with {@code busy}: a couple of seconds of work on a busy board. */
  static final int MAX_QUEUE = 500;
  /**
   * A command that waited this long is refused with {@code busy} instead of being applied, and while the oldest
   * waiting one is this late new ones are refused at once: an overloaded board sheds stale work (its senders retry)
   * rather than answering everyone later and later, up to the senders' own timeouts.
   */
  static final long MAX_WAIT_MILLIS = 5_000;

  private final Vertx vertx;
  private final BoardStore store;
  private final Devices devices;
  private final Clock clock;
  private final String workshopId;
  private final JsonObject workshop;
  private final Board board;
  private final ArrayDeque<JsonObject> recent;
  private final Runnable onStopped;
  private final PajaMetrics metrics;
  private final Refusals refusals;
  private final Presence presence;
  private final Checkpoints checkpoints;
  private final BoardReads reads;
  private final PushClaims pushes;
  private final RequestDispatcher requests;
  private final AfterPersist afterPersist;
  private final ArrayDeque<Work> queue = new ArrayDeque<>();
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();
  private boolean writing;
  private long checkpointTimer = -1;
  /** Why a stopped board refuses what still reaches it: storage trouble, or unloaded while idle (retry). */
  private ErrorCode stoppedCode = ErrorCode.STORAGE_UNAVAILABLE;
  private long lastActivity = System.currentTimeMillis();
  private boolean stopped;
  /** The node is shutting down: the group being written finishes, nothing new starts. */
  private boolean stopping;
  /** A read that failed is logged once per board (a bug): later ones are answered internal_error without a trace. */
  private boolean readFailureLogged;

  BoardActor(Vertx vertx, BoardStore store, Devices devices, Clock clock, BoardStore.Loaded loaded,
             Runnable onStopped, PajaMetrics metrics) {
    this.metrics = metrics;
    this.vertx = vertx;
    this.store = store;
    this.devices = devices;
    this.clock = clock;
    this.workshop = loaded.workshop();
    this.board = loaded.board();
    this.workshopId = board.workshopId();
    this.recent = new ArrayDeque<>(loaded.recentEvents());
    this.onStopped = onStopped;
    this.refusals = new Refusals(metrics);
    this.presence = new Presence(vertx, workshopId);
    this.checkpoints = new Checkpoints(board, store, workshop, recent, clock, metrics, () -> writing || stopped,
        this::reply, refusals);
    this.reads = new BoardReads(vertx, board, workshop, recent, presence, clock, refusals);
    this.pushes = new PushClaims(vertx, board, workshop, refusals);
    this.requests = new RequestDispatcher(this, reads, pushes, presence, workshop, refusals);
    this.afterPersist = new AfterPersist(vertx, board, workshop, clock, presence, pushes,
        voteId -> command(null, new Command.ExpireVote(voteId), null));
  }

  Future<Void> start() {
    EventBus eb = vertx.eventBus();
    MessageConsumer<Object> commands = eb.consumer(Addresses.commands(workshopId), this::onCommand);
    MessageConsumer<Object> internal = eb.consumer(Addresses.internal(workshopId), requests::onMessage);
    consumers.add(commands);
    consumers.add(internal);
    afterPersist.scheduleVoteExpiry();
    checkpointTimer = vertx.setPeriodic(Checkpoints.CHECKPOINT_MILLIS, id -> {
      checkpoints.ifDue();
      reads.forgetSnapshots();
    });
    checkpoints.resumeErasures();
    checkpoints.ifDue();
    return Future.all(commands.completion(), internal.completion()).mapEmpty();
  }

  /** Nobody connected, nothing to do, and nothing happened for {@code idleMillis}: safe to drop from memory. */
  boolean idleFor(long idleMillis) {
    return !writing && !stopping && queue.isEmpty() && presence.empty()
        && System.currentTimeMillis() - lastActivity > idleMillis;
  }

  /** Something reached the board: it is not idle. */
  void touched() {
    lastActivity = System.currentTimeMillis();
  }

  /** A change to apply in turn, as {@code actorId} (null: the server itself). */
  void command(Message<Object> message, Command command, String actorId) {
    enqueue(new CommandWork(message, command, actorId));
  }

  /** A read, run once no group is being written. */
  void read(Message<Object> message, Runnable read) {
    enqueue(new ReadWork(message, read));
  }

  private void onCommand(Message<Object> message) {
    touched();
    String authError = message.headers().get(Addresses.HEADER_AUTH_ERROR);
    String actorId = message.headers().get(Addresses.HEADER_PARTICIPANT);
    if (authError != null || actorId == null) {
      fail(message, new PajaException(authError != null ? ErrorCode.fromCode(authError) : ErrorCode.UNAUTHORIZED));
      return;
    }
    if (closed() && !(message.body() instanceof JsonObject body
        && Checkpoints.ERASING.contains(body.getString("op")))) {
      // A closed workshop's board is read-only for everyone (docs/PROTOCOL.md, "Workshop life"); a person's data can
      // still be erased: requests to do so come most often after a workshop ended.
      fail(message, closedError());
      return;
    }
    Command command;
    try {
      command = CommandDecoder.decode(message.body());
    } catch (PajaException e) {
      fail(message, e);
      return;
    }
    if (command instanceof Command.SetReady || command instanceof Command.SetHand) {
      // Ready and raised hand: shown live, never stored, no seq.
      try {
        presence.flag(command, board.participant(actorId));
      } catch (PajaException e) {
        fail(message, e);
        return;
      }
      message.reply(new JsonObject().put("seq", board.seq()));
      return;
    }
    enqueue(new CommandWork(message, command, actorId));
  }

  boolean closed() {
    return workshop.getString("closedAt") != null;
  }

  static PajaException closedError() {
    return new PajaException(ErrorCode.WORKSHOP_CLOSED);
  }

  private void enqueue(Work work) {
    if (stopped) {
      fail(work.message(), new PajaException(stoppedCode));
      return;
    }
    if (work instanceof CommandWork c && c.message() != null
        && (queue.size() >= MAX_QUEUE || c.stale(System.currentTimeMillis()) || behind())) {
      // Refused at once rather than queued without bound: the sender learns it now, not after a timeout.
      fail(c.message(), new PajaException(ErrorCode.BUSY));
      return;
    }
    queue.add(work);
    drain();
  }

  /** Whether the oldest command still waiting has waited too long already. */
  private boolean behind() {
    long now = System.currentTimeMillis();
    for (Work w : queue) {
      if (w instanceof CommandWork c && c.message() != null) {
        return c.stale(now);
      }
    }
    return false;
  }

  private void drain() {
    while (!writing && !stopped && !stopping && !queue.isEmpty()) {
      if (queue.peek() instanceof ReadWork read) {
        queue.poll();
        try {
          read.read().run();
        } catch (RuntimeException e) {
          // Answered, whatever went wrong: the caller is not left waiting for its timeout.
          if (!readFailureLogged) {
            readFailureLogged = true;
            LOG.error("Workshop {}: a read failed (logged once for this board)", workshopId, e);
          }
          fail(read.message(), new PajaException(ErrorCode.INTERNAL_ERROR));
        }
        continue;
      }
      CommandGroup group = CommandGroup.apply(takeGroup(), board, clock, pushes, refusals);
      List<Event> events = group.events();
      List<Done> done = group.done();
      if (events.isEmpty()) {
        done.forEach(this::reply);
        continue;
      }
      writing = true;
      long persistStart = System.nanoTime();
      // Each event is turned into JSON once: the same object is stored, then published.
      List<JsonObject> encoded = events.stream().map(Event::toJson).toList();
      group.barDevices(devices).compose(v -> store.persist(workshopId, events, encoded)).onComplete(ar -> {
        writing = false;
        metrics.persisted(System.nanoTime() - persistStart);
        if (ar.succeeded()) {
          // Durable now: the senders learn it first, then everyone sees the change. Erasures are answered once the log
          // naming the people is gone too.
          for (Done d : done) {
            if (Checkpoints.ERASING.contains(d.op())) {
              checkpoints.answerAfterCompaction(d);
            } else {
              reply(d);
            }
          }
          publish(encoded);
          for (Event e : events) {
            if (e.change() instanceof Event.ParticipantsErased erased) {
              checkpoints.erased(erased.participantIds());
              // Catch-up from here on is a snapshot: no event before the erasure is served again.
              recent.clear();
            }
          }
          afterPersist.changesStored(events);
          checkpoints.ifDue();
          drain();
        } else {
          // The events are in memory and maybe in the database, and not acknowledged: the board is dropped and loaded
          // again from the database (once it works again), whatever of them the database ended up holding.
          PajaException unavailable;
          if (ar.cause() instanceof PajaException e && e.code() == ErrorCode.STORAGE_UNAVAILABLE) {
            // Storage is down: the storage layer reports why; one line per board here, no stack trace.
            LOG.warn("Workshop {}: could not persist {} events, storage unavailable; reloading the board", workshopId,
                events.size());
            unavailable = e;
          } else {
            LOG.error("Workshop {}: could not persist {} events; reloading the board", workshopId, events.size(),
                ar.cause());
            unavailable = Storage.maybeStored();
          }
          done.forEach(d -> fail(d.message(), unavailable));
          stop();
        }
      });
    }
  }

  /** The next group of commands off the queue; those that waited too long are refused with {@code busy}. */
  private List<CommandWork> takeGroup() {
    List<CommandWork> group = new ArrayList<>();
    long now = System.currentTimeMillis();
    while (group.size() < MAX_GROUP && queue.peek() instanceof CommandWork work) {
      queue.poll();
      if (work.stale(now)) {
        fail(work.message(), new PajaException(ErrorCode.BUSY));
      } else {
        group.add(work);
      }
    }
    return group;
  }

  private void publish(List<JsonObject> events) {
    EventBus eb = vertx.eventBus();
    String address = Addresses.fanOut(workshopId);
    for (JsonObject json : events) {
      recent.addLast(json);
      if (recent.size() > Limits.CATCH_UP_EVENTS) {
        recent.removeFirst();
      }
      eb.publish(address, json);
    }
  }

  private void reply(Done done) {
    metrics.command(done.op(), "ok");
    metrics.commandDone(System.nanoTime() - done.receivedNanos());
    if (done.message() != null) {
      done.message().reply(done.reply());
    }
  }

  /**
   * For a node shutting down, or a board nobody used for a while: lets the group being written finish, writes a last
   * checkpoint of what changed (so that the next load has no log to replay), at most {@code waitMillis} in all, then
   * stops; commands still waiting are refused with {@code busy} and their clients retry. Storage is closed only
   * after this, so no acknowledged write is cut off half way.
   */
  Future<Void> stopWhenIdle(long waitMillis) {
    stopping = true;
    stoppedCode = ErrorCode.BUSY;
    Promise<Void> done = Promise.promise();
    long deadline = System.currentTimeMillis() + waitMillis;
    boolean[] finalCheckpoint = {false};
    Runnable[] check = new Runnable[1];
    check[0] = () -> {
      boolean late = System.currentTimeMillis() >= deadline;
      if ((writing || checkpoints.writing()) && !late) {
        vertx.setTimer(10, id -> check[0].run());
        return;
      }
      if (!finalCheckpoint[0] && !late && !writing && !checkpoints.writing() && board.eventsSinceCheckpoint() > 0) {
        finalCheckpoint[0] = true;
        checkpoints.dueNow();
        checkpoints.ifDue();
        vertx.setTimer(1, id -> check[0].run());
        return;
      }
      stop();
      done.complete();
    };
    check[0].run();
    return done.future();
  }

  /**
   * Drops the board from memory at once, without writing anything more: another node took it over (its lease), so
   * it is no longer this node's to write. A message racing with this gets {@code busy} and is retried by its client.
   */
  void unload() {
    stoppedCode = ErrorCode.BUSY;
    stop();
  }

  void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    PajaException unavailable = new PajaException(stoppedCode);
    while (!queue.isEmpty()) {
      fail(queue.poll().message(), unavailable);
    }
    consumers.forEach(MessageConsumer::unregister);
    afterPersist.stop();
    presence.stop();
    if (checkpointTimer >= 0) {
      vertx.cancelTimer(checkpointTimer);
    }
    pushes.endAll(new PajaException(stoppedCode));
    onStopped.run();
  }

  private void fail(Message<Object> message, PajaException e) {
    refusals.fail(message, e);
  }
}
