package fi.paja.export;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A readable summary for a wiki or an e-mail: phases, clusters with their notes, vote results, outcomes. */
public final class MarkdownExport implements Exporter {

  private static final Map<String, String> STATUS = Map.of("open", "open", "in_progress", "in progress",
      "done", "done", "wont_do", "won't do");

  @Override
  public String contentType() {
    return "text/markdown; charset=utf-8";
  }

  @Override
  public String extension() {
    return "md";
  }

  @Override
  public void write(JsonObject view, Consumer<String> out) {
    out.accept("# " + inline(view.getString("title")) + "\n\n");
    out.accept("Created " + view.getString("createdAt", "").replaceFirst("T.*", "") + " · template "
        + inline(view.getString("template")) + "\n\n");

    JsonArray phases = view.getJsonArray("phases", new JsonArray());
    if (!phases.isEmpty()) {
      out.accept("## Phases\n\n");
      int i = 1;
      for (Object o : phases) {
        JsonObject p = (JsonObject) o;
        out.accept(i++ + ". **" + inline(p.getString("title")) + "**"
            + (p.getString("instructions", "").isBlank() ? "" : " — " + inline(p.getString("instructions"))) + "\n");
      }
      out.accept("\n");
    }

    Map<String, Integer> votes = ExportView.votes(view);
    out.accept("## Notes\n\n");
    for (Map.Entry<String, List<JsonObject>> group : ExportView.notesByCluster(view).entrySet()) {
      if (group.getValue().isEmpty()) {
        continue;
      }
      String heading = group.getKey() == null ? "Not grouped" : ExportView.clusterTitle(view, group.getKey());
      int clusterVotes = group.getKey() == null ? 0 : votes.getOrDefault(group.getKey(), 0);
      out.accept("### " + inline(heading.isBlank() ? "Group" : heading)
          + (clusterVotes > 0 ? " (" + clusterVotes + (clusterVotes == 1 ? " vote)" : " votes)") : "") + "\n\n");
      for (JsonObject n : group.getValue()) {
        StringBuilder line = new StringBuilder("- ").append(block(n.getString("text")));
        int v = votes.getOrDefault(n.getString("id"), 0);
        if (v > 0) {
          line.append(" — ").append(v).append(v == 1 ? " vote" : " votes");
        }
        if (n.getString("author") != null) {
          line.append(" (").append(inline(n.getString("author"))).append(")");
        }
        out.accept(line.append("\n").toString());
      }
      out.accept("\n");
    }

    JsonArray closed = view.getJsonArray("votes", new JsonArray());
    if (!closed.isEmpty()) {
      out.accept("## Vote results\n\n");
      for (Object r : closed.getJsonObject(closed.size() - 1).getJsonArray("results", new JsonArray())) {
        JsonObject result = (JsonObject) r;
        out.accept(result.getInteger("rank") + ". " + inline(ExportView.textOf(view, result.getString("targetId")))
            + " — " + result.getInteger("votes") + "\n");
      }
      out.accept("\n");
    }

    for (String kind : List.of("decision", "action")) {
      List<JsonObject> items = view.getJsonArray("outcomes", new JsonArray()).stream().map(JsonObject.class::cast)
          .filter(o -> kind.equals(o.getString("kind"))).toList();
      if (items.isEmpty()) {
        continue;
      }
      out.accept(kind.equals("decision") ? "## Decisions\n\n" : "## Action items\n\n");
      for (JsonObject o : items) {
        StringBuilder line = new StringBuilder("- **").append(inline(o.getString("title"))).append("** — ")
            .append(STATUS.getOrDefault(o.getString("status"), o.getString("status")));
        if (o.getString("owner") != null) {
          line.append("; owner ").append(inline(o.getString("owner")));
        }
        if (o.getString("due") != null) {
          line.append("; due ").append(o.getString("due"));
        }
        if (o.getInteger("votes", 0) > 0) {
          line.append("; ").append(o.getInteger("votes")).append(o.getInteger("votes") == 1 ? " vote" : " votes");
        }
        if (o.getString("explanation") != null) {
          line.append("\n  ").append(block(o.getString("explanation")));
        }
        if (o.getString("description") != null) {
          line.append("\n  ").append(block(o.getString("description")));
        }
        out.accept(line.append("\n").toString());
      }
      out.accept("\n");
    }

    for (Object o : view.getJsonArray("journeys", new JsonArray())) {
      JsonObject j = (JsonObject) o;
      out.accept("## Journey map: " + inline(j.getString("title")) + " (" + j.getString("kind") + ")\n\n");
      JsonArray stages = j.getJsonArray("stages");
      StringBuilder header = new StringBuilder("| |");
      StringBuilder rule = new StringBuilder("|---|");
      stages.forEach(s -> {
        header.append(' ').append(cell(((JsonObject) s).getString("title"))).append(" |");
        rule.append("---|");
      });
      out.accept(header + "\n" + rule + "\n");
      for (Object l : j.getJsonArray("lanes")) {
        JsonObject lane = (JsonObject) l;
        StringBuilder row = new StringBuilder("| **").append(cell(lane.getString("title"))).append("** |");
        for (Object s : stages) {
          String stageId = ((JsonObject) s).getString("id");
          row.append(' ').append(cell(journeyCell(view, j, stageId, lane))).append(" |");
        }
        out.accept(row + "\n");
      }
      out.accept("\n");
    }
  }

  private static String journeyCell(JsonObject view, JsonObject journey, String stageId, JsonObject lane) {
    StringBuilder text = new StringBuilder();
    for (Object c : journey.getJsonArray("cells", new JsonArray())) {
      JsonObject cell = (JsonObject) c;
      if (stageId.equals(cell.getString("stageId")) && lane.getString("id").equals(cell.getString("laneId"))) {
        if (cell.getString("text") != null) {
          text.append(cell.getString("text"));
        }
        if (cell.getInteger("score") != null) {
          int score = cell.getInteger("score");
          text.append(score > 0 ? "+" : "").append(score);
          if (cell.getString("why") != null) {
            text.append(" ").append(cell.getString("why"));
          }
        }
      }
    }
    for (Object o : view.getJsonArray("notes", new JsonArray())) {
      JsonObject n = (JsonObject) o;
      JsonObject cell = n.getJsonObject("cell");
      if (cell != null && journey.getString("id").equals(cell.getString("journeyId"))
          && stageId.equals(cell.getString("stageId")) && lane.getString("id").equals(cell.getString("laneId"))) {
        text.append(text.length() > 0 ? " • " : "").append(n.getString("text"));
      }
    }
    return text.toString();
  }

  /** Inline text: Markdown and HTML characters escaped, one line. */
  static String inline(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("\r", "").replace("\n", " ").replaceAll("([\\\\`*_\\[\\]<>#|~])", "\\\\$1");
  }

  /** A list item's text: escaped, further lines indented so they stay in the item. */
  static String block(String s) {
    if (s == null) {
      return "";
    }
    return String.join("\n  ", java.util.Arrays.stream(s.split("\n")).map(MarkdownExport::inline).toList());
  }

  private static String cell(String s) {
    return inline(s);
  }
}
