package fi.paja.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.board.Board;
import fi.paja.board.Command;
import fi.paja.board.Event;
import fi.paja.board.Note;
import fi.paja.board.Participant;
import fi.paja.board.Visibility;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docs/PROTOCOL.md, "Journey-map commands": how a board keeps its journey maps. */
class JourneyBoardTest {

  private static final String WORKSHOP = "11111111-2222-3333-4444-555555555555";
  private static final String FAC = "facil-0001";
  private static final String COFAC = "cofac-0002";
  private static final String PART = "party-0003";
  private static final String OBS = "obser-0004";
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final Instant T1 = Instant.parse("2024-05-01T10:05:00Z");

  private static final int NOTES = 0;
  private static final int CHANNEL = 1;
  private static final int TEXT = 2;
  private static final int EMOTION = 3;

  private final AtomicInteger ids = new AtomicInteger();
  private final List<Event> log = new ArrayList<>();
  private Board board;
  private String journeyId;

  @BeforeEach
  void boardWithAMap() {
    board = newBoard();
    journeyId = handle(new Command.CreateJourney("Palvelupolku", "current", List.of("Alku", "Keskellä", "Loppu"),
        List.of(new Command.LaneSpec("Mitä tekee", "notes"), new Command.LaneSpec("Kanavat", "channel"),
            new Command.LaneSpec("Ajatukset", "text"), new Command.LaneSpec("Tunteet", "emotion"))),
        FAC)
        .reply().getString("journeyId");
  }

  private Board newBoard() {
    Board b = new Board(WORKSHOP, () -> String.format("gen-id-%04d", ids.incrementAndGet()));
    b.restore(0, List.of(), people());
    return b;
  }

  private static List<Participant> people() {
    return List.of(new Participant(FAC, "Facilitator", Participant.FACILITATOR),
        new Participant(COFAC, "Helper", Participant.COFACILITATOR),
        new Participant(PART, "Asiakas", Participant.PARTICIPANT),
        new Participant(OBS, "Katsoja", Participant.OBSERVER));
  }

  private Board.Outcome handle(Command command, String actor) {
    Board.Outcome outcome = board.handle(command, actor, T0);
    log.addAll(outcome.events());
    return outcome;
  }

  /** Asserts the command is refused and changes nothing; returns the code. */
  private ErrorCode refusal(Command command, String actor) {
    JsonObject before = board.toJson();
    PajaException e = assertThrows(PajaException.class, () -> board.handle(command, actor, T1),
        () -> "expected " + command + " by " + actor + " to be refused");
    assertEquals(before, board.toJson(), "a refused command changes nothing");
    return e.code();
  }

  private Journey journey() {
    return board.journey(journeyId);
  }

  private String stage(int i) {
    return journey().stages().get(i).id();
  }

  private String lane(int i) {
    return journey().lanes().get(i).id();
  }

  private List<String> stageIds() {
    return journey().stages().stream().map(Journey.Stage::id).toList();
  }

  private List<String> stageTitles() {
    return journey().stages().stream().map(Journey.Stage::title).toList();
  }

  private List<String> laneTitles() {
    return journey().lanes().stream().map(Journey.Lane::title).toList();
  }

  private String addNote(String text, String actor) {
    return handle(new Command.AddNote(Optional.empty(), text, 10, 20, "yellow"), actor).reply().getString("noteId");
  }

  private Command.PlaceNote place(String noteId, int stage, int lane) {
    return new Command.PlaceNote(noteId, Optional.of(new Note.Cell(journeyId, stage(stage), lane(lane))));
  }

  private Command.CellText text(int stage, int lane, String text) {
    return new Command.CellText(journeyId, stage(stage), lane(lane), text);
  }

  private Command.CellEmotion emotion(int stage, Integer score, String why) {
    return new Command.CellEmotion(journeyId, stage(stage), lane(EMOTION), Optional.ofNullable(score), why);
  }

  private Command.JourneyStructure structure(String part, String action, String itemId, String title, String kind,
                                             Integer index) {
    return new Command.JourneyStructure(part, action, journeyId, Optional.ofNullable(itemId),
        Optional.ofNullable(title), Optional.ofNullable(kind), Optional.ofNullable(index));
  }

