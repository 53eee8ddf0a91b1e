package fi.paja.board;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A dot vote: its rules, every participant's dots, and once closed its ranked results. */
public final class Vote {

  public static final String OPEN = "open";
  public static final String CLOSED = "closed";

  private final String id;
  private final String targets;
  private final int budget;
  private final int maxPerItem;
  private final boolean secret;
  private Long endsAt;
  private String state;
  private JsonArray results;
  /** participant id → target id → dots. */
  private final Map<String, Map<String, Integer>> ballots = new LinkedHashMap<>();
  /** target id → "note" or "cluster", as it was when dots were put on it (a cluster may be dissolved later). */
  private final Map<String, String> kinds = new LinkedHashMap<>();

  void remember(String targetId, String kind) {
    kinds.putIfAbsent(targetId, kind);
  }

  String kindOf(String targetId, Function<String, String> now) {
    String kind = kinds.get(targetId);
    return kind != null ? kind : now.apply(targetId);
  }

  public Vote(String id, String targets, int budget, int maxPerItem, boolean secret, Long endsAt) {
    this.id = id;
    this.targets = targets;
    this.budget = budget;
    this.maxPerItem = maxPerItem;
    this.secret = secret;
    this.endsAt = endsAt;
    this.state = OPEN;
  }

  public String id() {
    return id;
  }

  public String targets() {
    return targets;
  }

  public int budget() {
    return budget;
  }

  public int maxPerItem() {
    return maxPerItem;
  }

  public boolean secret() {
    return secret;
  }

  public Long endsAt() {
    return endsAt;
  }

  public boolean isOpen() {
    return OPEN.equals(state);
  }

  public boolean allowsNotes() {
    return !"clusters".equals(targets);
  }

  public boolean allowsClusters() {
    return !"notes".equals(targets);
  }

  public int used(String participantId) {
    return ballots.getOrDefault(participantId, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
  }

  public int on(String participantId, String targetId) {
    return ballots.getOrDefault(participantId, Map.of()).getOrDefault(targetId, 0);
  }

  public int cast() {
    return ballots.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
  }

  public Map<String, Integer> tally() {
    Map<String, Integer> tally = new LinkedHashMap<>();
    ballots.values().forEach(m -> m.forEach((target, n) -> tally.merge(target, n, Integer::sum)));
    tally.values().removeIf(n -> n == 0);
    return tally;
  }

  public JsonObject tallyJson() {
    JsonObject json = new JsonObject();
    tally().forEach(json::put);
    return json;
  }

  public Map<String, Integer> mine(String participantId) {
    return ballots.getOrDefault(participantId, Map.of());
  }

  void add(String participantId, String targetId, int delta) {
    Map<String, Integer> mine = ballots.computeIfAbsent(participantId, k -> new LinkedHashMap<>());
    int n = mine.getOrDefault(targetId, 0) + delta;
    if (n <= 0) {
      mine.remove(targetId);
    } else {
      mine.put(targetId, n);
    }
  }

  void reopen(Long newEndsAt) {
    state = OPEN;
    endsAt = newEndsAt;
    results = null;
  }

  /** Closes and ranks: most dots first; equal counts share a rank. {@code kindOf} says note or cluster. */
  void close(Function<String, String> kindOf) {
    state = CLOSED;
    List<Map.Entry<String, Integer>> ranked = new ArrayList<>(tally().entrySet());
    ranked.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
        .thenComparing(Map.Entry.comparingByKey()));
    results = new JsonArray();
    int rank = 0;
    int previous = -1;
    for (int i = 0; i < ranked.size(); i++) {
      Map.Entry<String, Integer> e = ranked.get(i);
      if (e.getValue() != previous) {
        rank = i + 1;
        previous = e.getValue();
      }
      results.add(new JsonObject().put("targetId", e.getKey()).put("kind", kindOf.apply(e.getKey()))
          .put("votes", e.getValue()).put("rank", rank));
    }
  }

  public JsonArray results() {
    return results;
  }

  /** The public description (no ballots). */
  public JsonObject describe() {
    JsonObject json = new JsonObject().put("id", id).put("state", state).put("targets", targets)
        .put("budget", budget).put("maxPerItem", maxPerItem).put("secret", secret).put("endsAt", endsAt);
    if (results != null) {
      json.put("results", results.copy());
    }
    return json;
  }

  /**
   * The ballots of the voters {@code erased} says, each kept under a key that names nobody ({@code rename}): the
   * tally stays as it was, nobody can tell whose dots they were.
   */
  void anonymise(java.util.function.Predicate<String> erased, java.util.function.UnaryOperator<String> rename) {
    for (String voter : java.util.List.copyOf(ballots.keySet())) {
      if (erased.test(voter)) {
        ballots.put(rename.apply(voter), ballots.remove(voter));
      }
    }
  }

  /** Everything, for storage. */
  public JsonObject toStored() {
    JsonObject b = new JsonObject();
    ballots.forEach((p, m) -> {
      JsonObject dots = new JsonObject();
      m.forEach(dots::put);
      b.put(p, dots);
    });
    JsonObject k = new JsonObject();
    kinds.forEach(k::put);
    return describe().put("ballots", b).put("kinds", k);
  }

  /** A stored vote; throws if it is not one (a damaged board is refused at load, not when an export reads it). */
  public static Vote fromStored(JsonObject json) {
    Vote v = new Vote(java.util.Objects.requireNonNull(json.getString("id"), "id"), json.getString("targets"),
        json.getInteger("budget"), json.getInteger("maxPerItem"), json.getBoolean("secret"), json.getLong("endsAt"));
    v.state = json.getString("state");
    if (!OPEN.equals(v.state) && !CLOSED.equals(v.state)) {
      throw new IllegalArgumentException("state");
    }
    v.results = json.getJsonArray("results");
    if (v.results != null) {
      for (Object o : v.results) {
        JsonObject r = (JsonObject) o;
        java.util.Objects.requireNonNull(r.getString("targetId"), "targetId");
        java.util.Objects.requireNonNull(r.getString("kind"), "kind");
        java.util.Objects.requireNonNull(r.getInteger("votes"), "votes");
        java.util.Objects.requireNonNull(r.getInteger("rank"), "rank");
      }
    }
    json.getJsonObject("kinds", new JsonObject()).forEach(e -> v.kinds.put(e.getKey(), String.valueOf(e.getValue())));
    JsonObject b = json.getJsonObject("ballots", new JsonObject());
    for (String p : b.fieldNames()) {
      Map<String, Integer> dots = new HashMap<>();
      b.getJsonObject(p).forEach(e -> dots.put(e.getKey(), ((Number) e.getValue()).intValue()));
      v.ballots.put(p, new LinkedHashMap<>(dots));
    }
    return v;
  }
}
