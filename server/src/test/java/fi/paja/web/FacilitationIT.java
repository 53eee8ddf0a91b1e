package fi.paja.web;

import static fi.paja.support.Api.addNote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import fi.paja.support.Await;
import fi.paja.support.RawBridge;
import fi.paja.support.ServerTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Facilitation over the real bridge with several members: what each socket receives is only what that member
 * may see, and facilitator-only commands are refused for everyone else.
 */
class FacilitationIT extends ServerTestBase {

  private String workshopId;
  private String facilitatorToken;
  private JsonObject aino;
  private JsonObject bertil;
  private JsonObject olli;
  private RawBridge facilitatorSocket;
  private RawBridge ainoSocket;
  private RawBridge bertilSocket;
  private RawBridge olliSocket;
  private final List<RawBridge> sockets = new ArrayList<>();

  @BeforeEach
  void session() throws Exception {
    facilitatorToken = api.facilitator();
    JsonObject workshop = api.createWorkshop(facilitatorToken, "Kehittämispaja");
    workshopId = workshop.getString("id");
    aino = api.join(workshop.getString("joinCode"), "Aino");
    bertil = api.join(workshop.getString("joinCode"), "Bertil");
    olli = api.join(workshop.getString("joinCode"), "Olli");
    facilitate(new JsonObject().put("op", "participant.role").put("participantId", olli.getString("participantId"))
        .put("role", "observer"));
    facilitatorSocket = member(facilitatorToken);
    ainoSocket = member(aino.getString("token"));
    bertilSocket = member(bertil.getString("token"));
    olliSocket = member(olli.getString("token"));
  }

  @AfterEach
  void closeSockets() throws Exception {
    for (RawBridge s : sockets) {
      s.close();
    }
    sockets.clear();
  }

  private String events() {
    return "workshop." + workshopId + ".events";
  }

  private String cmd() {
    return "workshop." + workshopId + ".cmd";
  }

  private RawBridge member(String token) throws Exception {
    RawBridge socket = RawBridge.connect(vertx, server.port());
    sockets.add(socket);
    String presence = "workshop." + workshopId + ".presence";
    socket.register(presence, token);
    socket.register(events(), token);
    socket.awaitFrame(f -> presence.equals(f.getString("address")), 10_000);
    return socket;
  }

  private JsonObject facilitate(JsonObject command) throws Exception {
    Api.Reply reply = api.command(workshopId, facilitatorToken, command);
    assertEquals(200, reply.status(), reply.body().encode());
    return reply.body();
  }

  private JsonObject send(RawBridge socket, String token, JsonObject command) throws Exception {
    return socket.request(cmd(), command, token);
  }

  /** The event with this seq as the socket received it. */
  private static JsonObject eventWithSeq(RawBridge socket, String address, long seq) throws Exception {
    return socket.awaitFrame(f -> "rec".equals(f.getString("type")) && address.equals(f.getString("address"))
        && f.getJsonObject("body").getLong("seq", -1L) == seq, 5_000).getJsonObject("body");
  }

  @Test
  void aPrivateNoteNeverReachesAnotherParticipant() throws Exception {
    facilitate(new JsonObject().put("op", "settings.update").put("privateMode", true));
    JsonObject reply = send(ainoSocket, aino.getString("token"), addNote("Salainen ajatus 4711", 10, 10));
    assertEquals("rec", reply.getString("type"), reply.encode());
    long seq = reply.getJsonObject("body").getLong("seq");
    String noteId = reply.getJsonObject("body").getString("noteId");

    JsonObject seenByBertil = eventWithSeq(bertilSocket, events(), seq);
    assertEquals("noop", seenByBertil.getString("type"));
    assertFalse(seenByBertil.encode().contains("4711"));
    assertFalse(seenByBertil.encode().contains(noteId));
    JsonObject seenByAino = eventWithSeq(ainoSocket, events(), seq);
    assertEquals("note.added", seenByAino.getString("type"));
    assertTrue(seenByAino.getJsonObject("note").getBoolean("hidden"));
    assertEquals("note.added", eventWithSeq(facilitatorSocket, events(), seq).getString("type"));

    String bertilToken = bertil.getString("token");
    assertFalse(api.get("/api/workshops/" + workshopId, bertilToken).body().encode().contains("4711"));
    assertFalse(api.get("/api/workshops/" + workshopId + "/events?after=0", bertilToken).body().encode()
        .contains("4711"));
    assertEquals("note_not_found", send(bertilSocket, bertilToken,
        new JsonObject().put("op", "note.delete").put("id", noteId)).getString("message"));

    long revealSeq = facilitate(new JsonObject().put("op", "notes.reveal")).getLong("seq");
    JsonObject revealed = eventWithSeq(bertilSocket, events(), revealSeq);
    assertEquals("notes.revealed", revealed.getString("type"));
    assertEquals("Salainen ajatus 4711", revealed.getJsonArray("notes").getJsonObject(0).getString("text"));
  }

