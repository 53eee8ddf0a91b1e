package fi.paja.journey;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A journey map: columns are the stages of a client's path, rows are lanes. Text and channel lanes hold one short
 * text per cell, an emotion lane a score from -2 to +2 (with an optional reason) per stage, and a notes lane holds
 * sticky notes (notes carry their own cell; see {@code Note.cell}). Cells are keyed by stage and lane id, so
 * reordering stages moves their cells with them. Immutable: every change makes a new map.
 */
public record Journey(String id, String title, String kind, List<Stage> stages, List<Lane> lanes,
                      Map<String, String> texts, Map<String, Emotion> emotions) {

  public static final Set<String> KINDS = Set.of("current", "future");
  public static final Set<String> LANE_KINDS = Set.of("notes", "text", "emotion", "channel");

  public record Stage(String id, String title) {
  }

  public record Lane(String id, String title, String kind) {
  }

  public record Emotion(int score, String why) {
  }

  public static String cellKey(String stageId, String laneId) {
    return stageId + "|" + laneId;
  }

  public Stage stage(String stageId) {
    return stages.stream().filter(s -> s.id().equals(stageId)).findFirst().orElse(null);
  }

  public Lane lane(String laneId) {
    return lanes.stream().filter(l -> l.id().equals(laneId)).findFirst().orElse(null);
  }

  public Journey with(String newTitle, String newKind) {
    return new Journey(id, newTitle, newKind, stages, lanes, texts, emotions);
  }

  public Journey withStages(List<Stage> newStages) {
    return new Journey(id, title, kind, List.copyOf(newStages), lanes, prune(texts, newStages, lanes),
        prune(emotions, newStages, lanes));
  }

  public Journey withLanes(List<Lane> newLanes) {
    return new Journey(id, title, kind, stages, List.copyOf(newLanes), prune(texts, stages, newLanes),
        prune(emotions, stages, newLanes));
  }

  public Journey withText(String stageId, String laneId, String text) {
    Map<String, String> next = new LinkedHashMap<>(texts);
    if (text == null || text.isEmpty()) {
      next.remove(cellKey(stageId, laneId));
    } else {
      next.put(cellKey(stageId, laneId), text);
    }
    return new Journey(id, title, kind, stages, lanes, next, emotions);
  }

  public Journey withEmotion(String stageId, String laneId, Emotion emotion) {
    Map<String, Emotion> next = new LinkedHashMap<>(emotions);
    if (emotion == null) {
      next.remove(cellKey(stageId, laneId));
    } else {
      next.put(cellKey(stageId, laneId), emotion);
    }
    return new Journey(id, title, kind, stages, lanes, texts, next);
  }

  private static <T> Map<String, T> prune(Map<String, T> cells, List<Stage> stages, List<Lane> lanes) {
    Map<String, T> out = new LinkedHashMap<>();
    for (Stage s : stages) {
      for (Lane l : lanes) {
        T v = cells.get(cellKey(s.id(), l.id()));
        if (v != null) {
          out.put(cellKey(s.id(), l.id()), v);
        }
      }
    }
    return out;
  }

  public JsonObject toJson() {
    JsonArray stageArray = new JsonArray();
    stages.forEach(s -> stageArray.add(new JsonObject().put("id", s.id()).put("title", s.title())));
    JsonArray laneArray = new JsonArray();
    lanes.forEach(l -> laneArray.add(new JsonObject().put("id", l.id()).put("title", l.title()).put("kind", l.kind())));
    JsonArray cells = new JsonArray();
    for (Stage s : stages) {
      for (Lane l : lanes) {
        String key = cellKey(s.id(), l.id());
        String text = texts.get(key);
        Emotion emotion = emotions.get(key);
        if (text != null || emotion != null) {
          JsonObject cell = new JsonObject().put("stageId", s.id()).put("laneId", l.id());
          if (text != null) {
            cell.put("text", text);
          }
          if (emotion != null) {
            cell.put("score", emotion.score()).put("why", emotion.why());
          }
          cells.add(cell);
        }
      }
    }
    return new JsonObject().put("id", id).put("title", title).put("kind", kind).put("stages", stageArray)
        .put("lanes", laneArray).put("cells", cells);
  }

  public static Journey fromJson(JsonObject json) {
    List<Stage> stages = new ArrayList<>();
    json.getJsonArray("stages").forEach(o -> {
      JsonObject s = (JsonObject) o;
      stages.add(new Stage(s.getString("id"), s.getString("title")));
    });
    List<Lane> lanes = new ArrayList<>();
    json.getJsonArray("lanes").forEach(o -> {
      JsonObject l = (JsonObject) o;
      lanes.add(new Lane(l.getString("id"), l.getString("title"), l.getString("kind")));
    });
    Map<String, String> texts = new LinkedHashMap<>();
    Map<String, Emotion> emotions = new LinkedHashMap<>();
    json.getJsonArray("cells", new JsonArray()).forEach(o -> {
      JsonObject c = (JsonObject) o;
      String key = cellKey(c.getString("stageId"), c.getString("laneId"));
      if (c.containsKey("text")) {
        texts.put(key, c.getString("text"));
      }
      if (c.containsKey("score")) {
        emotions.put(key, new Emotion(c.getInteger("score"), c.getString("why")));
      }
    });
    return new Journey(json.getString("id"), json.getString("title"), json.getString("kind"), List.copyOf(stages),
        List.copyOf(lanes), texts, emotions);
  }
}
