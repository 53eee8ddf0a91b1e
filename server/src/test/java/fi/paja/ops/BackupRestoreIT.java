package fi.paja.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import fi.paja.support.Await;
import fi.paja.support.ServerProcess;
import fi.paja.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup FILE} of a running Paja while four members write notes as fast as they can, {@code restore FILE}
 * into a fresh data directory, and the restored server: every note acknowledged before the backup began is there for
 * every member, nothing is there that nobody sent, and the op log replays with consecutive seqs. Restore is refused
 * while a Paja runs on the data directory, and for a truncated or damaged backup, changing nothing.
 */
@ExtendWith(VertxExtension.class)
class BackupRestoreIT {

  private static final int NOTES_PER_WRITER = 150;

  @TempDir
  Path tmp;
  private Vertx vertx;
  private final List<Process> servers = new ArrayList<>();

  @BeforeEach
  void vertx(Vertx vertx) {
    this.vertx = vertx;
  }

  @AfterEach
  void stop() throws Exception {
    for (Process p : servers) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  record Result(int status, String output) {
  }

  /** Runs {@code java -jar paja-server.jar args…} with the server's environment for {@code dataDir}. */
  private Result command(Path dataDir, int port, String... args) throws Exception {
    ServerProcess.Finished done = ServerProcess.run(dataDir, port, args);
    return new Result(done.status(), done.output());
  }

  /** The same command in this JVM (another process than the server's, as the operator's would be): faster. */
  private Result inProcess(Path dataDir, int port, String... args) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.PrintStream print = new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8);
    int status = new BackupCommand(Map.of("PAJA_DATA_DIR", dataDir.toString(), "PAJA_HTTP_PORT",
        String.valueOf(port), "PAJA_HTTP_HOST", "127.0.0.1", "PAJA_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD),
        print, print).execute(List.of(args));
    return new Result(status, bytes.toString(StandardCharsets.UTF_8));
  }

  private Process server(Path dataDir, int port) throws Exception {
    Process p = ServerProcess.start(dataDir, port, Map.of("PAJA_RATE_LIMITS", "off"),
        tmp.resolve("server-" + dataDir.getFileName() + "-" + System.nanoTime() + ".log"));
    servers.add(p);
    return p;
  }

  @Test
  void aBackupTakenDuringWritesRestoresEverythingAcknowledgedBeforeIt() throws Exception {
    Path dataA = tmp.resolve("a");
    Path dataB = tmp.resolve("b");
    Path backup = tmp.resolve("backups").resolve("paja-backup.zip");
    int portA = ServerProcess.freePort();
    Process a = server(dataA, portA);
    Api apiA = new Api(vertx, portA);
    ServerProcess.awaitHealthy(apiA);
    String admin = apiA.login();
    JsonObject workshop = apiA.createWorkshop(admin, "Varmuuskopio");
    String id = workshop.getString("id");
    Map<String, String> tokens = new HashMap<>();
    tokens.put("facilitator", admin);
    for (String name : List.of("Aino", "Bertil", "Chen")) {
      tokens.put(name, apiA.join(workshop.getString("joinCode"), name).getString("token"));
    }

    // Four writers, each as fast as its acknowledgements come back.
    Set<String> sent = ConcurrentHashMap.newKeySet();
    Set<String> acked = ConcurrentHashMap.newKeySet();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger ackedDuringBackup = new AtomicInteger();
    AtomicBoolean backupRunning = new AtomicBoolean();
    List<Thread> writers = new ArrayList<>();
    for (String who : tokens.keySet()) {
      Thread t = new Thread(() -> {
        for (int n = 0; n < NOTES_PER_WRITER && !stop.get(); n++) {
          String text = who + " " + n;
          sent.add(text);
          try {
            Api.Reply r = apiA.command(id, tokens.get(who), Api.addNote(text, n * 10 % 2000, who.length() * 100));
            if (r.status() == 200) {
              acked.add(text);
              if (backupRunning.get()) {
                ackedDuringBackup.incrementAndGet();
              }
            }
          } catch (Exception e) {
            return;
          }
        }
      }, "writer-" + who);
      t.start();
      writers.add(t);
    }
    Await.within(Duration.ofSeconds(30), () -> acked.size() >= 100);
    Set<String> ackedBefore = new HashSet<>(acked);
    backupRunning.set(true);
    Result made = command(dataA, portA, "backup", backup.toString());
    backupRunning.set(false);
    assertEquals(0, made.status(), made.output());
    assertTrue(made.output().contains("Backup of the running Paja written to"), made.output());
    stop.set(true);
    for (Thread t : writers) {
      t.join(30_000);
    }
    System.out.printf("%d notes acknowledged before the backup, %d while it was made, %d in all%n",
        ackedBefore.size(), ackedDuringBackup.get(), acked.size());
    assertTrue(ackedBefore.size() >= 100, "writes before the backup");
    try (Stream<Path> left = Files.list(dataA.resolve(".paja-backups"))) {
      assertEquals(0, left.count(), "the server keeps no copy of the backup");
    }

    // Refused while the server runs on that data directory; nothing changed.
    Result refused = inProcess(dataA, portA, "restore", backup.toString());
    assertEquals(1, refused.status(), refused.output());
    assertTrue(refused.output().contains("Paja is running with its data in"), refused.output());
    assertTrue(refused.output().contains("Nothing was changed"), refused.output());
    assertEquals(List.of("paja.mv"), storeFiles(dataA));
    assertEquals(200, apiA.get("/health", null).status());
    a.destroy();
    assertTrue(a.waitFor(30, TimeUnit.SECONDS));

    Result restored = inProcess(dataB, portA, "restore", backup.toString());
    assertEquals(0, restored.status(), restored.output());
    assertTrue(restored.output().contains("Start Paja to use it"), restored.output());

    int portB = ServerProcess.freePort();
    server(dataB, portB);
    Api apiB = new Api(vertx, portB);
    ServerProcess.awaitHealthy(apiB);
    Set<String> firstSeen = null;
    for (Map.Entry<String, String> member : tokens.entrySet()) {
      JsonObject snapshot = snapshot(apiB, id, member.getValue());
      Set<String> texts = new HashSet<>();
      for (Object o : snapshot.getJsonArray("notes")) {
        texts.add(((JsonObject) o).getString("text"));
      }
      Set<String> missing = new HashSet<>(ackedBefore);
      missing.removeAll(texts);
      assertEquals(Set.of(), missing, member.getKey() + ": acknowledged before the backup, missing after restore");
      assertTrue(sent.containsAll(texts), member.getKey() + ": a note nobody sent");
      if (firstSeen == null) {
        firstSeen = texts;
      } else {
        assertEquals(firstSeen, texts, member.getKey() + " sees the same board");
      }
      // The op log replays: consecutive seqs up to the snapshot's, and a note.added for every note.
      Api.Reply events = apiB.get("/api/workshops/" + id + "/events?after=0", member.getValue());
      assertEquals(200, events.status(), events.body().encode());
      JsonArray list = events.body().getJsonArray("events");
      Set<String> added = new HashSet<>();
      for (int k = 0; k < list.size(); k++) {
        JsonObject e = list.getJsonObject(k);
        assertEquals(k + 1, e.getLong("seq").intValue(), "seq of event " + k);
        if ("note.added".equals(e.getString("type"))) {
          added.add(e.getJsonObject("note").getString("text"));
        }
      }
      assertEquals(snapshot.getLong("seq"), events.body().getLong("seq"));
      assertEquals(list.size(), snapshot.getLong("seq").intValue());
      assertEquals(texts, added, member.getKey() + ": notes and the op log agree");
    }
    assertTrue(firstSeen.size() >= ackedBefore.size());
    // The restored board goes on.
    Api.Reply more = apiB.command(id, tokens.get("Aino"), Api.addNote("after restore", 5, 5));
    assertEquals(200, more.status(), more.body().encode());
  }

