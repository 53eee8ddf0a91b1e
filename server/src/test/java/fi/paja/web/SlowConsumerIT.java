package fi.paja.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import fi.paja.support.RawBridge;
import fi.paja.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A participant whose browser stops reading must not slow the others down or make the server hold its backlog. */
@ExtendWith(VertxExtension.class)
class SlowConsumerIT {

  /** Over the raw WebSocket and over SockJS's WebSocket transport (the browser's), which has its own write path. */
  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"raw WebSocket", "SockJS WebSocket"})
  void aSocketThatStopsReadingIsCutLooseWhileOthersKeepUp(String transport, Vertx vertx) throws Exception {
    // 8 MB of notes from 25 writers, over the per-person text quota of a real workshop.
    try (TestServer server = TestServer.start(vertx, java.util.Map.of("PAJA_MAX_TEXT_PER_PARTICIPANT", "1000000"))) {
      Api api = new Api(vertx, server.port());
      JsonObject workshop = api.createWorkshop(api.login(), "Hidas lukija");
      String id = workshop.getString("id");
      String events = "workshop." + id + ".events";
      JsonObject fastOne = api.join(workshop.getString("joinCode"), "Nopea");
      JsonObject slowOne = api.join(workshop.getString("joinCode"), "Hidas");
      List<String> writers = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        writers.add(api.join(workshop.getString("joinCode"), "Kirjoittaja " + i).getString("token"));
      }
      boolean raw = transport.startsWith("raw");
      try (RawBridge fast = raw ? RawBridge.connect(vertx, server.port())
          : RawBridge.connectSockJsWebSocket(vertx, server.port());
          RawBridge slow = raw ? RawBridge.connect(vertx, server.port())
              : RawBridge.connectSockJsWebSocket(vertx, server.port())) {
        for (RawBridge socket : List.of(fast, slow)) {
          JsonObject who = socket == fast ? fastOne : slowOne;
          socket.register("workshop." + id + ".presence", who.getString("token"));
          socket.register(events, who.getString("token"));
          socket.awaitOnline(id, who.getString("participantId"), 10_000);
        }
        slow.pauseReading();
        long firstSeq = api.get("/api/workshops/" + id, fastOne.getString("token")).body().getLong("seq") + 1;

        String text = "ö".repeat(1_990);
        // One thread a writer: each is held to its rate limit (20 commands a second), so writers that wait for a
        // free thread add their limits' waits one after another instead of side by side.
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        List<Future<?>> done = new ArrayList<>();
        int each = 160;
        for (String token : writers) {
          done.add(pool.submit(() -> {
            for (int i = 0; i < each; i++) {
              api.commandOk(id, token, Api.addNote(text, i, 0));
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
        pool.shutdown();
        long lastAcked = System.currentTimeMillis();
        int total = writers.size() * each;

        // The reader that keeps reading gets every event, in order, promptly.
        List<JsonObject> received = fast.events(events, total, 30_000);
        long caughtUp = System.currentTimeMillis() - lastAcked;
        for (int i = 0; i < total; i++) {
          assertEquals(firstSeq + i, received.get(i).getLong("seq"));
        }
        assertTrue(caughtUp < 3_000, "the fast reader lagged " + caughtUp + " ms behind the last acknowledgement");

        // Nothing more was queued for the one that stopped reading once its write queue was full: its backlog is
        // bounded by that queue, not by the number of events. (It will see a gap in seq and catch up, or be closed.)
        String metrics = metrics(vertx, server.port());
        assertTrue(metrics.contains("paja_errors_total{code=\"slow_consumer_dropped\"}"), "nothing was dropped");
      }
    }
  }

  private static String metrics(Vertx vertx, int port) throws Exception {
    return TestServer.await(io.vertx.ext.web.client.WebClient.create(vertx).get(port, "127.0.0.1", "/metrics").send())
        .bodyAsString();
  }
}
