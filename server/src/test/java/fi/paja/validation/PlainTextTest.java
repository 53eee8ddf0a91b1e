package fi.paja.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fi.paja.config.Limits;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names and titles (single line) and note texts (multi-line). */
class PlainTextTest {

  private static String name(String raw) {
    return PlainText.singleLine(raw, Limits.MAX_NAME_LENGTH, ErrorCode.INVALID_NAME);
  }

  private static ErrorCode nameRefusal(String raw) {
    return assertThrows(PajaException.class, () -> name(raw), () -> "expected a refusal for " + raw).code();
  }

  @Test
  void singleLineTrimsSurroundingWhiteSpace() {
    assertEquals("Maija Meikäläinen", name("  \tMaija Meikäläinen \n"));
  }

  @Test
  void singleLineKeepsInnerSpaces() {
    assertEquals("a  b", name("a  b"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"first\nsecond", "first\r\nsecond", "first\rsecond", "a\u2028b", "a\u0000b", "a\u001bb",
      "a\u007fb"})
  void singleLineRefusesLineBreaksAndControlCharactersWithTheGivenCode(String raw) {
    assertEquals(ErrorCode.INVALID_NAME, nameRefusal(raw));
  }

  @Test
  void singleLineAllowsATabInside() {
    assertEquals("a\tb", name("a\tb"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "   \t  ", "\n"})
  void singleLineRefusesEmptyOrBlankInput(String raw) {
    assertEquals(ErrorCode.INVALID_NAME, nameRefusal(raw));
  }

  @Test
  void singleLineAcceptsExactlyTheMaximumInCodePoints() {
    String forty = "😀".repeat(Limits.MAX_NAME_LENGTH);
    assertEquals(80, forty.length());

    assertEquals(forty, name(forty));
  }

  @Test
  void singleLineRefusesOneCodePointOverTheMaximum() {
    assertEquals(ErrorCode.INVALID_NAME, nameRefusal("ö".repeat(Limits.MAX_NAME_LENGTH + 1)));
  }

  @Test
  void singleLineCountsLengthAfterTrimming() {
    String padded = "  " + "x".repeat(Limits.MAX_NAME_LENGTH) + "  ";

    assertEquals("x".repeat(Limits.MAX_NAME_LENGTH), name(padded));
  }

  @Test
  void singleLineRefusesALoneSurrogate() {
    assertEquals(ErrorCode.INVALID_NAME, nameRefusal("Bob\uD83D"));
  }

  @Test
  void singleLineReportsTheErrorCodeItIsGiven() {
    PajaException e = assertThrows(PajaException.class,
        () -> PlainText.singleLine("", Limits.MAX_TITLE_LENGTH, ErrorCode.INVALID_TITLE));

    assertEquals(ErrorCode.INVALID_TITLE, e.code());
  }

  @Test
  void multiLineKeepsLeadingAndTrailingWhiteSpaceOfNonBlankText() {
    assertEquals("  indented\n", PlainText.multiLine("  indented\r\n", 20));
  }

  @Test
  void multiLineRefusesTextOverTheGivenLimitAsTextTooLong() {
    PajaException e = assertThrows(PajaException.class, () -> PlainText.multiLine("abcd", 3));

    assertEquals(ErrorCode.TEXT_TOO_LONG, e.code());
  }

  @Test
  void textOfOnlyInvisibleFormatCharactersIsEmpty() {
    PajaException e = assertThrows(PajaException.class, () -> PlainText.multiLine("\u200b\u200d", 2000));

    assertEquals(ErrorCode.TEXT_EMPTY, e.code());
  }

  @Test
  void emojiJoinedWithZeroWidthJoinerIsKept() {
    String family = "\uD83D\uDC69\u200D\uD83D\uDC67";

    assertEquals(family, PlainText.multiLine(family, 2000));
  }
}
