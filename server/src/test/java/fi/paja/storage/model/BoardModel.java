package fi.paja.storage.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a board must hold, built only from the commands the server acknowledged, written independently of the
 * server's {@code Board}. Each fact (a note's text, a phase list, a dot) is a key with the set of values it may have:
 * one value when every command that touched it was acknowledged; more when a command whose answer was lost in a
 * crash touched it ({@code maybe}: it may or may not have been applied, and at any point after it was sent).
 * After a restart the observed board must give every key one of its allowed values, and then becomes the new
 * starting point.
 */
public final class BoardModel {

  /** Absent value (null field, no entity). */
  public static final String NONE = "∅";
  /** Any value: what a command set that its sender could not read back (a crash came first). */
  public static final String ANY = "*";
  private static final double MAX = 100_000;

  private final Map<String, Set<Object>> facts = new TreeMap<>();

  /** Starts from what was observed: every key has exactly that value. */
  public static BoardModel of(Map<String, Object> observed) {
    BoardModel m = new BoardModel();
    observed.forEach((k, v) -> m.facts.put(k, new HashSet<>(Set.of(v))));
    return m;
  }

  /**
   * The next starting point: what was observed, and the dots in votes other than the current one, which no member
   * can see until that vote is reopened, carried over from this model.
   */
  public BoardModel then(Map<String, Object> observed) {
    BoardModel next = of(observed);
    String current = "ballot:" + observed.getOrDefault("board.vote", NONE) + ":";
    facts.forEach((k, v) -> {
      if (k.startsWith("ballot:") && !k.startsWith(current)) {
        next.facts.put(k, new HashSet<>(v));
      }
      // A deleted note (and a group that went with it) can be restored in a later round as it was when deleted
      // (note.restore): what it was is kept, though no member sees it now.
      int dot = k.indexOf('.');
      if (dot > 0 && (k.startsWith("note:") || k.startsWith("cluster:")) && !observed.containsKey(k.substring(0, dot))
          && !next.facts.containsKey(k)) {
        next.facts.put(k, new HashSet<>(v));
        if (k.startsWith("note:")) {
          // Kept as a note that is not there, so what happens to every note meanwhile (a journey's column removed
          // takes notes out of its cells) happens to it too, as the server does when it comes back.
          next.facts.putIfAbsent(k.substring(0, dot), new HashSet<>(Set.of(Boolean.FALSE)));
        }
      }
    });
    return next;
  }

  public Set<Object> allowed(String key) {
    Set<Object> v = facts.get(key);
    if (v != null) {
      return v;
    }
    return Set.of(isEntity(key) ? Boolean.FALSE : key.startsWith("ballot:") ? (Object) 0.0 : NONE);
  }

  public Set<String> keys() {
    return facts.keySet();
  }

  /** Entity keys ({@code note:ID}) hold whether it exists; field keys ({@code note:ID.text}) its fields. */
  static boolean isEntity(String key) {
    return !key.contains(".") && !key.startsWith("ballot:") && !key.startsWith("board.");
  }

  // --- primitive updates ----------------------------------------------------------------------------------------

  private void put(String key, Object value, boolean maybe) {
    Set<Object> next = new HashSet<>();
    if (maybe) {
      next.addAll(allowed(key));
    }
    next.add(value);
    facts.put(key, next);
  }

  private void map(String key, Function<Object, Object> f, boolean maybe) {
    Set<Object> next = new HashSet<>();
    Set<Object> old = allowed(key);
    if (maybe) {
      next.addAll(old);
    }
    old.forEach(v -> next.add(f.apply(v)));
    facts.put(key, next);
  }

  /** TRUE / FALSE when certain, null when either. */
  private Boolean certainly(String key, Object value) {
    Set<Object> v = allowed(key);
    if (!v.contains(value)) {
      return Boolean.FALSE;
    }
    return v.size() == 1 ? Boolean.TRUE : null;
  }

  private List<String> entities(String type) {
    List<String> ids = new ArrayList<>();
    facts.keySet().stream().filter(k -> k.startsWith(type + ":") && isEntity(k))
        .forEach(k -> ids.add(k.substring(type.length() + 1)));
    return ids;
  }

  // --- commands ---------------------------------------------------------------------------------------------------

