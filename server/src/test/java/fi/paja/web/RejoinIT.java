package fi.paja.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.storage.Collections;
import fi.paja.support.Api;
import fi.paja.support.ServerTestBase;
import fi.paja.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server's rules for continuing an earlier visit ({@code POST /api/join/continue}, docs/PROTOCOL.md
 * "Rejoining"): only a live participant token of the join code's own workshop continues, as the same participant;
 * every other token is refused with a code that sends the browser to a normal join. And the accessibility
 * statement's settings ({@code GET /api/accessibility}).
 */
class RejoinIT extends ServerTestBase {

  private static final String DEVICE = "cmVqb2luLWRldmljZS0x";

  private String facilitator;
  private String id;
  private String code;

  @Override
  protected Map<String, String> settings() {
    return Map.of("PAJA_A11Y_ORGANISATION", "Pirkanmaan hyvinvointialue",
        "PAJA_A11Y_CONTACT", "saavutettavuus@example.fi", "PAJA_A11Y_DATE", "2026-11-30");
  }

  @BeforeEach
  void workshop() throws Exception {
    facilitator = api.facilitator();
    JsonObject workshop = api.createWorkshop(facilitator, "Jatketaan");
    id = workshop.getString("id");
    code = workshop.getString("joinCode");
  }

  private JsonObject join(String name) throws Exception {
    Api.Reply reply = api.post("/api/join", null, new JsonObject().put("code", code).put("name", name)
        .put("deviceId", DEVICE));
    assertEquals(200, reply.status(), reply.body().encode());
    return reply.body();
  }

  private Api.Reply continueWith(String token, String typedCode) throws Exception {
    return api.post("/api/join/continue", token, new JsonObject().put("code", typedCode).put("deviceId", DEVICE));
  }

  private long membersNamed(String name) throws Exception {
    return api.get("/api/workshops/" + id, facilitator).body().getJsonArray("participants").stream()
        .map(JsonObject.class::cast).filter(p -> name.equals(p.getString("name"))).count();
  }

  @Test
  void theSameTokenContinuesAsTheSameParticipantAndNothingNewIsMade() throws Exception {
    JsonObject anna = join("Anna");
    Api.Reply reply = continueWith(anna.getString("token"), code.toLowerCase(java.util.Locale.ROOT)
        .substring(0, 3) + "-" + code.substring(3));
    assertEquals(200, reply.status(), reply.body().encode());
    assertEquals(id, reply.body().getString("workshopId"));
    assertEquals(anna.getString("participantId"), reply.body().getString("participantId"));
    assertEquals("Anna", reply.body().getString("name"));
    assertEquals("participant", reply.body().getString("role"));
    assertFalse(reply.body().containsKey("token"), "the browser keeps its token; no new one is made");
    assertEquals(1, membersNamed("Anna"));
    // The token still works for the board.
    assertEquals(200, api.get("/api/workshops/" + id, anna.getString("token")).status());
  }

  @Test
  void aTokenOfAnotherWorkshopOrAFacilitatorsTokenDoesNotContinue() throws Exception {
    JsonObject other = api.createWorkshop(facilitator, "Toinen");
    Api.Reply elsewhere = api.post("/api/join", null,
        new JsonObject().put("code", other.getString("joinCode")).put("name", "Anna"));
    Api.Reply reply = continueWith(elsewhere.body().getString("token"), code);
    assertEquals(403, reply.status());
    assertEquals("other_workshop", reply.errorCode());
    assertEquals("other_workshop", continueWith(facilitator, code).errorCode());
  }

  @Test
  void anUnknownCodeIsRefusedAsAJoinWouldBe() throws Exception {
    JsonObject anna = join("Anna");
    Api.Reply reply = continueWith(anna.getString("token"), "ZZZZZZ".equals(code) ? "YYYYYY" : "ZZZZZZ");
    assertEquals(404, reply.status());
    assertEquals("unknown_join_code", reply.errorCode());
  }

  @Test
  void noTokenAJunkTokenOrALoggedOutOneHasEnded() throws Exception {
    assertEquals("session_ended", continueWith(null, code).errorCode());
    assertEquals(401, continueWith("not-a-token", code).status());
    JsonObject anna = join("Anna");
    assertEquals(204, api.post("/api/logout", anna.getString("token"), new JsonObject()).status());
    Api.Reply reply = continueWith(anna.getString("token"), code);
    assertEquals(401, reply.status());
    assertEquals("session_ended", reply.errorCode());
  }

