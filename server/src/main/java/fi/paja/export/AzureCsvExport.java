package fi.paja.export;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Azure DevOps' work-item CSV import: Work Item Type, Title, Description, Tags ("; "-separated), Priority (1–4).
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
      rows.add(List.of(i.type().equals("idea") ? "User Story" : "Task", i.title(), JiraCsvExport.description(i),
          String.join("; ", i.labels()), String.valueOf(CsvRows.priority(i.votes(), max))));
    }
    CsvRows.print(out, List.of("Work Item Type", "Title", "Description", "Tags", "Priority"), rows);
  }
}
