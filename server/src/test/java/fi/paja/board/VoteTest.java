package fi.paja.board;

import static fi.paja.board.FacilitationFixture.COFAC;
import static fi.paja.board.FacilitationFixture.OWNER;
import static fi.paja.board.FacilitationFixture.PAT;
import static fi.paja.board.FacilitationFixture.PIA;
import static fi.paja.board.FacilitationFixture.T0;
import static fi.paja.board.FacilitationFixture.at;
import static fi.paja.board.FacilitationFixture.cast;
import static fi.paja.board.FacilitationFixture.retract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.error.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** docs/PROTOCOL.md, "Facilitation commands": vote.open, vote.cast, vote.retract, vote.close, vote.reopen. */
class VoteTest {

  private FacilitationFixture f;
  private String a;
  private String b;
  private String c;
  private String k;

  @BeforeEach
  void notesAndACluster() {
    f = new FacilitationFixture();
    a = f.addNote(PAT, "A");
    b = f.addNote(PIA, "B");
    c = f.addNote(OWNER, "C");
    String d = f.addNote(OWNER, "D");
    k = f.cluster(OWNER, "K", d);
  }

  private Board.Outcome open(String targets, int budget, int maxPerItem, boolean secret, Long seconds) {
    return f.handle(new Command.OpenVote(targets, budget, maxPerItem, secret, Optional.ofNullable(seconds)), OWNER);
  }

  private List<String> types(Board.Outcome outcome) {
    return outcome.events().stream().map(Event::type).toList();
  }

  @Nested
  class Opening {

    @Test
    void openRepliesWithTheVoteIdAndEmitsVoteOpened() {
      Board.Outcome outcome = open("both", 5, 2, true, null);

      String id = outcome.reply().getString("voteId");
      assertNotNull(id);
      assertEquals(List.of("vote.opened"), types(outcome));
      assertEquals(new JsonObject().put("id", id).put("state", "open").put("targets", "both").put("budget", 5)
          .put("maxPerItem", 2).put("secret", true).putNull("endsAt"),
          outcome.events().get(0).toJson().getJsonObject("vote"));
      assertEquals(id, f.board.currentVote().id());
      assertTrue(f.board.currentVote().isOpen());
    }

    @Test
    void openWithSecondsEndsThatManySecondsLater() {
      Board.Outcome outcome = open("notes", 3, 1, false, 90L);

      assertEquals(T0.toEpochMilli() + 90_000,
          outcome.events().get(0).toJson().getJsonObject("vote").getLong("endsAt"));
      assertEquals(T0.toEpochMilli() + 90_000, f.board.currentVote().endsAt());
    }

    @Test
    void openingANewVoteWhileOneIsOpenClosesTheOldOneFirst() {
      String first = f.openVote("notes", 3, 1, false);
      f.handle(cast(a), PAT);

      Board.Outcome outcome = open("clusters", 2, 1, true, null);

      assertEquals(List.of("vote.closed", "vote.opened"), types(outcome));
      JsonObject closed = outcome.events().get(0).toJson().getJsonObject("vote");
      assertEquals(first, closed.getString("id"));
      assertEquals("closed", closed.getString("state"));
      assertEquals(1, closed.getJsonArray("results").size());
      String second = outcome.reply().getString("voteId");
      assertNotEquals(first, second);
      assertEquals(second, f.board.currentVote().id());
      assertEquals(1, f.board.votes().stream().filter(Vote::isOpen).count());
    }
  }

  @Nested
  class Casting {

    @Test
    void castWithinTheBudgetEmitsVoteCastAndRepliesWithTheDotsLeft() {
      String id = f.openVote("notes", 3, 3, true);

      Board.Outcome outcome = f.handle(cast(b), PAT);

      assertEquals(List.of("vote.cast"), types(outcome));
      JsonObject json = outcome.events().get(0).toJson();
      assertEquals(id, json.getString("voteId"));
      assertEquals(1, json.getInteger("cast"));
      assertEquals(2, outcome.reply().getInteger("left"));
      assertEquals(1, f.board.currentVote().used(PAT));
      assertEquals(1, f.board.currentVote().on(PAT, b));
    }

