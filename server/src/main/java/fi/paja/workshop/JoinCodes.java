package fi.paja.workshop;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Join codes people read aloud and type on a phone: six characters from an alphabet without look-alikes
 * (no 0/O, 1/I/L). 31^6 ≈ 887 million codes.
 */
public final class JoinCodes {

  public static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  public static final int LENGTH = 6;
  private static final SecureRandom RANDOM = new SecureRandom();

  private JoinCodes() {
  }

  public static String next() {
    StringBuilder sb = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  /** What a person typed, in the stored form: upper case, without spaces and dashes; null if it cannot be one. */
  public static String normalise(String typed) {
    if (typed == null) {
      return null;
    }
    String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    if (code.length() != LENGTH) {
      return null;
    }
    for (int i = 0; i < code.length(); i++) {
      if (ALPHABET.indexOf(code.charAt(i)) < 0) {
        return null;
      }
    }
    return code;
  }
}
