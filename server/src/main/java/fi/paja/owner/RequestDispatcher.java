package fi.paja.owner;

import fi.paja.board.Command;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests the rest of the server sends a board's owner ({@link BoardRequest}, on
 * {@code paja.board.<id>.internal}), each to its handler: changes go into the actor's queue as commands, reads wait
 * there for the group being written, presence and the workshop's copies are taken at once.
 */
final class RequestDispatcher implements BoardRequest.Handlers {

  private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

  private final BoardActor actor;
  private final BoardReads reads;
  private final PushClaims pushes;
  private final Presence presence;
  private final JsonObject workshop;
  private final Refusals refusals;

  RequestDispatcher(BoardActor actor, BoardReads reads, PushClaims pushes, Presence presence, JsonObject workshop,
                    Refusals refusals) {
    this.actor = actor;
    this.reads = reads;
    this.pushes = pushes;
    this.presence = presence;
    this.workshop = workshop;
    this.refusals = refusals;
  }

  void onMessage(Message<Object> message) {
    actor.touched();
    BoardRequest request;
    try {
      request = BoardRequest.fromJson((JsonObject) message.body());
    } catch (PajaException e) {
      message.fail(e.code().status(), e.code().code());
      return;
    } catch (RuntimeException e) {
      // A sender's bug (no node of any build sends this): answered, so that it is not left waiting for its timeout.
      LOG.error("Workshop {}: an internal request could not be read", workshop.getString("_id"), e);
      refusals.fail(message, new PajaException(ErrorCode.INTERNAL_ERROR));
      return;
    }
    if (actor.closed() && request.changesBoard()) {
      refusals.fail(message, BoardActor.closedError());
      return;
    }
    request.handledBy(this, message);
  }

  @Override
  public void join(BoardRequest.Join r, Message<Object> m) {
    actor.command(m, new Command.JoinParticipant(r.participant()), null);
  }

  @Override
  public void snapshot(BoardRequest.Snapshot r, Message<Object> m) {
    actor.read(m, () -> reads.snapshot(m, r.participantId()));
  }

  @Override
  public void eventsSince(BoardRequest.EventsSince r, Message<Object> m) {
    actor.read(m, () -> reads.eventsSince(m, r.after(), r.participantId()));
  }

  @Override
  public void publicView(BoardRequest.Public r, Message<Object> m) {
    actor.read(m, () -> m.reply(reads.publicView()));
  }

  @Override
  public void linkOutcome(BoardRequest.LinkOutcome r, Message<Object> m) {
    actor.command(m, new Command.LinkOutcome(r.id(), r.github(), Optional.ofNullable(r.status())), r.actorId());
  }

  @Override
  public void claimPush(BoardRequest.ClaimPush r, Message<Object> m) {
    actor.read(m, () -> pushes.claimPush(m, r.id(), r.holdMillis(), r.participantId()));
  }

  @Override
  public void pushFailed(BoardRequest.PushFailed r, Message<Object> m) {
    pushes.pushEnded(r.id(), null, new PajaException(ErrorCode.fromCode(r.code()), r.message()));
  }

  @Override
  public void whois(BoardRequest.Whois r, Message<Object> m) {
    actor.read(m, () -> reads.whois(m, r.participantId()));
  }

  @Override
  public void presenceConnect(BoardRequest.PresenceConnect r, Message<Object> m) {
    presence.connected(r.participantId(), r.socketId());
  }

  @Override
  public void presenceDisconnect(BoardRequest.PresenceDisconnect r, Message<Object> m) {
    presence.disconnected(r.socketId());
  }

  @Override
  public void presenceRefresh(BoardRequest.PresenceRefresh r, Message<Object> m) {
    presence.publish();
  }

  @Override
  public void lifeChanged(BoardRequest.LifeChanged r, Message<Object> m) {
    // Already stored in the workshop's document (or about to be, for a close: see WorkshopLife); from now on this
    // board refuses changes, and snapshots show it.
    putOrRemove("closedAt", r.closedAt());
    putOrRemove("archivedAt", r.archivedAt());
    m.reply(new JsonObject());
  }

  @Override
  public void delete(BoardRequest.Delete r, Message<Object> m) {
    // The workshop's document is gone: finish what is being written, then unload and never write again.
    actor.stopWhenIdle(5_000).onComplete(ar -> m.reply(new JsonObject()));
  }

  @Override
  public void exportPerson(BoardRequest.ExportPerson r, Message<Object> m) {
    actor.read(m, () -> reads.exportPerson(m, r.participantId(), r.subjectId()));
  }

  @Override
  public void anonymise(BoardRequest.Anonymise r, Message<Object> m) {
    actor.command(m, new Command.EraseParticipants(List.of(), false, true), null);
  }

  @Override
  public void joinCodeChanged(BoardRequest.JoinCodeChanged r, Message<Object> m) {
    // Already stored in the workshop's document; this is the copy snapshots show.
    workshop.put("joinCode", r.joinCode());
    m.reply(new JsonObject());
  }

  private void putOrRemove(String field, String value) {
    if (value == null) {
      workshop.remove(field);
    } else {
      workshop.put(field, value);
    }
  }
}
