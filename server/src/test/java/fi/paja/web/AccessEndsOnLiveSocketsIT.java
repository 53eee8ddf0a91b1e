package fi.paja.web;

import static fi.paja.support.Api.addNote;
import static fi.paja.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.auth.Tokens;
import fi.paja.support.Api;
import fi.paja.support.Await;
import fi.paja.support.RawBridge;
import fi.paja.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * When someone's access ends or changes — removal, a role change, logout, an expired token — it takes effect on every
 * live socket of theirs at once: events and presence stop, and the socket is closed with a code that says why, also
 * when that socket is not reading and its write queue is full (docs/PROTOCOL.md, close codes).
 */
@ExtendWith(VertxExtension.class)
class AccessEndsOnLiveSocketsIT {

  private static final long CLOSE_WITHIN_MS = 15_000;

  private static RawBridge connect(Vertx vertx, int port, String transport) throws Exception {
    return transport.startsWith("raw") ? RawBridge.connect(vertx, port) : RawBridge.connectSockJsWebSocket(vertx, port);
  }

  /**
   * Registers on the board's events and presence and waits for the first presence message: frames are handled in
   * order, so the events registration is in place by then.
   */
  private static void listen(RawBridge socket, String workshopId, String token) throws Exception {
    String presence = "workshop." + workshopId + ".presence";
    socket.register("workshop." + workshopId + ".events", token);
    socket.register(presence, token);
    socket.awaitFrame(f -> presence.equals(f.getString("address")), 5_000);
  }

