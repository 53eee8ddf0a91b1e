package fi.paja.export;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What leaves the board in an export: notes that are visible to everyone (private ones not yet revealed stay out),
 * authors by name only where the workshop is not anonymous, and helpers the formats share (notes by cluster,
 * vote counts, ranks).
 */
public final class ExportView {

  private ExportView() {
  }

  /** Prepares a facilitator's snapshot for export. */
  public static JsonObject of(JsonObject snapshot) {
    JsonObject view = snapshot.copy();
    boolean anonymous = view.getJsonObject("settings", new JsonObject()).getBoolean("anonymous", false);
    Map<String, String> names = new HashMap<>();
    view.getJsonArray("participants", new JsonArray())
        .forEach(p -> names.put(((JsonObject) p).getString("id"), ((JsonObject) p).getString("name")));
    JsonArray notes = new JsonArray();
    for (Object o : view.getJsonArray("notes", new JsonArray())) {
      JsonObject n = ((JsonObject) o).copy();
      if (n.getBoolean("hidden", false)) {
        continue;
      }
      String author = n.getString("authorId");
      n.remove("authorId");
      n.remove("mine");
      // A note written anonymously is exported without its author even after anonymity was turned off.
      if (!anonymous && author != null && n.getString("anonymity") == null) {
        n.put("author", names.get(author));
      }
      notes.add(n);
    }
    view.put("notes", notes);
    view.remove("participants");
    view.remove("you");
    view.remove("joinCode");
    JsonObject vote = view.getJsonObject("vote");
    if (vote != null) {
      vote.remove("myVotes");
    }
    return view;
  }

  /** Dots per note or cluster from the latest closed vote. */
  public static Map<String, Integer> votes(JsonObject view) {
    Map<String, Integer> out = new HashMap<>();
    JsonArray closed = view.getJsonArray("votes", new JsonArray());
    if (!closed.isEmpty()) {
      JsonArray results = closed.getJsonObject(closed.size() - 1).getJsonArray("results", new JsonArray());
      results.forEach(r -> out.put(((JsonObject) r).getString("targetId"), ((JsonObject) r).getInteger("votes")));
    }
    return out;
  }

  /** Cluster id (or null for ungrouped) → its notes, clusters in board order, ungrouped last. */
  public static Map<String, List<JsonObject>> notesByCluster(JsonObject view) {
    Map<String, List<JsonObject>> out = new LinkedHashMap<>();
    view.getJsonArray("clusters", new JsonArray())
        .forEach(c -> out.put(((JsonObject) c).getString("id"), new java.util.ArrayList<>()));
    List<JsonObject> loose = new java.util.ArrayList<>();
    view.getJsonArray("notes", new JsonArray()).forEach(o -> {
      JsonObject n = (JsonObject) o;
      List<JsonObject> bucket = n.getString("clusterId") == null ? null : out.get(n.getString("clusterId"));
      (bucket != null ? bucket : loose).add(n);
    });
    out.put(null, loose);
    return out;
  }

  public static String clusterTitle(JsonObject view, String clusterId) {
    return view.getJsonArray("clusters", new JsonArray()).stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("id").equals(clusterId)).map(c -> c.getString("title")).findFirst().orElse("");
  }

  public static String textOf(JsonObject view, String targetId) {
    for (Object o : view.getJsonArray("notes", new JsonArray())) {
      if (((JsonObject) o).getString("id").equals(targetId)) {
        return ((JsonObject) o).getString("text");
      }
    }
    return clusterTitle(view, targetId);
  }
}