  private static Journey changedJourney(Event event) {
    assertEquals("journey.changed", event.type());
    return ((Event.JourneyChanged) event.change()).journey();
  }

  // --- journey.create / update / remove ----------------------------------------------------------------------

  @Test
  void creatingAMapRepliesItsIdAndEmitsTheWholeMap() {
    Board.Outcome outcome = handle(new Command.CreateJourney("Tuleva polku", "future", List.of("Yksi", "Kaksi"),
        List.of(new Command.LaneSpec("Tunteet", "emotion"))), FAC);

    String id = outcome.reply().getString("journeyId");
    assertNotNull(id);
    assertEquals(1, outcome.events().size());
    JsonObject wire = outcome.events().get(0).toJson();
    assertEquals("journey.changed", wire.getString("type"));
    JsonObject map = wire.getJsonObject("journey");
    assertEquals(id, map.getString("id"));
    assertEquals("Tuleva polku", map.getString("title"));
    assertEquals("future", map.getString("kind"));
    assertEquals(List.of("Yksi", "Kaksi"), map.getJsonArray("stages").stream()
        .map(s -> ((JsonObject) s).getString("title")).toList());
    assertEquals("emotion", map.getJsonArray("lanes").getJsonObject(0).getString("kind"));
    assertTrue(map.getJsonArray("cells").isEmpty());
    assertEquals(board.journey(id).toJson(), map);
  }

  @Test
  void aCreatedMapHasItsStagesAndLanesInTheGivenOrderWithDistinctIds() {
    assertEquals(List.of("Alku", "Keskellä", "Loppu"), stageTitles());
    assertEquals(List.of("Mitä tekee", "Kanavat", "Ajatukset", "Tunteet"), laneTitles());
    assertEquals(List.of("notes", "channel", "text", "emotion"), journey().lanes().stream().map(Journey.Lane::kind)
        .toList());
    List<String> all = new ArrayList<>(stageIds());
    journey().lanes().forEach(l -> all.add(l.id()));
    all.add(journeyId);
    assertEquals(all.size(), all.stream().distinct().count());
  }

  @Test
  void aCofacilitatorCanCreateAMap() {
    String id = handle(new Command.CreateJourney("Toinen", "current", List.of(), List.of()), COFAC)
        .reply().getString("journeyId");

    assertNotNull(board.journey(id));
  }

  @Test
  void aParticipantCannotCreateAMap() {
    assertEquals(ErrorCode.FORBIDDEN,
        refusal(new Command.CreateJourney("Oma", "current", List.of(), List.of()), PART));
    assertEquals(1, board.journeys().size());
  }

  @Test
  void aParticipantCannotUpdateOrRemoveAMap() {
    assertEquals(ErrorCode.FORBIDDEN,
        refusal(new Command.UpdateJourney(journeyId, Optional.of("Uusi nimi"), Optional.empty()), PART));
    assertEquals(ErrorCode.FORBIDDEN, refusal(new Command.RemoveJourney(journeyId), PART));
  }

  @Test
  void aParticipantCannotChangeStagesOrLanes() {
    List<Command> structural = List.of(
        structure("stage", "add", null, "Uusi", null, null),
        structure("stage", "update", stage(0), "Uusi", null, null),
        structure("stage", "move", stage(0), null, null, 2),
        structure("stage", "remove", stage(0), null, null, null),
        structure("lane", "add", null, "Uusi", "text", null),
        structure("lane", "update", lane(0), "Uusi", null, null),
        structure("lane", "move", lane(0), null, null, 2),
        structure("lane", "remove", lane(0), null, null, null));
    for (Command c : structural) {
      assertEquals(ErrorCode.FORBIDDEN, refusal(c, PART), c.op());
    }
  }

