package fi.paja.storage;

import static fi.paja.support.Api.addNote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import fi.paja.support.Api;
import fi.paja.support.ServerProcess;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The server jar in its own process with its data in a directory a test breaks, one workshop on it, and every note
 * the server acknowledged. Its output goes to a file outside the data directory, which may be full or read-only.
 */
final class FaultyServer implements AutoCloseable {

  /** Commands are paced below the per-member rate limit (20/s), so that every answer is about storage. */
  private static final long PACE_MILLIS = 100;

  private final Vertx vertx;
  private final Path dataDir;
  private final int port;
  private final Path log;
  private final Map<String, String> acknowledged = new LinkedHashMap<>();
  private Process process;
  private Api api;
  private String workshopId;
  private String token;
  private int sent;

  private FaultyServer(Vertx vertx, Path dataDir) throws Exception {
    this.vertx = vertx;
    this.dataDir = dataDir;
    this.port = ServerProcess.freePort();
    this.log = Files.createTempFile("paja-fault", ".log");
  }

  /** Starts the server on {@code dataDir} and creates a workshop with one participant. */
  static FaultyServer start(Vertx vertx, Path dataDir) throws Exception {
    FaultyServer s = new FaultyServer(vertx, dataDir);
    s.launch();
    JsonObject workshop = s.api.createWorkshop(s.api.login(), "Levy täynnä");
    s.workshopId = workshop.getString("id");
    s.token = s.api.join(workshop.getString("joinCode"), "Aino").getString("token");
    return s;
  }

  private void launch() throws Exception {
    process = ServerProcess.start(dataDir, port, Map.of(), log);
    api = new Api(vertx, port);
    ServerProcess.awaitHealthy(api);
  }

  Api api() {
    return api;
  }

  Map<String, String> acknowledged() {
    return acknowledged;
  }

  /** Adds a note; an acknowledged one is remembered. */
  Api.Reply add(String label) throws Exception {
    String text = label + " " + (sent++);
    Api.Reply r = api.command(workshopId, token, addNote(text, sent % 100, 0));
    if (r.status() == 200) {
      acknowledged.put(r.body().getString("noteId"), text);
    }
    return r;
  }

  void acknowledge(int notes, String label) throws Exception {
    for (int i = 0; i < notes; i++) {
      Api.Reply r = add(label);
      assertEquals(200, r.status(), r.body().encode());
      Thread.sleep(PACE_MILLIS);
    }
  }

  /**
   * Sends commands until the server refuses one: the store notices a fault at its next write. Any acknowledged
   * before that was stored (they are checked after the restart).
   */
  Api.Reply untilRefused(String label, long withinMillis) throws Exception {
    long deadline = System.currentTimeMillis() + withinMillis;
    while (System.currentTimeMillis() < deadline) {
      Api.Reply r = add(label);
      if (r.status() != 200) {
        return r;
      }
      Thread.sleep(PACE_MILLIS);
    }
    return fail("no command was refused within " + withinMillis + " ms of the fault");
  }

  /** For {@code millis}: every command is refused with 503 storage_unavailable and /health is 503 DOWN. */
  void expectRefusing(String label, long millis) throws Exception {
    long end = System.currentTimeMillis() + millis;
    int commands = 0;
    while (System.currentTimeMillis() < end) {
      Api.Reply r = add(label);
      assertEquals(503, r.status(), "command during the fault: " + r.body().encode());
      assertEquals("storage_unavailable", r.errorCode());
      if (commands++ % 5 == 0) {
        expectHealthDown();
      }
      Thread.sleep(PACE_MILLIS);
    }
  }

  void expectHealthDown() throws Exception {
    Api.Reply health = api.get("/health", null);
    assertEquals(503, health.status(), "/health during the fault: " + health.body().encode());
    assertEquals("DOWN", health.body().getString("status"));
    assertEquals("DOWN", health.body().getString("storage"));
    assertEquals("embedded", health.body().getString("mode"));
    assertTrue(health.body().containsKey("storageError"), "no reason given: " + health.body().encode());
  }

  /** Polls /health until it is UP again; returns how long that took. */
  long awaitUp(long withinMillis) throws Exception {
    long start = System.currentTimeMillis();
    while (true) {
      Api.Reply health = api.get("/health", null);
      if (health.status() == 200 && "UP".equals(health.body().getString("storage"))) {
        return System.currentTimeMillis() - start;
      }
      if (System.currentTimeMillis() - start > withinMillis) {
        return fail("storage did not come back within " + withinMillis + " ms: " + health.body().encode());
      }
      Thread.sleep(50);
    }
  }

  /** Lines the server has written so far (its log, stack traces included). */
  List<String> logLines() throws Exception {
    return Files.readAllLines(log, StandardCharsets.UTF_8);
  }

  String logText() throws Exception {
    return String.join("\n", logLines());
  }

  /** SIGKILL, then the same jar on the same data directory. */
  void killAndRestart() throws Exception {
    process.destroyForcibly();
    assertTrue(process.waitFor(20, TimeUnit.SECONDS));
    launch();
  }

  /** Every note acknowledged at any time is on the board, with its text. */
  void assertEveryAcknowledgedNoteStored() throws Exception {
    JsonObject snapshot = api.get("/api/workshops/" + workshopId, token).body();
    Map<String, String> stored = new LinkedHashMap<>();
    snapshot.getJsonArray("notes").forEach(n -> stored.put(((JsonObject) n).getString("id"),
        ((JsonObject) n).getString("text")));
    List<String> lost = acknowledged.entrySet().stream()
        .filter(ack -> !ack.getValue().equals(stored.get(ack.getKey()))).map(Map.Entry::getValue).toList();
    assertTrue(lost.isEmpty(), lost.size() + " of " + acknowledged.size() + " acknowledged notes lost: " + lost
        + "; seq " + snapshot.getLong("seq") + ", notes stored: " + stored.values());
  }

  @Override
  public void close() throws Exception {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(20, TimeUnit.SECONDS);
    }
  }

  /** Where the server's output is, for failure messages. */
  Path log() {
    return log;
  }
}
