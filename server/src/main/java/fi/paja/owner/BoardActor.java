package fi.paja.owner;

import fi.paja.board.Addresses;
import fi.paja.board.Board;
import fi.paja.board.Cluster;
import fi.paja.board.Command;
import fi.paja.board.CommandDecoder;
import fi.paja.board.Event;
import fi.paja.board.Note;
import fi.paja.board.Participant;
import fi.paja.board.Settings;
import fi.paja.board.SnapshotNotes;
import fi.paja.board.Tombstone;
import fi.paja.board.Visibility;
import fi.paja.board.Vote;
import fi.paja.config.Limits;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single owner of one board. Commands from every node reach it over the event bus and are handled one group
 * at a time: checked and applied in memory, the group's events written to MongoDB in one go and made durable,
 * then acknowledged and published. Every few seconds (or few hundred events) a checkpoint writes the notes and the
 * board-wide state that changed, so that a load replays only a short tail of the log. A command is never
 * acknowledged before its change is durable; reads (snapshots, catch-up) wait until no group is being written, so
 * a client never sees a change that could still be lost.
 *
 * <p>All of this runs on one Vert.x context, so the board needs no locks.
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
  /** A checkpoint is written after this many events or this long after the last one, whichever comes first. */
  static final int CHECKPOINT_EVENTS = 500;
  static final long CHECKPOINT_MILLIS = 2_000;

  private sealed interface Work permits CommandWork, ReadWork {
  }

  private record CommandWork(Message<Object> message, Command command, String actorId, long receivedNanos,
                             long acceptedAt) implements Work {
    CommandWork(Message<Object> message, Command command, String actorId) {
      this(message, command, actorId, System.nanoTime(), acceptedAt(message));
    }

    /** When a node took the command from its client; the waiting counts from there, not from reaching the board. */
    private static long acceptedAt(Message<Object> message) {
      String header = message == null ? null : message.headers().get(Addresses.HEADER_ACCEPTED_AT);
      try {
        return header == null ? System.currentTimeMillis() : Long.parseLong(header);
      } catch (NumberFormatException e) {
        return System.currentTimeMillis();
      }
    }

    boolean stale(long now) {
      return message != null && now - acceptedAt > MAX_WAIT_MILLIS;
    }
  }

  private record ReadWork(Message<Object> message, Runnable read) implements Work {
  }

  private record Done(Message<Object> message, JsonObject reply, String op, long receivedNanos) {
  }

  private final Vertx vertx;
  private final BoardStore store;
  private final fi.paja.auth.Devices devices;
  private final Clock clock;
  private final String workshopId;
  private final JsonObject workshop;
  private final Board board;
  private final ArrayDeque<JsonObject> recent;
  private final Runnable onStopped;
  private final ArrayDeque<Work> queue = new ArrayDeque<>();
  private final Map<String, Set<String>> socketsByParticipant = new LinkedHashMap<>();
  private final Map<String, String> participantBySocket = new HashMap<>();
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();
  private final Set<String> readyIds = new java.util.LinkedHashSet<>();
  private final Set<String> hands = new java.util.LinkedHashSet<>();
  private long voteTimer = -1;
  private long presenceTimer = -1;
  static final long PRESENCE_MILLIS = 250;
  private boolean writing;
  private long lastCheckpoint = System.currentTimeMillis();
  private boolean checkpointing;
  private long checkpointTimer = -1;
  /** Why a stopped board refuses what still reaches it: storage trouble, or unloaded while idle (retry). */
  private ErrorCode stoppedCode = ErrorCode.STORAGE_UNAVAILABLE;
  private long lastActivity = System.currentTimeMillis();
  private boolean stopped;
  /** The node is shutting down: the group being written finishes, nothing new starts. */
  private boolean stopping;

  private final fi.paja.metrics.PajaMetrics metrics;
  /** Snapshot notes per kind of viewer (0 participants, 1 facilitators): being encoded or encoded, and their seq. */
  @SuppressWarnings("unchecked")
  private final Future<SnapshotNotes.Encoding>[] encodings = new Future[2];
  private final long[] encodingSeqs = new long[2];
  private final SnapshotNotes.Encoding[] encoded = new SnapshotNotes.Encoding[2];
  private long lastSnapshot;
  static final long SNAPSHOT_KEEP_MILLIS = 60_000;

  /**
   * Pushes of outcomes to an issue tracker under way, by outcome id: one at a time per item, so that pushes racing
   * for one item make one issue. The others wait here for its link (or its failure), at most until the claim's
   * time is up.
   */
  private final Map<String, PushClaim> pushes = new HashMap<>();
  static final int MAX_PUSH_WAITERS = 16;
  static final long MAX_PUSH_HOLD_MILLIS = 150_000;

  private static final class PushClaim {
    final List<Message<Object>> waiting = new ArrayList<>();
    long timer = -1;
  }

  /** Commands that erase people: answered only once the op log holding them is dropped ({@link #compact}). */
  static final Set<String> ERASING = Set.of("participant.erase", "participant.leave", "workshop.anonymise");
  /** An erasure is applied and durable; the checkpoint and log drop up to this seq are still to be made (-1: none). */
  private long compactTo = -1;
  private final Set<String> compactPeople = new java.util.LinkedHashSet<>();
  private final List<Done> awaitingCompaction = new ArrayList<>();

  /** A read that failed is logged once per board (a bug): later ones are answered internal_error without a trace. */
  private boolean readFailureLogged;

  BoardActor(Vertx vertx, BoardStore store, fi.paja.auth.Devices devices, Clock clock, BoardStore.Loaded loaded,
             Runnable onStopped, fi.paja.metrics.PajaMetrics metrics) {
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
  }

  Future<Void> start() {
    EventBus eb = vertx.eventBus();
    MessageConsumer<Object> commands = eb.consumer(Addresses.commands(workshopId), this::onCommand);
    MessageConsumer<Object> internal = eb.consumer(Addresses.internal(workshopId), this::onInternal);
    consumers.add(commands);
    consumers.add(internal);
    scheduleVoteExpiry();
    checkpointTimer = vertx.setPeriodic(CHECKPOINT_MILLIS, id -> {
      checkpointIfDue();
      forgetSnapshots();
    });
    // An erasure replayed from the log: its compaction did not finish before the board was last stopped.
    for (JsonObject e : recent) {
      if ("participants.erased".equals(e.getString("type"))) {
        compactTo = board.seq();
        e.getJsonArray("participantIds", new JsonArray()).forEach(id -> compactPeople.add(String.valueOf(id)));
      }
    }
    checkpointIfDue();
    return Future.all(commands.completion(), internal.completion()).mapEmpty();
  }

  /** Nobody connected, nothing to do, and nothing happened for {@code idleMillis}: safe to drop from memory. */
  boolean idleFor(long idleMillis) {
    return !writing && !stopping && queue.isEmpty() && socketsByParticipant.isEmpty()
        && System.currentTimeMillis() - lastActivity > idleMillis;
  }

  private void onCommand(Message<Object> message) {
    lastActivity = System.currentTimeMillis();
    String authError = message.headers().get(Addresses.HEADER_AUTH_ERROR);
    String actorId = message.headers().get(Addresses.HEADER_PARTICIPANT);
    if (authError != null || actorId == null) {
      fail(message, new PajaException(authError != null ? ErrorCode.fromCode(authError) : ErrorCode.UNAUTHORIZED));
      return;
    }
    if (closed() && !(message.body() instanceof JsonObject body && ERASING.contains(body.getString("op")))) {
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
      presenceFlag(message, command, actorId);
      return;
    }
    enqueue(new CommandWork(message, command, actorId));
  }

  /** Ready and raised hand: shown live, never stored, no seq. */
  private void presenceFlag(Message<Object> message, Command command, String actorId) {
    Participant actor = board.participant(actorId);
    if (actor == null || actor.removed()) {
      fail(message, new PajaException(ErrorCode.FORBIDDEN));
      return;
    }
    if (command instanceof Command.SetReady ready) {
      if (ready.ready()) {
        readyIds.add(actorId);
      } else {
        readyIds.remove(actorId);
      }
    } else if (command instanceof Command.SetHand hand) {
      String target = hand.participantId().orElse(actorId);
      if (!target.equals(actorId) && !(actor.isFacilitator() && !hand.raised())) {
        fail(message, new PajaException(ErrorCode.FORBIDDEN, "Only facilitators can lower someone else's hand."));
        return;
      }
      if (hand.raised()) {
        hands.add(target);
      } else {
        hands.remove(target);
      }
    }
    publishPresence();
    message.reply(new JsonObject().put("seq", board.seq()));
  }

  private void onInternal(Message<Object> message) {
    lastActivity = System.currentTimeMillis();
    JsonObject body = (JsonObject) message.body();
    String op = body.getString("op");
    if (closed() && CLOSED_REFUSES.contains(op)) {
      fail(message, closedError());
      return;
    }
    switch (op) {
      case "participant.join" -> enqueue(new CommandWork(message,
          new Command.JoinParticipant(Participant.fromJson(body.getJsonObject("participant"))), null));
      case "snapshot" -> enqueue(new ReadWork(message, () -> snapshot(message, body.getString("participantId"))));
      case "events.since" -> enqueue(new ReadWork(message,
          () -> eventsSince(message, body.getLong("after"), body.getString("participantId"))));
      case "public" -> enqueue(new ReadWork(message, () -> message.reply(publicView())));
      case "outcome.link" -> enqueue(new CommandWork(message, new Command.LinkOutcome(body.getString("id"),
          body.getJsonObject("github"), java.util.Optional.ofNullable(body.getString("status"))),
          body.getString("actorId")));
      case "outcome.push" -> enqueue(new ReadWork(message, () -> claimPush(message, body.getString("id"),
          body.getLong("holdMillis", 30_000L), body.getString("participantId"))));
      case "outcome.push.failed" -> pushEnded(body.getString("id"), null,
          new PajaException(ErrorCode.fromCode(body.getString("code")), body.getString("message")));
      case "whois" -> enqueue(new ReadWork(message, () -> whois(message, body.getString("participantId"))));
      case "presence.connect" -> connected(body.getString("participantId"), body.getString("socketId"));
      case "presence.disconnect" -> disconnected(body.getString("socketId"));
      case "presence.refresh" -> publishPresence();
      case "life.changed" -> {
        // Already stored in the workshop's document (or about to be, for a close: see WorkshopLife); from now on
        // this board refuses changes, and snapshots show it.
        putOrRemove("closedAt", body.getString("closedAt"));
        putOrRemove("archivedAt", body.getString("archivedAt"));
        message.reply(new JsonObject());
      }
      case "life.delete" -> {
        // The workshop's document is gone: finish what is being written, then unload and never write again.
        stopWhenIdle(5_000).onComplete(ar -> message.reply(new JsonObject()));
      }
      case "privacy.export" -> enqueue(new ReadWork(message, () -> exportPerson(message,
          body.getString("participantId"), body.getString("subjectId"))));
      case "privacy.anonymise" -> enqueue(new CommandWork(message,
          new Command.EraseParticipants(List.of(), false, true), null));
      case "joinCode.changed" -> {
        // Already stored in the workshop's document; this is the copy snapshots show.
        workshop.put("joinCode", body.getString("joinCode"));
        message.reply(new JsonObject());
      }
      default -> message.fail(400, ErrorCode.UNKNOWN_OP.code());
    }
  }

  /** Internal requests that change the board, refused while the workshop is closed. */
  private static final Set<String> CLOSED_REFUSES = Set.of("participant.join", "outcome.link", "outcome.push");

  private boolean closed() {
    return workshop.getString("closedAt") != null;
  }

  private static PajaException closedError() {
    return new PajaException(ErrorCode.WORKSHOP_CLOSED);
  }

  private void putOrRemove(String field, String value) {
    if (value == null) {
      workshop.remove(field);
    } else {
      workshop.put(field, value);
    }
  }

  private void enqueue(Work work) {
    if (stopped) {
      fail(messageOf(work), new PajaException(stoppedCode));
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
      List<Event> events = new ArrayList<>();
      List<Done> done = new ArrayList<>();
      Map<String, Done> barring = new LinkedHashMap<>();
      handleGroup(events, done, barring);
      if (events.isEmpty()) {
        done.forEach(this::reply);
        continue;
      }
      writing = true;
      long persistStart = System.nanoTime();
      barDevices(barring).compose(v -> store.persist(workshopId, events)).onComplete(ar -> {
        writing = false;
        metrics.persisted(System.nanoTime() - persistStart);
        if (ar.succeeded()) {
          // Durable now: the senders learn it first, then everyone sees the change. Erasures are answered once the log
          // naming the people is gone too.
          for (Done d : done) {
            if (ERASING.contains(d.op())) {
              awaitingCompaction.add(d);
            } else {
              reply(d);
            }
          }
          publish(events);
          for (Event e : events) {
            if (e.change() instanceof Event.ParticipantsErased erased) {
              compactTo = board.seq();
              compactPeople.addAll(erased.participantIds());
              // Catch-up from here on is a snapshot: no event before the erasure is served again.
              recent.clear();
            }
          }
          afterPersist(events);
          checkpointIfDue();
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
            unavailable = fi.paja.storage.Storage.maybeStored();
          }
          done.forEach(d -> fail(d.message(), unavailable));
          stop();
        }
      });
    }
  }

  /**
   * A removal with {@code bar}: the devices the person joined from are barred before the removal is written, so
   * that once it is acknowledged the bar holds too (written again by a retry, never half way). Each such reply
   * says how many devices were barred ({@code barredDevices}).
   */
  private Future<Void> barDevices(Map<String, Done> barring) {
    if (barring.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<Integer>> bars = new ArrayList<>();
    barring.forEach((participantId, d) -> bars.add(devices.bar(workshopId, List.of(participantId))
        .onSuccess(n -> d.reply().put("barredDevices", n))));
    return Future.all(bars).mapEmpty();
  }

  /**
   * Takes the next group of commands off the queue and applies them. A move that the same person repeats later in
   * the group is not applied on its own: it gets the answer of the last one ({@link MoveCoalescing}). Removals that
   * bar the person's devices are collected in {@code barring} (participant id → its reply).
   */
  private void handleGroup(List<Event> events, List<Done> done, Map<String, Done> barring) {
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
    int[] later = MoveCoalescing.supersededBy(group.stream().map(CommandWork::command).toList(),
        group.stream().map(w -> String.valueOf(w.actorId())).toList());
    Object[] results = new Object[group.size()];
    for (int i = 0; i < group.size(); i++) {
      if (later[i] < 0) {
        results[i] = handle(group.get(i), events, done);
        if (results[i] instanceof Done d && group.get(i).command() instanceof Command.RemoveParticipant remove
            && remove.bar()) {
          barring.put(remove.participantId(), d);
        }
      }
    }
    for (int i = 0; i < group.size(); i++) {
      if (later[i] < 0) {
        continue;
      }
      CommandWork work = group.get(i);
      Object result = results[MoveCoalescing.last(later, i)];
      if (result instanceof Done last) {
        done.add(new Done(work.message(), last.reply().copy(), work.command().op(), work.receivedNanos()));
      } else {
        fail(work.message(), (PajaException) result);
      }
    }
  }

  /** Applies one command: its {@link Done} (also added to {@code done}), or the refusal it was failed with. */
  private Object handle(CommandWork work, List<Event> events, List<Done> done) {
    PajaException refusal;
    try {
      Board.Outcome outcome = board.handle(work.command(), work.actorId(), clock.instant());
      events.addAll(outcome.events());
      if (work.command() instanceof Command.LinkOutcome link && outcome.events().isEmpty()
          && outcome.reply().getJsonObject("github") != null) {
        // The item had its link already: those waiting for this push get that one.
        pushEnded(link.id(), outcome.reply().getJsonObject("github"), null);
      }
      Done d = new Done(work.message(), outcome.reply().put("seq", board.seq()), work.command().op(),
          work.receivedNanos());
      done.add(d);
      return d;
    } catch (PajaException e) {
      refusal = e;
    } catch (RuntimeException e) {
      LOG.error("Workshop {}: {} failed", workshopId, work.command().op(), e);
      refusal = new PajaException(ErrorCode.INTERNAL_ERROR);
    }
    fail(work.message(), refusal);
    return refusal;
  }

  private void publish(List<Event> events) {
    EventBus eb = vertx.eventBus();
    String address = Addresses.fanOut(workshopId);
    for (Event event : events) {
      JsonObject json = event.toJson();
      recent.addLast(json);
      if (recent.size() > Limits.CATCH_UP_EVENTS) {
        recent.removeFirst();
      }
      eb.publish(address, json);
    }
  }

  /**
   * A member's snapshot, as JSON bytes. Only the small part is made here, on the context all of this node's boards
   * share; the notes are encoded off it, once per seq and kind of viewer ({@link SnapshotNotes}), and put together
   * with the viewer's own off it too. A participant loading a huge board's snapshot in a loop slowed every board of
   * the node (commands on another board took 3.4 s at the median); now it costs this board's encodings and a copy.
   */
  private void snapshot(Message<Object> message, String participantId) {
    Participant you = board.participant(participantId);
    if (you == null || you.removed()) {
      fail(message, new PajaException(ErrorCode.FORBIDDEN));
      return;
    }
    Visibility.Viewer viewer = Visibility.Viewer.of(you);
    JsonObject json = board.snapshotWithoutNotes(viewer, clock.millis());
    for (Object p : json.getJsonArray("participants")) {
      JsonObject person = (JsonObject) p;
      String id = person.getString("id");
      person.put("online", socketsByParticipant.containsKey(id)).put("ready", readyIds.contains(id))
          .put("hand", hands.contains(id));
    }
    json
        .put("id", workshopId)
        .put("title", workshop.getString("title"))
        .put("joinCode", workshop.getString("joinCode"))
        .put("template", workshop.getString("template"))
        .put("createdAt", workshop.getString("createdAt"))
        .put("publicId", workshop.getString("publicId"))
        .put("closedAt", workshop.getString("closedAt"))
        .put("archivedAt", workshop.getString("archivedAt"))
        .put("anonymisedAt", workshop.getString("anonymisedAt"))
        .put("you", new JsonObject().put("participantId", you.id()).put("role", you.role()));
    lastSnapshot = System.currentTimeMillis();
    encoding(viewer.facilitator())
        .compose(notes -> vertx.executeBlocking(() -> SnapshotNotes.assemble(notes, viewer, json), false))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            message.reply(ar.result());
          } else {
            LOG.error("Workshop {}: could not make a snapshot", workshopId, ar.cause());
            fail(message, new PajaException(ErrorCode.INTERNAL_ERROR));
          }
        });
  }

  /** The notes of this seq encoded for a kind of viewer: the one being made or made already, else a new one. */
  private Future<SnapshotNotes.Encoding> encoding(boolean facilitator) {
    int kind = facilitator ? 1 : 0;
    long seq = board.seq();
    if (encodings[kind] != null && encodingSeqs[kind] == seq && !encodings[kind].failed()) {
      return encodings[kind];
    }
    Note[] notes = board.notes().toArray(new Note[0]);
    Settings settings = board.settings();
    SnapshotNotes.Encoding previous = encoded[kind];
    Future<SnapshotNotes.Encoding> made = vertx.executeBlocking(
        () -> SnapshotNotes.Encoding.build(seq, settings, facilitator, notes, previous), false);
    encodings[kind] = made;
    encodingSeqs[kind] = seq;
    made.onSuccess(e -> {
      if (encoded[kind] == null || encoded[kind].seq() <= e.seq()) {
        encoded[kind] = e;
      }
    });
    return made;
  }

  /** Encoded notes nobody asked for in a while are let go: they are as large as the board's text. */
  private void forgetSnapshots() {
    if (System.currentTimeMillis() - lastSnapshot > SNAPSHOT_KEEP_MILLIS) {
      java.util.Arrays.fill(encodings, null);
      java.util.Arrays.fill(encoded, null);
    }
  }

  /**
   * One push per outcome at a time ({@link BoardClient#claimPush}): the item's link if it has one, else a claim for
   * the first caller, and a place in line for the others.
   */
  private void claimPush(Message<Object> message, String outcomeId, long holdMillis, String participantId) {
    Participant who = participantId == null ? null : board.participant(participantId);
    if (who == null || who.removed() || !who.isFacilitator()) {
      fail(message, new PajaException(ErrorCode.FORBIDDEN));
      return;
    }
    fi.paja.outcome.OutcomeItem item = outcomeId == null ? null : board.outcome(outcomeId);
    if (item == null) {
      fail(message, new PajaException(ErrorCode.NOT_FOUND, "No such action item."));
      return;
    }
    if (item.github() != null) {
      message.reply(new JsonObject().put("github", item.github().copy()));
      return;
    }
    PushClaim claim = pushes.get(outcomeId);
    if (claim != null) {
      if (claim.waiting.size() >= MAX_PUSH_WAITERS) {
        fail(message, new PajaException(ErrorCode.BUSY));
      } else {
        claim.waiting.add(message);
      }
      return;
    }
    PushClaim mine = new PushClaim();
    long hold = Math.max(1_000, Math.min(MAX_PUSH_HOLD_MILLIS, holdMillis));
    mine.timer = vertx.setTimer(hold, id -> {
      if (pushes.get(outcomeId) == mine) {
        pushEnded(outcomeId, null, new PajaException(ErrorCode.UPSTREAM_TIMEOUT,
            "The push of this item did not finish in time; the issue may or may not have been created."));
      }
    });
    pushes.put(outcomeId, mine);
    message.reply(new JsonObject().put("claim", true).put("outcome", item.toJson())
        .put("title", workshop.getString("title")));
  }

  /** The push under way for an item ended: those waiting get its link, or its failure. */
  private void pushEnded(String outcomeId, JsonObject link, PajaException failure) {
    PushClaim claim = outcomeId == null ? null : pushes.remove(outcomeId);
    if (claim == null) {
      return;
    }
    vertx.cancelTimer(claim.timer);
    for (Message<Object> waiting : claim.waiting) {
      if (link != null) {
        waiting.reply(new JsonObject().put("github", link.copy()));
      } else {
        fail(waiting, failure);
      }
    }
  }

  /** The public page: the workshop's title and its outcomes, without names or anything else. */
  private JsonObject publicView() {
    JsonArray outcomes = new JsonArray();
    board.outcomes().forEach(o -> outcomes.add(o.toPublicJson()));
    return new JsonObject().put("title", workshop.getString("title")).put("lang", workshop.getString("lang", "fi"))
        .put("closedAt", workshop.getString("closedAt")).put("anonymisedAt", workshop.getString("anonymisedAt"))
        .put("outcomes", outcomes);
  }

  private void whois(Message<Object> message, String participantId) {
    Participant p = board.participant(participantId);
    if (p == null || p.removed()) {
      fail(message, new PajaException(ErrorCode.FORBIDDEN));
      return;
    }
    message.reply(new JsonObject().put("participantId", p.id()).put("role", p.role())
        .put("facilitator", p.isFacilitator()).put("name", p.name()));
  }

  private void eventsSince(Message<Object> message, long after, String participantId) {
    Participant viewer = board.participant(participantId);
    if (viewer == null || viewer.removed()) {
      fail(message, new PajaException(ErrorCode.FORBIDDEN));
      return;
    }
    long seq = board.seq();
    long oldest = recent.isEmpty() ? seq + 1 : recent.peekFirst().getLong("seq");
    if (after > seq || (after < seq && after + 1 < oldest)) {
      fail(message, new PajaException(ErrorCode.SNAPSHOT_REQUIRED));
      return;
    }
    JsonArray events = new JsonArray();
    for (JsonObject e : recent) {
      if (e.getLong("seq") > after) {
        events.add(Visibility.filter(e, Visibility.Viewer.of(viewer)));
      }
    }
    message.reply(new JsonObject().put("seq", seq).put("events", events));
  }

  private void connected(String participantId, String socketId) {
    if (participantId == null || socketId == null) {
      return;
    }
    participantBySocket.put(socketId, participantId);
    socketsByParticipant.computeIfAbsent(participantId, k -> new HashSet<>()).add(socketId);
    publishPresence();
  }

  private void disconnected(String socketId) {
    String participantId = participantBySocket.remove(socketId);
    if (participantId == null) {
      return;
    }
    Set<String> sockets = socketsByParticipant.get(participantId);
    if (sockets != null) {
      sockets.remove(socketId);
      if (sockets.isEmpty()) {
        socketsByParticipant.remove(participantId);
      }
    }
    publishPresence();
  }

  /**
   * Presence goes out at most every {@value #PRESENCE_MILLIS} ms per board: when a class joins, hundreds of changes
   * become a few messages instead of one full list per change to everyone.
   */
  private void publishPresence() {
    if (presenceTimer >= 0) {
      return;
    }
    presenceTimer = vertx.setTimer(PRESENCE_MILLIS, id -> {
      presenceTimer = -1;
      sendPresence();
    });
  }

  private void sendPresence() {
    vertx.eventBus().publish(Addresses.presence(workshopId), new JsonObject()
        .put("type", "presence")
        .put("online", new JsonArray(new ArrayList<>(socketsByParticipant.keySet())))
        .put("ready", new JsonArray(new ArrayList<>(readyIds)))
        .put("hands", new JsonArray(new ArrayList<>(hands))));
  }

  private void reply(Done done) {
    metrics.command(done.op(), "ok");
    metrics.commandDone(System.nanoTime() - done.receivedNanos());
    if (done.message() != null) {
      done.message().reply(done.reply());
    }
  }

  /** What has to happen once changes are stored: timers, and telling every node whose access ended or changed. */
  private void afterPersist(List<Event> events) {
    for (Event event : events) {
      if (event.change() instanceof Event.ParticipantRemoved removed) {
        readyIds.remove(removed.participantId());
        hands.remove(removed.participantId());
        fi.paja.auth.AccessChange.removed(workshopId, removed.participantId()).publish(vertx);
      } else if (event.change() instanceof Event.ParticipantsErased erased) {
        for (String id : erased.participantIds()) {
          readyIds.remove(id);
          hands.remove(id);
          // Their sockets close (4405, so their page can say why) and their tokens stop working, as for a removal.
          fi.paja.auth.AccessChange.erased(workshopId, id).publish(vertx);
        }
      } else if (event.change() instanceof Event.ParticipantRoleChanged changed) {
        // What they may see changed: their sockets reconnect and register again as the new role.
        fi.paja.auth.AccessChange.roleChanged(workshopId, changed.participantId()).publish(vertx);
      }
      if (event.change() instanceof Event.OutcomeChanged changed && changed.outcome().github() != null) {
        pushEnded(changed.outcome().id(), changed.outcome().github(), null);
      } else if (event.change() instanceof Event.OutcomeRemoved removed) {
        pushEnded(removed.id(), null, new PajaException(ErrorCode.NOT_FOUND, "The action item was deleted."));
      }
      String publicId = workshop.getString("publicId");
      if (publicId != null && event.change() instanceof Event.OutcomeChanged changed) {
        vertx.eventBus().publish(Addresses.publicOutcomes(publicId), new JsonObject().put("type", "outcome.changed")
            .put("outcome", changed.outcome().toPublicJson()));
      } else if (publicId != null && event.change() instanceof Event.OutcomeRemoved removed) {
        vertx.eventBus().publish(Addresses.publicOutcomes(publicId), new JsonObject().put("type", "outcome.removed")
            .put("id", removed.id()));
      }
      if (event.change() instanceof Event.VoteOpened || event.change() instanceof Event.VoteClosed) {
        scheduleVoteExpiry();
      }
    }
  }

  /**
   * Writes the notes and board-wide state changed since the last checkpoint, when enough happened or enough time
   * passed. One at a time, and only what is durable already: it is taken between groups, after a group's persist.
   */
  private void checkpointIfDue() {
    if (compactTo >= 0) {
      compact();
      return;
    }
    int events = board.eventsSinceCheckpoint();
    if (checkpointing || writing || stopped || events == 0) {
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
          LOG.warn("Workshop {}: checkpoint at seq {} failed: {}", workshopId, checkpoint.seq(),
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
    if (checkpointing || writing || stopped) {
      return;
    }
    BoardStore.Checkpoint checkpoint = BoardStore.Checkpoint.of(board);
    List<String> people = List.copyOf(compactPeople);
    List<Done> waiting = List.copyOf(awaitingCompaction);
    awaitingCompaction.clear();
    lastCheckpoint = System.currentTimeMillis();
    checkpointing = true;
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
        for (Done d : waiting) {
          if ("workshop.anonymise".equals(d.op())) {
            workshop.put("anonymisedAt", at);
            d.reply().put("anonymisedAt", at);
          }
          reply(d);
        }
      } else {
        LOG.warn("Workshop {}: dropping the log after an erasure failed (retried): {}", workshopId,
            ar.cause().toString());
        board.giveBack(checkpoint.changes());
        waiting.forEach(d -> fail(d.message(), fi.paja.storage.Storage.maybeStored()));
      }
    });
  }

  /**
   * Everything one participant wrote, for a facilitator answering that person's request (docs/PROTOCOL.md,
   * "Retention and data-subject requests"): their pseudonym, their notes on the board and those deleted but still
   * kept for undo, and their dots. Notes written while authors were hidden from facilitators are left out (only
   * counted): the facilitator was promised not to learn whose they are.
   */
  private void exportPerson(Message<Object> message, String requesterId, String subjectId) {
    Participant requester = requesterId == null ? null : board.participant(requesterId);
    if (requester == null || requester.removed() || !requester.isFacilitator()) {
      fail(message, new PajaException(ErrorCode.FORBIDDEN, "Only facilitators can export a participant's data."));
      return;
    }
    Participant subject = subjectId == null ? null : board.participant(subjectId);
    if (subject == null) {
      fail(message, new PajaException(ErrorCode.PARTICIPANT_NOT_FOUND));
      return;
    }
    int withheld = 0;
    JsonArray notes = new JsonArray();
    for (Note n : board.notes()) {
      if (subject.id().equals(n.authorId())) {
        if (Note.FROM_EVERYONE.equals(n.anonymity())) {
          withheld++;
        } else {
          notes.add(personNote(n));
        }
      }
    }
    JsonArray deleted = new JsonArray();
    for (Tombstone t : board.tombstones()) {
      if (subject.id().equals(t.note().authorId())) {
        if (Note.FROM_EVERYONE.equals(t.note().anonymity())) {
          withheld++;
        } else {
          deleted.add(personNote(t.note()).put("deletedAt", t.deletedAt().toString()));
        }
      }
    }
    JsonArray dots = new JsonArray();
    for (Vote vote : board.votes()) {
      vote.mine(subject.id()).forEach((target, n) -> dots.add(new JsonObject().put("voteId", vote.id())
          .put("targetId", target).put("dots", n)));
    }
    message.reply(new JsonObject()
        .put("workshop", new JsonObject().put("id", workshopId).put("title", workshop.getString("title")))
        .put("exportedAt", clock.instant().toString())
        .put("participant", new JsonObject().put("id", subject.id()).put("pseudonym", subject.name())
            .put("role", subject.role()).put("removed", subject.removed()))
        .put("notes", notes).put("deletedNotes", deleted).put("votes", dots)
        .put("notesWithheldAnonymous", withheld));
  }

  private JsonObject personNote(Note n) {
    JsonObject json = new JsonObject().put("id", n.id()).put("text", n.text()).put("color", n.color())
        .put("createdAt", n.createdAt().toString()).put("updatedAt", n.updatedAt().toString())
        .put("private", n.hidden());
    Cluster group = n.clusterId() == null ? null : board.clusters().stream()
        .filter(c -> c.id().equals(n.clusterId())).findFirst().orElse(null);
    if (group != null) {
      json.put("group", group.title());
    }
    if (n.cell() != null) {
      json.put("cell", n.cell().toJson());
    }
    return json;
  }

  /** A vote with an end time closes itself, even if nobody is connected then. */
  private void scheduleVoteExpiry() {
    if (voteTimer >= 0) {
      vertx.cancelTimer(voteTimer);
      voteTimer = -1;
    }
    Vote vote = board.currentVote();
    if (vote == null || !vote.isOpen() || vote.endsAt() == null) {
      return;
    }
    long delay = Math.max(1, vote.endsAt() - clock.millis());
    String voteId = vote.id();
    voteTimer = vertx.setTimer(delay, id -> {
      voteTimer = -1;
      enqueue(new CommandWork(null, new Command.ExpireVote(voteId), null));
    });
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
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    long deadline = System.currentTimeMillis() + waitMillis;
    boolean[] finalCheckpoint = {false};
    Runnable[] check = new Runnable[1];
    check[0] = () -> {
      boolean late = System.currentTimeMillis() >= deadline;
      if ((writing || checkpointing) && !late) {
        vertx.setTimer(10, id -> check[0].run());
        return;
      }
      if (!finalCheckpoint[0] && !late && !writing && !checkpointing && board.eventsSinceCheckpoint() > 0) {
        finalCheckpoint[0] = true;
        lastCheckpoint = 0;
        checkpointIfDue();
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
      fail(messageOf(queue.poll()), unavailable);
    }
    consumers.forEach(MessageConsumer::unregister);
    if (voteTimer >= 0) {
      vertx.cancelTimer(voteTimer);
    }
    if (presenceTimer >= 0) {
      vertx.cancelTimer(presenceTimer);
    }
    if (checkpointTimer >= 0) {
      vertx.cancelTimer(checkpointTimer);
    }
    for (String outcomeId : List.copyOf(pushes.keySet())) {
      pushEnded(outcomeId, null, new PajaException(stoppedCode));
    }
    onStopped.run();
  }

  private Message<Object> messageOf(Work work) {
    return work instanceof CommandWork c ? c.message() : ((ReadWork) work).message();
  }

  private void fail(Message<Object> message, PajaException e) {
    metrics.error(e.code().code());
    if (message != null) {
      message.fail(e.code().status(), Addresses.failure(message, e));
    }
  }
}
