package fi.paja.board;

import fi.paja.config.Limits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a note can go without covering another: the notes already placed (rectangles of {@link Limits#NOTE_WIDTH}
 * by {@link Limits#NOTE_HEIGHT}, top-left at x, y) and a search for the nearest free spot. Deterministic: the same
 * notes placed in the same order give the same answers on every node and in every replay.
 */
public final class FreeSpots {

  static final double W = Limits.NOTE_WIDTH;
  static final double H = Limits.NOTE_HEIGHT;
  /** How many rings of note-sized steps around the wanted spot are searched before giving up (the spot is kept). */
  static final int MAX_RINGS = 300;

  /** Placed notes by the note-sized cell their top-left corner falls in. */
  private final Map<Long, List<double[]>> cells = new HashMap<>();

  private static long key(long cx, long cy) {
    return (cx << 32) ^ (cy & 0xffffffffL);
  }

  public void add(double x, double y) {
    cells.computeIfAbsent(key((long) Math.floor(x / W), (long) Math.floor(y / H)), k -> new ArrayList<>())
        .add(new double[] {x, y});
  }

  /** Whether a note at x, y would overlap a placed one (their rectangles intersect; touching is not overlapping). */
  public boolean overlaps(double x, double y) {
    long cx = (long) Math.floor(x / W);
    long cy = (long) Math.floor(y / H);
    for (long i = cx - 1; i <= cx + 1; i++) {
      for (long j = cy - 1; j <= cy + 1; j++) {
        List<double[]> placed = cells.get(key(i, j));
        if (placed == null) {
          continue;
        }
        for (double[] p : placed) {
          if (Math.abs(p[0] - x) < W && Math.abs(p[1] - y) < H) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * The free spot nearest to x, y among x + i·width, y + j·height (i, j whole numbers) within the coordinate bounds:
   * x, y itself when it is free; of spots equally near, the one lower down, then the one further right. x, y when none
   * is free within {@link #MAX_RINGS} rings.
   */
  public double[] nearestFree(double x, double y) {
    if (!overlaps(x, y)) {
      return new double[] {x, y};
    }
    double[] best = null;
    double bestDistance = Double.MAX_VALUE;
    int bestI = 0;
    int bestJ = 0;
    for (int k = 1; k <= MAX_RINGS; k++) {
      if (best != null && k * Math.min(W, H) > bestDistance) {
        break;
      }
      for (int j = -k; j <= k; j++) {
        for (int i = -k; i <= k; i++) {
          if (Math.max(Math.abs(i), Math.abs(j)) != k) {
            continue;
          }
          double cx = x + i * W;
          double cy = y + j * H;
          if (Math.abs(cx) > Limits.MAX_COORDINATE || Math.abs(cy) > Limits.MAX_COORDINATE) {
            continue;
          }
          double d = Math.hypot(i * W, j * H);
          boolean better = d < bestDistance || (d == bestDistance && (j > bestJ || (j == bestJ && i > bestI)));
          if (better && !overlaps(cx, cy)) {
            best = new double[] {cx, cy};
            bestDistance = d;
            bestI = i;
            bestJ = j;
          }
        }
      }
    }
    return best != null ? best : new double[] {x, y};
  }
}