  @Test
  void anObserverCannotFillInCells() {
    String noteId = addNote("Soitin", PART);

    assertEquals(ErrorCode.FORBIDDEN, refusal(text(0, TEXT, "Ajattelen"), OBS));
    assertEquals(ErrorCode.FORBIDDEN, refusal(emotion(0, 1, null), OBS));
    assertEquals(ErrorCode.FORBIDDEN, refusal(place(noteId, 0, NOTES), OBS));
  }

  @Test
  void anObserverCannotCreateAMap() {
    assertEquals(ErrorCode.FORBIDDEN,
        refusal(new Command.CreateJourney("Oma", "current", List.of(), List.of()), OBS));
  }

  @Test
  void updatingAMapChangesItsTitleAndKindAndEmitsTheWholeMap() {
    Board.Outcome outcome = handle(new Command.UpdateJourney(journeyId, Optional.of("Uusi polku"),
        Optional.of("future")), FAC);

    Journey changed = changedJourney(outcome.events().get(0));
    assertEquals("Uusi polku", changed.title());
    assertEquals("future", changed.kind());
    assertEquals(List.of("Alku", "Keskellä", "Loppu"), changed.stages().stream().map(Journey.Stage::title).toList());
    assertEquals(changed, journey());
  }

  @Test
  void updatingOnlyTheKindKeepsTheTitle() {
    handle(new Command.UpdateJourney(journeyId, Optional.empty(), Optional.of("future")), FAC);

    assertEquals("Palvelupolku", journey().title());
    assertEquals("future", journey().kind());
  }

  @Test
  void removingAMapEmitsJourneyRemoved() {
    Board.Outcome outcome = handle(new Command.RemoveJourney(journeyId), FAC);

    Event last = outcome.events().get(outcome.events().size() - 1);
    assertEquals("journey.removed", last.type());
    assertEquals(journeyId, last.toJson().getString("id"));
    assertNull(board.journey(journeyId));
    assertTrue(board.journeys().isEmpty());
  }

  @Test
  void removingAMapPutsItsNotesBackOnTheCanvas() {
    String placed = addNote("Soitin", PART);
    String loose = addNote("Vapaa", PART);
    handle(place(placed, 1, NOTES), PART);

    Board.Outcome outcome = handle(new Command.RemoveJourney(journeyId), FAC);

    assertEquals(List.of("note.updated", "journey.removed"), outcome.events().stream().map(Event::type).toList());
    assertNull(outcome.events().get(0).toJson().getJsonObject("note").getJsonObject("cell"));
    assertNull(board.note(placed).cell());
    assertNotNull(board.note(placed), "the note itself stays");
    assertNull(board.note(loose).cell());
  }

  @Test
  void aMapThatDoesNotExistCannotBeUpdatedOrRemoved() {
    assertEquals(ErrorCode.NOT_FOUND,
        refusal(new Command.UpdateJourney("no-such-map", Optional.of("X"), Optional.empty()), FAC));
    assertEquals(ErrorCode.NOT_FOUND, refusal(new Command.RemoveJourney("no-such-map"), FAC));
  }

  @Test
  void aWorkshopHoldsAtMostTenMaps() {
    for (int i = board.journeys().size(); i < 10; i++) {
      handle(new Command.CreateJourney("Kartta " + i, "current", List.of(), List.of()), FAC);
    }

    assertEquals(ErrorCode.BOARD_FULL,
        refusal(new Command.CreateJourney("Yksitoista", "current", List.of(), List.of()), FAC));
  }

  // --- stages and lanes -----------------------------------------------------------------------------------------

  @Test
  void addingAStageAtAnIndexInsertsItThereAndRepliesItsId() {
    Board.Outcome outcome = handle(structure("stage", "add", null, "Odotus", null, 1), FAC);

    String stageId = outcome.reply().getString("stageId");
    assertNotNull(stageId);
    assertEquals(List.of("Alku", "Odotus", "Keskellä", "Loppu"), stageTitles());
    assertEquals(stageId, stage(1));
    assertEquals(journey(), changedJourney(outcome.events().get(0)));
  }

  @Test
  void addingAStageWithoutAnIndexAppendsIt() {
    handle(structure("stage", "add", null, "Jälkeen", null, null), FAC);

    assertEquals(List.of("Alku", "Keskellä", "Loppu", "Jälkeen"), stageTitles());
  }

