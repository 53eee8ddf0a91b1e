package fi.paja.web;

import static fi.paja.support.Api.addNote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import fi.paja.support.RawBridge;
import fi.paja.support.ServerTestBase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What keeps a removed person out: facilitators give the workshop a new join code (the old code and links stop
 * working at once, people already in stay), and a removal can bar the devices the person joined from.
 */
class JoinCodeAndDeviceBarIT extends ServerTestBase {

  private static final String DEVICE = "Zm9vYmFyLWRldmljZS0x";
  private static final String OTHER_DEVICE = "b3RoZXItZGV2aWNlLTIy";

  private String facilitator;
  private JsonObject workshop;
  private String id;

  @BeforeEach
  void workshop() throws Exception {
    facilitator = api.facilitator();
    workshop = api.createWorkshop(facilitator, "Koodit ja laitteet");
    id = workshop.getString("id");
  }

  private Api.Reply join(String code, String name, String deviceId) throws Exception {
    JsonObject body = new JsonObject().put("code", code).put("name", name);
    if (deviceId != null) {
      body.put("deviceId", deviceId);
    }
    return api.post("/api/join", null, body);
  }

  private Api.Reply newCode(String token) throws Exception {
    return api.post("/api/workshops/" + id + "/join-code", token, new JsonObject());
  }

  @Test
  void aNewJoinCodeStopsTheOldOneAtOnceAndThoseAlreadyInStay() throws Exception {
    String old = workshop.getString("joinCode");
    JsonObject aino = api.join(old, "Aino");
    String events = "workshop." + id + ".events";
    try (RawBridge ainoSocket = RawBridge.connect(vertx, server.port())) {
      String presence = "workshop." + id + ".presence";
      ainoSocket.register(events, aino.getString("token"));
      ainoSocket.register(presence, aino.getString("token"));
      // Frames are handled in order: once presence came, the events registration is in place.
      ainoSocket.awaitFrame(f -> presence.equals(f.getString("address")), 5_000);

      Api.Reply reply = newCode(facilitator);
      assertEquals(200, reply.status(), reply.body().encode());
      String fresh = reply.body().getString("joinCode");
      assertTrue(fresh.matches("[A-Z2-9]{6}"), fresh);
      assertNotEquals(old, fresh);
      assertEquals("/?code=" + fresh, reply.body().getString("joinUrl"));

      Api.Reply withOld = join(old, "Myöhäinen", null);
      assertEquals(404, withOld.status());
      assertEquals("unknown_join_code", withOld.errorCode());
      assertEquals(200, join(fresh.toLowerCase(java.util.Locale.ROOT), "Uusi", null).status());

      // Those already in stay, and see the new code.
      JsonObject snapshot = api.get("/api/workshops/" + id, aino.getString("token")).body();
      assertEquals(fresh, snapshot.getString("joinCode"));
      long seq = api.command(id, facilitator, addNote("Jatketaan", 0, 0)).body().getLong("seq");
      ainoSocket.awaitFrame(f -> events.equals(f.getString("address"))
          && f.getJsonObject("body").getLong("seq") == seq, 5_000);
      assertFalse(ainoSocket.isClosed());
      assertTrue(api.get("/api/workshops", facilitator).body().encode().contains(fresh));
    }
  }

  @Test
  void onlyFacilitatorsOfTheWorkshopCanChangeItsCode() throws Exception {
    JsonObject pia = api.join(workshop.getString("joinCode"), "Pia");
    JsonObject cofacilitator = api.join(workshop.getString("joinCode"), "Kaisa");
    api.commandOk(id, facilitator, new JsonObject().put("op", "participant.role")
        .put("participantId", cofacilitator.getString("participantId")).put("role", "cofacilitator"));

    assertEquals(403, newCode(pia.getString("token")).status());
    assertEquals(401, newCode(null).status());
    Api.Reply byCofacilitator = newCode(cofacilitator.getString("token"));
    assertEquals(200, byCofacilitator.status(), byCofacilitator.body().encode());
    JsonObject other = api.createWorkshop(facilitator, "Toinen");
    assertEquals(403, api.post("/api/workshops/" + other.getString("id") + "/join-code",
        cofacilitator.getString("token"), new JsonObject()).status());
  }

  @Test
  void aRemovalThatBarsTheDeviceKeepsThatDeviceOutButNotOthers() throws Exception {
    String code = workshop.getString("joinCode");
    JsonObject bertil = join(code, "Bertil", DEVICE).body();
    Api.Reply removal = api.command(id, facilitator, new JsonObject().put("op", "participant.remove")
        .put("participantId", bertil.getString("participantId")).put("bar", true));
    assertEquals(200, removal.status(), removal.body().encode());
    assertEquals(1, removal.body().getInteger("barredDevices"));

    Api.Reply again = join(code, "Bertil taas", DEVICE);
    assertEquals(403, again.status());
    assertEquals("device_barred", again.errorCode());
    // Another browser, or an API client that sends no device id, is not this device.
    assertEquals(200, join(code, "Toinen laite", OTHER_DEVICE).status());

    // The bar survives a restart: it is stored, not remembered.
    server.restart();
    api = new Api(vertx, server.port());
    assertEquals("device_barred", join(code, "Bertil kolmas", DEVICE).errorCode());
    facilitator = api.login();

    // A removal without bar lets the device back in; so does a new workshop.
    JsonObject cecilia = join(code, "Cecilia", "Y2VjaWxpYS1kZXZpY2UtMw").body();
    Api.Reply plain = api.command(id, facilitator, new JsonObject().put("op", "participant.remove")
        .put("participantId", cecilia.getString("participantId")));
    assertEquals(200, plain.status(), plain.body().encode());
    assertEquals(200, join(code, "Cecilia taas", "Y2VjaWxpYS1kZXZpY2UtMw").status());
    JsonObject other = api.createWorkshop(facilitator, "Toinen paja");
    assertEquals(200, join(other.getString("joinCode"), "Bertil", DEVICE).status());
  }

  @Test
  void aBarGivenOverTheBridgeHoldsToo() throws Exception {
    String code = workshop.getString("joinCode");
    JsonObject olli = join(code, "Olli", DEVICE).body();
    try (RawBridge socket = RawBridge.connect(vertx, server.port())) {
      JsonObject reply = socket.request("workshop." + id + ".cmd", new JsonObject().put("op", "participant.remove")
          .put("participantId", olli.getString("participantId")).put("bar", true), facilitator);
      assertEquals("rec", reply.getString("type"), reply.encode());
      assertEquals(1, reply.getJsonObject("body").getInteger("barredDevices"));
    }
    assertEquals("device_barred", join(code, "Olli", DEVICE).errorCode());
  }

  @Test
  void aDeviceIdMustLookLikeOne() throws Exception {
    String code = workshop.getString("joinCode");
    assertEquals("invalid_id", join(code, "Lyhyt", "abc").errorCode());
    assertEquals("invalid_id", join(code, "Outo", "a".repeat(20) + "$").errorCode());
    assertEquals("wrong_type", api.post("/api/join", null, new JsonObject().put("code", code).put("name", "Numero")
        .put("deviceId", 12345)).errorCode());
    assertEquals("wrong_type", api.command(id, facilitator, new JsonObject().put("op", "participant.remove")
        .put("participantId", api.join(code, "Pekka").getString("participantId")).put("bar", "yes")).errorCode());
  }
}