  /**
   * Applies one command as the server would have. {@code reply} is the acknowledgement's body (ids the server made);
   * {@code learned} what the sender read right after it (a new journey map's stage and lane ids).
   */
  public void apply(JsonObject c, String actor, JsonObject reply, JsonObject learned, boolean maybe) {
    String op = c.getString("op");
    switch (op) {
      case "join" -> {
        String p = c.getString("participantId");
        put("participant:" + p, true, maybe);
        put("participant:" + p + ".role", "participant", maybe);
        put("participant:" + p + ".removed", false, maybe);
      }
      case "note.add" -> {
        String n = "note:" + c.getString("id");
        put(n, true, maybe);
        put(n + ".text", c.getString("text"), maybe);
        put(n + ".color", c.getString("color", "yellow"), maybe);
        put(n + ".x", num(c.getValue("x")), maybe);
        put(n + ".y", num(c.getValue("y")), maybe);
        put(n + ".cluster", NONE, maybe);
        put(n + ".cell", NONE, maybe);
        Set<Object> hidden = new HashSet<>(maybe ? allowed(n + ".hidden") : Set.of());
        hidden.addAll(allowed("board.privateMode"));
        facts.put(n + ".hidden", hidden);
      }
      case "note.update" -> {
        String n = "note:" + c.getString("id");
        if (c.containsKey("text")) {
          put(n + ".text", c.getString("text"), maybe);
        }
        if (c.containsKey("color")) {
          put(n + ".color", c.getString("color"), maybe);
        }
      }
      case "note.move" -> {
        String n = "note:" + c.getString("id");
        put(n + ".x", num(c.getValue("x")), maybe);
        put(n + ".y", num(c.getValue("y")), maybe);
      }
      case "note.restore" -> {
        // Back as it was when deleted (its facts stay in the model), in its group, made again if it is gone.
        String n = "note:" + c.getString("id");
        put(n, true, maybe);
        Set<Object> groups = allowed(n + ".cluster");
        groups.stream().filter(cl -> !NONE.equals(cl))
            .forEach(cl -> put("cluster:" + cl, true, maybe || groups.size() > 1));
      }
      case "notes.arrange" -> {
        JsonArray positions = reply.getJsonArray("positions");
        if (positions == null) {
          anywhere(maybe);
        } else {
          positions.forEach(o -> placed((JsonObject) o, maybe));
        }
      }
      case "note.delete" -> {
        String n = "note:" + c.getString("id");
        Set<Object> clusters = allowed(n + ".cluster");
        put(n, false, maybe);
        clusters.forEach(cl -> removeIfEmpty(cl, maybe));
      }
      case "cluster.create" -> {
        String id = c.getString("id");
        put("cluster:" + id, true, maybe);
        put("cluster:" + id + ".title", c.getString("title", ""), maybe);
        Set<Object> previous = new HashSet<>();
        for (Object noteId : c.getJsonArray("noteIds")) {
          previous.addAll(allowed("note:" + noteId + ".cluster"));
          put("note:" + noteId + ".cluster", id, maybe);
        }
        previous.forEach(cl -> removeIfEmpty(cl, maybe));
      }
      case "cluster.rename" -> put("cluster:" + c.getString("id") + ".title", c.getString("title"), maybe);
      case "cluster.add" -> {
        String key = "note:" + c.getString("noteId") + ".cluster";
        Set<Object> previous = new HashSet<>(allowed(key));
        put(key, c.getString("id"), maybe);
        previous.remove(c.getString("id"));
        previous.forEach(cl -> removeIfEmpty(cl, maybe));
      }
      case "note.ungroup" -> {
        String key = "note:" + c.getString("noteId") + ".cluster";
        Set<Object> previous = new HashSet<>(allowed(key));
        put(key, NONE, maybe);
        previous.forEach(cl -> removeIfEmpty(cl, maybe));
      }
      case "cluster.dissolve" -> {
        String id = c.getString("id");
        for (String note : entities("note")) {
          // A deleted note keeps its group: restoring it makes the group again.
          Boolean exists = certainly("note:" + note, Boolean.TRUE);
          Boolean member = certainly("note:" + note + ".cluster", id);
          if (exists != Boolean.FALSE && (member == null || member)) {
            put("note:" + note + ".cluster", NONE, maybe || member == null || exists == null);
          }
        }
        put("cluster:" + id, false, maybe);
      }
      case "cluster.move" -> {
        String id = c.getString("id");
        double dx = num(c.getValue("dx"));
        double dy = num(c.getValue("dy"));
        for (String note : entities("note")) {
          // A deleted note stays where it was deleted (and comes back there).
          Boolean exists = certainly("note:" + note, Boolean.TRUE);
          Boolean member = certainly("note:" + note + ".cluster", id);
          if (exists != Boolean.FALSE && (member == null || member)) {
            boolean perhaps = maybe || member == null || exists == null;
            map("note:" + note + ".x", x -> ANY.equals(x) ? ANY : clamp((Double) x + dx), perhaps);
            map("note:" + note + ".y", y -> ANY.equals(y) ? ANY : clamp((Double) y + dy), perhaps);
          }
        }
      }
      case "settings.update" -> c.fieldNames().stream().filter(f -> !f.equals("op"))
          .forEach(f -> put("board." + f, c.getBoolean(f), maybe));
      case "notes.reveal" -> {
        // Only notes on the board (a deleted one stays as it was); those that would cover others move (the reply).
        for (String n : entities("note")) {
          Boolean exists = certainly("note:" + n, Boolean.TRUE);
          if (exists != Boolean.FALSE) {
            put("note:" + n + ".hidden", false, maybe || exists == null);
          }
        }
        JsonArray moved = reply.getJsonArray("moved");
        if (moved == null) {
          anywhere(maybe);
        } else {
          moved.forEach(o -> placed((JsonObject) o, maybe));
        }
      }
      case "participant.role" -> put("participant:" + c.getString("participantId") + ".role", c.getString("role"),
          maybe);
      case "participant.remove" -> put("participant:" + c.getString("participantId") + ".removed", true, maybe);
      case "phase.add" -> {
        String id = reply.getString("phaseId");
        put("phase:" + id, true, maybe);
        put("phase:" + id + ".title", c.getString("title"), maybe);
        put("phase:" + id + ".instructions", c.getString("instructions", ""), maybe);
        map("board.phases", l -> with(l, id), maybe);
        map("board.currentPhase", cur -> NONE.equals(cur) ? id : cur, maybe);
      }
      case "phase.update" -> {
        String id = c.getString("id");
        if (c.containsKey("title")) {
          put("phase:" + id + ".title", c.getString("title"), maybe);
        }
        if (c.containsKey("instructions")) {
          put("phase:" + id + ".instructions", c.getString("instructions"), maybe);
        }
      }
      case "phase.move" -> map("board.phases", l -> moved(l, c.getString("id"), c.getInteger("index")), maybe);
      case "phase.remove" -> {
        String id = c.getString("id");
        Set<Object> lists = new HashSet<>(allowed("board.phases"));
        put("phase:" + id, false, maybe);
        map("board.phases", l -> without(l, id), maybe);
        // The current phase moves to the one that takes the removed one's place.
        Set<Object> current = new HashSet<>(maybe ? allowed("board.currentPhase") : Set.of());
        for (Object cur : allowed("board.currentPhase")) {
          if (!id.equals(cur)) {
            current.add(cur);
            continue;
          }
          for (Object l : lists) {
            List<String> before = list(l);
            int i = before.indexOf(id);
            List<String> after = list(without(before, id));
            current.add(after.isEmpty() ? NONE : after.get(Math.min(Math.max(i, 0), after.size() - 1)));
          }
        }
        facts.put("board.currentPhase", current);
      }
      case "phase.activate" -> put("board.currentPhase", c.getString("id"), maybe);
      case "timer.start" -> {
        put("board.timer", "running", maybe);
        put("board.timerMs", c.getLong("seconds") * 1000.0, maybe);
      }
      case "timer.pause", "timer.resume" -> {
        String from = op.equals("timer.pause") ? "running" : "paused";
        String to = op.equals("timer.pause") ? "paused" : "running";
        map("board.timer", s -> from.equals(s) ? to : s, maybe);
      }
      case "timer.add" -> {
        double ms = c.getLong("seconds") * 1000.0;
        Set<Object> states = allowed("board.timer");
        Set<Object> durations = allowed("board.timerMs");
        Set<Object> nextStates = new HashSet<>(maybe ? states : Set.of());
        Set<Object> nextDurations = new HashSet<>(maybe ? durations : Set.of());
        for (Object s : states) {
          if (s.equals("running") || s.equals("paused")) {
            nextStates.add(s);
            durations.forEach(d -> nextDurations.add(Math.max(0, (Double) d + ms)));
          } else {
            nextStates.add("running");
            nextDurations.add(Math.max(1000, ms));
          }
        }
        facts.put("board.timer", nextStates);
        facts.put("board.timerMs", nextDurations);
      }
      case "timer.stop" -> {
        put("board.timer", "stopped", maybe);
        put("board.timerMs", 0.0, maybe);
      }
      case "view.follow" -> put("board.follow", follow(c.getValue("x"), c.getValue("y"), c.getValue("zoom"), actor),
          maybe);
      case "view.release" -> put("board.follow", NONE, maybe);
      case "view.focus" -> put("board.focus", c.containsKey("noteId") ? "note " + c.getString("noteId")
          : c.containsKey("clusterId") ? "cluster " + c.getString("clusterId") : NONE, maybe);
      case "vote.open" -> {
        closeCurrent(maybe);
        String id = reply.getString("voteId");
        String v = "vote:" + id;
        put(v, true, maybe);
        put(v + ".state", "open", maybe);
        put(v + ".budget", num(c.getValue("budget")), maybe);
        put(v + ".maxPerItem", num(c.getValue("maxPerItem")), maybe);
        put(v + ".targets", c.getString("targets"), maybe);
        put("board.vote", id, maybe);
      }
      case "vote.close" -> closeCurrent(maybe);
      case "vote.reopen" -> {
        String id = c.getString("voteId");
        Set<Object> current = allowed("board.vote");
        for (Object cur : current) {
          if (!id.equals(cur) && !NONE.equals(cur)) {
            put("vote:" + cur + ".state", "closed", maybe || current.size() > 1);
          }
        }
        put("vote:" + id + ".state", "open", maybe);
        put("board.vote", id, maybe);
      }
      case "vote.cast", "vote.retract" -> {
        double delta = op.equals("vote.cast") ? 1 : -1;
        Set<Object> votes = allowed("board.vote");
        for (Object vote : votes) {
          map("ballot:" + vote + ":" + actor + ":" + c.getString("targetId"), n -> (Double) n + delta,
              maybe || votes.size() > 1);
        }
      }
      case "journey.create" -> {
        String j = "journey:" + reply.getString("journeyId");
        put(j, true, maybe);
        put(j + ".title", c.getString("title"), maybe);
        put(j + ".kind", c.getString("kind", "current"), maybe);
        put(j + ".stages", learned == null ? ANY : ids(learned.getJsonArray("stages")), maybe);
        put(j + ".lanes", learned == null ? ANY : ids(learned.getJsonArray("lanes")), maybe);
        if (learned != null) {
          for (String part : List.of("stage", "lane")) {
            learned.getJsonArray(part + "s").forEach(o -> put(j + "." + part + ":" + ((JsonObject) o).getString("id"),
                ((JsonObject) o).getString("title"), maybe));
          }
        }
      }
      case "journey.update" -> {
        String j = "journey:" + c.getString("id");
        if (c.containsKey("title")) {
          put(j + ".title", c.getString("title"), maybe);
        }
        if (c.containsKey("kind")) {
          put(j + ".kind", c.getString("kind"), maybe);
        }
      }
      case "journey.remove" -> {
        String id = c.getString("id");
        put("journey:" + id, false, maybe);
        unplace(cell -> cell.startsWith(id + "/"), maybe);
      }
      case "journey.stage.add", "journey.lane.add", "journey.stage.remove", "journey.lane.remove",
          "journey.stage.move", "journey.lane.move" -> {
        String part = op.contains(".stage.") ? "stage" : "lane";
        String j = "journey:" + c.getString("journeyId") + "." + part + "s";
        String action = op.substring(op.lastIndexOf('.') + 1);
        String item = action.equals("add") ? reply.getString(part + "Id") : c.getString(part + "Id");
        String title = "journey:" + c.getString("journeyId") + "." + part + ":" + item;
        switch (action) {
          case "add" -> {
            map(j, l -> inserted(l, item, c.getInteger("index")), maybe);
            put(title, c.getString("title"), maybe);
          }
          case "move" -> map(j, l -> moved(l, item, c.getInteger("index")), maybe);
          default -> {
            map(j, l -> without(l, item), maybe);
            put(title, NONE, maybe);
            int at = part.equals("stage") ? 1 : 2;
            unplace(cell -> cell.startsWith(c.getString("journeyId") + "/") && cell.split("/")[at].equals(item),
                maybe);
          }
        }
      }
      case "journey.stage.update", "journey.lane.update" -> {
        String part = op.contains(".stage.") ? "stage" : "lane";
        put("journey:" + c.getString("journeyId") + "." + part + ":" + c.getString(part + "Id"), c.getString("title"),
            maybe);
      }
      case "journey.cell.text" -> put(cell(c) + ".text", c.getString("text").isEmpty() ? NONE : c.getString("text"),
          maybe);
      case "journey.cell.emotion" -> put(cell(c) + ".score", c.containsKey("score") ? num(c.getValue("score")) : NONE,
          maybe);
      case "note.place" -> put("note:" + c.getString("id") + ".cell", c.containsKey("journeyId")
          ? c.getString("journeyId") + "/" + c.getString("stageId") + "/" + c.getString("laneId") : NONE, maybe);
      case "outcome.create" -> {
        String o = "outcome:" + reply.getString("outcomeId");
        put(o, true, maybe);
        put(o + ".kind", c.getString("kind"), maybe);
        put(o + ".title", c.getString("title"), maybe);
        put(o + ".owner", c.getString("owner", NONE), maybe);
        put(o + ".status", "open", maybe);
      }
      case "outcome.update" -> {
        String o = "outcome:" + c.getString("id");
        for (String f : List.of("title", "owner", "status")) {
          if (c.containsKey(f)) {
            put(o + "." + f, c.getString(f), maybe);
          }
        }
      }
      case "outcome.delete" -> put("outcome:" + c.getString("id"), false, maybe);
      default -> throw new IllegalArgumentException("the model does not know " + op);
    }
  }

