package fi.paja.owner;

import fi.paja.board.Board;
import fi.paja.board.Participant;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.outcome.OutcomeItem;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pushes of outcomes to an issue tracker under way, by outcome id: one at a time per item, so that pushes racing
 * for one item make one issue. The others wait here for its link (or its failure), at most until the claim's
 * time is up. Runs on the board's context.
 */
final class PushClaims {

  static final int MAX_PUSH_WAITERS = 16;
  static final long MAX_PUSH_HOLD_MILLIS = 150_000;

  private static final class PushClaim {
    final List<Message<Object>> waiting = new ArrayList<>();
    long timer = -1;
  }

  private final Vertx vertx;
  private final Board board;
  private final JsonObject workshop;
  private final Refusals refusals;
  private final Map<String, PushClaim> pushes = new HashMap<>();

  PushClaims(Vertx vertx, Board board, JsonObject workshop, Refusals refusals) {
    this.vertx = vertx;
    this.board = board;
    this.workshop = workshop;
    this.refusals = refusals;
  }

  /**
   * One push per outcome at a time ({@link BoardClient#claimPush}): the item's link if it has one, else a claim for
   * the first caller, and a place in line for the others.
   */
  void claimPush(Message<Object> message, String outcomeId, long holdMillis, String participantId) {
    Participant who = participantId == null ? null : board.participant(participantId);
    if (who == null || who.removed() || !who.isFacilitator()) {
      refusals.fail(message, new PajaException(ErrorCode.FORBIDDEN));
      return;
    }
    OutcomeItem item = outcomeId == null ? null : board.outcome(outcomeId);
    if (item == null) {
      refusals.fail(message, new PajaException(ErrorCode.NOT_FOUND, "No such action item."));
      return;
    }
    if (item.github() != null) {
      message.reply(new JsonObject().put("github", item.github().copy()));
      return;
    }
    PushClaim claim = pushes.get(outcomeId);
    if (claim != null) {
      if (claim.waiting.size() >= MAX_PUSH_WAITERS) {
        refusals.fail(message, new PajaException(ErrorCode.BUSY));
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
  void pushEnded(String outcomeId, JsonObject link, PajaException failure) {
    PushClaim claim = outcomeId == null ? null : pushes.remove(outcomeId);
    if (claim == null) {
      return;
    }
    vertx.cancelTimer(claim.timer);
    for (Message<Object> waiting : claim.waiting) {
      if (link != null) {
        waiting.reply(new JsonObject().put("github", link.copy()));
      } else {
        refusals.fail(waiting, failure);
      }
    }
  }

  /** The board stops: every push still under way ends with {@code failure}. */
  void endAll(PajaException failure) {
    for (String outcomeId : List.copyOf(pushes.keySet())) {
      pushEnded(outcomeId, null, failure);
    }
  }
}
