package fi.paja.outcome;

import fi.paja.config.Limits;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of decisions and action items that need no board: how many there may be, the title an item takes
 * from its note or group, when feedback is to be answered, the dots it got, linking it to an issue. The board's
 * side (who may, which note or group, events) is {@code board.OutcomeItemRules}; this package knows no board.
 */
public final class OutcomeRules {

  /** Feedback gets a reply within this many working days unless the facilitator sets another date. */
  public static final int REPLY_WORKING_DAYS = 5;

  private OutcomeRules() {
  }

  /** Refused when the workshop has {@code existing} items already, the most it holds. */
  public static void roomForAnother(int existing) {
    if (existing >= Limits.MAX_OUTCOMES) {
      throw new PajaException(ErrorCode.BOARD_FULL, "A workshop holds at most " + Limits.MAX_OUTCOMES + " outcomes.");
    }
  }

  public static OutcomeItem existing(Map<String, OutcomeItem> outcomes, String id) {
    OutcomeItem item = outcomes.get(id);
    if (item == null) {
      throw new PajaException(ErrorCode.NOT_FOUND, "No such decision or action item.");
    }
    return item;
  }

  /** An item made from a note without a title of its own takes the note's first line, shortened to a title. */
  public static String titleOfNote(String text) {
    String line = text.strip().split("\n", 2)[0];
    return line.length() > Limits.MAX_TITLE_LENGTH ? line.substring(0, Limits.MAX_TITLE_LENGTH - 1) + "…" : line;
  }

  /** An item made from a group takes its title; an untitled group gives a dash. */
  public static String titleOfGroup(String groupTitle) {
    return groupTitle.isBlank() ? "—" : groupTitle;
  }

  /** The date given, or for feedback without one {@link #REPLY_WORKING_DAYS} Finnish working days from today. */
  public static String replyBy(String given, boolean fromFeedback, LocalDate today) {
    if (given == null && fromFeedback) {
      return WorkingDays.add(today, REPLY_WORKING_DAYS).toString();
    }
    return given;
  }

  /**
   * The dots the item's note or group ({@code target}, null: none) got in the latest closed vote that counted it;
   * {@code closedResults}: each closed vote's results, oldest first.
   */
  public static int votesFor(String target, List<JsonArray> closedResults) {
    if (target == null) {
      return 0;
    }
    for (int i = closedResults.size() - 1; i >= 0; i--) {
      for (Object r : closedResults.get(i)) {
        JsonObject result = (JsonObject) r;
        if (target.equals(result.getString("targetId"))) {
          return result.getInteger("votes");
        }
      }
    }
    return 0;
  }

  /**
   * The item linked to an issue (and given its status, if one came), or empty when a push without a status finds
   * it linked already: a push links an item once, and a later one (say, after its turn ran out) gets the first link.
   */
  public static Optional<OutcomeItem> link(OutcomeItem item, JsonObject github, Optional<String> status, Instant now) {
    if (status.isEmpty() && item.github() != null) {
      return Optional.empty();
    }
    JsonObject patch = new JsonObject().put("github", github);
    status.ifPresent(st -> patch.put("status", st));
    return Optional.of(item.with(patch, now));
  }
}
