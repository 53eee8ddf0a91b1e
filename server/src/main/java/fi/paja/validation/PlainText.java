package fi.paja.validation;

import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;

/**
 * Rules for user-written plain text. Line breaks are normalised to {@code \n}; other control characters and lone
 * UTF-16 surrogates are refused, so what is stored is exactly what every client will show as text.
 */
public final class PlainText {

  private PlainText() {
  }

  /** Multi-line text such as a note: 1..max code points, not blank. */
  public static String multiLine(String raw, int maxCodePoints) {
    String text = raw.replace("\r\n", "\n").replace('\r', '\n');
    check(text, true, ErrorCode.INVALID_TEXT);
    if (invisible(text)) {
      throw new PajaException(ErrorCode.TEXT_EMPTY);
    }
    if (text.codePointCount(0, text.length()) > maxCodePoints) {
      throw new PajaException(ErrorCode.TEXT_TOO_LONG,
          "The text is longer than " + maxCodePoints + " characters.");
    }
    return text;
  }

  /** A one-line label such as a name or a title: trimmed, 1..max code points. */
  public static String singleLine(String raw, int maxCodePoints, ErrorCode error) {
    String text = raw.strip();
    check(text, false, error);
    int length = text.codePointCount(0, text.length());
    if (invisible(text) || length > maxCodePoints) {
      throw new PajaException(error, "Must be 1 to " + maxCodePoints + " characters.");
    }
    return text;
  }

  /** Only white space (including no-break spaces) and invisible format characters: nothing a reader can see. */
  static boolean invisible(String text) {
    return text.codePoints().allMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp)
        || Character.getType(cp) == Character.FORMAT);
  }

  private static void check(String text, boolean allowNewlines, ErrorCode error) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        throw new PajaException(error, "Invalid Unicode (lone surrogate).");
      }
      if (Character.isLowSurrogate(c)) {
        throw new PajaException(error, "Invalid Unicode (lone surrogate).");
      }
      if ((c >= '\uFDD0' && c <= '\uFDEF') || c == '\uFFFE' || c == '\uFFFF') {
        throw new PajaException(error, "Unicode non-characters are not allowed.");
      }
      boolean allowed = c == '\t' || (allowNewlines && c == '\n');
      if (!allowed && (Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029')) {
        throw new PajaException(error, "Control characters are not allowed.");
      }
    }
  }
}