  /** A note the server placed (a reveal, a tidy-up), where the reply said. */
  private void placed(JsonObject p, boolean maybe) {
    put("note:" + p.getString("id") + ".x", num(p.getValue("x")), maybe);
    put("note:" + p.getString("id") + ".y", num(p.getValue("y")), maybe);
  }

  /** The server placed notes and nobody read where: any note may be anywhere (or, if maybe, where it was). */
  private void anywhere(boolean maybe) {
    for (String n : entities("note")) {
      put("note:" + n + ".x", ANY, maybe);
      put("note:" + n + ".y", ANY, maybe);
    }
  }

  /** Whom everyone follows, and where. */
  public static String follow(Object x, Object y, Object zoom, String by) {
    return num(x) + "," + num(y) + "," + num(zoom) + "," + by;
  }

  private static String cell(JsonObject c) {
    return "cell:" + c.getString("journeyId") + "/" + c.getString("stageId") + "/" + c.getString("laneId");
  }

  /** Notes placed in cells that go away go back to the canvas. */
  private void unplace(java.util.function.Predicate<String> gone, boolean maybe) {
    for (String note : entities("note")) {
      String key = "note:" + note + ".cell";
      Set<Object> cells = allowed(key);
      boolean any = cells.stream().anyMatch(v -> !NONE.equals(v) && gone.test((String) v));
      if (any) {
        boolean all = cells.stream().allMatch(v -> !NONE.equals(v) && gone.test((String) v));
        put(key, NONE, maybe || !all);
      }
    }
  }

