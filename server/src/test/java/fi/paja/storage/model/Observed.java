package fi.paja.storage.model;

import static fi.paja.storage.model.BoardModel.NONE;
import static fi.paja.storage.model.BoardModel.num;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A board as the server shows it, in the model's keys ({@link BoardModel}): read from the snapshots of every
 * member, since each sees her own private notes and her own dots.
 */
public final class Observed {

  private Observed() {
  }

  /** {@code snapshots}: participant id → that member's {@code GET /api/workshops/{id}}. */
  public static Map<String, Object> of(Map<String, JsonObject> snapshots) {
    Map<String, Object> out = new TreeMap<>();
    for (Map.Entry<String, JsonObject> e : snapshots.entrySet()) {
      JsonObject s = e.getValue();
      notes(s, out);
      JsonObject vote = s.getJsonObject("vote");
      if (vote != null) {
        JsonObject mine = vote.getJsonObject("myVotes", new JsonObject());
        mine.forEach(dot -> {
          if (num(dot.getValue()) != 0) {
            out.put("ballot:" + vote.getString("id") + ":" + e.getKey() + ":" + dot.getKey(), num(dot.getValue()));
          }
        });
      }
    }
    JsonObject any = snapshots.values().iterator().next();
    board(any, out);
    return out;
  }

  private static void notes(JsonObject s, Map<String, Object> out) {
    for (Object o : s.getJsonArray("notes")) {
      JsonObject n = (JsonObject) o;
      String k = "note:" + n.getString("id");
      out.put(k, true);
      out.put(k + ".text", n.getString("text"));
      out.put(k + ".color", n.getString("color"));
      out.put(k + ".x", num(n.getValue("x")));
      out.put(k + ".y", num(n.getValue("y")));
      out.put(k + ".cluster", orNone(n.getString("clusterId")));
      JsonObject cell = n.getJsonObject("cell");
      out.put(k + ".cell", cell == null ? NONE
          : cell.getString("journeyId") + "/" + cell.getString("stageId") + "/" + cell.getString("laneId"));
      out.put(k + ".hidden", n.getBoolean("hidden", false));
    }
  }

  private static void board(JsonObject s, Map<String, Object> out) {
    for (Object o : s.getJsonArray("participants")) {
      JsonObject p = (JsonObject) o;
      String k = "participant:" + p.getString("id");
      out.put(k, true);
      out.put(k + ".role", p.getString("role"));
      out.put(k + ".removed", p.getBoolean("removed", false));
    }
    for (Object o : s.getJsonArray("clusters")) {
      JsonObject c = (JsonObject) o;
      out.put("cluster:" + c.getString("id"), true);
      out.put("cluster:" + c.getString("id") + ".title", c.getString("title"));
    }
    List<String> phases = new ArrayList<>();
    for (Object o : s.getJsonArray("phases")) {
      JsonObject p = (JsonObject) o;
      String k = "phase:" + p.getString("id");
      phases.add(p.getString("id"));
      out.put(k, true);
      out.put(k + ".title", p.getString("title"));
      out.put(k + ".instructions", p.getString("instructions"));
    }
    out.put("board.phases", phases);
    out.put("board.currentPhase", orNone(s.getString("currentPhaseId")));
    s.getJsonObject("settings").forEach(f -> out.put("board." + f.getKey(), f.getValue()));
    JsonObject timer = s.getJsonObject("timer");
    out.put("board.timer", timer.getString("state"));
    out.put("board.timerMs", num(timer.getValue("durationMs")));
    JsonObject view = s.getJsonObject("view");
    JsonObject follow = view.getJsonObject("follow");
    out.put("board.follow", follow == null ? NONE
        : BoardModel.follow(follow.getValue("x"), follow.getValue("y"), follow.getValue("zoom"),
            follow.getString("by")));
    JsonObject focus = view.getJsonObject("focus");
    out.put("board.focus", focus == null ? NONE : focus.containsKey("noteId") ? "note " + focus.getString("noteId")
        : "cluster " + focus.getString("clusterId"));
    JsonArray votes = s.getJsonArray("votes").copy();
    JsonObject current = s.getJsonObject("vote");
    if (current != null) {
      votes.add(current);
    }
    out.put("board.vote", current == null ? NONE : current.getString("id"));
    for (Object o : votes) {
      JsonObject v = (JsonObject) o;
      String k = "vote:" + v.getString("id");
      out.put(k, true);
      out.put(k + ".state", v.getString("state"));
      out.put(k + ".budget", num(v.getValue("budget")));
      out.put(k + ".maxPerItem", num(v.getValue("maxPerItem")));
      out.put(k + ".targets", v.getString("targets"));
    }
    for (Object o : s.getJsonArray("journeys")) {
      journey((JsonObject) o, out);
    }
    for (Object o : s.getJsonArray("outcomes")) {
      JsonObject item = (JsonObject) o;
      String k = "outcome:" + item.getString("id");
      out.put(k, true);
      out.put(k + ".kind", item.getString("kind"));
      out.put(k + ".title", item.getString("title"));
      out.put(k + ".owner", orNone(item.getString("owner")));
      out.put(k + ".status", item.getString("status"));
    }
  }

  private static void journey(JsonObject j, Map<String, Object> out) {
    String id = j.getString("id");
    String k = "journey:" + id;
    out.put(k, true);
    out.put(k + ".title", j.getString("title"));
    out.put(k + ".kind", j.getString("kind"));
    List<String> stages = new ArrayList<>();
    j.getJsonArray("stages").forEach(st -> stages.add(((JsonObject) st).getString("id")));
    List<String> lanes = new ArrayList<>();
    j.getJsonArray("lanes").forEach(l -> lanes.add(((JsonObject) l).getString("id")));
    for (String part : List.of("stage", "lane")) {
      j.getJsonArray(part + "s").forEach(o -> out.put(k + "." + part + ":" + ((JsonObject) o).getString("id"),
          ((JsonObject) o).getString("title")));
    }
    out.put(k + ".stages", stages);
    out.put(k + ".lanes", lanes);
    for (String st : stages) {
      for (String l : lanes) {
        out.put("cell:" + id + "/" + st + "/" + l, true);
      }
    }
    for (Object o : j.getJsonArray("cells", new JsonArray())) {
      JsonObject cell = (JsonObject) o;
      String c = "cell:" + id + "/" + cell.getString("stageId") + "/" + cell.getString("laneId");
      if (cell.getString("text") != null && !cell.getString("text").isEmpty()) {
        out.put(c + ".text", cell.getString("text"));
      }
      if (cell.getValue("score") != null) {
        out.put(c + ".score", num(cell.getValue("score")));
      }
    }
  }

  private static Object orNone(String v) {
    return v == null ? NONE : v;
  }
}