  @Test
  void addingAStageAtAnIndexPastTheEndAppendsIt() {
    handle(structure("stage", "add", null, "Jälkeen", null, 99), FAC);

    assertEquals(List.of("Alku", "Keskellä", "Loppu", "Jälkeen"), stageTitles());
  }

  @Test
  void aMapHoldsAtMostTwentyStages() {
    for (int i = journey().stages().size(); i < 20; i++) {
      handle(structure("stage", "add", null, "Vaihe " + i, null, null), FAC);
    }

    assertEquals(ErrorCode.BOARD_FULL, refusal(structure("stage", "add", null, "Liikaa", null, null), FAC));
  }

  @Test
  void addingALaneAtAnIndexInsertsItWithItsKindAndRepliesItsId() {
    Board.Outcome outcome = handle(structure("lane", "add", null, "Kipukohdat", "notes", 0), FAC);

    String laneId = outcome.reply().getString("laneId");
    assertNotNull(laneId);
    Journey.Lane first = journey().lanes().get(0);
    assertEquals(new Journey.Lane(laneId, "Kipukohdat", "notes"), first);
    assertEquals(5, journey().lanes().size());
  }

  @Test
  void aMapHoldsAtMostTwelveLanes() {
    for (int i = journey().lanes().size(); i < 12; i++) {
      handle(structure("lane", "add", null, "Rivi " + i, "text", null), FAC);
    }

    assertEquals(ErrorCode.BOARD_FULL, refusal(structure("lane", "add", null, "Liikaa", "text", null), FAC));
  }

  @Test
  void updatingAStageRenamesItAndKeepsItsId() {
    String id = stage(1);

    handle(structure("stage", "update", id, "Keskivaihe", null, null), FAC);

    assertEquals(new Journey.Stage(id, "Keskivaihe"), journey().stages().get(1));
  }

  @Test
  void updatingALaneRenamesItAndKeepsItsKind() {
    String id = lane(EMOTION);

    handle(structure("lane", "update", id, "Fiilis", null, null), FAC);

    assertEquals(new Journey.Lane(id, "Fiilis", "emotion"), journey().lanes().get(EMOTION));
  }

  @Test
  void movingAStageReordersTheStages() {
    String first = stage(0);

    handle(structure("stage", "move", first, null, null, 2), FAC);

    assertEquals(List.of("Keskellä", "Loppu", "Alku"), stageTitles());
    assertEquals(first, stage(2));
  }

  @Test
  void aStagesCellsMoveWithTheStage() {
    String first = stage(0);
    handle(text(0, CHANNEL, "Puhelin"), PART);
    handle(emotion(0, -2, "Jonotin"), PART);

    handle(structure("stage", "move", first, null, null, 2), FAC);

    assertEquals(first, stage(2));
    assertEquals("Puhelin", journey().texts().get(Journey.cellKey(first, lane(CHANNEL))));
    assertEquals(new Journey.Emotion(-2, "Jonotin"), journey().emotions().get(Journey.cellKey(first, lane(EMOTION))));
    JsonArray cells = journey().toJson().getJsonArray("cells");
    assertEquals(2, cells.size());
    for (Object o : cells) {
      assertEquals(first, ((JsonObject) o).getString("stageId"));
    }
  }

  @Test
  void placedNotesStayInTheirStageWhenTheStageMoves() {
    String noteId = addNote("Soitin", PART);
    String first = stage(0);
    handle(place(noteId, 0, NOTES), PART);

    handle(structure("stage", "move", first, null, null, 2), FAC);

    assertEquals(new Note.Cell(journeyId, first, lane(NOTES)), board.note(noteId).cell());
  }

  @Test
  void movingALaneReordersTheLanesAndKeepsItsCells() {
    String channel = lane(CHANNEL);
    handle(text(1, CHANNEL, "Chat"), PART);

    handle(structure("lane", "move", channel, null, null, 3), FAC);

    assertEquals(List.of("Mitä tekee", "Ajatukset", "Tunteet", "Kanavat"), laneTitles());
    assertEquals("Chat", journey().texts().get(Journey.cellKey(stage(1), channel)));
  }

