package fi.paja.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.config.Limits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The outcome rules that need no board: titles, reply-by dates, dots, links. */
class OutcomeRulesTest {

  private static JsonArray results(String target, int votes) {
    return new JsonArray().add(new JsonObject().put("targetId", target).put("votes", votes));
  }

  @Test
  void anItemCountsTheDotsOfTheLatestClosedVoteThatCountedItsNote() {
    List<JsonArray> closed = List.of(results("n1", 2), results("n2", 7), results("n1", 5));
    assertEquals(5, OutcomeRules.votesFor("n1", closed));
    assertEquals(7, OutcomeRules.votesFor("n2", closed));
    assertEquals(0, OutcomeRules.votesFor("n3", closed));
    assertEquals(0, OutcomeRules.votesFor(null, closed));
  }

  @Test
  void aTitleFromANoteIsItsFirstLineShortened() {
    assertEquals("Open at eight", OutcomeRules.titleOfNote("  Open at eight\nbecause of shifts"));
    String title = OutcomeRules.titleOfNote("x".repeat(Limits.MAX_TITLE_LENGTH + 10));
    assertEquals(Limits.MAX_TITLE_LENGTH, title.length());
    assertTrue(title.endsWith("…"));
    assertEquals("—", OutcomeRules.titleOfGroup(" "));
  }

  @Test
  void feedbackWithoutADateIsDueInFiveFinnishWorkingDays() {
    // Thursday 30 April 2026: Friday 1 May is vappu, so five working days end on Friday 8 May.
    LocalDate thursday = LocalDate.of(2026, 4, 30);
    assertEquals("2026-05-08", OutcomeRules.replyBy(null, true, thursday));
    assertEquals("2026-06-01", OutcomeRules.replyBy("2026-06-01", true, thursday));
    assertNull(OutcomeRules.replyBy(null, false, thursday));
  }

  @Test
  void aPushWithoutAStatusLinksAnItemOnce() {
    Instant now = Instant.parse("2026-05-01T10:00:00Z");
    OutcomeItem item = new OutcomeItem("o1", "action", "T", "", "", null, "open", null, null, 0, null, null, now, now);
    JsonObject first = new JsonObject().put("number", 1);
    OutcomeItem linked = OutcomeRules.link(item, first, Optional.empty(), now).orElseThrow();
    assertEquals(Optional.empty(), OutcomeRules.link(linked, new JsonObject().put("number", 2), Optional.empty(), now));
    assertEquals("done", OutcomeRules.link(linked, first, Optional.of("done"), now).orElseThrow().status());
  }
}
