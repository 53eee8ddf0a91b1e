package fi.paja.web;

import static fi.paja.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.storage.Collections;
import fi.paja.support.Api;
import fi.paja.support.RawBridge;
import fi.paja.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Facilitator accounts from the outside (docs/PROTOCOL.md, "Facilitator accounts"): the admin creates, disables,
 * enables, removes accounts and transfers their workshops; everyone changes their own password; an owner shares a
 * workshop with co-facilitator accounts. Every refusal changes nothing, and ended access ends on live sockets too.
 */
@ExtendWith(VertxExtension.class)
class AccountsIT {

  private static Api.Reply delete(Vertx vertx, int port, String path, String token) throws Exception {
    HttpResponse<Buffer> r = await(WebClient.create(vertx).delete(port, "127.0.0.1", path)
        .putHeader("Authorization", "Bearer " + token).send());
    Buffer body = r.body();
    return new Api.Reply(r.statusCode(), body == null || body.length() == 0 ? new JsonObject() : new JsonObject(body));
  }

  private static String login(Api api, String username, String password) throws Exception {
    Api.Reply r = api.post("/api/login", null, new JsonObject().put("username", username).put("password", password));
    assertEquals(200, r.status(), r.body().encode());
    return r.body().getString("token");
  }

  private static JsonObject createAccount(Api api, String admin, JsonObject body) throws Exception {
    Api.Reply r = api.post("/api/accounts", admin, body);
    assertEquals(201, r.status(), r.body().encode());
    return r.body();
  }

  private static JsonObject account(TestServer server, String username) throws Exception {
    return await(server.storage().mongo().findOne(Collections.ACCOUNTS, new JsonObject().put("username", username),
        null));
  }

  private static long sessionsOf(TestServer server, String accountId) throws Exception {
    return await(server.storage().mongo().count(Collections.SESSIONS, new JsonObject().put("accountId", accountId)));
  }

  private static RawBridge listening(Vertx vertx, int port, String workshopId, String token) throws Exception {
    RawBridge socket = RawBridge.connect(vertx, port);
    String presence = "workshop." + workshopId + ".presence";
    socket.register("workshop." + workshopId + ".events", token);
    socket.register(presence, token);
    socket.awaitFrame(f -> presence.equals(f.getString("address")), 10_000);
    return socket;
  }

