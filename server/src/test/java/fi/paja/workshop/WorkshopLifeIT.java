package fi.paja.workshop;

import static fi.paja.support.Api.addNote;
import static fi.paja.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import fi.paja.support.Api;
import fi.paja.support.RawBridge;
import fi.paja.support.ServerTestBase;
import fi.paja.support.StoredData;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A workshop's life from the outside (docs/PROTOCOL.md, "Workshop life"): closing makes the board read-only on every
 * channel and ends participants' sessions and sockets, and survives a restart; archive hides, duplicate copies
 * structure only, delete leaves nothing in MongoDB; the presenter view's QR code decodes to the join link.
 */
class WorkshopLifeIT extends ServerTestBase {

  private String facilitator;

  private String fac() throws Exception {
    if (facilitator == null) {
      facilitator = api.login();
    }
    return facilitator;
  }

  private JsonObject create(String title, String template) throws Exception {
    Api.Reply r = api.post("/api/workshops", fac(), new JsonObject().put("title", title).put("template", template));
    assertEquals(201, r.status(), r.body().encode());
    return r.body();
  }

  private JsonObject joinWithDevice(String code, String name, String deviceId) throws Exception {
    Api.Reply r = api.post("/api/join", null, new JsonObject().put("code", code).put("name", name)
        .put("deviceId", deviceId));
    assertEquals(200, r.status(), r.body().encode());
    return r.body();
  }

  private JsonObject ok(Api.Reply r) {
    assertTrue(r.status() / 100 == 2, r.status() + " " + r.body().encode());
    return r.body();
  }

  private JsonArray list(String query) throws Exception {
    return ok(api.get("/api/workshops" + query, fac())).getJsonArray("workshops");
  }

  private JsonObject listed(String query, String id) throws Exception {
    return list(query).stream().map(JsonObject.class::cast).filter(w -> id.equals(w.getString("id"))).findFirst()
        .orElse(null);
  }

  @Test
  void closingMakesTheBoardReadOnlyEndsParticipantsAndSurvivesARestart() throws Exception {
    JsonObject w = create("Suljettava paja", "blank");
    String id = w.getString("id");
    assertEquals("upcoming", listed("", id).getString("state"));
    JsonObject aino = api.join(w.getString("joinCode"), "Aino");
    ok(api.command(id, aino.getString("token"), addNote("Ennen sulkemista", 10, 10)));
    assertEquals("live", listed("", id).getString("state"));
    assertEquals(1, listed("", id).getInteger("participantCount"));
    String publicId = ok(api.get("/api/workshops/" + id, fac())).getString("publicId");

    try (RawBridge socket = RawBridge.connect(vertx, server.port())) {
      socket.register("workshop." + id + ".events", aino.getString("token"));
      socket.register("workshop." + id + ".presence", aino.getString("token"));
      socket.awaitFrame(f -> ("workshop." + id + ".presence").equals(f.getString("address")), 5_000);

      // A participant cannot close it.
      assertEquals(403, api.post("/api/workshops/" + id + "/close", aino.getString("token"), null).status());
      JsonObject closed = ok(api.post("/api/workshops/" + id + "/close", fac(), null));
      assertEquals("closed", closed.getString("state"));
      assertNotNull(closed.getString("closedAt"));

      assertTrue(socket.closesWithin(5_000), "the participant's socket is still open");
      assertEquals(4410, socket.closeCode());
    }
    // The participant's token no longer works, on any channel.
    assertEquals(401, api.get("/api/workshops/" + id, aino.getString("token")).status());
    assertEquals(401, api.command(id, aino.getString("token"), addNote("Jälkeen", 20, 20)).status());
    // Nobody can change the board; the facilitator can still read all of it.
    assertClosed(id, publicId);
    // New joins are refused with a clear code.
    Api.Reply join = api.post("/api/join", null, new JsonObject().put("code", w.getString("joinCode"))
        .put("name", "Bertil"));
    assertEquals(409, join.status());
    assertEquals("workshop_closed", join.errorCode());

    server.restart();
    api = new Api(vertx, server.port());
    facilitator = null;
    assertClosed(id, publicId);

    JsonObject reopened = ok(api.post("/api/workshops/" + id + "/reopen", fac(), null));
    assertNull(reopened.getString("closedAt"));
    assertEquals("live", reopened.getString("state"));
    ok(api.command(id, fac(), addNote("Avattu taas", 30, 30)));
    api.join(w.getString("joinCode"), "Bertil");
  }