  @Test
  void removingAStageDropsItsCells() {
    String middle = stage(1);
    handle(text(1, TEXT, "Hämmentää"), PART);
    handle(emotion(1, -1, null), PART);
    handle(text(2, TEXT, "Helpottaa"), PART);

    handle(structure("stage", "remove", middle, null, null, null), FAC);

    assertEquals(List.of("Alku", "Loppu"), stageTitles());
    assertNull(journey().texts().get(Journey.cellKey(middle, lane(TEXT))));
    assertNull(journey().emotions().get(Journey.cellKey(middle, lane(EMOTION))));
    assertEquals("Helpottaa", journey().texts().get(Journey.cellKey(stage(1), lane(TEXT))));
    JsonArray cells = journey().toJson().getJsonArray("cells");
    assertEquals(1, cells.size());
  }

  @Test
  void removingAStagePutsItsNotesBackOnTheCanvas() {
    String inRemoved = addNote("Jonotin", PART);
    String inKept = addNote("Sain apua", PART);
    String middle = stage(1);
    String last = stage(2);
    handle(place(inRemoved, 1, NOTES), PART);
    handle(place(inKept, 2, NOTES), PART);

    Board.Outcome outcome = handle(structure("stage", "remove", middle, null, null, null), FAC);

    assertEquals(List.of("note.updated", "journey.changed"), outcome.events().stream().map(Event::type).toList());
    JsonObject updated = outcome.events().get(0).toJson().getJsonObject("note");
    assertEquals(inRemoved, updated.getString("id"));
    assertNull(updated.getValue("cell"));
    assertNull(board.note(inRemoved).cell());
    assertEquals(new Note.Cell(journeyId, last, lane(NOTES)), board.note(inKept).cell());
  }

  @Test
  void removingALanePutsItsNotesBackOnTheCanvasAndDropsItsCells() {
    String noteId = addNote("Jonotin", PART);
    String notesLane = lane(NOTES);
    handle(place(noteId, 0, NOTES), PART);
    handle(text(0, TEXT, "Jää"), PART);

    Board.Outcome outcome = handle(structure("lane", "remove", notesLane, null, null, null), FAC);

    assertEquals(List.of("note.updated", "journey.changed"), outcome.events().stream().map(Event::type).toList());
    assertNull(board.note(noteId).cell());
    assertNull(journey().lane(notesLane));
    assertEquals("Jää", journey().texts().get(Journey.cellKey(stage(0), journey().lanes().get(1).id())));
  }

  @Test
  void removingATextLaneDropsItsCells() {
    String textLane = lane(TEXT);
    handle(text(0, TEXT, "Pois"), PART);

    handle(structure("lane", "remove", textLane, null, null, null), FAC);

    assertTrue(journey().texts().isEmpty());
    assertTrue(journey().toJson().getJsonArray("cells").isEmpty());
  }

  @Test
  void aStageOrLaneThatDoesNotExistIsNotFound() {
    assertEquals(ErrorCode.NOT_FOUND, refusal(structure("stage", "update", "no-such-stage", "X", null, null), FAC));
    assertEquals(ErrorCode.NOT_FOUND, refusal(structure("stage", "move", "no-such-stage", null, null, 0), FAC));
    assertEquals(ErrorCode.NOT_FOUND, refusal(structure("stage", "remove", "no-such-stage", null, null, null), FAC));
    assertEquals(ErrorCode.NOT_FOUND, refusal(structure("lane", "update", "no-such-lane", "X", null, null), FAC));
    assertEquals(ErrorCode.NOT_FOUND, refusal(structure("lane", "remove", "no-such-lane", null, null, null), FAC));
  }

  @Test
  void aStageIdDoesNotNameALane() {
    assertEquals(ErrorCode.NOT_FOUND, refusal(structure("lane", "remove", stage(0), null, null, null), FAC));
  }

