package fi.paja.export;

import java.util.Map;

/** The export formats by their {@code format=} name. */
public final class Exports {

  public static final Map<String, Exporter> FORMATS = Map.of(
      "md", new MarkdownExport(),
      "json", new JsonExport(),
      "csv", new CsvExport(),
      "jira", new JiraCsvExport(),
      "azure", new AzureCsvExport(),
      "svg", new SvgExport());

  private Exports() {
  }
}