  private void closeCurrent(boolean maybe) {
    Set<Object> current = allowed("board.vote");
    for (Object id : current) {
      if (!NONE.equals(id)) {
        put("vote:" + id + ".state", "closed", maybe || current.size() > 1);
      }
    }
  }

  /** A cluster left without notes goes away (the server removes it in the same command). */
  private void removeIfEmpty(Object clusterId, boolean maybe) {
    if (NONE.equals(clusterId) || certainly("cluster:" + clusterId, Boolean.TRUE) == Boolean.FALSE) {
      return;
    }
    boolean certainMember = false;
    boolean possibleMember = false;
    for (String note : entities("note")) {
      Boolean exists = certainly("note:" + note, Boolean.TRUE);
      Boolean member = certainly("note:" + note + ".cluster", clusterId);
      if (exists == Boolean.FALSE || member == Boolean.FALSE) {
        continue;
      }
      if (exists == Boolean.TRUE && member == Boolean.TRUE) {
        certainMember = true;
      } else {
        possibleMember = true;
      }
    }
    if (!certainMember) {
      put("cluster:" + clusterId, false, maybe || possibleMember);
    }
  }

  private static double clamp(double v) {
    return Math.max(-MAX, Math.min(MAX, v));
  }

  public static double num(Object v) {
    return ((Number) v).doubleValue();
  }