  /**
   * A removed participant, or a cofacilitator put back to participant, whose socket had stopped reading when it
   * happened: once it reads again it gets nothing that happened after (not a new note, not a private note, not
   * presence), and it is closed with {@code 4403 removed} or {@code 4409 role_changed}. Before, the removal event
   * was dropped with the rest of the full queue, so the socket was never closed and, once it read again, it received
   * every new note — as a demoted cofacilitator, still filtered as a facilitator.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"removed, raw WebSocket", "removed, SockJS WebSocket", "demoted, raw WebSocket",
      "demoted, SockJS WebSocket"})
  void accessThatEndsWhileTheSocketIsNotReadingEndsOnThatSocket(String scenario, Vertx vertx) throws Exception {
    boolean removal = scenario.startsWith("removed");
    String transport = scenario.substring(scenario.indexOf(", ") + 2);
    // One writer fills the socket's queue with megabytes of notes: over the per-person text quota of a workshop.
    try (TestServer server = TestServer.start(vertx, Map.of("PAJA_RATE_LIMITS", "off",
        "PAJA_MAX_TEXT_PER_PARTICIPANT", "100000000", "PAJA_MAX_NOTES_PER_PARTICIPANT", "20000"))) {
      Api api = new Api(vertx, server.port());
      String facilitator = api.login();
      JsonObject workshop = api.createWorkshop(facilitator, "Poistaminen");
      String id = workshop.getString("id");
      String events = "workshop." + id + ".events";
      String presence = "workshop." + id + ".presence";
      JsonObject leaving = api.join(workshop.getString("joinCode"), "Lähtevä");
      JsonObject writer = api.join(workshop.getString("joinCode"), "Kirjoittaja");
      String leavingId = leaving.getString("participantId");
      if (!removal) {
        api.commandOk(id, facilitator, role(leavingId, "cofacilitator"));
        api.commandOk(id, facilitator, new JsonObject().put("op", "settings.update").put("privateMode", true)
            .put("facilitatorsSeePrivate", true));
      }
      try (RawBridge socket = connect(vertx, server.port(), transport)) {
        listen(socket, id, leaving.getString("token"));
        socket.pauseReading();
        fillUntilFull(api, server, id, writer.getString("token"));

        long endedAt = api.command(id, facilitator, removal
            ? new JsonObject().put("op", "participant.remove").put("participantId", leavingId)
            : role(leavingId, "participant")).body().getLong("seq");
        // The change happened while the socket was not reading; now it reads again. Time passes on purpose: the
        // point is that the server handles the change while the socket still does not read.
        Thread.sleep(300);
        socket.resumeReading();
        // After the change: a new note (private while private mode is on) and a raised hand (presence).
        api.commandOk(id, writer.getString("token"), addNote("Kirjoitettu jälkeenpäin", 0, 0));
        api.commandOk(id, writer.getString("token"), new JsonObject().put("op", "presence.hand").put("raised", true));

        boolean closed = socket.closesWithin(CLOSE_WITHIN_MS);
        List<JsonObject> received = socket.received();
        for (JsonObject frame : received) {
          JsonObject body = frame.getJsonObject("body");
          if (events.equals(frame.getString("address"))) {
            assertTrue(body.getLong("seq") <= endedAt,
                "received an event from after the change: " + body.getString("type")
                    + " " + body.getLong("seq") + " > " + endedAt);
          }
          if (presence.equals(frame.getString("address"))) {
            assertFalse(body.getJsonArray("hands").contains(writer.getString("participantId")),
                "received presence from after the change");
          }
        }
        assertFalse(received.toString().contains("Kirjoitettu jälkeenpäin"));
        assertTrue(closed, "the socket is still open");
        assertEquals(removal ? 4403 : 4409, socket.closeCode(), "close code");
      }
    }
  }

  /** Every socket of a member who logs out closes with {@code 4401}; others' sockets stay and keep receiving. */
  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"raw WebSocket", "SockJS WebSocket"})
  void logoutClosesEverySocketThatRegisteredWithThatToken(String transport, Vertx vertx) throws Exception {
    try (TestServer server = TestServer.start(vertx)) {
      Api api = new Api(vertx, server.port());
      String facilitator = api.login();
      JsonObject workshop = api.createWorkshop(facilitator, "Uloskirjautuminen");
      String id = workshop.getString("id");
      String events = "workshop." + id + ".events";
      String presence = "workshop." + id + ".presence";
      JsonObject aino = api.join(workshop.getString("joinCode"), "Aino");
      try (RawBridge facilitatorTab = connect(vertx, server.port(), transport);
          RawBridge facilitatorOtherTab = connect(vertx, server.port(), transport);
          RawBridge ainoSocket = connect(vertx, server.port(), transport)) {
        listen(facilitatorTab, id, facilitator);
        facilitatorOtherTab.register(presence, facilitator);
        facilitatorOtherTab.awaitFrame(f -> presence.equals(f.getString("address")), 5_000);
        listen(ainoSocket, id, aino.getString("token"));

        assertEquals(204, api.post("/api/logout", facilitator, new JsonObject()).status());
        facilitatorTab.awaitClosed(5_000);
        facilitatorOtherTab.awaitClosed(5_000);
        assertEquals(4401, facilitatorTab.closeCode());
        assertEquals(4401, facilitatorOtherTab.closeCode());

        long seq = api.command(id, aino.getString("token"), addNote("Jatketaan", 0, 0)).body().getLong("seq");
        ainoSocket.awaitFrame(f -> events.equals(f.getString("address"))
            && f.getJsonObject("body").getLong("seq") == seq, 5_000);
        assertFalse(ainoSocket.isClosed());

        assertEquals(204, api.post("/api/logout", aino.getString("token"), new JsonObject()).status());
        ainoSocket.awaitClosed(5_000);
        assertEquals(4401, ainoSocket.closeCode());
      }
    }
  }

  /** A role change closes the member's sockets with {@code 4409}; registering again works, as the new role. */
  @Test
  void aRoleChangeReachesLiveSocketsAndTheMemberComesBackAsTheNewRole(Vertx vertx) throws Exception {
    try (TestServer server = TestServer.start(vertx)) {
      Api api = new Api(vertx, server.port());
      String facilitator = api.login();
      JsonObject workshop = api.createWorkshop(facilitator, "Roolit");
      String id = workshop.getString("id");
      String events = "workshop." + id + ".events";
      String commands = "workshop." + id + ".cmd";
      JsonObject olli = api.join(workshop.getString("joinCode"), "Olli");
      String token = olli.getString("token");
      try (RawBridge tab = RawBridge.connect(vertx, server.port());
          RawBridge otherTab = RawBridge.connectSockJsWebSocket(vertx, server.port())) {
        listen(tab, id, token);
        listen(otherTab, id, token);
        assertEquals("rec", tab.request(commands, addNote("Osallistujana", 0, 0), token).getString("type"));

        api.commandOk(id, facilitator, role(olli.getString("participantId"), "observer"));
        tab.awaitClosed(5_000);
        otherTab.awaitClosed(5_000);
        assertEquals(4409, tab.closeCode());
        assertEquals(4409, otherTab.closeCode());
      }
      // As a browser does on 4409: connect again with the same token.
      try (RawBridge again = RawBridge.connect(vertx, server.port())) {
        listen(again, id, token);
        long seq = api.command(id, facilitator, addNote("Fasilitaattorilta", 0, 0)).body().getLong("seq");
        again.awaitFrame(f -> events.equals(f.getString("address"))
            && f.getJsonObject("body").getLong("seq") == seq, 5_000);
        JsonObject refused = again.request(commands, addNote("Tarkkailijana", 0, 0), token);
        assertEquals("forbidden", refused.getString("message"));
        assertFalse(again.isClosed());
      }
    }
  }

  /** A socket does not outlive its token: when the token expires the socket closes with {@code 4401}. */
  @Test
  void aSocketClosesWhenItsTokenExpires(Vertx vertx) throws Exception {
    try (TestServer server = TestServer.start(vertx)) {
      Api api = new Api(vertx, server.port());
      String facilitator = api.login();
      JsonObject workshop = api.createWorkshop(facilitator, "Vanheneminen");
      String id = workshop.getString("id");
      String events = "workshop." + id + ".events";
      JsonObject aino = api.join(workshop.getString("joinCode"), "Aino");
      // A token that is about to expire (tokens live 30 days; this one has 3 s left before it is first used).
      long expiresAt = System.currentTimeMillis() + 3_000;
      await(server.storage().mongo().updateCollection("sessions",
          new JsonObject().put("_id", Tokens.hash(aino.getString("token"))),
          new JsonObject().put("$set", new JsonObject().put("expiresAt", expiresAt))));
      try (RawBridge socket = RawBridge.connect(vertx, server.port())) {
        listen(socket, id, aino.getString("token"));
        long seq = api.command(id, facilitator, addNote("Ennen", 0, 0)).body().getLong("seq");
        socket.awaitFrame(f -> events.equals(f.getString("address"))
            && f.getJsonObject("body").getLong("seq") == seq, 5_000);
        assertFalse(socket.isClosed());

        socket.awaitClosed(10_000);
        long closedAt = System.currentTimeMillis();
        assertEquals(4401, socket.closeCode());
        assertTrue(closedAt >= expiresAt, "closed before the token expired");
        assertTrue(closedAt - expiresAt < 3_000, "outlived its token by " + (closedAt - expiresAt) + " ms");
        assertEquals(401, api.get("/api/workshops/" + id, aino.getString("token")).status());
      }
    }
  }

  private static JsonObject role(String participantId, String role) {
    return new JsonObject().put("op", "participant.role").put("participantId", participantId).put("role", role);
  }

  /** Adds big notes until the server starts dropping deliveries to the socket that stopped reading. */
  private static void fillUntilFull(Api api, TestServer server, String id, String token) throws Exception {
    String text = "ö".repeat(1_990);
    AtomicBoolean full = new AtomicBoolean();
    AtomicInteger added = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        writers.add(pool.submit(() -> {
          while (!full.get() && added.get() < 20_000) {
            api.commandOk(id, token, addNote(text, added.incrementAndGet(), 0));
          }
          return null;
        }));
      }
      Await.until("the socket's write queue to fill up, or the writers to give up", Duration.ofSeconds(60),
          () -> dropped(api) > 0 || writers.stream().allMatch(Future::isDone));
      if (dropped(api) == 0) {
        throw new AssertionError("the socket's write queue never filled up (" + added.get() + " notes)");
      }
      full.set(true);
      for (Future<?> f : writers) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static double dropped(Api api) throws Exception {
    Matcher m = Pattern.compile("paja_errors_total\\{code=\"slow_consumer_dropped\"} ([0-9.E]+)")
        .matcher(api.getText("/metrics"));
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
