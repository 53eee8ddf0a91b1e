package fi.paja.journey;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a journey map as SVG for exports and for people who would rather look than read: a grid with the stages
 * as columns and the lanes as rows, texts and notes in their cells, and the emotion lane as a curve. Works on a
 * snapshot as a member sees it, so nothing hidden from that member is drawn. All text is escaped.
 */
public final class JourneySvg {

  private static final int LANE_HEADER = 180;
  private static final int STAGE_WIDTH = 220;
  private static final int HEADER = 56;
  private static final int TITLE = 48;
  private static final int LINE = 16;
  private static final int MAX_LINES = 14;
  private static final int EMOTION_HEIGHT = 150;
  private static final Map<String, String> NOTE_COLORS = Map.of("yellow", "#fff3a8", "pink", "#ffd1e3",
      "blue", "#cfe6ff", "green", "#d4f5d0", "orange", "#ffdcb3", "purple", "#e6d6ff");

  private JourneySvg() {
  }

  /** {@code journey} as in a snapshot; {@code notes} the snapshot's (visible) notes. */
  public static String render(JsonObject journey, JsonArray notes) {
    JsonArray stages = journey.getJsonArray("stages");
    JsonArray lanes = journey.getJsonArray("lanes");
    Map<String, JsonObject> cells = new LinkedHashMap<>();
    journey.getJsonArray("cells", new JsonArray()).forEach(o -> {
      JsonObject c = (JsonObject) o;
      cells.put(c.getString("stageId") + "|" + c.getString("laneId"), c);
    });
    Map<String, List<JsonObject>> notesByCell = new LinkedHashMap<>();
    notes.forEach(o -> {
      JsonObject n = (JsonObject) o;
      JsonObject cell = n.getJsonObject("cell");
      if (cell != null && journey.getString("id").equals(cell.getString("journeyId"))) {
        notesByCell.computeIfAbsent(cell.getString("stageId") + "|" + cell.getString("laneId"),
            k -> new ArrayList<>()).add(n);
      }
    });

    List<Integer> heights = new ArrayList<>();
    for (Object l : lanes) {
      JsonObject lane = (JsonObject) l;
      if ("emotion".equals(lane.getString("kind"))) {
        heights.add(EMOTION_HEIGHT);
        continue;
      }
      int lines = 2;
      for (Object s : stages) {
        String key = ((JsonObject) s).getString("id") + "|" + lane.getString("id");
        int cellLines = 0;
        JsonObject cell = cells.get(key);
        if (cell != null && cell.getString("text") != null) {
          cellLines += wrap(cell.getString("text")).size() + 1;
        }
        for (JsonObject n : notesByCell.getOrDefault(key, List.of())) {
          cellLines += wrap(n.getString("text")).size() + 1;
        }
        lines = Math.max(lines, cellLines);
      }
      heights.add(Math.min(lines, MAX_LINES * 3) * LINE + 24);
    }
    int width = LANE_HEADER + STAGE_WIDTH * Math.max(1, stages.size());
    int height = TITLE + HEADER + heights.stream().mapToInt(Integer::intValue).sum() + 8;

    StringBuilder svg = new StringBuilder();
    String title = journey.getString("title");
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"t\" width=\"")
        .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
        .append(height).append("\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"13\">\n");
    svg.append("<title id=\"t\">").append(esc(title)).append("</title>\n");
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    svg.append("<text x=\"12\" y=\"32\" font-size=\"22\" font-weight=\"bold\" fill=\"#1b1b1b\">")
        .append(esc(title)).append("</text>\n");

    for (int i = 0; i < stages.size(); i++) {
      JsonObject stage = stages.getJsonObject(i);
      int x = LANE_HEADER + i * STAGE_WIDTH;
      svg.append("<g class=\"stage\"><rect x=\"").append(x).append("\" y=\"").append(TITLE)
          .append("\" width=\"").append(STAGE_WIDTH).append("\" height=\"").append(HEADER)
          .append("\" fill=\"#0b4f8a\" stroke=\"#ffffff\"/>");
      textLines(svg, wrap(stage.getString("title")), x + 8, TITLE + 22, "#ffffff", "bold", 2);
      svg.append("</g>\n");
    }