  @Test
  void theAdminCreatesDisablesEnablesTransfersAndRemovesAccounts(Vertx vertx) throws Exception {
    try (TestServer server = TestServer.start(vertx)) {
      Api api = new Api(vertx, server.port());
      String admin = api.login();
      assertEquals("admin", account(server, TestServer.ADMIN).getString("role"));

      JsonObject liisa = createAccount(api, admin, new JsonObject().put("username", "Liisa")
          .put("displayName", "Liisa Laine"));
      String password = liisa.getString("generatedPassword");
      assertNotNull(password, "a generated password is shown once");
      assertEquals("liisa", liisa.getString("username"));
      assertEquals("facilitator", liisa.getString("role"));
      assertNull(liisa.getString("passwordHash"));
      JsonObject stored = account(server, "liisa");
      assertNotEquals(password, stored.getString("passwordHash"));
      assertFalse(stored.encode().contains(password), "only a hash is stored");

      Api.Reply listed = api.get("/api/accounts", admin);
      assertEquals(200, listed.status());
      assertFalse(listed.body().encode().contains("passwordHash"));
      assertEquals(List.of("admin", "liisa"), listed.body().getJsonArray("accounts").stream()
          .map(a -> ((JsonObject) a).getString("username")).toList());

      // Bad input is refused and changes nothing.
      assertEquals("username_taken", api.post("/api/accounts", admin,
          new JsonObject().put("username", "liisa")).errorCode());
      assertEquals("invalid_username", api.post("/api/accounts", admin,
          new JsonObject().put("username", "a b")).errorCode());
      assertEquals("invalid_password", api.post("/api/accounts", admin,
          new JsonObject().put("username", "pekka").put("password", "short")).errorCode());
      assertNull(account(server, "pekka"));

      // A facilitator is no admin.
      String liisaToken = login(api, "liisa", password);
      assertEquals(403, api.get("/api/accounts", liisaToken).status());
      assertEquals(403, api.post("/api/accounts", liisaToken, new JsonObject().put("username", "x1")).status());
      String adminId = account(server, TestServer.ADMIN).getString("_id");
      assertEquals(403, api.post("/api/accounts/" + adminId + "/disable", liisaToken, new JsonObject()).status());
      assertEquals(403, delete(vertx, server.port(), "/api/accounts/" + adminId, liisaToken).status());
      assertNull(account(server, "x1"));

      // The only admin cannot disable or remove itself.
      assertEquals("last_admin", api.post("/api/accounts/" + adminId + "/disable", admin, new JsonObject())
          .errorCode());
      assertEquals("last_admin", delete(vertx, server.port(), "/api/accounts/" + adminId, admin).errorCode());
      assertNull(account(server, TestServer.ADMIN).getString("disabledAt"));

      // Disabling ends Liisa's sessions at once, also her live socket.
      String liisaId = liisa.getString("id");
      JsonObject own = api.createWorkshop(liisaToken, "Liisan työpaja");
      RawBridge socket = listening(vertx, server.port(), own.getString("id"), liisaToken);
      Api.Reply disabled = api.post("/api/accounts/" + liisaId + "/disable", admin, new JsonObject());
      assertEquals(200, disabled.status(), disabled.body().encode());
      assertTrue(disabled.body().getBoolean("disabled"));
      socket.awaitClosed(10_000);
      assertEquals(4401, socket.closeCode());
      assertEquals(401, api.get("/api/workshops", liisaToken).status());
      assertEquals(0, sessionsOf(server, liisaId));
      assertEquals("account_disabled", api.post("/api/login", null,
          new JsonObject().put("username", "liisa").put("password", password)).errorCode());
      // A wrong password for a disabled account is just a wrong password.
      assertEquals("bad_credentials", api.post("/api/login", null,
          new JsonObject().put("username", "liisa").put("password", "wrong-password")).errorCode());

      assertEquals(200, api.post("/api/accounts/" + liisaId + "/enable", admin, new JsonObject()).status());
      liisaToken = login(api, "liisa", password);

      // Removing an account that owns workshops is refused until they are transferred.
      assertEquals("account_owns_workshops", delete(vertx, server.port(), "/api/accounts/" + liisaId, admin)
          .errorCode());
      assertNotNull(account(server, "liisa"));
      assertEquals("account_not_found", api.post("/api/accounts/" + liisaId + "/transfer", admin,
          new JsonObject().put("to", "nobody-here")).errorCode());
      Api.Reply moved = api.post("/api/accounts/" + liisaId + "/transfer", admin, new JsonObject().put("to", adminId));
      assertEquals(200, moved.status(), moved.body().encode());
      assertEquals(1, moved.body().getInteger("transferred"));
      assertEquals(401, api.get("/api/workshops", liisaToken).status(), "the old owner's sessions ended");
      JsonArray adminsWorkshops = api.get("/api/workshops", admin).body().getJsonArray("workshops");
      assertEquals(own.getString("id"), adminsWorkshops.getJsonObject(0).getString("id"));
      assertEquals("owner", adminsWorkshops.getJsonObject(0).getString("role"));
      assertEquals(200, api.get("/api/workshops/" + own.getString("id"), admin).status());

      assertEquals(200, delete(vertx, server.port(), "/api/accounts/" + liisaId, admin).status());
      assertNull(account(server, "liisa"));
      assertEquals(0, sessionsOf(server, liisaId));
      assertEquals("bad_credentials", api.post("/api/login", null,
          new JsonObject().put("username", "liisa").put("password", password)).errorCode());
      assertEquals("account_not_found", delete(vertx, server.port(), "/api/accounts/" + liisaId, admin).errorCode());
      socket.close();
    }
  }

  @Test
  void everyFacilitatorChangesTheirOwnPasswordAndTheirOtherSessionsEnd(Vertx vertx) throws Exception {
    try (TestServer server = TestServer.start(vertx)) {
      Api api = new Api(vertx, server.port());
      String admin = api.login();
      createAccount(api, admin, new JsonObject().put("username", "mari").put("password", "first-password"));
      String here = login(api, "mari", "first-password");
      String elsewhere = login(api, "mari", "first-password");
      JsonObject workshop = api.createWorkshop(elsewhere, "Marin paja");
      RawBridge socket = listening(vertx, server.port(), workshop.getString("id"), elsewhere);

      assertEquals("wrong_password", api.post("/api/account/password", here,
          new JsonObject().put("current", "not-my-password").put("next", "second-password")).errorCode());
      assertEquals("invalid_password", api.post("/api/account/password", here,
          new JsonObject().put("current", "first-password").put("next", "short")).errorCode());
      assertEquals(200, api.get("/api/workshops", elsewhere).status(), "refusals changed nothing");

      Api.Reply changed = api.post("/api/account/password", here,
          new JsonObject().put("current", "first-password").put("next", "second-password"));
      assertEquals(200, changed.status(), changed.body().encode());
      assertEquals(200, api.get("/api/workshops", here).status(), "this session stays");
      assertEquals(401, api.get("/api/workshops", elsewhere).status(), "the other one ended");
      socket.awaitClosed(10_000);
      assertEquals(4401, socket.closeCode());
      assertEquals("bad_credentials", api.post("/api/login", null,
          new JsonObject().put("username", "mari").put("password", "first-password")).errorCode());
      login(api, "mari", "second-password");
      assertEquals("mari", api.get("/api/account", here).body().getString("username"));
      // A participant token is no account.
      JsonObject aino = api.join(workshop.getString("joinCode"), "Aino");
      assertEquals(403, api.post("/api/account/password", aino.getString("token"),
          new JsonObject().put("current", "x").put("next", "second-password")).status());
      socket.close();
    }
  }