  private static List<String> ids(JsonArray items) {
    List<String> out = new ArrayList<>();
    items.forEach(i -> out.add(((JsonObject) i).getString("id")));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<String> list(Object l) {
    return NONE.equals(l) ? new ArrayList<>() : new ArrayList<>((List<String>) l);
  }

  private static Object with(Object l, String id) {
    if (ANY.equals(l)) {
      return ANY;
    }
    List<String> out = list(l);
    out.add(id);
    return out;
  }

  private static Object without(Object l, String id) {
    if (ANY.equals(l)) {
      return ANY;
    }
    List<String> out = list(l);
    out.remove(id);
    return out;
  }

  private static Object inserted(Object l, String id, Integer index) {
    if (ANY.equals(l)) {
      return ANY;
    }
    List<String> out = list(l);
    out.add(index == null ? out.size() : Math.min(index, out.size()), id);
    return out;
  }

  private static Object moved(Object l, String id, int index) {
    if (ANY.equals(l)) {
      return ANY;
    }
    List<String> out = list(l);
    if (out.remove(id)) {
      out.add(Math.min(index, out.size()), id);
    }
    return out;
  }

  /** Keys whose allowed values the observed board does not match, described for a failure message. */
  public List<String> mismatches(Map<String, Object> observed) {
    Set<String> keys = new LinkedHashSet<>(facts.keySet());
    keys.addAll(observed.keySet());
    Object currentVote = observed.getOrDefault("board.vote", NONE);
    List<String> out = new ArrayList<>();
    for (String key : keys) {
      if (!relevant(key, observed, currentVote) || !facts.containsKey(key) && unread(key)) {
        continue;
      }
      Object seen = observed.containsKey(key) ? observed.get(key) : allowedDefault(key);
      if (!allowed(key).contains(seen) && !allowed(key).contains(ANY)) {
        out.add(key + ": observed " + seen + ", allowed " + allowed(key));
      }
    }
    return out;
  }

  /**
   * A stage's or lane's title in a journey map whose stages or lanes nobody read (the crash came before the creator
   * could read the new map): its ids, and so these keys, are unknown to the model.
   */
  private boolean unread(String key) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(journey:[^.]+)\\.(stage|lane):.+").matcher(key);
    return m.matches() && allowed(m.group(1) + "." + m.group(2) + "s").contains(ANY);
  }

  private static Object allowedDefault(String key) {
    return isEntity(key) ? Boolean.FALSE : key.startsWith("ballot:") ? (Object) 0.0 : NONE;
  }

  /** A field of something that is not there, or a dot in a vote that is not the current one, is not compared. */
  private static boolean relevant(String key, Map<String, Object> observed, Object currentVote) {
    if (key.startsWith("ballot:")) {
      return key.startsWith("ballot:" + currentVote + ":");
    }
    if (key.startsWith("cell:")) {
      // Which cells exist follows from the journey's stages and lanes, compared on their own.
      return key.contains(".") && observed.containsKey(key.substring(0, key.lastIndexOf('.')));
    }
    int dot = key.indexOf('.');
    if (dot < 0 || key.startsWith("board.")) {
      return true;
    }
    return Boolean.TRUE.equals(observed.get(key.substring(0, dot)));
  }
}
