package fi.paja.owner;

import fi.paja.auth.Member;
import fi.paja.board.Addresses;
import fi.paja.board.Participant;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * How the rest of the server talks to a board, wherever its owner runs: everything goes over the event bus, after
 * making sure the board is active.
 */
public final class BoardClient {

  private static final long TIMEOUT_MS = 15_000;
  private static final long RETRY_MILLIS = 250;
  private final Vertx vertx;
  private final EventBus eb;

  public BoardClient(Vertx vertx) {
    this.vertx = vertx;
    this.eb = vertx.eventBus();
  }

  public Future<Void> activate(String workshopId) {
    return request(Addresses.ACTIVATE, new JsonObject().put("workshopId", workshopId), new DeliveryOptions())
        .mapEmpty();
  }

  public Future<JsonObject> command(Member member, Object command) {
    DeliveryOptions options = new DeliveryOptions()
        .addHeader(Addresses.HEADER_DETAIL, "1")
        .addHeader(Addresses.HEADER_PARTICIPANT, member.participantId())
        .addHeader(Addresses.HEADER_ROLE, member.role())
        .addHeader(Addresses.HEADER_ACCEPTED_AT, Long.toString(System.currentTimeMillis()));
    return toBoard(member.workshopId(), Addresses.commands(member.workshopId()), command, options);
  }

  public Future<Void> join(String workshopId, Participant participant) {
    return internal(workshopId, new BoardRequest.Join(participant)).mapEmpty();
  }

  /** The member's snapshot, parsed (exports, templates); clients get {@link #snapshotBytes}. */
  public Future<JsonObject> snapshot(Member member) {
    return snapshotBytes(member).map(JsonObject::new);
  }

  /** The member's snapshot as the board made it: JSON bytes, ready to send. */
  public Future<io.vertx.core.buffer.Buffer> snapshotBytes(Member member) {
    return toBoard(member.workshopId(), Addresses.internal(member.workshopId()),
        new BoardRequest.Snapshot(member.participantId()).toJson(),
        new DeliveryOptions().addHeader(Addresses.HEADER_DETAIL, "1"));
  }

  public Future<JsonObject> eventsSince(Member member, long after) {
    return internal(member.workshopId(), new BoardRequest.EventsSince(after, member.participantId()));
  }

  public Future<JsonObject> publicView(String workshopId) {
    return internal(workshopId, new BoardRequest.Public());
  }

  /** Records that an outcome was pushed to an issue tracker (and, when synced, its status there). */
  public Future<JsonObject> linkOutcome(Member member, String outcomeId, JsonObject github, String status) {
    return internal(member.workshopId(),
        new BoardRequest.LinkOutcome(outcomeId, github, status, member.participantId()));
  }

  /**
   * Asks to push an outcome to an issue tracker, one push per item at a time. The reply is {@code {"github": link}}
   * when the item has its issue already, or once the push under way made it; or {@code {"claim": true, "outcome",
   * "title"}}: this caller makes the issue now, within {@code holdMillis}, then records it ({@link #linkOutcome}) or
   * reports failure ({@link #pushFailed}). Meanwhile other pushes of the item wait for that one.
   */
  public Future<JsonObject> claimPush(Member member, String outcomeId, long holdMillis) {
    return toBoard(member.workshopId(), Addresses.internal(member.workshopId()),
        new BoardRequest.ClaimPush(outcomeId, holdMillis, member.participantId()).toJson(),
        new DeliveryOptions().addHeader(Addresses.HEADER_DETAIL, "1"), holdMillis + TIMEOUT_MS);
  }

  /** The push this caller claimed failed: the pushes waiting for it fail the same way. */
  public void pushFailed(String workshopId, String outcomeId, fi.paja.error.PajaException e) {
    eb.send(Addresses.internal(workshopId),
        new BoardRequest.PushFailed(outcomeId, e.code().code(), e.getMessage()).toJson());
  }

  /** The board's copy of the workshop's join code (what snapshots show) after it was changed in the database. */
  public Future<Void> joinCodeChanged(String workshopId, String joinCode) {
    return internal(workshopId, new BoardRequest.JoinCodeChanged(joinCode)).mapEmpty();
  }

  /**
   * The board's copy of the workshop's {@code closedAt} and {@code archivedAt} (null = absent). A closed board
   * refuses every change from the moment this is answered.
   */
  public Future<Void> lifeChanged(String workshopId, String closedAt, String archivedAt) {
    return internal(workshopId, new BoardRequest.LifeChanged(closedAt, archivedAt)).mapEmpty();
  }

  /**
   * Unloads a board whose workshop document was deleted, on whichever node owns it, once the group it is writing is
   * written; a board loaded nowhere (activating it fails with {@code workshop_not_found}) needs nothing.
   */
  public Future<Void> unloadForDeletion(String workshopId) {
    return internal(workshopId, new BoardRequest.Delete()).<Void>mapEmpty()
        .recover(err -> err instanceof PajaException e && e.code() == ErrorCode.WORKSHOP_NOT_FOUND
            ? Future.succeededFuture() : Future.failedFuture(err));
  }

