package fi.paja.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/PROTOCOL.md, "Journey-map commands": what a client may send about journey maps, and what is refused. */
class JourneyCommandDecoderTest {

  private static final String JOURNEY = "journey-0001";
  private static final String STAGE = "stage-00001";
  private static final String LANE = "lane-000001";
  private static final String NOTE = "note-000001";

  private static JsonObject create() {
    return new JsonObject().put("op", "journey.create").put("title", "Palvelupolku");
  }

  private static JsonObject lane(String title, String kind) {
    return new JsonObject().put("title", title).put("kind", kind);
  }

  private static JsonObject cellText(String text) {
    return new JsonObject().put("op", "journey.cell.text").put("journeyId", JOURNEY).put("stageId", STAGE)
        .put("laneId", LANE).put("text", text);
  }

  private static JsonObject cellEmotion() {
    return new JsonObject().put("op", "journey.cell.emotion").put("journeyId", JOURNEY).put("stageId", STAGE)
        .put("laneId", LANE);
  }

  private static JsonObject place() {
    return new JsonObject().put("op", "note.place").put("id", NOTE);
  }

  private static JsonArray titles(int n) {
    JsonArray out = new JsonArray();
    for (int i = 0; i < n; i++) {
      out.add("Vaihe " + i);
    }
    return out;
  }

  private static JsonArray lanes(int n) {
    JsonArray out = new JsonArray();
    for (int i = 0; i < n; i++) {
      out.add(lane("Rivi " + i, "notes"));
    }
    return out;
  }

  private static ErrorCode refusal(Object body) {
    return assertThrows(PajaException.class, () -> CommandDecoder.decode(body),
        () -> "expected a refusal for " + body).code();
  }

  private static Command.JourneyStructure structure(String part, String action, String itemId, String title,
                                                    String kind, Integer index) {
    return new Command.JourneyStructure(part, action, JOURNEY, Optional.ofNullable(itemId),
        Optional.ofNullable(title), Optional.ofNullable(kind), Optional.ofNullable(index));
  }

  // --- happy paths ----------------------------------------------------------------------------------------------

  @Nested
  class HappyPaths {

    @Test
    void journeyCreateWithOnlyATitleIsACurrentMapWithoutStagesOrLanes() {
      Command c = CommandDecoder.decode(create());

      assertEquals(new Command.CreateJourney("Palvelupolku", "current", List.of(), List.of()), c);
      assertEquals("journey.create", c.op());
    }

    @Test
    void journeyCreateTakesKindStagesAndLanes() {
      JsonObject body = create().put("kind", "future").put("stages", new JsonArray().add("Alku").add("Loppu"))
          .put("lanes", new JsonArray().add(lane("Tekee", "notes")).add(lane("Kanava", "channel"))
              .add(lane("Ajatus", "text")).add(lane("Tunne", "emotion")));

      assertEquals(new Command.CreateJourney("Palvelupolku", "future", List.of("Alku", "Loppu"),
          List.of(new Command.LaneSpec("Tekee", "notes"), new Command.LaneSpec("Kanava", "channel"),
              new Command.LaneSpec("Ajatus", "text"), new Command.LaneSpec("Tunne", "emotion"))),
          CommandDecoder.decode(body));
    }

    @Test
    void journeyCreateSentAsJsonTextDecodesItsLanes() {
      String body = "{\"op\":\"journey.create\",\"title\":\"Polku\",\"stages\":[\"A\"],"
          + "\"lanes\":[{\"title\":\"Tunne\",\"kind\":\"emotion\"}]}";

      assertEquals(new Command.CreateJourney("Polku", "current", List.of("A"),
          List.of(new Command.LaneSpec("Tunne", "emotion"))), CommandDecoder.decode(body));
    }

    @Test
    void journeyCreateTrimsTitles() {
      Command c = CommandDecoder.decode(create().put("title", "  Polku  ")
          .put("stages", new JsonArray().add(" Alku ")).put("lanes", new JsonArray().add(lane(" Tekee ", "notes"))));

      assertEquals(new Command.CreateJourney("Polku", "current", List.of("Alku"),
          List.of(new Command.LaneSpec("Tekee", "notes"))), c);
    }

    @Test
    void twentyStagesAndTwelveLanesAreAllowed() {
      Command.CreateJourney c = (Command.CreateJourney) CommandDecoder.decode(create().put("stages", titles(20))
          .put("lanes", lanes(12)));

      assertEquals(20, c.stages().size());
      assertEquals(12, c.lanes().size());
    }

