package fi.paja.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.error.PajaException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PseudonymsTest {

  private static String code(Runnable r) {
    return assertThrows(PajaException.class, r::run).code().code();
  }

  @Test
  void namesAreStoredInNfcAndTrimmed() {
    assertEquals("Mik\u00e4", Pseudonyms.normalise("  Mika\u0308 "));
    assertEquals("\u00c5sa", Pseudonyms.normalise("A\u030asa"));
    assertEquals("\u2764\uFE0F Aino", Pseudonyms.normalise("\u2764\uFE0F Aino"), "emoji with a variation selector");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u202Enimda", "ad\u202Dmin", "Aino\u2066x\u2069", "Ai\u200Bno", "Ai\u200Dno", "A\u200Eino",
      "Ai\u00ADno", "\uFEFFAino", "Ai\u2060no", "\u3164", "Aino\u3164", "A\u0007", "A\u001b[31m", "A\nB",
      "x\uDB40\uDC41"})
  void invisibleDirectionalAndControlCharactersAreRefused(String name) {
    assertEquals("invalid_name", code(() -> Pseudonyms.normalise(name)), name);
  }

  @Test
  void confusableNamesShareAKey() {
    for (List<String> same : List.of(
        List.of("Aino", "AINO", "aino", "\u0410ino", "Ai\uFF4Eo", "A.i.n.o", "A i n o", "Aino!", "AIno"),
        List.of("admin", "\u0430dmin", "ADMIN", "adrnin"),
        List.of("Mik\u00e4", "Mika\u0308", "MIK\u00c4"))) {
      for (String a : same) {
        for (String b : same) {
          assertFalse(Collections.disjoint(Pseudonyms.keys(a), Pseudonyms.keys(b)), a + " ~ " + b);
        }
      }
    }
    assertTrue(Collections.disjoint(Pseudonyms.keys("Aino"), Pseudonyms.keys("Aino K")));
    assertTrue(Collections.disjoint(Pseudonyms.keys("Aino"), Pseudonyms.keys("Anna")));
    assertTrue(Collections.disjoint(Pseudonyms.keys("Mika"), Pseudonyms.keys("Mik\u00e4")), "ä is not a");
  }

  @Test
  void theBoardsRegisterRefusesLookAlikesAndRoles() {
    Pseudonyms.Taken taken = new Pseudonyms.Taken();
    taken.add("owner-0001", "admin");
    taken.add("aino-00001", "Aino");
    assertEquals("name_taken", code(() -> taken.check("new-000001", "\u0430dmin")));
    assertEquals("name_taken", code(() -> taken.check("new-000001", "AINO")));
    assertEquals("name_taken", code(() -> taken.check("new-000001", "Aino (osallistuja)")), "a role label taken out");
    assertEquals("name_reserved", code(() -> taken.check("new-000001", "admin (facilitator)")));
    assertEquals("name_reserved", code(() -> taken.check("new-000001", "Fasilitaattori")));
    assertEquals("name_reserved", code(() -> taken.check("new-000001", "FASILITAATTORI Maija")));
    assertEquals("name_reserved", code(() -> taken.check("new-000001", "Deltagare")));
    assertEquals("name_reserved", code(() -> taken.check("new-000001", "co-facilitator")));
    taken.check("aino-00001", "Aino");
    taken.check("new-000001", "Bertil");
    taken.check("new-000001", "\uD83D\uDE42");
  }

  /** The role labels the server reserves are those the web client shows, in every language it has. */
  @Test
  void everyRoleLabelOfTheWebClientIsReserved() throws Exception {
    Path i18n = Path.of("..", "web-client", "src", "i18n");
    int labels = 0;
    for (String lang : List.of("fi", "sv", "en")) {
      JsonObject catalog = new JsonObject(Files.readString(i18n.resolve(lang + ".json")));
      for (String key : catalog.fieldNames()) {
        if (key.startsWith("role.")) {
          String label = catalog.getString(key).toLowerCase(Locale.ROOT);
          assertTrue(Pseudonyms.ROLE_LABELS.contains(label), lang + " " + key + ": " + label);
          labels++;
        }
      }
    }
    assertEquals(12, labels);
  }
}
