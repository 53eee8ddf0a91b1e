package fi.paja.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The server's own latency histograms ({@code /metrics}, Prometheus text) over the sending window: the difference of
 * two scrapes, read as quantiles (each one the upper bound of its bucket). They tell which part of the bench's
 * end-to-end figures the server spends, and which the way back to the clients.
 */
final class ServerHistograms {

  private ServerHistograms() {
  }

  /** Cumulative bucket counts by upper bound for {@code name}, summed over all its tag sets. */
  static TreeMap<Double, Double> buckets(String prometheus, String name) {
    TreeMap<Double, Double> out = new TreeMap<>();
    String prefix = name + "_bucket{";
    for (String line : prometheus.split("\n")) {
      if (!line.startsWith(prefix)) {
        continue;
      }
      int le = line.indexOf("le=\"");
      int end = line.indexOf('"', le + 4);
      int space = line.lastIndexOf(' ');
      if (le < 0 || end < 0 || space < 0) {
        continue;
      }
      String bound = line.substring(le + 4, end);
      double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
      out.merge(upper, Double.parseDouble(line.substring(space + 1)), Double::sum);
    }
    return out;
  }

  /** "p50 a / p99 b / n" of what was recorded between the two scrapes, in milliseconds. */
  static String summary(String before, String after, String name) {
    TreeMap<Double, Double> b = buckets(before, name);
    TreeMap<Double, Double> a = buckets(after, name);
    if (a.isEmpty()) {
      return "not published";
    }
    TreeMap<Double, Double> delta = new TreeMap<>();
    for (Map.Entry<Double, Double> e : a.entrySet()) {
      delta.put(e.getKey(), e.getValue() - b.getOrDefault(e.getKey(), 0.0));
    }
    double total = delta.lastEntry().getValue();
    if (total <= 0) {
      return "none recorded";
    }
    return String.format(Locale.ROOT, "p50 ≤ %s / p95 ≤ %s / p99 ≤ %s ms (n=%.0f)", quantile(delta, total, 0.50),
        quantile(delta, total, 0.95), quantile(delta, total, 0.99), total);
  }

  private static String quantile(TreeMap<Double, Double> cumulative, double total, double q) {
    for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
      if (e.getValue() >= q * total) {
        return e.getKey().isInfinite() ? "inf" : String.format(Locale.ROOT, "%.1f", e.getKey() * 1000);
      }
    }
    return "inf";
  }
}