    @Test
    void journeyUpdateTakesATitleOrAKind() {
      JsonObject body = new JsonObject().put("op", "journey.update").put("id", JOURNEY);

      assertEquals(new Command.UpdateJourney(JOURNEY, Optional.of("Uusi"), Optional.empty()),
          CommandDecoder.decode(body.copy().put("title", "Uusi")));
      assertEquals(new Command.UpdateJourney(JOURNEY, Optional.empty(), Optional.of("future")),
          CommandDecoder.decode(body.copy().put("kind", "future")));
    }

    @Test
    void journeyRemoveTakesTheId() {
      assertEquals(new Command.RemoveJourney(JOURNEY),
          CommandDecoder.decode(new JsonObject().put("op", "journey.remove").put("id", JOURNEY)));
    }

    @Test
    void stageAddTakesATitleAndAnOptionalIndex() {
      JsonObject body = new JsonObject().put("op", "journey.stage.add").put("journeyId", JOURNEY).put("title", "Uusi");

      Command appended = CommandDecoder.decode(body.copy());
      Command inserted = CommandDecoder.decode(body.copy().put("index", 1));

      assertEquals(structure("stage", "add", null, "Uusi", null, null), appended);
      assertEquals(structure("stage", "add", null, "Uusi", null, 1), inserted);
      assertEquals("journey.stage.add", appended.op());
    }

    @Test
    void laneAddTakesATitleAKindAndAnOptionalIndex() {
      JsonObject body = new JsonObject().put("op", "journey.lane.add").put("journeyId", JOURNEY).put("title", "Ideat")
          .put("kind", "notes").put("index", 0);

      Command c = CommandDecoder.decode(body);

      assertEquals(structure("lane", "add", null, "Ideat", "notes", 0), c);
      assertEquals("journey.lane.add", c.op());
    }

    @Test
    void stageAndLaneUpdateTakeTheItemAndATitle() {
      assertEquals(structure("stage", "update", STAGE, "Uusi", null, null), CommandDecoder.decode(new JsonObject()
          .put("op", "journey.stage.update").put("journeyId", JOURNEY).put("stageId", STAGE).put("title", "Uusi")));
      assertEquals(structure("lane", "update", LANE, "Uusi", null, null), CommandDecoder.decode(new JsonObject()
          .put("op", "journey.lane.update").put("journeyId", JOURNEY).put("laneId", LANE).put("title", "Uusi")));
    }

    @Test
    void stageAndLaneMoveTakeTheItemAndAnIndex() {
      assertEquals(structure("stage", "move", STAGE, null, null, 3), CommandDecoder.decode(new JsonObject()
          .put("op", "journey.stage.move").put("journeyId", JOURNEY).put("stageId", STAGE).put("index", 3)));
      assertEquals(structure("lane", "move", LANE, null, null, 0), CommandDecoder.decode(new JsonObject()
          .put("op", "journey.lane.move").put("journeyId", JOURNEY).put("laneId", LANE).put("index", 0)));
    }

    @Test
    void stageAndLaneRemoveTakeTheItem() {
      assertEquals(structure("stage", "remove", STAGE, null, null, null), CommandDecoder.decode(new JsonObject()
          .put("op", "journey.stage.remove").put("journeyId", JOURNEY).put("stageId", STAGE)));
      assertEquals(structure("lane", "remove", LANE, null, null, null), CommandDecoder.decode(new JsonObject()
          .put("op", "journey.lane.remove").put("journeyId", JOURNEY).put("laneId", LANE)));
    }

    @Test
    void cellTextTakesTheCellAndItsText() {
      Command c = CommandDecoder.decode(cellText("Puhelin"));

      assertEquals(new Command.CellText(JOURNEY, STAGE, LANE, "Puhelin"), c);
      assertEquals("journey.cell.text", c.op());
    }

    @Test
    void aBlankCellTextClearsTheCell() {
      assertEquals("", ((Command.CellText) CommandDecoder.decode(cellText(""))).text());
      assertEquals("", ((Command.CellText) CommandDecoder.decode(cellText("   "))).text());
    }

    @Test
    void cellTextLineBreaksAreNormalised() {
      assertEquals("eka\ntoka", ((Command.CellText) CommandDecoder.decode(cellText("eka\r\ntoka"))).text());
    }

