package fi.paja.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What can be a token is decided without a lookup, so that junk tokens cost nothing. */
class TokensTest {

  @Test
  void everyNewTokenIsWellFormed() {
    for (int i = 0; i < 1_000; i++) {
      assertTrue(Tokens.wellFormed(Tokens.newToken()));
    }
  }

  @Test
  void anythingElseIsNot() {
    String token = Tokens.newToken();
    assertFalse(Tokens.wellFormed(null));
    assertFalse(Tokens.wellFormed(""));
    assertFalse(Tokens.wellFormed("forged"));
    assertFalse(Tokens.wellFormed(token + "A"));
    assertFalse(Tokens.wellFormed(token.substring(1)));
    assertFalse(Tokens.wellFormed(token.substring(1) + "+"));
    assertFalse(Tokens.wellFormed(token.substring(1) + "="));
    assertFalse(Tokens.wellFormed(token.substring(1) + "ä"));
    assertFalse(Tokens.wellFormed(" " + token.substring(1)));
    assertFalse(Tokens.wellFormed(Tokens.newId()), "an id is not a token");
  }
}
