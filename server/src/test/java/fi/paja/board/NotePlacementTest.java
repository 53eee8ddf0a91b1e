package fi.paja.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.config.Limits;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where the server puts notes: a reveal moves notes off each other, a tidy-up lays them out, a new note finds room. */
class NotePlacementTest {

  private static final String FAC = "facilitator1";
  private static final List<String> PEOPLE = List.of("participant1", "participant2", "participant3");
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  private final AtomicInteger ids = new AtomicInteger();
  private final List<Event> log = new ArrayList<>();
  private Board board;
  private Instant now = T0;

  @BeforeEach
  void newBoard() {
    board = newEmptyBoard();
    List<Participant> people = new ArrayList<>();
    people.add(new Participant(FAC, "Fasilitaattori", Participant.FACILITATOR));
    PEOPLE.forEach(p -> people.add(new Participant(p, "Name " + p, Participant.PARTICIPANT)));
    board.restore(0, List.of(), people);
  }

  private Board newEmptyBoard() {
    return new Board("11111111-2222-3333-4444-555555555555",
        () -> String.format("gen-note-%04d", ids.incrementAndGet()));
  }

  private Board.Outcome run(Command c, String by) {
    now = now.plusMillis(1);
    Board.Outcome outcome = board.handle(c, by, now);
    log.addAll(outcome.events());
    return outcome;
  }

  private String add(String by, double x, double y) {
    return run(new Command.AddNote(Optional.empty(), "note by " + by, x, y, "yellow"), by).reply().getString("noteId");
  }

  private static boolean overlap(JsonObject a, JsonObject b) {
    return Math.abs(a.getDouble("x") - b.getDouble("x")) < Limits.NOTE_WIDTH
        && Math.abs(a.getDouble("y") - b.getDouble("y")) < Limits.NOTE_HEIGHT;
  }

  private static void assertNoOverlap(JsonArray notes) {
    for (int i = 0; i < notes.size(); i++) {
      for (int j = i + 1; j < notes.size(); j++) {
        assertFalse(overlap(notes.getJsonObject(i), notes.getJsonObject(j)),
            "overlap: " + notes.getJsonObject(i) + " and " + notes.getJsonObject(j));
      }
    }
  }

  private Map<String, String> positions(JsonArray notes) {
    Map<String, String> out = new HashMap<>();
    notes.forEach(o -> {
      JsonObject n = (JsonObject) o;
      out.put(n.getString("id"), n.getDouble("x") + "," + n.getDouble("y"));
    });
    return out;
  }

  private JsonArray snapshotNotes(String who) {
    Participant p = board.participant(who);
    return board.snapshotFor(Visibility.Viewer.of(p), now.toEpochMilli()).getJsonArray("notes");
  }

  private Board replayed() {
    Board again = newEmptyBoard();
    List<Participant> people = new ArrayList<>();
    people.add(new Participant(FAC, "Fasilitaattori", Participant.FACILITATOR));
    PEOPLE.forEach(p -> people.add(new Participant(p, "Name " + p, Participant.PARTICIPANT)));
    again.restore(0, List.of(), people);
    log.forEach(e -> again.apply(Event.fromJson(new JsonObject(e.toJson().encode()))));
    return again;
  }

  // --- reveal ------------------------------------------------------------------------------------------------

  @Test
  void afterARevealOfNotesWrittenAtTheSameSpotNoTwoNotesOverlapForAnyMemberNorAfterReplay() {
    run(new Command.UpdateSettings(new JsonObject().put("privateMode", true)), FAC);
    for (String p : PEOPLE) {
      for (int i = 0; i < 3; i++) {
        add(p, 100, 100);
      }
    }
    assertEquals(3, snapshotNotes(PEOPLE.get(0)).size(), "in private mode each sees her own");

    Board.Outcome reveal = run(new Command.RevealNotes(), FAC);

    assertEquals(9, reveal.reply().getInteger("revealed"));
    assertEquals(8, reveal.reply().getJsonArray("moved").size(), "the oldest note keeps its spot");
    Map<String, String> seenByFirst = positions(snapshotNotes(PEOPLE.get(0)));
    assertEquals(9, seenByFirst.size());
    for (String who : List.of(FAC, PEOPLE.get(0), PEOPLE.get(1), PEOPLE.get(2))) {
      JsonArray notes = snapshotNotes(who);
      assertNoOverlap(notes);
      assertEquals(seenByFirst, positions(notes), who + " sees the same positions");
    }
    Board again = replayed();
    assertEquals(board.toJson().getJsonArray("notes"), again.toJson().getJsonArray("notes"), "replay");
  }

  @Test
  void aRevealKeepsVisibleNotesWhereTheyAreAndMovesARevealedOneToTheNearestFreeSpot() {
    String visible = add(PEOPLE.get(0), 0, 0);
    run(new Command.UpdateSettings(new JsonObject().put("privateMode", true)), FAC);
    String hidden = add(PEOPLE.get(1), 50, 10);
    String apart = add(PEOPLE.get(2), 5000, 5000);

    run(new Command.RevealNotes(), FAC);

    assertEquals(0, board.note(visible).x());
    assertEquals(0, board.note(visible).y());
    // Straight below (one note height) is the nearest of the note-sized steps around 50, 10.
    assertEquals(50, board.note(hidden).x());
    assertEquals(130, board.note(hidden).y());
    assertEquals(5000, board.note(apart).x(), "a note that covers nothing stays");
    assertFalse(board.note(hidden).hidden());
  }