    @Test
    void aCellTextOfFiveHundredCharactersIsAccepted() {
      assertEquals(500, ((Command.CellText) CommandDecoder.decode(cellText("x".repeat(500)))).text().length());
    }

    @Test
    void cellEmotionTakesAScoreAndAReason() {
      Command c = CommandDecoder.decode(cellEmotion().put("score", -2).put("why", "Pitkä jono"));

      assertEquals(new Command.CellEmotion(JOURNEY, STAGE, LANE, Optional.of(-2), "Pitkä jono"), c);
      assertEquals("journey.cell.emotion", c.op());
    }

    @ParameterizedTest
    @ValueSource(ints = {-2, -1, 0, 1, 2})
    void everyScoreFromMinusTwoToTwoIsAccepted(int score) {
      assertEquals(Optional.of(score),
          ((Command.CellEmotion) CommandDecoder.decode(cellEmotion().put("score", score))).score());
    }

    @Test
    void aWholeNumberScoreWrittenAsADecimalIsAccepted() {
      assertEquals(Optional.of(1),
          ((Command.CellEmotion) CommandDecoder.decode(cellEmotion().put("score", 1.0))).score());
    }

    @Test
    void aNullOrMissingScoreClearsTheEmotion() {
      assertEquals(new Command.CellEmotion(JOURNEY, STAGE, LANE, Optional.empty(), null),
          CommandDecoder.decode(cellEmotion().putNull("score")));
      assertEquals(new Command.CellEmotion(JOURNEY, STAGE, LANE, Optional.empty(), null),
          CommandDecoder.decode(cellEmotion()));
    }

    @Test
    void aBlankReasonIsNoReason() {
      assertEquals(null, ((Command.CellEmotion) CommandDecoder.decode(cellEmotion().put("score", 1).put("why", "  ")))
          .why());
    }

    @Test
    void notePlaceWithACellPutsTheNoteThere() {
      Command c = CommandDecoder.decode(place().put("journeyId", JOURNEY).put("stageId", STAGE).put("laneId", LANE));

      assertEquals(new Command.PlaceNote(NOTE, Optional.of(new Note.Cell(JOURNEY, STAGE, LANE))), c);
      assertEquals("note.place", c.op());
    }

    @Test
    void notePlaceWithoutACellPutsTheNoteOnTheCanvas() {
      assertEquals(new Command.PlaceNote(NOTE, Optional.empty()), CommandDecoder.decode(place()));
      assertEquals(new Command.PlaceNote(NOTE, Optional.empty()), CommandDecoder.decode(place().putNull("journeyId")));
    }
  }

  // --- refusals -------------------------------------------------------------------------------------------------

  @Test
  void anUnknownLaneKindIsRefused() {
    assertEquals(ErrorCode.WRONG_TYPE, refusal(create().put("lanes", new JsonArray().add(lane("Tunne", "feelings")))));
    assertEquals(ErrorCode.WRONG_TYPE, refusal(new JsonObject().put("op", "journey.lane.add").put("journeyId", JOURNEY)
        .put("title", "Tunne").put("kind", "feelings")));
  }

