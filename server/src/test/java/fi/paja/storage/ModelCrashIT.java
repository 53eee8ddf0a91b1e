package fi.paja.storage;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import fi.paja.storage.model.BoardModel;
import fi.paja.storage.model.Commands;
import fi.paja.storage.model.Observed;
import fi.paja.support.Api;
import fi.paja.support.ServerProcess;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No acknowledged change is lost across any sequence of restarts and crashes, and nothing unacknowledged is half
 * applied. The server jar runs in its own process; a facilitator and three participants send random commands of
 * every kind that changes a board's durable state (REST); the process is stopped with SIGKILL or SIGTERM at random
 * moments — right after some acknowledgement, around a checkpoint, while the board is loading, while it is being
 * unloaded — and started again, many times on the same data. After every restart the board every member sees is
 * compared with a {@link BoardModel} built only from the acknowledged commands (and, for the commands whose answer
 * the crash cut off, both possibilities).
 *
 * <p>{@code -Dpaja.crash.seed=N} repeats a run's choices (commands, moments, signals; thread timing still varies),
 * {@code -Dpaja.crash.restarts=N} sets how many rounds (default 6; a soak: 50). The seed is printed at the start
 * and in every failure.
 */
@ExtendWith(VertxExtension.class)
@Tag("slow")
class ModelCrashIT {

  private static final long SEED = Long.getLong("paja.crash.seed", new Random().nextLong());
  private static final int ROUNDS = Integer.getInteger("paja.crash.restarts", 6);
  private static final Map<String, String> ENV = Map.of("PAJA_RATE_LIMITS", "off", "PAJA_BOARD_IDLE_SECONDS", "1");

  enum Moment { AFTER_ACK, AROUND_CHECKPOINT, WHILE_LOADING, WHILE_UNLOADING }

  /** An acknowledged command, in the board's order ({@code order}: its seq). */
  record Acked(JsonObject command, String actor, JsonObject reply, JsonObject learned, double order) {
  }

  /** A command whose answer never came: applied or not, at any point after {@code after}. */
  record Unknown(JsonObject command, String actor, long after) {
  }

  private final Random random = new Random(SEED);
  private final Commands.Known known = new Commands.Known();
  private final AtomicLong maxSeq = new AtomicLong();
  private Path dataDir;
  private int port;
  private Process server;
  private Api api;
  private String workshopId;
  private String joinCode;
  /** participant id → token, the facilitator first. */
  private final Map<String, String> members = new LinkedHashMap<>();
  private String facilitatorId;
  private int restarts;
  private int commandsSent;
  private int commandsAcked;

