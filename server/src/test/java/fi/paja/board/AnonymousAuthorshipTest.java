package fi.paja.board;

import static fi.paja.board.FacilitationFixture.OWNER;
import static fi.paja.board.FacilitationFixture.PAT;
import static fi.paja.board.FacilitationFixture.PIA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.export.ExportView;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * A note written anonymously keeps its author hidden for ever: turning anonymity off later reveals the authors of
 * notes written after that, not before — in snapshots, in events about the note (who moved it), and in exports.
 */
class AnonymousAuthorshipTest {

  private static JsonObject noteIn(JsonObject snapshot, String id) {
    return snapshot.getJsonArray("notes").stream().map(JsonObject.class::cast)
        .filter(n -> n.getString("id").equals(id)).findFirst().orElseThrow();
  }

  @Test
  void hiddenFromFacilitatorsTooStaysHiddenFromEveryone() {
    FacilitationFixture f = new FacilitationFixture();
    f.settings("{\"anonymous\": true, \"anonymousToFacilitators\": true}");
    String secret = f.addNote(PAT, "kirjoitettu nimettömänä");
    f.settings("{\"anonymous\": false, \"anonymousToFacilitators\": false}");
    String open = f.addNote(PAT, "kirjoitettu nimellä");

    for (String viewer : new String[] {OWNER, PIA}) {
      assertNull(noteIn(f.snapshotFor(viewer), secret).getString("authorId"), viewer);
      assertEquals(PAT, noteIn(f.snapshotFor(viewer), open).getString("authorId"), viewer);
      // Who moves it would tell who wrote it.
      JsonObject moved = f.seenBy(f.handle(new Command.MoveNote(secret, 5, 5), PAT).events().get(0), viewer);
      assertFalse(moved.containsKey("by"), viewer + ": " + moved);
      assertNull(moved.getJsonObject("note") == null ? null : moved.getJsonObject("note").getString("authorId"));
    }
    assertTrue(noteIn(f.snapshotFor(PAT), secret).getBoolean("mine"), "its author still knows it is hers");

    JsonObject export = ExportView.of(f.snapshotFor(OWNER));
    assertNull(noteIn(export, secret).getString("author"));
    assertEquals("Pat", noteIn(export, open).getString("author"));
  }

  @Test
  void hiddenFromParticipantsOnlyStaysSoAndOutOfExports() {
    FacilitationFixture f = new FacilitationFixture();
    f.settings("{\"anonymous\": true}");
    String note = f.addNote(PAT, "kirjoitettu nimettömänä");
    f.settings("{\"anonymous\": false}");

    assertEquals(PAT, noteIn(f.snapshotFor(OWNER), note).getString("authorId"), "facilitators could always see it");
    assertNull(noteIn(f.snapshotFor(PIA), note).getString("authorId"));
    assertNull(noteIn(ExportView.of(f.snapshotFor(OWNER)), note).getString("author"), "an export goes further");
  }
}
