package fi.paja.board;

import fi.paja.journey.Journey;
import fi.paja.outcome.OutcomeItem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The board-wide state stored with the workshop (everything but notes and participants, which have collections of
 * their own): written by {@link Board#metaToJson}, read back by {@link Board#restoreMeta}.
 */
final class BoardDocument {

  private BoardDocument() {
  }

  /** Throws {@link Board.Damaged} naming the part that cannot be read. */
  static void restore(Board b, JsonObject meta) {
    if (meta == null) {
      return;
    }
    part("settings", () -> {
      JsonObject stored = meta.getJsonObject("settings");
      b.settings = Settings.fromJson(stored);
      if (stored != null) {
        // Every flag a boolean (getBoolean above takes a missing one as its default).
        stored.fieldNames().forEach(f -> java.util.Objects.requireNonNull(stored.getBoolean(f), f));
      }
    });
    b.phases.clear();
    each(meta, "phases", p -> b.phases.add(Phase.fromJson(p)));
    part("currentPhaseId", () -> b.currentPhaseId = meta.getString("currentPhaseId"));
    part("timer", () -> b.timer = Timer.fromJson(meta.getJsonObject("timer")));
    part("view", () -> b.view = meta.getJsonObject("view", b.view).copy());
    b.clusters.clear();
    each(meta, "clusters", c -> {
      Cluster cluster = Cluster.fromJson(c);
      b.clusters.put(java.util.Objects.requireNonNull(cluster.id()), cluster);
    });
    b.votes.clear();
    each(meta, "votes", v -> {
      Vote vote = Vote.fromStored(v);
      b.votes.put(vote.id(), vote);
    });
    part("currentVoteId", () -> b.currentVoteId = meta.getString("currentVoteId"));
    b.journeys.clear();
    each(meta, "journeys", j -> {
      Journey journey = Journey.fromJson(j);
      b.journeys.put(java.util.Objects.requireNonNull(journey.id()), journey);
    });
    part("areas", () -> {
      b.areas = meta.getJsonArray("areas", new JsonArray()).copy();
      b.areas.forEach(a -> ((JsonObject) a).getString("title"));
    });
    b.outcomes.clear();
    each(meta, "outcomes", o -> {
      OutcomeItem item = OutcomeItem.fromJson(o);
      b.outcomes.put(java.util.Objects.requireNonNull(item.id()), item);
    });
    part("defaults", () -> b.defaults = meta.getJsonObject("defaults", new JsonObject()).copy());
  }

  static JsonObject toJson(Board b) {
    JsonArray phaseArray = new JsonArray();
    b.phases.forEach(p -> phaseArray.add(p.toJson()));
    JsonArray clusterArray = new JsonArray();
    b.clusters.values().forEach(c -> clusterArray.add(c.toJson()));
    JsonArray voteArray = new JsonArray();
    b.votes.values().forEach(v -> voteArray.add(v.toStored()));
    JsonArray journeyArray = new JsonArray();
    b.journeys.values().forEach(j -> journeyArray.add(j.toJson()));
    return new JsonObject().put("settings", b.settings.toJson()).put("phases", phaseArray)
        .put("currentPhaseId", b.currentPhaseId).put("timer", b.timer.toJson()).put("view", b.view.copy())
        .put("clusters", clusterArray).put("votes", voteArray).put("currentVoteId", b.currentVoteId)
        .put("journeys", journeyArray).put("areas", b.areas.copy()).put("defaults", b.defaults.copy())
        .put("outcomes", b.outcomesJson(null));
  }

  private static void part(String name, Runnable read) {
    try {
      read.run();
    } catch (Board.Damaged e) {
      throw e;
    } catch (RuntimeException e) {
      throw new Board.Damaged(name, e);
    }
  }

  private static void each(JsonObject meta, String field, java.util.function.Consumer<JsonObject> read) {
    JsonArray items = meta.getJsonArray(field, new JsonArray());
    for (int i = 0; i < items.size(); i++) {
      int at = i;
      part(field + "[" + i + "]", () -> read.accept(java.util.Objects.requireNonNull(items.getJsonObject(at))));
    }
  }
}
