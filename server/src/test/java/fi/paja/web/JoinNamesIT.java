package fi.paja.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fi.paja.support.Api;
import fi.paja.support.ServerTestBase;
import fi.paja.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pseudonyms at join: normalised to NFC; control, direction-changing and invisible characters refused; a name that
 * is, or looks like, another member's name, the facilitator's, or a role is refused — checked by the board itself,
 * so two joins at the same moment cannot both take look-alike names.
 */
class JoinNamesIT extends ServerTestBase {

  private String code() throws Exception {
    return api.createWorkshop(api.login(), "Nimet").getString("joinCode");
  }

  private Api.Reply join(String code, String name) throws Exception {
    return api.post("/api/join", null, new JsonObject().put("code", code).put("name", name));
  }

  @Test
  void namesThatLookLikeAnotherMembersOrARoleAreRefused() throws Exception {
    String code = code();
    assertEquals(200, join(code, "Aino").status());
    assertEquals("name_taken", join(code, "Aino").errorCode(), "the same name");
    assertEquals("name_taken", join(code, "AINO").errorCode(), "the same name in capitals");
    assertEquals("name_taken", join(code, "\u0410ino").errorCode(), "Cyrillic A");
    assertEquals("name_taken", join(code, "Ai\uFF4Eo").errorCode(), "a full-width n");
    assertEquals("name_taken", join(code, TestServer.ADMIN).errorCode(), "the facilitator's name");
    assertEquals("name_taken", join(code, "\u0430dmin").errorCode(), "the facilitator's name in Cyrillic");
    assertEquals("name_reserved", join(code, "admin (facilitator)").errorCode());
    assertEquals("name_reserved", join(code, "Fasilitaattori").errorCode());
    assertEquals("name_reserved", join(code, "Medfacilitator").errorCode());
    assertEquals("name_reserved", join(code, "observer").errorCode());
    assertEquals("invalid_name", join(code, "\u202Enimda").errorCode(), "right-to-left override");
    assertEquals("invalid_name", join(code, "Ai\u200Bno").errorCode(), "zero-width space");
    assertEquals("invalid_name", join(code, "Aino\u2066x").errorCode(), "isolate");
    assertEquals("invalid_name", join(code, "A\u0007").errorCode(), "control character");
    assertEquals(200, join(code, "Aino K").status(), "a different name is fine");
  }

  @Test
  void namesAreStoredInNfc() throws Exception {
    String code = code();
    Api.Reply r = join(code, "Mika\u0308");
    assertEquals(200, r.status(), r.body().encode());
    assertEquals("Mik\u00e4", r.body().getString("name"));
    assertEquals("name_taken", join(code, "Mik\u00e4").errorCode());
  }

  @Test
  void twoJoinsAtOnceCannotBothTakeLookAlikeNames() throws Exception {
    String code = code();
    WebClient client = WebClient.create(vertx);
    List<String> names = List.of("Veera", "VEERA", "V\u0435era", "veera", "Veer\u0430", "V E E R A", "Veera.",
        "\uFF36eera");
    List<Future<HttpResponse<Buffer>>> joins = new ArrayList<>();
    for (String name : names) {
      joins.add(client.post(server.port(), "127.0.0.1", "/api/join")
          .sendJsonObject(new JsonObject().put("code", code).put("name", name)));
    }
    TestServer.await(Future.join(new ArrayList<>(joins)));
    long joined = joins.stream().filter(f -> f.result().statusCode() == 200).count();
    assertEquals(1, joined, "exactly one of the look-alike names joined");
    for (Future<HttpResponse<Buffer>> f : joins) {
      if (f.result().statusCode() != 200) {
        assertEquals("name_taken", f.result().bodyAsJsonObject().getJsonObject("error").getString("code"));
      }
    }
  }
}