  @Test
  void aTruncatedOrDamagedBackupIsRefusedAndChangesNothing() throws Exception {
    Path dataA = tmp.resolve("a");
    Path backup = tmp.resolve("paja-backup.zip");
    int port = ServerProcess.freePort();
    Process a = server(dataA, port);
    Api api = new Api(vertx, port);
    ServerProcess.awaitHealthy(api);
    String admin = api.login();
    JsonObject workshop = api.createWorkshop(admin, "Ehjä");
    api.commandOk(workshop.getString("id"), admin, Api.addNote("tallessa", 1, 1));
    a.destroy();
    assertTrue(a.waitFor(30, TimeUnit.SECONDS));
    // With no Paja running, the file is copied directly.
    Result made = inProcess(dataA, port, "backup", backup.toString());
    assertEquals(0, made.status(), made.output());
    assertTrue(made.output().contains("no Paja running"), made.output());

    byte[] whole = Files.readAllBytes(backup);
    String before = sha256(dataA.resolve("paja.mv"));
    Path truncated = tmp.resolve("truncated.zip");
    Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
    Result r1 = inProcess(dataA, port, "restore", truncated.toString());
    assertEquals(1, r1.status(), r1.output());
    assertTrue(r1.output().contains("is not a complete Paja backup"), r1.output());
    assertTrue(r1.output().contains("Nothing was changed"), r1.output());

    byte[] damaged = whole.clone();
    int middle = damaged.length / 2;
    for (int k = middle; k < middle + 64; k++) {
      damaged[k] ^= 0x5a;
    }
    Path damagedFile = tmp.resolve("damaged.zip");
    Files.write(damagedFile, damaged);
    Result r2 = inProcess(dataA, port, "restore", damagedFile.toString());
    assertEquals(1, r2.status(), r2.output());
    assertTrue(r2.output().contains("damaged") || r2.output().contains("not a complete"), r2.output());

    Path notABackup = tmp.resolve("notes.txt");
    Files.writeString(notABackup, "hello");
    Result r3 = inProcess(dataA, port, "restore", notABackup.toString());
    assertEquals(1, r3.status(), r3.output());

    assertEquals(before, sha256(dataA.resolve("paja.mv")), "the database file is untouched");
    assertEquals(List.of("paja.mv"), storeFiles(dataA), "nothing left in the data directory");

    // And the good one restores over it, keeping the old file aside.
    Result ok = inProcess(dataA, port, "restore", backup.toString());
    assertEquals(0, ok.status(), ok.output());
    assertTrue(ok.output().contains("kept as"), ok.output());
    assertEquals(2, storeFiles(dataA).size(), storeFiles(dataA).toString());
  }

  private static List<String> storeFiles(Path dataDir) throws Exception {
    try (Stream<Path> files = Files.list(dataDir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".mv")).sorted().toList();
    }
  }

  /** The snapshot; a board whose lease the backed-up server held is free within the lease's 10 s. */
  private static JsonObject snapshot(Api api, String id, String token) throws Exception {
    return Await.until("the restored board's snapshot", Duration.ofSeconds(30), () -> {
      Api.Reply r = api.get("/api/workshops/" + id, token);
      assertTrue(r.status() == 200 || r.status() == 503, r.body().encode());
      return r;
    }, r -> r.status() == 200).body();
  }

  private static String sha256(Path file) throws Exception {
    return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