  @Test
  void aLaneWithoutAKindIsRefused() {
    assertEquals(ErrorCode.MISSING_FIELD,
        refusal(create().put("lanes", new JsonArray().add(new JsonObject().put("title", "Tunne")))));
    assertEquals(ErrorCode.MISSING_FIELD, refusal(new JsonObject().put("op", "journey.lane.add")
        .put("journeyId", JOURNEY).put("title", "Tunne")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"past", "CURRENT", ""})
  void aJourneyKindOtherThanCurrentOrFutureIsRefused(String kind) {
    assertEquals(ErrorCode.WRONG_TYPE, refusal(create().put("kind", kind)));
    assertEquals(ErrorCode.WRONG_TYPE,
        refusal(new JsonObject().put("op", "journey.update").put("id", JOURNEY).put("kind", kind)));
  }

  @Test
  void stagesThatAreNotStringsAreRefused() {
    assertEquals(ErrorCode.WRONG_TYPE, refusal(create().put("stages", new JsonArray().add("Alku").add(7))));
    assertEquals(ErrorCode.WRONG_TYPE,
        refusal(create().put("stages", new JsonArray().add(new JsonObject().put("title", "Alku")))));
  }

  @Test
  void stagesThatAreNotAListAreRefused() {
    assertEquals(ErrorCode.WRONG_TYPE, refusal(create().put("stages", "Alku")));
  }

  @Test
  void moreThanTwentyStagesAreRefused() {
    assertEquals(ErrorCode.WRONG_TYPE, refusal(create().put("stages", titles(21))));
  }

  @Test
  void moreThanTwelveLanesAreRefused() {
    assertEquals(ErrorCode.WRONG_TYPE, refusal(create().put("lanes", lanes(13))));
  }

  @Test
  void lanesThatAreNotObjectsAreRefused() {
    assertEquals(ErrorCode.WRONG_TYPE, refusal(create().put("lanes", new JsonArray().add("Tekee"))));
  }

  @Test
  void anEmptyStageTitleIsRefused() {
    assertEquals(ErrorCode.INVALID_TITLE, refusal(create().put("stages", new JsonArray().add("   "))));
    assertEquals(ErrorCode.INVALID_TITLE, refusal(new JsonObject().put("op", "journey.stage.add")
        .put("journeyId", JOURNEY).put("title", "")));
  }

  @Test
  void aTitleOverTwoHundredCharactersIsRefused() {
    assertEquals(ErrorCode.INVALID_TITLE, refusal(create().put("title", "x".repeat(201))));
    assertEquals(ErrorCode.INVALID_TITLE,
        refusal(create().put("lanes", new JsonArray().add(lane("x".repeat(201), "notes")))));
  }

  @Test
  void aMapWithoutATitleIsRefused() {
    assertEquals(ErrorCode.MISSING_FIELD, refusal(new JsonObject().put("op", "journey.create")));
  }

  @Test
  void anUpdateWithNothingToChangeIsRefused() {
    assertEquals(ErrorCode.NOTHING_TO_UPDATE,
        refusal(new JsonObject().put("op", "journey.update").put("id", JOURNEY)));
  }

  @Test
  void aScoreOfThreeIsOutOfBounds() {
    assertEquals(ErrorCode.OUT_OF_BOUNDS, refusal(cellEmotion().put("score", 3)));
    assertEquals(ErrorCode.OUT_OF_BOUNDS, refusal(cellEmotion().put("score", -3)));
  }

  @Test
  void aFractionalScoreIsRefused() {
    assertEquals(ErrorCode.WRONG_TYPE, refusal(cellEmotion().put("score", 1.5)));
  }

  @Test
  void aScoreThatIsNotANumberIsRefused() {
    assertEquals(ErrorCode.WRONG_TYPE, refusal(cellEmotion().put("score", "2")));
  }

  @Test
  void aCellTextOverFiveHundredCharactersIsTooLong() {
    assertEquals(ErrorCode.TEXT_TOO_LONG, refusal(cellText("x".repeat(501))));
  }

  @Test
  void theCellTextLimitCountsCharactersNotUtf16Units() {
    assertEquals(500, ((Command.CellText) CommandDecoder.decode(cellText("\uD83D\uDE00".repeat(500)))).text()
        .codePointCount(0, 1000));
  }

  @Test
  void aReasonOverFiveHundredCharactersIsTooLong() {
    assertEquals(ErrorCode.TEXT_TOO_LONG, refusal(cellEmotion().put("score", 1).put("why", "x".repeat(501))));
  }

  @Test
  void aCellTextWithControlCharactersIsRefused() {
    assertEquals(ErrorCode.INVALID_TEXT, refusal(cellText("bell\u0007")));
  }

  @Test
  void aCellTextThatIsNotAStringIsRefused() {
    assertEquals(ErrorCode.WRONG_TYPE, refusal(cellText("x").put("text", 5)));
  }

  @Test
  void aCellTextWithoutTheTextIsRefused() {
    JsonObject body = cellText("x");
    body.remove("text");

    assertEquals(ErrorCode.MISSING_FIELD, refusal(body));
  }

  @Test
  void notePlaceWithAStageButNoJourneyIsMissingAField() {
    assertEquals(ErrorCode.MISSING_FIELD, refusal(place().put("stageId", STAGE)));
    assertEquals(ErrorCode.MISSING_FIELD, refusal(place().put("laneId", LANE)));
    assertEquals(ErrorCode.MISSING_FIELD, refusal(place().put("stageId", STAGE).put("laneId", LANE)));
  }

  @Test
  void notePlaceWithAJourneyButNoStageOrLaneIsMissingAField() {
    assertEquals(ErrorCode.MISSING_FIELD, refusal(place().put("journeyId", JOURNEY).put("laneId", LANE)));
    assertEquals(ErrorCode.MISSING_FIELD, refusal(place().put("journeyId", JOURNEY).put("stageId", STAGE)));
  }

  @Test
  void aMoveWithoutAnIndexIsMissingAField() {
    assertEquals(ErrorCode.MISSING_FIELD, refusal(new JsonObject().put("op", "journey.stage.move")
        .put("journeyId", JOURNEY).put("stageId", STAGE)));
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 101})
  void anIndexOutsideZeroToOneHundredIsOutOfBounds(int index) {
    assertEquals(ErrorCode.OUT_OF_BOUNDS, refusal(new JsonObject().put("op", "journey.stage.move")
        .put("journeyId", JOURNEY).put("stageId", STAGE).put("index", index)));
    assertEquals(ErrorCode.OUT_OF_BOUNDS, refusal(new JsonObject().put("op", "journey.lane.add")
        .put("journeyId", JOURNEY).put("title", "X").put("kind", "text").put("index", index)));
  }

