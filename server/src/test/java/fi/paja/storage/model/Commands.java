package fi.paja.storage.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Random commands over every kind that changes a board's durable state, as a facilitator or a participant would
 * send them. It keeps a rough idea of which ids exist (what was acknowledged or read back); a command aimed at
 * something gone is simply refused, which is part of the test too.
 */
public final class Commands {

  private static final List<String> COLORS = List.of("yellow", "pink", "blue", "green", "orange", "purple");
  private static final List<String> FLAGS = List.of("locked", "anonymous", "anonymousToFacilitators", "privateMode",
      "facilitatorsSeePrivate");

  /** Ids the writers know of; shared by all writers and refreshed from the observed board after each restart. */
  public static final class Known {
    final Map<String, Set<String>> notesBy = new ConcurrentHashMap<>();
    final Set<String> clusters = ConcurrentHashMap.newKeySet();
    final Set<String> phases = ConcurrentHashMap.newKeySet();
    final Set<String> votes = ConcurrentHashMap.newKeySet();
    final Set<String> outcomes = ConcurrentHashMap.newKeySet();
    /** journey id → its stage ids and lane ids by kind ("stage", "text", "emotion", "notes"). */
    final Map<String, Map<String, List<String>>> journeys = new ConcurrentHashMap<>();
    final Set<String> newcomers = ConcurrentHashMap.newKeySet();
    /** Deleted notes (kept across restarts, as the server keeps them for a day): id → who deleted, who wrote it. */
    final Map<String, String[]> deleted = new ConcurrentHashMap<>();

    /** Starts again from what the server showed. */
    public void refresh(Map<String, JsonObject> snapshots) {
      notesBy.clear();
      clusters.clear();
      phases.clear();
      votes.clear();
      outcomes.clear();
      journeys.clear();
      for (Map.Entry<String, JsonObject> e : snapshots.entrySet()) {
        JsonObject s = e.getValue();
        for (Object o : s.getJsonArray("notes")) {
          JsonObject n = (JsonObject) o;
          if (n.getBoolean("mine", false)) {
            notesBy.computeIfAbsent(e.getKey(), k -> ConcurrentHashMap.newKeySet()).add(n.getString("id"));
          }
        }
        s.getJsonArray("clusters").forEach(c -> clusters.add(((JsonObject) c).getString("id")));
        s.getJsonArray("phases").forEach(p -> phases.add(((JsonObject) p).getString("id")));
        s.getJsonArray("votes").forEach(v -> votes.add(((JsonObject) v).getString("id")));
        s.getJsonArray("outcomes").forEach(o -> outcomes.add(((JsonObject) o).getString("id")));
        s.getJsonArray("journeys").forEach(j -> learnJourney((JsonObject) j));
      }
    }

    public void learnJourney(JsonObject j) {
      Map<String, List<String>> parts = new ConcurrentHashMap<>();
      List<String> stages = new java.util.concurrent.CopyOnWriteArrayList<>();
      j.getJsonArray("stages").forEach(s -> stages.add(((JsonObject) s).getString("id")));
      parts.put("stage", stages);
      for (Object o : j.getJsonArray("lanes")) {
        JsonObject lane = (JsonObject) o;
        parts.computeIfAbsent(lane.getString("kind"), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
            .add(lane.getString("id"));
      }
      journeys.put(j.getString("id"), parts);
    }

    List<String> allNotes() {
      List<String> all = new ArrayList<>();
      notesBy.values().forEach(all::addAll);
      return all;
    }
  }

  private final Random random;
  private final Known known;
  private final String tag;
  private int counter;

  public Commands(Random random, Known known, String tag) {
    this.random = random;
    this.known = known;
    this.tag = tag;
  }

  private String freshId(String kind) {
    return kind + "-" + tag + "-" + (counter++);
  }

  private <T> T pick(List<T> items) {
    return items.isEmpty() ? null : items.get(random.nextInt(items.size()));
  }

  private String pick(Set<String> items) {
    return pick(new ArrayList<>(items));
  }

  private double coordinate() {
    return random.nextInt(4000) - 2000 + (random.nextBoolean() ? 0.5 : 0);
  }

  private String text() {
    return "lappu " + tag + " " + random.nextInt(1_000_000) + (random.nextInt(5) == 0 ? "\nrivi ÅÄÖ 🎉" : "");
  }