    @Test
    void everyDotOfTheBudgetCanBeCast() {
      f.openVote("both", 3, 3, true);

      f.handle(cast(a), PAT);
      f.handle(cast(b), PAT);
      Board.Outcome last = f.handle(cast(k), PAT);

      assertEquals(0, last.reply().getInteger("left"));
      assertEquals(3, f.board.currentVote().used(PAT));
    }

    @Test
    void castingOverTheBudgetIsVoteBudgetExceeded() {
      f.openVote("notes", 2, 2, true);
      f.handle(cast(a), PAT);
      f.handle(cast(b), PAT);

      assertEquals(ErrorCode.VOTE_BUDGET_EXCEEDED, f.refusal(cast(c), PAT));
      assertEquals(2, f.board.currentVote().used(PAT));
    }

    @Test
    void theBudgetIsPerParticipant() {
      f.openVote("notes", 1, 1, true);
      f.handle(cast(a), PAT);

      assertEquals(1, f.handle(cast(a), PIA).events().size());
      assertEquals(1, f.handle(cast(a), COFAC).events().size());
      assertEquals(3, f.board.currentVote().cast());
    }

    @Test
    void castingOverTheMaximumPerItemIsVoteItemLimit() {
      f.openVote("notes", 5, 2, true);
      f.handle(cast(a), PAT);
      f.handle(cast(a), PAT);

      assertEquals(ErrorCode.VOTE_ITEM_LIMIT, f.refusal(cast(a), PAT));
      assertEquals(2, f.board.currentVote().on(PAT, a));
      assertEquals(1, f.handle(cast(b), PAT).events().size(), "other items still take dots");
    }

    @Test
    void retractRemovesOneOfYourOwnDots() {
      f.openVote("notes", 3, 3, true);
      f.handle(cast(a), PAT);
      f.handle(cast(a), PAT);

      Board.Outcome outcome = f.handle(retract(a), PAT);

      assertEquals(List.of("vote.retracted"), types(outcome));
      assertEquals(1, outcome.events().get(0).toJson().getInteger("cast"));
      assertEquals(1, f.board.currentVote().on(PAT, a));
      assertEquals(2, outcome.reply().getInteger("left"));
    }

    @Test
    void retractingSomeoneElsesDotIsInvalidVoteTarget() {
      f.openVote("notes", 3, 3, true);
      f.handle(cast(a), PAT);

      assertEquals(ErrorCode.INVALID_VOTE_TARGET, f.refusal(retract(a), PIA));
      assertEquals(1, f.board.currentVote().on(PAT, a));
    }

    @Test
    void retractingWithNoDotsIsInvalidVoteTarget() {
      f.openVote("notes", 3, 3, true);

      assertEquals(ErrorCode.INVALID_VOTE_TARGET, f.refusal(retract(a), PAT));
    }

    @Test
    void aNotesVoteRefusesClusters() {
      f.openVote("notes", 3, 3, true);

      assertEquals(ErrorCode.INVALID_VOTE_TARGET, f.refusal(cast(k), PAT));
    }

    @Test
    void aClustersVoteRefusesNotes() {
      f.openVote("clusters", 3, 3, true);

      assertEquals(ErrorCode.INVALID_VOTE_TARGET, f.refusal(cast(a), PAT));
      assertEquals(1, f.handle(cast(k), PAT).events().size());
    }

    @Test
    void aBothVoteTakesNotesAndClusters() {
      f.openVote("both", 3, 3, true);

      assertEquals(1, f.handle(cast(a), PAT).events().size());
      assertEquals(1, f.handle(cast(k), PAT).events().size());
    }

    @Test
    void anUnknownTargetIsInvalidVoteTarget() {
      f.openVote("both", 3, 3, true);

      assertEquals(ErrorCode.INVALID_VOTE_TARGET, f.refusal(cast("no-such-thing"), PAT));
    }

    @Test
    void castingWithNoVoteEverOpenedIsVoteNotOpen() {
      assertEquals(ErrorCode.VOTE_NOT_OPEN, f.refusal(cast(a), PAT));
      assertEquals(ErrorCode.VOTE_NOT_OPEN, f.refusal(retract(a), PAT));
    }