  private void assertClosed(String id, String publicId) throws Exception {
    Api.Reply refused = api.command(id, fac(), addNote("Suljetulle", 40, 40));
    assertEquals(409, refused.status(), refused.body().encode());
    assertEquals("workshop_closed", refused.errorCode());
    assertEquals("workshop_closed", api.command(id, fac(), new JsonObject().put("op", "presence.hand")
        .put("raised", true)).errorCode());
    JsonObject snapshot = ok(api.get("/api/workshops/" + id, fac()));
    assertNotNull(snapshot.getString("closedAt"));
    assertEquals(1, snapshot.getJsonArray("notes").size());
    ok(api.get("/api/workshops/" + id + "/events?after=0", fac()));
    assertEquals(200, await(api.getAsync("/api/workshops/" + id + "/export?format=json", fac())).statusCode());
    assertEquals(200, api.get("/api/public/" + publicId, null).status());
  }

  @Test
  void archivedWorkshopsAreHiddenFromTheDefaultListAndCanBeRestored() throws Exception {
    JsonObject w = create("Arkistoitava kehittäjäpaja", "blank");
    String id = w.getString("id");
    create("Toinen paja", "blank");
    assertEquals(Set.of(id), list("?q=ARKISTOITAVA").stream().map(o -> ((JsonObject) o).getString("id"))
        .collect(Collectors.toSet()), "search ignores case");

    JsonObject archived = ok(api.post("/api/workshops/" + id + "/archive", fac(), null));
    assertEquals("archived", archived.getString("state"));
    assertNotNull(archived.getString("closedAt"), "archiving closes an open workshop");
    assertNull(listed("", id));
    assertEquals("archived", listed("?archived=true", id).getString("state"));
    assertEquals("workshop_closed", api.command(id, fac(), addNote("x", 1, 1)).errorCode());

    JsonObject restored = ok(api.post("/api/workshops/" + id + "/unarchive", fac(), null));
    assertEquals("closed", restored.getString("state"));
    assertEquals("closed", listed("", id).getString("state"));
    assertNull(listed("?archived=true", id));
  }

  @Test
  void theParticipantCountLeavesOutRemovedPeople() throws Exception {
    JsonObject w = create("Laskettava paja", "blank");
    String id = w.getString("id");
    api.join(w.getString("joinCode"), "Aino");
    JsonObject bertil = api.join(w.getString("joinCode"), "Bertil");
    assertEquals(2, listed("", id).getInteger("participantCount"));
    ok(api.command(id, fac(), new JsonObject().put("op", "participant.remove")
        .put("participantId", bertil.getString("participantId"))));
    // Stored for sure (the board writes its participants at a checkpoint and on stop).
    server.restart();
    api = new Api(vertx, server.port());
    facilitator = null;
    JsonObject after = listed("", id);
    assertEquals(1, after.getInteger("participantCount"), "Bertil was removed");
    assertEquals("live", after.getString("state"), "someone joined, so it has been live");
  }