  /** What a participant does: mostly notes, some dots, some journey cells. */
  public JsonObject participant(String me) {
    List<String> mine = new ArrayList<>(known.notesBy.getOrDefault(me, Set.of()));
    String note = pick(mine);
    int roll = random.nextInt(100);
    if (roll < 25 || note == null) {
      return new JsonObject().put("op", "note.add").put("id", freshId("n")).put("text", text())
          .put("x", coordinate()).put("y", coordinate()).put("color", pick(COLORS));
    }
    if (roll < 40) {
      JsonObject c = new JsonObject().put("op", "note.update").put("id", note);
      return random.nextBoolean() ? c.put("text", text()) : c.put("color", pick(COLORS));
    }
    if (roll < 65) {
      return new JsonObject().put("op", "note.move").put("id", note).put("x", coordinate()).put("y", coordinate());
    }
    if (roll < 72) {
      return new JsonObject().put("op", "note.delete").put("id", note);
    }
    if (roll < 75) {
      List<String> mineDeleted = new ArrayList<>();
      known.deleted.forEach((id, who) -> {
        if (who[0].equals(me)) {
          mineDeleted.add(id);
        }
      });
      String restore = pick(mineDeleted);
      if (restore != null) {
        return new JsonObject().put("op", "note.restore").put("id", restore);
      }
    }
    if (roll < 88) {
      String target = random.nextInt(4) == 0 ? pick(known.clusters) : pick(known.allNotes());
      return new JsonObject().put("op", random.nextInt(3) == 0 ? "vote.retract" : "vote.cast")
          .put("targetId", target == null ? note : target);
    }
    JsonObject journeyCell = journeyCell(note);
    return journeyCell != null ? journeyCell
        : new JsonObject().put("op", "note.move").put("id", note).put("x", coordinate()).put("y", coordinate());
  }

  private JsonObject journeyCell(String note) {
    String j = pick(new ArrayList<>(known.journeys.keySet()));
    if (j == null) {
      return null;
    }
    Map<String, List<String>> parts = known.journeys.get(j);
    String stage = pick(parts.getOrDefault("stage", List.of()));
    int kind = random.nextInt(3);
    String lane = pick(parts.getOrDefault(kind == 0 ? "text" : kind == 1 ? "emotion" : "notes", List.of()));
    if (stage == null || lane == null) {
      return null;
    }
    JsonObject c = new JsonObject().put("journeyId", j).put("stageId", stage).put("laneId", lane);
    return switch (kind) {
      case 0 -> c.put("op", "journey.cell.text").put("text", random.nextInt(5) == 0 ? "" : text());
      case 1 -> c.put("op", "journey.cell.emotion").put("score", random.nextInt(5) - 2);
      default -> c.put("op", "note.place").put("id", note);
    };
  }

