package fi.paja.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.board.Note;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * docs/PROTOCOL.md, "GET /api/workshops/{id}/journeys/{journeyId}/svg": the journey map drawn as SVG (stages as
 * columns, lanes as rows, cell texts, notes in cells, the emotion lane as a curve).
 */
class JourneySvgTest {

  private static final String SVG_NS = "http://www.w3.org/2000/svg";
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  private static final Journey.Stage NOTICE = new Journey.Stage("stage-0001", "Tarve");
  private static final Journey.Stage SEEK = new Journey.Stage("stage-0002", "Haku");
  private static final Journey.Stage CONTACT = new Journey.Stage("stage-0003", "Yhteys");
  private static final Journey.Stage FOLLOW = new Journey.Stage("stage-0004", "Seuranta");
  private static final Journey.Lane DOES = new Journey.Lane("lane-0001", "Mitä tekee", "notes");
  private static final Journey.Lane CHANNELS = new Journey.Lane("lane-0002", "Kanavat", "channel");
  private static final Journey.Lane THINKS = new Journey.Lane("lane-0003", "Ajatukset", "text");
  private static final Journey.Lane FEELS = new Journey.Lane("lane-0004", "Tunteet", "emotion");

  private static Journey map(Map<String, String> texts, Map<String, Journey.Emotion> emotions) {
    return new Journey("journey-01", "Palvelupolku", "current", List.of(NOTICE, SEEK, CONTACT, FOLLOW),
        List.of(DOES, CHANNELS, THINKS, FEELS), texts, emotions);
  }

  private static Journey emptyCells() {
    return map(Map.of(), Map.of());
  }

  private static JsonObject note(String id, String text, Note.Cell cell) {
    return new Note(id, text, 0, 0, "pink", "author-0001", T0, T0, false, null, cell).toJson();
  }

  private static Note.Cell cell(Journey.Stage stage, Journey.Lane lane) {
    return new Note.Cell("journey-01", stage.id(), lane.id());
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    DocumentBuilder builder = factory.newDocumentBuilder();
    builder.setErrorHandler(null);
    return builder.parse(new InputSource(new StringReader(svg)));
  }

  private static Document render(Journey journey, JsonArray notes) throws Exception {
    return parse(JourneySvg.render(journey.toJson(), notes));
  }

  /** The texts of all {@code <text>} elements, each one line per tspan joined by spaces. */
  private static List<String> texts(Document doc) {
    List<String> out = new ArrayList<>();
    NodeList texts = doc.getElementsByTagNameNS(SVG_NS, "text");
    for (int i = 0; i < texts.getLength(); i++) {
      Element text = (Element) texts.item(i);
      NodeList spans = text.getElementsByTagNameNS(SVG_NS, "tspan");
      if (spans.getLength() == 0) {
        out.add(text.getTextContent());
        continue;
      }
      List<String> lines = new ArrayList<>();
      for (int s = 0; s < spans.getLength(); s++) {
        lines.add(spans.item(s).getTextContent());
      }
      out.add(String.join(" ", lines));
    }
    return out;
  }