    int y = TITLE + HEADER;
    for (int li = 0; li < lanes.size(); li++) {
      JsonObject lane = lanes.getJsonObject(li);
      int h = heights.get(li);
      svg.append("<g class=\"lane\" data-kind=\"").append(esc(lane.getString("kind"))).append("\">");
      svg.append("<rect x=\"0\" y=\"").append(y).append("\" width=\"").append(LANE_HEADER).append("\" height=\"")
          .append(h).append("\" fill=\"#eef2f6\" stroke=\"#c5ccd3\"/>");
      textLines(svg, wrap(lane.getString("title"), 20), 8, y + 20, "#1b1b1b", "bold", 4);
      if ("emotion".equals(lane.getString("kind"))) {
        emotionLane(svg, stages, lane, cells, y, h);
      } else {
        for (int si = 0; si < stages.size(); si++) {
          int x = LANE_HEADER + si * STAGE_WIDTH;
          svg.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(STAGE_WIDTH)
              .append("\" height=\"").append(h).append("\" fill=\"#ffffff\" stroke=\"#c5ccd3\"/>");
          String key = stages.getJsonObject(si).getString("id") + "|" + lane.getString("id");
          int ty = y + 20;
          JsonObject cell = cells.get(key);
          if (cell != null && cell.getString("text") != null) {
            List<String> lines = wrap(cell.getString("text"));
            textLines(svg, lines, x + 8, ty, "#1b1b1b", "normal", MAX_LINES);
            ty += (Math.min(lines.size(), MAX_LINES) + 1) * LINE;
          }
          for (JsonObject n : notesByCell.getOrDefault(key, List.of())) {
            List<String> lines = wrap(n.getString("text"));
            int shown = Math.min(lines.size(), MAX_LINES);
            if (ty + shown * LINE > y + h) {
              break;
            }
            svg.append("<rect class=\"note\" x=\"").append(x + 4).append("\" y=\"").append(ty - 14)
                .append("\" width=\"").append(STAGE_WIDTH - 8).append("\" height=\"").append(shown * LINE + 8)
                .append("\" rx=\"3\" fill=\"").append(NOTE_COLORS.getOrDefault(n.getString("color"), "#fff3a8"))
                .append("\"/>");
            textLines(svg, lines, x + 8, ty, "#1b1b1b", "normal", MAX_LINES);
            ty += (shown + 1) * LINE;
          }
        }
      }
      svg.append("</g>\n");
      y += h;
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static void emotionLane(StringBuilder svg, JsonArray stages, JsonObject lane, Map<String, JsonObject> cells,
                                  int y, int h) {
    int mid = y + h / 2;
    int step = (h - 40) / 4;
    svg.append("<rect x=\"").append(LANE_HEADER).append("\" y=\"").append(y).append("\" width=\"")
        .append(STAGE_WIDTH * stages.size()).append("\" height=\"").append(h)
        .append("\" fill=\"#ffffff\" stroke=\"#c5ccd3\"/>");
    svg.append("<line x1=\"").append(LANE_HEADER).append("\" y1=\"").append(mid).append("\" x2=\"")
        .append(LANE_HEADER + STAGE_WIDTH * stages.size()).append("\" y2=\"").append(mid)
        .append("\" stroke=\"#c5ccd3\" stroke-dasharray=\"4 4\"/>");
    StringBuilder points = new StringBuilder();
    StringBuilder dots = new StringBuilder();
    for (int si = 0; si < stages.size(); si++) {
      JsonObject cell = cells.get(stages.getJsonObject(si).getString("id") + "|" + lane.getString("id"));
      if (cell == null || cell.getInteger("score") == null) {
        continue;
      }
      int score = cell.getInteger("score");
      int cx = LANE_HEADER + si * STAGE_WIDTH + STAGE_WIDTH / 2;
      int cy = mid - score * step;
      points.append(points.length() == 0 ? "" : " ").append(cx).append(',').append(cy);
      dots.append("<circle class=\"emotion-point\" cx=\"").append(cx).append("\" cy=\"").append(cy)
          .append("\" r=\"6\" fill=\"").append(score < 0 ? "#b3261e" : score > 0 ? "#1e7b34" : "#5f6b76")
          .append("\" data-score=\"").append(score).append("\"><title>")
          .append(score > 0 ? "+" : "").append(score)
          .append(cell.getString("why") == null ? "" : ": " + esc(cell.getString("why"))).append("</title></circle>");
      dots.append("<text x=\"").append(cx + 10).append("\" y=\"").append(cy + 4).append("\" fill=\"#1b1b1b\">")
          .append(score > 0 ? "+" : "").append(score).append("</text>");
    }
    if (points.length() > 0) {
      svg.append("<polyline class=\"emotion-curve\" points=\"").append(points)
          .append("\" fill=\"none\" stroke=\"#0b4f8a\" stroke-width=\"3\"/>");
    }
    svg.append(dots);
  }

  private static void textLines(StringBuilder svg, List<String> lines, int x, int y, String fill, String weight,
                                int max) {
    svg.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" fill=\"").append(fill)
        .append("\" font-weight=\"").append(weight).append("\">");
    for (int i = 0; i < Math.min(lines.size(), max); i++) {
      String line = i == max - 1 && lines.size() > max ? lines.get(i) + " …" : lines.get(i);
      svg.append("<tspan x=\"").append(x).append("\" dy=\"").append(i == 0 ? 0 : LINE).append("\">")
          .append(esc(line)).append("</tspan>");
    }
    svg.append("</text>");
  }

  static List<String> wrap(String text) {
    return wrap(text, 28);
  }

  /** Greedy word wrap at about {@code width} characters; longer words are cut. */
  public static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    if (text == null) {
      return lines;
    }
    for (String paragraph : text.split("\n")) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.split(" ")) {
        // Lengths in code points, so an emoji is never cut in half.
        while (word.codePointCount(0, word.length()) > width) {
          if (line.length() > 0) {
            lines.add(line.toString());
            line.setLength(0);
          }
          int cut = word.offsetByCodePoints(0, width);
          lines.add(word.substring(0, cut));
          word = word.substring(cut);
        }
        int lineLength = line.codePointCount(0, line.length());
        if (lineLength + word.codePointCount(0, word.length()) + 1 > width && line.length() > 0) {
          lines.add(line.toString());
          line.setLength(0);
        }
        line.append(line.length() == 0 ? "" : " ").append(word);
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /** XML escaping for text and attribute values. */
  public static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      switch (cp) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          // Characters XML 1.0 cannot carry are dropped rather than break the whole document.
          boolean legal = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
              || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
          if (legal) {
            out.appendCodePoint(cp);
          }
        }
      }
    });
    return out.toString();
  }
}