  /** What a facilitator does: every kind of command, notes and the board's structure alike. */
  public JsonObject facilitator(String me, List<String> people) {
    int roll = random.nextInt(36);
    String note = pick(known.allNotes());
    String cluster = pick(known.clusters);
    String phase = pick(known.phases);
    String outcome = pick(known.outcomes);
    String journey = pick(new ArrayList<>(known.journeys.keySet()));
    return switch (roll) {
      case 0, 1 -> participant(me);
      case 2 -> note == null ? participant(me) : new JsonObject().put("op", "cluster.create").put("id", freshId("c"))
          .put("title", "ryhmä " + random.nextInt(100)).put("noteIds", new JsonArray(someNotes()));
      case 3 -> cluster == null ? participant(me)
          : new JsonObject().put("op", "cluster.rename").put("id", cluster).put("title", "nimi " + random.nextInt(100));
      case 4 -> cluster == null || note == null ? participant(me)
          : new JsonObject().put("op", "cluster.add").put("id", cluster).put("noteId", note);
      case 5 -> note == null ? participant(me) : new JsonObject().put("op", "note.ungroup").put("noteId", note);
      case 6 -> cluster == null ? participant(me) : new JsonObject().put("op", "cluster.dissolve").put("id", cluster);
      case 7 -> cluster == null ? participant(me) : new JsonObject().put("op", "cluster.move").put("id", cluster)
          .put("dx", random.nextInt(200) - 100).put("dy", random.nextInt(200) - 100);
      case 8 -> new JsonObject().put("op", "phase.add").put("title", "Vaihe " + random.nextInt(100))
          .put("instructions", random.nextBoolean() ? "Kirjoita ideat" : "");
      case 9 -> phase == null ? participant(me) : new JsonObject().put("op", "phase.update").put("id", phase)
          .put("title", "Uusi nimi " + random.nextInt(100));
      case 10 -> phase == null ? participant(me)
          : new JsonObject().put("op", "phase.move").put("id", phase).put("index", random.nextInt(4));
      case 11 -> phase == null ? participant(me) : new JsonObject().put("op", "phase.remove").put("id", phase);
      case 12 -> phase == null ? participant(me) : new JsonObject().put("op", "phase.activate").put("id", phase);
      case 13 -> new JsonObject().put("op", "settings.update").put(pick(FLAGS), random.nextInt(3) != 0
          ? random.nextBoolean() : false);
      case 14 -> new JsonObject().put("op", "notes.reveal");
      case 15 -> new JsonObject().put("op", "timer.start").put("seconds", 60 + random.nextInt(600));
      case 16 -> new JsonObject().put("op", pick(List.of("timer.pause", "timer.resume", "timer.stop")));
      case 17 -> new JsonObject().put("op", "timer.add").put("seconds", random.nextBoolean() ? 60 : -30);
      case 18 -> random.nextBoolean() ? new JsonObject().put("op", "view.release")
          : new JsonObject().put("op", "view.follow").put("x", coordinate()).put("y", coordinate()).put("zoom", 1.5);
      case 19 -> new JsonObject().put("op", "view.focus").put(cluster != null && random.nextBoolean()
          ? "clusterId" : "noteId",
          cluster != null && random.nextBoolean() ? cluster : note == null ? "nothing-here" : note);
      case 20 -> new JsonObject().put("op", "vote.open").put("targets", pick(List.of("notes", "clusters", "both")))
          .put("budget", 1 + random.nextInt(5)).put("maxPerItem", 1 + random.nextInt(3))
          .put("secret", random.nextBoolean());
      case 21 -> new JsonObject().put("op", "vote.close");
      case 22 -> known.votes.isEmpty() ? new JsonObject().put("op", "vote.close")
          : new JsonObject().put("op", "vote.reopen").put("voteId", pick(known.votes));
      case 23 -> new JsonObject().put("op", "journey.create").put("title", "Polku " + random.nextInt(100))
          .put("kind", random.nextBoolean() ? "current" : "future")
          .put("stages", new JsonArray().add("Ennen").add("Aikana").add("Jälkeen"))
          .put("lanes", new JsonArray().add(lane("Mitä tapahtuu", "text")).add(lane("Tunteet", "emotion"))
              .add(lane("Laput", "notes")));
      case 24 -> journey == null ? participant(me) : new JsonObject().put("op", "journey.update").put("id", journey)
          .put("title", "Polku " + random.nextInt(100));
      case 25 -> journey == null || random.nextInt(3) != 0 ? participant(me)
          : new JsonObject().put("op", "journey.remove").put("id", journey);
      case 26 -> journeyStructure(journey, me);
      case 27 -> {
        JsonObject cell = note == null ? null : journeyCell(note);
        yield cell == null ? participant(me) : cell;
      }
      case 28 -> {
        JsonObject c = new JsonObject().put("op", "outcome.create")
            .put("kind", random.nextBoolean() ? "decision" : "action")
            .put("title", "Päätös " + random.nextInt(1000));
        if (random.nextBoolean()) {
          c.put("owner", "Kehittäjä " + random.nextInt(10));
        }
        if (note != null && random.nextBoolean()) {
          c.put("noteId", note);
        }
        yield c;
      }
      case 29 -> outcome == null ? participant(me) : new JsonObject().put("op", "outcome.update").put("id", outcome)
          .put("status", pick(List.of("open", "in_progress", "done", "wont_do")))
          .put("title", "Päivitetty " + random.nextInt(1000));
      case 30 -> outcome == null ? participant(me) : new JsonObject().put("op", "outcome.delete").put("id", outcome);
      case 31 -> people.isEmpty() ? participant(me) : new JsonObject().put("op", "participant.role")
          .put("participantId", pick(people)).put("role", pick(List.of("participant", "observer", "participant")));
      case 32 -> known.newcomers.isEmpty() ? participant(me) : new JsonObject().put("op", "participant.remove")
          .put("participantId", pick(known.newcomers));
      case 33 -> known.deleted.isEmpty() ? participant(me)
          : new JsonObject().put("op", "note.restore").put("id", pick(known.deleted.keySet()));
      case 34 -> {
        JsonObject c = new JsonObject().put("op", "notes.arrange").put("by", random.nextBoolean() ? "group" : "color");
        yield note != null && random.nextBoolean() ? c.put("noteIds", new JsonArray(someNotes())) : c;
      }
      default -> new JsonObject().put("op", "join");
    };
  }

