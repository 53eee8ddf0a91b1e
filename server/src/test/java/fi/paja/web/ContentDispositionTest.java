package fi.paja.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {

  @Test
  void aFileNameWithNonAsciiLettersGetsAnAsciiFallbackAndAnEncodedRealName() {
    assertEquals("attachment; filename=\"Tyopaja-______-_-sola.md\"; "
        + "filename*=UTF-8''Ty%C3%B6paja-%CE%95%CE%BB%CE%BB%CE%AC%CE%B4%CE%B1-%E2%82%AC-%C5%A1ola.md",
        OutcomeRoutes.contentDisposition("Työpaja-Ελλάδα-€-šola.md"));
  }

  @Test
  void aPlainNameStaysAsItIs() {
    assertEquals("attachment; filename=\"workshop.csv\"; filename*=UTF-8''workshop.csv",
        OutcomeRoutes.contentDisposition("workshop.csv"));
  }
}
