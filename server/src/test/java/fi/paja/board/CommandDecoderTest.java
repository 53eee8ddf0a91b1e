package fi.paja.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.config.Limits;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.validation.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/PROTOCOL.md, "Commands": what a client may send, and the error code for everything else. */
class CommandDecoderTest {

  private static final String ID = "note-id-1";

  private static JsonObject add() {
    return new JsonObject().put("op", "note.add").put("text", "Hello").put("x", 10).put("y", 20);
  }

  private static JsonObject update() {
    return new JsonObject().put("op", "note.update").put("id", ID);
  }

  private static JsonObject move() {
    return new JsonObject().put("op", "note.move").put("id", ID).put("x", 1).put("y", 2);
  }

  private static JsonObject delete() {
    return new JsonObject().put("op", "note.delete").put("id", ID);
  }

  private static ErrorCode refusal(Object body) {
    return assertThrows(PajaException.class, () -> CommandDecoder.decode(body),
        () -> "expected a refusal for " + body).code();
  }

  private static String textOf(String text) {
    return ((Command.AddNote) CommandDecoder.decode(add().put("text", text))).text();
  }

  // --- happy paths ------------------------------------------------------------------------------------------

  @Nested
  class HappyPaths {

    @Test
    void noteAddWithOnlyRequiredFieldsGetsNoIdAndTheDefaultColour() {
      Command c = CommandDecoder.decode(add());

      assertEquals(new Command.AddNote(Optional.empty(), "Hello", 10, 20, "yellow"), c);
      assertEquals("note.add", c.op());
    }

    @Test
    void noteAddWithAllFieldsKeepsThem() {
      Command c = CommandDecoder.decode(add().put("id", ID).put("color", "purple").put("x", -12.5));

      assertEquals(new Command.AddNote(Optional.of(ID), "Hello", -12.5, 20, "purple"), c);
    }

    @Test
    void noteAddWithNullIdAndNullColourTreatsThemAsAbsent() {
      Command c = CommandDecoder.decode(add().putNull("id").putNull("color"));

      assertEquals(new Command.AddNote(Optional.empty(), "Hello", 10, 20, Limits.DEFAULT_COLOR), c);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yellow", "pink", "blue", "green", "orange", "purple"})
    void noteAddAcceptsEveryPaletteColour(String colour) {
      Command.AddNote c = (Command.AddNote) CommandDecoder.decode(add().put("color", colour));

      assertEquals(colour, c.color());
    }

    @Test
    void noteUpdateWithTextOnly() {
      assertEquals(new Command.UpdateNote(ID, Optional.of("New"), Optional.empty()),
          CommandDecoder.decode(update().put("text", "New")));
    }

    @Test
    void noteUpdateWithColourOnly() {
      assertEquals(new Command.UpdateNote(ID, Optional.empty(), Optional.of("blue")),
          CommandDecoder.decode(update().put("color", "blue")));
    }

    @Test
    void noteUpdateWithTextAndColour() {
      Command c = CommandDecoder.decode(update().put("text", "New").put("color", "green"));

      assertEquals(new Command.UpdateNote(ID, Optional.of("New"), Optional.of("green")), c);
      assertEquals("note.update", c.op());
    }

    @Test
    void noteMove() {
      Command c = CommandDecoder.decode(move().put("x", 3.25).put("y", -4));

      assertEquals(new Command.MoveNote(ID, 3.25, -4), c);
      assertEquals("note.move", c.op());
    }

    @Test
    void noteDelete() {
      Command c = CommandDecoder.decode(delete());

      assertEquals(new Command.DeleteNote(ID), c);
      assertEquals("note.delete", c.op());
    }

    @Test
    void aBodyGivenAsAJsonStringIsDecoded() {
      Command c = CommandDecoder.decode("{\"op\":\"note.move\",\"id\":\"" + ID + "\",\"x\":1.5,\"y\":-2}");

      assertEquals(new Command.MoveNote(ID, 1.5, -2), c);
    }

    @Test
    void aBodyGivenAsAMapIsDecoded() {
      Command c = CommandDecoder.decode(Map.of("op", "note.delete", "id", ID));

      assertEquals(new Command.DeleteNote(ID), c);
    }
  }

