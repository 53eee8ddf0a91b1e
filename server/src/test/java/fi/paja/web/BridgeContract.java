package fi.paja.web;

import static fi.paja.support.Api.addNote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.RawBridge;
import fi.paja.support.ServerTestBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event-bus contract of docs/PROTOCOL.md, run against each bridge transport (raw WebSocket, SockJS's
 * WebSocket and SockJS xhr-polling) by the subclasses.
 */
abstract class BridgeContract extends ServerTestBase {

  private String workshopId;
  private JsonObject workshop;
  private JsonObject aino;
  private JsonObject bertil;
  private final List<RawBridge> bridges = new ArrayList<>();

  abstract RawBridge connect(Vertx vertx, int port) throws Exception;

  @BeforeEach
  void freshWorkshop() throws Exception {
    workshop = api.createWorkshop(api.facilitator(), "Asiakasraati");
    workshopId = workshop.getString("id");
    aino = api.join(workshop.getString("joinCode"), "Aino");
    bertil = api.join(workshop.getString("joinCode"), "Bertil");
  }

  @AfterEach
  void closeBridges() throws Exception {
    for (RawBridge b : bridges) {
      b.close();
    }
    bridges.clear();
  }

  private RawBridge bridge() throws Exception {
    RawBridge b = connect(vertx, server.port());
    bridges.add(b);
    return b;
  }

  private String events() {
    return "workshop." + workshopId + ".events";
  }

  private String cmd() {
    return "workshop." + workshopId + ".cmd";
  }

  private long seq() throws Exception {
    return api.get("/api/workshops/" + workshopId, aino.getString("token")).body().getLong("seq");
  }

  /** Registers and waits until the registration has taken effect (a presence frame follows it). */
  private RawBridge member(JsonObject who) throws Exception {
    RawBridge b = bridge();
    String presence = "workshop." + workshopId + ".presence";
    b.register(presence, who.getString("token"));
    b.register(events(), who.getString("token"));
    b.awaitFrame(f -> presence.equals(f.getString("address"))
        && f.getJsonObject("body").getJsonArray("online").contains(who.getString("participantId")), 10_000);
    return b;
  }

  @Test
  void aNoteSentByOneMemberReachesAnother() throws Exception {
    RawBridge a = member(aino);
    RawBridge b = member(bertil);
    JsonObject reply = a.request(cmd(), addNote("Ajanvaraus on vaikeaa", 40, 50), aino.getString("token"));
    assertEquals("rec", reply.getString("type"), reply.encode());
    String noteId = reply.getJsonObject("body").getString("noteId");
    long seq = reply.getJsonObject("body").getLong("seq");
    JsonObject event = b.events(events(), 1, 5_000).get(0);
    assertEquals("note.added", event.getString("type"));
    assertEquals(seq, event.getLong("seq"));
    assertEquals(noteId, event.getJsonObject("note").getString("id"));
    assertEquals("Ajanvaraus on vaikeaa", event.getJsonObject("note").getString("text"));
    assertEquals(aino.getString("participantId"), event.getString("by"));
  }

  @Test
  void eventsCarryConsecutiveSeq() throws Exception {
    RawBridge a = member(aino);
    RawBridge b = member(bertil);
    long start = seq();
    for (int i = 0; i < 5; i++) {
      assertEquals("rec", a.request(cmd(), addNote("n" + i, i, i), aino.getString("token")).getString("type"));
    }
    List<JsonObject> received = b.events(events(), 5, 5_000);
    for (int i = 0; i < 5; i++) {
      assertEquals(start + 1 + i, received.get(i).getLong("seq"));
    }
  }

  @Test
  void theReplyHasTheSameBodyAsTheRestResponse() throws Exception {
    RawBridge a = member(aino);
    JsonObject viaBridge = a.request(cmd(), addNote("x", 0, 0), aino.getString("token")).getJsonObject("body");
    JsonObject viaRest = api.command(workshopId, aino.getString("token"), addNote("y", 0, 0)).body();
    assertEquals(viaRest.fieldNames(), viaBridge.fieldNames());
    assertEquals(viaBridge.getLong("seq") + 1, viaRest.getLong("seq"));
  }

  @Test
  void aRefusedCommandFailsWithItsStableCodeAndChangesNothing() throws Exception {
    RawBridge a = member(aino);
    long before = seq();
    JsonObject reply = a.request(cmd(), addNote("a".repeat(2001), 0, 0), aino.getString("token"));
    assertEquals("err", reply.getString("type"));
    assertEquals(400, reply.getInteger("failureCode"));
    assertEquals("text_too_long", reply.getString("message"));
    reply = a.request(cmd(), new JsonObject().put("op", "note.add").put("text", new JsonObject().put("$ne", 1))
        .put("x", 0).put("y", 0), aino.getString("token"));
    assertEquals("forbidden_key", reply.getString("message"));
    reply = a.request(cmd(), "not an object", aino.getString("token"));
    assertEquals("bad_json", reply.getString("message"));
    assertEquals(before, seq());
  }