  @Test
  void duplicateCopiesTheStructureAndNothingPeopleWrote() throws Exception {
    JsonObject w = create("Palvelupolku", "customer-journey");
    String id = w.getString("id");
    JsonObject aino = api.join(w.getString("joinCode"), "Aino");
    JsonObject before = ok(api.get("/api/workshops/" + id, fac()));
    JsonObject map = before.getJsonArray("journeys").getJsonObject(0);
    String lane = map.getJsonArray("lanes").stream().map(JsonObject.class::cast)
        .filter(l -> "text".equals(l.getString("kind")) || "channel".equals(l.getString("kind"))).findFirst()
        .orElseThrow().getString("id");
    ok(api.command(id, aino.getString("token"), new JsonObject().put("op", "journey.cell.text")
        .put("journeyId", map.getString("id")).put("stageId", map.getJsonArray("stages").getJsonObject(0)
            .getString("id"))
        .put("laneId", lane).put("text", "Ainon kokemus")));
    ok(api.command(id, aino.getString("token"), addNote("Ainon lappu", 10, 10)));
    ok(api.command(id, fac(), new JsonObject().put("op", "outcome.create").put("kind", "decision")
        .put("title", "Päätös")));
    // More maps than a template carries (the first two came with the template), one of them without stages, and a
    // phase without instructions: the copy has them all, as they are.
    ok(api.command(id, fac(), new JsonObject().put("op", "journey.create").put("title", "Kolmas kartta")
        .put("kind", "future").put("stages", new JsonArray().add("Alku").add("Loppu"))
        .put("lanes", new JsonArray().add(new JsonObject().put("title", "Tunteet").put("kind", "emotion")))));
    ok(api.command(id, fac(), new JsonObject().put("op", "journey.create").put("title", "Neljäs kartta")
        .put("lanes", new JsonArray().add(new JsonObject().put("title", "Laput").put("kind", "notes")))));
    ok(api.command(id, fac(), new JsonObject().put("op", "phase.add").put("title", "Loppusanat")));
    before = ok(api.get("/api/workshops/" + id, fac()));
    assertTrue(before.getJsonArray("journeys").size() >= 4, before.getJsonArray("journeys").encode());

    JsonObject copy = ok(api.post("/api/workshops/" + id + "/duplicate", fac(),
        new JsonObject().put("title", "Palvelupolku (kopio)")));
    assertEquals("upcoming", copy.getString("state"));
    assertNotEquals(w.getString("joinCode"), copy.getString("joinCode"));
    assertNotEquals(before.getString("publicId"), copy.getString("publicId"));
    JsonObject after = ok(api.get("/api/workshops/" + copy.getString("id"), fac()));
    assertEquals("Palvelupolku (kopio)", after.getString("title"));
    assertEquals(titles(before.getJsonArray("phases")), titles(after.getJsonArray("phases")));
    assertEquals(titles(before.getJsonArray("areas")), titles(after.getJsonArray("areas")));
    JsonObject copiedMap = after.getJsonArray("journeys").getJsonObject(0);
    assertEquals(titles(map.getJsonArray("stages")), titles(copiedMap.getJsonArray("stages")));
    assertEquals(titles(map.getJsonArray("lanes")), titles(copiedMap.getJsonArray("lanes")));
    assertEquals(before.getJsonObject("settings"), after.getJsonObject("settings"));
    assertEquals(structure(before), structure(after), "every map's stages and lanes, every phase's instructions");
    assertEquals(phaseMinutes(before), phaseMinutes(after), "every phase's duration");
    assertTrue(phaseMinutes(after).stream().anyMatch(m -> m != null), "the template's durations were there");
    assertTrue(after.getJsonArray("notes").isEmpty());
    assertTrue(after.getJsonArray("outcomes", new JsonArray()).isEmpty());
    assertEquals(1, after.getJsonArray("participants").size(), "only the facilitator");
    assertFalse(after.encode().contains("Ainon"), "nothing people wrote is copied");
  }

