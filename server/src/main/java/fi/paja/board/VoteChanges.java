package fi.paja.board;

import io.vertx.core.json.JsonObject;

/** Events of dot voting. See {@link Event}. */
public interface VoteChanges {

  /** A vote opened, or a closed one opened again (same id). */
  record VoteOpened(JsonObject vote) implements Event.Change {
    public static final ChangeType<VoteOpened> TYPE = new ChangeType<>("vote.opened", VoteOpened.class,
        json -> new VoteOpened(json.getJsonObject("vote")));

    public ChangeType<VoteOpened> changeType() {
      return TYPE;
    }

    public Visibility.Subject subject() {
      return Visibility.Subject.BALLOT;
    }

    public void writeTo(JsonObject json) {
      json.put("vote", vote.copy());
    }
  }

  /** One dot added ({@code delta} 1, {@code vote.cast}) or removed (-1, {@code vote.retracted}). */
  record VoteChanged(String voteId, String voter, String targetId, int delta, int cast, JsonObject tally)
      implements Event.Change {
    public static final ChangeType<VoteChanged> CAST = new ChangeType<>("vote.cast", VoteChanged.class,
        json -> read(json, 1));
    public static final ChangeType<VoteChanged> RETRACTED = new ChangeType<>("vote.retracted", VoteChanged.class,
        json -> read(json, -1));

    private static VoteChanged read(JsonObject json, int delta) {
      return new VoteChanged(json.getString("voteId"), json.getString("voter"), json.getString("targetId"), delta,
          json.getInteger("cast", 0), json.getJsonObject("tally", new JsonObject()));
    }

    public ChangeType<VoteChanged> changeType() {
      return delta > 0 ? CAST : RETRACTED;
    }

    public Visibility.Subject subject() {
      return new Visibility.Subject.Dot(voter);
    }

    public void writeTo(JsonObject json) {
      json.put("voteId", voteId).put("voter", voter).put("targetId", targetId).put("cast", cast)
          .put("tally", tally.copy());
    }
  }

  record VoteClosed(JsonObject vote) implements Event.Change {
    public static final ChangeType<VoteClosed> TYPE = new ChangeType<>("vote.closed", VoteClosed.class,
        json -> new VoteClosed(json.getJsonObject("vote")));

    public ChangeType<VoteClosed> changeType() {
      return TYPE;
    }

    public Visibility.Subject subject() {
      return Visibility.Subject.BALLOT;
    }

    public void writeTo(JsonObject json) {
      json.put("vote", vote.copy());
    }
  }
}
