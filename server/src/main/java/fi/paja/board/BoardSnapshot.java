package fi.paja.board;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The board part of a viewer's snapshot, but for its notes ({@link Board#snapshotWithoutNotes}). */
final class BoardSnapshot {

  private BoardSnapshot() {
  }

  /** Small, whatever the size of the board: {@link Board#snapshotFor} or {@link SnapshotNotes} add the notes. */
  static JsonObject withoutNotes(Board b, Visibility.Viewer viewer, long nowMs) {
    JsonArray people = new JsonArray();
    b.participants.values().forEach(p -> people.add(p.toJson()));
    JsonArray phaseArray = new JsonArray();
    b.phases.forEach(p -> phaseArray.add(p.toJson()));
    JsonArray clusterArray = new JsonArray();
    b.clusters.values().forEach(c -> clusterArray.add(c.toJson()));
    JsonArray closed = new JsonArray();
    b.votes.values().stream().filter(v -> !v.isOpen()).forEach(v -> closed.add(v.describe()));
    Vote current = b.currentVote();
    JsonObject vote = null;
    if (current != null) {
      vote = current.describe().put("cast", current.cast());
      JsonObject mine = new JsonObject();
      current.mine(viewer.participantId()).forEach(mine::put);
      vote.put("myVotes", mine);
      if (!current.secret() || !current.isOpen()) {
        vote.put("tally", current.tallyJson());
      }
    }
    JsonArray journeyArray = new JsonArray();
    b.journeys.values().forEach(j -> journeyArray.add(j.toJson()));
    return new JsonObject().put("seq", b.seq()).put("participants", people)
        .put("settings", b.settings.toJson()).put("phases", phaseArray).put("currentPhaseId", b.currentPhaseId)
        .put("timer", b.timer.toJson()).put("view", b.view.copy()).put("clusters", clusterArray)
        .put("vote", vote).put("votes", closed).put("serverTime", nowMs)
        .put("journeys", journeyArray).put("areas", b.areas.copy())
        .put("defaults", b.defaults.copy())
        .put("outcomes", b.outcomesJson(java.time.Instant.ofEpochMilli(nowMs).atZone(Board.FINLAND).toLocalDate()));
  }
}