  /**
   * Erases everyone but the owner from the board and every note's author (retention); answered once the op log up to
   * it is dropped. The time the board records as {@code anonymisedAt}.
   */
  public Future<String> anonymise(String workshopId) {
    return internal(workshopId, new BoardRequest.Anonymise())
        .map(reply -> reply.getString("anonymisedAt"));
  }

  /** Everything one participant wrote, for a facilitator ({@code member}) answering that person's request. */
  public Future<JsonObject> exportPerson(Member member, String subjectId) {
    return internal(member.workshopId(), new BoardRequest.ExportPerson(member.participantId(), subjectId));
  }

  /** The participant's current role on the board ({@code role}, {@code facilitator}); fails if removed. */
  public Future<JsonObject> whois(String workshopId, String participantId) {
    return internal(workshopId, new BoardRequest.Whois(participantId));
  }

  public Future<Void> presence(String workshopId, String participantId, String socketId, boolean online) {
    BoardRequest request = online ? new BoardRequest.PresenceConnect(participantId, socketId)
        : new BoardRequest.PresenceDisconnect(participantId, socketId);
    return activate(workshopId).onSuccess(v -> eb.send(Addresses.internal(workshopId), request.toJson())).mapEmpty();
  }

  public Future<Void> refreshPresence(String workshopId) {
    return activate(workshopId)
        .onSuccess(v -> eb.send(Addresses.internal(workshopId), new BoardRequest.PresenceRefresh().toJson()))
        .mapEmpty();
  }

  /** Every request to the board's owner goes on the bus as {@link BoardRequest#toJson}. */
  private Future<JsonObject> internal(String workshopId, BoardRequest request) {
    return toBoard(workshopId, Addresses.internal(workshopId), request.toJson(),
        new DeliveryOptions().addHeader(Addresses.HEADER_DETAIL, "1"));
  }

  private Future<JsonObject> request(String address, Object body, DeliveryOptions options) {
    options.setSendTimeout(TIMEOUT_MS);
    return eb.<JsonObject>request(address, body, options)
        .map(m -> m.body())
        .recover(BoardClient::asPajaException);
  }

  /**
   * To a board's own address, after making sure it is active. Nobody listening means the board was unloaded in
   * between, or its owner died and its lease has not run out yet: the message reached no one, so it is safe to
   * activate again and resend, until a lease would have run out.
   */
  private <T> Future<T> toBoard(String workshopId, String address, Object body, DeliveryOptions options) {
    return toBoard(workshopId, address, body, options, TIMEOUT_MS);
  }

  private <T> Future<T> toBoard(String workshopId, String address, Object body, DeliveryOptions options,
                                long timeoutMillis) {
    return toBoard(workshopId, address, body, options, System.currentTimeMillis() + BoardLeases.TTL_MILLIS + 5_000,
        timeoutMillis);
  }

  private <T> Future<T> toBoard(String workshopId, String address, Object body, DeliveryOptions options,
                                long deadline, long timeoutMillis) {
    return activate(workshopId)
        .compose(v -> {
          options.setSendTimeout(timeoutMillis);
          return eb.<T>request(address, body, options);
        })
        .map(m -> m.body())
        .recover(err -> {
          if (err instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS
              && System.currentTimeMillis() < deadline) {
            return vertx.timer(RETRY_MILLIS).compose(t -> this.<T>toBoard(workshopId, address, body, options, deadline,
                timeoutMillis));
          }
          return asPajaException(err);
        });
  }

  /**
   * Failures from a board carry the wire code as their message, and its detail after a newline where asked for
   * ({@link Addresses#HEADER_DETAIL}); turn them back into exceptions.
   */
  private static <T> Future<T> asPajaException(Throwable err) {
    if (err instanceof PajaException) {
      // Turned into one already (activating the board refused it, e.g. board_unreadable).
      return Future.failedFuture(err);
    }
    if (err instanceof ReplyException reply && reply.failureCode() > 0) {
      String message = String.valueOf(reply.getMessage());
      int newline = message.indexOf('\n');
      ErrorCode code = ErrorCode.fromCode(newline < 0 ? message : message.substring(0, newline));
      return Future.failedFuture(newline < 0 ? new PajaException(code)
          : new PajaException(code, message.substring(newline + 1)));
    }
    // Not the board's refusal: it did not answer (slow, or its node is gone and another has not taken it over yet).
    boolean timedOut = err instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT;
    return Future.failedFuture(new PajaException(ErrorCode.STORAGE_UNAVAILABLE, timedOut
        ? "The board did not answer in time; the change may or may not have been made. Check before retrying."
        : "The board cannot be reached right now; nothing was changed. Try again in a moment."));
  }
}