  /** Maps (title, kind, stage titles, lane titles and kinds) and phases (title, instructions) in order. */
  private static List<String> structure(JsonObject snapshot) {
    List<String> out = new ArrayList<>();
    snapshot.getJsonArray("journeys").forEach(o -> {
      JsonObject j = (JsonObject) o;
      out.add("map " + j.getString("title") + " " + j.getString("kind") + " " + titles(j.getJsonArray("stages")));
      j.getJsonArray("lanes").forEach(l -> out.add("lane " + ((JsonObject) l).getString("title") + " "
          + ((JsonObject) l).getString("kind")));
    });
    snapshot.getJsonArray("phases").forEach(o -> out.add("phase " + ((JsonObject) o).getString("title") + ": "
        + ((JsonObject) o).getString("instructions")));
    return out;
  }

  /** Each phase's default duration in minutes (null if none), in phase order. */
  private static List<Integer> phaseMinutes(JsonObject snapshot) {
    JsonObject minutes = snapshot.getJsonObject("defaults", new JsonObject())
        .getJsonObject("phaseMinutes", new JsonObject());
    List<Integer> out = new ArrayList<>();
    snapshot.getJsonArray("phases").forEach(o -> out.add(minutes.getInteger(((JsonObject) o).getString("id"))));
    return out;
  }

  private static List<String> titles(JsonArray items) {
    List<String> out = new ArrayList<>();
    items.forEach(o -> out.add(((JsonObject) o).getString("title")));
    return out;
  }

  @Test
  void deletingLeavesNothingOfTheWorkshopInMongoDb() throws Exception {
    JsonObject w = create("Poistettava paja", "customer-journey");
    String id = w.getString("id");
    String code = w.getString("joinCode");
    JsonObject aino = joinWithDevice(code, "Aino", "deviceAinoAAAAAAAAAAAA");
    JsonObject bertil = joinWithDevice(code, "Bertil", "deviceBertilBBBBBBBBBB");
    ok(api.command(id, aino.getString("token"), addNote("Ainon lappu", 10, 10)));
    JsonObject note = ok(api.command(id, aino.getString("token"), addNote("Toinen", 200, 10)));
    String noteId = note.getString("noteId");
    ok(api.command(id, fac(), new JsonObject().put("op", "note.delete").put("id", noteId)));
    String voteId = ok(api.command(id, fac(), new JsonObject().put("op", "vote.open").put("targets", "notes")
        .put("budget", 3).put("maxPerItem", 3))).getString("voteId");
    assertNotNull(voteId);
    String firstNote = ok(api.get("/api/workshops/" + id, fac())).getJsonArray("notes").getJsonObject(0)
        .getString("id");
    ok(api.command(id, aino.getString("token"), new JsonObject().put("op", "vote.cast").put("targetId", firstNote)));
    ok(api.command(id, fac(), new JsonObject().put("op", "outcome.create").put("kind", "action")
        .put("noteId", firstNote)));
    ok(api.command(id, fac(), new JsonObject().put("op", "participant.remove")
        .put("participantId", bertil.getString("participantId")).put("bar", true)));
    String template = "poistettavan-pohja";
    ok(api.post("/api/workshops/" + id + "/template", fac(), new JsonObject().put("id", template)
        .put("name", "Poistettavan pohja")));
    JsonObject snapshot = ok(api.get("/api/workshops/" + id, fac()));
    String publicId = snapshot.getString("publicId");
    List<String> needles = new ArrayList<>(List.of(id, publicId));
    snapshot.getJsonArray("participants").forEach(p -> needles.add(((JsonObject) p).getString("id")));
    needles.add(bertil.getString("participantId"));
    assertFalse(mentions(needles).isEmpty(), "the scan finds the workshop before it is deleted");

    // The confirmation must name it; anything else changes nothing.
    Api.Reply wrong = delete(id, fac(), new JsonObject().put("confirm", "Poistettava"));
    assertEquals(400, wrong.status());
    assertEquals("confirmation_mismatch", wrong.errorCode());
    assertEquals(403, delete(id, aino.getString("token"), new JsonObject().put("confirm", "Poistettava paja"))
        .status());
    ok(api.get("/api/workshops/" + id, fac()));

    assertEquals(204, delete(id, fac(), new JsonObject().put("confirm", "Poistettava paja").put("templates", true))
        .status());
    assertEquals(List.of(), mentions(needles));
    assertGone(id, publicId, code, template);

    server.restart();
    api = new Api(vertx, server.port());
    facilitator = null;
    assertEquals(List.of(), mentions(needles));
    assertGone(id, publicId, code, template);
  }

