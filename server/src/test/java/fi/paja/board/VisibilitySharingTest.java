package fi.paja.board;

import static fi.paja.board.FacilitationFixture.COFAC;
import static fi.paja.board.FacilitationFixture.OBS;
import static fi.paja.board.FacilitationFixture.OWNER;
import static fi.paja.board.FacilitationFixture.PAT;
import static fi.paja.board.FacilitationFixture.PIA;
import static fi.paja.board.FacilitationFixture.cast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The fan-out filters each event once per kind of viewer and hands that one copy to everyone of the kind it is not
 * personal to ({@link Visibility#personalTo}). These tests hold that sharing to what {@link Visibility#filter}
 * gives each member on their own, over a session that uses every visibility rule.
 */
class VisibilitySharingTest {

  private static final List<String> EVERYONE = List.of(OWNER, COFAC, PAT, PIA, OBS);

  private final FacilitationFixture f = new FacilitationFixture();
  private final List<Event> events = new ArrayList<>();

  private void run(Command command, String actor) {
    events.addAll(f.handle(command, actor).events());
  }

  private void session() {
    run(new Command.UpdateSettings(new JsonObject().put("privateMode", true)), OWNER);
    run(FacilitationFixture.addCmd("pat's hidden idea"), PAT);
    String hidden = events.get(events.size() - 1).toJson().getJsonObject("note").getString("id");
    run(new Command.UpdateNote(hidden, Optional.of("pat's idea, edited"), Optional.empty()), PAT);
    run(new Command.MoveNote(hidden, 30, 40), PAT);
    run(FacilitationFixture.addCmd("pia's hidden idea"), PIA);
    run(new Command.RevealNotes(), OWNER);
    run(new Command.UpdateSettings(new JsonObject().put("privateMode", false).put("anonymous", true)), OWNER);
    run(FacilitationFixture.addCmd("anonymous by pat"), PAT);
    String anon = events.get(events.size() - 1).toJson().getJsonObject("note").getString("id");
    run(FacilitationFixture.addCmd("anonymous by pia"), PIA);
    String anon2 = events.get(events.size() - 1).toJson().getJsonObject("note").getString("id");
    Board.Outcome grouped = f.handle(new Command.CreateCluster(Optional.empty(), "group", List.of(hidden, anon, anon2)),
        COFAC);
    events.addAll(grouped.events());
    String cluster = grouped.reply().getString("clusterId");
    run(new Command.MoveCluster(cluster, 5, 5), OWNER);
    run(new Command.UpdateSettings(new JsonObject().put("privateMode", true)), OWNER);
    run(FacilitationFixture.addCmd("pia's hidden idea in the group"), PIA);
    String grouped2 = events.get(events.size() - 1).toJson().getJsonObject("note").getString("id");
    run(new Command.AddToCluster(cluster, grouped2), PIA);
    run(new Command.MoveCluster(cluster, -5, 5), PAT);
    run(new Command.UpdateSettings(new JsonObject().put("privateMode", false)), OWNER);
    run(new Command.UpdateSettings(new JsonObject().put("anonymousToFacilitators", true)), OWNER);
    run(new Command.MoveNote(anon, 1, 2), PIA);
    run(new Command.OpenVote("notes", 3, 2, true, Optional.empty()), OWNER);
    run(cast(anon), PAT);
    run(cast(anon), PIA);
    run(new Command.CloseVote(), OWNER);
    run(new Command.OpenVote("notes", 3, 2, false, Optional.empty()), OWNER);
    run(cast(hidden), PIA);
    run(new Command.SetRole(PIA, Participant.COFACILITATOR), OWNER);
    run(new Command.DissolveCluster(cluster), OWNER);
    run(new Command.DeleteNote(anon2), PIA);
    run(new Command.RemoveParticipant(OBS), OWNER);
  }

  @Test
  void everyoneAnEventIsNotPersonalToSeesTheSameAsOthersOfTheirKind() {
    session();
    int shared = 0;
    for (Event event : events) {
      JsonObject json = event.toJson();
      for (String a : EVERYONE) {
        for (String b : EVERYONE) {
          Visibility.Viewer va = f.viewer(a);
          Visibility.Viewer vb = f.viewer(b);
          if (a.equals(b) || va.facilitator() != vb.facilitator()
              || Visibility.personalTo(json).contains(a) || Visibility.personalTo(json).contains(b)) {
            continue;
          }
          shared++;
          assertEquals(Visibility.filter(json, va), Visibility.filter(json, vb),
              () -> json.getString("type") + " seen by " + a + " and " + b);
        }
      }
    }
    assertTrue(shared > 100, "the session compared too few shared copies: " + shared);
  }

  @Test
  void anEventIsPersonalToTheAuthorOfItsNote() {
    String note = f.addNote(PAT, "mine");
    JsonObject moved = f.handle(new Command.MoveNote(note, 3, 4), PIA).events().get(0).toJson();
    assertTrue(Visibility.personalTo(moved).contains(PAT), "author");
    assertTrue(Visibility.personalTo(moved).contains(PIA), "the one who moved it");
    assertFalse(Visibility.personalTo(moved).contains(OWNER));
  }

  @Test
  void aRevealIsPersonalToTheAuthorOfAnyNoteItReveals() {
    f.settings("{\"privateMode\":true}");
    f.addNote(PAT, "a");
    f.addNote(PIA, "b");
    JsonObject revealed = f.handle(new Command.RevealNotes(), OWNER).events().get(0).toJson();
    assertTrue(Visibility.personalTo(revealed).contains(PAT));
    assertTrue(Visibility.personalTo(revealed).contains(PIA));
    assertFalse(Visibility.personalTo(revealed).contains(COFAC));
  }

  @Test
  void aRoleChangeIsPersonalToWhomItConcerns() {
    JsonObject role = f.handle(new Command.SetRole(PAT, Participant.OBSERVER), OWNER).events().get(0).toJson();
    assertTrue(Visibility.personalTo(role).contains(PAT));
    assertFalse(Visibility.personalTo(role).contains(PIA));
  }
}