  @Test
  void idsOfTheWrongFormAreRefused() {
    assertEquals(ErrorCode.INVALID_ID, refusal(cellText("x").put("journeyId", "short")));
    assertEquals(ErrorCode.INVALID_ID, refusal(cellText("x").put("stageId", "has space 123")));
    assertEquals(ErrorCode.INVALID_ID, refusal(place().put("journeyId", JOURNEY).put("stageId", STAGE)
        .put("laneId", "lane/../x")));
    assertEquals(ErrorCode.INVALID_ID, refusal(new JsonObject().put("op", "journey.remove").put("id", "x")));
  }

  @Test
  void unknownFieldsAreRefused() {
    assertEquals(ErrorCode.UNKNOWN_FIELD, refusal(create().put("colour", "blue")));
    assertEquals(ErrorCode.UNKNOWN_FIELD, refusal(create().put("lanes",
        new JsonArray().add(lane("Tekee", "notes").put("width", 3)))));
    assertEquals(ErrorCode.UNKNOWN_FIELD, refusal(new JsonObject().put("op", "journey.remove").put("id", JOURNEY)
        .put("cascade", true)));
    assertEquals(ErrorCode.UNKNOWN_FIELD, refusal(cellText("x").put("score", 1)));
    assertEquals(ErrorCode.UNKNOWN_FIELD, refusal(cellEmotion().put("score", 1).put("text", "x")));
    assertEquals(ErrorCode.UNKNOWN_FIELD, refusal(place().put("x", 10)));
  }

  @Test
  void fieldsOfAnotherActionAreUnknownFields() {
    assertEquals(ErrorCode.UNKNOWN_FIELD, refusal(new JsonObject().put("op", "journey.stage.add")
        .put("journeyId", JOURNEY).put("title", "X").put("kind", "notes")));
    assertEquals(ErrorCode.UNKNOWN_FIELD, refusal(new JsonObject().put("op", "journey.stage.update")
        .put("journeyId", JOURNEY).put("stageId", STAGE).put("title", "X").put("index", 1)));
    assertEquals(ErrorCode.UNKNOWN_FIELD, refusal(new JsonObject().put("op", "journey.lane.remove")
        .put("journeyId", JOURNEY).put("laneId", LANE).put("title", "X")));
    assertEquals(ErrorCode.UNKNOWN_FIELD, refusal(new JsonObject().put("op", "journey.stage.update")
        .put("journeyId", JOURNEY).put("laneId", LANE).put("title", "X")));
  }

  @Test
  void anOperatorKeyInsideALaneIsAForbiddenKey() {
    assertEquals(ErrorCode.FORBIDDEN_KEY, refusal(create().put("lanes",
        new JsonArray().add(new JsonObject().put("$where", "1").put("title", "X").put("kind", "notes")))));
  }

  @Test
  void anUnknownJourneyOpIsUnknown() {
    assertEquals(ErrorCode.UNKNOWN_OP, refusal(new JsonObject().put("op", "journey.cell.colour")));
    assertEquals(ErrorCode.UNKNOWN_OP, refusal(new JsonObject().put("op", "journey.stage.rename")));
  }
}