    @Test
    void castingAfterCloseIsVoteNotOpen() {
      f.openVote("notes", 3, 3, true);
      f.handle(cast(a), PAT);
      f.handle(new Command.CloseVote(), OWNER);

      assertEquals(ErrorCode.VOTE_NOT_OPEN, f.refusal(cast(b), PAT));
      assertEquals(ErrorCode.VOTE_NOT_OPEN, f.refusal(retract(a), PAT));
    }

    @Test
    void castingAfterEndsAtHasPassedIsVoteNotOpen() {
      open("notes", 3, 3, true, 60L);
      assertEquals(1, f.handle(cast(a), PAT, at(59)).events().size());

      assertEquals(ErrorCode.VOTE_NOT_OPEN, f.refusal(cast(b), PAT, at(61)));
      assertEquals(ErrorCode.VOTE_NOT_OPEN, f.refusal(cast(b), PAT, at(60)), "endsAt itself is too late");
    }

    @Test
    void closingWhenNoVoteIsOpenIsVoteNotOpen() {
      assertEquals(ErrorCode.VOTE_NOT_OPEN, f.refusal(new Command.CloseVote(), OWNER));
      f.openVote("notes", 3, 3, true);
      f.handle(new Command.CloseVote(), OWNER);
      assertEquals(ErrorCode.VOTE_NOT_OPEN, f.refusal(new Command.CloseVote(), OWNER));
    }
  }

  @Nested
  class Closing {

    private Map<String, JsonObject> byTarget(JsonArray results) {
      java.util.Map<String, JsonObject> out = new java.util.LinkedHashMap<>();
      results.forEach(r -> out.put(((JsonObject) r).getString("targetId"), (JsonObject) r));
      return out;
    }

    @Test
    void closeGivesRankedResultsMostVotesFirstWithTiesSharingARank() {
      f.openVote("both", 5, 5, true);
      f.handle(cast(a), PAT);
      f.handle(cast(a), PIA);
      f.handle(cast(a), COFAC);
      f.handle(cast(b), PAT);
      f.handle(cast(b), PIA);
      f.handle(cast(k), PAT);
      f.handle(cast(k), OWNER);
      f.handle(cast(c), PIA);

      Board.Outcome outcome = f.handle(new Command.CloseVote(), COFAC);

      assertEquals(List.of("vote.closed"), types(outcome));
      JsonObject vote = outcome.events().get(0).toJson().getJsonObject("vote");
      assertEquals("closed", vote.getString("state"));
      JsonArray results = vote.getJsonArray("results");
      assertEquals(4, results.size());
      List<Integer> votes = results.stream().map(r -> ((JsonObject) r).getInteger("votes")).toList();
      assertEquals(List.of(3, 2, 2, 1), votes);
      Map<String, JsonObject> r = byTarget(results);
      assertEquals(new JsonObject().put("targetId", a).put("kind", "note").put("votes", 3).put("rank", 1), r.get(a));
      assertEquals(new JsonObject().put("targetId", b).put("kind", "note").put("votes", 2).put("rank", 2), r.get(b));
      assertEquals(new JsonObject().put("targetId", k).put("kind", "cluster").put("votes", 2).put("rank", 2),
          r.get(k));
      assertEquals(new JsonObject().put("targetId", c).put("kind", "note").put("votes", 1).put("rank", 4), r.get(c));
      assertFalse(f.board.currentVote().isOpen());
      assertEquals(results, f.board.currentVote().results());
    }

    @Test
    void aClusterVotedOnAndThenDissolvedIsStillRankedAsACluster() {
      f.openVote("clusters", 3, 3, true);
      f.handle(cast(k), PAT);
      f.handle(new Command.DissolveCluster(k), OWNER);

      JsonArray results = f.handle(new Command.CloseVote(), OWNER).events().get(0).toJson()
          .getJsonObject("vote").getJsonArray("results");

      assertEquals(k, results.getJsonObject(0).getString("targetId"));
      assertEquals("cluster", results.getJsonObject(0).getString("kind"));
    }

