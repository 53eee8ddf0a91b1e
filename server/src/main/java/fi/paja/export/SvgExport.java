package fi.paja.export;

import fi.paja.journey.JourneySvg;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The free canvas as SVG: notes where they are, groups outlined with their titles, vote counts as badges. */
public final class SvgExport implements Exporter {

  private static final int W = 200;
  private static final int LINE = 16;
  private static final int PAD = 40;
  private static final Map<String, String> COLORS = Map.of("yellow", "#fff3a8", "pink", "#ffd1e3",
      "blue", "#cfe6ff", "green", "#d4f5d0", "orange", "#ffdcb3", "purple", "#e6d6ff");

  @Override
  public String contentType() {
    return "image/svg+xml; charset=utf-8";
  }

  @Override
  public String extension() {
    return "svg";
  }

  private record Box(JsonObject note, List<String> lines, double x, double y, double h) {
  }

  @Override
  public void write(JsonObject view, Consumer<String> out) {
    Map<String, Integer> votes = ExportView.votes(view);
    List<Box> boxes = view.getJsonArray("notes", new JsonArray()).stream().map(JsonObject.class::cast)
        .filter(n -> n.getJsonObject("cell") == null)
        .map(n -> {
          List<String> lines = JourneySvg.wrap(n.getString("text"), 26);
          List<String> shown = lines.size() > 10 ? lines.subList(0, 10) : lines;
          return new Box(n, shown, n.getDouble("x"), n.getDouble("y"), shown.size() * LINE + 24.0);
        }).toList();
    double minX = boxes.stream().mapToDouble(Box::x).min().orElse(0) - PAD;
    double minY = boxes.stream().mapToDouble(Box::y).min().orElse(0) - PAD - 40;
    double maxX = boxes.stream().mapToDouble(b -> b.x() + W).max().orElse(400) + PAD;
    double maxY = boxes.stream().mapToDouble(b -> b.y() + b.h()).max().orElse(300) + PAD;
    long width = Math.round(maxX - minX);
    long height = Math.round(maxY - minY);
    out.accept("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"t\" width=\"" + width
        + "\" height=\"" + height + "\" viewBox=\"" + Math.round(minX) + " " + Math.round(minY) + " " + width + " "
        + height + "\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"13\">\n");
    out.accept("<title id=\"t\">" + JourneySvg.esc(view.getString("title")) + "</title>\n");
    out.accept("<rect x=\"" + Math.round(minX) + "\" y=\"" + Math.round(minY)
        + "\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");

    Map<String, double[]> bounds = new HashMap<>();
    for (Box b : boxes) {
      String c = b.note().getString("clusterId");
      if (c != null) {
        bounds.merge(c, new double[] {b.x(), b.y(), b.x() + W, b.y() + b.h()}, (a, n) -> new double[] {
            Math.min(a[0], n[0]), Math.min(a[1], n[1]), Math.max(a[2], n[2]), Math.max(a[3], n[3])});
      }
    }
    bounds.forEach((clusterId, r) -> {
      int v = votes.getOrDefault(clusterId, 0);
      out.accept("<g class=\"cluster\"><rect x=\"" + (r[0] - 12) + "\" y=\"" + (r[1] - 36) + "\" width=\""
          + (r[2] - r[0] + 24) + "\" height=\"" + (r[3] - r[1] + 48)
          + "\" rx=\"10\" fill=\"none\" stroke=\"#0b4f8a\" stroke-width=\"2\"/>"
          + "<text x=\"" + r[0] + "\" y=\"" + (r[1] - 14) + "\" font-weight=\"bold\" fill=\"#0b4f8a\">"
          + JourneySvg.esc(ExportView.clusterTitle(view, clusterId)) + (v > 0 ? " (" + v + ")" : "")
          + "</text></g>\n");
    });
    for (Box b : boxes) {
      JsonObject n = b.note();
      StringBuilder g = new StringBuilder("<g class=\"note\"><rect x=\"").append(b.x()).append("\" y=\"")
          .append(b.y()).append("\" width=\"").append(W).append("\" height=\"").append(b.h())
          .append("\" rx=\"4\" fill=\"").append(COLORS.getOrDefault(n.getString("color"), "#fff3a8"))
          .append("\" stroke=\"#8a8a8a\"/><text x=\"").append(b.x() + 10).append("\" y=\"").append(b.y() + 22)
          .append("\" fill=\"#1b1b1b\">");
      for (int i = 0; i < b.lines().size(); i++) {
        g.append("<tspan x=\"").append(b.x() + 10).append("\" dy=\"").append(i == 0 ? 0 : LINE).append("\">")
            .append(JourneySvg.esc(b.lines().get(i))).append("</tspan>");
      }
      g.append("</text>");
      int v = votes.getOrDefault(n.getString("id"), 0);
      if (v > 0) {
        g.append("<circle cx=\"").append(b.x() + W - 6).append("\" cy=\"").append(b.y() + 6)
            .append("\" r=\"12\" fill=\"#0b4f8a\"/><text x=\"").append(b.x() + W - 6).append("\" y=\"")
            .append(b.y() + 10).append("\" fill=\"#ffffff\" text-anchor=\"middle\" font-weight=\"bold\">")
            .append(v).append("</text>");
      }
      out.accept(g.append("</g>\n").toString());
    }
    out.accept("</svg>\n");
  }
}