  @Test
  void stagesCannotBeAddedToAMapThatDoesNotExist() {
    Command.JourneyStructure add = new Command.JourneyStructure("stage", "add", "no-such-map", Optional.empty(),
        Optional.of("X"), Optional.empty(), Optional.empty());

    assertEquals(ErrorCode.NOT_FOUND, refusal(add, FAC));
  }

  // --- cells ----------------------------------------------------------------------------------------------------

  @Test
  void aParticipantWritesATextCellAndEveryoneGetsTheWholeMap() {
    Board.Outcome outcome = handle(text(0, TEXT, "Mietin, kenelle soittaa"), PART);

    Journey changed = changedJourney(outcome.events().get(0));
    assertEquals(PART, outcome.events().get(0).by());
    JsonObject cell = changed.toJson().getJsonArray("cells").getJsonObject(0);
    assertEquals(new JsonObject().put("stageId", stage(0)).put("laneId", lane(TEXT))
        .put("text", "Mietin, kenelle soittaa"), cell);
    assertEquals(changed, journey());
  }

  @Test
  void aChannelLaneHoldsTextToo() {
    handle(text(2, CHANNEL, "Verkkoasiointi"), PART);

    assertEquals("Verkkoasiointi", journey().texts().get(Journey.cellKey(stage(2), lane(CHANNEL))));
  }

  @Test
  void writingACellAgainReplacesItsText() {
    handle(text(0, TEXT, "Eka"), PART);
    handle(text(0, TEXT, "Toka"), PART);

    assertEquals("Toka", journey().texts().get(Journey.cellKey(stage(0), lane(TEXT))));
    assertEquals(1, journey().toJson().getJsonArray("cells").size());
  }

  @Test
  void anEmptyTextClearsTheCell() {
    handle(text(0, TEXT, "Eka"), PART);

    handle(text(0, TEXT, ""), PART);

    assertTrue(journey().texts().isEmpty());
    assertTrue(journey().toJson().getJsonArray("cells").isEmpty());
  }

  @Test
  void textCannotGoIntoANotesOrEmotionLane() {
    assertEquals(ErrorCode.WRONG_TYPE, refusal(text(0, NOTES, "Ei"), PART));
    assertEquals(ErrorCode.WRONG_TYPE, refusal(text(0, EMOTION, "Ei"), PART));
  }

  @Test
  void anEmotionScoreWithAReasonIsStoredInTheEmotionLane() {
    handle(emotion(1, -2, "Pitkä jono"), PART);

    assertEquals(new Journey.Emotion(-2, "Pitkä jono"),
        journey().emotions().get(Journey.cellKey(stage(1), lane(EMOTION))));
    JsonObject cell = journey().toJson().getJsonArray("cells").getJsonObject(0);
    assertEquals(-2, cell.getInteger("score"));
    assertEquals("Pitkä jono", cell.getString("why"));
  }

  @Test
  void theWholeScoreRangeFromMinusTwoToTwoIsAccepted() {
    for (int score = -2; score <= 2; score++) {
      handle(emotion(0, score, null), PART);
      assertEquals(score, journey().emotions().get(Journey.cellKey(stage(0), lane(EMOTION))).score());
    }
  }

  @Test
  void aNullScoreClearsTheEmotion() {
    handle(emotion(0, 2, "Hyvä"), PART);

    handle(emotion(0, null, null), PART);

    assertTrue(journey().emotions().isEmpty());
    assertTrue(journey().toJson().getJsonArray("cells").isEmpty());
  }

  @Test
  void anEmotionCannotGoIntoATextOrNotesLane() {
    Command.CellEmotion intoText = new Command.CellEmotion(journeyId, stage(0), lane(TEXT), Optional.of(1), null);
    Command.CellEmotion intoNotes = new Command.CellEmotion(journeyId, stage(0), lane(NOTES), Optional.of(1), null);

    assertEquals(ErrorCode.WRONG_TYPE, refusal(intoText, PART));
    assertEquals(ErrorCode.WRONG_TYPE, refusal(intoNotes, PART));
  }