    @Test
    void itemsWhoseDotsWereAllRetractedAreNotInTheResults() {
      f.openVote("notes", 5, 5, true);
      f.handle(cast(a), PAT);
      f.handle(cast(b), PAT);
      f.handle(retract(b), PAT);

      JsonArray results = f.handle(new Command.CloseVote(), OWNER).events().get(0).toJson()
          .getJsonObject("vote").getJsonArray("results");

      assertEquals(List.of(a), results.stream().map(x -> ((JsonObject) x).getString("targetId")).toList());
    }

    @Test
    void aClosedVoteWithNoDotsHasEmptyResults() {
      f.openVote("notes", 5, 5, true);

      JsonObject vote = f.handle(new Command.CloseVote(), OWNER).events().get(0).toJson().getJsonObject("vote");

      assertEquals(new JsonArray(), vote.getJsonArray("results"));
    }

    @Test
    void reopenOpensTheClosedVoteAgainWithItsDots() {
      String id = f.openVote("notes", 3, 3, true);
      f.handle(cast(a), PAT);
      f.handle(cast(a), PAT);
      f.handle(new Command.CloseVote(), OWNER);

      Board.Outcome outcome = f.handle(new Command.ReopenVote(id), COFAC);

      assertEquals(List.of("vote.opened"), types(outcome));
      JsonObject vote = outcome.events().get(0).toJson().getJsonObject("vote");
      assertEquals(id, vote.getString("id"));
      assertEquals("open", vote.getString("state"));
      assertFalse(vote.containsKey("results"));
      assertTrue(f.board.currentVote().isOpen());
      assertEquals(2, f.board.currentVote().on(PAT, a));
      assertEquals(0, f.handle(cast(b), PAT).reply().getInteger("left"), "the old dots still count");
      assertEquals(ErrorCode.VOTE_BUDGET_EXCEEDED, f.refusal(cast(c), PAT));
      assertEquals(1, f.handle(retract(a), PAT).events().size());
    }

    @Test
    void reopeningAnOldVoteClosesTheOpenOneFirst() {
      String first = f.openVote("notes", 3, 3, true);
      f.openVote("clusters", 3, 3, true);

      Board.Outcome outcome = f.handle(new Command.ReopenVote(first), OWNER);

      assertEquals(List.of("vote.closed", "vote.opened"), types(outcome));
      assertEquals(first, f.board.currentVote().id());
      assertEquals(1, f.board.votes().stream().filter(Vote::isOpen).count());
    }

    @Test
    void reopeningAnUnknownVoteIsVoteNotFound() {
      assertEquals(ErrorCode.VOTE_NOT_FOUND, f.refusal(new Command.ReopenVote("no-such-vote"), OWNER));
    }
  }

  @Nested
  class Expiry {

    @Test
    void expireBeforeEndsAtIsANoOp() {
      String id = open("notes", 3, 3, true, 60L).reply().getString("voteId");
      long seq = f.board.seq();

      Board.Outcome outcome = f.board.handle(new Command.ExpireVote(id), null, at(59));

      assertTrue(outcome.events().isEmpty());
      assertEquals(seq, f.board.seq());
      assertTrue(f.board.currentVote().isOpen());
    }

    @Test
    void expireAfterEndsAtClosesTheVoteWithResults() {
      String id = open("notes", 3, 3, true, 60L).reply().getString("voteId");
      f.handle(cast(a), PAT, at(10));

      Board.Outcome outcome = f.board.handle(new Command.ExpireVote(id), null, at(60));

      assertEquals(List.of("vote.closed"), types(outcome));
      JsonObject vote = outcome.events().get(0).toJson().getJsonObject("vote");
      assertEquals(id, vote.getString("id"));
      assertEquals(1, vote.getJsonArray("results").size());
      assertFalse(f.board.currentVote().isOpen());
    }

    @Test
    void expireOfAVoteWithoutAnEndIsANoOp() {
      String id = f.openVote("notes", 3, 3, true);

      assertTrue(f.board.handle(new Command.ExpireVote(id), null, at(86_400)).events().isEmpty());
      assertTrue(f.board.currentVote().isOpen());
    }

    @Test
    void expireOfAnAlreadyClosedVoteIsANoOp() {
      String id = open("notes", 3, 3, true, 60L).reply().getString("voteId");
      f.handle(new Command.CloseVote(), OWNER, at(30));

      assertTrue(f.board.handle(new Command.ExpireVote(id), null, at(120)).events().isEmpty());
    }

