package fi.paja.export;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Azure DevOps' work-item CSV import: Work Item Type, Title, Description, Tags ("; "-separated), Priority (1–4).
 * Azure takes the Description column as HTML: its text (participants' notes among it) is HTML-escaped and its line
 * breaks become {@code <br>}, so that markup written on the board shows as text in the backlog and never runs.
 */
public final class AzureCsvExport implements Exporter {

  @Override
  public String contentType() {
    return "text/csv; charset=utf-8";
  }

  @Override
  public String extension() {
    return "azure.csv";
  }

  @Override
  public void write(JsonObject view, Consumer<String> out) {
    List<CsvRows.Item> items = CsvRows.items(view);
    int max = CsvRows.maxVotes(items);
    List<List<String>> rows = new ArrayList<>();
    for (CsvRows.Item i : items) {
      rows.add(List.of(i.type().equals("idea") ? "User Story" : "Task", i.title(), html(JiraCsvExport.description(i)),
          String.join("; ", i.labels()), String.valueOf(CsvRows.priority(i.votes(), max))));
    }
    CsvRows.print(out, List.of("Work Item Type", "Title", "Description", "Tags", "Priority"), rows);
  }

  /** Plain text as HTML: the five characters that mean something in HTML escaped, line breaks as {@code <br>}. */
  static String html(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        case '\r' -> {
          // \r\n and a lone \r are line breaks too.
          out.append("<br>");
          if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
            i++;
          }
        }
        case '\n' -> out.append("<br>");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
