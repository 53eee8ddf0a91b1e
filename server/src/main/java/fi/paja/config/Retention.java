package fi.paja.config;

import java.time.Duration;
import java.util.Optional;

/**
 * How long a closed workshop keeps the people in it (README, {@code PAJA_RETENTION_DAYS}, {@code
 * PAJA_DELETE_AFTER_DAYS}, {@code PAJA_RETENTION_CHECK_SECONDS}).
 *
 * @param anonymiseAfter after this long since a workshop was closed, everyone in it is erased (empty: never)
 * @param deleteAfter    after this long since it was closed, the workshop is deleted (empty: never)
 * @param checkEvery     how often the cluster looks for workshops that are due (one node per period does)
 */
public record Retention(Optional<Duration> anonymiseAfter, Optional<Duration> deleteAfter, Duration checkEvery) {

  public static final int DEFAULT_DAYS = 90;
  public static final int DEFAULT_CHECK_SECONDS = 3600;

  public static final Retention DEFAULT = new Retention(Optional.of(Duration.ofDays(DEFAULT_DAYS)), Optional.empty(),
      Duration.ofSeconds(DEFAULT_CHECK_SECONDS));

  public boolean off() {
    return anonymiseAfter.isEmpty() && deleteAfter.isEmpty();
  }

  /** {@code PAJA_RETENTION_DAYS}: a whole number of days (1–36500), or {@code off} (or {@code 0}): never. */
  public static Optional<Duration> days(String v) {
    String s = v.trim();
    if (s.equalsIgnoreCase("off") || s.equals("0")) {
      return Optional.empty();
    }
    int n;
    try {
      n = Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + v + "' is not a whole number of days, or off");
    }
    if (n < 1 || n > 36_500) {
      throw new IllegalArgumentException(n + " is not between 1 and 36500 days (or 0/off for never)");
    }
    return Optional.of(Duration.ofDays(n));
  }
}