    @Test
    void expireOfAVoteReplacedByANewOneDoesNotCloseTheNewOne() {
      String first = open("notes", 3, 3, true, 60L).reply().getString("voteId");
      String second = f.openVote("notes", 3, 3, true);

      assertTrue(f.board.handle(new Command.ExpireVote(first), null, at(120)).events().isEmpty());
      assertEquals(second, f.board.currentVote().id());
      assertTrue(f.board.currentVote().isOpen());
    }
  }

  @Nested
  class Snapshot {

    private JsonObject voteFor(String who) {
      return f.snapshotFor(who).getJsonObject("vote");
    }

    @Test
    void withNoVoteTheSnapshotHasNullVoteAndNoClosedVotes() {
      JsonObject snapshot = f.snapshotFor(PAT);

      assertTrue(snapshot.containsKey("vote"));
      assertNull(snapshot.getValue("vote"));
      assertEquals(new JsonArray(), snapshot.getJsonArray("votes"));
    }

    @Test
    void aSecretOpenVoteShowsMyVotesAndCastButNoTally() {
      f.openVote("both", 5, 3, true);
      f.handle(cast(a), PAT);
      f.handle(cast(a), PAT);
      f.handle(cast(k), PAT);
      f.handle(cast(b), PIA);

      JsonObject mine = voteFor(PAT);
      assertEquals(new JsonObject().put(a, 2).put(k, 1), mine.getJsonObject("myVotes"));
      assertEquals(4, mine.getInteger("cast"));
      assertFalse(mine.containsKey("tally"));
      assertEquals(new JsonObject().put(b, 1), voteFor(PIA).getJsonObject("myVotes"));
      assertEquals(new JsonObject(), voteFor(OWNER).getJsonObject("myVotes"));
      assertFalse(voteFor(OWNER).containsKey("tally"), "facilitators do not see a secret tally either");
    }

    @Test
    void aLiveOpenVoteShowsTheTallyToEveryone() {
      f.openVote("notes", 5, 3, false);
      f.handle(cast(a), PAT);
      f.handle(cast(a), PIA);
      f.handle(cast(b), PIA);

      JsonObject tally = new JsonObject().put(a, 2).put(b, 1);
      assertEquals(tally, voteFor(PAT).getJsonObject("tally"));
      assertEquals(tally, voteFor(FacilitationFixture.OBS).getJsonObject("tally"));
      assertEquals(3, voteFor(PAT).getInteger("cast"));
    }

    @Test
    void aClosedSecretVoteShowsTheTallyAndIsListedWithItsResults() {
      String id = f.openVote("notes", 5, 3, true);
      f.handle(cast(a), PAT);
      f.handle(cast(b), PIA);
      f.handle(new Command.CloseVote(), OWNER);

      JsonObject snapshot = f.snapshotFor(PIA);
      JsonObject vote = snapshot.getJsonObject("vote");
      assertEquals("closed", vote.getString("state"));
      assertEquals(new JsonObject().put(a, 1).put(b, 1), vote.getJsonObject("tally"));
      assertEquals(new JsonObject().put(b, 1), vote.getJsonObject("myVotes"));
      assertEquals(1, snapshot.getJsonArray("votes").size());
      JsonObject listed = snapshot.getJsonArray("votes").getJsonObject(0);
      assertEquals(id, listed.getString("id"));
      assertEquals(2, listed.getJsonArray("results").size());
      assertFalse(listed.containsKey("ballots"), "closed votes are listed without ballots");
    }

    @Test
    void theSnapshotNeverCarriesBallots() {
      f.openVote("notes", 5, 3, false);
      f.handle(cast(a), PAT);
      f.handle(new Command.CloseVote(), OWNER);
      f.openVote("notes", 5, 3, false);
      f.handle(cast(a), PAT);

      String encoded = f.snapshotFor(PIA).encode();
      assertFalse(encoded.contains("ballots"), encoded);
      assertFalse(encoded.contains(PAT + "\":{"), encoded);
    }
  }
}