  @Test
  void anOwnerSharesAWorkshopWithCoFacilitatorAccountsAndTakesThemOffAgain(Vertx vertx) throws Exception {
    try (TestServer server = TestServer.start(vertx)) {
      Api api = new Api(vertx, server.port());
      String admin = api.login();
      createAccount(api, admin, new JsonObject().put("username", "mari").put("displayName", "Mari Mäki")
          .put("password", "mari-password"));
      createAccount(api, admin, new JsonObject().put("username", "olli").put("password", "olli-password"));
      String mari = login(api, "mari", "mari-password");
      String olli = login(api, "olli", "olli-password");
      JsonObject workshop = api.createWorkshop(admin, "Yhteinen paja");
      String id = workshop.getString("id");
      String base = "/api/workshops/" + id;

      assertEquals(403, api.get(base, mari).status(), "not shared yet");
      assertEquals(0, api.get("/api/workshops", mari).body().getJsonArray("workshops").size());
      assertEquals("account_not_found", api.post(base + "/co-facilitators", admin,
          new JsonObject().put("username", "nobody")).errorCode());
      assertEquals("already_owner", api.post(base + "/co-facilitators", admin,
          new JsonObject().put("username", "admin")).errorCode());

      Api.Reply shared = api.post(base + "/co-facilitators", admin, new JsonObject().put("username", "mari"));
      assertEquals(200, shared.status(), shared.body().encode());
      assertEquals("Mari Mäki", shared.body().getJsonArray("coFacilitators").getJsonObject(0).getString("displayName"));
      JsonObject doc = await(server.storage().mongo().findOne(Collections.WORKSHOPS, new JsonObject().put("_id", id),
          null));
      String mariId = account(server, "mari").getString("_id");
      assertEquals(new JsonArray().add(mariId), doc.getJsonArray("coFacilitatorAccountIds"));

      JsonObject listed = api.get("/api/workshops", mari).body().getJsonArray("workshops").getJsonObject(0);
      assertEquals(id, listed.getString("id"));
      assertEquals("cofacilitator", listed.getString("role"));
      JsonObject snapshot = api.get(base, mari).body();
      assertEquals("cofacilitator", snapshot.getJsonObject("you").getString("role"));
      String mariParticipant = snapshot.getJsonObject("you").getString("participantId");
      assertTrue(snapshot.getJsonArray("participants").stream().map(JsonObject.class::cast)
          .anyMatch(p -> p.getString("id").equals(mariParticipant) && p.getString("name").equals("Mari Mäki")));
      // A co-facilitator facilitates: a facilitators-only command and an export.
      api.commandOk(id, mari, new JsonObject().put("op", "settings.update").put("locked", true));
      assertEquals(200, api.get(base + "/events?after=0", mari).status());
      assertEquals(200, api.get(base + "/co-facilitators", mari).status());
      // But only the owner shares.
      assertEquals(403, api.post(base + "/co-facilitators", mari, new JsonObject().put("username", "olli")).status());
      assertEquals(403, delete(vertx, server.port(), base + "/co-facilitators/" + mariId, mari).status());
      assertEquals(403, api.post(base + "/template", mari, new JsonObject().put("id", "x-y").put("name", "X"))
          .status());

      RawBridge socket = listening(vertx, server.port(), id, mari);
      Api.Reply off = delete(vertx, server.port(), base + "/co-facilitators/" + mariId, admin);
      assertEquals(200, off.status(), off.body().encode());
      assertEquals(0, off.body().getJsonArray("coFacilitators").size());
      socket.awaitClosed(10_000);
      assertEquals(4403, socket.closeCode());
      assertEquals(403, api.get(base, mari).status());
      assertEquals(0, api.get("/api/workshops", mari).body().getJsonArray("workshops").size());
      assertEquals(200, api.get("/api/workshops", mari).status(), "the account itself still works");

      // Shared again: a new participant (the old name stays with the removed one, so the user name is used).
      Api.Reply again = api.post(base + "/co-facilitators", admin, new JsonObject().put("username", "mari"));
      assertEquals(200, again.status(), again.body().encode());
      JsonObject snapshotAgain = api.get(base, mari).body();
      assertEquals("cofacilitator", snapshotAgain.getJsonObject("you").getString("role"));
      assertNotEquals(mariParticipant, snapshotAgain.getJsonObject("you").getString("participantId"));

      // Removing a co-facilitator account takes it off the workshops shared with it.
      assertEquals(200, delete(vertx, server.port(), "/api/accounts/" + mariId, admin).status());
      JsonObject after = await(server.storage().mongo().findOne(Collections.WORKSHOPS, new JsonObject().put("_id", id),
          null));
      assertEquals(0, after.getJsonArray("coFacilitatorAccountIds").size());
      socket.close();
    }
  }

