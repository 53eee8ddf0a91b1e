package fi.paja.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Join codes: six characters people can read aloud and type on a phone. */
class JoinCodesTest {

  @Test
  void theAlphabetHas31CharactersWithoutLookAlikes() {
    assertEquals(31, JoinCodes.ALPHABET.length());
    for (char c : "0O1IL".toCharArray()) {
      assertEquals(-1, JoinCodes.ALPHABET.indexOf(c), () -> "look-alike in alphabet: " + c);
    }
    assertEquals(31, JoinCodes.ALPHABET.chars().distinct().count(), "no duplicates");
  }

  @Test
  void generatedCodesHaveSixCharactersFromTheAlphabetOnly() {
    for (int i = 0; i < 10_000; i++) {
      String code = JoinCodes.next();
      assertEquals(6, code.length(), code);
      for (char c : code.toCharArray()) {
        assertTrue(JoinCodes.ALPHABET.indexOf(c) >= 0, () -> "unexpected character in " + code);
        assertFalse("0O1IL".indexOf(c) >= 0, () -> "look-alike in " + code);
      }
    }
  }

  @Test
  void generatedCodesAreAlmostSurelyDistinct() {
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      codes.add(JoinCodes.next());
    }
    // 10,000 draws from 31^6 ≈ 887 million: the expected number of collisions is about 0.06.
    assertTrue(codes.size() > 9_990, () -> codes.size() + " distinct codes");
  }

  @Test
  void generatedCodesUseTheWholeAlphabet() {
    Map<Character, Integer> counts = new HashMap<>();
    for (int i = 0; i < 5_000; i++) {
      for (char c : JoinCodes.next().toCharArray()) {
        counts.merge(c, 1, Integer::sum);
      }
    }
    // 30,000 characters over 31 symbols: about 968 each; a symbol below 600 would mean a skewed generator.
    assertEquals(31, counts.size());
    counts.forEach((c, n) -> assertTrue(n > 600, () -> c + " appeared only " + n + " times"));
  }

  @Test
  void generatedCodesAreTheirOwnNormalForm() {
    for (int i = 0; i < 1_000; i++) {
      String code = JoinCodes.next();
      assertEquals(code, JoinCodes.normalise(code));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"K7M3QX", "k7m3qx", "K7m3Qx", "k7m-3qx", "K7M 3QX", " k7m3qx ", "K-7-M-3-Q-X", "k7m\t3qx"})
  void normaliseAcceptsLowerCaseSpacesAndDashes(String typed) {
    assertEquals("K7M3QX", JoinCodes.normalise(typed));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "K7M3Q", "K7M3QXA", "K7M3Q-", "------", "      "})
  void normaliseRefusesTheWrongLength(String typed) {
    assertNull(JoinCodes.normalise(typed));
  }

  @ParameterizedTest
  @ValueSource(strings = {"K7M3Q0", "K7M3QO", "K7M3Q1", "K7M3QI", "K7M3QL", "k7m3ql", "k7m3qi", "K7M3Q!",
      "K7M3Q_", "K7M3QÄ", "K7M3Q.", "K7M3Q/"})
  void normaliseRefusesCharactersOutsideTheAlphabet(String typed) {
    assertNull(JoinCodes.normalise(typed));
  }

  @Test
  void normaliseOfNullIsNull() {
    assertNull(JoinCodes.normalise(null));
  }
}
