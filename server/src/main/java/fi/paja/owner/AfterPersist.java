package fi.paja.owner;

import fi.paja.auth.AccessChange;
import fi.paja.board.Addresses;
import fi.paja.board.Board;
import fi.paja.board.Event;
import fi.paja.board.Vote;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a board's owner does once a group's events are durable, besides answering and publishing them: every node
 * learns whose access ended or changed, pushes waiting for an outcome's link get it, the public outcomes page is
 * told, and the vote timer follows the current vote. Runs on the board's context.
 */
final class AfterPersist {

  private final Vertx vertx;
  private final Board board;
  private final String workshopId;
  private final JsonObject workshop;
  private final Clock clock;
  private final Presence presence;
  private final PushClaims pushes;
  /** Closes a vote whose time is up (a command of the server's own). */
  private final Consumer<String> expire;
  private long voteTimer = -1;

  AfterPersist(Vertx vertx, Board board, JsonObject workshop, Clock clock, Presence presence, PushClaims pushes,
               Consumer<String> expire) {
    this.vertx = vertx;
    this.board = board;
    this.workshopId = board.workshopId();
    this.workshop = workshop;
    this.clock = clock;
    this.presence = presence;
    this.pushes = pushes;
    this.expire = expire;
  }

  /** What has to happen once changes are stored: timers, and telling every node whose access ended or changed. */
  void changesStored(List<Event> events) {
    for (Event event : events) {
      if (event.change() instanceof Event.ParticipantRemoved removed) {
        presence.forget(removed.participantId());
        AccessChange.removed(workshopId, removed.participantId()).publish(vertx);
      } else if (event.change() instanceof Event.ParticipantsErased erased) {
        for (String id : erased.participantIds()) {
          presence.forget(id);
          // Their sockets close (4405, so their page can say why) and their tokens stop working, as for a removal.
          AccessChange.erased(workshopId, id).publish(vertx);
        }
      } else if (event.change() instanceof Event.ParticipantRoleChanged changed) {
        // What they may see changed: their sockets reconnect and register again as the new role.
        AccessChange.roleChanged(workshopId, changed.participantId()).publish(vertx);
      }
      if (event.change() instanceof Event.OutcomeChanged changed && changed.outcome().github() != null) {
        pushes.pushEnded(changed.outcome().id(), changed.outcome().github(), null);
      } else if (event.change() instanceof Event.OutcomeRemoved removed) {
        pushes.pushEnded(removed.id(), null, new PajaException(ErrorCode.NOT_FOUND, "The action item was deleted."));
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

  /** A vote with an end time closes itself, even if nobody is connected then. */
  void scheduleVoteExpiry() {
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
      expire.accept(voteId);
    });
  }

  void stop() {
    if (voteTimer >= 0) {
      vertx.cancelTimer(voteTimer);
    }
  }
}