  @Test
  void anAnonymousAuthorNeverReachesAnotherParticipant() throws Exception {
    facilitate(new JsonObject().put("op", "settings.update").put("anonymous", true)
        .put("anonymousToFacilitators", true));
    String ainoId = aino.getString("participantId");
    long seq = send(ainoSocket, aino.getString("token"), addNote("Kuka minut kirjoitti?", 0, 0))
        .getJsonObject("body").getLong("seq");

    for (RawBridge other : List.of(bertilSocket, facilitatorSocket, olliSocket)) {
      JsonObject event = eventWithSeq(other, events(), seq);
      assertEquals("note.added", event.getString("type"));
      assertFalse(event.encode().contains(ainoId), event.encode());
    }
    JsonObject own = eventWithSeq(ainoSocket, events(), seq);
    assertTrue(own.getJsonObject("note").getBoolean("mine"));
    JsonArray notes = api.get("/api/workshops/" + workshopId, bertil.getString("token")).body().getJsonArray("notes");
    assertNull(notes.getJsonObject(0).getString("authorId"));
  }

  @Test
  void aSecretVoteTargetNeverReachesAnotherMember() throws Exception {
    String noteId = api.command(workshopId, aino.getString("token"), addNote("Äänestä minua", 0, 0)).body()
        .getString("noteId");
    facilitate(new JsonObject().put("op", "vote.open").put("targets", "notes").put("budget", 3)
        .put("maxPerItem", 2).put("secret", true));
    JsonObject reply = send(ainoSocket, aino.getString("token"),
        new JsonObject().put("op", "vote.cast").put("targetId", noteId));
    assertEquals("rec", reply.getString("type"), reply.encode());
    long seq = reply.getJsonObject("body").getLong("seq");

    for (RawBridge other : List.of(bertilSocket, facilitatorSocket, olliSocket)) {
      JsonObject event = eventWithSeq(other, events(), seq);
      assertEquals("vote.cast", event.getString("type"));
      assertEquals(1, event.getInteger("cast"));
      assertFalse(event.encode().contains(noteId), event.encode());
      assertFalse(event.encode().contains(aino.getString("participantId")), event.encode());
    }
    assertEquals(noteId, eventWithSeq(ainoSocket, events(), seq).getString("targetId"));

    long closed = facilitate(new JsonObject().put("op", "vote.close")).getLong("seq");
    JsonObject results = eventWithSeq(bertilSocket, events(), closed);
    assertEquals(noteId, results.getJsonObject("vote").getJsonArray("results").getJsonObject(0).getString("targetId"));
  }