  private void assertGone(String id, String publicId, String code, String template) throws Exception {
    assertEquals(404, api.get("/api/workshops/" + id, fac()).status());
    assertEquals(404, api.command(id, fac(), addNote("x", 1, 1)).status());
    assertEquals(404, api.get("/api/public/" + publicId, null).status());
    assertEquals("unknown_join_code", api.post("/api/join", null, new JsonObject().put("code", code)
        .put("name", "Cecilia")).errorCode());
    assertEquals("unknown_template", api.get("/api/templates/" + template, null).errorCode());
    assertEquals(404, delete(id, fac(), new JsonObject().put("confirm", "Poistettava paja")).status());
    assertNull(listed("", id));
    assertNull(listed("?archived=true", id));
  }

  private Api.Reply delete(String id, String token, JsonObject body) throws Exception {
    var response = await(io.vertx.ext.web.client.WebClient.create(vertx)
        .delete(server.port(), "127.0.0.1", "/api/workshops/" + id)
        .putHeader("Authorization", "Bearer " + token).putHeader("Content-Type", "application/json")
        .sendBuffer(body.toBuffer()));
    var payload = response.body();
    return new Api.Reply(response.statusCode(),
        payload == null || payload.length() == 0 ? new JsonObject() : new JsonObject(payload));
  }

  /** Every document in every collection that mentions any of these strings: "collection: document". */
  private List<String> mentions(List<String> needles) throws Exception {
    return StoredData.mentions(server.storage().mongo(), needles);
  }

  @Test
  void thePresenterViewsQrCodeDecodesToTheJoinLink() throws Exception {
    JsonObject w = create("Esitettävä paja", "blank");
    String id = w.getString("id");
    String origin = "http://127.0.0.1:" + server.port();
    Api.Reply foreign = api.get("/api/workshops/" + id + "/presenter?origin=https%3A%2F%2Fevil.example", fac());
    assertEquals(400, foreign.status());
    JsonObject presenter = ok(api.get("/api/workshops/" + id + "/presenter?origin="
        + java.net.URLEncoder.encode(origin, java.nio.charset.StandardCharsets.UTF_8), fac()));
    assertEquals(origin + "/?code=" + w.getString("joinCode"), presenter.getString("joinUrl"));
    assertEquals(w.getString("joinCode"), presenter.getString("joinCode"));
    assertEquals(presenter.getString("joinUrl"), decode(presenter.getJsonObject("qr")));
    JsonObject aino = api.join(w.getString("joinCode"), "Aino");
    assertEquals(403, api.get("/api/workshops/" + id + "/presenter?origin=" + origin, aino.getString("token"))
        .status());
  }

  /** Draws the modules 8 pixels each with a 4-module quiet zone, and reads them with ZXing. */
  private static String decode(JsonObject qr) throws Exception {
    int size = qr.getInteger("size");
    int scale = 8;
    int full = (size + 8) * scale;
    int[] pixels = new int[full * full];
    java.util.Arrays.fill(pixels, 0xFFFFFFFF);
    JsonArray rows = qr.getJsonArray("rows");
    for (int y = 0; y < size; y++) {
      String row = rows.getString(y);
      for (int x = 0; x < size; x++) {
        if (row.charAt(x) == '1') {
          for (int dy = 0; dy < scale; dy++) {
            for (int dx = 0; dx < scale; dx++) {
              pixels[((y + 4) * scale + dy) * full + (x + 4) * scale + dx] = 0xFF000000;
            }
          }
        }
      }
    }
    LuminanceSource source = new RGBLuminanceSource(full, full, pixels);
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
  }
}
