package fi.paja.owner;

import fi.paja.board.Addresses;
import fi.paja.board.Board;
import fi.paja.config.Quotas;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.storage.Storage;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the boards that live on this node. Anything that is about to talk to a board first asks
 * {@link Addresses#ACTIVATE}; the board is loaded from storage once and from then on answers on its own addresses.
 * Deploy exactly one instance per node: all boards of a node share its context, which is what makes each board
 * single-writer.
 */
public final class BoardVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(BoardVerticle.class);

  private final Storage storage;
  private final BoardLeases leases;
  private final Supplier<String> newId;
  private final Clock clock;
  private final Map<String, Future<BoardActor>> boards = new HashMap<>();
  private BoardStore store;
  private fi.paja.auth.Devices devices;

  private final fi.paja.metrics.PajaMetrics metrics;
  private final long idleMillis;
  private final Quotas quotas;
  /** Boards another node owns, and when to ask the database again (epoch millis). */
  private final Map<String, Long> elsewhere = new HashMap<>();
  /**
   * Boards whose stored data cannot be read, and when to try loading each again (epoch millis). Until then every
   * request about one is refused at once with {@code board_unreadable}; it is logged once, not per request.
   */
  private final Map<String, Long> unreadable = new HashMap<>();
  private final java.util.Set<String> reportedUnreadable = new java.util.HashSet<>();
  /** How long a board found unreadable is refused before its data is read again (an operator may have repaired it). */
  static final long RECHECK_UNREADABLE_MILLIS = 60_000;
  /** Loaded boards, by workshop id, once loading finished; what the idle sweep looks at. */
  private final Map<String, BoardActor> loaded = new HashMap<>();

  /** Boards nobody used for 30 minutes are dropped from memory; the next request loads them again. */
  public static final long IDLE_MILLIS = 30 * 60 * 1000;

  public BoardVerticle(Storage storage, BoardLeases leases, Supplier<String> newId, Clock clock,
                       fi.paja.metrics.PajaMetrics metrics) {
    this(storage, leases, newId, clock, metrics, IDLE_MILLIS);
  }

  public BoardVerticle(Storage storage, BoardLeases leases, Supplier<String> newId, Clock clock,
                       fi.paja.metrics.PajaMetrics metrics, long idleMillis) {
    this(storage, leases, newId, clock, metrics, idleMillis, Quotas.DEFAULT);
  }

  public BoardVerticle(Storage storage, BoardLeases leases, Supplier<String> newId, Clock clock,
                       fi.paja.metrics.PajaMetrics metrics, long idleMillis, Quotas quotas) {
    this.quotas = quotas;
    this.storage = storage;
    this.leases = leases;
    this.newId = newId;
    this.clock = clock;
    this.metrics = metrics;
    this.idleMillis = idleMillis;
  }

  @Override
  public Future<?> start() {
    store = new BoardStore(storage, quotas);
    devices = new fi.paja.auth.Devices(storage);
    metrics.gauge("paja.boards.active", "Boards owned by this node", boards::size);
    long sweep = Math.max(50, Math.min(60_000, idleMillis / 4));
    vertx.setPeriodic(sweep, id -> unloadIdle());
    vertx.setPeriodic(BoardLeases.RENEW_MILLIS, id -> renewLeases());
    return vertx.eventBus().<JsonObject>localConsumer(Addresses.ACTIVATE, this::activate).completion();
  }

  /** Boards finish the group they are writing before the node closes storage (see {@code PajaServer.stop}). */
  @Override
  public Future<?> stop() {
    List<String> held = List.copyOf(loaded.keySet());
    return Future.all(List.copyOf(loaded.values()).stream().map(a -> a.stopWhenIdle(5_000)).toList())
        // Another node may take these boards at once rather than after the leases run out.
        .transform(ar -> Future.join(held.stream().map(leases::release).toList()));
  }

  private void activate(Message<JsonObject> message) {
    String workshopId = message.body().getString("workshopId");
    ensure(workshopId).onComplete(ar -> {
      if (ar.succeeded()) {
        message.reply(new JsonObject().put("active", true).put("here", true));
      } else if (ar.cause() instanceof OwnedElsewhere) {
        // Its owner answers on the board's addresses, wherever in the cluster it runs.
        message.reply(new JsonObject().put("active", true).put("here", false));
      } else if (ar.cause() instanceof PajaException e) {
        message.fail(e.code().status(), Addresses.failure(message, e));
      } else {
        LOG.error("Workshop {}: could not load the board", workshopId, ar.cause());
        message.fail(503, ErrorCode.STORAGE_UNAVAILABLE.code());
      }
    });
  }

  private void unloadIdle() {
    List.copyOf(loaded.values()).stream().filter(a -> a.idleFor(idleMillis)).forEach(a -> a.stopWhenIdle(5_000));
    long now = System.currentTimeMillis();
    elsewhere.values().removeIf(recheck -> recheck < now);
    unreadable.values().removeIf(recheck -> recheck < now);
  }

  /**
   * Keeps this node's leases alive. A lease found taken (this node was cut off from the database for longer than
   * a lease lasts, and another node took the board) means the board is no longer this node's to write.
   */
  private void renewLeases() {
    for (Map.Entry<String, BoardActor> e : List.copyOf(loaded.entrySet())) {
      leases.acquire(e.getKey()).onComplete(ar -> {
        if (ar.succeeded() && !ar.result() && loaded.get(e.getKey()) == e.getValue()) {
          LOG.warn("Workshop {}: another node took the board over; unloading it here", e.getKey());
          e.getValue().unload();
        }
      });
    }
  }

  /** The board is another node's (its lease is live): not an error, the caller talks to the owner. */
  private static final class OwnedElsewhere extends RuntimeException {
    OwnedElsewhere() {
      super("owned by another node", null, false, false);
    }
  }

  private static final OwnedElsewhere OWNED_ELSEWHERE = new OwnedElsewhere();
  /** How long a board found owned by another node is taken to stay so before the database is asked again. */
  static final long RECHECK_ELSEWHERE_MILLIS = 1_000;

  /** Remembers a board whose stored data cannot be read, and logs it the first time. */
  private PajaException unreadable(String workshopId, Board.Damaged damaged) {
    unreadable.put(workshopId, System.currentTimeMillis() + RECHECK_UNREADABLE_MILLIS);
    if (reportedUnreadable.add(workshopId)) {
      // The part and the kind of failure only: stored content (names, texts) never goes to the log.
      Throwable cause = damaged.getCause() == null ? damaged : damaged.getCause();
      LOG.error("Workshop {}: its stored board cannot be read ({}: {}); refused with board_unreadable until it is "
          + "repaired (checked again every {} s; not logged again)", workshopId, damaged.part(),
          cause.getClass().getSimpleName(), RECHECK_UNREADABLE_MILLIS / 1000);
    }
    return unreadableError();
  }

  private static PajaException unreadableError() {
    return new PajaException(ErrorCode.BOARD_UNREADABLE,
        "The stored data of this workshop cannot be read; the server's operator has to repair it (see the log).");
  }

  /** How many boards this node holds in memory. */
  int active() {
    return boards.size();
  }

  private Future<BoardActor> ensure(String workshopId) {
    Future<BoardActor> existing = boards.get(workshopId);
    if (existing != null) {
      return existing;
    }
    Long recheck = elsewhere.get(workshopId);
    if (recheck != null && System.currentTimeMillis() < recheck) {
      return Future.failedFuture(OWNED_ELSEWHERE);
    }
    Long unreadableUntil = unreadable.get(workshopId);
    if (unreadableUntil != null && System.currentTimeMillis() < unreadableUntil) {
      return Future.failedFuture(unreadableError());
    }
    Future<BoardActor> loading = leases.acquire(workshopId)
        .compose(held -> {
          if (held) {
            elsewhere.remove(workshopId);
            return store.load(workshopId, newId).recover(err -> {
              // Not loaded: the lease goes at once, so that no node waits for it to run out.
              leases.release(workshopId);
              return Future.failedFuture(err instanceof Board.Damaged damaged ? unreadable(workshopId, damaged) : err);
            });
          }
          // Every command sent through this node asks; the database is asked again only after a while.
          elsewhere.put(workshopId, System.currentTimeMillis() + RECHECK_ELSEWHERE_MILLIS);
          return Future.failedFuture(OWNED_ELSEWHERE);
        })
        .compose(loaded -> {
          BoardActor actor = new BoardActor(vertx, store, devices, clock, loaded, () -> {
            boards.remove(workshopId);
            this.loaded.remove(workshopId);
            leases.release(workshopId);
          }, metrics);
          return actor.start().map(actor).onSuccess(a -> {
            this.loaded.put(workshopId, a);
            if (reportedUnreadable.remove(workshopId)) {
              LOG.info("Workshop {}: its stored board can be read again", workshopId);
            }
          });
        });
    boards.put(workshopId, loading);
    loading.onFailure(e -> boards.remove(workshopId));
    return loading;
  }
}
