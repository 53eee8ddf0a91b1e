package fi.paja.board;

import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.storage.Storage;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.HashMap;
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
  private final Supplier<String> newId;
  private final Clock clock;
  private final Map<String, Future<BoardActor>> boards = new HashMap<>();
  private BoardStore store;

  private final fi.paja.metrics.PajaMetrics metrics;

  public BoardVerticle(Storage storage, Supplier<String> newId, Clock clock, fi.paja.metrics.PajaMetrics metrics) {
    this.storage = storage;
    this.newId = newId;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    store = new BoardStore(storage);
    metrics.gauge("paja.boards.active", "Boards owned by this node", boards::size);
    return vertx.eventBus().<JsonObject>localConsumer(Addresses.ACTIVATE, this::activate).completion();
  }

  private void activate(Message<JsonObject> message) {
    String workshopId = message.body().getString("workshopId");
    ensure(workshopId).onComplete(ar -> {
      if (ar.succeeded()) {
        message.reply(new JsonObject().put("active", true));
      } else if (ar.cause() instanceof PajaException e) {
        message.fail(e.code().status(), e.code().code());
      } else {
        LOG.error("Workshop {}: could not load the board", workshopId, ar.cause());
        message.fail(503, ErrorCode.STORAGE_UNAVAILABLE.code());
      }
    });
  }

  private Future<BoardActor> ensure(String workshopId) {
    Future<BoardActor> existing = boards.get(workshopId);
    if (existing != null) {
      return existing;
    }
    Future<BoardActor> loading = store.load(workshopId, newId)
        .compose(loaded -> {
          BoardActor actor = new BoardActor(vertx, store, clock, loaded, () -> boards.remove(workshopId), metrics);
          return actor.start().map(actor);
        });
    boards.put(workshopId, loading);
    loading.onFailure(e -> boards.remove(workshopId));
    return loading;
  }
}
