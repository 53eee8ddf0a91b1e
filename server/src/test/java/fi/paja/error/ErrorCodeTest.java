package fi.paja.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Error codes are public API: the enum and docs/PROTOCOL.md must list the same codes with the same statuses. */
class ErrorCodeTest {

  private static final Path PROTOCOL = Path.of("..", "docs", "PROTOCOL.md");

  private static Map<String, Integer> documentedCodes() throws IOException {
    String doc = Files.readString(PROTOCOL);
    String section = doc.substring(doc.indexOf("## Error codes"), doc.indexOf("## Limits"));
    Map<String, Integer> codes = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^\\| `([a-z_]+)` \\| (\\d{3}) \\|").matcher(section);
    while (m.find()) {
      codes.put(m.group(1), Integer.parseInt(m.group(2)));
    }
    return codes;
  }

  @Test
  void everyDocumentedCodeExistsWithTheDocumentedStatus() throws IOException {
    Map<String, Integer> documented = documentedCodes();
    assertEquals(ErrorCode.values().length, documented.size(), "rows parsed from the table");
    documented.forEach((code, status) -> {
      ErrorCode c = ErrorCode.fromCode(code);
      assertEquals(code, c.code(), () -> "documented code missing from the enum: " + code);
      assertEquals(status, c.status(), () -> "status of " + code);
    });
  }

  @Test
  void theWireCodeIsTheLowerCaseName() {
    assertEquals("text_too_long", ErrorCode.TEXT_TOO_LONG.code());
    assertEquals("bad_json", ErrorCode.BAD_JSON.code());
  }

  @Test
  void everyCodeReadsBackFromItsWireName() {
    for (ErrorCode c : ErrorCode.values()) {
      assertSame(c, ErrorCode.fromCode(c.code()));
    }
  }

  @Test
  void anUnknownWireNameReadsAsInternalError() {
    assertSame(ErrorCode.INTERNAL_ERROR, ErrorCode.fromCode("no_such_code"));
    assertSame(ErrorCode.INTERNAL_ERROR, ErrorCode.fromCode(null));
  }

  @Test
  void theProtocolDocumentsExactlyTheCodesAndStatusesOfTheEnum() throws IOException {
    Map<String, Integer> inCode = Arrays.stream(ErrorCode.values())
        .collect(Collectors.toMap(ErrorCode::code, ErrorCode::status, (a, b) -> a, LinkedHashMap::new));

    assertEquals(inCode, documentedCodes());
  }

  @Test
  void aPajaExceptionCarriesItsCodeAndTheDefaultMessage() {
    PajaException e = new PajaException(ErrorCode.NOTE_NOT_FOUND);

    assertSame(ErrorCode.NOTE_NOT_FOUND, e.code());
    assertEquals("No such note on this board.", e.getMessage());
    assertEquals(404, e.code().status());
  }
}
