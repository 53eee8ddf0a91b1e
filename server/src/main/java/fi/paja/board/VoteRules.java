package fi.paja.board;

import static fi.paja.board.Handlers.Access.FACILITATORS;
import static fi.paja.board.Handlers.Access.MEMBER;

import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Dot votes: facilitators open, close and reopen one; members cast and take back dots (also while the board is
 * locked); a vote with an end closes when its owner sends {@link Command.ExpireVote} at that time.
 */
final class VoteRules implements Area {

  private final Board board;

  VoteRules(Board board) {
    this.board = board;
  }

  @Override
  public void register(Handlers.Registry handlers, Effects.Registry effects) {
    handlers.unchecked(Command.ExpireVote.class, (expire, actorId, now) -> {
      Vote vote = board.votes.get(expire.voteId());
      if (vote == null || !vote.isOpen() || vote.endsAt() == null || vote.endsAt() > now.toEpochMilli()) {
        return new Board.Outcome(List.of(), new JsonObject());
      }
      return closeVote(null, now);
    });
    handlers.on(Command.CastVote.class, MEMBER, this::cast);
    handlers.on(Command.OpenVote.class, FACILITATORS, this::open);
    handlers.on(Command.CloseVote.class, FACILITATORS, (close, actor, now) -> {
      Vote current = board.currentVote();
      if (current == null || !current.isOpen()) {
        throw new PajaException(ErrorCode.VOTE_NOT_OPEN);
      }
      return closeVote(actor.id(), now);
    });
    handlers.on(Command.ReopenVote.class, FACILITATORS, this::reopen);

    effects.on(Event.VoteOpened.class, (o, event) -> {
      JsonObject v = o.vote();
      Vote existing = board.votes.get(v.getString("id"));
      if (existing != null) {
        existing.reopen(v.getLong("endsAt"));
      } else {
        board.votes.put(v.getString("id"), new Vote(v.getString("id"), v.getString("targets"),
            v.getInteger("budget"), v.getInteger("maxPerItem"), v.getBoolean("secret"), v.getLong("endsAt")));
      }
      board.currentVoteId = v.getString("id");
    });
    effects.on(Event.VoteChanged.class, (c, event) -> {
      Vote vote = board.votes.get(c.voteId());
      if (vote != null) {
        // A delta, so not idempotent by itself: the ballots are stored in the same document update as the
        // checkpoint seq (BoardStore), so replay applies exactly the events after them.
        vote.add(c.voter(), c.targetId(), c.delta());
        vote.remember(c.targetId(), board.kindOf(c.targetId()));
      }
    });
    effects.on(Event.VoteClosed.class, (c, event) -> {
      Vote vote = board.votes.get(c.vote().getString("id"));
      if (vote != null) {
        vote.close(t -> vote.kindOf(t, board::kindOf));
      }
    });
  }

  private Board.Outcome cast(Command.CastVote cast, Participant actor, Instant now) {
    Vote vote = board.currentVote();
    if (vote == null || !vote.isOpen() || (vote.endsAt() != null && vote.endsAt() <= now.toEpochMilli())) {
      throw new PajaException(ErrorCode.VOTE_NOT_OPEN);
    }
    String target = cast.targetId();
    // Private notes are voted on after they are revealed: a tally, shown to everyone, must never carry a hidden
    // note's id.
    boolean isNote = board.notes.containsKey(target)
        && board.referable(board.notes.get(target), actor, Board.Reach.EVERYONE) && vote.allowsNotes();
    boolean isCluster = board.clusters.containsKey(target) && vote.allowsClusters();
    if (!isNote && !isCluster) {
      throw new PajaException(ErrorCode.INVALID_VOTE_TARGET);
    }
    if (cast.delta() > 0) {
      if (vote.used(actor.id()) >= vote.budget()) {
        throw new PajaException(ErrorCode.VOTE_BUDGET_EXCEEDED);
      }
      if (vote.on(actor.id(), target) >= vote.maxPerItem()) {
        throw new PajaException(ErrorCode.VOTE_ITEM_LIMIT);
      }
    } else if (vote.on(actor.id(), target) == 0) {
      throw new PajaException(ErrorCode.INVALID_VOTE_TARGET, "You have no dot on this item.");
    }
    // The resulting totals go into the event so that every recipient can be told what it may know.
    vote.add(actor.id(), target, cast.delta());
    int castAfter = vote.cast();
    JsonObject tally = vote.tallyJson();
    vote.add(actor.id(), target, -cast.delta());
    Board.Outcome outcome = board.emit(actor.id(), now,
        new Event.VoteChanged(vote.id(), actor.id(), target, cast.delta(), castAfter, tally), new JsonObject());
    outcome.reply().put("left", vote.budget() - vote.used(actor.id()));
    return outcome;
  }

  private Board.Outcome open(Command.OpenVote open, Participant actor, Instant now) {
    Board.Outcome outcome = new Board.Outcome(new ArrayList<>(), new JsonObject());
    Vote current = board.currentVote();
    if (current != null && current.isOpen()) {
      outcome.events().addAll(closeVote(actor.id(), now).events());
    }
    String id = board.newId.get();
    Long endsAt = open.seconds().map(s -> now.toEpochMilli() + s * 1000).orElse(null);
    JsonObject vote = new Vote(id, open.targets(), open.budget(), open.maxPerItem(), open.secret(), endsAt)
        .describe();
    outcome.events().addAll(board.emit(actor.id(), now, new Event.VoteOpened(vote), null).events());
    outcome.reply().put("voteId", id);
    return outcome;
  }

  private Board.Outcome reopen(Command.ReopenVote reopen, Participant actor, Instant now) {
    Vote vote = board.votes.get(reopen.voteId());
    if (vote == null) {
      throw new PajaException(ErrorCode.VOTE_NOT_FOUND);
    }
    Board.Outcome outcome = new Board.Outcome(new ArrayList<>(), new JsonObject());
    Vote current = board.currentVote();
    if (current != null && current.isOpen() && !current.id().equals(vote.id())) {
      outcome.events().addAll(closeVote(actor.id(), now).events());
    }
    if (!vote.isOpen()) {
      JsonObject described = vote.describe().put("state", Vote.OPEN).putNull("endsAt");
      described.remove("results");
      outcome.events().addAll(board.emit(actor.id(), now, new Event.VoteOpened(described), null).events());
    }
    return outcome;
  }

  /** Closes the current vote; its results, worked out on a copy, go into the event. */
  private Board.Outcome closeVote(String by, Instant now) {
    Vote vote = board.currentVote();
    JsonObject described = vote.describe().put("state", Vote.CLOSED);
    Vote probe = Vote.fromStored(vote.toStored());
    probe.close(t -> probe.kindOf(t, board::kindOf));
    described.put("results", probe.results());
    return board.emit(by, now, new Event.VoteClosed(described), new JsonObject());
  }
}