  // --- op -----------------------------------------------------------------------------------------------------

  @Test
  void aMissingOpIsRefusedAsUnknownOp() {
    assertEquals(ErrorCode.UNKNOWN_OP, refusal(add().copy().put("op", (Object) null)));
    JsonObject noOp = add();
    noOp.remove("op");
    assertEquals(ErrorCode.UNKNOWN_OP, refusal(noOp));
  }

  @Test
  void anOpThatIsNotAStringIsRefusedAsUnknownOp() {
    assertEquals(ErrorCode.UNKNOWN_OP, refusal(add().put("op", 1)));
    assertEquals(ErrorCode.UNKNOWN_OP, refusal(add().put("op", new JsonArray().add("note.add"))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"note.explode", "", "NOTE.ADD", "note.add ", "participant.join"})
  void anUnknownOpIsRefusedAsUnknownOp(String op) {
    assertEquals(ErrorCode.UNKNOWN_OP, refusal(delete().put("op", op)));
  }

  // --- fields -----------------------------------------------------------------------------------------------

  @Test
  void anUnknownFieldIsRefusedForEveryOp() {
    assertEquals(ErrorCode.UNKNOWN_FIELD, refusal(add().put("authorId", "someone-else")));
    assertEquals(ErrorCode.UNKNOWN_FIELD, refusal(update().put("text", "t").put("x", 1)));
    assertEquals(ErrorCode.UNKNOWN_FIELD, refusal(move().put("text", "t")));
    assertEquals(ErrorCode.UNKNOWN_FIELD, refusal(delete().put("color", "pink")));
  }

  @Test
  void aDollarKeyAtTopLevelIsRefusedAsForbiddenKey() {
    assertEquals(ErrorCode.FORBIDDEN_KEY, refusal(add().put("$where", "1 == 1")));
  }

  @Test
  void aDollarKeyNestedInAFieldIsRefusedAsForbiddenKey() {
    assertEquals(ErrorCode.FORBIDDEN_KEY, refusal(update().put("text", new JsonObject().put("$gt", ""))));
    assertEquals(ErrorCode.FORBIDDEN_KEY, refusal(delete().put("id", new JsonObject().put("$ne", null))));
  }

  @Test
  void aDollarKeyInsideAnArrayIsRefusedAsForbiddenKey() {
    assertEquals(ErrorCode.FORBIDDEN_KEY,
        refusal(add().put("text", new JsonArray().add(new JsonObject().put("$regex", ".*")))));
  }

  @Test
  void aDollarKeyInAJsonStringBodyIsRefusedAsForbiddenKey() {
    assertEquals(ErrorCode.FORBIDDEN_KEY,
        refusal("{\"op\":\"note.delete\",\"id\":{\"$gt\":\"\"}}"));
  }

  @Test
  void aDollarKeyIsRefusedEvenBeforeTheOpIsLookedAt() {
    assertEquals(ErrorCode.FORBIDDEN_KEY, refusal(new JsonObject().put("$set", new JsonObject())));
  }

  @Test
  void missingRequiredFieldsAreRefusedAsMissingField() {
    JsonObject noText = add();
    noText.remove("text");
    JsonObject noX = add();
    noX.remove("x");
    JsonObject noY = move();
    noY.remove("y");
    assertEquals(ErrorCode.MISSING_FIELD, refusal(noText));
    assertEquals(ErrorCode.MISSING_FIELD, refusal(noX));
    assertEquals(ErrorCode.MISSING_FIELD, refusal(noY));
    assertEquals(ErrorCode.MISSING_FIELD, refusal(new JsonObject().put("op", "note.update").put("text", "t")));
    assertEquals(ErrorCode.MISSING_FIELD, refusal(new JsonObject().put("op", "note.move").put("x", 1).put("y", 1)));
    assertEquals(ErrorCode.MISSING_FIELD, refusal(new JsonObject().put("op", "note.delete")));
  }

  @Test
  void aNullRequiredFieldIsRefusedAsMissingField() {
    assertEquals(ErrorCode.MISSING_FIELD, refusal(add().putNull("x")));
    assertEquals(ErrorCode.MISSING_FIELD, refusal(delete().putNull("id")));
  }

  @Test
  void wrongJsonTypesAreRefusedAsWrongType() {
    assertEquals(ErrorCode.WRONG_TYPE, refusal(add().put("text", 42)));
    assertEquals(ErrorCode.WRONG_TYPE, refusal(add().put("text", true)));
    assertEquals(ErrorCode.WRONG_TYPE, refusal(add().put("text", new JsonObject().put("a", "b"))));
    assertEquals(ErrorCode.WRONG_TYPE, refusal(add().put("x", "10")));
    assertEquals(ErrorCode.WRONG_TYPE, refusal(add().put("y", false)));
    assertEquals(ErrorCode.WRONG_TYPE, refusal(add().put("id", 12345678)));
    assertEquals(ErrorCode.WRONG_TYPE, refusal(add().put("color", 1)));
    assertEquals(ErrorCode.WRONG_TYPE, refusal(delete().put("id", 12345678)));
    assertEquals(ErrorCode.WRONG_TYPE, refusal(move().put("x", new JsonArray().add(1))));
    assertEquals(ErrorCode.WRONG_TYPE, refusal(update().put("text", 7)));
  }

  // --- coordinates ------------------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 100_001, -100_001,
      100_000.001, -100_000.001, Double.MAX_VALUE})
  void aCoordinateThatIsNotFiniteOrBeyond100000IsRefusedAsOutOfBounds(double bad) {
    assertEquals(ErrorCode.OUT_OF_BOUNDS, refusal(add().put("x", bad)));
    assertEquals(ErrorCode.OUT_OF_BOUNDS, refusal(add().put("y", bad)));
    assertEquals(ErrorCode.OUT_OF_BOUNDS, refusal(move().put("x", bad)));
    assertEquals(ErrorCode.OUT_OF_BOUNDS, refusal(move().put("y", bad)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e400", "-1e400", "100001", "-100001", "123456789012345678901234567890"})
  void aCoordinateWrittenInJsonTextBeyondTheLimitIsRefusedAsOutOfBounds(String number) {
    assertEquals(ErrorCode.OUT_OF_BOUNDS,
        refusal("{\"op\":\"note.move\",\"id\":\"" + ID + "\",\"x\":" + number + ",\"y\":0}"));
  }

  @Test
  void coordinatesOfExactlyPlusMinus100000AreAccepted() {
    assertEquals(new Command.MoveNote(ID, 100_000, -100_000),
        CommandDecoder.decode(move().put("x", 100_000).put("y", -100_000)));
    assertEquals(new Command.AddNote(Optional.empty(), "Hello", -100_000.0, 100_000.0, "yellow"),
        CommandDecoder.decode(add().put("x", -100_000.0).put("y", 100_000.0)));
  }

  @Test
  void coordinatesGivenAsJsonIntegersBecomeDoubles() {
    Command.MoveNote c = (Command.MoveNote) CommandDecoder.decode(
        "{\"op\":\"note.move\",\"id\":\"" + ID + "\",\"x\":100000,\"y\":-7}");

    assertEquals(100_000.0, c.x());
    assertEquals(-7.0, c.y());
  }

  // --- text -------------------------------------------------------------------------------------------------

  @Test
  void textOfExactly2000CodePointsIsAccepted() {
    String finnish = "ä".repeat(Limits.MAX_NOTE_TEXT);
    assertEquals(finnish, textOf(finnish));
  }

  @Test
  void textOf2000EmojiIsAcceptedAlthoughItIs4000Utf16Units() {
    String emoji = "😀".repeat(Limits.MAX_NOTE_TEXT);
    assertEquals(4000, emoji.length());

    assertEquals(emoji, textOf(emoji));
  }

  @Test
  void textLongerThan2000CodePointsIsRefusedAsTextTooLong() {
    assertEquals(ErrorCode.TEXT_TOO_LONG, refusal(add().put("text", "ä".repeat(2001))));
    assertEquals(ErrorCode.TEXT_TOO_LONG, refusal(add().put("text", "😀".repeat(2001))));
    assertEquals(ErrorCode.TEXT_TOO_LONG, refusal(update().put("text", "a".repeat(2001))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "   ", "\n", "\r\n\r\n", "\t", " \t\n "})
  void emptyOrBlankTextIsRefusedAsTextEmpty(String blank) {
    assertEquals(ErrorCode.TEXT_EMPTY, refusal(add().put("text", blank)));
    assertEquals(ErrorCode.TEXT_EMPTY, refusal(update().put("text", blank)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u00a0", "\u2007", "\u202f", " \u00a0\n\u202f "})
  void textOfOnlyNoBreakSpacesIsRefusedAsTextEmpty(String blank) {
    // Unicode White_Space characters that Java's String.isBlank does not count as white space.
    assertEquals(ErrorCode.TEXT_EMPTY, refusal(add().put("text", blank)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u3000", "\u2003\u2009"})
  void textOfOnlyOtherUnicodeSpacesIsRefusedAsTextEmpty(String blank) {
    assertEquals(ErrorCode.TEXT_EMPTY, refusal(add().put("text", blank)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0000b", "bell\u0007", "\u001b[31mred", "del\u007f", "next\u0085line", "ls\u2028",
      "ps\u2029", "vt\u000b", "ff\u000c"})
  void textWithControlCharactersIsRefusedAsInvalidText(String bad) {
    assertEquals(ErrorCode.INVALID_TEXT, refusal(add().put("text", bad)));
    assertEquals(ErrorCode.INVALID_TEXT, refusal(update().put("text", bad)));
  }

  @Test
  void crLfAndLoneCrAreNormalisedToLf() {
    assertEquals("one\ntwo\nthree", textOf("one\r\ntwo\rthree"));
    assertEquals(new Command.UpdateNote(ID, Optional.of("a\n\nb"), Optional.empty()),
        CommandDecoder.decode(update().put("text", "a\r\n\r\nb")));
  }

  @Test
  void theLengthLimitCountsTextAfterNormalisation() {
    // 1000 CRLF pairs + 1000 letters = 3000 UTF-16 units as sent, 2000 code points as stored.
    String text = "a\r\n".repeat(1000);

    assertEquals("a\n".repeat(1000), textOf(text));
  }

  @Test
  void tabsAndNewlinesAreAllowedInText() {
    assertEquals("col1\tcol2\nrow2", textOf("col1\tcol2\nrow2"));
  }

  @Test
  void textIsStoredAsTypedWithoutEscapingMarkup() {
    assertEquals("<b>bold</b> & \"quoted\"", textOf("<b>bold</b> & \"quoted\""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\uD83D", "lone high \uD83D end", "\uDE00", "\uDE00\uD83D", "ab\uD83D"})
  void textWithALoneSurrogateIsRefusedAsInvalidText(String bad) {
    assertEquals(ErrorCode.INVALID_TEXT, refusal(add().put("text", bad)));
  }

  @Test
  void aLoneSurrogateEscapedInJsonTextIsRefusedAsInvalidText() {
    assertEquals(ErrorCode.INVALID_TEXT,
        refusal("{\"op\":\"note.add\",\"text\":\"x\\ud83dy\",\"x\":0,\"y\":0}"));
  }

  // --- ids and colours --------------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"", "abcdefg", "abcd/efgh", "abcd.efgh", "$abcdefgh", "abcd efgh", "äbcdefgh",
      "abcdefgh\n", "../../etc", "a2345678901234567890123456789012345678901234567890123456789012345"})
  void anIdNotOfTheDocumentedFormIsRefusedAsInvalidId(String bad) {
    assertEquals(ErrorCode.INVALID_ID, refusal(delete().put("id", bad)));
    assertEquals(ErrorCode.INVALID_ID, refusal(move().put("id", bad)));
    assertEquals(ErrorCode.INVALID_ID, refusal(update().put("id", bad).put("text", "t")));
    assertEquals(ErrorCode.INVALID_ID, refusal(add().put("id", bad)));
  }

  @Test
  void idsOf65CharactersAreRefusedAsInvalidId() {
    assertEquals(ErrorCode.INVALID_ID, refusal(delete().put("id", "a".repeat(65))));
  }

  @Test
  void idsOf8And64CharactersOfTheAllowedAlphabetAreAccepted() {
    String shortest = "aZ0_-xyz";
    String longest = "A".repeat(30) + "b".repeat(30) + "9_-0";
    assertEquals(64, longest.length());

    assertEquals(new Command.DeleteNote(shortest), CommandDecoder.decode(delete().put("id", shortest)));
    assertEquals(new Command.DeleteNote(longest), CommandDecoder.decode(delete().put("id", longest)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"red", "Yellow", "YELLOW", "", " yellow", "#ffff00"})
  void aColourNotInThePaletteIsRefusedAsInvalidColor(String bad) {
    assertEquals(ErrorCode.INVALID_COLOR, refusal(add().put("color", bad)));
    assertEquals(ErrorCode.INVALID_COLOR, refusal(update().put("color", bad)));
  }

  @Test
  void noteUpdateWithNullTextAndAColourTreatsTheTextAsAbsentLikeANullColour() {
    assertEquals(new Command.UpdateNote(ID, Optional.empty(), Optional.of("blue")),
        CommandDecoder.decode(update().putNull("text").put("color", "blue")));
  }

  @Test
  void noteUpdateWithNeitherTextNorColourIsRefusedAsNothingToUpdate() {
    assertEquals(ErrorCode.NOTHING_TO_UPDATE, refusal(update()));
    assertEquals(ErrorCode.NOTHING_TO_UPDATE, refusal(update().putNull("color")));
  }

  // --- bodies that are not JSON objects ---------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"{\"op\":", "not json", "{'op':'note.delete'}", "[1,2]", "\"a string\"", "42", "null",
      "", "{\"op\":\"note.delete\",\"id\":\"" + ID + "\"} trailing"})
  void aStringBodyThatIsNotAJsonObjectIsRefusedAsBadJson(String body) {
    assertEquals(ErrorCode.BAD_JSON, refusal(body));
  }

  @Test
  void aBodyThatIsNotAJsonObjectIsRefusedAsBadJson() {
    assertEquals(ErrorCode.BAD_JSON, refusal(new JsonArray().add(delete())));
    assertEquals(ErrorCode.BAD_JSON, refusal(null));
    assertEquals(ErrorCode.BAD_JSON, refusal(42));
    assertEquals(ErrorCode.BAD_JSON, refusal(true));
  }

  @Test
  void deeplyNestedJsonTextIsRefusedWithoutOverflowingTheStack() {
    int depth = 100_000;
    String body = "{\"op\":\"note.add\",\"x\":0,\"y\":0,\"text\":" + "[".repeat(depth) + "]".repeat(depth) + "}";

    PajaException e = assertThrows(PajaException.class, () -> CommandDecoder.decode(body));

    assertEquals(400, e.code().status());
  }

  private static String deleteWithExtraField(int arrays) {
    return "{\"op\":\"note.delete\",\"id\":\"" + ID + "\",\"extra\":"
        + "[".repeat(arrays) + "1" + "]".repeat(arrays) + "}";
  }

  @Test
  void nestingBeyondTheDepthLimitIsRefusedAsWrongTypeBeforeTheFieldsAreChecked() {
    assertEquals(ErrorCode.WRONG_TYPE, refusal(deleteWithExtraField(Json.MAX_DEPTH)));
    assertEquals(ErrorCode.WRONG_TYPE, refusal(deleteWithExtraField(50)));
  }

  @Test
  void nestingWithinTheDepthLimitIsLeftToTheFieldChecks() {
    assertEquals(ErrorCode.UNKNOWN_FIELD, refusal(deleteWithExtraField(Json.MAX_DEPTH - 1)));
  }

  @Test
  void aDeeplyNestedJsonObjectIsRefusedWithoutOverflowingTheStack() {
    JsonObject inner = new JsonObject();
    JsonObject top = inner;
    for (int i = 0; i < 100_000; i++) {
      JsonObject next = new JsonObject();
      inner.put("k", next);
      inner = next;
    }
    JsonObject body = add().put("text", top);

    PajaException e = assertThrows(PajaException.class, () -> CommandDecoder.decode(body));

    assertEquals(400, e.code().status());
    assertTrue(e.code() == ErrorCode.WRONG_TYPE || e.code() == ErrorCode.BAD_JSON, e.code()::toString);
  }
}
