package fi.paja.validation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Strict reading of HTTP bodies (the Buffer path used by every POST endpoint). */
class JsonTest {

  private static ErrorCode refusal(Buffer body) {
    return assertThrows(PajaException.class, () -> Json.object(body)).code();
  }

  @Test
  void aBufferHoldingAJsonObjectIsParsed() {
    JsonObject json = Json.object(Buffer.buffer("{\"code\":\"ABC234\",\"name\":\"Liisa\"}"));

    assertEquals(new JsonObject().put("code", "ABC234").put("name", "Liisa"), json);
  }

  @Test
  void anEmptyOrMissingBufferIsRefusedAsBadJson() {
    assertEquals(ErrorCode.BAD_JSON, refusal(Buffer.buffer()));
    assertEquals(ErrorCode.BAD_JSON, refusal(null));
  }

  @Test
  void aBufferThatIsNotAJsonObjectIsRefusedAsBadJson() {
    assertEquals(ErrorCode.BAD_JSON, refusal(Buffer.buffer("{\"a\":")));
    assertEquals(ErrorCode.BAD_JSON, refusal(Buffer.buffer("[{\"a\":1}]")));
    assertEquals(ErrorCode.BAD_JSON, refusal(Buffer.buffer("\"text\"")));
    assertEquals(ErrorCode.BAD_JSON, refusal(Buffer.buffer("17")));
  }

  @Test
  void aBufferWithADollarKeyAnywhereIsRefusedAsForbiddenKey() {
    assertEquals(ErrorCode.FORBIDDEN_KEY, refusal(Buffer.buffer("{\"username\":{\"$ne\":null},\"password\":\"x\"}")));
    assertEquals(ErrorCode.FORBIDDEN_KEY, refusal(Buffer.buffer("{\"a\":[1,{\"b\":{\"$in\":[]}}]}")));
  }

  @Test
  void aDollarInsideAKeyOrAValueIsAllowed() {
    JsonObject json = Json.object(Buffer.buffer("{\"price$\":\"$5\"}"));

    assertEquals("$5", json.getString("price$"));
  }

  @Test
  void onlyFieldsRefusesAFieldOutsideTheAllowedSet() {
    PajaException e = assertThrows(PajaException.class,
        () -> Json.onlyFields(new JsonObject().put("a", 1).put("b", 2), Set.of("a")));

    assertEquals(ErrorCode.UNKNOWN_FIELD, e.code());
  }

  @Test
  void onlyFieldsAcceptsASubsetOfTheAllowedSet() {
    assertDoesNotThrow(() -> Json.onlyFields(new JsonObject().put("a", 1), Set.of("a", "b")));
  }
}