  private JsonObject journeyStructure(String journey, String me) {
    if (journey == null) {
      return participant(me);
    }
    Map<String, List<String>> parts = known.journeys.get(journey);
    if (parts == null) {
      return participant(me);
    }
    boolean stage = random.nextBoolean();
    String part = stage ? "stage" : "lane";
    List<String> ids = new ArrayList<>(stage ? parts.getOrDefault("stage", List.of()) : lanes(parts));
    String item = pick(ids);
    int action = random.nextInt(4);
    JsonObject c = new JsonObject().put("journeyId", journey);
    if (action == 0 || item == null) {
      c.put("op", "journey." + part + ".add").put("title", "Uusi " + random.nextInt(100));
      if (!stage) {
        c.put("kind", pick(List.of("text", "emotion", "notes", "channel")));
      }
      return random.nextBoolean() ? c.put("index", random.nextInt(4)) : c;
    }
    c.put(part + "Id", item);
    return switch (action) {
      case 1 -> c.put("op", "journey." + part + ".update").put("title", "Nimi " + random.nextInt(100));
      case 2 -> c.put("op", "journey." + part + ".move").put("index", random.nextInt(4));
      default -> c.put("op", "journey." + part + ".remove");
    };
  }

  private static List<String> lanes(Map<String, List<String>> parts) {
    List<String> lanes = new ArrayList<>();
    parts.forEach((kind, ids) -> {
      if (!kind.equals("stage")) {
        lanes.addAll(ids);
      }
    });
    return lanes;
  }

  private static JsonObject lane(String title, String kind) {
    return new JsonObject().put("title", title).put("kind", kind);
  }

  private List<String> someNotes() {
    List<String> all = known.allNotes();
    List<String> some = new ArrayList<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n && !all.isEmpty(); i++) {
      String id = pick(all);
      if (!some.contains(id)) {
        some.add(id);
      }
    }
    return some;
  }

  /** Remembers what an acknowledged command created or removed, so that later commands can aim at it. */
  public void acknowledged(String me, JsonObject c, JsonObject reply) {
    switch (c.getString("op")) {
      case "note.add" -> known.notesBy.computeIfAbsent(me, k -> ConcurrentHashMap.newKeySet()).add(c.getString("id"));
      case "note.delete" -> known.notesBy.forEach((author, s) -> {
        if (s.remove(c.getString("id"))) {
          known.deleted.put(c.getString("id"), new String[] {me, author});
        }
      });
      case "note.restore" -> {
        String[] who = known.deleted.remove(c.getString("id"));
        if (who != null) {
          known.notesBy.computeIfAbsent(who[1], k -> ConcurrentHashMap.newKeySet()).add(c.getString("id"));
        }
      }
      case "cluster.create" -> known.clusters.add(c.getString("id"));
      case "cluster.dissolve" -> known.clusters.remove(c.getString("id"));
      case "phase.add" -> known.phases.add(reply.getString("phaseId"));
      case "phase.remove" -> known.phases.remove(c.getString("id"));
      case "vote.open" -> known.votes.add(reply.getString("voteId"));
      case "outcome.create" -> known.outcomes.add(reply.getString("outcomeId"));
      case "outcome.delete" -> known.outcomes.remove(c.getString("id"));
      case "journey.remove" -> known.journeys.remove(c.getString("id"));
      case "join" -> known.newcomers.add(c.getString("participantId"));
      case "journey.stage.add", "journey.lane.add" -> {
        Map<String, List<String>> parts = known.journeys.get(c.getString("journeyId"));
        String part = c.getString("op").contains(".stage.") ? "stage" : c.getString("kind");
        if (parts != null) {
          parts.computeIfAbsent(part, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
              .add(reply.getString(c.getString("op").contains(".stage.") ? "stageId" : "laneId"));
        }
      }
      default -> {
      }
    }
  }
}
