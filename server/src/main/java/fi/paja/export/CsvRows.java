package fi.paja.export;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The rows the backlog formats share: every decision and action item, then every note or cluster that got votes,
 * with a priority from the votes. Writes CSV through Commons CSV (quotes, commas, newlines) after defusing cells
 * that a spreadsheet would run as a formula.
 */
final class CsvRows {

  /** One item for a backlog. {@code type}: action, decision or idea. */
  record Item(String type, String title, String description, List<String> labels, int votes, String status,
              String owner, String due, String explanation, String cluster, String author) {
  }

  private CsvRows() {
  }

  static List<Item> items(JsonObject view) {
    Map<String, Integer> votes = ExportView.votes(view);
    List<Item> items = new ArrayList<>();
    for (Object o : view.getJsonArray("outcomes", new JsonArray())) {
      JsonObject item = (JsonObject) o;
      List<String> labels = new ArrayList<>(List.of("paja", item.getString("kind")));
      items.add(new Item(item.getString("kind"), item.getString("title"), item.getString("description"), labels,
          item.getInteger("votes", 0), item.getString("status"), item.getString("owner"), item.getString("due"),
          item.getString("explanation"), null, null));
    }
    for (Object o : view.getJsonArray("notes", new JsonArray())) {
      JsonObject n = (JsonObject) o;
      int v = votes.getOrDefault(n.getString("id"), 0);
      String cluster = n.getString("clusterId") == null ? null
          : ExportView.clusterTitle(view, n.getString("clusterId"));
      items.add(new Item("idea", firstLine(n.getString("text")), n.getString("text"), List.of("paja", "idea"), v,
          null, null, null, null, cluster, n.getString("author")));
    }
    for (Object o : view.getJsonArray("clusters", new JsonArray())) {
      JsonObject c = (JsonObject) o;
      int v = votes.getOrDefault(c.getString("id"), 0);
      if (v > 0) {
        items.add(new Item("idea", c.getString("title"), null, List.of("paja", "idea", "group"), v, null, null, null,
            null, c.getString("title"), null));
      }
    }
    return items;
  }

  static int maxVotes(List<Item> items) {
    return items.stream().mapToInt(Item::votes).max().orElse(0);
  }

  /** 1 (most votes) … 3 (fewest); 4 for none. */
  static int priority(int votes, int max) {
    if (votes <= 0 || max <= 0) {
      return 4;
    }
    if (votes * 3 >= max * 2) {
      return 1;
    }
    return votes * 3 >= max ? 2 : 3;
  }

  static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    String line = text.strip().split("\n", 2)[0];
    return line.length() > 200 ? line.substring(0, 199) + "…" : line;
  }

  /** Cells a spreadsheet would treat as a formula get a leading apostrophe (OWASP's advice for CSV injection). */
  static String defuse(String cell) {
    if (cell == null || cell.isEmpty()) {
      return cell == null ? "" : cell;
    }
    char c = cell.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
  }

  static void print(Consumer<String> out, List<String> header, List<List<String>> rows) {
    Writer writer = new Writer() {
      @Override
      public void write(char[] cbuf, int off, int len) {
        out.accept(new String(cbuf, off, len));
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    try (CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180)) {
      printer.printRecord(header);
      for (List<String> row : rows) {
        printer.printRecord(row.stream().map(CsvRows::defuse).toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