  /**
   * Another facilitator account gets 403 or 404 on every route of a workshop it does not own and that is not shared
   * with it, and the event bus refuses its registrations and commands.
   */
  @Test
  void anotherAccountsWorkshopIsClosedOnEveryRoute(Vertx vertx) throws Exception {
    try (TestServer server = TestServer.start(vertx)) {
      Api api = new Api(vertx, server.port());
      String admin = api.login();
      createAccount(api, admin, new JsonObject().put("username", "outsider").put("password", "outsider-password"));
      String outsider = login(api, "outsider", "outsider-password");
      JsonObject workshop = api.createWorkshop(admin, "Ei sinun");
      String id = workshop.getString("id");
      String base = "/api/workshops/" + id;
      String adminId = account(server, TestServer.ADMIN).getString("_id");
      Set<Integer> closed = Set.of(403, 404);
      Map<String, Api.Reply> replies = new java.util.LinkedHashMap<>();
      replies.put("GET snapshot", api.get(base, outsider));
      replies.put("GET events", api.get(base + "/events?after=0", outsider));
      replies.put("POST commands", api.command(id, outsider, Api.addNote("x", 0, 0)));
      replies.put("POST template", api.post(base + "/template", outsider,
          new JsonObject().put("id", "stolen").put("name", "Stolen")));
      replies.put("POST join-code", api.post(base + "/join-code", outsider, new JsonObject()));
      replies.put("GET journey svg", api.get(base + "/journeys/j1/svg", outsider));
      for (String format : List.of("md", "json", "csv", "jira", "azure", "svg")) {
        replies.put("GET export " + format, api.get(base + "/export?format=" + format, outsider));
      }
      replies.put("POST github push", api.post(base + "/outcomes/o1/github", outsider, new JsonObject()));
      replies.put("POST github sync", api.post(base + "/github/sync", outsider, new JsonObject()));
      replies.put("GET co-facilitators", api.get(base + "/co-facilitators", outsider));
      replies.put("POST co-facilitators", api.post(base + "/co-facilitators", outsider,
          new JsonObject().put("username", "outsider")));
      replies.put("DELETE co-facilitators", delete(vertx, server.port(), base + "/co-facilitators/" + adminId,
          outsider));
      replies.put("POST transfer", api.post("/api/accounts/" + adminId + "/transfer", outsider,
          new JsonObject().put("to", adminId)));
      replies.forEach((route, reply) -> assertTrue(closed.contains(reply.status()), route + ": " + reply));
      assertEquals(0, api.get("/api/workshops", outsider).body().getJsonArray("workshops").size());
      JsonObject doc = await(server.storage().mongo().findOne(Collections.WORKSHOPS, new JsonObject().put("_id", id),
          null));
      assertNull(doc.getJsonArray("coFacilitatorAccountIds"), "nothing changed");
      assertEquals(workshop.getString("joinCode"), doc.getString("joinCode"));

      try (RawBridge socket = RawBridge.connect(vertx, server.port())) {
        socket.register("workshop." + id + ".events", outsider);
        JsonObject err = socket.awaitFrame(f -> "err".equals(f.getString("type")), 10_000);
        assertTrue(List.of("rejected", "access_denied").contains(err.getString("body")), err.encode());
      }
      try (RawBridge socket = RawBridge.connect(vertx, server.port())) {
        socket.send("workshop." + id + ".commands", Api.addNote("x", 0, 0), new JsonObject().put("token", outsider));
        JsonObject err = socket.awaitFrame(f -> "err".equals(f.getString("type")), 10_000);
        assertTrue(List.of("rejected", "access_denied").contains(err.getString("body")), err.encode());
      }
      JsonObject snapshot = api.get(base, admin).body();
      assertEquals(1, snapshot.getJsonArray("participants").size(), "the outsider never became a member");
    }
  }
}