  @Test
  void cellsOfAMapThatDoesNotExistAreNotFound() {
    assertEquals(ErrorCode.NOT_FOUND,
        refusal(new Command.CellText("no-such-map", stage(0), lane(TEXT), "X"), PART));
    assertEquals(ErrorCode.NOT_FOUND,
        refusal(new Command.CellEmotion("no-such-map", stage(0), lane(EMOTION), Optional.of(1), null), PART));
  }

  @Test
  void cellsOfAStageOrLaneThatDoesNotExistAreNotFound() {
    assertEquals(ErrorCode.NOT_FOUND,
        refusal(new Command.CellText(journeyId, "no-such-stage", lane(TEXT), "X"), PART));
    assertEquals(ErrorCode.NOT_FOUND,
        refusal(new Command.CellText(journeyId, stage(0), "no-such-lane", "X"), PART));
  }

  @Test
  void aLockedBoardRefusesParticipantsCellEdits() {
    String noteId = addNote("Soitin", PART);
    handle(new Command.UpdateSettings(new JsonObject().put("locked", true)), FAC);

    assertEquals(ErrorCode.BOARD_LOCKED, refusal(text(0, TEXT, "Ei"), PART));
    assertEquals(ErrorCode.BOARD_LOCKED, refusal(emotion(0, 1, null), PART));
    assertEquals(ErrorCode.BOARD_LOCKED, refusal(place(noteId, 0, NOTES), PART));
  }

  @Test
  void facilitatorsCanStillFillCellsOnALockedBoard() {
    handle(new Command.UpdateSettings(new JsonObject().put("locked", true)), FAC);

    handle(text(0, TEXT, "Fasilitaattori kirjaa"), COFAC);

    assertEquals("Fasilitaattori kirjaa", journey().texts().get(Journey.cellKey(stage(0), lane(TEXT))));
  }

  // --- note.place -----------------------------------------------------------------------------------------------

  @Test
  void placingANoteInANotesLaneSetsItsCellAndEmitsNoteUpdated() {
    String noteId = addNote("Soitin neuvontaan", PART);

    Board.Outcome outcome = handle(place(noteId, 1, NOTES), PART);

    assertEquals(1, outcome.events().size());
    JsonObject wire = outcome.events().get(0).toJson();
    assertEquals("note.updated", wire.getString("type"));
    JsonObject cell = new JsonObject().put("journeyId", journeyId).put("stageId", stage(1)).put("laneId", lane(NOTES));
    assertEquals(cell, wire.getJsonObject("note").getJsonObject("cell"));
    assertEquals(new Note.Cell(journeyId, stage(1), lane(NOTES)), board.note(noteId).cell());
    assertEquals("Soitin neuvontaan", board.note(noteId).text());
  }

  @Test
  void aNoteCannotBePlacedInALaneThatIsNotANotesLane() {
    String noteId = addNote("Soitin", PART);

    assertEquals(ErrorCode.WRONG_TYPE, refusal(place(noteId, 0, TEXT), PART));
    assertEquals(ErrorCode.WRONG_TYPE, refusal(place(noteId, 0, CHANNEL), PART));
    assertEquals(ErrorCode.WRONG_TYPE, refusal(place(noteId, 0, EMOTION), PART));
    assertNull(board.note(noteId).cell());
  }

  @Test
  void placingANoteWithoutACellPutsItBackOnTheCanvas() {
    String noteId = addNote("Soitin", PART);
    handle(place(noteId, 0, NOTES), PART);

    Board.Outcome outcome = handle(new Command.PlaceNote(noteId, Optional.empty()), PART);

    assertNull(board.note(noteId).cell());
    assertNull(outcome.events().get(0).toJson().getJsonObject("note").getValue("cell"));
  }

  @Test
  void placingANoteIntoAMapStageOrLaneThatDoesNotExistIsNotFound() {
    String noteId = addNote("Soitin", PART);

    assertEquals(ErrorCode.NOT_FOUND, refusal(new Command.PlaceNote(noteId,
        Optional.of(new Note.Cell("no-such-map", stage(0), lane(NOTES)))), PART));
    assertEquals(ErrorCode.NOT_FOUND, refusal(new Command.PlaceNote(noteId,
        Optional.of(new Note.Cell(journeyId, "no-such-stage", lane(NOTES)))), PART));
    assertEquals(ErrorCode.NOT_FOUND, refusal(new Command.PlaceNote(noteId,
        Optional.of(new Note.Cell(journeyId, stage(0), "no-such-lane"))), PART));
  }