  private static List<Element> elements(Document doc, String tag, String cssClass) {
    List<Element> out = new ArrayList<>();
    NodeList all = doc.getElementsByTagNameNS(SVG_NS, tag);
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (cssClass == null || cssClass.equals(e.getAttribute("class"))) {
        out.add(e);
      }
    }
    return out;
  }

  /** The polyline's points as [x, y] pairs. */
  private static List<int[]> curve(Document doc) {
    List<Element> lines = elements(doc, "polyline", "emotion-curve");
    assertEquals(1, lines.size(), "one emotion curve");
    List<int[]> points = new ArrayList<>();
    for (String pair : lines.get(0).getAttribute("points").trim().split("\\s+")) {
      String[] xy = pair.split(",");
      points.add(new int[] {Integer.parseInt(xy[0]), Integer.parseInt(xy[1])});
    }
    return points;
  }

  private static Map<String, String> textAt(Journey.Stage stage, Journey.Lane lane, String text) {
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put(Journey.cellKey(stage.id(), lane.id()), text);
    return texts;
  }

  private static Map<String, Journey.Emotion> scores(Object... stageAndScore) {
    Map<String, Journey.Emotion> emotions = new LinkedHashMap<>();
    for (int i = 0; i < stageAndScore.length; i += 2) {
      emotions.put(Journey.cellKey(((Journey.Stage) stageAndScore[i]).id(), FEELS.id()),
          new Journey.Emotion((Integer) stageAndScore[i + 1], null));
    }
    return emotions;
  }

  // --- the drawing ----------------------------------------------------------------------------------------------

  @Test
  void theOutputIsWellFormedSvg() throws Exception {
    Document doc = render(emptyCells(), new JsonArray());

    assertEquals("svg", doc.getDocumentElement().getLocalName());
    assertEquals(SVG_NS, doc.getDocumentElement().getNamespaceURI());
  }

  @Test
  void theMapsTitleIsTheImagesTitle() throws Exception {
    Document doc = render(emptyCells(), new JsonArray());

    assertEquals("Palvelupolku", elements(doc, "title", null).get(0).getTextContent());
  }

  @Test
  void everyStageAndLaneTitleIsDrawn() throws Exception {
    List<String> texts = texts(render(emptyCells(), new JsonArray()));

    for (String title : List.of("Tarve", "Haku", "Yhteys", "Seuranta", "Mitä tekee", "Kanavat", "Ajatukset",
        "Tunteet")) {
      assertTrue(texts.contains(title), title + " in " + texts);
    }
  }

  @Test
  void stagesAreDrawnAsColumnsFromLeftToRight() throws Exception {
    Document doc = render(emptyCells(), new JsonArray());

    List<Element> stages = elements(doc, "g", "stage");
    assertEquals(4, stages.size());
    int previous = Integer.MIN_VALUE;
    for (Element g : stages) {
      int x = Integer.parseInt(((Element) g.getElementsByTagNameNS(SVG_NS, "rect").item(0)).getAttribute("x"));
      assertTrue(x > previous, "columns go right");
      previous = x;
    }
  }

  @Test
  void everyLaneIsARowWithItsKind() throws Exception {
    Document doc = render(emptyCells(), new JsonArray());

    List<String> kinds = elements(doc, "g", "lane").stream().map(e -> e.getAttribute("data-kind")).toList();
    assertEquals(List.of("notes", "channel", "text", "emotion"), kinds);
  }

  @Test
  void cellTextsAreDrawn() throws Exception {
    Map<String, String> cells = textAt(SEEK, CHANNELS, "Puhelin");
    cells.put(Journey.cellKey(CONTACT.id(), THINKS.id()), "Kenelle soitan");

    List<String> texts = texts(render(map(cells, Map.of()), new JsonArray()));

    assertTrue(texts.contains("Puhelin"), texts.toString());
    assertTrue(texts.contains("Kenelle soitan"), texts.toString());
  }

  @Test
  void notesPlacedInCellsAreDrawnWithTheirText() throws Exception {
    JsonArray notes = new JsonArray()
        .add(note("note-0001", "Googlasin ohjeet", cell(NOTICE, DOES)))
        .add(note("note-0002", "Soitin neuvontaan", cell(SEEK, DOES)));

    Document doc = render(emptyCells(), notes);

    List<String> texts = texts(doc);
    assertTrue(texts.contains("Googlasin ohjeet"), texts.toString());
    assertTrue(texts.contains("Soitin neuvontaan"), texts.toString());
    assertEquals(2, elements(doc, "rect", "note").size());
  }

  @Test
  void notesOnTheCanvasAreNotDrawn() throws Exception {
    JsonArray notes = new JsonArray().add(note("note-0001", "Vapaa lappu", null));

    Document doc = render(emptyCells(), notes);

    assertFalse(texts(doc).contains("Vapaa lappu"));
    assertTrue(elements(doc, "rect", "note").isEmpty());
  }

  @Test
  void notesOfAnotherJourneyMapAreNotDrawn() throws Exception {
    JsonArray notes = new JsonArray()
        .add(note("note-0001", "Toisen kartan lappu", new Note.Cell("journey-02", NOTICE.id(), DOES.id())));

    Document doc = render(emptyCells(), notes);

    assertFalse(texts(doc).contains("Toisen kartan lappu"));
    assertTrue(elements(doc, "rect", "note").isEmpty());
  }

  @Test
  void theEmotionCurveHasOnePointPerScoredStageInStageOrder() throws Exception {
    Map<String, Journey.Emotion> emotions = scores(FOLLOW, 1, NOTICE, 0, SEEK, -2);

    List<int[]> points = curve(render(map(Map.of(), emotions), new JsonArray()));

    assertEquals(3, points.size(), "the unscored stage has no point");
    assertTrue(points.get(0)[0] < points.get(1)[0] && points.get(1)[0] < points.get(2)[0], "left to right");
  }

  @Test
  void higherScoresAreDrawnHigher() throws Exception {
    Map<String, Journey.Emotion> emotions = scores(NOTICE, -2, SEEK, -1, CONTACT, 0, FOLLOW, 2);

    List<int[]> points = curve(render(map(Map.of(), emotions), new JsonArray()));

    assertEquals(4, points.size());
    for (int i = 1; i < points.size(); i++) {
      assertTrue(points.get(i)[1] < points.get(i - 1)[1], "a higher score has a smaller y: point " + i);
    }
  }

  @Test
  void equalScoresAreDrawnAtTheSameHeight() throws Exception {
    List<int[]> points = curve(render(map(Map.of(), scores(NOTICE, 1, FOLLOW, 1)), new JsonArray()));

    assertEquals(points.get(0)[1], points.get(1)[1]);
  }

  @Test
  void everyScoredStageHasAPointCarryingItsScore() throws Exception {
    Map<String, Journey.Emotion> emotions = scores(NOTICE, 2, CONTACT, -1);

    Document doc = render(map(Map.of(), emotions), new JsonArray());

    List<String> scores = elements(doc, "circle", "emotion-point").stream().map(e -> e.getAttribute("data-score"))
        .toList();
    assertEquals(List.of("2", "-1"), scores);
  }

  @Test
  void theCurvePointsAndTheCirclesAreAtTheSamePlaces() throws Exception {
    Document doc = render(map(Map.of(), scores(NOTICE, 2, SEEK, -2, FOLLOW, 0)), new JsonArray());

    List<int[]> points = curve(doc);
    List<Element> circles = elements(doc, "circle", "emotion-point");
    assertEquals(points.size(), circles.size());
    for (int i = 0; i < points.size(); i++) {
      assertEquals(points.get(i)[0], Integer.parseInt(circles.get(i).getAttribute("cx")));
      assertEquals(points.get(i)[1], Integer.parseInt(circles.get(i).getAttribute("cy")));
    }
  }

  @Test
  void aMapWithoutScoresHasNoCurve() throws Exception {
    Document doc = render(emptyCells(), new JsonArray());

    assertTrue(elements(doc, "polyline", "emotion-curve").isEmpty());
    assertTrue(elements(doc, "circle", "emotion-point").isEmpty());
  }

  @Test
  void theReasonForAScoreIsInThePointsTooltip() throws Exception {
    Map<String, Journey.Emotion> emotions = new LinkedHashMap<>();
    emotions.put(Journey.cellKey(SEEK.id(), FEELS.id()), new Journey.Emotion(-1, "Pitkä jono"));

    Document doc = render(map(Map.of(), emotions), new JsonArray());

    Element circle = elements(doc, "circle", "emotion-point").get(0);
    assertEquals("-1: Pitkä jono", circle.getTextContent());
  }

  @Test
  void anEmptyJourneyStillRenders() throws Exception {
    Journey empty = new Journey("journey-01", "Tyhjä", "future", List.of(), List.of(), Map.of(), Map.of());

    Document doc = render(empty, new JsonArray());

    assertEquals("svg", doc.getDocumentElement().getLocalName());
    assertTrue(texts(doc).contains("Tyhjä"));
    assertTrue(Integer.parseInt(doc.getDocumentElement().getAttribute("width")) > 0);
  }

  @Test
  void aJourneyWithStagesButNoLanesStillRenders() throws Exception {
    Journey noLanes = new Journey("journey-01", "Vain vaiheet", "current", List.of(NOTICE, SEEK), List.of(),
        Map.of(), Map.of());

    List<String> texts = texts(render(noLanes, new JsonArray()));

    assertTrue(texts.contains("Tarve") && texts.contains("Haku"), texts.toString());
  }

  @Test
  void longTextsAreWrappedOverSeveralLinesWithoutLosingWords() throws Exception {
    String text = "Odotin puhelinjonossa yli puoli tuntia ja sitten puhelu katkesi kesken kaiken";

    Document doc = render(map(textAt(SEEK, THINKS, text), Map.of()), new JsonArray());

    assertTrue(texts(doc).contains(text), texts(doc).toString());
  }

  // --- escaping ---------------------------------------------------------------------------------------------------

  @Test
  void markupInTitlesAndTextsIsEscapedNotInterpreted() throws Exception {
    String evil = "<script>alert(\"x\")</script>";
    Journey journey = new Journey("journey-01", "A & B <polku>", "current",
        List.of(new Journey.Stage("stage-0001", evil)),
        List.of(new Journey.Lane("lane-0001", "Kuka 'me' <b>", "text"), DOES),
        textAt(new Journey.Stage("stage-0001", evil), new Journey.Lane("lane-0001", "x", "text"), "x < y & y > \"z\""),
        Map.of());
    JsonArray notes = new JsonArray().add(note("note-0001", "<img src=x onerror=alert(1)>",
        new Note.Cell("journey-01", "stage-0001", DOES.id())));

    String svg = JourneySvg.render(journey.toJson(), notes);
    Document doc = parse(svg);

    assertFalse(svg.contains("<script"), "no raw script tag");
    assertFalse(svg.contains("<img"), "no raw img tag");
    assertEquals(0, doc.getElementsByTagNameNS("*", "script").getLength());
    assertEquals(0, doc.getElementsByTagNameNS("*", "img").getLength());
    assertEquals(0, doc.getElementsByTagNameNS("*", "b").getLength());
    List<String> texts = texts(doc);
    assertTrue(texts.contains("A & B <polku>"), texts.toString());
    assertTrue(texts.contains("Kuka 'me' <b>"), texts.toString());
    assertTrue(texts.contains("x < y & y > \"z\""), texts.toString());
    assertTrue(texts.contains("<img src=x onerror=alert(1)>"), texts.toString());
    assertTrue(String.join(" ", texts).contains("alert(\"x\")"), texts.toString());
  }

  @Test
  void markupInTheReasonForAScoreIsEscaped() throws Exception {
    Map<String, Journey.Emotion> emotions = new LinkedHashMap<>();
    emotions.put(Journey.cellKey(NOTICE.id(), FEELS.id()), new Journey.Emotion(1, "</title><script>x</script>"));

    Document doc = render(map(Map.of(), emotions), new JsonArray());

    assertEquals(0, doc.getElementsByTagNameNS("*", "script").getLength());
    assertEquals("+1: </title><script>x</script>", elements(doc, "circle", "emotion-point").get(0).getTextContent());
  }

  @Test
  void anUnknownNoteColourDoesNotReachTheOutput() throws Exception {
    JsonObject odd = note("note-0001", "Lappu", cell(NOTICE, DOES)).put("color", "\"/><script>x</script>");

    String svg = JourneySvg.render(emptyCells().toJson(), new JsonArray().add(odd));

    assertFalse(svg.contains("<script"));
    parse(svg);
  }

  @Test
  void wrappingALongWordNeverSplitsACharacterInHalf() throws Exception {
    // PlainText allows any valid Unicode; the drawing must stay valid Unicode too (no lone surrogates).
    String word = "a" + "\uD83D\uDE00".repeat(30);
    JsonArray notes = new JsonArray().add(note("note-0001", word, cell(SEEK, DOES)));

    String svg = JourneySvg.render(map(textAt(NOTICE, THINKS, word), Map.of()).toJson(), notes);

    for (int i = 0; i < svg.length(); i++) {
      char c = svg.charAt(i);
      if (Character.isHighSurrogate(c)) {
        assertTrue(i + 1 < svg.length() && Character.isLowSurrogate(svg.charAt(i + 1)), "lone high surrogate at " + i);
        i++;
      } else {
        assertFalse(Character.isLowSurrogate(c), "lone low surrogate at " + i);
      }
    }
    parse(svg);
  }

  @Test
  void textWithCharactersXmlCannotCarryStillGivesWellFormedXml() throws Exception {
    // The decoder refuses U+FFFF; text stored before that rule, or from an import, must still draw.
    Document doc = render(map(textAt(NOTICE, THINKS, "odd \uFFFF text"), Map.of()), new JsonArray());

    assertEquals("svg", doc.getDocumentElement().getLocalName());
  }

  @Test
  void theDecoderRefusesUnicodeNonCharactersInCellText() {
    JsonObject command = new JsonObject().put("op", "journey.cell.text").put("journeyId", "journey-01")
        .put("stageId", NOTICE.id()).put("laneId", THINKS.id()).put("text", "odd \uFFFF text");

    fi.paja.error.PajaException e = org.junit.jupiter.api.Assertions.assertThrows(fi.paja.error.PajaException.class,
        () -> fi.paja.board.CommandDecoder.decode(command));

    assertEquals(fi.paja.error.ErrorCode.INVALID_TEXT, e.code());
  }
}
