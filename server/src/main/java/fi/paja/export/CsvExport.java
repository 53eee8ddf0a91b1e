package fi.paja.export;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Generic CSV: every outcome, note and voted cluster, one row each. */
public final class CsvExport implements Exporter {

  @Override
  public String contentType() {
    return "text/csv; charset=utf-8";
  }

  @Override
  public String extension() {
    return "csv";
  }

  @Override
  public void write(JsonObject view, Consumer<String> out) {
    List<List<String>> rows = new ArrayList<>();
    for (CsvRows.Item i : CsvRows.items(view)) {
      rows.add(List.of(i.type(), i.title(), nz(i.description()), nz(i.cluster()), String.valueOf(i.votes()),
          nz(i.status()), nz(i.owner()), nz(i.due()), nz(i.explanation()), nz(i.author())));
    }
    CsvRows.print(out, List.of("type", "title", "description", "group", "votes", "status", "owner", "due",
        "explanation", "author"), rows);
  }

  static String nz(String s) {
    return s == null ? "" : s;
  }
}