  @Test
  void anExpiredTokenHasEnded() throws Exception {
    JsonObject anna = join("Anna");
    // Thirty days later: the stored session's expiry is in the past (the token was never looked up, so not cached).
    String hash = fi.paja.auth.Tokens.hash(anna.getString("token"));
    TestServer.await(server.storage().mongo().updateCollection(Collections.SESSIONS,
        new JsonObject().put("_id", hash),
        new JsonObject().put("$set", new JsonObject().put("expiresAt", System.currentTimeMillis() - 1000))));
    Api.Reply reply = continueWith(anna.getString("token"), code);
    assertEquals(401, reply.status());
    assertEquals("session_ended", reply.errorCode());
  }

  @Test
  void aRemovedParticipantHasEndedAndABarredDeviceNeverContinues() throws Exception {
    JsonObject anna = join("Anna");
    JsonObject ghost = join("Anna kaksi");
    api.commandOk(id, facilitator, new JsonObject().put("op", "participant.remove")
        .put("participantId", anna.getString("participantId")));
    assertEquals("session_ended", continueWith(anna.getString("token"), code).errorCode());

    // Erased on request ("Retention and data-subject requests"), or gone by leaving: ended too.
    JsonObject erased = join("Eetu");
    Api.Reply erase = api.post("/api/workshops/" + id + "/participants/" + erased.getString("participantId")
        + "/erase", facilitator, new JsonObject());
    assertEquals(200, erase.status(), erase.body().encode());
    assertEquals("session_ended", continueWith(erased.getString("token"), code).errorCode());
    JsonObject left = join("Liisa");
    assertEquals(200, api.post("/api/workshops/" + id + "/leave", left.getString("token"), new JsonObject()).status());
    assertEquals("session_ended", continueWith(left.getString("token"), code).errorCode());

    // Barring the device of someone removed also stops another person who joined from that device.
    JsonObject third = join("Kolmas");
    api.commandOk(id, facilitator, new JsonObject().put("op", "participant.remove")
        .put("participantId", ghost.getString("participantId")).put("bar", true));
    Api.Reply reply = continueWith(third.getString("token"), code);
    assertEquals(403, reply.status());
    assertEquals("device_barred", reply.errorCode());
  }

  @Test
  void aClosedWorkshopCannotBeContinued() throws Exception {
    JsonObject anna = join("Anna");
    Api.Reply close = api.post("/api/workshops/" + id + "/close", facilitator, new JsonObject());
    assertEquals(200, close.status(), close.body().encode());
    // Closing ended her session.
    Api.Reply reply = continueWith(anna.getString("token"), code);
    assertEquals(401, reply.status());
    assertEquals("session_ended", reply.errorCode());

    // Should a token of a closed workshop be left alive anyhow, it is refused as a join is.
    api.post("/api/workshops/" + id + "/reopen", facilitator, new JsonObject());
    JsonObject bertta = join("Bertta");
    TestServer.await(server.storage().mongo().updateCollection(Collections.WORKSHOPS, new JsonObject().put("_id", id),
        new JsonObject().put("$set", new JsonObject().put("closedAt", java.time.Instant.now().toString()))));
    Api.Reply stored = continueWith(bertta.getString("token"), code);
    assertEquals(409, stored.status());
    assertEquals("workshop_closed", stored.errorCode());
  }

  @Test
  void badInputIsRefusedAndChangesNothing() throws Exception {
    JsonObject anna = join("Anna");
    Api.Reply extra = api.post("/api/join/continue", anna.getString("token"),
        new JsonObject().put("code", code).put("name", "Bertta"));
    assertEquals(400, extra.status());
    Api.Reply device = api.post("/api/join/continue", anna.getString("token"),
        new JsonObject().put("code", code).put("deviceId", "x"));
    assertEquals("invalid_id", device.errorCode());
    assertEquals(1, membersNamed("Anna"));
  }

  @Test
  void theAccessibilityStatementSettingsArePublic() throws Exception {
    Api.Reply reply = api.get("/api/accessibility", null);
    assertEquals(200, reply.status());
    assertEquals(new JsonObject().put("organisation", "Pirkanmaan hyvinvointialue")
        .put("contact", "saavutettavuus@example.fi").put("contactKind", "email").put("date", "2026-11-30"),
        reply.body());
    assertTrue(api.getText("/accessibility.html").contains("a11y-intro"));
  }
}