  @Test
  void facilitatorOnlyCommandsAreRefusedForParticipantsAndObservers() throws Exception {
    String noteId = api.command(workshopId, aino.getString("token"), addNote("x", 0, 0)).body().getString("noteId");
    List<JsonObject> commands = List.of(
        new JsonObject().put("op", "participant.role").put("participantId", bertil.getString("participantId"))
            .put("role", "cofacilitator"),
        new JsonObject().put("op", "participant.remove").put("participantId", bertil.getString("participantId")),
        new JsonObject().put("op", "settings.update").put("locked", true),
        new JsonObject().put("op", "notes.reveal"),
        new JsonObject().put("op", "phase.add").put("title", "Ideointi"),
        new JsonObject().put("op", "timer.start").put("seconds", 60),
        new JsonObject().put("op", "timer.stop"),
        new JsonObject().put("op", "view.follow").put("x", 0).put("y", 0).put("zoom", 1),
        new JsonObject().put("op", "view.focus").put("noteId", noteId),
        new JsonObject().put("op", "vote.open").put("targets", "notes").put("budget", 1).put("maxPerItem", 1),
        new JsonObject().put("op", "vote.close"));
    long before = api.get("/api/workshops/" + workshopId, facilitatorToken).body().getLong("seq");
    for (JsonObject command : commands) {
      for (RawBridge socket : List.of(ainoSocket, olliSocket)) {
        String token = socket == ainoSocket ? aino.getString("token") : olli.getString("token");
        JsonObject reply = send(socket, token, command);
        assertEquals("err", reply.getString("type"), command.encode());
        assertEquals("forbidden", reply.getString("message"), command.encode());
        assertEquals(403, reply.getInteger("failureCode"));
      }
    }
    assertEquals("forbidden", send(olliSocket, olli.getString("token"), addNote("observer", 0, 0))
        .getString("message"));
    assertEquals(before, api.get("/api/workshops/" + workshopId, facilitatorToken).body().getLong("seq"));
  }

  @Test
  void aLockedBoardRefusesParticipantsButNotFacilitators() throws Exception {
    facilitate(new JsonObject().put("op", "settings.update").put("locked", true));
    assertEquals("board_locked", send(ainoSocket, aino.getString("token"), addNote("x", 0, 0)).getString("message"));
    assertEquals("rec", send(facilitatorSocket, facilitatorToken, addNote("x", 0, 0)).getString("type"));
  }

  @Test
  void aRemovedParticipantLosesTokenAndConnectionButTheirNotesStay() throws Exception {
    api.command(workshopId, bertil.getString("token"), addNote("Bertilin lappu", 0, 0));
    facilitate(
        new JsonObject().put("op", "participant.remove").put("participantId", bertil.getString("participantId")));
    Await.until("the removed participant's socket to close", Duration.ofSeconds(5), bertilSocket::isClosed);
    int status = api.get("/api/workshops/" + workshopId, bertil.getString("token")).status();
    assertTrue(status == 401 || status == 403, "status " + status);
    assertTrue(api.get("/api/workshops/" + workshopId, aino.getString("token")).body().encode()
        .contains("Bertilin lappu"));
    RawBridge again = RawBridge.connect(vertx, server.port());
    sockets.add(again);
    again.register(events(), bertil.getString("token"));
    assertEquals("rejected", again.awaitFrame(f -> "err".equals(f.getString("type")), 5_000).getString("body"));
  }

  @Test
  void timerEventsCarryTheServerClock() throws Exception {
    long before = System.currentTimeMillis();
    long seq = facilitate(new JsonObject().put("op", "timer.start").put("seconds", 300)).getLong("seq");
    JsonObject event = eventWithSeq(ainoSocket, events(), seq);
    long serverTime = event.getLong("serverTime");
    assertTrue(serverTime >= before - 1000 && serverTime <= System.currentTimeMillis() + 1000);
    assertEquals(serverTime + 300_000, event.getJsonObject("timer").getLong("endsAt"));
    assertNotNull(api.get("/api/workshops/" + workshopId, aino.getString("token")).body().getLong("serverTime"));
  }

  @Test
  void raisedHandsAndReadyFlagsArriveAsPresence() throws Exception {
    String presence = "workshop." + workshopId + ".presence";
    assertEquals("rec", send(ainoSocket, aino.getString("token"),
        new JsonObject().put("op", "presence.hand").put("raised", true)).getString("type"));
    facilitatorSocket.awaitFrame(f -> presence.equals(f.getString("address"))
        && f.getJsonObject("body").getJsonArray("hands").contains(aino.getString("participantId")), 5_000);
    assertEquals("forbidden", send(bertilSocket, bertil.getString("token"), new JsonObject()
        .put("op", "presence.hand").put("raised", false).put("participantId", aino.getString("participantId")))
        .getString("message"));
    assertEquals("rec", send(facilitatorSocket, facilitatorToken, new JsonObject()
        .put("op", "presence.hand").put("raised", false).put("participantId", aino.getString("participantId")))
        .getString("type"));
    ainoSocket.awaitFrame(f -> presence.equals(f.getString("address"))
        && f.getJsonObject("body").getJsonArray("hands").isEmpty(), 5_000);
  }
}