  @Test
  void noAcknowledgedChangeIsLostAcrossRandomCrashesAndRestarts(Vertx vertx) throws Exception {
    System.out.println("ModelCrashIT: seed " + SEED + ", " + ROUNDS + " rounds");
    dataDir = Files.createTempDirectory("paja-model-crash");
    port = ServerProcess.freePort();
    api = new Api(vertx, port);
    try {
      start();
      setUp();
      Map<String, JsonObject> snapshots = snapshots();
      BoardModel before = BoardModel.of(Observed.of(snapshots));
      known.refresh(snapshots);
      for (int round = 1; round <= ROUNDS; round++) {
        Moment moment = Moment.values()[random.nextInt(Moment.values().length)];
        boolean kill = random.nextInt(10) < 6;
        List<Acked> acked = Collections.synchronizedList(new ArrayList<>());
        List<Unknown> unknown = Collections.synchronizedList(new ArrayList<>());
        runRound(moment, kill, acked, unknown);
        commandsAcked += acked.size();
        start();
        if (moment == Moment.WHILE_LOADING) {
          // The first request loads the board (replaying the log, dropping a group cut short): crash in the middle.
          api.getAsync("/api/workshops/" + workshopId, members.get(facilitatorId));
          Thread.sleep(random.nextInt(60));
          stop(true);
          start();
        }
        snapshots = snapshots();
        Map<String, Object> after = Observed.of(snapshots);
        String where = "seed " + SEED + ", round " + round + " (" + moment + ", " + (kill ? "SIGKILL" : "SIGTERM")
            + "; " + acked.size() + " acknowledged, " + unknown.size() + " unanswered); server logs in " + dataDir;
        BoardModel checked = check(before, after, snapshots.get(facilitatorId), acked, unknown, where);
        long seq = snapshots.get(facilitatorId).getLong("seq");
        assertTrue(seq >= maxSeq.get(), "the board's seq went back from " + maxSeq.get() + " to " + seq + ": " + where);
        maxSeq.set(seq);
        before = checked.then(after);
        known.refresh(snapshots);
      }
      System.out.println("ModelCrashIT: seed " + SEED + ": " + (restarts - 1) + " restarts, " + commandsSent
          + " commands sent, " + commandsAcked + " acknowledged, " + before.keys().size() + " facts at the end");
    } finally {
      if (server != null) {
        server.destroyForcibly();
        server.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private void setUp() throws Exception {
    String token = api.login();
    JsonObject workshop = api.createWorkshop(token, "Mallitesti");
    workshopId = workshop.getString("id");
    joinCode = workshop.getString("joinCode");
    facilitatorId = api.get("/api/workshops/" + workshopId, token).body().getJsonObject("you")
        .getString("participantId");
    members.put(facilitatorId, token);
    for (String name : List.of("Aino", "Bertil", "Cecilia")) {
      JsonObject joined = api.join(joinCode, name);
      members.put(joined.getString("participantId"), joined.getString("token"));
    }
  }

  private void runRound(Moment moment, boolean kill, List<Acked> acked, List<Unknown> unknown) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger acks = new AtomicInteger();
    List<Thread> writers = new ArrayList<>();
    List<String> people = new ArrayList<>(members.keySet());
    people.remove(facilitatorId);
    for (Map.Entry<String, String> member : members.entrySet()) {
      Commands commands = new Commands(new Random(random.nextLong()), known,
          "w" + writers.size() + "r" + restarts);
      Thread writer = new Thread(() -> write(member.getKey(), member.getValue(), commands, people, stop, acks, acked,
          unknown));
      writers.add(writer);
      writer.start();
    }
    long started = System.currentTimeMillis();
    switch (moment) {
      case AFTER_ACK -> {
        int target = 5 + random.nextInt(120);
        while (acks.get() < target && System.currentTimeMillis() - started < 15_000) {
          Thread.sleep(1); // polled finely on purpose: the kill lands right after the chosen acknowledgement
        }
      }
      // The board checkpoints 2 s after it was loaded and every 2 s after: kill somewhere around one.
      case AROUND_CHECKPOINT -> Thread.sleep(1_700 + random.nextInt(800));
      case WHILE_LOADING -> Thread.sleep(200 + random.nextInt(1_300));
      case WHILE_UNLOADING -> {
        Thread.sleep(300 + random.nextInt(1_200));
        stop.set(true);
        for (Thread w : writers) {
          w.join();
        }
        // Idle for 1 s, then the sweep (every 250 ms) unloads the board: kill in that window.
        Thread.sleep(900 + random.nextInt(600));
      }
    }
    stop(kill);
    stop.set(true);
    for (Thread w : writers) {
      w.join(30_000);
    }
  }

  private void write(String me, String token, Commands commands, List<String> people, AtomicBoolean stop,
                     AtomicInteger acks, List<Acked> acked, List<Unknown> unknown) {
    while (!stop.get()) {
      JsonObject c = me.equals(facilitatorId) ? commands.facilitator(me, people) : commands.participant(me);
      long after = maxSeq.get();
      synchronized (this) {
        commandsSent++;
      }
      try {
        if (c.getString("op").equals("join")) {
          JsonObject joined = api.join(joinCode, "Uusi " + commandsSent);
          c.put("participantId", joined.getString("participantId"));
          acked.add(new Acked(c, me, joined, null, after + 0.5));
          commands.acknowledged(me, c, joined);
          acks.incrementAndGet();
          continue;
        }
        Api.Reply r = api.command(workshopId, token, c);
        if (r.status() == 200) {
          long seq = r.body().getLong("seq");
          maxSeq.accumulateAndGet(seq, Math::max);
          JsonObject learned = c.getString("op").equals("journey.create") ? journey(r.body().getString("journeyId"))
              : null;
          acked.add(new Acked(c, me, r.body(), learned, seq));
          commands.acknowledged(me, c, r.body());
          acks.incrementAndGet();
        } else if (r.status() >= 500) {
          unknown.add(new Unknown(c, me, after));
        }
      } catch (Exception | AssertionError serverGone) {
        unknown.add(new Unknown(c, me, after));
        return;
      }
    }
  }

  /** A new journey map's stage and lane ids, read back right after it was acknowledged; null if the crash came first. */
  private JsonObject journey(String journeyId) {
    try {
      JsonObject snapshot = api.get("/api/workshops/" + workshopId, members.get(facilitatorId)).body();
      for (Object j : snapshot.getJsonArray("journeys")) {
        if (((JsonObject) j).getString("id").equals(journeyId)) {
          known.learnJourney((JsonObject) j);
          return (JsonObject) j;
        }
      }
    } catch (Exception crashed) {
      return null;
    }
    return null;
  }

  /**
   * The model: the board as observed before the round, then the acknowledged commands in the board's order; each
   * unanswered one may come before any acknowledged one that could still overtake it, or at the end, or never.
   */
  private BoardModel check(BoardModel before, Map<String, Object> after, JsonObject snapshot, List<Acked> acked,
                           List<Unknown> unknown, String where) {
    BoardModel model = before;
    List<Acked> ordered = new ArrayList<>(acked);
    ordered.sort(Comparator.comparingDouble(Acked::order));
    List<Unknown> joins = new ArrayList<>();
    List<Unknown> rest = new ArrayList<>();
    Unmade unmade = new Unmade(before, after, snapshot, acked);
    for (Unknown u : unknown) {
      if (u.command().getString("op").equals("join")) {
        joins.add(u);
      } else {
        Unknown resolved = unmade.resolve(u);
        if (resolved != null) {
          rest.add(resolved);
        }
      }
    }
    for (Acked a : ordered) {
      for (Unknown u : rest) {
        if (u.after() < a.order()) {
          applyMaybe(model, u);
        }
      }
      model.apply(a.command(), a.actor(), a.reply(), a.learned(), false);
    }
    rest.forEach(u -> applyMaybe(model, u));
    // A join whose answer was lost may have made a participant whose id nobody learned.
    int unknownJoins = joins.size();
    for (String key : after.keySet()) {
      if (unknownJoins > 0 && key.startsWith("participant:") && !key.contains(".")
          && model.allowed(key).equals(java.util.Set.of(Boolean.FALSE))) {
        model.apply(new JsonObject().put("op", "join").put("participantId", key.substring("participant:".length())),
            facilitatorId, new JsonObject(), null, true);
        unknownJoins--;
      }
    }
    List<String> wrong = model.mismatches(after);
    if (!wrong.isEmpty()) {
      fail(wrong.size() + " facts differ from the acknowledged commands (" + where + "):\n  "
          + String.join("\n  ", wrong.subList(0, Math.min(30, wrong.size()))));
    }
    return model;
  }

  private static void applyMaybe(BoardModel model, Unknown u) {
    model.apply(u.command(), u.actor(), u.command().getJsonObject("_reply", new JsonObject()),
        u.command().getJsonObject("_learned"), true);
  }

  /**
   * Ids the server makes (phases, votes, journey maps and their stages and lanes, outcomes) of commands whose answer
   * was lost: what the board shows now and nobody was told of. A command with none to take made nothing.
   */
  private static final class Unmade {
    private final Map<String, List<String>> free = new java.util.HashMap<>();
    private final JsonObject snapshot;

    Unmade(BoardModel before, Map<String, Object> after, JsonObject snapshot, List<Acked> acked) {
      this.snapshot = snapshot;
      java.util.Set<String> told = new java.util.HashSet<>();
      for (Acked a : acked) {
        for (String f : List.of("phaseId", "voteId", "outcomeId", "journeyId", "stageId", "laneId")) {
          if (a.reply().getString(f) != null) {
            told.add(a.reply().getString(f));
          }
        }
        if (a.learned() != null) {
          a.learned().getJsonArray("stages").forEach(x -> told.add(((JsonObject) x).getString("id")));
          a.learned().getJsonArray("lanes").forEach(x -> told.add(((JsonObject) x).getString("id")));
        }
      }
      for (String key : after.keySet()) {
        for (String type : List.of("phase", "vote", "outcome", "journey")) {
          if (key.startsWith(type + ":") && !key.contains(".") && !before.keys().contains(key)
              && !told.contains(key.substring(type.length() + 1))) {
            free.computeIfAbsent(type, k -> new ArrayList<>()).add(key.substring(type.length() + 1));
          }
        }
        for (String part : List.of("stages", "lanes")) {
          if (key.startsWith("journey:") && key.endsWith("." + part)) {
            String journey = key.substring("journey:".length(), key.length() - part.length() - 1);
            java.util.Set<Object> was = before.allowed(key);
            for (Object id : (List<?>) after.get(key)) {
              if (was.stream().noneMatch(w -> w instanceof List<?> l && l.contains(id))
                  && !told.contains((String) id)) {
                free.computeIfAbsent(journey + "/" + part, k -> new ArrayList<>()).add((String) id);
              }
            }
          }
        }
      }
    }

    /** The command with the reply the server would have given, or null if it made nothing. */
    Unknown resolve(Unknown u) {
      JsonObject c = u.command();
      String op = c.getString("op");
      String[] made = switch (op) {
        case "phase.add" -> new String[] {"phase", "phaseId"};
        case "vote.open" -> new String[] {"vote", "voteId"};
        case "outcome.create" -> new String[] {"outcome", "outcomeId"};
        case "journey.create" -> new String[] {"journey", "journeyId"};
        case "journey.stage.add" -> new String[] {c.getString("journeyId") + "/stages", "stageId"};
        case "journey.lane.add" -> new String[] {c.getString("journeyId") + "/lanes", "laneId"};
        default -> null;
      };
      if (made == null || c.containsKey("_reply")) {
        return u;
      }
      List<String> ids = free.getOrDefault(made[0], new ArrayList<>());
      if (ids.isEmpty()) {
        return null;
      }
      String id = ids.remove(0);
      JsonObject resolved = c.copy().put("_reply", new JsonObject().put(made[1], id));
      if (op.equals("journey.create")) {
        snapshot.getJsonArray("journeys").stream().map(JsonObject.class::cast)
            .filter(j -> j.getString("id").equals(id)).findFirst().ifPresent(j -> resolved.put("_learned", j));
      }
      return new Unknown(resolved, u.actor(), u.after());
    }
  }

  private Map<String, JsonObject> snapshots() throws Exception {
    Map<String, JsonObject> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> m : members.entrySet()) {
      Api.Reply r = api.get("/api/workshops/" + workshopId, m.getValue());
      if (r.status() != 200) {
        throw new AssertionError("snapshot for " + m.getKey() + ": " + r + " (seed " + SEED + ")");
      }
      out.put(m.getKey(), r.body());
    }
    return out;
  }

  private void start() throws Exception {
    server = ServerProcess.start(dataDir, port, ENV);
    ServerProcess.awaitHealthy(api);
    restarts++;
  }

  private void stop(boolean kill) throws Exception {
    if (kill) {
      server.destroyForcibly();
    } else {
      server.destroy();
    }
    if (!server.waitFor(60, TimeUnit.SECONDS)) {
      server.destroyForcibly();
      fail("the server did not stop within 60 s after " + (kill ? "SIGKILL" : "SIGTERM") + " (seed " + SEED + ")");
    }
  }
}
