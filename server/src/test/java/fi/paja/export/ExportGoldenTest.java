package fi.paja.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xml.sax.InputSource;

/**
 * Every export format against a golden file made from {@link ExportFixture} (Finnish and Swedish letters, quotes,
 * commas, newlines, formula characters). Regenerate after a deliberate change with {@code -Dgolden.update=true}
 * and read the diff.
 */
class ExportGoldenTest {

  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

  private static String export(String format, boolean anonymous) {
    StringBuilder out = new StringBuilder();
    Exports.FORMATS.get(format).write(ExportView.of(ExportFixture.snapshot(anonymous)), out::append);
    return out.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"md", "json", "csv", "jira", "azure", "svg"})
  void everyFormatMatchesItsGoldenFile(String format) throws IOException {
    String actual = export(format, false);
    Path file = GOLDEN.resolve("workshop." + Exports.FORMATS.get(format).extension());
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual);
  }

  @ParameterizedTest
  @ValueSource(strings = {"md", "json", "csv", "jira", "azure", "svg"})
  void anAnonymousWorkshopExportsNoAuthors(String format) {
    String out = export(format, true);
    for (String who : List.of("Aino", "Bertil", ExportFixture.AINO, ExportFixture.BERTIL)) {
      assertFalse(out.contains(who), format + " leaks " + who);
    }
  }

  @Test
  void aWorkshopThatIsNotAnonymousNamesAuthorsInTheCsv() {
    assertTrue(export("csv", false).contains("Aino Åkerlund"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"csv", "jira", "azure"})
  void csvCellsStartingWithFormulaCharactersAreDefused(String format) throws IOException {
    for (CSVRecord record : CSVFormat.RFC4180.parse(new StringReader(export(format, false)))) {
      for (String cell : record) {
        assertFalse(!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0, format + ": " + cell);
      }
    }
  }

  @Test
  void csvQuotesCommasAndNewlinesSurviveParsing() throws IOException {
    List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(export("csv", false))).getRecords();
    assertTrue(records.stream().anyMatch(r -> r.get(2).equals("Rivi yksi\nRivi två, med komma")));
    assertTrue(records.stream().anyMatch(r -> r.get(2).contains("\"takaisinsoitto\"")));
  }

  @Test
  void jiraPriorityFollowsVotes() throws IOException {
    List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(export("jira", false))).getRecords();
    CSVRecord action = records.stream().filter(r -> r.get("Summary").startsWith("Jonot")).findFirst().orElseThrow();
    assertEquals("Task", action.get("Issue Type"));
    assertEquals("High", action.get("Priority"));
  }

  @Test
  void theSvgIsWellFormedXml() throws Exception {
    DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new InputSource(new StringReader(export("svg", false))));
  }

  @Test
  void theJsonExportParsesAndDeclaresItsFormat() {
    JsonObject json = new JsonObject(export("json", false));
    assertEquals("paja-workshop", json.getString("format"));
    assertEquals(5, json.getJsonArray("notes").size());
    assertEquals(2, json.getJsonArray("outcomes").size());
  }

  @Test
  void markdownEscapesWhatWouldBecomeMarkup() {
    String md = export("md", false);
    assertTrue(md.contains("\\*tähdet\\*"), md);
    assertTrue(md.contains("\\<b\\>tagit\\</b\\>"), md);
    assertFalse(md.contains("<b>"));
  }

  /**
   * Azure DevOps imports the Description column as HTML: participants' text in it is escaped (a raw
   * {@code <img onerror>} ran in the backlog), its line breaks kept as {@code <br>}.
   */
  @Test
  void azureDescriptionsAreEscapedHtml() throws IOException {
    List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(export("azure", false))).getRecords();
    for (CSVRecord r : records) {
      String description = r.get("Description");
      assertFalse(description.replace("<br>", "").contains("<"), description);
      assertFalse(description.contains("\n"), description);
    }
    assertTrue(records.stream().anyMatch(r -> r.get("Description").contains("&lt;b&gt;tagit&lt;/b&gt;")));
    assertTrue(records.stream().anyMatch(r -> r.get("Description").equals("Rivi yksi<br>Rivi två, med komma")));
    assertTrue(records.stream().anyMatch(r -> r.get("Description").contains("&quot;takaisinsoitto&quot;")));
    JsonObject hostile = ExportFixture.snapshot(false);
    hostile.getJsonArray("notes").getJsonObject(0).put("text", "<img src=x onerror=alert(document.domain)>");
    StringBuilder out = new StringBuilder();
    new AzureCsvExport().write(ExportView.of(hostile), out::append);
    // The Title column is a plain-text field in Azure (shown as text); Description is HTML.
    List<String> descriptions = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(out.toString())).getRecords().stream().map(r -> r.get("Description")).toList();
    assertFalse(descriptions.stream().anyMatch(d -> d.contains("<img")), out.toString());
    assertTrue(descriptions.stream().anyMatch(d -> d.contains("&lt;img src=x onerror=alert(document.domain)&gt;")),
        out.toString());
  }

  @Test
  void theFixtureHasWhatTheTestsRelyOn() {
    Map<String, Integer> votes = ExportView.votes(ExportView.of(ExportFixture.snapshot(false)));
    assertEquals(4, votes.values().stream().mapToInt(Integer::intValue).sum());
  }
}
