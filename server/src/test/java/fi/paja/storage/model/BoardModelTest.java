package fi.paja.storage.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The crash test's model itself: where it is wrong, ModelCrashIT reports a loss that did not happen. */
class BoardModelTest {

  private static Map<String, Object> boardWithAJourney() {
    Map<String, Object> observed = new HashMap<>();
    observed.put("journey:j", true);
    observed.put("journey:j.title", "Polku");
    observed.put("journey:j.stages", List.of("s1", "s2"));
    observed.put("journey:j.lanes", List.of("l"));
    observed.put("journey:j.stage:s1", "Ennen");
    observed.put("journey:j.stage:s2", "Jälkeen");
    observed.put("journey:j.lane:l", "Lappuja");
    observed.put("cell:j/s1/l", true);
    observed.put("cell:j/s2/l", true);
    return observed;
  }

  private static Map<String, Object> withNote(Map<String, Object> observed) {
    Map<String, Object> out = new HashMap<>(observed);
    out.put("note:n", true);
    out.put("note:n.text", "Jono");
    out.put("note:n.cell", "j/s1/l");
    out.put("note:n.cluster", BoardModel.NONE);
    return out;
  }

  private static JsonObject op(String op) {
    return new JsonObject().put("op", op);
  }

  @Test
  void aNoteDeletedInOneRoundWhoseColumnGoesInTheNextIsRestoredOnTheCanvas() {
    BoardModel round1 = BoardModel.of(withNote(boardWithAJourney()));
    round1.apply(op("note.delete").put("id", "n"), "f", new JsonObject(), null, false);

    BoardModel round2 = round1.then(boardWithAJourney());
    round2.apply(op("journey.stage.remove").put("journeyId", "j").put("stageId", "s1"), "f", new JsonObject(), null,
        false);
    round2.apply(op("note.restore").put("id", "n"), "f", new JsonObject(), null, false);

    assertEquals(Set.of(BoardModel.NONE), round2.allowed("note:n.cell"));
    assertEquals(Set.of(true), round2.allowed("note:n"));
  }

  @Test
  void aNoteDeletedInOneRoundWhoseJourneyGoesInTheNextIsRestoredOnTheCanvas() {
    BoardModel round1 = BoardModel.of(withNote(boardWithAJourney()));
    round1.apply(op("note.delete").put("id", "n"), "f", new JsonObject(), null, false);

    BoardModel round2 = round1.then(boardWithAJourney());
    round2.apply(op("journey.remove").put("id", "j"), "f", new JsonObject(), null, false);
    round2.apply(op("note.restore").put("id", "n"), "f", new JsonObject(), null, false);

    assertEquals(Set.of(BoardModel.NONE), round2.allowed("note:n.cell"));
  }

  @Test
  void aNoteDeletedAndRestoredWithItsColumnStandingIsBackInItsCell() {
    BoardModel round1 = BoardModel.of(withNote(boardWithAJourney()));
    round1.apply(op("note.delete").put("id", "n"), "f", new JsonObject(), null, false);

    BoardModel round2 = round1.then(boardWithAJourney());
    round2.apply(op("journey.stage.remove").put("journeyId", "j").put("stageId", "s2"), "f", new JsonObject(), null,
        false);
    round2.apply(op("note.restore").put("id", "n"), "f", new JsonObject(), null, false);

    assertEquals(Set.of("j/s1/l"), round2.allowed("note:n.cell"));
  }

  @Test
  void aDeletedNoteStaysWhereItWasWhenItsGroupMoves() {
    Map<String, Object> observed = withNote(boardWithAJourney());
    observed.put("note:n.cell", BoardModel.NONE);
    observed.put("note:n.cluster", "g");
    observed.put("note:n.x", 100.0);
    observed.put("note:n.y", 50.0);
    observed.put("cluster:g", true);
    observed.put("cluster:g.title", "Jonot");
    observed.put("note:m", true);
    observed.put("note:m.cluster", "g");
    observed.put("note:m.x", 300.0);
    observed.put("note:m.y", 50.0);
    BoardModel round1 = BoardModel.of(observed);
    round1.apply(op("note.delete").put("id", "n"), "f", new JsonObject(), null, false);
    round1.apply(op("cluster.move").put("id", "g").put("dx", 40).put("dy", 0), "f", new JsonObject(), null, false);
    round1.apply(op("note.restore").put("id", "n"), "f", new JsonObject(), null, false);

    assertEquals(Set.of(100.0), round1.allowed("note:n.x"));
    assertEquals(Set.of(340.0), round1.allowed("note:m.x"));
  }

  @Test
  void aJourneyMapWhoseCreatorCouldNotReadItMayHaveAnyStagesAndLanes() {
    BoardModel model = BoardModel.of(new HashMap<>());
    model.apply(op("journey.create").put("title", "Polku"), "f", new JsonObject().put("journeyId", "j"), null, false);
    Map<String, Object> observed = boardWithAJourney();
    observed.put("journey:j.kind", "current");

    assertEquals(List.of(), model.mismatches(observed));
    observed.put("journey:j.title", "Toinen");
    assertEquals(1, model.mismatches(observed).size());
  }
}