  @Test
  void theRevealEventCarriesThePositionsSoOneSeenByAMemberIsWhereHerSnapshotHasIt() {
    run(new Command.UpdateSettings(new JsonObject().put("privateMode", true)), FAC);
    add(PEOPLE.get(0), 0, 0);
    String second = add(PEOPLE.get(1), 0, 0);
    Event revealed = run(new Command.RevealNotes(), FAC).events().get(0);

    JsonObject forThird = Visibility.filter(revealed.toJson(), new Visibility.Viewer(PEOPLE.get(2), false));
    JsonObject inEvent = forThird.getJsonArray("notes").stream().map(o -> (JsonObject) o)
        .filter(n -> n.getString("id").equals(second)).findFirst().orElseThrow();
    assertEquals(board.note(second).y(), inEvent.getDouble("y"));
    assertEquals(Limits.NOTE_HEIGHT, inEvent.getDouble("y"));
  }

  // --- notes.arrange -----------------------------------------------------------------------------------------

  @Test
  void arrangeByGroupPutsEachGroupsNotesInABlockSideBySideAndLooseNotesLast() {
    String a1 = add(FAC, 500, 500);
    String a2 = add(FAC, 900, 100);
    String b1 = add(FAC, 100, 900);
    String loose = add(FAC, 300, 300);
    run(new Command.CreateCluster(Optional.of("group-aaaa"), "A", List.of(a1, a2)), FAC);
    run(new Command.CreateCluster(Optional.of("group-bbbb"), "B", List.of(b1)), FAC);

    Board.Outcome outcome = run(new Command.ArrangeNotes(Optional.empty(), "group"), FAC);

    assertEquals(1, outcome.events().size(), "one event, one step for everyone");
    assertEquals(4, outcome.reply().getInteger("arranged"));
    double step = Limits.NOTE_WIDTH + Limits.ARRANGE_GAP;
    // Group A (2 notes: 2 columns) from the top-left corner of all notes, in reading order: a2 is higher up.
    assertEquals(List.of(100.0, 100.0), List.of(board.note(a2).x(), board.note(a2).y()));
    assertEquals(List.of(100.0 + step, 100.0), List.of(board.note(a1).x(), board.note(a1).y()));
    double groupB = 100 + 2 * step + Limits.ARRANGE_GAP;
    assertEquals(groupB, board.note(b1).x());
    assertEquals(groupB + step + Limits.ARRANGE_GAP, board.note(loose).x());
    assertNoOverlap(snapshotNotes(PEOPLE.get(0)));
    assertEquals(board.toJson().getJsonArray("notes"), replayed().toJson().getJsonArray("notes"), "replay");
  }

  @Test
  void arrangeByColorGroupsNotesOfOneColour() {
    String pink = run(new Command.AddNote(Optional.empty(), "p", 0, 0, "pink"), FAC).reply().getString("noteId");
    String yellow = add(FAC, 10, 10);
    run(new Command.ArrangeNotes(Optional.empty(), "color"), FAC);
    assertTrue(board.note(yellow).x() < board.note(pink).x(), "yellow comes first, as in the list of colours");
    assertNoOverlap(snapshotNotes(FAC));
  }

  @Test
  void onlyFacilitatorsArrangeAndOnlyNotesEveryoneSees() {
    add(PEOPLE.get(0), 0, 0);
    PajaException refused = assertThrows(PajaException.class,
        () -> run(new Command.ArrangeNotes(Optional.empty(), "group"), PEOPLE.get(0)));
    assertEquals(ErrorCode.FORBIDDEN, refused.code());

    run(new Command.UpdateSettings(new JsonObject().put("privateMode", true)), FAC);
    String hidden = add(PEOPLE.get(1), 7, 7);
    PajaException notShown = assertThrows(PajaException.class,
        () -> run(new Command.ArrangeNotes(Optional.of(List.of(hidden)), "group"), FAC));
    assertEquals(ErrorCode.NOTE_NOT_FOUND, notShown.code());
    run(new Command.ArrangeNotes(Optional.empty(), "group"), FAC);
    assertEquals(7, board.note(hidden).x(), "a private note is not arranged (its place would tell it is there)");
  }

  // --- note.add without a position ---------------------------------------------------------------------------

  @Test
  void aNoteAddedWithoutAPositionLandsOnAFreeSpotAmongTheNotesItsAuthorSees() {
    add(PEOPLE.get(0), 0, 0);
    Board.Outcome outcome = run(new Command.AddNote(Optional.empty(), "free", 0, 0, "yellow", true), PEOPLE.get(1));
    Note placed = board.note(outcome.reply().getString("noteId"));
    assertEquals(List.of(0.0, Limits.NOTE_HEIGHT), List.of(placed.x(), placed.y()));
    assertEquals(Limits.NOTE_HEIGHT, outcome.reply().getDouble("y"));
  }

  @Test
  void aNoteAddedWithoutAPositionDoesNotAvoidANoteItsAuthorCannotSee() {
    run(new Command.UpdateSettings(new JsonObject().put("privateMode", true)), FAC);
    add(PEOPLE.get(0), 0, 0);
    Board.Outcome outcome = run(new Command.AddNote(Optional.empty(), "free", 0, 0, "yellow", true), PEOPLE.get(1));
    Note placed = board.note(outcome.reply().getString("noteId"));
    assertEquals(List.of(0.0, 0.0), List.of(placed.x(), placed.y()), "the reveal moves them apart later");
  }
}
