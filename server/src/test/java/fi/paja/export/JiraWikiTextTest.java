package fi.paja.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What participants wrote reaches Jira's Description as text, never as wiki markup. */
class JiraWikiTextTest {

  @Test
  void linksImagesAndMacrosAreEscaped() {
    assertEquals("\\[klikkaa\\|https://evil.example\\] \\!kuva.png\\! \\{color:red\\}hei\\{color\\}",
        JiraCsvExport.wikiText("[klikkaa|https://evil.example] !kuva.png! {color:red}hei{color}"));
  }

  @Test
  void emphasisListsAndMentionsAreEscaped() {
    assertEquals("\\*lihava\\* \\_kursiivi\\_ \\-poistettu\\- \\+alle\\+ \\^ylä\\^ \\~ala\\~ \\?\\?lainaus\\?\\? @anna",
        JiraCsvExport.wikiText("*lihava* _kursiivi_ -poistettu- +alle+ ^ylä^ ~ala~ ??lainaus?? @anna"));
    assertEquals("\\# yksi\n\\* kaksi", JiraCsvExport.wikiText("# yksi\n* kaksi"));
  }

  @Test
  void headingsAndQuotesAtALineStartAreEscapedButWordsAreNot() {
    assertEquals("\\h1. Otsikko\n \\bq. lainaus\nhyvä h2. ei otsikko", JiraCsvExport.wikiText(
        "h1. Otsikko\n bq. lainaus\nhyvä h2. ei otsikko"));
  }

  @Test
  void aBackslashIsItselfEscapedAndPlainTextIsUnchanged() {
    assertEquals("C:\\\\polku", JiraCsvExport.wikiText("C:\\polku"));
    assertEquals("Ajanvaraus on vaikeaa, jono on pitkä.",
        JiraCsvExport.wikiText("Ajanvaraus on vaikeaa, jono on pitkä."));
  }
}
