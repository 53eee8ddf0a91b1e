package fi.paja.web;

import static fi.paja.support.Api.addNote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import fi.paja.support.Api.Reply;
import fi.paja.support.ServerTestBase;
import fi.paja.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpApiIT extends ServerTestBase {

  private String facilitator;
  private JsonObject workshop;
  private String workshopId;
  private JsonObject aino;

  @BeforeEach
  void freshWorkshop() throws Exception {
    facilitator = api.facilitator();
    workshop = api.createWorkshop(facilitator, "Palvelupolku");
    workshopId = workshop.getString("id");
    aino = api.join(workshop.getString("joinCode"), "Aino");
  }

  private String path() {
    return "/api/workshops/" + workshopId;
  }

  @Test
  void joinLinksNeverComeFromTheRequestsHostHeader(Vertx vertx) throws Exception {
    io.vertx.ext.web.client.WebClient client = io.vertx.ext.web.client.WebClient.create(vertx);
    try {
      io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> created = fi.paja.support.TestServer.await(
          client.post(server.port(), "127.0.0.1", "/api/workshops").virtualHost("evil.example")
              .putHeader("Authorization", "Bearer " + facilitator)
              .sendJsonObject(new JsonObject().put("title", "Isäntä")));
      assertEquals(201, created.statusCode());
      String joinUrl = created.bodyAsJsonObject().getString("joinUrl");
      // Without PAJA_PUBLIC_URL the link is a path: the browser completes it with the address it really used.
      assertEquals("/?code=" + created.bodyAsJsonObject().getString("joinCode"), joinUrl);
      io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> list = fi.paja.support.TestServer.await(
          client.get(server.port(), "127.0.0.1", "/api/workshops").virtualHost("evil.example")
              .putHeader("Authorization", "Bearer " + facilitator).send());
      org.junit.jupiter.api.Assertions.assertFalse(list.bodyAsString().contains("evil.example"));
    } finally {
      client.close();
    }
  }

  @Test
  void healthReportsUpWithEmbeddedStorage() throws Exception {
    Reply r = api.get("/health", null);
    assertEquals(200, r.status());
    assertEquals("UP", r.body().getString("status"));
    assertEquals("embedded", r.body().getString("mode"));
  }

  @Test
  void loginWithAWrongPasswordIsRefused() throws Exception {
    Reply r = api.post("/api/login", null, new JsonObject().put("username", "admin").put("password", "wrong-one"));
    assertEquals(401, r.status());
    assertEquals("bad_credentials", r.errorCode());
  }

  @Test
  void loginWithAnUnknownUserIsRefusedTheSameWay() throws Exception {
    Reply r = api.post("/api/login", null, new JsonObject().put("username", "nobody").put("password", "whatever1"));
    assertEquals(401, r.status());
    assertEquals("bad_credentials", r.errorCode());
  }

  @Test
  void creatingAWorkshopGivesIdAndAnUnambiguousJoinCode() {
    assertTrue(workshopId.matches("[0-9a-f-]{36}"), workshopId);
    assertTrue(workshop.getString("joinCode").matches("[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}"));
    assertTrue(workshop.getString("joinUrl").endsWith("/?code=" + workshop.getString("joinCode")));
  }

  @Test
  void creatingAWorkshopNeedsAFacilitatorToken() throws Exception {
    assertEquals(401, api.post("/api/workshops", null, new JsonObject().put("title", "x")).status());
    Reply r = api.post("/api/workshops", aino.getString("token"), new JsonObject().put("title", "x"));
    assertEquals(403, r.status());
  }

  @Test
  void creatingAWorkshopWithAnUnknownTemplateIsRefused() throws Exception {
    Reply r = api.post("/api/workshops", facilitator, new JsonObject().put("title", "x").put("template", "nope"));
    assertEquals(400, r.status());
    assertEquals("unknown_template", r.errorCode());
  }

  @Test
  void facilitatorSeesOwnWorkshopsListed() throws Exception {
    Reply r = api.get("/api/workshops", facilitator);
    assertEquals(200, r.status());
    assertTrue(r.body().getJsonArray("workshops").stream()
        .anyMatch(w -> workshopId.equals(((JsonObject) w).getString("id"))));
  }

  @Test
  void joiningWithTheCodeTypedLooselyWorks() throws Exception {
    String code = workshop.getString("joinCode").toLowerCase();
    JsonObject joined = api.join(code.substring(0, 3) + "-" + code.substring(3), "Bertil");
    assertEquals(workshopId, joined.getString("workshopId"));
    assertNotNull(joined.getString("participantId"));
  }

  @Test
  void joiningWithAnUnknownCodeIs404() throws Exception {
    Reply r = api.post("/api/join", null, new JsonObject().put("code", "ZZZZZZ").put("name", "X"));
    assertEquals(404, r.status());
    assertEquals("unknown_join_code", r.errorCode());
  }

  @Test
  void joiningWithAnEmptyNameIsRefused() throws Exception {
    Reply r = api.post("/api/join", null,
        new JsonObject().put("code", workshop.getString("joinCode")).put("name", " "));
    assertEquals(400, r.status());
    assertEquals("invalid_name", r.errorCode());
  }

  @Test
  void snapshotWithoutATokenIs401() throws Exception {
    Reply r = api.get(path(), null);
    assertEquals(401, r.status());
    assertEquals("unauthorized", r.errorCode());
  }

  @Test
  void snapshotWithAnUnknownTokenIs401() throws Exception {
    assertEquals(401, api.get(path(), "not-a-real-token").status());
  }

  @Test
  void snapshotWithAMemberTokenOfAnotherWorkshopIs403() throws Exception {
    JsonObject other = api.createWorkshop(facilitator, "Toinen");
    JsonObject stranger = api.join(other.getString("joinCode"), "Stranger");
    Reply r = api.get(path(), stranger.getString("token"));
    assertEquals(403, r.status());
    assertEquals("forbidden", r.errorCode());
  }

  @Test
  void snapshotShowsNotesParticipantsAndYou() throws Exception {
    api.command(workshopId, aino.getString("token"), addNote("Jonot ovat pitkiä", 10, 20));
    Reply r = api.get(path(), aino.getString("token"));
    assertEquals(200, r.status());
    JsonObject snap = r.body();
    assertEquals("Palvelupolku", snap.getString("title"));
    assertEquals(2, snap.getLong("seq"));
    assertEquals("Jonot ovat pitkiä", snap.getJsonArray("notes").getJsonObject(0).getString("text"));
    assertEquals(aino.getString("participantId"), snap.getJsonObject("you").getString("participantId"));
    assertEquals(2, snap.getJsonArray("participants").size());
  }

  @Test
  void theFacilitatorTokenIsAMemberOfItsOwnWorkshops() throws Exception {
    Reply r = api.get(path(), facilitator);
    assertEquals(200, r.status());
    assertEquals("facilitator", r.body().getJsonObject("you").getString("role"));
  }

  @Test
  void commandsReturnConsecutiveSeq() throws Exception {
    String token = aino.getString("token");
    long first = api.command(workshopId, token, addNote("a", 0, 0)).body().getLong("seq");
    JsonObject added = api.command(workshopId, token, addNote("b", 0, 0)).body();
    long third = api.command(workshopId, token, new JsonObject().put("op", "note.move")
        .put("id", added.getString("noteId")).put("x", 5).put("y", 6)).body().getLong("seq");
    assertEquals(first + 1, added.getLong("seq"));
    assertEquals(first + 2, third);
  }

  @Test
  void updateMoveAndDeleteChangeTheBoard() throws Exception {
    String token = aino.getString("token");
    String id = api.command(workshopId, token, addNote("alku", 0, 0)).body().getString("noteId");
    assertEquals(200, api.command(workshopId, token, new JsonObject().put("op", "note.update").put("id", id)
        .put("text", "muutettu").put("color", "blue")).status());
    assertEquals(200, api.command(workshopId, token, new JsonObject().put("op", "note.move").put("id", id)
        .put("x", 300).put("y", -40)).status());
    JsonObject note = api.get(path(), token).body().getJsonArray("notes").getJsonObject(0);
    assertEquals("muutettu", note.getString("text"));
    assertEquals("blue", note.getString("color"));
    assertEquals(300.0, note.getDouble("x"));
    assertEquals(-40.0, note.getDouble("y"));
    assertEquals(200, api.command(workshopId, token, new JsonObject().put("op", "note.delete").put("id", id)).status());
    assertTrue(api.get(path(), token).body().getJsonArray("notes").isEmpty());
  }

  @Test
  void badInputGetsAStableCodeAndChangesNothing() throws Exception {
    String token = aino.getString("token");
    long before = api.get(path(), token).body().getLong("seq");
    expect("unknown_op", api.command(workshopId, token, new JsonObject()));
    expect("bad_json", api.post(path() + "/commands", token, "{not json"));
    expect("bad_json", api.post(path() + "/commands", token, "[1,2]"));
    expect("unknown_op", api.command(workshopId, token, new JsonObject().put("op", "note.explode")));
    expect("forbidden_key", api.command(workshopId, token,
        addNote("x", 0, 0).put("text", new JsonObject().put("$gt", ""))));
    expect("unknown_field", api.command(workshopId, token, addNote("x", 0, 0).put("author", "someone")));
    expect("text_too_long", api.command(workshopId, token, addNote("a".repeat(2001), 0, 0)));
    expect("out_of_bounds", api.command(workshopId, token, addNote("x", 1e9, 0)));
    expect("wrong_type", api.command(workshopId, token, addNote("x", 0, 0).put("x", "10")));
    expect("note_not_found", api.command(workshopId, token,
        new JsonObject().put("op", "note.delete").put("id", "doesnotexist")));
    expect("invalid_id", api.command(workshopId, token,
        new JsonObject().put("op", "note.delete").put("id", "../../x")));
    assertEquals(before, api.get(path(), token).body().getLong("seq"));
    assertEquals(200, api.get("/health", null).status());
  }

  @Test
  void aRefusedCommandSaysWhatWasWrongNotOnlyItsCode() throws Exception {
    String token = aino.getString("token");
    Reply tooLong = api.command(workshopId, token, addNote("a".repeat(2001), 0, 0));
    assertEquals("text_too_long", tooLong.errorCode());
    assertEquals("The text is longer than 2000 characters.",
        tooLong.body().getJsonObject("error").getString("message"));
    Reply unknown = api.command(workshopId, token, addNote("x", 0, 0).put("author", "someone"));
    assertEquals("unknown_field", unknown.errorCode());
    assertTrue(unknown.body().getJsonObject("error").getString("message").contains("author"),
        unknown.body().encode());
  }

  private static void expect(String code, Reply r) {
    assertTrue(r.status() >= 400 && r.status() < 500, "status " + r.status());
    assertEquals(code, r.errorCode(), r.body().encode());
  }

  @Test
  void anOversizedBodyIs413() throws Exception {
    Reply r = api.post(path() + "/commands", aino.getString("token"),
        addNote("x".repeat(70_000), 0, 0).encode());
    assertEquals(413, r.status());
    assertEquals("payload_too_large", r.errorCode());
  }

  @Test
  void eventsAfterASeqAreReturnedInOrder() throws Exception {
    String token = aino.getString("token");
    api.command(workshopId, token, addNote("a", 0, 0));
    api.command(workshopId, token, addNote("b", 0, 0));
    Reply r = api.get(path() + "/events?after=1", token);
    assertEquals(200, r.status());
    assertEquals(3, r.body().getLong("seq"));
    assertEquals(2, r.body().getJsonArray("events").size());
    assertEquals(2, r.body().getJsonArray("events").getJsonObject(0).getLong("seq"));
    assertEquals("note.added", r.body().getJsonArray("events").getJsonObject(1).getString("type"));
  }

  @Test
  void logoutEndsTheToken() throws Exception {
    String token = api.login();
    assertEquals(200, api.get("/api/workshops", token).status());
    assertEquals(204, api.post("/api/logout", token, null).status());
    assertEquals(401, api.get("/api/workshops", token).status());
  }

  @Test
  void responsesCarrySecurityHeaders() throws Exception {
    io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> response = TestServer.await(
        io.vertx.ext.web.client.WebClient.create(server.vertx()).get(server.port(), "127.0.0.1", "/health").send());
    assertTrue(response.getHeader("Content-Security-Policy").contains("script-src 'self'"));
    assertEquals("nosniff", response.getHeader("X-Content-Type-Options"));
  }

  @Test
  void syncingWithGitHubWithoutItsConfigurationIs409() throws Exception {
    Api.Reply r = api.post(path() + "/github/sync", facilitator, new JsonObject());
    assertEquals(409, r.status());
    assertEquals("not_configured", r.errorCode());
  }
}
