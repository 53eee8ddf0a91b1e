package fi.paja.web;

import static fi.paja.support.Api.addNote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import fi.paja.support.Await;
import fi.paja.support.ServerTestBase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One participant loading the snapshot of a very large board in a loop must not slow the other boards of the node:
 * snapshots are built cheaply, off the boards' shared context, and reused per seq and kind of viewer.
 */
class SnapshotLoadIT extends ServerTestBase {

  static final int NOTES = 7_000;

  private static long percentile(List<Long> values, double p) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
  }

  private static String summary(List<Long> ms) {
    return "p50 " + percentile(ms, 0.5) + " ms, p95 " + percentile(ms, 0.95) + " ms, max " + percentile(ms, 1.0)
        + " ms";
  }

  private List<Long> latencies(String workshopId, String token, int count) throws Exception {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long t0 = System.nanoTime();
      Api.Reply r = api.command(workshopId, token, addNote("toinen taulu " + i, i, 0));
      out.add((System.nanoTime() - t0) / 1_000_000);
      assertEquals(200, r.status(), r.body().encode());
      Thread.sleep(50); // time passes on purpose: samples spread over the load, not one burst
    }
    return out;
  }

  @Test
  void snapshotLoopsOnAHugeBoardDoNotSlowAnotherBoard() throws Exception {
    String facilitator = api.login();
    // A board of 7,000 full-length notes (about 14 MB of JSON), made by import.
    JsonArray notes = new JsonArray();
    String text = "x".repeat(1_990);
    for (int i = 0; i < NOTES; i++) {
      notes.add(new JsonObject().put("id", String.format("note-%05d", i)).put("text", String.format("%08d ", i) + text)
          .put("x", i % 100 * 10).put("y", i / 100 * 10).put("color", "yellow"));
    }
    JsonObject export = new JsonObject().put("format", "paja-workshop").put("version", 1)
        .put("workshop", new JsonObject().put("title", "Valtava")).put("notes", notes);
    Api.Reply imported = api.post("/api/workshops/import", facilitator, export);
    assertEquals(201, imported.status(), imported.body().encode());
    JsonObject big = imported.body();
    JsonObject looper = api.join(big.getString("joinCode"), "Silmukka");
    String bigPath = "/api/workshops/" + big.getString("id");
    assertEquals(NOTES, api.get(bigPath, looper.getString("token")).body().getJsonArray("notes").size());

    JsonObject small = api.createWorkshop(facilitator, "Pieni");
    JsonObject bertil = api.join(small.getString("joinCode"), "Bertil");
    List<Long> quiet = latencies(small.getString("id"), bertil.getString("token"), 20);

    WebClient raw = WebClient.create(vertx, new WebClientOptions(),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(8));
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger snapshots = new AtomicInteger();
    List<Future<Void>> loops = new ArrayList<>();
    for (int l = 0; l < 3; l++) {
      Promise<Void> done = Promise.promise();
      loops.add(done.future());
      Runnable[] next = new Runnable[1];
      next[0] = () -> {
        if (stop.get()) {
          done.tryComplete();
          return;
        }
        raw.get(server.port(), "127.0.0.1", bigPath).putHeader("Authorization", "Bearer " + looper.getString("token"))
            .putHeader("Accept-Encoding", "gzip").send().onComplete(ar -> {
              if (ar.succeeded() && ar.result().statusCode() == 200) {
                snapshots.incrementAndGet();
              }
              next[0].run();
            });
      };
      vertx.runOnContext(v -> next[0].run());
    }
    List<Long> loaded;
    try {
      Await.until("the big board's snapshots to be loading", Duration.ofSeconds(10), () -> snapshots.get() >= 3);
      loaded = latencies(small.getString("id"), bertil.getString("token"), 40);
    } finally {
      stop.set(true);
      fi.paja.support.TestServer.await(Future.join(loops));
    }
    // Gzipped once (off the event loop), and whole.
    io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> zipped = fi.paja.support.TestServer.await(
        raw.get(server.port(), "127.0.0.1", bigPath).putHeader("Authorization", "Bearer " + looper.getString("token"))
            .putHeader("Accept-Encoding", "gzip").send());
    raw.close();
    assertEquals("gzip", zipped.getHeader("Content-Encoding"));
    try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
        new java.io.ByteArrayInputStream(zipped.body().getBytes()))) {
      JsonObject snapshot = new JsonObject(io.vertx.core.buffer.Buffer.buffer(in.readAllBytes()));
      assertEquals(NOTES, snapshot.getJsonArray("notes").size());
      assertEquals(looper.getString("participantId"), snapshot.getJsonObject("you").getString("participantId"));
    }
    // A change is in the next snapshot (the encoded notes are per seq).
    api.commandOk(big.getString("id"), looper.getString("token"), addNote("uusi", 0, 0));
    assertEquals(NOTES + 1, api.get(bigPath, looper.getString("token")).body().getJsonArray("notes").size());
    System.out.printf("SnapshotLoadIT: another board's commands, quiet: %s; while one participant loads a %d-note "
        + "snapshot in 3 loops (%d snapshots): %s%n", summary(quiet), NOTES, snapshots.get(), summary(loaded));
    assertTrue(snapshots.get() >= 3, "the loops ran");
    assertTrue(percentile(loaded, 0.5) < 100, "median command latency on another board: " + summary(loaded));
  }
}