  @Test
  void registeringWithoutATokenIsRefused() throws Exception {
    RawBridge b = bridge();
    b.register(events(), null);
    JsonObject err = b.awaitFrame(f -> "err".equals(f.getString("type")), 5_000);
    assertEquals("rejected", err.getString("body"));
    api.command(workshopId, aino.getString("token"), addNote("secret", 0, 0));
    assertFalse(b.receives(f -> "rec".equals(f.getString("type")), 500));
  }

  @Test
  void registeringWithATokenOfAnotherWorkshopIsRefused() throws Exception {
    JsonObject other = api.createWorkshop(api.login(), "Muu");
    JsonObject stranger = api.join(other.getString("joinCode"), "Stranger");
    RawBridge b = bridge();
    b.register(events(), stranger.getString("token"));
    assertEquals("rejected", b.awaitFrame(f -> "err".equals(f.getString("type")), 5_000).getString("body"));
  }

  @Test
  void sendingWithoutAValidTokenIsRefused() throws Exception {
    RawBridge b = bridge();
    long before = seq();
    b.send(cmd(), addNote("x", 0, 0), null);
    assertEquals("rejected", b.awaitFrame(f -> "err".equals(f.getString("type")), 5_000).getString("body"));
    b.send(cmd(), addNote("x", 0, 0), new JsonObject().put("token", "forged"));
    assertEquals("rejected", b.awaitFrame(f -> "err".equals(f.getString("type")), 5_000).getString("body"));
    assertEquals(before, seq());
  }

  @Test
  void forgedIdentityHeadersAreIgnored() throws Exception {
    RawBridge a = member(aino);
    String replyAddress = a.send(cmd(), addNote("who wrote me", 0, 0), new JsonObject()
        .put("token", aino.getString("token"))
        .put("paja.participant", bertil.getString("participantId"))
        .put("paja.role", "facilitator"));
    JsonObject reply = a.awaitFrame(f -> replyAddress.equals(f.getString("address")), 5_000);
    assertEquals("rec", reply.getString("type"));
    JsonArray notes = api.get("/api/workshops/" + workshopId, aino.getString("token")).body().getJsonArray("notes");
    assertEquals(aino.getString("participantId"), notes.getJsonObject(0).getString("authorId"));
  }

  @Test
  void publishingToTheCommandAddressIsRefused() throws Exception {
    RawBridge b = bridge();
    long before = seq();
    b.write(new JsonObject().put("type", "publish").put("address", cmd()).put("body", addNote("x", 0, 0))
        .put("headers", new JsonObject().put("token", aino.getString("token"))));
    assertEquals("rejected", b.awaitFrame(f -> "err".equals(f.getString("type")), 5_000).getString("body"));
    assertEquals(before, seq());
  }

  @Test
  void addressesOutsideTheContractAreDenied() throws Exception {
    RawBridge b = bridge();
    b.write(new JsonObject().put("type", "register").put("address", "paja.boards.activate")
        .put("headers", new JsonObject().put("token", aino.getString("token"))));
    JsonObject err = b.awaitFrame(f -> "err".equals(f.getString("type")), 5_000);
    assertTrue(List.of("rejected", "access_denied").contains(err.getString("body")), err.encode());
  }

  @Test
  void malformedFramesDoNotHarmTheServer() throws Exception {
    RawBridge b = bridge();
    for (String junk : List.of("{", "[]", "null", "{\"type\":42}", "{\"type\":\"send\"}",
        "{\"type\":\"register\",\"address\":{\"$gt\":\"\"}}", "\"just a string\"")) {
      try {
        b.writeRaw(junk);
      } catch (Exception closedByServer) {
        break;
      }
    }
    RawBridge a = member(aino);
    assertEquals("rec", a.request(cmd(), addNote("still fine", 0, 0), aino.getString("token")).getString("type"));
    assertEquals(200, api.get("/health", null).status());
  }

  @Test
  void presenceShowsWhoIsOnline() throws Exception {
    RawBridge a = member(aino);
    member(bertil);
    JsonObject presence = a.awaitFrame(f -> ("workshop." + workshopId + ".presence").equals(f.getString("address"))
        && f.getJsonObject("body").getJsonArray("online").contains(bertil.getString("participantId")), 5_000);
    assertNotNull(presence);
    JsonArray participants = api.get("/api/workshops/" + workshopId, aino.getString("token")).body()
        .getJsonArray("participants");
    assertTrue(participants.stream().map(JsonObject.class::cast)
        .anyMatch(p -> p.getString("id").equals(bertil.getString("participantId")) && p.getBoolean("online")));
  }
}
