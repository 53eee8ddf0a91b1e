package fi.paja.export;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The columns Jira's CSV importer maps without renaming: Summary, Description, Issue Type, Labels (one column per
 * label, as Jira expects for multiple values), Priority and Due date.
 */
public final class JiraCsvExport implements Exporter {

  private static final String[] PRIORITY = {"", "High", "Medium", "Low", "Lowest"};

  @Override
  public String contentType() {
    return "text/csv; charset=utf-8";
  }

  @Override
  public String extension() {
    return "jira.csv";
  }

  @Override
  public void write(JsonObject view, Consumer<String> out) {
    List<CsvRows.Item> items = CsvRows.items(view);
    int max = CsvRows.maxVotes(items);
    int labelColumns = items.stream().mapToInt(i -> i.labels().size()).max().orElse(1);
    List<String> header = new ArrayList<>(List.of("Summary", "Description", "Issue Type"));
    for (int i = 0; i < labelColumns; i++) {
      header.add("Labels");
    }
    header.addAll(List.of("Priority", "Due date"));
    List<List<String>> rows = new ArrayList<>();
    for (CsvRows.Item i : items) {
      List<String> row = new ArrayList<>(List.of(i.title(), wikiText(description(i)),
          i.type().equals("idea") ? "Story" : "Task"));
      for (int l = 0; l < labelColumns; l++) {
        row.add(l < i.labels().size() ? i.labels().get(l) : "");
      }
      row.add(PRIORITY[CsvRows.priority(i.votes(), max)]);
      row.add(CsvExport.nz(i.due()));
      rows.add(row);
    }
    CsvRows.print(out, header, rows);
  }

  /**
   * Jira renders Description as wiki markup: a participant's "[here|https://…]" would become a link, "!x.png!" an
   * image, "{color}" formatting. Every character that can start markup is escaped with a backslash, which Jira shows
   * as the character itself, so the text reads as it was written.
   */
  static String wikiText(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    boolean lineStart = true;
    for (int k = 0; k < text.length(); k++) {
      char c = text.charAt(k);
      if ("\\{}[]!*_|^~+-?#".indexOf(c) >= 0) {
        out.append('\\');
      } else if (lineStart && (c == 'h' || c == 'b') && startsBlock(text, k)) {
        // "h1. " and "bq. " at the start of a line are headings and quotes.
        out.append('\\');
      }
      out.append(c);
      lineStart = c == '\n' || (lineStart && c == ' ');
    }
    return out.toString();
  }

  private static boolean startsBlock(String text, int at) {
    return text.startsWith("bq.", at) || text.length() > at + 2 && text.charAt(at) == 'h'
        && text.charAt(at + 1) >= '1' && text.charAt(at + 1) <= '6' && text.charAt(at + 2) == '.';
  }

  static String description(CsvRows.Item i) {
    StringBuilder d = new StringBuilder(CsvExport.nz(i.description()));
    if (i.votes() > 0) {
      d.append(d.length() > 0 ? "\n\n" : "").append("Votes in the workshop: ").append(i.votes());
    }
    if (i.explanation() != null) {
      d.append(d.length() > 0 ? "\n\n" : "").append(i.explanation());
    }
    if (i.owner() != null) {
      d.append(d.length() > 0 ? "\n\n" : "").append("Owner: ").append(i.owner());
    }
    return d.toString();
  }
}