  @Test
  void placingANoteThatDoesNotExistIsNoteNotFound() {
    assertEquals(ErrorCode.NOTE_NOT_FOUND, refusal(place("no-such-note", 0, NOTES), PART));
  }

  @Test
  void aHiddenNoteOfSomeoneElseCannotBePlaced() {
    handle(new Command.UpdateSettings(new JsonObject().put("privateMode", true)), FAC);
    String hidden = addNote("Salainen", COFAC);

    assertEquals(ErrorCode.NOTE_NOT_FOUND, refusal(place(hidden, 0, NOTES), PART));
  }

  // --- persistence ----------------------------------------------------------------------------------------------

  @Test
  void replayingTheStoredEventsOnAFreshBoardRebuildsTheSameBoard() {
    String noteId = addNote("Soitin", PART);
    String other = addNote("Jonotin", PART);
    handle(place(noteId, 0, NOTES), PART);
    handle(place(other, 1, NOTES), PART);
    handle(text(0, CHANNEL, "Puhelin"), PART);
    handle(emotion(0, -1, "Jännitti"), PART);
    handle(emotion(2, 2, null), PART);
    handle(structure("stage", "add", null, "Uusi", null, 0), FAC);
    handle(structure("stage", "move", stage(1), null, null, 3), FAC);
    handle(structure("lane", "add", null, "Ideat", "notes", 1), FAC);
    handle(structure("stage", "remove", stage(2), null, null, null), FAC);
    handle(new Command.UpdateJourney(journeyId, Optional.of("Nyt"), Optional.of("future")), FAC);
    handle(new Command.CreateJourney("Poistuva", "current", List.of("A"), List.of()), FAC);
    String removed = board.journeys().stream().filter(j -> j.title().equals("Poistuva")).findFirst().orElseThrow()
        .id();
    handle(new Command.RemoveJourney(removed), FAC);

    Board fresh = newBoard();
    for (Event e : log) {
      fresh.apply(Event.fromJson(e.toJson()));
    }

    assertEquals(board.toJson(), fresh.toJson());
    assertEquals(1, fresh.journeys().size());
  }

  @Test
  void theStoredBoardWideStateKeepsTheJourneyMaps() {
    handle(text(0, TEXT, "Teksti"), PART);
    handle(emotion(1, 1, "Hyvä"), PART);
    handle(emotion(2, -2, null), PART);

    Board restored = newBoard();
    restored.restoreMeta(board.metaToJson());

    assertEquals(board.metaToJson(), restored.metaToJson());
    assertEquals(journey(), restored.journey(journeyId));
  }

  @Test
  void theSnapshotCarriesTheJourneyMaps() {
    handle(text(0, TEXT, "Teksti"), PART);

    JsonObject snapshot = board.snapshotFor(new Visibility.Viewer(PART, false), T1.toEpochMilli());

    assertEquals(new JsonArray().add(journey().toJson()), snapshot.getJsonArray("journeys"));
  }

  @Test
  void journeyChangesGetConsecutiveSeqs() {
    long before = board.seq();

    long a = handle(text(0, TEXT, "Yksi"), PART).events().get(0).seq();
    long b = handle(structure("stage", "add", null, "Uusi", null, null), FAC).events().get(0).seq();

    assertEquals(List.of(before + 1, before + 2), List.of(a, b));
    assertEquals(before + 2, board.seq());
  }

  @Test
  void aJourneyMapSurvivesItsJsonForm() {
    handle(text(0, TEXT, "Teksti"), PART);
    handle(emotion(1, 1, "Hyvä"), PART);

    assertEquals(journey(), Journey.fromJson(journey().toJson()));
    assertFalse(journey().toJson().getJsonArray("cells").isEmpty());
  }
}
