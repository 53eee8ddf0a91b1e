package fi.paja.board;

import static fi.paja.board.CommandType.internal;
import static fi.paja.board.CommandType.of;
import static fi.paja.board.Fields.id;
import static fi.paja.board.Fields.wholeNumber;

import fi.paja.config.Limits;
import fi.paja.validation.Json;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Dot votes: their wire names and decoding. */
final class VoteCommands {

  static final List<CommandType<?>> TYPES = List.of(
      of("vote.open", Command.OpenVote.class, VoteCommands::open),
      of("vote.cast", Command.CastVote.class, c -> c.delta() > 0, json -> new Command.CastVote(target(json), 1)),
      of("vote.retract", Command.CastVote.class, c -> c.delta() <= 0, json -> new Command.CastVote(target(json), -1)),
      of("vote.close", Command.CloseVote.class, json -> {
        Json.onlyFields(json, Set.of("op"));
        return new Command.CloseVote();
      }),
      // A vote's time ran out.
      internal("vote.expire", Command.ExpireVote.class),
      of("vote.reopen", Command.ReopenVote.class, json -> {
        Json.onlyFields(json, Set.of("op", "voteId"));
        return new Command.ReopenVote(id(Json.requiredString(json, "voteId")));
      }));

  private VoteCommands() {
  }

  /**
   * {@code vote.open}. An import reads a closed vote's settings with this decoding too ({@code WorkshopImport}).
   */
  static Command.OpenVote open(JsonObject json) {
    Json.onlyFields(json, Set.of("op", "targets", "budget", "maxPerItem", "secret", "seconds"));
    String targets = Fields.voteTargets(json, "targets");
    boolean secret = !json.containsKey("secret") || Json.requiredBoolean(json, "secret");
    Optional<Long> seconds = json.getValue("seconds") == null ? Optional.empty()
        : Optional.of(wholeNumber(json, "seconds", 1, Limits.MAX_TIMER_SECONDS));
    return new Command.OpenVote(targets, (int) wholeNumber(json, "budget", 1, Limits.MAX_VOTE_BUDGET),
        (int) wholeNumber(json, "maxPerItem", 1, Limits.MAX_VOTE_BUDGET), secret, seconds);
  }

  private static String target(JsonObject json) {
    Json.onlyFields(json, Set.of("op", "targetId"));
    return id(Json.requiredString(json, "targetId"));
  }
}
